// Builds an ImportTable from plain values: for tests, fixtures and callers that
// already hold rows (a JSON body, say). Strings are text cells, numbers are
// number cells, and { date: serial } or { formula, value } say more.
import type { ImportTable, TableCell } from '../table.ts';

export type PlainCell =
  | string
  | number
  | boolean
  | null
  | { date: number; text?: string }
  | { formula: string; value: string | number | null; text?: string };

/** Spreadsheet column letter for a 0-based index: 0 is A, 26 is AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function toCell(value: PlainCell): TableCell {
  if (value === null) return { raw: null, text: '', isDate: false };
  if (typeof value === 'string') return { raw: value, text: value, isDate: false };
  if (typeof value === 'number' || typeof value === 'boolean') return { raw: value, text: String(value).toUpperCase() === 'TRUE' ? 'TRUE' : String(value), isDate: false };
  if ('date' in value) return { raw: value.date, text: value.text ?? String(value.date), isDate: true };
  return { raw: value.value, text: value.text ?? (value.value === null ? '' : String(value.value)), isDate: false, formula: value.formula };
}

export interface TableFromRowsOptions {
  fileName?: string;
  sheet?: string | null;
  /** File row number of the header; data rows follow it. Default 1. */
  headerRowNumber?: number;
  dateSystem?: '1900' | '1904';
}

export function tableFromRows(headers: readonly string[], rows: readonly (readonly PlainCell[])[], options: TableFromRowsOptions = {}): ImportTable {
  const headerRowNumber = options.headerRowNumber ?? 1;
  return {
    fileName: options.fileName ?? 'table.csv',
    sheet: options.sheet ?? null,
    headerRowNumber,
    columns: headers.map((name, i) => ({ letter: columnLetter(i), name })),
    rows: rows.map((cells, i) => ({ rowNumber: headerRowNumber + 1 + i, cells: cells.map(toCell) })),
    skipped: [],
    dateSystem: options.dateSystem ?? '1900',
  };
}
