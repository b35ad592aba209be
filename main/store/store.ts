// Opening, creating and closing an investigation's store. A file that is not a
// Scrutiny Desk store, is damaged, or comes from a newer version is refused
// before anything is written to it.
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { BackupInfo } from '../../shared/schemas.ts';
import { backupDirFor, listBackups, takeBackup, type BackupPolicy } from './backup.ts';
import { StoreError, classifySqliteError } from './errors.ts';
import { storeLocationWarning } from './location.ts';
import { APPLICATION_ID, SCHEMA_VERSION, migrate, schemaVersionOf } from './migrate.ts';
import { seedInquiry } from './seed.ts';
import { Writer } from './writer.ts';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for this runtime (Electron has its own build). */
  nativeBinding?: string;
  clock?: () => Date;
  backupPolicy?: BackupPolicy;
  /** Run quick_check at open (default). A worker opening a store the app has just checked skips it. */
  checkIntegrity?: boolean;
}

export interface CreateOptions extends OpenOptions {
  seed?: boolean;
}

function databaseOptions(options: OpenOptions, extra: Database.Options = {}): Database.Options {
  return { ...extra, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) };
}

/** Checks what a file really is before SQLite is let near it. */
function assertLooksLikeStore(file: string): void {
  let size: number;
  try {
    const stats = statSync(file);
    if (stats.isDirectory()) throw new StoreError('store-cannot-open', `${file} is a folder, not a store file.`, file);
    size = stats.size;
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError('not-found', `There is no store at ${file}.`, file, 'Check the path, or create a new store there.');
  }
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (size < 100 || !header.equals(SQLITE_HEADER)) {
    throw new StoreError('store-not-database',
      size === 0 ? `${file} is empty: it is not a Scrutiny Desk store.` : `${file} is not a Scrutiny Desk store: it is not an SQLite database.`,
      file, 'Choose the .sqlite file of an investigation, or create a new one. The file has not been changed.');
  }
}

/** Reads the file without writing to it: whose it is, its version and whether it is sound. */
function preflight(file: string, options: OpenOptions): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, databaseOptions(options, { readonly: true, fileMustExist: true }));
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const version = schemaVersionOf(db);
    if (applicationId !== APPLICATION_ID) {
      const tables = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").pluck().get() as number;
      if (applicationId !== 0 || tables > 0 || version > 0) {
        throw new StoreError('store-not-database', `${file} is an SQLite database of another program, not a Scrutiny Desk store.`, file,
          'The file has not been changed.');
      }
    }
    if (version > SCHEMA_VERSION) {
      throw new StoreError('store-newer-version',
        `${file} was written by a newer version of Scrutiny Desk (store version ${version}; this one reads up to ${SCHEMA_VERSION}).`, file,
        'Update Scrutiny Desk to open it. The file has not been changed.');
    }
    const check = options.checkIntegrity === false ? 'ok' : db.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      throw new StoreError('store-corrupt', `${file} is damaged: ${String(check)}.`, file,
        'Open one of its backups instead. The damaged file has not been changed.');
    }
  } catch (error) {
    throw classifySqliteError(error, file);
  } finally {
    db?.close();
  }
}

function applyPragmas(db: Database.Database): string {
  const mode = db.pragma('journal_mode = WAL', { simple: true }) as string;
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('trusted_schema = OFF');
  return mode;
}

export class Store {
  readonly writer: Writer;
  private closed = false;

  constructor(
    readonly file: string,
    readonly db: Database.Database,
    readonly options: OpenOptions,
    readonly journalMode: string,
  ) {
    this.writer = new Writer(db, options.clock);
  }

  get fileName(): string {
    return basename(this.file);
  }

  get schemaVersion(): number {
    return schemaVersionOf(this.db);
  }

  get backupDir(): string {
    return backupDirFor(this.file);
  }

  locationWarning(): string | null {
    const warning = storeLocationWarning(this.file);
    if (warning) return warning;
    if (this.journalMode !== 'wal') {
      return `This store's file system does not support SQLite's write-ahead log (journal mode is ${this.journalMode}); keep it on this computer's own disk.`;
    }
    return null;
  }

  backup(reason: string): Promise<BackupInfo> {
    return takeBackup(this.db, this.file, reason, {
      now: this.options.clock?.(),
      ...(this.options.backupPolicy ? { policy: this.options.backupPolicy } : {}),
      ...(this.options.nativeBinding ? { nativeBinding: this.options.nativeBinding } : {}),
    });
  }

  backups(): BackupInfo[] {
    return listBackups(this.file);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

/** Opens a store for reading only (a worker's view while the app keeps it open). Refuses what openStore refuses. */
export function openStoreReadOnly(path: string, options: OpenOptions = {}): Database.Database {
  const file = resolve(path);
  assertLooksLikeStore(file);
  preflight(file, options);
  try {
    const db = new Database(file, databaseOptions(options, { readonly: true, fileMustExist: true, timeout: 5000 }));
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    throw classifySqliteError(error, file);
  }
}

/** Opens an existing store, migrating it (after a backup) if it is from an older version. */
export async function openStore(path: string, options: OpenOptions = {}): Promise<Store> {
  const file = resolve(path);
  assertLooksLikeStore(file);
  preflight(file, options);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, databaseOptions(options, { fileMustExist: true, timeout: 5000 }));
    const mode = applyPragmas(db);
    const store = new Store(file, db, options, mode);
    if (store.schemaVersion < SCHEMA_VERSION) {
      await store.backup(`before upgrade to version ${SCHEMA_VERSION}`);
      migrate(db, file);
    }
    return store;
  } catch (error) {
    db?.close();
    throw classifySqliteError(error, file);
  }
}

/**
 * Creates a new store. It is built under a temporary name and moved into place only
 * when complete, so a failure never leaves a half-made store behind.
 */
export async function createStore(path: string, options: CreateOptions = {}): Promise<Store> {
  const file = resolve(path);
  if (existsSync(file)) {
    throw new StoreError('conflict', `${file} already exists.`, file, 'Open it instead, or choose another name.');
  }
  const building = `${file}.creating-${process.pid}`;
  try {
    const db = new Database(building, databaseOptions(options));
    try {
      db.pragma('foreign_keys = ON');
      migrate(db, file);
      const writer = new Writer(db, options.clock);
      writer.change('Create store', () => {
        const now = (options.clock?.() ?? new Date()).toISOString();
        db.prepare('INSERT INTO store_info (key, value) VALUES (?, ?), (?, ?)').run('created_at', now, 'created_by_schema', String(SCHEMA_VERSION));
      }, { baseline: true });
      if (options.seed !== false) seedInquiry(writer);
      const check = db.pragma('foreign_key_check') as unknown[];
      if (check.length > 0) throw new StoreError('internal', `The seed left ${check.length} broken references.`, file);
    } finally {
      db.close();
    }
    renameSync(building, file);
  } catch (error) {
    rmSync(building, { force: true });
    rmSync(`${building}-journal`, { force: true });
    throw classifySqliteError(error, file);
  }
  return openStore(file, options);
}
