// XLSX, ODS and XLS through SheetJS, turned into our own plain cells. Only
// called after sniff.ts has proved what the file is and checked its sizes.
import * as XLSX from '@e965/xlsx';
import { ImportFileError, formatCount, type Cell, type MergedRange, type ProgressCallback, type ReadLimits, type Sheet, type SheetRow } from './types.ts';

type SheetJsKind = 'xlsx' | 'ods' | 'xls';

const KIND_NAMES: Record<SheetJsKind, string> = {
  xlsx: 'an Excel workbook (XLSX)',
  ods: 'an OpenDocument spreadsheet (ODS)',
  xls: 'an Excel 97-2003 workbook (XLS)',
};

const ERROR_TEXT: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

/**
 * Excel's built-in date formats 14 and 22 follow the reader's locale; SheetJS
 * renders them American (m/d/yy). A UK clerk's Excel shows dd/mm/yyyy, so show that.
 */
const LOCALE_DATE_FORMATS: Record<string, string> = {
  'm/d/yy': 'dd/mm/yyyy',
  'm/d/yy h:mm': 'dd/mm/yyyy hh:mm',
};

export interface SheetJsResult {
  dateSystem: '1900' | '1904';
  sheets: Sheet[];
}

function shortReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n')[0] ?? '';
  return first.length > 120 ? `${first.slice(0, 117)}...` : first;
}

/** A SheetJS exception as a message a clerk can act on; never a stack trace. */
export function describeSheetJsError(error: unknown, fileName: string, kind: SheetJsKind, sheet?: string): ImportFileError {
  const reason = shortReason(error);
  const where = sheet === undefined ? '' : ` (in the sheet "${sheet}")`;
  if (/password|encrypt/i.test(reason)) {
    return new ImportFileError(
      `${fileName} is protected with a password, so Scrutiny Desk cannot read it. Open it in Excel or LibreOffice, remove the password (or save an unprotected copy), and import that copy.`,
      sheet === undefined ? { code: 'password-protected', file: fileName } : { code: 'password-protected', file: fileName, sheet },
    );
  }
  const details = sheet === undefined ? { code: 'damaged' as const, file: fileName } : { code: 'damaged' as const, file: fileName, sheet };
  return new ImportFileError(
    `${fileName} could not be read as ${KIND_NAMES[kind]}${where}: it looks damaged or incomplete (${reason || 'no further detail'}). Open it in Excel or LibreOffice and save it again, or ask the sender for a new copy.`,
    details,
  );
}

function dateToSerial(date: Date, dateSystem: '1900' | '1904'): number {
  // SheetJS builds dates in local time; read them back the same way.
  const utc = Date.UTC(date.getFullYear(), date.getMonth(), date.getDate(), date.getHours(), date.getMinutes(), date.getSeconds(), date.getMilliseconds());
  const serial = (utc - Date.UTC(1899, 11, 30)) / 86_400_000;
  return dateSystem === '1904' ? serial - 1462 : serial;
}

function isDateFormat(format: string | undefined): boolean {
  if (!format || format === 'General' || format === '@') return false;
  try {
    return Boolean(XLSX.SSF.is_date(format));
  } catch {
    return false;
  }
}

function convertCell(raw: XLSX.CellObject, dateSystem: '1900' | '1904'): Cell | null {
  const formula = typeof raw.f === 'string' && raw.f.length > 0 ? `=${raw.f}` : undefined;
  const format = typeof raw.z === 'string' && raw.z !== 'General' ? raw.z : undefined;
  let cell: Cell;
  switch (raw.t) {
    case 's': {
      const value = typeof raw.v === 'string' ? raw.v : String(raw.v ?? '');
      if (value === '' && !formula) return null;
      cell = { value, type: 'string', text: raw.w ?? value, isDate: false };
      break;
    }
    case 'n': {
      const value = typeof raw.v === 'number' ? raw.v : Number(raw.v);
      const isDate = isDateFormat(format);
      let text = raw.w ?? String(value);
      const uk = format ? LOCALE_DATE_FORMATS[format] : undefined;
      if (uk) {
        try {
          text = String(XLSX.SSF.format(uk, value, { date1904: dateSystem === '1904' }));
        } catch {
          // keep SheetJS's text
        }
      }
      cell = { value, type: 'number', text, isDate };
      break;
    }
    case 'b': {
      const value = Boolean(raw.v);
      cell = { value, type: 'boolean', text: raw.w ?? (value ? 'TRUE' : 'FALSE'), isDate: false };
      break;
    }
    case 'e': {
      const text = raw.w ?? (typeof raw.v === 'number' ? ERROR_TEXT[raw.v] : undefined) ?? '#ERROR';
      cell = { value: text, type: 'error', text, isDate: false };
      break;
    }
    case 'd': {
      const date = raw.v instanceof Date ? raw.v : new Date(String(raw.v));
      if (Number.isNaN(date.getTime())) return null;
      const value = dateToSerial(date, dateSystem);
      cell = { value, type: 'number', text: raw.w ?? date.toISOString().slice(0, 10), isDate: true };
      break;
    }
    default: {
      // 'z': a stub (formatting but no value), or a formula with no cached result.
      if (!formula) return null;
      cell = { value: null, type: 'empty', text: '', isDate: false };
    }
  }
  if (format !== undefined) cell.format = format;
  if (formula !== undefined) cell.formula = formula;
  return cell;
}

function toRange(range: XLSX.Range): MergedRange {
  return {
    top: range.s.r + 1,
    left: range.s.c + 1,
    bottom: range.e.r + 1,
    right: range.e.c + 1,
    ref: XLSX.utils.encode_range(range),
  };
}

/**
 * Parses a workbook that sniffing has already identified. Reads at most one
 * row more than the limit per sheet, so an oversized sheet is refused without
 * being read in full.
 */
export function readWithSheetJs(bytes: Uint8Array, fileName: string, kind: SheetJsKind, limits: ReadLimits, onProgress?: ProgressCallback): SheetJsResult {
  onProgress?.({ stage: 'parsing' });
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      type: 'buffer',
      dense: true,
      cellFormula: true,
      cellNF: true,
      cellText: true,
      cellDates: false,
      cellHTML: false,
      cellStyles: false,
      bookVBA: false,
      sheetRows: limits.maxRowsPerSheet + 1,
      // XLSX from code (not Excel) may hold formulas with no saved result; keep
      // those cells rather than drop them silently. XLS and ODS always save results.
      sheetStubs: kind === 'xlsx',
      WTF: false,
    });
  } catch (error) {
    throw describeSheetJsError(error, fileName, kind);
  }

  const names = workbook.SheetNames ?? [];
  if (names.length === 0) {
    throw new ImportFileError(`${fileName} holds no sheets that Scrutiny Desk can read; it may be damaged. Open it in Excel or LibreOffice to check it, and save it again.`, {
      code: 'damaged',
      file: fileName,
    });
  }
  if (names.length > limits.maxSheets) {
    throw new ImportFileError(`${fileName} has ${formatCount(names.length)} sheets; Scrutiny Desk reads workbooks of at most ${formatCount(limits.maxSheets)} sheets.`, {
      code: 'too-many-sheets',
      file: fileName,
    });
  }
  const dateSystem: '1900' | '1904' = workbook.Workbook?.WBProps?.date1904 ? '1904' : '1900';
  const sheets: Sheet[] = [];
  let cellCount = 0;
  let rowsDone = 0;

  names.forEach((name, index) => {
    const worksheet = workbook.Sheets[name] as XLSX.WorkSheet | undefined;
    const hidden = Boolean(workbook.Workbook?.Sheets?.[index]?.Hidden);
    const sheet: Sheet = { name, hidden, rows: [], rowCount: 0, columnCount: 0, merges: [] };
    if (worksheet) {
      const data = (worksheet['!data'] ?? []) as (XLSX.CellObject[] | undefined)[];
      try {
        for (let r = 0; r < data.length; r += 1) {
          const rawRow = data[r];
          const row: SheetRow = [];
          if (rawRow) {
            for (let c = 0; c < rawRow.length; c += 1) {
              const raw = rawRow[c];
              const cell = raw ? convertCell(raw, dateSystem) : null;
              if (cell) {
                while (row.length < c) row.push(null);
                row.push(cell);
              }
            }
          }
          if (row.length > 0) {
            if (r >= limits.maxRowsPerSheet) {
              throw new ImportFileError(
                `The sheet "${name}" in ${fileName} has more than ${formatCount(limits.maxRowsPerSheet)} rows; Scrutiny Desk reads at most ${formatCount(limits.maxRowsPerSheet)} rows from one sheet. Split it into smaller files.`,
                { code: 'too-many-rows', file: fileName, sheet: name },
              );
            }
            cellCount += row.reduce((n, cell) => (cell ? n + 1 : n), 0);
            if (cellCount > limits.maxCells) {
              throw new ImportFileError(
                `${fileName} has more than ${formatCount(limits.maxCells)} filled cells (the limit was reached in the sheet "${name}"); Scrutiny Desk reads at most ${formatCount(limits.maxCells)} at a time. Split it into smaller files, or delete unused sheets and save it again.`,
                { code: 'too-many-cells', file: fileName, sheet: name },
              );
            }
            while (sheet.rows.length < r) sheet.rows.push([]);
            sheet.rows.push(row);
            if (row.length > sheet.columnCount) sheet.columnCount = row.length;
          }
          rowsDone += 1;
          if (onProgress && rowsDone % 10_000 === 0) onProgress({ stage: 'converting', rows: rowsDone, sheet: name });
        }
        // SheetJS stopped at the row limit: its full range says how far the sheet really goes.
        // (XLSX sheets were measured from their XML before parsing, which a wrong <dimension> cannot fool.)
        const fullRef = worksheet['!fullref'];
        if (typeof fullRef === 'string' && kind !== 'xlsx') {
          const lastRow = XLSX.utils.decode_range(fullRef).e.r + 1;
          if (lastRow > limits.maxRowsPerSheet) {
            throw new ImportFileError(
              `The sheet "${name}" in ${fileName} has more than ${formatCount(limits.maxRowsPerSheet)} rows (it goes down to row ${formatCount(lastRow)}); Scrutiny Desk reads at most ${formatCount(limits.maxRowsPerSheet)} rows from one sheet. Split it into smaller files, or delete what lies below the table.`,
              { code: 'too-many-rows', file: fileName, sheet: name },
            );
          }
        }
        sheet.merges = (worksheet['!merges'] ?? []).map(toRange);
      } catch (error) {
        if (error instanceof ImportFileError) throw error;
        throw describeSheetJsError(error, fileName, kind, name);
      }
      sheet.rowCount = sheet.rows.length;
    }
    sheets.push(sheet);
    // Let the collector reclaim SheetJS's copy of this sheet before the next.
    delete workbook.Sheets[name];
  });
  return { dateSystem, sheets };
}
