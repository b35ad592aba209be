// Turning what a person types into an FTS5 query: every word must match, the last
// as a prefix (so results come as they type); FTS5's own operators are not theirs
// to trip over, so quotes, brackets and stars are treated as spaces.

export function toMatchQuery(typed: string): string | null {
  const words = typed
    .normalize('NFKC')
    .replace(/["*^():{}[\]+-]/g, ' ')
    .split(/\s+/)
    .map((word) => word.trim())
    .filter((word) => word !== '' && !/^(AND|OR|NOT|NEAR)$/.test(word));
  if (words.length === 0) return null;
  return words.map((word, index) => `"${word}"${index === words.length - 1 ? '*' : ''}`).join(' ');
}

export interface TextSegment {
  text: string;
  match: boolean;
}

export const MATCH_START = '\u0002';
export const MATCH_END = '\u0003';

/** Splits text marked with MATCH_START/MATCH_END into plain and matched segments (never HTML). */
export function segmentsOf(marked: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let match = false;
  let current = '';
  for (const char of marked) {
    if (char === MATCH_START || char === MATCH_END) {
      if (current) segments.push({ text: current, match });
      current = '';
      match = char === MATCH_START;
    } else {
      current += char;
    }
  }
  if (current) segments.push({ text: current, match });
  return segments;
}
