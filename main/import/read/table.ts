// Finds the table in a sheet: the header row (under any title rows), header
// names (merged and two-row headers joined), and the data rows, with blank,
// totals and note rows set aside with a reason so nothing is imported twice or
// dropped silently.
import { ImportFileError, cellAddress, columnLetter, formatCount, type Cell, type MergedRange, type Sheet, type Workbook } from './types.ts';

export interface Header {
  /** 1-based column number. */
  column: number;
  /** Column letter as the spreadsheet shows it ("C"). */
  letter: string;
  /** Cleaned name; "" when the column has data but no header. Two-row headers join their parts: "Funding 2022-23". */
  name: string;
  /** The header's parts from top to bottom, cleaned (one part for a one-row header). */
  parts: string[];
}

export interface HeaderProblem {
  kind: 'duplicate-header' | 'empty-header';
  /** Column letters involved, in order. */
  columns: string[];
  /** The duplicated name, for 'duplicate-header'. */
  name?: string;
  message: string;
}

export interface DataRow {
  /** The row number in the sheet, 1-based, as the user sees it. */
  row: number;
  /** One entry per header, in the same order as `headers`. */
  cells: (Cell | null)[];
}

export type SkipReason = 'blank' | 'total' | 'note';

export interface SkippedRow {
  row: number;
  reason: SkipReason;
  message: string;
}

export interface TitleRow {
  row: number;
  text: string;
}

export interface SheetTable {
  file: string;
  sheet: string;
  /** The (last) header row, 1-based. */
  headerRow: number;
  /** All header rows, 1-based: one row, or two for a two-row header. */
  headerRows: number[];
  /** Non-empty rows above the header (titles, notes on the source). */
  titleRows: TitleRow[];
  headers: Header[];
  rows: DataRow[];
  skipped: SkippedRow[];
  problems: HeaderProblem[];
}

export interface DetectTableOptions {
  /** Sheet name; defaults to the first visible sheet that holds anything. */
  sheet?: string;
  /** Force the header row (1-based; with headerRowCount 2, the lower of the two rows). */
  headerRow?: number;
  /** Force a one- or two-row header. */
  headerRowCount?: 1 | 2;
  /** How many rows from the top to search for the header (default 50). */
  scanRows?: number;
}

/** Removes BOMs and zero-width spaces, turns non-breaking spaces and line breaks into spaces, collapses runs, trims. */
export function cleanHeaderText(text: string): string {
  return text
    .replace(/\uFEFF|\u200B|\u200C|\u200D|\u2060/g, '')
    .replace(/[\s\u00A0\u2007\u202F]+/g, ' ')
    .trim();
}

const TOTAL_LABEL = /^(grand\s*|sub[\s-]*|overall\s+|running\s+)?totals?\b/i;
const NOTE_LABEL = /^(source|sources|note|notes|n\.?b\.?|figures|data (are|is|as)|\*|¹|\(\d\))/i;
const NUMERIC_TEXT = /^(\()?\s*(-)?\s*[£€$]?\s*(-)?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(\))?$/;
const MAYBE_NUMBER = /^[\s\u00A0(£€$\d-]/;
const DATE_TEXT = /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$/;
const SUM_FORMULA = /^=\s*(?:SUM|SUBTOTAL\(\s*(?:9|109)\s*,)\s*\(?\s*\$?([A-Z]{1,3})\$?(\d+)\s*:\s*\$?([A-Z]{1,3})\$?(\d+)\s*\)\s*\)?\s*$/i;

function textOf(cell: Cell | null | undefined): string {
  if (!cell) return '';
  return cleanHeaderText(cell.text !== '' ? cell.text : cell.value === null ? '' : String(cell.value));
}

const VISIBLE = /[^\s\u200B-\u200D\u2060]/;

/** True when the cell shows something (a cell of spaces or a formula with no result is empty). Fast: no allocation. */
function isFilled(cell: Cell | null | undefined): boolean {
  if (!cell) return false;
  if (cell.type === 'string') return VISIBLE.test(cell.text !== '' ? cell.text : String(cell.value ?? ''));
  return cell.type !== 'empty';
}

function looksNumeric(text: string): boolean {
  return NUMERIC_TEXT.test(text) || DATE_TEXT.test(text) || /^-?\d+(\.\d+)?%$/.test(text);
}

/** A cell that reads as a label (a header candidate), not as data. A year such as 2022 counts as a label. */
function isLabel(cell: Cell | null | undefined): boolean {
  if (!cell) return false;
  if (cell.type === 'string') {
    const text = textOf(cell);
    if (/^(19|20)\d\d$/.test(text)) return true;
    return text !== '' && !looksNumeric(text);
  }
  if (cell.type === 'number' && !cell.isDate && typeof cell.value === 'number') return Number.isInteger(cell.value) && cell.value >= 1900 && cell.value <= 2100;
  return false;
}

/** The cell's amount in pence, for spotting totals only (the import itself parses money strictly elsewhere). */
function penceOf(cell: Cell | null | undefined): number | null {
  if (!cell) return null;
  if (cell.type === 'number') {
    if (cell.isDate || typeof cell.value !== 'number' || !Number.isFinite(cell.value)) return null;
    return Math.round(cell.value * 100);
  }
  if (cell.type !== 'string' || !MAYBE_NUMBER.test(cell.text)) return null;
  const match = NUMERIC_TEXT.exec(cell.text.replace(/\u00A0/g, ' ').trim());
  if (!match) return null;
  const [, open, minus1, minus2, whole, fraction, close] = match;
  if (Boolean(open) !== Boolean(close)) return null;
  const amount = Math.round(Number(`${(whole ?? '').replace(/,/g, '')}${fraction ?? ''}`) * 100);
  return open || minus1 || minus2 ? -amount : amount;
}

function rowOf(sheet: Sheet, row: number): (Cell | null)[] {
  return sheet.rows[row - 1] ?? [];
}

function cellOf(sheet: Sheet, row: number, column: number): Cell | null {
  return sheet.rows[row - 1]?.[column - 1] ?? null;
}

function filledColumns(sheet: Sheet, row: number): number[] {
  const columns: number[] = [];
  rowOf(sheet, row).forEach((cell, index) => {
    if (isFilled(cell)) columns.push(index + 1);
  });
  return columns;
}

function mergeStartingAt(merges: MergedRange[], row: number, column: number): MergedRange | undefined {
  return merges.find((m) => m.top === row && m.left === column);
}

function mergeCovering(merges: MergedRange[], row: number, column: number): MergedRange | undefined {
  return merges.find((m) => m.top <= row && row <= m.bottom && m.left <= column && column <= m.right);
}

interface RowShape {
  filled: number[];
  coverage: number;
  labels: number;
}

function shapeOf(sheet: Sheet, row: number): RowShape {
  const filled = filledColumns(sheet, row);
  let coverage = 0;
  let labels = 0;
  for (const column of filled) {
    const merge = mergeStartingAt(sheet.merges, row, column);
    coverage += merge ? merge.right - merge.left + 1 : 1;
    if (isLabel(cellOf(sheet, row, column))) labels += 1;
  }
  return { filled, coverage, labels };
}

/** Columns of the top header row that a label spans: explicit merges, or a label followed by empty cells that the row below fills. */
interface Span {
  left: number;
  right: number;
  label: string;
  explicit: boolean;
}

function spansOf(sheet: Sheet, top: number, bottom: number, lastColumn: number): Span[] {
  const spans: Span[] = [];
  for (const merge of sheet.merges) {
    if (merge.top === top && merge.right > merge.left) spans.push({ left: merge.left, right: merge.right, label: textOf(cellOf(sheet, top, merge.left)), explicit: true });
  }
  for (const column of filledColumns(sheet, top)) {
    if (mergeCovering(sheet.merges, top, column)) continue;
    let right = column;
    while (right + 1 <= lastColumn && !isFilled(cellOf(sheet, top, right + 1)) && !mergeCovering(sheet.merges, top, right + 1) && isFilled(cellOf(sheet, bottom, right + 1))) right += 1;
    if (right > column) spans.push({ left: column, right, label: textOf(cellOf(sheet, top, column)), explicit: false });
  }
  return spans.filter((span) => span.label !== '');
}

/** True when `bottom` continues the header begun in `top` (cells under merged or spanning labels). */
function isSecondHeaderRow(sheet: Sheet, top: number, bottom: number, lastColumn: number): boolean {
  const below = filledColumns(sheet, bottom);
  if (below.length === 0) return false;
  if (!below.every((column) => isLabel(cellOf(sheet, bottom, column)))) return false;
  const spans = spansOf(sheet, top, bottom, lastColumn);
  if (spans.length === 0) return false;
  return below.every((column) => {
    if (spans.some((span) => span.left <= column && column <= span.right)) return true;
    return !isFilled(cellOf(sheet, top, column)) && !mergeCovering(sheet.merges, top, column);
  });
}

/** True when `top` is a sparse row of merged group labels above the header `bottom`, and not a title. */
function isGroupRowAbove(sheet: Sheet, top: number, bottom: number): boolean {
  if (top < 1) return false;
  const filled = filledColumns(sheet, top);
  if (filled.length === 0) return false;
  const band = filledColumns(sheet, bottom);
  const first = band[0];
  const last = band[band.length - 1];
  if (first === undefined || last === undefined) return false;
  const width = last - first + 1;
  return filled.every((column) => {
    const merge = mergeStartingAt(sheet.merges, top, column);
    if (!merge || !isLabel(cellOf(sheet, top, column))) return false;
    const wide = merge.right > merge.left;
    const reachesDown = merge.bottom >= bottom;
    if (!wide && !reachesDown) return false;
    // A merge from the first column across most of the table is a title, not a group label.
    if (wide && merge.left <= first && merge.right - merge.left + 1 > width / 2) return false;
    return true;
  });
}

function chooseSheet(workbook: Workbook, name: string | undefined): Sheet {
  if (name !== undefined) {
    const sheet = workbook.sheets.find((s) => s.name === name);
    if (!sheet) {
      const names = workbook.sheets.map((s) => `"${s.name}"`).join(', ');
      throw new ImportFileError(`${workbook.fileName} has no sheet called "${name}". Its sheets are ${names}.`, { code: 'not-found', file: workbook.fileName, sheet: name });
    }
    return sheet;
  }
  const sheet = workbook.sheets.find((s) => !s.hidden && s.rowCount > 0) ?? workbook.sheets.find((s) => s.rowCount > 0);
  if (!sheet) throw new ImportFileError(`${workbook.fileName} holds no data in any sheet.`, { code: 'empty', file: workbook.fileName });
  return sheet;
}

function listColumns(letters: string[]): string {
  if (letters.length <= 1) return letters.join('');
  return `${letters.slice(0, -1).join(', ')} and ${letters[letters.length - 1]}`;
}

/**
 * Finds the table in one sheet of a workbook. Throws ImportFileError when the
 * sheet is empty or named wrongly; everything else is reported in the result.
 */
export function detectTable(workbook: Workbook, options: DetectTableOptions = {}): SheetTable {
  const sheet = chooseSheet(workbook, options.sheet);
  const file = workbook.fileName;
  const where = workbook.kind === 'csv' ? file : `the sheet "${sheet.name}" in ${file}`;
  // The first non-blank rows: where the header and any titles are.
  const scanLimit = options.scanRows ?? 50;
  const nonBlankRows: number[] = [];
  for (let r = 1; r <= sheet.rowCount && nonBlankRows.length < Math.max(scanLimit, (options.headerRow ?? 0) + 1); r += 1) {
    if (rowOf(sheet, r).some(isFilled)) nonBlankRows.push(r);
  }
  if (nonBlankRows.length === 0) {
    throw new ImportFileError(workbook.kind === 'csv' ? `${file} holds no data.` : `The sheet "${sheet.name}" in ${file} is empty.`, { code: 'empty-sheet', file, sheet: sheet.name });
  }

  // 1. The header row.
  let headerRow: number;
  if (options.headerRow !== undefined) {
    if (!Number.isInteger(options.headerRow) || options.headerRow < 1 || options.headerRow > sheet.rowCount) {
      throw new ImportFileError(`Row ${options.headerRow} is outside ${where}, which has ${formatCount(sheet.rowCount)} rows.`, { code: 'not-found', file, sheet: sheet.name });
    }
    headerRow = options.headerRow;
  } else {
    const scan = nonBlankRows.slice(0, scanLimit);
    const shapes = new Map(scan.map((r) => [r, shapeOf(sheet, r)]));
    const width = Math.max(...[...shapes.values()].map((s) => s.filled.length));
    const needed = Math.max(2, Math.ceil(0.6 * width));
    const candidate = scan.find((r) => {
      const shape = shapes.get(r) as RowShape;
      if (shape.filled.length < 2 || shape.coverage < needed || shape.labels / shape.filled.length < 0.6) return false;
      return !TOTAL_LABEL.test(textOf(cellOf(sheet, r, shape.filled[0] ?? 1)));
    });
    headerRow = candidate ?? (nonBlankRows[0] as number);
  }

  // 2. One or two header rows.
  const lastColumn = sheet.columnCount;
  let headerRows = [headerRow];
  if (options.headerRowCount === 2) {
    headerRows = options.headerRow !== undefined ? [headerRow - 1, headerRow] : [headerRow, headerRow + 1];
    if ((headerRows[0] as number) < 1) headerRows = [headerRow, headerRow + 1];
  } else if (options.headerRowCount !== 1) {
    if (options.headerRow === undefined && headerRow + 1 <= sheet.rowCount && isSecondHeaderRow(sheet, headerRow, headerRow + 1, lastColumn)) {
      headerRows = [headerRow, headerRow + 1];
    } else if (isGroupRowAbove(sheet, headerRow - 1, headerRow)) {
      headerRows = [headerRow - 1, headerRow];
    }
  }
  const top = headerRows[0] as number;
  const bottom = headerRows[headerRows.length - 1] as number;

  // 3. Header names, column by column.
  const spans = headerRows.length === 2 ? spansOf(sheet, top, bottom, lastColumn) : [];
  const partsFor = (column: number): string[] => {
    const parts: string[] = [];
    for (const r of headerRows) {
      let text = textOf(cellOf(sheet, r, column));
      if (text === '' && r === top && headerRows.length === 2) text = spans.find((s) => s.left <= column && column <= s.right)?.label ?? '';
      if (text !== '' && parts[parts.length - 1] !== text) parts.push(text);
    }
    return parts;
  };

  // Which columns have data below the header, and which hold anything at all.
  const hasData = new Set<number>();
  for (let r = bottom + 1; r <= sheet.rowCount; r += 1) {
    const cells = rowOf(sheet, r);
    for (let index = 0; index < cells.length; index += 1) if (!hasData.has(index + 1) && isFilled(cells[index])) hasData.add(index + 1);
  }
  const headerParts = new Map<number, string[]>();
  for (let column = 1; column <= lastColumn; column += 1) {
    const parts = partsFor(column);
    if (parts.length > 0 || hasData.has(column)) headerParts.set(column, parts);
  }
  const headers: Header[] = [...headerParts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([column, parts]) => ({ column, letter: columnLetter(column), name: parts.join(' '), parts }));

  // 4. Problems with the headers.
  const problems: HeaderProblem[] = [];
  const byName = new Map<string, Header[]>();
  for (const header of headers) {
    if (header.name === '') {
      problems.push({
        kind: 'empty-header',
        columns: [header.letter],
        message: `Column ${header.letter} of ${where} has data but no header (row ${bottom} is empty there).`,
      });
      continue;
    }
    const key = header.name.toLocaleLowerCase('en-GB');
    byName.set(key, [...(byName.get(key) ?? []), header]);
  }
  for (const same of byName.values()) {
    if (same.length < 2) continue;
    const letters = same.map((h) => h.letter);
    const name = (same[0] as Header).name;
    problems.push({
      kind: 'duplicate-header',
      columns: letters,
      name,
      message: `Columns ${listColumns(letters)} of ${where} ${same.length === 2 ? 'both' : 'all'} have the header "${name}". Rename one of them, or choose which to use when mapping columns.`,
    });
  }

  // 5. Data rows, with blank, totals and note rows set aside.
  const columns = headers.map((h) => h.column);
  const titleRows: TitleRow[] = nonBlankRows.filter((r) => r < top).map((r) => ({ row: r, text: filledColumns(sheet, r).map((c) => textOf(cellOf(sheet, r, c))).join(' ') }));
  const rows: DataRow[] = [];
  const skipped: SkippedRow[] = [];
  const segment = { sums: new Map<number, number>(), rows: [] as number[] };
  const grand = { sums: new Map<number, number>(), rows: [] as number[] };
  const resetSegment = (): void => {
    segment.sums = new Map();
    segment.rows = [];
  };
  const matchesSums = (pence: Map<number, number>, sums: Map<number, number>): boolean => {
    let nonZero = false;
    for (const [column, amount] of pence) {
      const sum = sums.get(column);
      if (sum === undefined || sum !== amount) return false;
      if (amount !== 0) nonZero = true;
    }
    return nonZero;
  };
  const span = (list: number[]): string => (list.length === 0 ? '' : `rows ${list[0]} to ${list[list.length - 1]}`);

  for (let r = bottom + 1; r <= sheet.rowCount; r += 1) {
    const cells = columns.map((column) => cellOf(sheet, r, column));
    const first = cells.find(isFilled);
    if (!first) {
      skipped.push({ row: r, reason: 'blank', message: `Row ${r} is blank.` });
      continue;
    }
    const firstText = first.type === 'string' ? textOf(first) : '';
    // "Total" first, and nothing else in the row but numbers: a supplier called
    // "Total Hygiene Ltd", with a date and a description beside it, is data.
    const onlyNumbersBeside = cells.every((cell) => cell === first || !isFilled(cell) || penceOf(cell) !== null);
    if (first.type === 'string' && TOTAL_LABEL.test(firstText) && onlyNumbersBeside) {
      skipped.push({ row: r, reason: 'total', message: `Row ${r} is a totals row ("${firstText}").` });
      resetSegment();
      continue;
    }
    const sumCell = cells.findIndex((cell, index) => {
      const match = cell?.formula ? SUM_FORMULA.exec(cell.formula) : null;
      if (!match) return false;
      const letter = columnLetter(columns[index] as number);
      const [, fromColumn, fromRow, toColumn, toRow] = match;
      return fromColumn?.toUpperCase() === letter && toColumn?.toUpperCase() === letter && Number(toRow) < r && Number(fromRow) < Number(toRow);
    });
    if (sumCell >= 0) {
      const cell = cells[sumCell] as Cell;
      skipped.push({
        row: r,
        reason: 'total',
        message: `Row ${r} adds up the rows above it (${cellAddress(r, columns[sumCell] as number)} holds ${cell.formula}), so it is a totals row.`,
      });
      resetSegment();
      continue;
    }
    const pence = new Map<number, number>();
    let allNumbers = true;
    for (let index = 0; index < cells.length; index += 1) {
      const cell = cells[index];
      if (!isFilled(cell)) continue;
      const amount = penceOf(cell);
      if (amount === null) allNumbers = false;
      else pence.set(columns[index] as number, amount);
    }
    if (allNumbers && pence.size > 0) {
      const against = segment.rows.length >= 2 && matchesSums(pence, segment.sums) ? segment.rows : grand.rows.length >= 2 && matchesSums(pence, grand.sums) ? grand.rows : null;
      if (against) {
        const letters = [...pence.keys()].map((c) => columnLetter(c));
        skipped.push({
          row: r,
          reason: 'total',
          message: `Row ${r} has no label and its numbers equal the sum of ${span(against)} (column${letters.length === 1 ? '' : 's'} ${listColumns(letters)}), so it is a totals row.`,
        });
        resetSegment();
        continue;
      }
    }
    rows.push({ row: r, cells });
    for (const target of [segment, grand]) {
      target.rows.push(r);
      for (const [column, amount] of pence) target.sums.set(column, (target.sums.get(column) ?? 0) + amount);
    }
  }

  // Single-cell text rows after the last totals row, or trailing rows that read as notes, are notes.
  const lastTotal = Math.max(0, ...skipped.filter((s) => s.reason === 'total').map((s) => s.row));
  const notes = new Set<number>();
  for (let index = rows.length - 1; index >= 0; index -= 1) {
    const dataRow = rows[index] as DataRow;
    const filled = dataRow.cells.filter(isFilled);
    const only = filled.length === 1 ? (filled[0] as Cell) : null;
    const noteLike = only !== null && only.type === 'string' && headers.length >= 3 && (dataRow.row > lastTotal && lastTotal > 0 ? true : NOTE_LABEL.test(textOf(only)));
    if (!noteLike) break;
    notes.add(dataRow.row);
  }
  if (notes.size > 0) {
    for (const r of notes) {
      const dataRow = rows.find((d) => d.row === r) as DataRow;
      const text = textOf(dataRow.cells.find(isFilled));
      skipped.push({ row: r, reason: 'note', message: `Row ${r} is a note below the table ("${text.length > 60 ? `${text.slice(0, 57)}...` : text}").` });
    }
  }
  skipped.sort((a, b) => a.row - b.row);

  return {
    file,
    sheet: sheet.name,
    headerRow: bottom,
    headerRows,
    titleRows,
    headers,
    rows: notes.size > 0 ? rows.filter((d) => !notes.has(d.row)) : rows,
    skipped,
    problems,
  };
}
