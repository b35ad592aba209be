import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../main/api.ts';
import { AppContext } from '../../main/app-context.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir();
const context = new AppContext({ face: 'test', appDataDir: join(dir, 'app') });
await context.create(join(dir, 'search.sqlite'));
const api = createApi(context);
const store = context.requireStore();
const investigationId = store.db.prepare('SELECT id FROM investigations').pluck().get() as string;
const noteId = store.writer.change('Add notes', (tx) => {
  tx.insert('notes', { investigation_id: investigationId, title: 'Evidence session 2: providers', body: 'St Giles Trust said the co-commissioning fund arrives late.' });
  return tx.insert('notes', { investigation_id: investigationId, title: 'Site visit to a Croydon youth hub', body: 'Young people spoke about knife crime and safe spaces.' });
});
const text = (segments: { text: string }[]) => segments.map((s) => s.text).join('');
const marked = (segments: { text: string; match: boolean }[]) => segments.filter((s) => s.match).map((s) => s.text);

describe('search.query', () => {
  it('finds a note by words in its title and body, with the matches marked', async () => {
    const { hits, total } = await api.call('search.query', { text: 'croydon knife' });
    expect(total).toBe(1);
    expect(hits[0]).toMatchObject({ kind: 'note', id: noteId });
    expect(text(hits[0]!.title)).toBe('Site visit to a Croydon youth hub');
    expect(marked(hits[0]!.title)).toEqual(['Croydon']);
    expect(marked(hits[0]!.snippet)).toEqual(['knife']);
  });

  it('matches as the person types, and ranks title matches first', async () => {
    const { hits } = await api.call('search.query', { text: 'commissioning bud' });
    expect(hits.length).toBeGreaterThanOrEqual(4);
    expect(hits.slice(0, 4).every((hit) => hit.kind === 'figure')).toBe(true);
  });

  it('narrows to kinds, and copes with text that looks like search syntax', async () => {
    const { hits } = await api.call('search.query', { text: 'co-commissioning', kinds: ['note'] });
    expect(hits.map((hit) => text(hit.title))).toEqual(['Evidence session 2: providers']);
    expect((await api.call('search.query', { text: '"AND (OR*' })).hits).toEqual([]);
    expect((await api.call('search.query', { text: '' })).total).toBe(0);
  });

  it('forgets what was deleted and finds it again after undo', async () => {
    store.writer.change('Delete the note', (tx) => tx.remove('notes', noteId));
    expect((await api.call('search.query', { text: 'croydon' })).total).toBe(0);
    await api.call('history.undo', {});
    expect((await api.call('search.query', { text: 'croydon' })).total).toBe(1);
  });
});
