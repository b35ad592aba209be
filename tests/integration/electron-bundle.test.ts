// The desktop app runs bundles, not TypeScript through tsx: the import worker must
// work as bundled, or the packaged app could not import anything.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript build script without type declarations
import { buildElectron } from '../../scripts/build-electron.mjs';
import { PROJECT_ROOT } from '../../main/paths.ts';
import { runImportTask } from '../../main/import/run.ts';
import type { BatchSummary } from '../../main/store/imports.ts';
import { createStore } from '../../main/store/store.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir();

describe('the desktop bundles', () => {
  it('include an import worker that imports a file on its own', async () => {
    // Inside the project, as in the app, so the bundle finds better-sqlite3 in node_modules.
    const built = (await buildElectron({ outDir: join(PROJECT_ROOT, 'dist', 'test-electron-bundle'), log: () => {} })) as { importWorker: string };
    const storeFile = join(dir, 'bundle.sqlite');
    (await createStore(storeFile)).close();
    const batch = await runImportTask<BatchSummary>(
      { op: 'commit', storeFile, request: { path: join(PROJECT_ROOT, 'tests', 'fixtures', 'import', 'payments-utf8.csv'), target: 'payments' } },
      undefined,
      { workerEntry: built.importWorker },
    );
    expect(batch).toMatchObject({ fileName: 'payments-utf8.csv', newCount: 6, rejectedCount: 0 });
  }, 60_000);
});
