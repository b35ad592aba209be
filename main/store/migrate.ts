// Numbered migrations, each in its own transaction. A migration commits only if
// the whole file still passes integrity_check and foreign_key_check afterwards.
import type Database from 'better-sqlite3';
import { initialSchema } from './migrations/001_initial.ts';
import { searchAndPerspectives } from './migrations/002_search_and_perspectives.ts';
import { fundingRollups } from './migrations/003_funding_rollups.ts';
import { evidenceWorkbench } from './migrations/004_evidence_workbench.ts';
import { StoreError } from './errors.ts';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [initialSchema, searchAndPerspectives, fundingRollups, evidenceWorkbench];
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
/** "SCRD": marks a file as a Scrutiny Desk store in its SQLite header. */
export const APPLICATION_ID = 0x53435244;

export function schemaVersionOf(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings a store up to `target` (default: this app's version). Returns the versions applied. */
export function migrate(db: Database.Database, file: string, target = SCHEMA_VERSION, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const applied: number[] = [];
  const current = schemaVersionOf(db);
  const newest = migrations[migrations.length - 1]?.version ?? 0;
  if (current > newest) {
    throw new StoreError('store-newer-version',
      `${file} was written by a newer Scrutiny Desk (store version ${current}; this one reads up to ${newest}).`, file,
      'Update Scrutiny Desk to open it. The file has not been changed.');
  }
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      migration.up(db);
      const integrity = db.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') {
        throw new StoreError('store-corrupt', `Migration ${migration.version} (${migration.name}) left ${file} failing integrity_check: ${String(integrity)}`, file);
      }
      const orphans = db.pragma('foreign_key_check') as unknown[];
      if (orphans.length > 0) {
        throw new StoreError('store-corrupt', `Migration ${migration.version} (${migration.name}) left ${orphans.length} broken references in ${file}; it was rolled back.`, file);
      }
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${migration.version}`);
    })();
    applied.push(migration.version);
  }
  return applied;
}
