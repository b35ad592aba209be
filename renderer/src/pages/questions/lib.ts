// Coverage, gaps and the matrix in words, for the Questions page. Pure
// functions, unit-tested (tests/unit/renderer/evidence-questions.test.ts).
import { PERSPECTIVE_LABELS, type Coverage, type Gap, type Matrix } from '../../../../shared/evidence-schemas.ts';
import { count, n, stanceMix } from '../evidence/lib.ts';

/** Each perspective the evidence comes from, with how many witnesses and sources speak for it: "providers 2, boroughs 1". */
export function perspectiveWords(coverage: Coverage): string {
  return coverage.perspectives
    .filter((p) => p.witnesses + p.sources > 0)
    .map((p) => `${p.label.toLowerCase()} ${n(p.witnesses + p.sources)}`)
    .join(', ');
}

/** "2 sources, 3 witnesses: providers 2, boroughs 1", or "No evidence yet". */
export function coverageWords(coverage: Coverage, links: number): string {
  if (links === 0) return 'No evidence yet';
  if (coverage.sources + coverage.witnesses === 0) return `${count(links, 'link', 'links')}; no source or witness named`;
  const head = `${count(coverage.sources, 'source', 'sources')}, ${count(coverage.witnesses, 'witness', 'witnesses')}`;
  const who = perspectiveWords(coverage);
  return who === '' ? head : `${head}: ${who}`;
}

/** Where the evidence was given: "oral 2, written 1". */
export function kindWords(coverage: Coverage): string {
  const k = coverage.kinds;
  const parts = [
    k.oral > 0 ? `oral evidence ${n(k.oral)}` : null,
    k.written > 0 ? `written evidence ${n(k.written)}` : null,
    k.siteVisit > 0 ? `site visits ${n(k.siteVisit)}` : null,
    k.other > 0 ? `documents, data and services ${n(k.other)}` : null,
  ].filter((p): p is string => p !== null);
  return parts.join(', ');
}

/** "a, b or c". */
export function orList(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]!}`;
}

/**
 * The gaps in as few lines as they can be said: every perspective not heard
 * from in one line ("No evidence from boroughs, service users or experts yet"),
 * then the rest as the back end words them.
 */
export function gapLines(gaps: readonly Gap[]): string[] {
  const ordered = orderedGaps(gaps);
  const missing = ordered.filter((g) => g.code === 'no-perspective' && g.perspective !== null);
  const lines: string[] = [];
  let said = false;
  for (const gap of ordered) {
    if (gap.code !== 'no-perspective' || gap.perspective === null) {
      lines.push(gap.text);
    } else if (!said) {
      said = true;
      lines.push(missing.length === 1 ? gap.text : `No evidence from ${orList(missing.map((g) => PERSPECTIVE_LABELS[g.perspective!].toLowerCase()))} yet`);
    }
  }
  return lines;
}

/** Gaps about who has not been heard first, then the rest, as the back end words them. */
export function orderedGaps(gaps: readonly Gap[]): Gap[] {
  const rank = (g: Gap) => (g.code === 'no-evidence' ? 0 : g.code === 'no-perspective' ? 1 : 2);
  return [...gaps].sort((a, b) => rank(a) - rank(b));
}

export type MatrixCell = Matrix['rows'][number]['cells'][number];

/** What a cell holds, for a screen reader and a tooltip: "Key question 2, Jane Okafor: 1 passage: 1 challenges". */
export function cellLabel(row: { label: string }, column: { label: string }, cell: MatrixCell): string {
  return `${row.label}, ${column.label}: ${cell.count === 0 ? 'no evidence' : stanceMix(cell)}`;
}

/** Moves the focused cell of a grid by a key; null when the key does not move it. */
export function gridMove(key: string, ctrl: boolean, at: { row: number; col: number }, size: { rows: number; cols: number }): { row: number; col: number } | null {
  const last = { row: size.rows - 1, col: size.cols - 1 };
  const clamp = (row: number, col: number) => ({ row: Math.max(0, Math.min(last.row, row)), col: Math.max(0, Math.min(last.col, col)) });
  switch (key) {
    case 'ArrowUp':
      return clamp(at.row - 1, at.col);
    case 'ArrowDown':
      return clamp(at.row + 1, at.col);
    case 'ArrowLeft':
      return clamp(at.row, at.col - 1);
    case 'ArrowRight':
      return clamp(at.row, at.col + 1);
    case 'Home':
      return ctrl ? clamp(0, 0) : clamp(at.row, 0);
    case 'End':
      return ctrl ? clamp(last.row, last.col) : clamp(at.row, last.col);
    case 'PageUp':
      return clamp(0, at.col);
    case 'PageDown':
      return clamp(last.row, at.col);
    default:
      return null;
  }
}

/** A list with one item moved by `delta` places (clamped), for reordering suggested questions. */
export function moved<T>(items: readonly T[], index: number, delta: number): T[] {
  const to = Math.max(0, Math.min(items.length - 1, index + delta));
  const copy = [...items];
  if (to === index || index < 0 || index >= items.length) return copy;
  const [item] = copy.splice(index, 1);
  copy.splice(to, 0, item as T);
  return copy;
}
