// The Questions part through the API on a real store: the checklist's counts,
// coverage and gaps moving as passages are coded; one question's evidence by
// stance with its sources; status, draft finding and suggested questions with
// undo; the matrix against witnesses, perspectives and kinds of source.
import { beforeAll, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../shared/contract.ts';
import { BOROUGH_NOTE, COMMISSIONER_NOTE, PROVIDER_NOTE, evidenceWorld, passageOf, type EvidenceWorld } from '../helpers/evidence-fixture.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir();
let w: EvidenceWorld;

beforeAll(async () => {
  w = await evidenceWorld(dir, 'questions');
});

type Summary = MethodOutput<'questions.list'>[number];
const questionsList = () => w.api.call('questions.list', {});
const kq = async (n: number) => (await questionsList()).find((q) => q.kind === 'keyQuestion' && q.number === n)!;
const term = async (n: number) => (await questionsList()).find((q) => q.kind === 'term' && q.number === n)!;
const gapTexts = (item: Summary) => item.gaps.map((g) => g.text);
const perspective = (item: Summary, p: string) => item.coverage.perspectives.find((x) => x.perspective === p)!;

const PROVIDER_PASSAGE = 'three-month contract extensions made it hard to keep experienced caseworkers';
const BOROUGH_PASSAGE = 'the move of 30 per cent of the London Crime Prevention Fund to co-commissioning had reduced the money Croydon could direct to local need';
const COMMISSIONER_PASSAGE = 'co-commissioning lets boroughs buy London-wide services at better value than each could alone';
const REPORTING_PASSAGE = 'every commissioned service reports quarterly against the outcomes framework';

describe('the questions checklist', () => {
  it('lists the terms of reference then the key questions, with nothing linked and that said plainly', async () => {
    const list = await questionsList();
    expect(list.map((q) => q.label)).toEqual([
      'Term of reference 1', 'Term of reference 2', 'Term of reference 3', 'Key question 1', 'Key question 2', 'Key question 3', 'Key question 4',
    ]);
    for (const item of list) {
      expect(item.links).toEqual({ total: 0, supports: 0, challenges: 0, context: 0 });
      expect(item.gaps).toEqual([{ code: 'no-evidence', perspective: null, text: 'No evidence linked yet' }]);
      expect(item.coverage).toMatchObject({ sources: 0, witnesses: 0, kinds: { oral: 0, written: 0, siteVisit: 0, other: 0 } });
      expect(item.status).toBe('not_started');
    }
  });

  it('counts by stance and measures coverage as passages are coded, naming the gaps that remain', async () => {
    const kq4 = w.keyQuestions[3]!;
    // 1. The provider's oral evidence supports key question 4.
    await w.api.call('excerpts.link', { noteId: w.notes.provider.id, ...passageOf(PROVIDER_NOTE, PROVIDER_PASSAGE), target: kq4, stance: 'supports', comment: 'Short contracts cost staff' });
    let item = await kq(4);
    expect(item.links).toEqual({ total: 1, supports: 1, challenges: 0, context: 0 });
    expect(item.coverage).toMatchObject({ witnesses: 1, sources: 1, unattributedSources: 1, kinds: { oral: 1, written: 0, siteVisit: 0, other: 0 } });
    expect(perspective(item, 'provider')).toEqual({ perspective: 'provider', label: 'Providers', witnesses: 1, sources: 0 });
    expect(gapTexts(item)).toEqual([
      'No evidence from commissioners yet', 'No evidence from boroughs yet', 'No evidence from service users yet', 'No evidence from experts yet',
      'Nothing challenges this yet',
    ]);

    // 2. The borough's oral evidence challenges it.
    await w.api.call('excerpts.link', { noteId: w.notes.borough.id, ...passageOf(BOROUGH_NOTE, BOROUGH_PASSAGE), target: kq4, stance: 'challenges' });
    item = await kq(4);
    expect(item.links).toEqual({ total: 2, supports: 1, challenges: 1, context: 0 });
    // Both spoke in one session recorded in one transcript: two witnesses, one source.
    expect(item.coverage).toMatchObject({ witnesses: 2, sources: 1, kinds: { oral: 2 } });
    expect(perspective(item, 'borough').witnesses).toBe(1);
    expect(gapTexts(item)).toEqual(['No evidence from commissioners yet', 'No evidence from service users yet', 'No evidence from experts yet']);

    // 3. The commissioner's written submission gives context; its note names no witness, but the session has one.
    await w.api.call('excerpts.link', { noteId: w.notes.commissioner.id, ...passageOf(COMMISSIONER_NOTE, COMMISSIONER_PASSAGE), target: kq4, stance: 'context' });
    item = await kq(4);
    expect(item.links).toEqual({ total: 3, supports: 1, challenges: 1, context: 1 });
    expect(item.coverage).toMatchObject({ witnesses: 3, sources: 2, unattributedSources: 1, kinds: { oral: 2, written: 1, siteVisit: 0, other: 0 } });
    expect(perspective(item, 'commissioner')).toMatchObject({ witnesses: 1, sources: 1 });
    expect(item.gaps).toEqual([
      { code: 'no-perspective', perspective: 'service_user', text: 'No evidence from service users yet' },
      { code: 'no-perspective', perspective: 'expert', text: 'No evidence from experts yet' },
    ]);
  });

  it('names a missing stance and missing oral evidence for a question with written evidence only', async () => {
    await w.api.call('excerpts.link', { noteId: w.notes.commissioner.id, ...passageOf(COMMISSIONER_NOTE, REPORTING_PASSAGE), target: w.keyQuestions[2]!, stance: 'supports' });
    const item = await kq(3);
    expect(gapTexts(item)).toEqual([
      'No evidence from providers yet', 'No evidence from boroughs yet', 'No evidence from service users yet', 'No evidence from experts yet',
      'Nothing challenges this yet', 'No oral evidence yet',
    ]);
    const challenged = await w.api.call('links.create', { evidence: { kind: 'note', id: w.notes.borough.id }, target: w.keyQuestions[2]!, stance: 'challenges' });
    expect(gapTexts(await kq(3))).not.toContain('Nothing challenges this yet');
    expect(gapTexts(await kq(3))).not.toContain('No oral evidence yet');
    await w.api.call('links.delete', { id: challenged.id });
    expect(gapTexts(await kq(3))).toContain('No oral evidence yet');
  });

  it('counts a figure\'s source and says when nothing supports a term', async () => {
    const figure = (await w.api.call('overview.get', {})).lcpfSplit.find((f) => f.label === 'Co-commissioning fund')!;
    await w.api.call('links.create', { evidence: { kind: 'figure', id: figure.id }, target: w.terms[2]!, stance: 'challenges', comment: '18.3% of the fund, not 30%' });
    const item = await term(3);
    expect(item.coverage).toMatchObject({ sources: 1, witnesses: 0, kinds: { other: 1 } });
    expect(gapTexts(item)).toContain('Nothing supports this yet');
    expect(gapTexts(item)).not.toContain('Nothing challenges this yet');
  });

  it('agrees with overview.get\'s link counts', async () => {
    const overview = await w.api.call('overview.get', {});
    const list = await questionsList();
    expect(list.filter((q) => q.kind === 'term').map((q) => q.links)).toEqual(overview.terms.map((t) => t.links));
    expect(list.filter((q) => q.kind === 'keyQuestion').map((q) => q.links)).toEqual(overview.questions.map((t) => t.links));
    expect(overview.evidenceCount).toBe(5);
  });
});

describe('one question', () => {
  it('gives its evidence grouped by stance, each with its quote, witness, source with citation and comment', async () => {
    const detail = await w.api.call('questions.get', w.keyQuestions[3]!);
    expect(detail.item).toMatchObject({ label: 'Key question 4', links: { total: 3 } });
    expect(detail.evidence.supports).toHaveLength(1);
    expect(detail.evidence.supports[0]).toMatchObject({
      stance: 'supports', comment: 'Short contracts cost staff',
      evidence: { kind: 'excerpt', quote: PROVIDER_PASSAGE, title: 'Oral evidence: Jane Okafor, Safer London', lost: false, noteId: w.notes.provider.id },
      witness: { name: 'Jane Okafor', role: 'Chief Executive', organisationName: 'Safer London', perspective: 'provider' },
      source: { kind: 'transcript', citation: 'London Assembly Police and Crime Committee, transcript, 17 January 2024' },
      session: { kind: 'oral', reference: 'PCC 17/01/2024', heldOn: '2024-01-17' },
    });
    expect(detail.evidence.challenges.map((e) => [e.evidence.quote, e.witness?.name])).toEqual([[BOROUGH_PASSAGE, 'Tom Bright']]);
    expect(detail.evidence.context.map((e) => [e.evidence.quote, e.witness?.name, e.source?.citation])).toEqual([
      [COMMISSIONER_PASSAGE, 'Priya Shah', 'MOPAC, written evidence MVC003, January 2024'],
    ]);
    expect(detail.suggestedQuestions).toEqual([]);

    const termDetail = await w.api.call('questions.get', w.terms[2]!);
    expect(termDetail.evidence.challenges[0]).toMatchObject({
      evidence: { kind: 'figure', title: 'Co-commissioning fund', quote: null, summary: '£9,884,445 in 2022-23 to 2024-25 (Key issues, LCPF allocations (April 2022 to March 2025))' },
      source: { title: 'MOPAC and VRU Commissioning: terms of reference' }, comment: '18.3% of the fund, not 30%',
    });
    expect(await w.api.dispatch('questions.get', { kind: 'keyQuestion', id: w.terms[0]!.id })).toMatchObject({ ok: false, error: { code: 'not-found', where: 'id' } });
  });

  it('shows a lost excerpt with its quote, still counted', async () => {
    await w.api.call('notes.update', { id: w.notes.borough.id, body: BOROUGH_NOTE.replace('30 per cent', 'nearly a third') });
    const item = await kq(4);
    expect(item.lostExcerpts).toBe(0); // edited inside: it follows the edit
    expect((await w.api.call('questions.get', w.keyQuestions[3]!)).evidence.challenges[0]!.evidence.quote).toContain('nearly a third');
    await w.api.call('notes.update', { id: w.notes.borough.id, body: 'Notes lost.' });
    const after = await kq(4);
    expect(after.lostExcerpts).toBe(1);
    expect(after.links.challenges).toBe(1);
    const lost = (await w.api.call('questions.get', w.keyQuestions[3]!)).evidence.challenges[0]!;
    expect(lost.evidence).toMatchObject({ lost: true, quote: expect.stringContaining('nearly a third') });
    await w.api.call('history.undo', {});
    await w.api.call('history.undo', {});
    expect((await w.api.call('questions.get', w.keyQuestions[3]!)).evidence.challenges[0]!.evidence).toMatchObject({ lost: false, quote: BOROUGH_PASSAGE });
  });

  it('sets status and draft finding, undoably, and refuses what is not a status', async () => {
    const kq4 = w.keyQuestions[3]!;
    const updated = await w.api.call('questions.update', { ...kq4, status: 'finding_drafted', draftFinding: 'Short-term contracts undermine providers\' ability to retain staff.' });
    expect(updated).toMatchObject({ status: 'finding_drafted', draftFinding: 'Short-term contracts undermine providers\' ability to retain staff.', links: { total: 3 } });
    expect((await w.api.call('overview.get', {})).questions[3]).toMatchObject({ status: 'finding_drafted' });
    expect(await w.api.call('history.undo', {})).toMatchObject({ label: 'Set the status and draft finding of key question 4' });
    expect(await kq(4)).toMatchObject({ status: 'not_started', draftFinding: null });
    await w.api.call('history.redo', {});
    expect((await kq(4)).status).toBe('finding_drafted');
    const bad = await w.api.dispatch('questions.update', { ...kq4, status: 'done' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/status: /) } });
    expect(await w.api.dispatch('questions.update', { kind: 'term', id: kq4.id, status: 'gathering' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect((await w.api.call('questions.update', { ...kq4, draftFinding: '' })).draftFinding).toBeNull();
  });
});

describe('suggested questions', () => {
  it('adds, edits, reorders and deletes per key question, optionally for a witness', async () => {
    const kq4 = w.keyQuestions[3]!.id;
    const a = await w.api.call('suggestedQuestions.create', { keyQuestionId: kq4, text: 'How long are MOPAC\'s typical grant terms?' });
    const b = await w.api.call('suggestedQuestions.create', { keyQuestionId: kq4, witnessId: w.witnesses.commissioner.id, text: 'Why were three-month extensions used in 2023?' });
    const c = await w.api.call('suggestedQuestions.create', { keyQuestionId: kq4, witnessId: w.witnesses.provider.id, text: 'What would a three-year grant let you do?' });
    expect([a.sort, b.sort, c.sort]).toEqual([1, 2, 3]);
    expect(b.witness).toMatchObject({ name: 'Priya Shah', perspective: 'commissioner' });

    const reordered = await w.api.call('suggestedQuestions.reorder', { keyQuestionId: kq4, ids: [c.id, a.id, b.id] });
    expect(reordered.map((q) => [q.id, q.sort])).toEqual([[c.id, 1], [a.id, 2], [b.id, 3]]);
    const partial = await w.api.dispatch('suggestedQuestions.reorder', { keyQuestionId: kq4, ids: [c.id, a.id] });
    expect(partial).toMatchObject({ ok: false, error: { code: 'invalid-input', where: 'ids', message: expect.stringContaining('leaves out 1') } });
    const twice = await w.api.dispatch('suggestedQuestions.reorder', { keyQuestionId: kq4, ids: [c.id, a.id, a.id, b.id] });
    expect(twice).toMatchObject({ ok: false, error: { where: 'ids.2' } });

    const edited = await w.api.call('suggestedQuestions.update', { id: a.id, text: 'How long are MOPAC\'s grant terms, on average?', witnessId: w.witnesses.commissioner.id });
    expect(edited).toMatchObject({ text: 'How long are MOPAC\'s grant terms, on average?', witness: { name: 'Priya Shah' } });
    expect((await w.api.call('suggestedQuestions.list', { witnessId: w.witnesses.commissioner.id })).map((q) => q.id)).toEqual([a.id, b.id]);
    expect((await w.api.call('questions.get', w.keyQuestions[3]!)).suggestedQuestions.map((q) => q.id)).toEqual([c.id, a.id, b.id]);
    expect((await kq(4)).suggestedQuestions).toBe(3);

    const movedToKq1 = await w.api.call('suggestedQuestions.update', { id: c.id, keyQuestionId: w.keyQuestions[0]!.id });
    expect(movedToKq1).toMatchObject({ keyQuestion: { number: 1 }, sort: 1 });
    await w.api.call('history.undo', {});
    await w.api.call('suggestedQuestions.delete', { id: b.id });
    expect((await w.api.call('suggestedQuestions.list', { keyQuestionId: kq4 })).map((q) => q.id)).toEqual([c.id, a.id]);
    await w.api.call('history.undo', {});
    expect((await w.api.call('suggestedQuestions.list', { keyQuestionId: kq4 })).map((q) => q.id)).toEqual([c.id, a.id, b.id]);

    expect(await w.api.dispatch('suggestedQuestions.create', { keyQuestionId: w.terms[0]!.id, text: 'x' })).toMatchObject({ ok: false, error: { where: 'keyQuestionId' } });
    expect(await w.api.dispatch('suggestedQuestions.create', { keyQuestionId: kq4, witnessId: 'ghost', text: 'x' })).toMatchObject({ ok: false, error: { where: 'witnessId' } });
    expect(await w.api.dispatch('suggestedQuestions.create', { keyQuestionId: kq4, text: ' ' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('text: the question is needed') } });
  });
});

describe('the matrix', () => {
  const cell = (m: MethodOutput<'matrix.get'>, rowLabel: string, columnKey: string) =>
    m.rows.find((r) => r.label === rowLabel)!.cells.find((c) => c.columnKey === columnKey)!;

  it('sets key questions against witnesses, each cell the linked passages, empty cells present and plain', async () => {
    const m = await w.api.call('matrix.get', { columns: 'witnesses' });
    const { provider, borough, commissioner } = w.witnesses;
    expect(m.columns.map((c) => [c.key, c.label, c.count])).toEqual([
      [commissioner.id, 'Priya Shah', 2], [provider.id, 'Jane Okafor', 1], [borough.id, 'Tom Bright', 1],
    ]);
    expect(m.columns[1]!.detail).toBe('Provider, Chief Executive, Safer London');
    expect(m.rows).toHaveLength(7);
    for (const row of m.rows) expect(row.cells.map((c) => c.columnKey)).toEqual(m.columns.map((c) => c.key));

    expect(cell(m, 'Key question 4', provider.id)).toEqual({
      columnKey: provider.id, count: 1, supports: 1, challenges: 0, context: 0,
      entries: [expect.objectContaining({ kind: 'excerpt', quote: PROVIDER_PASSAGE, stance: 'supports', noteTitle: 'Oral evidence: Jane Okafor, Safer London', comment: 'Short contracts cost staff' })],
    });
    expect(cell(m, 'Key question 4', borough.id).entries.map((e) => [e.quote, e.stance])).toEqual([[BOROUGH_PASSAGE, 'challenges']]);
    expect(cell(m, 'Key question 4', commissioner.id).entries.map((e) => e.quote)).toEqual([COMMISSIONER_PASSAGE]);
    expect(cell(m, 'Key question 3', commissioner.id).entries.map((e) => e.quote)).toEqual([REPORTING_PASSAGE]);
    expect(cell(m, 'Key question 1', provider.id)).toEqual({ columnKey: provider.id, count: 0, supports: 0, challenges: 0, context: 0, entries: [] });
    expect(cell(m, 'Key question 3', borough.id).count).toBe(0);
    // The figure linked to term 3 is not a passage: the matrix holds notes and excerpts only.
    expect(m.rows.find((r) => r.label === 'Term of reference 3')!.count).toBe(0);
  });

  it('sets them against perspectives and kinds of source', async () => {
    const byPerspective = await w.api.call('matrix.get', { columns: 'perspectives' });
    expect(byPerspective.columns.map((c) => c.key)).toEqual(['commissioner', 'provider', 'borough', 'service_user', 'expert', 'other']);
    expect(cell(byPerspective, 'Key question 4', 'provider').entries.map((e) => e.quote)).toEqual([PROVIDER_PASSAGE]);
    expect(cell(byPerspective, 'Key question 4', 'service_user')).toMatchObject({ count: 0, entries: [] });

    const byKind = await w.api.call('matrix.get', { columns: 'sourceKinds' });
    expect(byKind.columns.map((c) => [c.key, c.label, c.count])).toEqual([['oral', 'Oral evidence', 2], ['written', 'Written evidence', 2], ['site_visit', 'Site visits', 0]]);
    expect(cell(byKind, 'Key question 4', 'oral').entries.map((e) => e.quote)).toEqual([PROVIDER_PASSAGE, BOROUGH_PASSAGE]);
    expect(cell(byKind, 'Key question 3', 'written')).toMatchObject({ count: 1, supports: 1 });

    // A note with neither session nor source shows in a column of its own, only when there is one.
    const loose = await w.api.call('notes.create', { title: 'Call with an academic', body: 'Evaluations rarely last long enough to show effects on violence.' });
    await w.api.call('witnesses.create', { name: 'Dr Ada Mensah', perspective: 'expert', organisationName: 'University College London' });
    await w.api.call('links.create', { evidence: { kind: 'note', id: loose.id }, target: w.keyQuestions[2]!, stance: 'challenges' });
    const again = await w.api.call('matrix.get', { columns: 'sourceKinds' });
    expect(again.columns.map((c) => c.key)).toEqual(['oral', 'written', 'site_visit', 'none']);
    expect(cell(again, 'Key question 3', 'none').entries).toEqual([expect.objectContaining({ kind: 'note', excerptId: null, noteId: loose.id, quote: null, noteTitle: 'Call with an academic' })]);
    const byWitness = await w.api.call('matrix.get', { columns: 'witnesses' });
    expect(byWitness.columns.map((c) => c.label)).toEqual(['Priya Shah', 'Jane Okafor', 'Tom Bright', 'Dr Ada Mensah', 'No witness named']);
    expect(cell(byWitness, 'Key question 3', byWitness.columns[3]!.key).entries).toEqual([]);
  });
});
