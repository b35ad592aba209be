// Reading one cell as a value of one kind, through the strict parsers in
// shared/. Each reader returns the value and a short account of how it was
// understood, or the reason it was not. Empty cells are handled by the caller.
import { matchBorough, type Borough } from '../../../shared/boroughs.ts';
import { parseFinancialYear, type FinancialYear } from '../../../shared/financial-year.ts';
import { formatMoney, parseMoney } from '../../../shared/money.ts';
import { formatLongDate, parseUkDate } from '../../../shared/uk-date.ts';
import type { TableCell } from '../table.ts';
import { cleanText, normaliseName, quote } from './normalise.ts';
import type { Measure } from './targets.ts';

export type CellRead<T> = { ok: true; value: T; detail: string } | { ok: false; reason: string };

function accepted<T>(value: T, detail: string): CellRead<T> {
  return { ok: true, value, detail };
}

function rejected<T>(reason: string): CellRead<T> {
  return { ok: false, reason };
}

/** A cell with nothing in it (no cell at all, null, or only spaces). */
export function isEmptyCell(cell: TableCell | undefined): boolean {
  if (!cell) return true;
  if (cell.raw === null) return cleanText(cell.text) === '';
  return typeof cell.raw === 'string' && cleanText(cell.raw) === '';
}

/** What the clerk saw in the cell, for messages. */
export function shown(cell: TableCell): string {
  const text = cleanText(cell.text);
  if (text !== '') return text;
  return cell.raw === null ? '' : String(cell.raw);
}

/** The cell as text: a text cell as written, anything else as the spreadsheet showed it. */
export function cellText(cell: TableCell | undefined): string | null {
  if (!cell || isEmptyCell(cell)) return null;
  const value = typeof cell.raw === 'string' ? cleanText(cell.raw) : shown(cell);
  return value === '' ? null : value;
}

export function readText(cell: TableCell): CellRead<string> {
  const text = cellText(cell);
  return text === null ? rejected('is empty') : accepted(text, quote(text));
}

export function readMoney(cell: TableCell): CellRead<number> {
  const { raw } = cell;
  if (typeof raw === 'boolean') return rejected(`${quote(shown(cell))} is true or false, not an amount`);
  if (typeof raw === 'number' && cell.isDate) return rejected(`${quote(shown(cell))} is a date, not an amount`);
  const input = typeof raw === 'number' ? raw : cleanText(raw ?? cell.text);
  const parsed = parseMoney(input);
  if (!parsed.ok) return rejected(parsed.reason);
  const formatted = formatMoney(parsed.value);
  const written = shown(cell);
  return accepted(parsed.value, `${quote(written)} → ${parsed.value}p${written === formatted ? '' : ` (${formatted})`}`);
}

export function readDate(cell: TableCell, dateSystem: '1900' | '1904'): CellRead<string> {
  const { raw } = cell;
  if (typeof raw === 'boolean') return rejected(`${quote(shown(cell))} is true or false, not a date`);
  if (typeof raw === 'number') {
    if (!cell.isDate) {
      return rejected(`${String(raw)} is a number, not a date: format the column as dates in the spreadsheet, or write them as dd/mm/yyyy`);
    }
    const parsed = parseUkDate(raw, { dateSystem });
    if (!parsed.ok) return rejected(parsed.reason);
    return accepted(parsed.value, `${quote(shown(cell))} → ${formatLongDate(parsed.value)} (a spreadsheet date, ${dateSystem} date system)`);
  }
  const text = cleanText(raw ?? cell.text);
  const parsed = parseUkDate(text, { dateSystem });
  if (!parsed.ok) return rejected(parsed.reason);
  return accepted(parsed.value, `${quote(text)} → ${formatLongDate(parsed.value)}`);
}

export function readFinancialYear(cell: TableCell): CellRead<FinancialYear> {
  const { raw } = cell;
  if (typeof raw === 'boolean') return rejected(`${quote(shown(cell))} is true or false, not a financial year`);
  if (typeof raw === 'number' && cell.isDate) {
    return rejected(`${quote(shown(cell))} is a date, not a financial year: write the financial year like 2022-23`);
  }
  const parsed = parseFinancialYear(typeof raw === 'number' ? raw : cleanText(raw ?? cell.text));
  if (!parsed.ok) return rejected(parsed.reason);
  return accepted(parsed.value, `${quote(shown(cell))} → financial year ${parsed.value}`);
}

// Names for all of London rather than one borough (as shared/boroughs.ts reads them).
const LONDON_WIDE = new Set([
  'london', 'greater london', 'london wide', 'londonwide', 'pan london', 'all london', 'across london', 'all boroughs',
  'all london boroughs', 'city wide', 'citywide', 'london region', 'e12000007',
]);

export function isLondonWide(text: string): boolean {
  return LONDON_WIDE.has(normaliseName(text));
}

export type BoroughValue = { londonWide: true } | { londonWide: false; borough: Borough };

export function readBorough(cell: TableCell): CellRead<BoroughValue> {
  if (typeof cell.raw === 'number' || typeof cell.raw === 'boolean') {
    return rejected(`${quote(shown(cell))} is not a borough name`);
  }
  const text = cleanText(cell.raw ?? cell.text);
  if (isLondonWide(text)) return accepted({ londonWide: true }, `${quote(text)} → London-wide (no single borough)`);
  const found = matchBorough(text);
  if (!found.ok) return rejected(found.reason);
  return accepted({ londonWide: false, borough: found.value }, `${quote(text)} → ${found.value.name} (${found.value.gss})`);
}

export interface BoroughList {
  boroughs: Borough[];
  londonWide: boolean;
}

// Splits "Islington and Camden and Kensington and Chelsea" into boroughs by
// trying every way of grouping the pieces between "and"s, so a borough whose
// own name has "and" in it is kept whole. Only an unambiguous reading is used.
function splitOnAnd(text: string): Borough[] | null {
  const pieces = text.split(/\s+(?:and|&)\s+/i).map((p) => p.trim()).filter((p) => p !== '');
  if (pieces.length < 2 || pieces.length > 40) return null;
  const readings: Borough[][] = [];
  const walk = (start: number, acc: Borough[]): void => {
    if (readings.length > 1) return;
    if (start === pieces.length) {
      readings.push([...acc]);
      return;
    }
    for (let end = start + 1; end <= pieces.length; end++) {
      const found = matchBorough(pieces.slice(start, end).join(' and '));
      if (found.ok) walk(end, [...acc, found.value]);
    }
  };
  walk(0, []);
  return readings.length === 1 ? (readings[0] ?? null) : null;
}

/**
 * A list of boroughs: separated by ";", ",", "/", "|" or new lines, with
 * "and"/"&" between the last two ("Hackney, Islington and Camden"). "London-wide",
 * "Pan-London" and the like, alone, mean the whole of London.
 */
export function readBoroughList(cell: TableCell): CellRead<BoroughList> {
  if (typeof cell.raw === 'number' || typeof cell.raw === 'boolean') {
    return rejected(`${quote(shown(cell))} is not a list of boroughs`);
  }
  const text = cleanText(cell.raw ?? cell.text);
  if (isLondonWide(text)) return accepted({ boroughs: [], londonWide: true }, `${quote(text)} → London-wide`);
  const parts = text.split(/\s*[;,/|\n]\s*/).map((p) => p.trim()).filter((p) => p !== '');
  const boroughs: Borough[] = [];
  const problems: string[] = [];
  for (const part of parts) {
    if (isLondonWide(part)) {
      problems.push(`"${part}" means all of London, but the cell also names boroughs: give either the boroughs or London-wide`);
      continue;
    }
    const whole = matchBorough(part);
    if (whole.ok) {
      boroughs.push(whole.value);
      continue;
    }
    const split = splitOnAnd(part);
    if (split) boroughs.push(...split);
    else problems.push(whole.reason);
  }
  if (problems.length > 0) return rejected(problems.join('; '));
  const unique = [...new Map(boroughs.map((b) => [b.gss, b])).values()];
  if (unique.length === 0) return rejected(`${quote(text)} names no borough`);
  return accepted({ boroughs: unique, londonWide: false }, `${quote(text)} → ${unique.map((b) => b.name).join('; ')}`);
}

const MEASURES: ReadonlyMap<string, Measure> = new Map([
  ['allocated', 'allocated'], ['allocation', 'allocated'], ['allocations', 'allocated'], ['budget', 'allocated'],
  ['award', 'allocated'], ['awarded', 'allocated'], ['grant', 'allocated'],
  ['spent', 'spent'], ['spend', 'spent'], ['actual', 'spent'], ['actuals', 'spent'], ['actual spend', 'spent'],
  ['expenditure', 'spent'], ['outturn', 'spent'], ['paid', 'spent'],
]);

export function measureFromWord(text: string): Measure | undefined {
  return MEASURES.get(normaliseName(text));
}

export function readMeasure(cell: TableCell): CellRead<Measure> {
  const text = cellText(cell) ?? '';
  const measure = measureFromWord(text);
  if (!measure) return rejected(`${quote(text)} is neither allocated nor spent: write "allocated" or "spent"`);
  return accepted(measure, `${quote(text)} → ${measure}`);
}

export function readCurrency(cell: TableCell): CellRead<'GBP'> {
  const text = (cellText(cell) ?? '').toUpperCase();
  if (text === 'GBP' || text === '£') return accepted('GBP', `${quote(text)} → pounds sterling`);
  return rejected(`the grant is in ${quote(text)}, not GBP: Scrutiny Desk records pounds sterling only, so this grant is not imported`);
}
