// Words, numbers and passages as the Evidence and Questions pages show them.
// Pure functions, unit-tested (tests/unit/renderer/evidence-lib.test.ts).
import type { z } from 'zod';
import type {
  ExcerptRecord, Perspective, ReanchorReport, SessionKind, SourcePerspective, TargetKind,
} from '../../../../shared/evidence-schemas.ts';
import type { Stance } from '../../../../shared/schemas.ts';
import { formatUkDate, isIsoDate, parseUkDate } from '../../../../shared/uk-date.ts';

export const STANCES: readonly Stance[] = ['supports', 'challenges', 'context'];

export const STANCE_WORDS: Record<Stance, string> = { supports: 'Supports', challenges: 'Challenges', context: 'Context' };

/** What each stance means, beside its radio button. */
export const STANCE_HINTS: Record<Stance, string> = {
  supports: 'Evidence for what the question asks or claims',
  challenges: 'Evidence against it, or that raises doubt',
  context: 'Background that helps to read the rest',
};

export function n(value: number): string {
  return value.toLocaleString('en-GB');
}

/** "1 note", "2,004 notes". */
export function count(value: number, one: string, many: string): string {
  return `${n(value)} ${value === 1 ? one : many}`;
}

/** "supports", "2 support" in a sentence: "1 supports, 2 challenge". */
export function stanceCount(stance: Stance, value: number): string {
  if (stance === 'context') return `${n(value)} ${value === 1 ? 'gives' : 'give'} context`;
  const verb = stance === 'supports' ? 'support' : 'challenge';
  return `${n(value)} ${value === 1 ? `${verb}s` : verb}`;
}

/** "2 passages: 1 supports, 1 challenges", or "No evidence". */
export function stanceMix(counts: { supports: number; challenges: number; context: number }, noun: [string, string] = ['passage', 'passages']): string {
  const total = counts.supports + counts.challenges + counts.context;
  if (total === 0) return 'No evidence';
  const parts = STANCES.filter((s) => counts[s] > 0).map((s) => stanceCount(s, counts[s]));
  return `${count(total, noun[0], noun[1])}: ${parts.join(', ')}`;
}

const PERSPECTIVE_ONE: Record<SourcePerspective, string> = {
  commissioner: 'Commissioner',
  provider: 'Provider',
  borough: 'Borough',
  service_user: 'Service user',
  expert: 'Expert',
  other: 'Other',
  committee: 'The committee',
};

/** Whom a witness or source speaks for, as a single label: "Service user". */
export function perspectiveWord(perspective: SourcePerspective | null): string {
  return perspective === null ? 'Not said' : PERSPECTIVE_ONE[perspective];
}

export const WITNESS_PERSPECTIVES: readonly Perspective[] = ['commissioner', 'provider', 'borough', 'service_user', 'expert', 'other'];
export const SOURCE_PERSPECTIVES: readonly SourcePerspective[] = [...WITNESS_PERSPECTIVES, 'committee'];

const SESSION_KIND_WORDS: Record<SessionKind, string> = { oral: 'Oral evidence', written: 'Written evidence', site_visit: 'Site visit' };

export function sessionKindWords(kind: SessionKind): string {
  return SESSION_KIND_WORDS[kind];
}

export const SESSION_KINDS: readonly SessionKind[] = ['oral', 'written', 'site_visit'];

/** "17/01/2024", or the fallback when there is no date. */
export function ukDate(iso: string | null | undefined, fallback = ''): string {
  if (iso === null || iso === undefined || !isIsoDate(iso)) return fallback;
  return formatUkDate(iso);
}

/** A date typed by a person (dd/mm/yyyy, "3 April 2023", ISO): the ISO date, null when empty, or why it is not a date. */
export function readDate(text: string): { ok: true; iso: string | null } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, iso: null };
  const parsed = parseUkDate(text);
  // The reason starts by quoting what was typed ("31/02/2024": …), which stands just above it.
  return parsed.ok ? { ok: true, iso: parsed.value } : { ok: false, message: sentence(parsed.reason.replace(/^"[^"]*":\s*/, '')) };
}

/** The short name of a term or key question, for tight places: "ToR 1", "KQ 2". */
export function targetShort(kind: TargetKind, number: number): string {
  return `${kind === 'term' ? 'ToR' : 'KQ'} ${number}`;
}

export function targetLabel(kind: TargetKind, number: number): string {
  return `${kind === 'term' ? 'Term of reference' : 'Key question'} ${number}`;
}

// ---- passages --------------------------------------------------------------

/** A passage made tidy: spaces and line breaks at either end left out; null when nothing but spaces is left. */
export function trimPassage(body: string, start: number, end: number): { start: number; end: number } | null {
  let a = Math.max(0, Math.min(start, end));
  let b = Math.min(body.length, Math.max(start, end));
  while (a < b && /\s/.test(body[a] ?? '')) a += 1;
  while (b > a && /\s/.test(body[b - 1] ?? '')) b -= 1;
  return b > a ? { start: a, end: b } : null;
}

export interface MarkedPassage {
  id: string;
  start: number;
  end: number;
  stances: readonly Stance[];
  /** The number it carries in the list beside the text. */
  number: number;
}

export interface Segment {
  start: number;
  end: number;
  /** Excerpts covering this stretch, in their order. */
  ids: string[];
  stances: Stance[];
  /** Numbers of the excerpts that end here, to mark at its end. */
  ending: number[];
  /** Inside the passage being coded now. */
  pending: boolean;
}

/**
 * The body cut where excerpts (and the passage being coded) begin and end, so
 * each stretch can be drawn once with every excerpt that covers it. The
 * stretches together are exactly the body: offsets stay string indices.
 */
export function segmentsOf(length: number, marks: readonly MarkedPassage[], pending: { start: number; end: number } | null = null): Segment[] {
  const inside = (m: { start: number; end: number }) => m.end > m.start && m.start < length && m.end > 0;
  const placed = marks.filter(inside);
  const cuts = new Set<number>([0, length]);
  for (const m of placed) {
    cuts.add(Math.max(0, m.start));
    cuts.add(Math.min(length, m.end));
  }
  if (pending !== null && inside(pending)) {
    cuts.add(Math.max(0, pending.start));
    cuts.add(Math.min(length, pending.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (end <= start) continue;
    const covering = placed.filter((m) => m.start <= start && m.end >= end);
    const stances = STANCES.filter((s) => covering.some((m) => m.stances.includes(s)));
    segments.push({
      start,
      end,
      ids: covering.map((m) => m.id),
      stances,
      ending: covering.filter((m) => m.end === end).map((m) => m.number),
      pending: pending !== null && pending.start <= start && pending.end >= end,
    });
  }
  return segments;
}

/** Excerpts placed in the text, numbered in reading order (lost ones get numbers after them). */
export function numberExcerpts(excerpts: readonly ExcerptRecord[]): Map<string, number> {
  const ordered = [...excerpts].sort((a, b) => Number(a.lost) - Number(b.lost) || (a.start ?? 0) - (b.start ?? 0) || (a.end ?? 0) - (b.end ?? 0));
  return new Map(ordered.map((x, index) => [x.id, index + 1]));
}

/** A quote cut short for a narrow place, at a word, with an ellipsis: the whole of it goes in a title or beside it. */
export function shortQuote(text: string, max = 80): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  if (clean[cut.length] === ' ') return `${cut.trimEnd()}…`; // the cut falls between words
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** What editing a note's text did to its excerpts, line by line in plain words. */
export function reanchorLines(report: ReanchorReport): string[] {
  const lines: string[] = [];
  const kept = report.unchanged;
  if (report.moved > 0) {
    lines.push(`${count(report.moved, 'excerpt', 'excerpts')} moved with ${report.moved === 1 ? 'its' : 'their'} text.`);
  }
  for (const edit of report.edited) {
    lines.push(`Edited inside an excerpt: “${shortQuote(edit.before, 60)}” now reads “${shortQuote(edit.after, 60)}”.`);
  }
  for (const lost of report.lost) {
    lines.push(`Lost: “${shortQuote(lost.quote, 60)}” is no longer in the note. It is kept, with its links, at the end of the list: place it on new text or delete it.`);
  }
  for (const found of report.found) {
    lines.push(`Found again: “${shortQuote(found.quote, 60)}” is back in the text.`);
  }
  if (lines.length === 0) {
    lines.push(kept === 0 ? 'The note has no excerpts, so none were affected.' : `${kept === 1 ? 'Its excerpt' : `All ${n(kept)} excerpts`} kept ${kept === 1 ? 'its' : 'their'} place.`);
  } else if (kept > 0) {
    lines.push(`${count(kept, 'other excerpt', 'other excerpts')} kept ${kept === 1 ? 'its' : 'their'} place.`);
  }
  return lines;
}

// ---- type-ahead --------------------------------------------------------------

export interface TypeAheadOption {
  /** "Key question 2". */
  label: string;
  /** "KQ 2". */
  short: string;
  text: string;
}

function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

function matches(option: TypeAheadOption, query: string): boolean {
  const q = squash(query);
  if (q === '') return false;
  const compact = q.replace(/ /g, '');
  if (squash(option.label).startsWith(q) || squash(option.short).replace(/ /g, '').startsWith(compact)) return true;
  if (/^\d+$/.test(q) && squash(option.short).endsWith(` ${q}`)) return true;
  return ` ${squash(option.text)}`.includes(` ${q}`);
}

/**
 * The option typed characters point to: the next one after `current` whose
 * label, short name ("kq2", "tor 1"), number or a word of its text starts with
 * what was typed. A single character moves on from the current option, so
 * pressing "2" again goes to the next option numbered 2; -1 when none matches.
 */
export function typeAhead(options: readonly TypeAheadOption[], query: string, current: number): number {
  if (options.length === 0) return -1;
  const from = query.length <= 1 ? current + 1 : Math.max(current, 0);
  for (let i = 0; i < options.length; i += 1) {
    const index = (from + i + options.length) % options.length;
    if (matches(options[index]!, query)) return index;
  }
  return -1;
}

// ---- forms ----------------------------------------------------------------------

/** A message from a schema, as the start of a sentence: "A title is needed". */
export function sentence(message: string): string {
  const text = message.trim();
  return text === '' ? text : `${text[0]!.toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
}

/** The first problem with each field a schema found, by field name. */
export function fieldProblems(error: z.ZodError): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (problems[field] === undefined) problems[field] = sentence(issue.message);
  }
  return problems;
}
