// Import profiles: a named, saved mapping ("MOPAC LCPF allocations") applied
// automatically to the next file with the same columns, with a warning when a
// known profile's columns have changed.
import type { TableColumn } from '../table.ts';
import { measureInHeader, yearsInHeader } from './guess.ts';
import { findColumn, type ColumnRef, type Mapping, type YearColumn } from './mapping.ts';
import { cleanText, listAnd, normaliseHeader } from './normalise.ts';
import { columnLetter } from './table-from-rows.ts';
import { TARGETS, type TargetId } from './targets.ts';

export interface ImportProfile {
  name: string;
  target: TargetId;
  /** headerSignature of the file the profile was made from. */
  headerSignature: string;
  /** That file's headers, in order, as written. */
  headers: string[];
  mapping: Mapping;
}

type Columns = readonly { name: string; letter?: string }[];

const SIGNATURE_VERSION = 'v1';

/**
 * The same for files with the same columns in the same order, whatever their
 * rows, and whatever case, punctuation, plurals, BOMs or odd spaces the headers
 * have. Order matters: a file whose columns moved is a changed file.
 */
export function headerSignature(columns: Columns): string {
  return `${SIGNATURE_VERSION}:${columns.map((c) => normaliseHeader(c.name)).join('|')}`;
}

export function makeProfile(name: string, mapping: Mapping, columns: Columns): ImportProfile {
  return { name, target: mapping.target, headerSignature: headerSignature(columns), headers: columns.map((c) => cleanText(c.name)), mapping };
}

export interface ColumnChange {
  letter: string;
  header: string;
}

export interface RenamedColumn {
  letter: string;
  from: string;
  to: string;
}

export interface MovedColumn {
  header: string;
  from: string;
  to: string;
}

export type ProfileMatch =
  | { status: 'exact'; message: string }
  | {
    status: 'changed';
    added: ColumnChange[];
    removed: ColumnChange[];
    /** Another header at the same letter (never between headers naming different financial years). */
    renamed: RenamedColumn[];
    moved: MovedColumn[];
    /** Fields of the profile whose column this file no longer has, renames aside. */
    lostFields: string[];
    message: string;
  }
  | { status: 'different'; message: string };

interface Lettered {
  letter: string;
  name: string;
  key: string;
  years: string;
}

function lettered(columns: Columns): Lettered[] {
  return columns.map((c, i) => ({
    letter: c.letter ?? columnLetter(i), name: cleanText(c.name), key: normaliseHeader(c.name), years: yearsInHeader(c.name).join(' '),
  }));
}

function mappedRefs(mapping: Mapping): { field: string; ref: ColumnRef }[] {
  const out: { field: string; ref: ColumnRef }[] = [];
  for (const [field, ref] of Object.entries(mapping.columns)) if (ref) out.push({ field, ref });
  for (const y of mapping.yearColumns ?? []) out.push({ field: `year:${y.year}`, ref: y.column });
  return out;
}

/**
 * Compares a file's columns with a profile's. Exact: the same headers in the
 * same order. Changed: some columns added, removed, renamed (another header at
 * the same letter) or moved, but the profile's other columns are there.
 * Different: fewer than half of the profile's headers are there, or none of the
 * columns it maps. Headers naming financial years are left out of that count,
 * since next year's allocation file has next year's columns.
 */
export function profileMatches(profile: ImportProfile, columns: Columns): ProfileMatch {
  if (headerSignature(columns) === profile.headerSignature) {
    return { status: 'exact', message: `The columns are the same as in "${profile.name}"` };
  }
  const before = lettered(profile.headers.map((name) => ({ name })));
  const now = lettered(columns);
  const nowKeys = new Set(now.map((c) => c.key));
  const beforeKeys = new Set(before.map((c) => c.key));

  const removedAll = before.filter((c) => c.key !== '' && !nowKeys.has(c.key));
  const addedAll = now.filter((c) => c.key !== '' && !beforeKeys.has(c.key));
  const renamed: RenamedColumn[] = [];
  for (const r of removedAll) {
    const a = addedAll.find((c) => c.letter === r.letter && c.years === r.years);
    if (a) renamed.push({ letter: r.letter, from: r.name, to: a.name });
  }
  const renamedLetters = new Set(renamed.map((r) => r.letter));
  const removed = removedAll.filter((c) => !renamedLetters.has(c.letter)).map((c) => ({ letter: c.letter, header: c.name }));
  const added = addedAll.filter((c) => !renamedLetters.has(c.letter)).map((c) => ({ letter: c.letter, header: c.name }));
  const moved: MovedColumn[] = [];
  for (const b of before) {
    if (b.key === '') continue;
    const n = now.find((c) => c.key === b.key);
    if (n && n.letter !== b.letter) moved.push({ header: b.name, from: b.letter, to: n.letter });
  }

  const plain = before.filter((c) => c.key !== '' && c.years === '');
  const kept = plain.filter((c) => nowKeys.has(c.key)).length;
  const refs = mappedRefs(profile.mapping);
  const lostFields = refs
    .filter(({ ref }) => !nowKeys.has(normaliseHeader(ref.header)) && !renamedLetters.has(ref.letter))
    .map(({ field }) => field);
  const refsStillThere = refs.filter(({ ref }) => nowKeys.has(normaliseHeader(ref.header)) || renamedLetters.has(ref.letter)).length;
  if (kept * 2 < plain.length || (refs.length > 0 && refsStillThere === 0)) {
    return { status: 'different', message: `Only ${kept} of the ${plain.length} columns of "${profile.name}" are in this file: it is a different kind of file` };
  }

  const parts: string[] = [];
  if (added.length > 0) parts.push(`added ${listAnd(added.map((c) => `${c.letter} "${c.header}"`))}`);
  if (removed.length > 0) parts.push(`removed ${listAnd(removed.map((c) => `"${c.header}" (was ${c.letter})`))}`);
  if (renamed.length > 0) parts.push(`renamed ${listAnd(renamed.map((r) => `${r.letter} "${r.from}" to "${r.to}"`))}`);
  if (moved.length > 0) parts.push(`moved ${listAnd(moved.map((m) => `"${m.header}" from ${m.from} to ${m.to}`))}`);
  const fieldLabel = (key: string) => key.startsWith('year:')
    ? `financial year ${key.slice(5)}`
    : TARGETS[profile.target].fields.find((f) => f.key === key)?.label ?? key;
  const lost = lostFields.length > 0 ? ` The profile maps ${listAnd(lostFields.map(fieldLabel))} to columns this file does not have.` : '';
  return {
    status: 'changed', added, removed, renamed, moved, lostFields,
    message: `The columns have changed since "${profile.name}" was saved: ${parts.join('; ')}.${lost} Check the mapping before importing.`,
  };
}

export interface AppliedProfile {
  mapping: Mapping;
  match: ProfileMatch;
  /** What the clerk should check: renamed columns followed, fields left without a column, year columns added. */
  warnings: string[];
}

/**
 * A profile's mapping made fit for a file. Rules: a column is found by its
 * header, so added or moved columns do not matter; a renamed column (another
 * header at the same letter) is followed, with a warning; a removed one is left
 * unmapped, with a warning. In the wide layout, a year column is only ever
 * followed to a header naming the same year, and a new column naming one
 * financial year is added with the profile's measure, with a warning.
 */
export function applyProfile(profile: ImportProfile, columns: readonly TableColumn[]): AppliedProfile {
  const match = profileMatches(profile, columns);
  const warnings: string[] = [];
  if (match.status !== 'exact') warnings.push(match.message);
  const renamed = match.status === 'changed' ? match.renamed : [];
  const follow = (label: string, ref: ColumnRef): ColumnRef | null => {
    const found = findColumn(ref, columns);
    if ('index' in found) {
      const column = columns[found.index];
      return column ? { letter: column.letter, header: cleanText(column.name) } : null;
    }
    const r = renamed.find((x) => x.letter === ref.letter && normaliseHeader(x.from) === normaliseHeader(ref.header));
    if (r) {
      warnings.push(`${label}: column ${r.letter} was "${r.from}" and is now "${r.to}"; it is still mapped to ${label}, so check it holds the same thing`);
      return { letter: r.letter, header: r.to };
    }
    warnings.push(`${label}: the column "${ref.header}" is not in this file, so ${label} is not mapped`);
    return null;
  };
  const target = TARGETS[profile.mapping.target];
  const label = (key: string) => target.fields.find((f) => f.key === key)?.label ?? key;
  const mapping: Mapping = { ...profile.mapping, columns: {} };
  delete mapping.yearColumns;
  for (const [field, ref] of Object.entries(profile.mapping.columns)) {
    if (!ref) continue;
    const next = follow(label(field), ref);
    if (next) mapping.columns[field] = next;
  }

  const profileYears = profile.mapping.yearColumns ?? [];
  if (profileYears.length > 0) {
    const years: YearColumn[] = [];
    for (const y of profileYears) {
      const next = follow(`Financial year ${y.year}`, y.column);
      if (!next) continue;
      const named = yearsInHeader(next.header);
      if (named.length > 0 && !named.includes(y.year)) {
        warnings.push(`Financial year ${y.year}: column ${next.letter} is now "${next.header}", which names another year, so it is not used for ${y.year}`);
        continue;
      }
      years.push({ ...y, column: next });
    }
    const measures = new Set(profileYears.map((y) => y.measure));
    const usedLetters = new Set([...years.map((y) => y.column.letter), ...Object.values(mapping.columns).map((c) => c?.letter)]);
    for (const column of columns) {
      if (usedLetters.has(column.letter)) continue;
      const named = yearsInHeader(column.name);
      const year = named[0];
      if (named.length !== 1 || year === undefined) continue;
      const measure = measureInHeader(column.name) ?? (measures.size === 1 ? [...measures][0] : undefined) ?? 'allocated';
      if (years.some((y) => y.year === year && y.measure === measure)) continue;
      years.push({ column: { letter: column.letter, header: cleanText(column.name) }, year, measure });
      warnings.push(`Column ${column.letter} ("${cleanText(column.name)}") names ${year}, which "${profile.name}" did not have: it is read as ${measure} in ${year}`);
    }
    mapping.yearColumns = years;
  }
  return { mapping, match, warnings };
}

/** The saved profile that best fits a file: an exact one first, else the changed one keeping most columns. Different ones never. */
export function findProfile(profiles: readonly ImportProfile[], columns: readonly TableColumn[], target?: TargetId): { profile: ImportProfile; match: ProfileMatch } | null {
  let best: { profile: ImportProfile; match: ProfileMatch; score: number } | null = null;
  for (const profile of profiles) {
    if (target !== undefined && profile.target !== target) continue;
    const match = profileMatches(profile, columns);
    if (match.status === 'different') continue;
    const score = match.status === 'exact'
      ? Number.POSITIVE_INFINITY
      : -(match.added.length + match.removed.length + match.renamed.length + match.lostFields.length * 10);
    if (!best || score > best.score) best = { profile, match, score };
  }
  return best ? { profile: best.profile, match: best.match } : null;
}
