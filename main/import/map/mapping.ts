// A mapping says which column (or which fixed value) fills each field of a
// target. It is a plain JSON-able object, saved in import profiles and in each
// import batch, so an import can be repeated and explained later.
import { isFinancialYear, type FinancialYear } from '../../../shared/financial-year.ts';
import type { TableColumn } from '../table.ts';
import { cleanText, normaliseHeader } from './normalise.ts';
import { TARGETS, isTargetId, type FieldDef, type Measure, type TargetId } from './targets.ts';

/** A column, by its header and its letter. Found by header first, so a profile survives a column being inserted. */
export interface ColumnRef {
  letter: string;
  header: string;
}

/** Wide layout: one column per financial year, each cell one funding line. */
export interface YearColumn {
  column: ColumnRef;
  /** "2023-24". */
  year: FinancialYear;
  measure: Measure;
}

export interface Mapping {
  version: 1;
  target: TargetId;
  /** Field key to the column that fills it. */
  columns: Partial<Record<string, ColumnRef>>;
  /** Field key to one value for every row, for fields that allow it (fund "LCPF-DIRECT", commissioner "MOPAC"). */
  constants?: Partial<Record<string, string>>;
  /** Funding only: the wide layout's year columns. */
  yearColumns?: YearColumn[];
  /** Funding only: what an Amount column holds when no Measure column says (allocated or spent). */
  measure?: Measure;
}

function isRef(value: unknown): value is ColumnRef {
  return typeof value === 'object' && value !== null
    && typeof (value as ColumnRef).letter === 'string' && typeof (value as ColumnRef).header === 'string';
}

/**
 * Checks that a value (a saved profile's mapping_json, a request body) has the
 * shape of a Mapping. Whether it fits a file is resolveMapping's job.
 */
export function parseMapping(value: unknown): { ok: true; mapping: Mapping } | { ok: false; reason: string } {
  if (typeof value !== 'object' || value === null) return { ok: false, reason: 'The mapping is not an object' };
  const m = value as Record<string, unknown>;
  if (m.version !== 1) return { ok: false, reason: `The mapping has version ${String(m.version)}; this Scrutiny Desk reads version 1` };
  if (typeof m.target !== 'string' || !isTargetId(m.target)) return { ok: false, reason: `"${String(m.target)}" is not an import target` };
  if (typeof m.columns !== 'object' || m.columns === null) return { ok: false, reason: 'The mapping has no columns' };
  for (const [field, ref] of Object.entries(m.columns)) {
    if (ref !== undefined && !isRef(ref)) return { ok: false, reason: `The column for "${field}" is not a letter and a header` };
  }
  if (m.constants !== undefined) {
    if (typeof m.constants !== 'object' || m.constants === null) return { ok: false, reason: 'The values for the whole file are not an object' };
    for (const [field, v] of Object.entries(m.constants)) {
      if (v !== undefined && typeof v !== 'string') return { ok: false, reason: `The value for "${field}" is not text` };
    }
  }
  if (m.yearColumns !== undefined) {
    if (!Array.isArray(m.yearColumns)) return { ok: false, reason: 'The year columns are not a list' };
    for (const y of m.yearColumns as unknown[]) {
      const yc = y as Record<string, unknown> | null;
      if (!yc || !isRef(yc.column) || typeof yc.year !== 'string' || !isFinancialYear(yc.year) || (yc.measure !== 'allocated' && yc.measure !== 'spent')) {
        return { ok: false, reason: 'A year column needs a column, a financial year (2023-24) and a measure (allocated or spent)' };
      }
    }
  }
  if (m.measure !== undefined && m.measure !== 'allocated' && m.measure !== 'spent') return { ok: false, reason: 'The measure must be allocated or spent' };
  return { ok: true, mapping: value as Mapping };
}

export function emptyMapping(target: TargetId): Mapping {
  return { version: 1, target, columns: {} };
}

export function columnRef(column: TableColumn): ColumnRef {
  return { letter: column.letter, header: cleanText(column.name) };
}

export interface MappingProblem {
  /** An error stops the import; a warning is shown and the import goes on. */
  severity: 'error' | 'warning';
  field: string | null;
  column: string | null;
  message: string;
}

export interface ResolvedMapping {
  target: TargetId;
  /** Field key to the index of its column in table.columns. */
  fields: Map<string, number>;
  constants: Map<string, string>;
  yearColumns: { index: number; year: FinancialYear; measure: Measure }[];
  measure: Measure | undefined;
  problems: MappingProblem[];
}

function describe(ref: ColumnRef): string {
  return ref.header === '' ? `column ${ref.letter}` : `column ${ref.letter} ("${ref.header}")`;
}

/**
 * Finds a column: by its header (normalised), and when the header occurs more
 * than once, by its letter among those. A column whose header is gone is not
 * replaced by whatever now sits at its letter: that would be a guess.
 */
export function findColumn(ref: ColumnRef, columns: readonly TableColumn[]): { index: number } | { problem: string } {
  const wanted = normaliseHeader(ref.header);
  const same = columns.map((c, index) => ({ c, index })).filter(({ c }) => normaliseHeader(c.name) === wanted);
  if (same.length === 1 && same[0]) return { index: same[0].index };
  const atLetter = same.find(({ c }) => c.letter === ref.letter);
  if (atLetter) return { index: atLetter.index };
  if (same.length > 1) {
    return { problem: `${same.length} columns are headed "${ref.header}" (${same.map(({ c }) => c.letter).join(', ')}), and none is at ${ref.letter}: choose one` };
  }
  return { problem: `${describe(ref)} is not in this file` };
}

function fieldLabel(def: FieldDef): string {
  return def.label;
}

/** Checks a mapping against a file's columns and resolves it. Errors here stop the import before any row is read. */
export function resolveMapping(mapping: Mapping, columns: readonly TableColumn[]): ResolvedMapping {
  const target = TARGETS[mapping.target];
  const problems: MappingProblem[] = [];
  const fields = new Map<string, number>();
  const constants = new Map<string, string>();
  const error = (field: string | null, column: string | null, message: string) => problems.push({ severity: 'error', field, column, message });
  const warning = (field: string | null, column: string | null, message: string) => problems.push({ severity: 'warning', field, column, message });

  if (mapping.version !== 1) error(null, null, `This mapping was saved by a newer Scrutiny Desk (version ${String(mapping.version)})`);

  const usedBy = new Map<number, string[]>();
  for (const [key, ref] of Object.entries(mapping.columns)) {
    if (!ref) continue;
    const def = target.fields.find((f) => f.key === key);
    if (!def) {
      error(key, ref.letter, `"${key}" is not a field of ${target.label}`);
      continue;
    }
    const found = findColumn(ref, columns);
    if ('problem' in found) {
      error(key, ref.letter, `${fieldLabel(def)}: ${found.problem}`);
      continue;
    }
    fields.set(key, found.index);
    usedBy.set(found.index, [...(usedBy.get(found.index) ?? []), fieldLabel(def)]);
  }
  for (const [index, labels] of usedBy) {
    if (labels.length > 1) {
      const column = columns[index];
      warning(null, column?.letter ?? null, `Column ${column?.letter ?? '?'} fills more than one field (${labels.join(', ')})`);
    }
  }

  for (const [key, value] of Object.entries(mapping.constants ?? {})) {
    if (value === undefined || value.trim() === '') continue;
    const def = target.fields.find((f) => f.key === key);
    if (!def) {
      error(key, null, `"${key}" is not a field of ${target.label}`);
      continue;
    }
    if (!def.constant) {
      error(key, null, `${fieldLabel(def)} cannot be one value for the whole file: map it to a column`);
      continue;
    }
    if (fields.has(key)) {
      error(key, null, `${fieldLabel(def)} is both mapped to a column and given one value for the whole file: choose one`);
      continue;
    }
    constants.set(key, value.trim());
  }

  const yearColumns: ResolvedMapping['yearColumns'] = [];
  const yearSeen = new Map<string, string>();
  for (const yc of mapping.yearColumns ?? []) {
    if (!target.wideLayout) {
      error(null, yc.column.letter, `${target.label} has no columns per financial year`);
      continue;
    }
    if (!isFinancialYear(yc.year)) {
      error(null, yc.column.letter, `${describe(yc.column)}: "${String(yc.year)}" is not a financial year`);
      continue;
    }
    if (yc.measure !== 'allocated' && yc.measure !== 'spent') {
      error(null, yc.column.letter, `${describe(yc.column)}: the measure must be allocated or spent`);
      continue;
    }
    const found = findColumn(yc.column, columns);
    if ('problem' in found) {
      error(null, yc.column.letter, `Financial year ${yc.year}: ${found.problem}`);
      continue;
    }
    const slot = `${yc.year} ${yc.measure}`;
    const letter = columns[found.index]?.letter ?? yc.column.letter;
    const earlier = yearSeen.get(slot);
    if (earlier !== undefined) {
      error(null, letter, `Columns ${earlier} and ${letter} both hold the ${yc.measure} amount for ${yc.year}: map only one of them`);
      continue;
    }
    yearSeen.set(slot, letter);
    yearColumns.push({ index: found.index, year: yc.year, measure: yc.measure });
  }

  const has = (key: string) => fields.has(key) || constants.has(key);
  const alreadySaid = new Set(problems.map((p) => p.field));
  for (const def of target.fields) {
    if (!def.required || has(def.key) || alreadySaid.has(def.key)) continue;
    if (target.id === 'funding' && def.key === 'financialYear' && yearColumns.length > 0) continue;
    error(def.key, null, `${fieldLabel(def)} is needed: map a column to it`);
  }

  if (target.id === 'funding') {
    const money = ['allocated', 'spent', 'amount'].filter((k) => fields.has(k));
    if (yearColumns.length > 0 && has('financialYear')) {
      error('financialYear', null, 'The file has both a Financial year column and columns per financial year: use one layout');
    }
    if (yearColumns.length > 0 && money.length > 0) {
      error(null, null, 'The file has both columns per financial year and Allocated/Spent/Amount columns: use one layout');
    }
    if (yearColumns.length === 0 && money.length === 0) {
      error(null, null, 'No money to import: map an Allocated, Spent or Amount column, or the columns per financial year');
    }
    if (fields.has('measure') && !fields.has('amount')) {
      error('measure', null, 'A Measure column says what an Amount column holds: map the Amount column too');
    }
    if (fields.has('amount') && !fields.has('measure') && mapping.measure === undefined) {
      error('measure', null, 'Say whether the Amount column is allocated or spent: map a Measure column or choose one for the whole file');
    }
  }

  if (target.id === 'funding' && !has('fund')) {
    warning('fund', null, 'No fund is given: the funding lines will have no fund. Map a Fund column or choose the fund for the whole file (for example LCPF-DIRECT)');
  }
  if (target.id === 'grants360' && !fields.has('currency')) {
    warning('currency', null, 'The file has no Currency column: amounts are read as pounds sterling');
  }

  return { target: mapping.target, fields, constants, yearColumns, measure: mapping.measure, problems };
}
