// The CLI as a user runs it: a real child process through the package's bin shim.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../main/paths.ts';
import { SCHEMA_VERSION } from '../../main/store/migrate.ts';
import { sha256, tempDir } from '../helpers/temp.ts';

const dir = tempDir();
const bin = join(PROJECT_ROOT, 'main', 'cli', 'scrutiny.mjs');

function scrutiny(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, SCRUTINY_DATA_DIR: join(dir, 'app-data') } });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('scrutiny command line', () => {
  it('init creates a seeded store and info --json reports its version and counts', () => {
    const store = join(dir, 'x.sqlite');
    const init = scrutiny('init', store);
    expect(init.code).toBe(0);
    expect(init.out).toContain(`Created ${store}`);
    expect(init.out).toContain('3 terms of reference, 4 key questions, 33 boroughs');
    const info = scrutiny('info', store, '--json');
    expect(info.code).toBe(0);
    const report = JSON.parse(info.out);
    expect(report).toMatchObject({ file: store, schemaVersion: SCHEMA_VERSION, investigation: 'MOPAC and VRU Commissioning' });
    expect(report.counts).toMatchObject({ tor_items: 3, key_questions: 4, boroughs: 33, figures: 7, funds: 6, services: 0 });
    // info only reads: no backup folder appears beside the store.
    expect(existsSync(join(dir, 'x backups'))).toBe(false);
  });

  it('info without --json is readable', () => {
    const store = join(dir, 'y.sqlite');
    scrutiny('init', store);
    const info = scrutiny('info', store);
    expect(info.out).toMatch(/Investigation: MOPAC and VRU Commissioning/);
    expect(info.out).toMatch(/key questions\s+4/);
  });

  it('refuses to init over an existing file and leaves it alone', () => {
    const store = join(dir, 'taken.sqlite');
    writeFileSync(store, 'precious');
    const before = sha256(store);
    const result = scrutiny('init', store);
    expect(result.code).toBe(1);
    expect(result.err).toContain('already exists');
    expect(sha256(store)).toBe(before);
  });

  it('explains a file that is not a store, exit code 1', () => {
    const file = join(dir, 'notes.sqlite');
    writeFileSync(file, 'Not a database at all, just some notes typed by hand.');
    const result = scrutiny('info', file, '--json');
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${file} is not a Scrutiny Desk store`);
    expect(result.out).toBe('');
  });

  it('answers a command line it does not understand with usage, exit code 2', () => {
    expect(scrutiny('frobnicate').code).toBe(2);
    const missing = scrutiny('info');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('scrutiny info takes one FILE');
    expect(scrutiny('info', 'a.sqlite', '--colour').code).toBe(2);
    expect(scrutiny('help').out).toContain('scrutiny init FILE');
  });
});
