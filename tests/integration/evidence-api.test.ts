// The Evidence part through the API on a real store: sources, witnesses, evidence
// sessions, notes, coding passages to the key questions, links of other evidence,
// editing a body under its excerpts, deleting with undo, and refusals that name
// the field and change nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import type { MethodName } from '../../shared/contract.ts';
import { seedIds } from '../../main/store/seed.ts';
import { BOROUGH_NOTE, PROVIDER_NOTE, evidenceWorld, passageOf, type EvidenceWorld } from '../helpers/evidence-fixture.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir();
let w: EvidenceWorld;

beforeAll(async () => {
  w = await evidenceWorld(dir, 'evidence');
});

/** Everything a refusal must leave as it was: row counts and the history of changes. */
async function snapshot() {
  const db = w.store().db;
  return {
    counts: await w.api.call('store.counts', {}),
    changeSets: db.prepare('SELECT count(*) FROM change_sets').pluck().get(),
    notes: await Promise.all(Object.values(w.notes).map((n) => w.api.call('notes.get', { id: n.id }))),
  };
}

async function refused(method: MethodName, input: unknown) {
  const before = await snapshot();
  const result = await w.api.dispatch(method, input);
  expect(result.ok, `${method} accepted ${JSON.stringify(input)}`).toBe(false);
  expect(await snapshot()).toEqual(before);
  if (result.ok) throw new Error('unreachable');
  return result.error;
}

describe('sources', () => {
  it('keeps citation details and whom a source speaks for, matching an organisation by name exactly', async () => {
    const { submission, transcript } = w.sources;
    expect(submission).toMatchObject({
      kind: 'written_submission', author: 'Head of Commissioning', publishedOn: '2024-01-10', perspective: 'commissioner',
      organisation: { name: "Mayor's Office for Policing and Crime", kind: 'commissioner' },
    });
    expect(transcript).toMatchObject({ perspective: null, organisation: null });
    expect((await w.api.call('sources.details', { id: transcript.id })).usage).toEqual({ sessions: 1, notes: 0, links: 0, figures: 0 });
    const list = await w.api.call('sources.list', {});
    expect(list.map((s) => s.title)).toContain('Written evidence from MOPAC (MVC003)');
    // The seeded MOPAC and VRU documents speak for commissioners too.
    const commissioners = await w.api.call('sources.list', { perspective: 'commissioner' });
    expect(commissioners.map((s) => s.id)).toContain(submission.id);
    expect(commissioners.every((s) => s.perspective === 'commissioner')).toBe(true);
    expect(commissioners.map((s) => s.id)).not.toContain(transcript.id);
    const seededTor = list.find((s) => s.title.includes('terms of reference'))!;
    expect(seededTor.usage).toMatchObject({ figures: 7 });
    expect(await w.api.call('sources.details', { id: submission.id })).toEqual({ ...submission, usage: { ...submission.usage, sessions: 1 } });
  });

  it('edits, clears and deletes with undo, and refuses what it cannot keep', async () => {
    const report = await w.api.call('sources.create', { kind: 'document', title: 'Evaluation of the Rescue and Response programme', url: '' });
    expect(report.url).toBeNull();
    const edited = await w.api.call('sources.update', { id: report.id, accessedOn: '2024-02-01', url: 'https://example.org/rr.pdf', publisher: 'St Giles Trust' });
    expect(edited).toMatchObject({ accessedOn: '2024-02-01', url: 'https://example.org/rr.pdf', publisher: 'St Giles Trust', title: report.title });
    expect((await w.api.call('sources.update', { id: report.id, publisher: null })).publisher).toBeNull();

    expect((await refused('sources.update', { id: report.id, url: 'javascript:alert(1)' })).message).toMatch(/url: expected a web address/);
    expect((await refused('sources.update', { id: report.id, publishedOn: '30/02/2024' })).message).toMatch(/publishedOn: expected a real date/);
    expect((await refused('sources.create', { kind: 'document', title: '   ' })).message).toMatch(/title: a title is needed/);
    expect(await refused('sources.update', { id: report.id, organisationId: 'nope' })).toMatchObject({ code: 'invalid-input', where: 'organisationId' });

    const tor = seedIds().source('tor');
    const cited = await refused('sources.delete', { id: tor });
    expect(cited).toMatchObject({ code: 'conflict', where: 'id' });
    expect(cited.message).toContain('7 figures');

    expect(await w.api.call('sources.delete', { id: report.id })).toMatchObject({ removed: expect.stringContaining('Rescue and Response') });
    expect(await w.api.dispatch('sources.details', { id: report.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await w.api.call('history.undo', {})).toMatchObject({ label: expect.stringContaining('Delete source') });
    expect((await w.api.call('sources.details', { id: report.id })).publisher).toBeNull();
  });
});

describe('witnesses and evidence sessions', () => {
  it('records whom each witness speaks for, from the organisation when not said', async () => {
    const { provider, borough, commissioner } = w.witnesses;
    expect(provider).toMatchObject({ perspective: 'provider', organisation: { name: 'Safer London', kind: 'provider' } });
    // "Croydon Council" is a known alias of the seeded borough; the perspective follows.
    expect(borough).toMatchObject({ perspective: 'borough', organisation: { name: 'London Borough of Croydon', kind: 'borough' } });
    expect(commissioner).toMatchObject({ perspective: 'commissioner', organisation: { name: "Mayor's Office for Policing and Crime" } });

    const list = await w.api.call('witnesses.list', {});
    expect(list.map((x) => x.name)).toEqual(['Jane Okafor', 'Priya Shah', 'Tom Bright']);
    expect(list.find((x) => x.id === provider.id)).toMatchObject({ notes: 1, links: 0, sessions: [{ id: w.sessions.oral.id, kind: 'oral' }] });
    expect(await refused('witnesses.update', { id: provider.id, organisationId: borough.organisation!.id, organisationName: 'Safer London' }))
      .toMatchObject({ where: 'organisationName', message: expect.stringContaining('not both') });
    expect((await refused('witnesses.create', { name: 'A', perspective: 'journalist' })).message).toMatch(/perspective/);
  });

  it('lists sessions with who attended and their record, newest first, and replaces attendance on update', async () => {
    const sessions = await w.api.call('sessions.list', {});
    expect(sessions.map((s) => [s.kind, s.reference, s.witnesses.map((x) => x.name), s.source?.kind, s.notes])).toEqual([
      ['oral', 'PCC 17/01/2024', ['Jane Okafor', 'Tom Bright'], 'transcript', 2],
      ['written', 'MVC003', ['Priya Shah'], 'written_submission', 1],
    ]);
    const visit = await w.api.call('sessions.create', { kind: 'site_visit', title: 'Visit to a Croydon youth hub', heldOn: '2024-02-05', witnessIds: [w.witnesses.borough.id] });
    const moved = await w.api.call('sessions.update', { id: visit.id, witnessIds: [w.witnesses.provider.id, w.witnesses.borough.id], location: 'Croydon' });
    expect(moved.witnesses.map((x) => x.name)).toEqual(['Jane Okafor', 'Tom Bright']);
    expect(await refused('sessions.update', { id: visit.id, witnessIds: [w.witnesses.provider.id, w.witnesses.provider.id] })).toMatchObject({ where: 'witnessIds.1' });
    expect(await refused('sessions.update', { id: visit.id, witnessIds: ['ghost'] })).toMatchObject({ where: 'witnessIds.0' });
    expect((await refused('sessions.create', { kind: 'hearing', title: 'x' })).message).toMatch(/kind/);
    expect(await w.api.call('sessions.delete', { id: visit.id })).toMatchObject({ effects: [] });
    expect((await w.api.call('sessions.list', {})).length).toBe(2);
  });
});

describe('notes and coding passages', () => {
  it('lists notes without bodies and gives one with its body', async () => {
    const list = await w.api.call('notes.list', {});
    expect(list).toHaveLength(3);
    expect(list[0]).not.toHaveProperty('body');
    const mine = await w.api.call('notes.list', { witnessId: w.witnesses.provider.id });
    expect(mine.map((n) => n.title)).toEqual(['Oral evidence: Jane Okafor, Safer London']);
    expect(mine[0]).toMatchObject({ session: { kind: 'oral' }, witness: { perspective: 'provider' }, counts: { excerpts: 0, links: 0, lostExcerpts: 0 } });
    expect((await w.api.call('notes.get', { id: w.notes.provider.id })).body).toBe(PROVIDER_NOTE);
  });

  it('links a passage to a key question with a stance, reusing the excerpt for the same passage', async () => {
    const [kq1, kq2, , kq4] = w.keyQuestions;
    const words = 'three-month contract extensions made it hard to keep experienced caseworkers';
    const first = await w.api.call('excerpts.link', {
      noteId: w.notes.provider.id, ...passageOf(PROVIDER_NOTE, words), target: kq4!, stance: 'supports', comment: 'Short-term funding harms retention',
    });
    expect(first).toMatchObject({ reusedExcerpt: false, excerpt: { quote: words, lost: false }, link: { stance: 'supports', target: { label: 'Key question 4' } } });
    const second = await w.api.call('excerpts.link', { noteId: w.notes.provider.id, ...passageOf(PROVIDER_NOTE, words), target: kq2!, stance: 'context' });
    expect(second.reusedExcerpt).toBe(true);
    expect(second.excerpt.id).toBe(first.excerpt.id);
    expect(second.excerpt.links.map((l) => l.target.label)).toEqual(['Key question 4', 'Key question 2']);

    const again = await refused('excerpts.link', { noteId: w.notes.provider.id, ...passageOf(PROVIDER_NOTE, words), target: kq4!, stance: 'challenges' });
    expect(again).toMatchObject({ code: 'conflict', where: 'target', message: expect.stringContaining('already linked to key question 4 (as supports)') });

    await w.api.call('excerpts.link', {
      noteId: w.notes.provider.id, ...passageOf(PROVIDER_NOTE, 'the caseworker model had cut repeat victimisation'), target: kq1!, stance: 'supports',
    });
    const note = await w.api.call('notes.get', { id: w.notes.provider.id });
    expect(note.excerpts.map((x) => x.quote)).toEqual(['the caseworker model had cut repeat victimisation', words]);
    expect(note.counts).toEqual({ excerpts: 2, lostExcerpts: 0, links: 3 });
    for (const excerpt of note.excerpts) expect(note.body.slice(excerpt.start!, excerpt.end!)).toBe(excerpt.quote);
  });

  it('refuses bad coding with the field named and nothing changed', async () => {
    const noteId = w.notes.borough.id;
    const target = w.keyQuestions[0]!;
    const ok = { noteId, start: 0, end: 10, target, stance: 'supports' };
    expect((await refused('excerpts.link', { ...ok, stance: 'maybe' })).message).toMatch(/stance: /);
    expect((await refused('excerpts.link', { ...ok, target: undefined })).message).toMatch(/target: /);
    expect((await refused('excerpts.link', { ...ok, target: { ...target, termId: w.terms[0]!.id } })).message).toMatch(/target: .*termId/);
    expect((await refused('excerpts.link', { ...ok, target: { kind: 'finding', id: target.id } })).message).toMatch(/target\.kind: /);
    expect((await refused('excerpts.link', { ...ok, start: 10, end: 10 })).message).toMatch(/end: the passage must end after it starts/);
    expect((await refused('excerpts.link', { ...ok, start: 12, end: 4 })).message).toMatch(/end: /);
    expect((await refused('excerpts.link', { ...ok, start: -1 })).message).toMatch(/start: /);
    expect((await refused('excerpts.link', { ...ok, start: 1.5 })).message).toMatch(/start: /);
    expect(await refused('excerpts.link', { ...ok, end: BOROUGH_NOTE.length + 1 })).toMatchObject({ code: 'invalid-input', where: 'end', message: expect.stringContaining(`only ${BOROUGH_NOTE.length.toLocaleString('en-GB')} characters`) });
    expect(await refused('excerpts.link', { ...ok, start: BOROUGH_NOTE.length, end: BOROUGH_NOTE.length + 3 })).toMatchObject({ where: 'start' });
    expect(await refused('excerpts.link', { ...ok, noteId: 'no-such-note' })).toMatchObject({ where: 'noteId' });
    expect(await refused('excerpts.link', { ...ok, target: { kind: 'term', id: target.id } })).toMatchObject({ where: 'target.id' });
    const blank = BOROUGH_NOTE.indexOf('\n\n');
    expect(await refused('excerpts.link', { ...ok, start: blank, end: blank + 2 })).toMatchObject({ where: 'start', message: expect.stringContaining('only spaces') });

    // Links of other evidence: exactly one piece of evidence, exactly one target.
    const figure = seedIds().figure('budget-2012');
    expect((await refused('links.create', { evidence: { kind: 'figure', id: figure }, target, stance: 'maybe' })).message).toMatch(/stance/);
    expect((await refused('links.create', { evidence: { kind: 'figure', id: figure }, stance: 'supports' })).message).toMatch(/target: /);
    expect((await refused('links.create', { evidence: { kind: 'figure', id: figure }, target, targets: [target], stance: 'supports' })).message).toMatch(/targets/);
    expect((await refused('links.create', { evidence: { kind: 'figure', id: figure, sourceId: 'x' }, target, stance: 'supports' })).message).toMatch(/evidence: .*sourceId/);
    expect((await refused('links.create', { target, stance: 'supports' })).message).toMatch(/evidence: /);
    expect(await refused('links.create', { evidence: { kind: 'payment', id: figure }, target, stance: 'supports' })).toMatchObject({ where: 'evidence.id' });
  });

  it('links other evidence, edits and deletes links, and moves overview.get\'s link counts', async () => {
    const before = await w.api.call('overview.get', {});
    const figure = seedIds().figure('lcpf-cocommissioning');
    const [, , kq3, kq4] = w.keyQuestions;
    const term3 = w.terms[2]!;
    const figureLink = await w.api.call('links.create', { evidence: { kind: 'figure', id: figure }, target: term3, stance: 'context', comment: 'The co-commissioning fund is 18.3% of the LCPF, not 30%' });
    expect(figureLink).toMatchObject({ evidence: { kind: 'figure', id: figure }, target: { kind: 'term', number: 3 } });
    const sourceLink = await w.api.call('links.create', { evidence: { kind: 'source', id: w.sources.submission.id }, target: kq3!, stance: 'supports' });

    const after = await w.api.call('overview.get', {});
    expect(after.evidenceCount).toBe(before.evidenceCount + 2);
    expect(after.terms[2]!.links).toEqual({ ...before.terms[2]!.links, total: before.terms[2]!.links.total + 1, context: before.terms[2]!.links.context + 1 });
    expect(after.questions[2]!.links.supports).toBe(before.questions[2]!.links.supports + 1);

    const listed = await w.api.call('links.list', { evidence: { kind: 'figure', id: figure } });
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ evidence: { title: 'Co-commissioning fund', summary: expect.stringContaining('£9,884,445 in 2022-23 to 2024-25') }, source: { title: 'MOPAC and VRU Commissioning: terms of reference' } });

    const moved = await w.api.call('links.update', { id: sourceLink.id, stance: 'challenges', comment: 'Only self-reported', target: kq4! });
    expect(moved).toMatchObject({ stance: 'challenges', comment: 'Only self-reported', target: { label: 'Key question 4' } });
    expect((await w.api.call('links.update', { id: sourceLink.id, comment: null })).comment).toBeNull();
    expect((await refused('links.update', { id: sourceLink.id, stance: 'maybe' })).message).toMatch(/stance/);

    await w.api.call('links.delete', { id: figureLink.id });
    await w.api.call('links.delete', { id: sourceLink.id });
    expect((await w.api.call('overview.get', {})).evidenceCount).toBe(before.evidenceCount);
    await w.api.call('history.undo', {});
    expect((await w.api.call('overview.get', {})).evidenceCount).toBe(before.evidenceCount + 1);
    await w.api.call('history.redo', {});
    expect((await w.api.call('overview.get', {})).evidenceCount).toBe(before.evidenceCount);
  });

  it('removes an excerpt with its last link, and brings both back on undo', async () => {
    const words = 'Two local projects closed in 2023 as a result.';
    const coded = await w.api.call('excerpts.link', { noteId: w.notes.borough.id, ...passageOf(BOROUGH_NOTE, words), target: w.terms[2]!, stance: 'supports' });
    const deleted = await w.api.call('links.delete', { id: coded.link.id });
    expect(deleted.effects).toEqual(['The excerpt it linked went too, as nothing else links to it.']);
    expect((await w.api.call('notes.get', { id: w.notes.borough.id })).excerpts).toEqual([]);
    await w.api.call('history.undo', {});
    const back = await w.api.call('notes.get', { id: w.notes.borough.id });
    expect(back.excerpts.map((x) => [x.quote, x.links.map((l) => l.id)])).toEqual([[words, [coded.link.id]]]);
    await w.api.call('excerpts.delete', { id: coded.excerpt.id });
    expect((await w.api.call('notes.get', { id: w.notes.borough.id })).counts).toEqual({ excerpts: 0, lostExcerpts: 0, links: 0 });
  });
});

describe('editing a note keeps its excerpts on their text', () => {
  let noteId: string;
  const body = 'Opening remarks.\n\nFunding decisions arrived late every quarter.\n\nThe VRU evaluates programmes with the Youth Endowment Fund.\n\nBoroughs asked for three-year grants.';
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const note = await w.api.call('notes.create', { title: 'Meeting with the VRU', body, witnessId: w.witnesses.commissioner.id });
    noteId = note.id;
    const code = async (key: string, words: string, kind: 'term' | 'keyQuestion', index: number) => {
      const target = kind === 'term' ? w.terms[index]! : w.keyQuestions[index]!;
      ids[key] = (await w.api.call('excerpts.link', { noteId, ...passageOf(body, words), target, stance: 'context' })).excerpt.id;
    };
    await code('late', 'Funding decisions arrived late every quarter.', 'keyQuestion', 3);
    await code('yef', 'The VRU evaluates programmes with the Youth Endowment Fund.', 'keyQuestion', 2);
    await code('grants', 'Boroughs asked for three-year grants.', 'keyQuestion', 3);
  });

  const excerpt = async (key: string) => (await w.api.call('notes.get', { id: noteId })).excerpts.find((x) => x.id === ids[key])!;

  it('re-finds text that moved, follows an edit inside a passage, and names what lost its text', async () => {
    // Text added at the top moves everything; a typo fixed inside one passage; another passage deleted.
    const edited = `Present: the VRU's head of commissioning.\n\n${body}`
      .replace('Youth Endowment Fund', 'Youth Endowment Fund (YEF)')
      .replace('Boroughs asked for three-year grants.', 'Boroughs raised grant lengths.');
    const { note, excerpts } = await w.api.call('notes.update', { id: noteId, body: edited });
    expect(excerpts).toMatchObject({
      moved: 1,
      edited: [{ id: ids.yef, before: 'The VRU evaluates programmes with the Youth Endowment Fund.', after: 'The VRU evaluates programmes with the Youth Endowment Fund (YEF).' }],
      lost: [{ id: ids.grants, quote: 'Boroughs asked for three-year grants.' }],
      found: [],
    });
    expect(excerpts.summary).toContain('1 excerpt lost its text and is kept with its quote: “Boroughs asked for three-year grants.”');
    for (const x of note.excerpts.filter((e) => !e.lost)) expect(note.body.slice(x.start!, x.end!)).toBe(x.quote);
    const lost = note.excerpts.at(-1)!;
    expect(lost).toMatchObject({ id: ids.grants, lost: true, start: null, end: null, quote: 'Boroughs asked for three-year grants.' });
    expect(lost.links).toHaveLength(1);
    expect(note.counts.lostExcerpts).toBe(1);
  });

  it('finds a lost passage again when its words come back, and undoes an edit with its excerpts', async () => {
    const current = await w.api.call('notes.get', { id: noteId });
    const { excerpts } = await w.api.call('notes.update', { id: noteId, body: `${current.body}\n\nBoroughs asked for three-year grants.` });
    expect(excerpts.found).toEqual([{ id: ids.grants, quote: 'Boroughs asked for three-year grants.' }]);
    expect((await excerpt('grants')).lost).toBe(false);
    await w.api.call('history.undo', {});
    expect((await excerpt('grants')).lost).toBe(true);
    await w.api.call('history.undo', {});
    const original = await w.api.call('notes.get', { id: noteId });
    expect(original.body).toBe(body);
    for (const x of original.excerpts) {
      expect(x.lost).toBe(false);
      expect(body.slice(x.start!, x.end!)).toBe(x.quote);
    }
  });

  it('moves an excerpt to another passage, which also re-places a lost one', async () => {
    await w.api.call('notes.update', { id: noteId, body: body.replace('Boroughs asked for three-year grants.', 'Boroughs raised grant lengths.') });
    const current = await w.api.call('notes.get', { id: noteId });
    const placed = await w.api.call('excerpts.update', { id: ids.grants!, ...passageOf(current.body, 'Boroughs raised grant lengths.') });
    expect(placed).toMatchObject({ lost: false, quote: 'Boroughs raised grant lengths.' });
    expect(await refused('excerpts.update', { id: ids.grants!, start: 0, end: current.body.length + 5 })).toMatchObject({ where: 'end' });
    expect(await refused('excerpts.update', { id: ids.grants!, ...passageOf(current.body, 'Funding decisions arrived late every quarter.') }))
      .toMatchObject({ where: 'start', message: expect.stringContaining('Another excerpt') });
  });

  it('keeps everything when only the title or witness changes, and refuses unknown references', async () => {
    const { excerpts } = await w.api.call('notes.update', { id: noteId, title: 'Meeting with the VRU (notes)', witnessId: null });
    expect(excerpts).toMatchObject({ unchanged: 3, moved: 0, edited: [], lost: [], summary: null });
    expect(await refused('notes.update', { id: noteId, sessionId: 'nope' })).toMatchObject({ where: 'sessionId' });
    expect(await refused('notes.update', { id: 'nope', title: 'x' })).toMatchObject({ code: 'not-found' });
    expect((await refused('notes.create', { title: '' })).message).toMatch(/title: a title is needed/);
  });
});

describe('deleting a note', () => {
  it('takes its excerpts and links with it, and history.undo brings all of them back', async () => {
    const before = await w.api.call('notes.get', { id: w.notes.provider.id });
    expect(before.counts.links).toBe(3);
    const overviewBefore = await w.api.call('overview.get', {});
    const result = await w.api.call('notes.delete', { id: w.notes.provider.id });
    expect(result.effects).toEqual(['2 excerpts went with it.', '3 links to the questions went with it.']);
    expect(await w.api.dispatch('notes.get', { id: w.notes.provider.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect((await w.api.call('overview.get', {})).evidenceCount).toBe(overviewBefore.evidenceCount - 3);

    expect(await w.api.call('history.undo', {})).toMatchObject({ label: 'Delete note “Oral evidence: Jane Okafor, Safer London”' });
    expect(await w.api.call('notes.get', { id: w.notes.provider.id })).toEqual(before);
    expect((await w.api.call('overview.get', {})).evidenceCount).toBe(overviewBefore.evidenceCount);
    expect(w.store().db.pragma('foreign_key_check')).toEqual([]);
  });

  it('deletes a witness or session without losing the notes, which stay without them', async () => {
    const extra = await w.api.call('witnesses.create', { name: 'Sam Lee', perspective: 'service_user' });
    const note = await w.api.call('notes.create', { title: 'Conversation with a young person', body: 'The mentor helped me go back to college.', witnessId: extra.id });
    const result = await w.api.call('witnesses.delete', { id: extra.id });
    expect(result.effects).toEqual(['1 note no longer names a witness; their links stay.']);
    expect((await w.api.call('notes.get', { id: note.id })).witness).toBeNull();
    await w.api.call('history.undo', {});
    expect((await w.api.call('notes.get', { id: note.id })).witness?.name).toBe('Sam Lee');
  });
});
