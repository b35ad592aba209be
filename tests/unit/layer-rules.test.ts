// The layer rules of architecture.md are enforced by lint; these tests prove the
// rules fire on code that breaks them and stay quiet on code that keeps them.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function messagesFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message}`);
}

describe('layer rules', () => {
  it('keeps shared/ free of main/, renderer/, Node built-ins and the DOM', async () => {
    expect(await messagesFor('shared/example.ts', "import { createApi } from '../main/api.ts';\nexport const a = createApi;\n")).toEqual(
      [expect.stringContaining('Reach main/ only through the API contract')],
    );
    expect((await messagesFor('shared/example.ts', "import { App } from '../renderer/src/App.tsx';\nexport const a = App;\n"))[0]).toContain('never import the renderer');
    expect((await messagesFor('shared/example.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"))[0]).toContain('no Node built-ins');
    expect((await messagesFor('shared/example.ts', 'export const title = document.title;\n'))[0]).toContain('no-restricted-globals');
    expect(await messagesFor('shared/example.ts', "import { z } from 'zod';\nexport const a = z.string();\n")).toEqual([]);
  });

  it('keeps the renderer to the contract', async () => {
    expect((await messagesFor('renderer/src/x.ts', "import { openStore } from '../../main/store/store.ts';\nexport const a = openStore;\n"))[0]).toContain('API contract');
    expect((await messagesFor('renderer/src/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;\n"))[0]).toContain('All SQL lives in main/store/');
    expect((await messagesFor('renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n"))[0]).toContain('Only main/electron/');
  });

  it('lets only main/electron import electron', async () => {
    const code = "import { app } from 'electron';\nexport const a = app;\n";
    expect((await messagesFor('main/web/x.ts', code))[0]).toContain('Only main/electron/');
    expect(await messagesFor('main/electron/x.ts', code)).toEqual([]);
  });

  it('keeps SQL in main/store', async () => {
    const code = "export const q = 'SELECT * FROM services';\n";
    expect((await messagesFor('main/api-extra.ts', code))[0]).toContain('All SQL lives in main/store/');
    expect((await messagesFor('main/web/x.ts', 'export const q = `DELETE FROM services WHERE id = ${1}`;\n'))[0]).toContain('All SQL lives in main/store/');
    expect(await messagesFor('main/store/x.ts', code)).toEqual([]);
  });

  it('refuses focused tests', async () => {
    expect((await messagesFor('tests/unit/x.test.ts', "import { it } from 'vitest';\nit.only('x', () => {});\n"))[0]).toContain('remove .only');
  });
});
