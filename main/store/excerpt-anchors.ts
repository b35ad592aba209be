// Keeping excerpts on their text when a note's body is edited. The app sends the
// whole new body, which may hold many edits, so the old and new bodies are
// compared word by word (Myers' diff over words, spaces and punctuation, after
// the common start and end are set aside). Then, for each excerpt:
// - its start and end are carried through the comparison; if the text there is
//   still its quote, it stays or moves there;
// - else, if its exact words are elsewhere in the new body, it moves to the
//   nearest place they stand (a paragraph moved);
// - else, if most of its text survived an edit inside it (a typo fixed, a word
//   added), it follows the edit and its quote becomes the new text;
// - else it is lost: it keeps its quote and links, and is looked for again after
//   every later edit.
// Pure: no SQL, no I/O.

export interface Anchor {
  id: string;
  start: number;
  end: number;
  quote: string;
  lost: boolean;
}

export type AnchorOutcome =
  | { id: string; status: 'unchanged' }
  | { id: string; status: 'moved'; start: number; end: number }
  | { id: string; status: 'edited'; start: number; end: number; quote: string }
  | { id: string; status: 'found'; start: number; end: number }
  | { id: string; status: 'lost' }
  | { id: string; status: 'still-lost' };

/** The share of an excerpt's characters that must survive an edit inside it for it to follow the edit. */
const KEEP_SHARE = 0.5;
/** Beyond this many word-level edits in one save, only the common start and end and exact quotes are used. */
const MAX_EDITS = 1000;

/** A run of characters the same in both bodies. */
export interface Segment {
  oldStart: number;
  newStart: number;
  length: number;
}

/** The start of the occurrence of `quote` in `body` nearest to `near`, or -1. */
export function nearestOccurrence(body: string, quote: string, near: number): number {
  if (quote === '') return -1;
  let best = -1;
  let from = 0;
  for (;;) {
    const at = body.indexOf(quote, from);
    if (at < 0) break;
    if (best < 0 || Math.abs(at - near) < Math.abs(best - near)) best = at;
    if (at > near) break; // later ones are only further away
    from = at + 1;
  }
  return best;
}

const TOKEN = /[\p{L}\p{N}_]+|\s+|[^\p{L}\p{N}_\s]/gu;

function tokenise(text: string, ids: Map<string, number>): { codes: number[]; offsets: number[] } {
  const codes: number[] = [];
  const offsets: number[] = [];
  for (const match of text.matchAll(TOKEN)) {
    let code = ids.get(match[0]);
    if (code === undefined) {
      code = ids.size;
      ids.set(match[0], code);
    }
    codes.push(code);
    offsets.push(match.index);
  }
  offsets.push(text.length);
  return { codes, offsets };
}

/** Pairs of equal tokens [i in a, j in b], in order, by Myers' O(ND) algorithm; null beyond `maxEdits`. */
function matchTokens(a: readonly number[], b: readonly number[], maxEdits: number): [number, number][] | null {
  const n = a.length;
  const m = b.length;
  const limit = Math.min(n + m, maxEdits);
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= limit; d += 1) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m, offset);
    }
  }
  return null;
}

function backtrack(trace: Int32Array[], n: number, m: number, offset: number): [number, number][] {
  const pairs: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d -= 1) {
    const v = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x -= 1;
      y -= 1;
      pairs.push([x, y]);
    }
    x = prevX;
    y = prevY;
  }
  return pairs.reverse();
}

/** The runs of characters unchanged from `before` to `after`, in order. */
export function equalSegments(before: string, after: string, maxEdits = MAX_EDITS): Segment[] {
  const limit = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < limit && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix += 1;
  let suffix = 0;
  while (suffix < limit - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix += 1;
  const segments: Segment[] = [];
  const push = (oldStart: number, newStart: number, length: number) => {
    if (length <= 0) return;
    const last = segments.at(-1);
    if (last && last.oldStart + last.length === oldStart && last.newStart + last.length === newStart) last.length += length;
    else segments.push({ oldStart, newStart, length });
  };
  push(0, 0, prefix);
  const ids = new Map<string, number>();
  const a = tokenise(before.slice(prefix, before.length - suffix), ids);
  const b = tokenise(after.slice(prefix, after.length - suffix), ids);
  for (const [i, j] of matchTokens(a.codes, b.codes, maxEdits) ?? []) {
    push(prefix + a.offsets[i]!, prefix + b.offsets[j]!, a.offsets[i + 1]! - a.offsets[i]!);
  }
  push(before.length - suffix, after.length - suffix, suffix);
  return segments;
}

/** Where old offset `at` stands in the new body: its own place if unchanged, else the start of what replaced it. */
function mapStart(segments: readonly Segment[], at: number): number {
  let previousEnd = 0;
  for (const s of segments) {
    if (at < s.oldStart) return previousEnd;
    if (at < s.oldStart + s.length) return s.newStart + (at - s.oldStart);
    previousEnd = s.newStart + s.length;
  }
  return previousEnd;
}

/** Where old end offset `at` (exclusive) stands in the new body: after its last character if unchanged, else after what replaced it. */
function mapEnd(segments: readonly Segment[], at: number, newLength: number): number {
  const last = at - 1;
  for (const s of segments) {
    if (last < s.oldStart) return s.newStart;
    if (last < s.oldStart + s.length) return s.newStart + (last - s.oldStart) + 1;
  }
  return newLength;
}

function keptCharacters(segments: readonly Segment[], start: number, end: number): number {
  let kept = 0;
  for (const s of segments) kept += Math.max(0, Math.min(end, s.oldStart + s.length) - Math.max(start, s.oldStart));
  return kept;
}

export function reanchor(oldBody: string, newBody: string, anchors: readonly Anchor[]): AnchorOutcome[] {
  if (oldBody === newBody) return anchors.map((a) => ({ id: a.id, status: a.lost ? 'still-lost' : 'unchanged' }));
  const segments = anchors.some((a) => !a.lost) ? equalSegments(oldBody, newBody) : [];

  return anchors.map((anchor): AnchorOutcome => {
    const { id, start, end, quote } = anchor;
    if (anchor.lost) {
      const at = nearestOccurrence(newBody, quote, start);
      return at < 0 ? { id, status: 'still-lost' } : { id, status: 'found', start: at, end: at + quote.length };
    }
    const newStart = mapStart(segments, start);
    const newEnd = mapEnd(segments, end, newBody.length);
    const text = newEnd > newStart ? newBody.slice(newStart, newEnd) : '';
    if (text === quote) return newStart === start && newEnd === end ? { id, status: 'unchanged' } : { id, status: 'moved', start: newStart, end: newEnd };
    const at = nearestOccurrence(newBody, quote, newStart);
    if (at >= 0) return at === start ? { id, status: 'unchanged' } : { id, status: 'moved', start: at, end: at + quote.length };
    const kept = keptCharacters(segments, start, end);
    if (text.trim() !== '' && kept >= quote.length * KEEP_SHARE && text.length <= quote.length * 2 + 20) {
      return { id, status: 'edited', start: newStart, end: newEnd, quote: text };
    }
    return { id, status: 'lost' };
  });
}
