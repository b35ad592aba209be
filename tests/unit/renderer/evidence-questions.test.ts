import { describe, expect, it } from 'vitest';
import type { Coverage, Gap } from '../../../shared/evidence-schemas.ts';
import { cellLabel, coverageWords, gapLines, gridMove, kindWords, moved, orList } from '../../../renderer/src/pages/questions/lib.ts';
import { historyShortcut } from '../../../renderer/src/shortcuts.ts';

function coverage(patch: { sources?: number; witnesses?: number; by?: Partial<Record<string, [number, number]>>; kinds?: Partial<Coverage['kinds']> }): Coverage {
  const labels: [Coverage['perspectives'][number]['perspective'], string][] = [
    ['commissioner', 'Commissioners'], ['provider', 'Providers'], ['borough', 'Boroughs'], ['service_user', 'Service users'], ['expert', 'Experts'], ['other', 'Others'], ['committee', 'The committee'],
  ];
  return {
    sources: patch.sources ?? 0,
    witnesses: patch.witnesses ?? 0,
    perspectives: labels.map(([perspective, label]) => ({ perspective, label, witnesses: patch.by?.[perspective]?.[0] ?? 0, sources: patch.by?.[perspective]?.[1] ?? 0 })),
    unattributedSources: 0,
    kinds: { oral: 0, written: 0, siteVisit: 0, other: 0, ...patch.kinds },
  };
}

describe('coverageWords', () => {
  it('counts sources and witnesses, then who they speak for', () => {
    expect(coverageWords(coverage({ sources: 2, witnesses: 3, by: { provider: [2, 0], borough: [1, 0] } }), 4)).toBe('2 sources, 3 witnesses: providers 2, boroughs 1');
    expect(coverageWords(coverage({ sources: 1, witnesses: 1, by: { provider: [1, 0] } }), 1)).toBe('1 source, 1 witness: providers 1');
    expect(coverageWords(coverage({ sources: 1, by: { committee: [0, 1] } }), 1)).toBe('1 source, 0 witnesses: the committee 1');
  });
  it('says plainly when there is nothing, or nothing attributed', () => {
    expect(coverageWords(coverage({}), 0)).toBe('No evidence yet');
    expect(coverageWords(coverage({}), 2)).toBe('2 links; no source or witness named');
  });
  it('names where the evidence was given', () => {
    expect(kindWords(coverage({ kinds: { oral: 2, written: 1 } }))).toBe('oral evidence 2, written evidence 1');
    expect(kindWords(coverage({}))).toBe('');
  });
});

describe('gapLines', () => {
  const perspective = (p: Gap['perspective'], label: string): Gap => ({ code: 'no-perspective', perspective: p, text: `No evidence from ${label} yet` });
  it('says every voice not yet heard in one line, then the rest', () => {
    expect(gapLines([
      { code: 'nothing-supports', perspective: null, text: 'Nothing supports this yet' },
      perspective('borough', 'boroughs'),
      perspective('service_user', 'service users'),
      perspective('expert', 'experts'),
    ])).toEqual(['No evidence from boroughs, service users or experts yet', 'Nothing supports this yet']);
  });
  it('keeps the back end’s words for a single gap', () => {
    expect(gapLines([perspective('service_user', 'service users')])).toEqual(['No evidence from service users yet']);
    expect(gapLines([{ code: 'no-evidence', perspective: null, text: 'No evidence linked yet' }])).toEqual(['No evidence linked yet']);
    expect(gapLines([])).toEqual([]);
  });
  it('joins a list the way it is said', () => {
    expect(orList(['a'])).toBe('a');
    expect(orList(['a', 'b'])).toBe('a or b');
    expect(orList(['a', 'b', 'c'])).toBe('a, b or c');
  });
});

describe('the matrix', () => {
  it('says what a cell holds, and that an empty one holds nothing', () => {
    const cell = { columnKey: 'w', count: 2, supports: 1, challenges: 1, context: 0, entries: [] };
    expect(cellLabel({ label: 'Key question 2' }, { label: 'Jane Okafor' }, cell)).toBe('Key question 2, Jane Okafor: 2 passages: 1 supports, 1 challenges');
    expect(cellLabel({ label: 'Term of reference 1' }, { label: 'Providers' }, { ...cell, count: 0, supports: 0, challenges: 0 })).toBe('Term of reference 1, Providers: no evidence');
  });
  it('moves between cells by the arrow keys, Home and End, and stays inside', () => {
    const size = { rows: 7, cols: 3 };
    expect(gridMove('ArrowDown', false, { row: 0, col: 0 }, size)).toEqual({ row: 1, col: 0 });
    expect(gridMove('ArrowUp', false, { row: 0, col: 1 }, size)).toEqual({ row: 0, col: 1 });
    expect(gridMove('ArrowRight', false, { row: 2, col: 2 }, size)).toEqual({ row: 2, col: 2 });
    expect(gridMove('End', false, { row: 2, col: 0 }, size)).toEqual({ row: 2, col: 2 });
    expect(gridMove('Home', true, { row: 5, col: 2 }, size)).toEqual({ row: 0, col: 0 });
    expect(gridMove('End', true, { row: 0, col: 0 }, size)).toEqual({ row: 6, col: 2 });
    expect(gridMove('PageDown', false, { row: 1, col: 1 }, size)).toEqual({ row: 6, col: 1 });
    expect(gridMove('a', false, { row: 1, col: 1 }, size)).toBeNull();
  });
});

describe('moved', () => {
  it('moves one item up or down, within the list', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 0, 5)).toEqual(['b', 'c', 'a']);
  });
});

describe('historyShortcut', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; shiftKey: boolean; altKey: boolean; metaKey: boolean }> = {}) => ({ key: k, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...mods });
  it('reads Ctrl+Z as undo, Ctrl+Shift+Z and Ctrl+Y as redo, and Cmd on a Mac', () => {
    expect(historyShortcut(key('z', { ctrlKey: true }))).toBe('undo');
    expect(historyShortcut(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(historyShortcut(key('y', { ctrlKey: true }))).toBe('redo');
    expect(historyShortcut(key('z', { metaKey: true }))).toBe('undo');
  });
  it('leaves other keys alone', () => {
    expect(historyShortcut(key('z'))).toBeNull();
    expect(historyShortcut(key('z', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(historyShortcut(key('y', { ctrlKey: true, shiftKey: true }))).toBeNull();
  });
});
