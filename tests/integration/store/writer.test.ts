import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../../main/store/store.ts';
import { tempDir } from '../../helpers/temp.ts';

const dir = tempDir();
let ticks = 0;
const store = await createStore(join(dir, 'history.sqlite'), { clock: () => new Date(Date.UTC(2026, 10, 25, 9, 0, ticks++)) });
const { db, writer } = store;
const investigationId = db.prepare('SELECT id FROM investigations').pluck().get() as string;
const kq1 = db.prepare('SELECT id FROM key_questions WHERE number = 1').pluck().get() as string;
const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('the write path and its history', () => {
  it('gives every new row a stable id, created and updated times, and records it', () => {
    const id = writer.change('Add a note', (tx) => tx.insert('notes', { investigation_id: investigationId, title: 'Site visit, Croydon', body: 'Met the provider.' }));
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const row = db.prepare('SELECT created_at, updated_at FROM notes WHERE id = ?').get(id) as { created_at: string; updated_at: string };
    expect(row.created_at).toMatch(/^2026-11-25T09:00:\d\d\.000Z$/);
    expect(row.updated_at).toBe(row.created_at);
    const change = db.prepare("SELECT action, before_json, after_json FROM changes WHERE row_id = ?").get(id) as { action: string; before_json: null; after_json: string };
    expect(change.action).toBe('insert');
    expect(JSON.parse(change.after_json).title).toBe('Site visit, Croydon');
  });

  it('undoes and redoes an edit', () => {
    const id = writer.change('Add a note', (tx) => tx.insert('notes', { investigation_id: investigationId, title: 'Draft', body: '' }));
    writer.change('Retitle the note', (tx) => tx.update('notes', id, { title: 'Oral evidence, 3 April 2023' }));
    expect(db.prepare('SELECT title FROM notes WHERE id = ?').pluck().get(id)).toBe('Oral evidence, 3 April 2023');
    expect(writer.undo()?.label).toBe('Retitle the note');
    expect(db.prepare('SELECT title FROM notes WHERE id = ?').pluck().get(id)).toBe('Draft');
    expect(writer.redo()?.label).toBe('Retitle the note');
    expect(db.prepare('SELECT title FROM notes WHERE id = ?').pluck().get(id)).toBe('Oral evidence, 3 April 2023');
  });

  it('records nothing for an edit that changes nothing', () => {
    const id = writer.change('Add a note', (tx) => tx.insert('notes', { investigation_id: investigationId, title: 'Same', body: '' }));
    const before = count('change_sets');
    const changed = writer.change('Save unchanged', (tx) => tx.update('notes', id, { title: 'Same' }));
    expect(changed).toBe(false);
    expect(count('change_sets')).toBe(before);
  });

  it('deletes a row with what depends on it, and undo brings all of it back', () => {
    const noteId = writer.change('Add a note with a coded passage', (tx) => {
      const note = tx.insert('notes', { investigation_id: investigationId, title: 'Borough lead interview', body: 'Funding is only ever for one year.' });
      const excerpt = tx.insert('excerpts', { note_id: note, start_offset: 0, end_offset: 34, quote: 'Funding is only ever for one year.' });
      tx.insert('evidence_links', { key_question_id: kq1, excerpt_id: excerpt, stance: 'challenges', comment: 'short-term funding' });
      return note;
    });
    expect(count('evidence_links')).toBe(1);
    writer.change('Delete the note', (tx) => tx.remove('notes', noteId));
    expect(count('excerpts')).toBe(0);
    expect(count('evidence_links')).toBe(0);
    writer.undo();
    expect(count('excerpts')).toBe(1);
    expect(db.prepare('SELECT stance, comment FROM evidence_links').get()).toEqual({ stance: 'challenges', comment: 'short-term funding' });
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('a new edit after an undo ends the chance to redo', () => {
    writer.change('Add a source', (tx) => tx.insert('sources', { kind: 'dataset', title: 'Payments over £500, 2023-24' }));
    writer.undo();
    writer.change('Add another source', (tx) => tx.insert('sources', { kind: 'dataset', title: 'LCPF allocations' }));
    expect(writer.redo()).toBeNull();
    expect(db.prepare("SELECT count(*) FROM sources WHERE title LIKE 'Payments over%'").pluck().get()).toBe(0);
  });

  it('rolls back the whole change when any part of it fails', () => {
    const before = count('notes');
    expect(() => writer.change('Two notes, one bad', (tx) => {
      tx.insert('notes', { investigation_id: investigationId, title: 'Fine', body: '' });
      tx.insert('notes', { investigation_id: 'no such investigation', title: 'Orphan', body: '' });
    })).toThrow();
    expect(count('notes')).toBe(before);
  });

  it('refuses fields a table does not have, and edits to ids and times', () => {
    expect(() => writer.change('Bad field', (tx) => tx.insert('sources', { kind: 'document', title: 'x', colour: 'red' }))).toThrow('sources has no field "colour"');
    const id = writer.change('Add a source', (tx) => tx.insert('sources', { kind: 'document', title: 'y' }));
    expect(() => writer.change('Bad edit', (tx) => tx.update('sources', id, { created_at: 'yesterday' }))).toThrow('created_at cannot be edited');
  });

  it('refuses to delete a source that figures still cite', () => {
    const sourceId = db.prepare('SELECT source_id FROM figures LIMIT 1').pluck().get() as string;
    expect(() => writer.change('Delete the terms of reference', (tx) => tx.remove('sources', sourceId))).toThrow(/still used by/);
    expect(db.prepare('SELECT count(*) FROM sources WHERE id = ?').pluck().get(sourceId)).toBe(1);
  });
});
