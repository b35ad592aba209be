// The first layer of an import: a file becomes a table of cells, or a clear
// refusal. Nothing here interprets money, dates or boroughs; later layers do,
// from the raw values and formatted text kept here.

export type WorkbookKind = 'csv' | 'xlsx' | 'ods' | 'xls';

/** How a CSV file's bytes were decoded. UTF-16 comes from Excel's "Unicode text". */
export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export type CsvDelimiter = ',' | ';' | '\t';

/**
 * 'empty' is a formula cell with no cached result (the file was saved without
 * calculating). Cells with nothing in them are null in a row, not a Cell.
 */
export type CellType = 'string' | 'number' | 'boolean' | 'error' | 'empty';

export interface Cell {
  /** The stored value: for a formula, its cached result. CSV cells are always strings. */
  value: string | number | boolean | null;
  type: CellType;
  /** The text as the spreadsheet shows it ("£1,234", "03/04/2023", "#DIV/0!"). */
  text: string;
  /**
   * True when the value is a number formatted as a date or time, so a later
   * layer may read it as an Excel serial in the workbook's date system. A plain
   * number such as 45019 with no date format is not a date.
   */
  isDate: boolean;
  /** The number format code, when the file gives one other than General. */
  format?: string;
  /** The formula as the spreadsheet shows it, e.g. "=SUM(C6:C12)"; value holds its cached result. */
  formula?: string;
}

/** A row of cells: index 0 is column A. Missing or null entries are empty cells. */
export type SheetRow = (Cell | null)[];

/** A merged range, 1-based and inclusive, with its A1-style reference. */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
  ref: string;
}

export interface Sheet {
  name: string;
  hidden: boolean;
  /** rows[i] is spreadsheet row i + 1 (so empty rows above the data keep their place). */
  rows: SheetRow[];
  /** The last row number holding a cell (0 for an empty sheet). */
  rowCount: number;
  /** The last column number holding a cell (0 for an empty sheet). */
  columnCount: number;
  merges: MergedRange[];
}

export interface Workbook {
  fileName: string;
  kind: WorkbookKind;
  /** Only for CSV; null for workbooks. */
  encoding: CsvEncoding | null;
  /** Only for CSV; null for workbooks. */
  delimiter: CsvDelimiter | null;
  /** Excel serial dates count from 1900 or (old Mac files) 1904. Always '1900' for CSV and ODS. */
  dateSystem: '1900' | '1904';
  byteLength: number;
  sheets: Sheet[];
  /** Things the user should know that did not stop the read (e.g. a renamed file). */
  warnings: string[];
}

export interface ReadLimits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** Largest total uncompressed size of an XLSX/ODS (a ZIP), read from its directory before inflating. */
  maxUncompressedBytes: number;
  /** Largest compression ratio of one ZIP entry (entries under 1 MB uncompressed are exempt). */
  maxCompressionRatio: number;
  /** Most rows in one sheet. */
  maxRowsPerSheet: number;
  /** Most filled cells in the whole workbook. */
  maxCells: number;
  /** Most sheets in one workbook. */
  maxSheets: number;
}

export const DEFAULT_LIMITS: Readonly<ReadLimits> = Object.freeze({
  maxFileBytes: 100 * 1024 * 1024,
  maxUncompressedBytes: 500 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxRowsPerSheet: 1_000_000,
  maxCells: 5_000_000,
  maxSheets: 255,
});

export interface ReadProgress {
  stage: 'reading' | 'checking' | 'parsing' | 'converting' | 'done';
  /** Bytes read from disk so far (stage 'reading'). */
  bytesRead?: number;
  totalBytes?: number;
  /** Rows turned into cells so far, across sheets. */
  rows?: number;
  sheet?: string;
}

export type ProgressCallback = (progress: ReadProgress) => void;

export interface CsvOptions {
  /** Force a delimiter instead of detecting one. */
  delimiter?: CsvDelimiter;
  /** Force an encoding instead of detecting one. */
  encoding?: 'utf-8' | 'windows-1252';
}

export interface ReadOptions {
  limits?: Partial<ReadLimits>;
  onProgress?: ProgressCallback;
  csv?: CsvOptions;
}

export type ImportErrorCode =
  | 'empty'
  | 'empty-sheet'
  | 'not-found'
  | 'too-large'
  | 'zip-bomb'
  | 'too-many-rows'
  | 'too-many-cells'
  | 'too-many-sheets'
  | 'not-a-spreadsheet'
  | 'wrong-extension'
  | 'password-protected'
  | 'damaged'
  | 'unsupported'
  | 'csv-quote'
  | 'unreadable'
  | 'out-of-memory'
  | 'timeout'
  | 'cancelled';

export interface ImportFileErrorDetails {
  code: ImportErrorCode;
  file: string;
  sheet?: string;
  row?: number;
  /** Column letter as the spreadsheet shows it ("C"). */
  column?: string;
}

/**
 * A file that cannot be read, with a plain-English message that names the file
 * (and sheet, row and column where they apply). Never carries a stack trace to
 * the user: show `message`.
 */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
  readonly code: ImportErrorCode;
  readonly file: string;
  readonly sheet?: string;
  readonly row?: number;
  readonly column?: string;

  constructor(message: string, details: ImportFileErrorDetails) {
    super(message);
    this.code = details.code;
    this.file = details.file;
    if (details.sheet !== undefined) this.sheet = details.sheet;
    if (details.row !== undefined) this.row = details.row;
    if (details.column !== undefined) this.column = details.column;
  }

  /** A plain object that survives structured clone (worker messages, IPC). */
  toJSON(): ImportFileErrorDetails & { message: string } {
    const json: ImportFileErrorDetails & { message: string } = { message: this.message, code: this.code, file: this.file };
    if (this.sheet !== undefined) json.sheet = this.sheet;
    if (this.row !== undefined) json.row = this.row;
    if (this.column !== undefined) json.column = this.column;
    return json;
  }

  static fromJSON(json: ImportFileErrorDetails & { message: string }): ImportFileError {
    const { message, ...details } = json;
    return new ImportFileError(message, details);
  }
}

/** 1 → "A", 26 → "Z", 27 → "AA", 16384 → "XFD". */
export function columnLetter(column: number): string {
  if (!Number.isInteger(column) || column < 1) throw new RangeError(`Column numbers start at 1, not ${column}`);
  let letters = '';
  let n = column;
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** "A" → 1, "AA" → 27. */
export function columnNumber(letters: string): number {
  if (!/^[A-Za-z]+$/.test(letters)) throw new RangeError(`"${letters}" is not a column letter`);
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** cellAddress(14, 3) → "C14". Rows and columns are 1-based, as users see them. */
export function cellAddress(row: number, column: number): string {
  if (!Number.isInteger(row) || row < 1) throw new RangeError(`Row numbers start at 1, not ${row}`);
  return `${columnLetter(column)}${row}`;
}

/** The cell at a 1-based row and column, or null when empty. */
export function cellAt(sheet: Sheet, row: number, column: number): Cell | null {
  return sheet.rows[row - 1]?.[column - 1] ?? null;
}

export function resolveLimits(limits: Partial<ReadLimits> | undefined): ReadLimits {
  const resolved: ReadLimits = { ...DEFAULT_LIMITS };
  if (limits) {
    for (const key of Object.keys(DEFAULT_LIMITS) as (keyof ReadLimits)[]) {
      const value = limits[key];
      if (value !== undefined) {
        if (!(typeof value === 'number' && value > 0)) throw new RangeError(`Read limit ${key} must be a positive number`);
        resolved[key] = value;
      }
    }
  }
  return resolved;
}

/** "1,000,000" — how counts appear in messages. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-GB');
}

/** "100 MB", "3.2 KB" — how sizes appear in messages. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${bytes} bytes`;
  const rounded = value >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${rounded.toLocaleString('en-GB')} ${units[unit]}`;
}
