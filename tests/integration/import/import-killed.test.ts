// The importing process killed mid-commit (a real child process, SIGKILL): the
// store must open cleanly, pass integrity_check, and hold none of the batch.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../main/paths.ts';
import { createStore, openStore } from '../../../main/store/store.ts';
import { paymentRows, writeCsv } from '../../helpers/generate.ts';
import { tempDir } from '../../helpers/temp.ts';

const dir = tempDir();

describe('an import killed mid-commit', () => {
  it('leaves the store sound and without any of the batch', async () => {
    const storePath = join(dir, 'killed.sqlite');
    (await createStore(storePath)).close();
    const csv = join(dir, 'payments.csv');
    writeCsv(csv, paymentRows(150_000));

    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'main', 'cli', 'scrutiny.mjs'), 'import', csv, '--store', storePath, '--target', 'payments'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SCRUTINY_DATA_DIR: join(dir, 'app') },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));

    // The commit writes its transaction into the write-ahead log before it commits:
    // once the log holds several megabytes, the commit is under way.
    const wal = `${storePath}-wal`;
    const deadline = Date.now() + 120_000;
    let walBytes = 0;
    while (Date.now() < deadline) {
      walBytes = existsSync(wal) ? statSync(wal).size : 0;
      if (walBytes > 4 * 1024 * 1024 || child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(child.exitCode, `the import finished before it could be killed: ${output}`).toBeNull();
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(walBytes).toBeGreaterThan(4 * 1024 * 1024);
    expect(output).not.toContain('Imported');

    const store = await openStore(storePath);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    expect(store.db.prepare('SELECT count(*) FROM payments').pluck().get()).toBe(0);
    expect(store.db.prepare('SELECT count(*) FROM import_batches').pluck().get()).toBe(0);
    expect(store.db.prepare('SELECT count(*) FROM change_sets').pluck().get()).toBe(0);
    expect(store.db.prepare("SELECT count(*) FROM organisations WHERE kind = 'provider'").pluck().get()).toBe(0);
    store.close();
    // And the file alone, opened by plain SQLite, agrees.
    const raw = new Database(storePath, { readonly: true });
    expect(raw.prepare('SELECT count(*) FROM payments').pluck().get()).toBe(0);
    raw.close();
  }, 180_000);
});
