// Migration 4 run on a seeded store of the version before it, holding evidence
// written at that version: excerpts keep their place, sessions gain a reference,
// and the evidence API works on the upgraded file.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../../main/api.ts';
import { AppContext } from '../../../main/app-context.ts';
import { MIGRATIONS, migrate } from '../../../main/store/migrate.ts';
import { seedIds, seedInquiry } from '../../../main/store/seed.ts';
import { Writer } from '../../../main/store/writer.ts';
import { tempDir } from '../../helpers/temp.ts';

const dir = tempDir();
const index = MIGRATIONS.findIndex((m) => m.version === 4);
const before = MIGRATIONS[index - 1]!.version;

describe(`migration 4 on a store of version ${before}`, () => {
  const file = join(dir, `v${before}.sqlite`);
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  migrate(db, file, before);
  const writer = new Writer(db);
  seedInquiry(writer);
  const investigationId = db.prepare('SELECT id FROM investigations').pluck().get() as string;
  const kq1 = db.prepare('SELECT id FROM key_questions WHERE number = 1').pluck().get() as string;
  const body = 'Providers said funding arrives late every quarter.';
  const ids = writer.change('Evidence at the version before', (tx) => {
    const witness = tx.insert('witnesses', { name: 'Jane Okafor', perspective: 'provider' });
    const session = tx.insert('evidence_sessions', { investigation_id: investigationId, kind: 'oral', title: 'Oral evidence', held_on: '2024-01-17' });
    tx.insert('session_witnesses', { session_id: session, witness_id: witness });
    const note = tx.insert('notes', { investigation_id: investigationId, session_id: session, witness_id: witness, title: 'Oral evidence: Jane Okafor', body });
    const excerpt = tx.insert('excerpts', { note_id: note, start_offset: 15, end_offset: 50, quote: body.slice(15, 50) });
    const link = tx.insert('evidence_links', { excerpt_id: excerpt, key_question_id: kq1, stance: 'supports' });
    return { witness, session, note, excerpt, link };
  });
  const rowsBefore = db.prepare('SELECT * FROM excerpts').all();
  // A store seeded after migration 2 had run: its terms of reference do not yet say they are the committee's.
  db.prepare('UPDATE sources SET perspective = NULL').run();
  expect(db.pragma('user_version', { simple: true })).toBe(before);
  migrate(db, file, 4);

  it('adds columns and indexes, keeping every row as it was', () => {
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    expect(db.prepare('SELECT * FROM excerpts').all()).toEqual(rowsBefore.map((row) => ({ ...(row as object), lost_at: null })));
    expect(db.prepare('SELECT reference FROM evidence_sessions').pluck().all()).toEqual([null]);
    const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index'").pluck().all();
    expect(indexes).toEqual(expect.arrayContaining(['notes_by_witness', 'links_by_payment', 'suggested_questions_by_question']));
    expect(db.prepare('SELECT perspective FROM sources WHERE id = ?').pluck().get(seedIds().source('tor'))).toBe('committee');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('serves the evidence API on the upgraded file', async () => {
    db.close();
    const context = new AppContext({ face: 'test', appDataDir: join(dir, 'app'), backupAtOpen: false });
    const api = createApi(context);
    await api.call('store.open', { path: file });
    const note = await api.call('notes.get', { id: ids.note });
    expect(note.excerpts).toEqual([expect.objectContaining({ id: ids.excerpt, start: 15, end: 50, quote: 'funding arrives late every quarter.', lost: false })]);
    const kq = (await api.call('questions.list', {})).find((q) => q.id === kq1)!;
    expect(kq.coverage.perspectives.find((p) => p.perspective === 'provider')!.witnesses).toBe(1);
    const { excerpts } = await api.call('notes.update', { id: ids.note, body: 'Nothing of that.' });
    expect(excerpts.lost).toEqual([{ id: ids.excerpt, quote: 'funding arrives late every quarter.' }]);
    const session = await api.call('sessions.update', { id: ids.session, reference: 'PCC 17/01/2024' });
    expect(session.reference).toBe('PCC 17/01/2024');
    context.close();
  });
});
