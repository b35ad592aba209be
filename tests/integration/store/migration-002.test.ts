// Migration 2 run on a seeded store of version 1, with evidence added at version 1.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store/migrate.ts';
import { seedInquiry } from '../../../main/store/seed.ts';
import { Writer } from '../../../main/store/writer.ts';
import { tempDir } from '../../helpers/temp.ts';

const dir = tempDir();

function storeAtVersion1(file: string): { db: Database.Database; writer: Writer } {
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  migrate(db, file, 1);
  const writer = new Writer(db);
  seedInquiry(writer);
  return { db, writer };
}

const search = (db: Database.Database, query: string) =>
  db.prepare("SELECT kind, row_id, highlight(search_index, 2, '[', ']') AS title FROM search_index WHERE search_index MATCH ? ORDER BY rank").all(query) as { kind: string; row_id: string; title: string }[];

describe('migration 2: search, source perspectives, evaluations', () => {
  const file = join(dir, 'v1.sqlite');
  const { db, writer } = storeAtVersion1(file);
  const investigationId = db.prepare('SELECT id FROM investigations').pluck().get() as string;
  const noteId = writer.change('Add a note at version 1', (tx) =>
    tx.insert('notes', { investigation_id: investigationId, title: 'Site visit to Croydon youth hub', body: 'Providers said funding arrives late every quarter.' }));
  expect(db.pragma('user_version', { simple: true })).toBe(1);
  migrate(db, file, 2);

  it('indexes what was already there', () => {
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(search(db, 'croydon')).toEqual([{ kind: 'note', row_id: noteId, title: 'Site visit to [Croydon] youth hub' }]);
    expect(search(db, 'commissioning budget').map((hit) => hit.kind)).toContain('figure');
  });

  it('keeps the index in step with inserts, edits and deletes', () => {
    const serviceId = writer.change('Add a service', (tx) => tx.insert('services', { name: 'Rescue and Response', aims: 'County lines exploitation support' }));
    expect(search(db, 'county lines').map((hit) => hit.row_id)).toEqual([serviceId]);
    writer.change('Rename it', (tx) => tx.update('services', serviceId, { name: 'Rescue & Response' }));
    expect(search(db, 'rescue').map((hit) => hit.title)).toEqual(['[Rescue] & Response']);
    writer.change('Delete it', (tx) => tx.remove('services', serviceId));
    expect(search(db, 'rescue')).toEqual([]);
    writer.undo();
    expect(search(db, 'rescue').map((hit) => hit.row_id)).toEqual([serviceId]);
  });

  it('finds words by their first letters and ignores accents', () => {
    writer.change('Add a source', (tx) => tx.insert('sources', { kind: 'document', title: 'Évaluation of the Your Choice programme' }));
    expect(search(db, 'evaluation').length).toBe(1);
    expect(search(db, 'progr*').length).toBeGreaterThan(0);
  });

  it('marks the terms of reference as the committee\'s own source and adds evaluations', () => {
    expect(db.prepare("SELECT perspective FROM sources WHERE title LIKE '%terms of reference%'").pluck().get()).toBe('committee');
    const serviceId = writer.change('Add a service', (tx) => tx.insert('services', { name: 'Your Choice' }));
    writer.change('Add an evaluation', (tx) => tx.insert('evaluations', { service_id: serviceId, title: 'Interim evaluation', evaluator: 'Anna Freud Centre', finding: 'Fewer violent incidents' }));
    expect(db.prepare('SELECT count(*) FROM evaluations').pluck().get()).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
