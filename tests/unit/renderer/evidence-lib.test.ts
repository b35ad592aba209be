import { describe, expect, it } from 'vitest';
import type { ExcerptRecord, ReanchorReport } from '../../../shared/evidence-schemas.ts';
import {
  count, fieldProblems, numberExcerpts, readDate, reanchorLines, segmentsOf, sentence, shortQuote, stanceMix, trimPassage, typeAhead, ukDate,
} from '../../../renderer/src/pages/evidence/lib.ts';
import { noteCreate, witnessCreate } from '../../../shared/evidence-schemas.ts';

describe('segmentsOf', () => {
  it('cuts the body where excerpts begin and end, and the pieces are exactly the body', () => {
    const body = 'She said three-month contracts made it hard.';
    const segments = segmentsOf(body.length, [
      { id: 'a', start: 9, end: 30, stances: ['challenges'], number: 1 },
      { id: 'b', start: 20, end: 43, stances: ['supports'], number: 2 },
    ]);
    expect(segments.map((s) => body.slice(s.start, s.end)).join('')).toBe(body);
    expect(segments.map((s) => [s.start, s.end, s.ids.join('+'), s.stances.join('+'), s.ending.join(',')])).toEqual([
      [0, 9, '', '', ''],
      [9, 20, 'a', 'challenges', ''],
      [20, 30, 'a+b', 'supports+challenges', '1'],
      [30, 43, 'b', 'supports', '2'],
      [43, 44, '', '', ''],
    ]);
  });

  it('marks the passage being coded, even across an excerpt', () => {
    const segments = segmentsOf(20, [{ id: 'a', start: 5, end: 10, stances: ['context'], number: 1 }], { start: 8, end: 15 });
    expect(segments.filter((s) => s.pending).map((s) => [s.start, s.end])).toEqual([[8, 10], [10, 15]]);
    expect(segments.find((s) => s.start === 8)?.ids).toEqual(['a']);
  });

  it('leaves out excerpts outside the body or empty, and gives one piece for a body with none', () => {
    expect(segmentsOf(10, [{ id: 'x', start: 12, end: 14, stances: [], number: 1 }, { id: 'y', start: 3, end: 3, stances: [], number: 2 }])).toEqual([
      { start: 0, end: 10, ids: [], stances: [], ending: [], pending: false },
    ]);
    expect(segmentsOf(0, [])).toEqual([]);
  });

  it('counts offsets in UTF-16 code units, as a browser selection does', () => {
    const body = 'Fund 💷 cut by 30%';
    const start = body.indexOf('cut');
    const segments = segmentsOf(body.length, [{ id: 'a', start, end: start + 3, stances: ['challenges'], number: 1 }]);
    expect(body.slice(segments[1]!.start, segments[1]!.end)).toBe('cut');
  });
});

describe('trimPassage', () => {
  it('leaves out spaces and line breaks at either end', () => {
    const body = 'One.\n\n  Two words  \n';
    expect(trimPassage(body, 4, body.length)).toEqual({ start: 8, end: 17 });
    expect(body.slice(8, 17)).toBe('Two words');
  });
  it('takes a backwards selection the right way round, and refuses only spaces', () => {
    expect(trimPassage('abc def', 7, 4)).toEqual({ start: 4, end: 7 });
    expect(trimPassage('a    b', 1, 5)).toBeNull();
  });
});

describe('numberExcerpts', () => {
  const excerpt = (id: string, start: number | null, lost = false): ExcerptRecord => ({ id, noteId: 'n', start, end: start === null ? null : start + 2, quote: id, lost, links: [] });
  it('numbers in reading order, lost ones last', () => {
    const numbers = numberExcerpts([excerpt('late', 50), excerpt('lost', null, true), excerpt('early', 3)]);
    expect([...numbers.entries()]).toEqual([['early', 1], ['late', 2], ['lost', 3]]);
  });
});

describe('reanchorLines', () => {
  const report = (patch: Partial<ReanchorReport>): ReanchorReport => ({ unchanged: 0, moved: 0, edited: [], lost: [], found: [], summary: null, ...patch });
  it('says what moved, changed inside, was lost and was found, in words', () => {
    const lines = reanchorLines(report({
      unchanged: 1,
      moved: 2,
      edited: [{ id: 'e', before: 'at least three years', after: 'at least five years' }],
      lost: [{ id: 'l', quote: 'three-month contract extensions' }],
      found: [{ id: 'f', quote: 'late every quarter' }],
    }));
    expect(lines).toEqual([
      '2 excerpts moved with their text.',
      'Edited inside an excerpt: “at least three years” now reads “at least five years”.',
      'Lost: “three-month contract extensions” is no longer in the note. It is kept, with its links, at the end of the list: place it on new text or delete it.',
      'Found again: “late every quarter” is back in the text.',
      '1 other excerpt kept its place.',
    ]);
  });
  it('says so when nothing happened to them', () => {
    expect(reanchorLines(report({ unchanged: 3 }))).toEqual(['All 3 excerpts kept their place.']);
    expect(reanchorLines(report({ unchanged: 1 }))).toEqual(['Its excerpt kept its place.']);
    expect(reanchorLines(report({}))).toEqual(['The note has no excerpts, so none were affected.']);
  });
});

describe('typeAhead', () => {
  const options = [
    { label: 'Term of reference 1', short: 'ToR 1', text: 'How MOPAC and the VRU are spending commissioning budgets' },
    { label: 'Term of reference 2', short: 'ToR 2', text: 'How MOPAC and the VRU evaluate commissioned programmes' },
    { label: 'Key question 1', short: 'KQ 1', text: 'Are MOPAC and the VRU delivering value for money?' },
    { label: 'Key question 2', short: 'KQ 2', text: 'Are Londoners receiving high quality services?' },
    { label: 'Key question 4', short: 'KQ 4', text: 'How is MOPAC ensuring long-term funding?' },
  ];
  it('finds a question by its short name, its label or a word of its text', () => {
    expect(typeAhead(options, 'kq2', 0)).toBe(3);
    expect(typeAhead(options, 'kq 2', 0)).toBe(3);
    expect(typeAhead(options, 'key question 4', 0)).toBe(4);
    expect(typeAhead(options, 'value', 0)).toBe(2);
    expect(typeAhead(options, 'long', 0)).toBe(4);
    expect(typeAhead(options, 'evaluate', 0)).toBe(1);
  });
  it('a single key moves on from the current option, so the same key cycles', () => {
    expect(typeAhead(options, 'k', 2)).toBe(3);
    expect(typeAhead(options, 'k', 4)).toBe(2);
    expect(typeAhead(options, '2', 1)).toBe(3);
    expect(typeAhead(options, '2', 3)).toBe(1);
  });
  it('says when nothing matches', () => {
    expect(typeAhead(options, 'zebra', 0)).toBe(-1);
    expect(typeAhead([], 'k', 0)).toBe(-1);
  });
});

describe('words and numbers', () => {
  it('counts with the noun agreeing and thousands separated', () => {
    expect(count(1, 'note', 'notes')).toBe('1 note');
    expect(count(10000, 'note', 'notes')).toBe('10,000 notes');
  });
  it('gives a stance mix in words', () => {
    expect(stanceMix({ supports: 0, challenges: 1, context: 0 })).toBe('1 passage: 1 challenges');
    expect(stanceMix({ supports: 2, challenges: 0, context: 1 })).toBe('3 passages: 2 support, 1 gives context');
    expect(stanceMix({ supports: 0, challenges: 0, context: 0 })).toBe('No evidence');
  });
  it('shortens a quote at a word, never silently', () => {
    expect(shortQuote('short')).toBe('short');
    expect(shortQuote('three-month contract extensions made it hard to keep experienced caseworkers', 40)).toBe('three-month contract extensions made it…');
    expect(shortQuote('three-month contract extensions made it hard to keep', 38)).toBe('three-month contract extensions made…');
  });
  it('writes dates the UK way and reads them back', () => {
    expect(ukDate('2024-01-17')).toBe('17/01/2024');
    expect(ukDate(null, '—')).toBe('—');
    expect(readDate('03/04/2023')).toEqual({ ok: true, iso: '2023-04-03' });
    expect(readDate('  ')).toEqual({ ok: true, iso: null });
    const wrong = readDate('31/02/2024');
    expect(wrong.ok).toBe(false);
    expect(wrong.ok ? '' : wrong.message).toBe('31 February 2024 does not exist.');
    expect(readDate('2011-12').ok).toBe(false);
  });
});

describe('fieldProblems', () => {
  it('puts the contract’s message by its field, as a sentence', () => {
    const parsed = noteCreate.safeParse({ title: '   ' });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(fieldProblems(parsed.error)).toEqual({ title: 'A title is needed.' });
    const witness = witnessCreate.safeParse({ name: '' });
    if (!witness.success) expect(fieldProblems(witness.error)).toEqual({ name: 'A name is needed.' });
  });
  it('makes a sentence of a message', () => {
    expect(sentence('expected a web address starting http:// or https://')).toBe('Expected a web address starting http:// or https://.');
    expect(sentence('Already a sentence.')).toBe('Already a sentence.');
  });
});
