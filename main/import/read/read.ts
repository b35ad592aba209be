// readSpreadsheet: bytes in, a Workbook of plain cells out, or an
// ImportFileError that says what is wrong in plain English.
import { open, stat } from 'node:fs/promises';
import { decodeCsvBytes, detectDelimiter, parseCsv } from './csv.ts';
import { sniffFile } from './sniff.ts';
import { ImportFileError, formatBytes, formatCount, resolveLimits, type ReadLimits, type ReadOptions, type Sheet, type Workbook } from './types.ts';
import { readWithSheetJs } from './workbook.ts';
import { lastRowOfWorksheet, WORKSHEET_PART, worksheetNames } from './xlsx-rows.ts';
import { verifyZipEntries, ZipFormatError } from './zip.ts';

/** The file's own name, without folders, as messages show it. */
export function displayName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() || fileName;
}

function readCsvWorkbook(bytes: Uint8Array, fileName: string, options: ReadOptions, limits: ReadLimits, warnings: string[]): Workbook {
  const decoded = decodeCsvBytes(bytes, fileName, options.csv?.encoding);
  if (decoded.text.replace(/^\uFEFF/, '').trim() === '') {
    throw new ImportFileError(`${fileName} is empty (it holds no text).`, { code: 'empty', file: fileName });
  }
  const delimiter = options.csv?.delimiter ?? detectDelimiter(decoded.text);
  options.onProgress?.({ stage: 'parsing' });
  const parsed = parseCsv(decoded.text, {
    fileName,
    delimiter,
    maxRows: limits.maxRowsPerSheet,
    maxCells: limits.maxCells,
    onRows: options.onProgress ? (rows) => options.onProgress?.({ stage: 'parsing', rows }) : undefined,
  });
  if (parsed.cellCount === 0) throw new ImportFileError(`${fileName} is empty (it holds no values).`, { code: 'empty', file: fileName });
  const sheet: Sheet = {
    name: fileName.replace(/\.[^.]*$/, '') || fileName,
    hidden: false,
    rows: parsed.rows,
    rowCount: parsed.rows.length,
    columnCount: parsed.columnCount,
    merges: [],
  };
  return {
    fileName,
    kind: 'csv',
    encoding: decoded.encoding,
    delimiter,
    dateSystem: '1900',
    byteLength: bytes.length,
    sheets: [sheet],
    warnings: [...warnings, ...decoded.warnings],
  };
}

/**
 * Reads a spreadsheet file's bytes into a Workbook. Checks what the file really
 * is before parsing it, and every limit (size, unpacked size, compression
 * ratio, rows, cells) before the work that limit guards. Synchronous and CPU
 * heavy for big files: in the app, call readSpreadsheetInWorker instead.
 *
 * @param fileName the name shown in messages (folders are dropped)
 * @throws ImportFileError for every file it will not read
 */
export function readSpreadsheet(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): Workbook {
  const name = displayName(fileName);
  const limits = resolveLimits(options.limits);
  try {
    options.onProgress?.({ stage: 'checking' });
    const sniffed = sniffFile(bytes, name, limits);
    let workbook: Workbook;
    if (sniffed.kind === 'csv') {
      workbook = readCsvWorkbook(bytes, name, options, limits, sniffed.warnings);
    } else {
      if (sniffed.zipEntries) {
        const lastRows = new Map<string, number>();
        try {
          verifyZipEntries(bytes, sniffed.zipEntries, (entry, content) => {
            if (sniffed.kind === 'xlsx' && WORKSHEET_PART.test(entry.name)) lastRows.set(entry.name, lastRowOfWorksheet(content));
          });
        } catch (error) {
          if (error instanceof ZipFormatError) {
            throw new ImportFileError(`${name} is damaged: ${error.message}. Open it in Excel or LibreOffice and save it again, or ask the sender for a new copy.`, { code: 'damaged', file: name });
          }
          throw error;
        }
        // Refuse an over-long sheet before parsing it, even when it has no <dimension> to say so.
        for (const [part, lastRow] of lastRows) {
          if (lastRow <= limits.maxRowsPerSheet) continue;
          const sheet = worksheetNames(bytes, sniffed.zipEntries).get(part);
          const which = sheet === undefined ? `A sheet in ${name}` : `The sheet "${sheet}" in ${name}`;
          throw new ImportFileError(
            `${which} has more than ${formatCount(limits.maxRowsPerSheet)} rows (it goes down to row ${formatCount(lastRow)}); Scrutiny Desk reads at most ${formatCount(limits.maxRowsPerSheet)} rows from one sheet. Split it into smaller files, or delete what lies below the table.`,
            sheet === undefined ? { code: 'too-many-rows', file: name } : { code: 'too-many-rows', file: name, sheet },
          );
        }
      }
      const result = readWithSheetJs(bytes, name, sniffed.kind, limits, options.onProgress);
      workbook = {
        fileName: name,
        kind: sniffed.kind,
        encoding: null,
        delimiter: null,
        dateSystem: result.dateSystem,
        byteLength: bytes.length,
        sheets: result.sheets,
        warnings: sniffed.warnings,
      };
      if (workbook.sheets.every((sheet) => sheet.rowCount === 0)) {
        throw new ImportFileError(`${name} is empty: none of its sheets holds any data.`, { code: 'empty', file: name });
      }
    }
    options.onProgress?.({ stage: 'done', rows: workbook.sheets.reduce((n, sheet) => n + sheet.rowCount, 0) });
    return workbook;
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new ImportFileError(`${name} could not be read (${reason.slice(0, 120) || 'no further detail'}). It may be damaged, or too large to read.`, { code: 'damaged', file: name });
  }
}

/**
 * Reads a file from disk on this thread: the size limit is checked before a
 * byte is read, and progress is reported as it reads.
 */
export async function readSpreadsheetFile(path: string, options: ReadOptions & { fileName?: string } = {}): Promise<Workbook> {
  const bytes = await readFileBytes(path, options);
  return readSpreadsheet(bytes, options.fileName ?? path, options);
}

/** Reads a file's bytes with the file size limit checked first; file system errors become ImportFileErrors. */
export async function readFileBytes(path: string, options: ReadOptions & { fileName?: string } = {}): Promise<Uint8Array> {
  const name = displayName(options.fileName ?? path);
  const limits = resolveLimits(options.limits);
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new ImportFileError(`${name} is a folder, not a file.`, { code: 'unreadable', file: name });
    if (info.size > limits.maxFileBytes) {
      throw new ImportFileError(`${name} is ${formatBytes(info.size)}, larger than the ${formatBytes(limits.maxFileBytes)} Scrutiny Desk reads in one go. Split it into smaller files.`, {
        code: 'too-large',
        file: name,
      });
    }
    const handle = await open(path, 'r');
    try {
      const bytes = new Uint8Array(info.size);
      let offset = 0;
      options.onProgress?.({ stage: 'reading', bytesRead: 0, totalBytes: info.size });
      while (offset < info.size) {
        const { bytesRead } = await handle.read(bytes, offset, Math.min(4 * 1024 * 1024, info.size - offset), offset);
        if (bytesRead === 0) break;
        offset += bytesRead;
        options.onProgress?.({ stage: 'reading', bytesRead: offset, totalBytes: info.size });
      }
      return offset === info.size ? bytes : bytes.subarray(0, offset);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    const code = (error as { code?: string }).code;
    const why =
      code === 'ENOENT' ? 'it does not exist (was it moved or deleted?)' : code === 'EACCES' || code === 'EPERM' ? 'permission was refused' : code === 'EBUSY' ? 'another program is using it' : (error as Error).message;
    throw new ImportFileError(`${name} could not be opened: ${why}.`, { code: 'unreadable', file: name });
  }
}
