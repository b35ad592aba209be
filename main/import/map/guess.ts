// Guessing a mapping from a file's header names and sample values. Every guess
// carries a confidence and its reason in words, so the clerk can see why a
// column was mapped and change it. Two columns are never mapped to one field
// silently: such a clash is reported as a conflict, and an exact tie is left
// for the clerk to settle.
import { parseFinancialYear, type FinancialYear } from '../../../shared/financial-year.ts';
import type { ImportTable, TableCell } from '../table.ts';
import {
  isEmptyCell, measureFromWord, readBorough, readBoroughList, readDate, readFinancialYear, readMoney,
} from './cells.ts';
import { columnRef, emptyMapping, type ColumnRef, type Mapping } from './mapping.ts';
import { listAnd, listOr, normaliseHeader } from './normalise.ts';
import { TARGETS, TARGET_IDS, type FieldDef, type FieldKind, type Measure, type TargetId } from './targets.ts';

export interface FieldGuess {
  field: string;
  label: string;
  column: ColumnRef;
  /** 0 to 1. A 360Giving standard header is 1; an exact header name 0.95; a header that mentions the field less; values alone 0.6. */
  confidence: number;
  reason: string;
  source: 'standard' | 'header' | 'values';
}

export interface YearColumnGuess {
  column: ColumnRef;
  year: FinancialYear;
  measure: Measure;
  confidence: number;
  reason: string;
}

export interface GuessConflict {
  field: string;
  label: string;
  columns: ColumnRef[];
  /** The column mapped, or null when none was (a tie: the clerk chooses). */
  chosen: ColumnRef | null;
  message: string;
}

export interface UnmappedColumn {
  column: ColumnRef;
  reason: string;
}

export interface GuessResult {
  target: TargetId;
  mapping: Mapping;
  fields: FieldGuess[];
  yearColumns: YearColumnGuess[];
  conflicts: GuessConflict[];
  unmapped: UnmappedColumn[];
  /** Labels of required fields no column was found for. */
  missingRequired: string[];
  /** Choices made for the clerk that are not about one column (the measure, say). */
  notes: string[];
  /** True when the clerk should look before importing: a conflict, a missing required field or a weak guess. */
  needsReview: boolean;
}

type Sampled = Pick<ImportTable, 'columns' | 'rows' | 'dateSystem'>;

const SAMPLE_ROWS = 200;
const SAMPLE_VALUES = 50;
/** Share of a column's values that must read as one kind for the values alone to suggest a field. */
const VALUE_SHARE = 0.8;
const REVIEW_BELOW = 0.85;

type ValueKind = 'money' | 'date' | 'financialYear' | 'borough' | 'boroughList';

const KIND_WORDS: Record<ValueKind, string> = {
  money: 'amounts', date: 'dates', financialYear: 'financial years', borough: 'boroughs', boroughList: 'boroughs or lists of boroughs',
};

function valueKindOf(kind: FieldKind): ValueKind | null {
  return kind === 'money' || kind === 'date' || kind === 'financialYear' || kind === 'borough' || kind === 'boroughList' ? kind : null;
}

interface ColumnProfile {
  nonEmpty: number;
  fits: Record<ValueKind, number>;
}

function profileColumn(table: Sampled, index: number): ColumnProfile {
  const cells: TableCell[] = [];
  for (const row of table.rows.slice(0, SAMPLE_ROWS)) {
    const cell = row.cells[index];
    if (cell && !isEmptyCell(cell)) cells.push(cell);
    if (cells.length >= SAMPLE_VALUES) break;
  }
  const fits: Record<ValueKind, number> = { money: 0, date: 0, financialYear: 0, borough: 0, boroughList: 0 };
  for (const cell of cells) {
    if (readMoney(cell).ok) fits.money++;
    if (readDate(cell, table.dateSystem).ok) fits.date++;
    if (readFinancialYear(cell).ok) fits.financialYear++;
    if (readBorough(cell).ok) fits.borough++;
    if (readBoroughList(cell).ok) fits.boroughList++;
  }
  return { nonEmpty: cells.length, fits };
}

function share(p: ColumnProfile, kind: ValueKind): number {
  return p.nonEmpty === 0 ? 0 : p.fits[kind] / p.nonEmpty;
}

function valuesSay(p: ColumnProfile, kind: ValueKind): string {
  return `${p.fits[kind]} of ${p.nonEmpty} values are ${KIND_WORDS[kind]}`;
}

function words(s: string): string[] {
  return s === '' ? [] : s.split(' ');
}

function containsPhrase(header: string[], phrase: string[]): boolean {
  if (phrase.length === 0 || phrase.length > header.length) return false;
  for (let i = 0; i + phrase.length <= header.length; i++) {
    if (phrase.every((w, j) => header[i + j] === w)) return true;
  }
  return false;
}

interface Candidate {
  field: FieldDef;
  fieldOrder: number;
  index: number;
  confidence: number;
  reason: string;
  source: FieldGuess['source'];
}

/** How well a header names a field, by its synonyms. */
function headerScore(field: FieldDef, header: string, shownHeader: string): { confidence: number; reason: string; source: FieldGuess['source'] } | null {
  if (header === '') return null;
  if (field.standard !== undefined && normaliseHeader(field.standard) === header) {
    return { confidence: 1, reason: `standard 360Giving column "${field.standard}"`, source: 'standard' };
  }
  const headerWords = words(header);
  let best: { confidence: number; reason: string; source: FieldGuess['source'] } | null = null;
  for (const [rank, synonym] of field.synonyms.entries()) {
    const s = normaliseHeader(synonym);
    // Earlier synonyms are the field's usual names: "Date" beats "Invoice date" for a payment's date.
    if (s === header) return { confidence: Math.round((0.95 - Math.min(rank, 20) * 0.002) * 1000) / 1000, reason: `header says "${shownHeader}"`, source: 'header' };
    // A short word ("to", "id", "fy") names a field only when it is the whole header.
    if (s.length < 4) continue;
    const phrase = words(s);
    if (containsPhrase(headerWords, phrase)) {
      const confidence = Math.round((0.6 + 0.3 * (phrase.length / headerWords.length)) * 100) / 100;
      if (!best || confidence > best.confidence) best = { confidence, reason: `header "${shownHeader}" mentions "${synonym}"`, source: 'header' };
    }
  }
  return best;
}

const FY_IN_HEADER = /(?:fy\s?)?\d{2,4}\s?[-/\u2013\u2014]\s?\d{2,4}/gi;

/**
 * The financial years a header names ("Funding 2024-25" names 2024-25). A span
 * of years ("Total 2022-25") names each year in it.
 */
export function yearsInHeader(name: string): FinancialYear[] {
  const found: FinancialYear[] = [];
  const add = (fy: FinancialYear) => {
    if (!found.includes(fy)) found.push(fy);
  };
  for (const m of name.matchAll(FY_IN_HEADER)) {
    const parsed = parseFinancialYear(m[0]);
    if (parsed.ok) {
      add(parsed.value);
      continue;
    }
    const span = /^(\d{4})\s?[-/\u2013\u2014]\s?(\d{2}|\d{4})$/.exec(m[0]);
    if (!span) continue;
    const start = Number(span[1]);
    const endText = span[2] ?? '';
    const end = endText.length === 4 ? Number(endText) : start - (start % 100) + Number(endText);
    if (end <= start + 1 || end - start > 10) continue;
    for (let y = start; y < end; y++) {
      const fy = parseFinancialYear(`${y}-${String((y + 1) % 100).padStart(2, '0')}`);
      if (fy.ok) add(fy.value);
    }
  }
  return found;
}

export function measureInHeader(name: string): Measure | undefined {
  const ws = words(normaliseHeader(name.replace(FY_IN_HEADER, ' ')));
  const found = new Set<Measure>();
  for (let i = 0; i < ws.length; i++) {
    const one = measureFromWord(ws[i] ?? '');
    if (one) found.add(one);
    const two = measureFromWord(`${ws[i] ?? ''} ${ws[i + 1] ?? ''}`);
    if (two) found.add(two);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

function quoteColumn(ref: ColumnRef): string {
  return ref.header === '' ? `column ${ref.letter}` : `column ${ref.letter} ("${ref.header}")`;
}

/** Guesses how a file's columns fill a target's fields. */
export function guessMapping(table: Sampled, target: TargetId): GuessResult {
  const def = TARGETS[target];
  const mapping = emptyMapping(target);
  const headers = table.columns.map((c) => normaliseHeader(c.name));
  const profiles = new Map<number, ColumnProfile>();
  const profileOf = (index: number): ColumnProfile => {
    let p = profiles.get(index);
    if (!p) {
      p = profileColumn(table, index);
      profiles.set(index, p);
    }
    return p;
  };
  const reasons = new Map<number, string>();
  const notes: string[] = [];
  const conflicts: GuessConflict[] = [];

  // Wide layout: columns whose header names one financial year.
  const yearColumns: YearColumnGuess[] = [];
  const yearIndexes = new Set<number>();
  const spans = new Set<number>();
  if (def.wideLayout) {
    table.columns.forEach((column, index) => {
      const years = yearsInHeader(column.name);
      if (years.length === 0) return;
      if (years.length > 1) {
        spans.add(index);
        reasons.set(index, `the header spans ${years[0] ?? ''} to ${years[years.length - 1] ?? ''}: a total over several years is not imported, as it would count the money twice`);
        return;
      }
      const year = years[0];
      if (year === undefined) return;
      const p = profileOf(index);
      if (p.nonEmpty >= 3 && share(p, 'money') < 0.5) {
        reasons.set(index, `the header names ${year}, but only ${valuesSay(p, 'money')}`);
        return;
      }
      const stated = measureInHeader(column.name);
      const measure = stated ?? 'allocated';
      const valueNote = p.nonEmpty > 0 ? `; ${valuesSay(p, 'money')}` : '; the column is empty';
      yearColumns.push({
        column: columnRef(column), year, measure, confidence: stated ? 0.9 : 0.85,
        reason: `header names the financial year ${year}${stated ? ` and says ${stated}` : `, read as allocated (no word in it says spent)`}${valueNote}`,
      });
      yearIndexes.add(index);
    });
    const slots = new Map<string, YearColumnGuess[]>();
    for (const y of yearColumns) slots.set(`${y.year} ${y.measure}`, [...(slots.get(`${y.year} ${y.measure}`) ?? []), y]);
    for (const [slot, list] of slots) {
      if (list.length < 2) continue;
      const cols = list.map((y) => y.column);
      conflicts.push({
        field: `year:${slot}`, label: slot, columns: cols, chosen: null,
        message: `${listAnd(cols.map(quoteColumn))} all look like the ${slot} amount: choose one`,
      });
      for (const y of list) {
        yearIndexes.delete(table.columns.findIndex((c) => c.letter === y.column.letter));
        reasons.set(table.columns.findIndex((c) => c.letter === y.column.letter), `it clashes with another column for ${slot}`);
      }
    }
  }
  const keptYears = yearColumns.filter((y) => yearIndexes.has(table.columns.findIndex((c) => c.letter === y.column.letter)));
  const wide = keptYears.length > 0;

  // Candidates from headers, checked against the values.
  const candidates: Candidate[] = [];
  def.fields.forEach((field, fieldOrder) => {
    table.columns.forEach((column, index) => {
      if (yearIndexes.has(index) || spans.has(index)) return;
      const scored = headerScore(field, headers[index] ?? '', column.name);
      if (!scored) return;
      let { confidence, reason } = scored;
      const kind = valueKindOf(field.kind);
      if (kind) {
        const p = profileOf(index);
        const fit = kind === 'boroughList' ? Math.max(p.fits.boroughList, p.fits.borough) : p.fits[kind];
        if (p.nonEmpty >= 3 && fit / p.nonEmpty < 0.5) {
          if (scored.source !== 'standard') confidence = Math.round(confidence * 0.5 * 100) / 100;
          reason += `, but only ${fit} of ${p.nonEmpty} values are ${KIND_WORDS[kind]}`;
        } else if (p.nonEmpty > 0) {
          reason += `; ${fit} of ${p.nonEmpty} values are ${KIND_WORDS[kind]}`;
        }
      }
      if (wide && (field.key === 'allocated' || field.key === 'spent' || field.key === 'amount' || field.key === 'financialYear')) {
        reasons.set(index, `with one column per financial year, "${column.name}" looks like a total or a repeat of them: not imported, as it would count the money twice`);
        return;
      }
      candidates.push({ field, fieldOrder, index, confidence, reason, source: scored.source });
    });
  });

  // Candidates from values alone, for columns no header explains.
  const headerExplained = new Set(candidates.map((c) => c.index));
  table.columns.forEach((column, index) => {
    if (headerExplained.has(index) || yearIndexes.has(index) || reasons.has(index)) return;
    const p = profileOf(index);
    if (p.nonEmpty < 3) return;
    const order: ValueKind[] = ['financialYear', 'date', 'borough', 'money', 'boroughList'];
    const kind = order.find((k) => share(p, k) >= VALUE_SHARE);
    if (!kind) return;
    const fitting = def.fields.filter((f) => f.kind === kind || (kind === 'borough' && f.kind === 'boroughList'));
    if (fitting.length === 0) return;
    if (wide && kind === 'money') {
      reasons.set(index, `${valuesSay(p, kind)}, but the file has one column per financial year: not imported, as it would count the money twice`);
      return;
    }
    const chosen = fitting.length === 1 ? fitting[0] : fitting.find((f) => f.fromValues);
    if (!chosen) {
      reasons.set(index, `${valuesSay(p, kind)}: it could be ${listOr(fitting.map((f) => f.label))}, so choose one`);
      return;
    }
    candidates.push({
      field: chosen, fieldOrder: def.fields.indexOf(chosen), index, confidence: 0.6, reason: valuesSay(p, kind), source: 'values',
    });
  });

  // Assign: best first; a field takes one column, a column one field.
  candidates.sort((a, b) => b.confidence - a.confidence || a.fieldOrder - b.fieldOrder || a.index - b.index);
  const assigned = new Map<string, Candidate>();
  const usedColumns = new Set<number>();
  const blocked = new Set<string>();
  const extras = new Map<string, Candidate[]>();
  for (const c of candidates) {
    if (blocked.has(c.field.key)) continue;
    const taken = assigned.get(c.field.key);
    if (taken) {
      if (c.index !== taken.index && !usedColumns.has(c.index)) extras.set(c.field.key, [...(extras.get(c.field.key) ?? []), c]);
      continue;
    }
    if (usedColumns.has(c.index)) continue;
    const ties = candidates.filter((o) => o.field.key === c.field.key && o.index !== c.index && o.confidence === c.confidence && !usedColumns.has(o.index));
    if (ties.length > 0) {
      const cols = [c, ...ties].map((t) => columnRef(table.columns[t.index] ?? { letter: '?', name: '' }));
      conflicts.push({
        field: c.field.key, label: c.field.label, columns: cols, chosen: null,
        message: `${listAnd(cols.map(quoteColumn))} fit ${c.field.label} equally well: choose one`,
      });
      blocked.add(c.field.key);
      for (const t of [c, ...ties]) reasons.set(t.index, `it is one of several columns that fit ${c.field.label} equally well`);
      continue;
    }
    assigned.set(c.field.key, c);
    usedColumns.add(c.index);
  }
  for (const [key, others] of extras) {
    const chosen = assigned.get(key);
    if (!chosen) continue;
    const stillFree = others.filter((o) => !usedColumns.has(o.index));
    if (stillFree.length === 0) continue;
    const chosenRef = columnRef(table.columns[chosen.index] ?? { letter: '?', name: '' });
    const otherRefs = stillFree.map((o) => columnRef(table.columns[o.index] ?? { letter: '?', name: '' }));
    conflicts.push({
      field: key, label: chosen.field.label, columns: [chosenRef, ...otherRefs], chosen: chosenRef,
      message: `${listAnd(otherRefs.map(quoteColumn))} also ${otherRefs.length > 1 ? 'look' : 'looks'} like ${chosen.field.label} (${stillFree.map((o) => o.reason).join('; ')}); ${quoteColumn(chosenRef)} was chosen (${chosen.reason}): check which is right`,
    });
    for (const o of stillFree) reasons.set(o.index, `${chosen.field.label} went to column ${chosenRef.letter}, which fits better`);
  }

  const fields: FieldGuess[] = [];
  for (const field of def.fields) {
    const c = assigned.get(field.key);
    if (!c) continue;
    const column = table.columns[c.index];
    if (!column) continue;
    mapping.columns[field.key] = columnRef(column);
    fields.push({ field: field.key, label: field.label, column: columnRef(column), confidence: c.confidence, reason: c.reason, source: c.source });
  }
  if (wide) mapping.yearColumns = keptYears.map((y) => ({ column: y.column, year: y.year, measure: y.measure }));
  if (target === 'funding' && assigned.has('amount') && !assigned.has('measure')) {
    mapping.measure = 'allocated';
    notes.push('No column says whether the amounts are allocated or spent: they are read as allocated. Change this if they are spending.');
  }

  if (target === 'funding' && !assigned.has('fund')) {
    notes.push('No column names the fund: choose the fund these lines come from (for example LCPF-DIRECT), or they will have none.');
  }

  const missingRequired = def.fields
    .filter((f) => f.required && !assigned.has(f.key) && !(target === 'funding' && f.key === 'financialYear' && wide))
    .map((f) => f.label);
  if (target === 'funding' && !wide && !['allocated', 'spent', 'amount'].some((k) => assigned.has(k))) {
    missingRequired.push('an amount (Allocated, Spent or Amount, or one column per financial year)');
  }

  const unmapped: UnmappedColumn[] = [];
  table.columns.forEach((column, index) => {
    if (usedColumns.has(index) || (yearIndexes.has(index) && wide)) return;
    unmapped.push({ column: columnRef(column), reason: reasons.get(index) ?? (column.name === '' ? 'the column has no header' : `no field of ${def.label} goes by "${column.name}"`) });
  });

  const needsReview = conflicts.length > 0 || missingRequired.length > 0
    || fields.some((f) => f.confidence < REVIEW_BELOW) || keptYears.some((y) => y.confidence < REVIEW_BELOW);
  return { target, mapping, fields, yearColumns: keptYears, conflicts, unmapped, missingRequired, notes, needsReview };
}

export interface TargetSuggestion {
  target: TargetId;
  /** 0 to 1. */
  score: number;
  reason: string;
}

/** Which target a file most looks like, best first, from its headers. */
export function suggestTargets(table: Sampled): TargetSuggestion[] {
  const out: TargetSuggestion[] = [];
  const headerOnly: Sampled = { columns: table.columns, rows: table.rows.slice(0, 20), dateSystem: table.dateSystem };
  for (const target of TARGET_IDS) {
    const guess = guessMapping(headerOnly, target);
    const def = TARGETS[target];
    const strong = guess.fields.filter((f) => f.source !== 'values' && f.confidence >= 0.7);
    const required = def.fields.filter((f) => f.required);
    const requiredFound = required.filter((f) => strong.some((g) => g.field === f.key) || (target === 'funding' && f.key === 'financialYear' && guess.yearColumns.length > 0));
    const standard = strong.filter((f) => f.source === 'standard').length;
    let score = 0.6 * (required.length === 0 ? 1 : requiredFound.length / required.length)
      + 0.4 * Math.min(1, (strong.length + guess.yearColumns.length) / Math.max(1, Math.min(def.fields.length, table.columns.length)));
    if (target === 'grants360' && standard < 3) score *= 0.5;
    score = Math.round(score * 100) / 100;
    const found = [...strong.map((f) => f.label), ...(guess.yearColumns.length > 0 ? [`${guess.yearColumns.length} financial-year columns`] : [])];
    out.push({ target, score, reason: found.length > 0 ? `headers for ${listAnd(found)}` : 'no header matches' });
  }
  return out.sort((a, b) => b.score - a.score);
}

