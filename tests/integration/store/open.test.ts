import { existsSync, readdirSync, statSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../../main/store/errors.ts';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, migrate, type Migration } from '../../../main/store/migrate.ts';
import { createStore, openStore } from '../../../main/store/store.ts';
import { sha256, tempDir } from '../../helpers/temp.ts';

const dir = tempDir();
let counter = 0;
const fresh = (name = 'store') => join(dir, `${name}-${++counter}.sqlite`);

async function refusal(path: string): Promise<StoreError> {
  try {
    const store = await openStore(path);
    store.close();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return error as StoreError;
  }
  throw new Error(`${path} opened, but should have been refused`);
}

describe('a new store', () => {
  it('is created at the current schema version with the safe pragmas', async () => {
    const store = await createStore(fresh());
    expect(store.schemaVersion).toBe(SCHEMA_VERSION);
    expect(store.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    store.close();
  });

  it('keeps what was written when reopened', async () => {
    const path = fresh();
    const first = await createStore(path);
    const id = first.writer.change('Add a source', (tx) => tx.insert('sources', { kind: 'document', title: 'Borough survey' }));
    first.close();
    const again = await openStore(path);
    expect(again.db.prepare('SELECT title FROM sources WHERE id = ?').pluck().get(id)).toBe('Borough survey');
    expect(again.schemaVersion).toBe(SCHEMA_VERSION);
    again.close();
  });

  it('refuses to overwrite an existing file', async () => {
    const path = fresh();
    writeFileSync(path, 'my notes');
    await expect(createStore(path)).rejects.toMatchObject({ code: 'conflict' });
    expect(statSync(path).size).toBe('my notes'.length);
  });

  it('leaves nothing behind when it cannot be created', async () => {
    const path = join(dir, 'no such folder', 'store.sqlite');
    await expect(createStore(path)).rejects.toBeInstanceOf(StoreError);
    expect(existsSync(join(dir, 'no such folder'))).toBe(false);
    expect(readdirSync(dir).filter((name) => name.includes('.creating-'))).toEqual([]);
  });
});

describe('files that are refused and left untouched', () => {
  it('refuses a store from a newer version, byte for byte unchanged', async () => {
    const path = fresh('newer');
    (await createStore(path)).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const before = sha256(path);
    const modified = statSync(path).mtimeMs;
    const error = await refusal(path);
    expect(error.code).toBe('store-newer-version');
    expect(error.message).toContain(path);
    expect(error.message).toContain(`store version ${SCHEMA_VERSION + 1}`);
    expect(error.hint).toContain('has not been changed');
    expect(sha256(path)).toBe(before);
    expect(statSync(path).mtimeMs).toBe(modified);
  });

  it.each([
    ['an empty file', Buffer.alloc(0)],
    ['a text file', Buffer.from('Date,Supplier,Amount\n03/04/2023,St Giles Trust,£1,234\n')],
    ['a PDF renamed .sqlite', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4000, 7)])],
    ['random bytes', Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 251))],
  ])('refuses %s as not a database', async (_label, bytes) => {
    const path = fresh('not-db');
    writeFileSync(path, bytes);
    const before = sha256(path);
    const error = await refusal(path);
    expect(error.code).toBe('store-not-database');
    expect(error.message).toContain(path);
    expect(sha256(path)).toBe(before);
  });

  it('refuses another program\'s SQLite database', async () => {
    const path = fresh('other-app');
    const raw = new Database(path);
    raw.exec('CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT)');
    raw.close();
    const before = sha256(path);
    const error = await refusal(path);
    expect(error.code).toBe('store-not-database');
    expect(error.message).toContain('another program');
    expect(sha256(path)).toBe(before);
  });

  it('refuses a damaged store and names it', async () => {
    const path = fresh('damaged');
    const store = await createStore(path);
    store.writer.change('Add notes', (tx) => {
      for (let i = 0; i < 200; i += 1) tx.insert('sources', { kind: 'document', title: `Source ${i} `.repeat(20) });
    });
    store.close();
    const raw = new Database(path);
    raw.pragma('journal_mode = DELETE');
    raw.close();
    // Scribble over the middle of the file, as a sync tool copying mid-write might.
    const fd = openSync(path, 'r+');
    const size = statSync(path).size;
    writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    const before = sha256(path);
    const error = await refusal(path);
    expect(['store-corrupt', 'store-not-database']).toContain(error.code);
    expect(error.message).toContain(path);
    expect(sha256(path)).toBe(before);
  });

  it('says plainly when there is no file', async () => {
    const error = await refusal(join(dir, 'missing.sqlite'));
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('missing.sqlite');
  });
});

describe('migrations', () => {
  it('each runs in its own transaction: a failing one leaves the store at the version before', async () => {
    const path = fresh('failing');
    (await createStore(path)).close();
    const db = new Database(path);
    const broken: Migration = {
      version: SCHEMA_VERSION + 1,
      name: 'broken',
      up(target) {
        target.exec('CREATE TABLE half_done (id TEXT)');
        throw new Error('disk trouble halfway');
      },
    };
    expect(() => migrate(db, path, SCHEMA_VERSION + 1, [...MIGRATIONS, broken])).toThrow('disk trouble halfway');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuses to commit a migration that breaks references', async () => {
    const path = fresh('orphans');
    (await createStore(path)).close();
    const db = new Database(path);
    db.pragma('foreign_keys = OFF');
    const orphaning: Migration = {
      version: SCHEMA_VERSION + 1,
      name: 'orphaning',
      up(target) {
        target.prepare("INSERT INTO tor_items (id, created_at, updated_at, investigation_id, number, text) VALUES ('x', 'now', 'now', 'nobody', 99, 'orphan')").run();
      },
    };
    expect(() => migrate(db, path, SCHEMA_VERSION + 1, [...MIGRATIONS, orphaning])).toThrow(/broken references/);
    expect(db.prepare("SELECT count(*) FROM tor_items WHERE id = 'x'").pluck().get()).toBe(0);
    db.close();
  });

  it('only ever add to the schema: every table and column of version N-1 survives version N', () => {
    const columnsOf = (db: Database.Database) => {
      const shape = new Map<string, Set<string>>();
      const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
      for (const table of tables) shape.set(table, new Set((db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name)));
      return shape;
    };
    const db = new Database(':memory:');
    let previous = columnsOf(db);
    for (const migration of MIGRATIONS) {
      migrate(db, ':memory:', migration.version);
      const next = columnsOf(db);
      for (const [table, columns] of previous) {
        expect(next.has(table), `${table} dropped by migration ${migration.version}`).toBe(true);
        for (const column of columns) expect(next.get(table)!.has(column), `${table}.${column} dropped by migration ${migration.version}`).toBe(true);
      }
      expect(next.size).toBeGreaterThan(previous.size === 0 ? 0 : previous.size - 1);
      previous = next;
    }
    db.close();
  });

  it('backs up a store before upgrading it, and the backup is the old version', async () => {
    // A file marked as ours at version 0 stands in for a store of an older release.
    const path = fresh('old');
    const raw = new Database(path);
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    raw.close();
    const store = await openStore(path);
    expect(store.schemaVersion).toBe(SCHEMA_VERSION);
    const [backup] = store.backups();
    expect(backup?.reason).toBe(`before upgrade to version ${SCHEMA_VERSION}`);
    const copy = new Database(backup!.path, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(0);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    store.close();
  });
});
