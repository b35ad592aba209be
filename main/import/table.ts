// The hand-over between reading a file and mapping it: one sheet as a header and
// data rows, each cell with what the spreadsheet held and showed. Row numbers are
// the file's own (1-based), so every message can point at the row a clerk sees.

export interface TableCell {
  /** The value as stored: text, a number (a date-formatted number is an Excel serial), a boolean, or empty. */
  raw: string | number | boolean | null;
  /** The value as the spreadsheet showed it. */
  text: string;
  /** The cell is a number formatted as a date, so `raw` is a serial date. */
  isDate: boolean;
  /** The formula the cell held, if any; `raw` is then its saved result. */
  formula?: string;
}

export interface TableRow {
  rowNumber: number;
  cells: TableCell[];
}

export interface TableColumn {
  /** Spreadsheet column letter: A, B, ... AA. */
  letter: string;
  /** Header text as the file has it, cleaned of BOMs and stray spaces. */
  name: string;
}

export interface SkippedRow {
  rowNumber: number;
  reason: string;
}

export interface ImportTable {
  fileName: string;
  sheet: string | null;
  headerRowNumber: number;
  columns: TableColumn[];
  rows: TableRow[];
  /** Title rows, blank rows and totals rows that are not data, each with why. */
  skipped: SkippedRow[];
  dateSystem: '1900' | '1904';
}
