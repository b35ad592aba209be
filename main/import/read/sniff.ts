// What a file really is, from its bytes, before any parser sees it. Spreadsheet
// libraries happily read a renamed PDF or random bytes as a sheet of nonsense;
// this refuses them by name instead.
import { isCfb, listCfbEntries, CfbFormatError } from './cfb.ts';
import { ImportFileError, formatBytes, type ReadLimits, type WorkbookKind } from './types.ts';
import { isZip, readSmallEntry, readZipDirectory, ZipFormatError, type ZipEntry } from './zip.ts';

export const SUPPORTED = 'Scrutiny Desk reads CSV, XLSX, ODS and XLS files';

const KIND_NAMES: Record<WorkbookKind, string> = {
  csv: 'a CSV (text) file',
  xlsx: 'an Excel workbook (XLSX)',
  ods: 'an OpenDocument spreadsheet (ODS)',
  xls: 'an Excel 97-2003 workbook (XLS)',
};

const EXTENSION_KINDS: Record<string, WorkbookKind> = {
  csv: 'csv',
  txt: 'csv',
  tsv: 'csv',
  tab: 'csv',
  xlsx: 'xlsx',
  xlsm: 'xlsx',
  xltx: 'xlsx',
  xltm: 'xlsx',
  ods: 'ods',
  ots: 'ods',
  xls: 'xls',
  xlt: 'xls',
};

export interface Sniffed {
  kind: WorkbookKind;
  /** The ZIP directory, for XLSX and ODS. */
  zipEntries?: ZipEntry[];
  warnings: string[];
}

export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

function startsWith(bytes: Uint8Array, prefix: number[] | string, at = 0): boolean {
  const codes = typeof prefix === 'string' ? [...prefix].map((ch) => ch.charCodeAt(0)) : prefix;
  if (bytes.length < at + codes.length) return false;
  return codes.every((code, i) => bytes[at + i] === code);
}

/** A description of well-known non-spreadsheet formats, or null. */
function knownOtherFormat(bytes: Uint8Array): string | null {
  if (startsWith(bytes, '%PDF')) return 'a PDF document';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'a PNG image';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'a JPEG image';
  if (startsWith(bytes, 'GIF8')) return 'a GIF image';
  if (startsWith(bytes, [0x1f, 0x8b])) return 'a gzip-compressed file';
  if (startsWith(bytes, 'Rar!')) return 'a RAR archive';
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return 'a 7-Zip archive';
  if (startsWith(bytes, '{\\rtf')) return 'an RTF document';
  if (startsWith(bytes, 'PAR1')) return 'a Parquet data file';
  if (startsWith(bytes, 'SQLite format 3')) return 'an SQLite database';
  // A bare BIFF BOF record: Excel 2, 3 or 4 saved it (before 1995).
  if (startsWith(bytes, [0x09, 0x00, 0x04, 0x00]) || startsWith(bytes, [0x09, 0x02, 0x06, 0x00]) || startsWith(bytes, [0x09, 0x04, 0x06, 0x00])) {
    return 'a very old Excel worksheet (Excel 4 or earlier). Open it in Excel or LibreOffice and save it as XLSX';
  }
  return null;
}

/** Text formats that are not CSV but look like text: web pages and XML spreadsheets. */
function knownMarkup(head: string): string | null {
  const start = head.replace(/^\uFEFF/, '').trimStart().slice(0, 2048).toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || (start.startsWith('<') && /<table[\s>]/.test(start))) {
    return 'a web page (HTML), as some systems produce when they "export to Excel"';
  }
  if (start.startsWith('<?xml') || start.startsWith('<')) {
    if (start.includes('urn:schemas-microsoft-com:office:spreadsheet')) return 'an Excel 2003 XML spreadsheet';
    if (start.includes('opendocument')) return 'a flat OpenDocument file (FODS)';
    if (start.startsWith('<?xml')) return 'an XML file';
  }
  return null;
}

function isTextLike(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, Math.min(bytes.length, 65536));
  if (startsWith(sample, [0xff, 0xfe]) || startsWith(sample, [0xfe, 0xff])) return true;
  let controls = 0;
  for (const b of sample) {
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) controls += 1;
  }
  return controls <= sample.length / 200;
}

function refuse(fileName: string, what: string, code: 'not-a-spreadsheet' | 'wrong-extension' | 'password-protected' | 'unsupported' = 'not-a-spreadsheet'): never {
  throw new ImportFileError(`${fileName} is really ${what}; ${SUPPORTED}.`, { code, file: fileName });
}

function damaged(fileName: string, what: string, reason: string): never {
  throw new ImportFileError(`${fileName} looks like ${what} but is damaged: ${reason}. Open it in Excel or LibreOffice and save it again, or ask the sender for a new copy.`, {
    code: 'damaged',
    file: fileName,
  });
}

function passwordProtected(fileName: string): never {
  throw new ImportFileError(`${fileName} is protected with a password, so Scrutiny Desk cannot read it. Open it in Excel or LibreOffice, remove the password (or save an unprotected copy), and import that copy.`, {
    code: 'password-protected',
    file: fileName,
  });
}

function checkZipLimits(fileName: string, entries: ZipEntry[], limits: ReadLimits): void {
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > 1024 * 1024 && ratio > limits.maxCompressionRatio) {
      throw new ImportFileError(
        `${fileName} looks like a zip bomb: its part "${entry.name}" would unpack from ${formatBytes(entry.compressedSize)} to ${formatBytes(entry.uncompressedSize)} (${Math.round(ratio).toLocaleString('en-GB')} to 1; Scrutiny Desk allows at most ${limits.maxCompressionRatio} to 1). It was not opened.`,
        { code: 'zip-bomb', file: fileName },
      );
    }
  }
  if (total > limits.maxUncompressedBytes) {
    throw new ImportFileError(
      `${fileName} would unpack to ${formatBytes(total)}, more than the ${formatBytes(limits.maxUncompressedBytes)} Scrutiny Desk allows for one workbook. It was not opened. Split it into smaller files, or delete unused sheets and save it again.`,
      { code: 'too-large', file: fileName },
    );
  }
}

function sniffZip(bytes: Uint8Array, fileName: string, limits: ReadLimits, expected: WorkbookKind | undefined): { kind: WorkbookKind; entries: ZipEntry[] } {
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes);
  } catch (error) {
    if (error instanceof ZipFormatError) damaged(fileName, expected === 'xlsx' || expected === 'ods' ? KIND_NAMES[expected] : 'a ZIP-based file such as a workbook', error.message);
    throw error;
  }
  const names = new Set(entries.map((entry) => entry.name));
  let kind: WorkbookKind | null = null;
  if (names.has('xl/workbook.xml')) kind = 'xlsx';
  else if (names.has('xl/workbook.bin')) refuse(fileName, 'an Excel binary workbook (XLSB). Save it from Excel as XLSX first', 'unsupported');
  else if (names.has('word/document.xml')) refuse(fileName, 'a Word document (DOCX)');
  else if (names.has('ppt/presentation.xml')) refuse(fileName, 'a PowerPoint presentation (PPTX)');
  else {
    const mimetypeEntry = entries.find((entry) => entry.name === 'mimetype');
    const mimetype = mimetypeEntry ? new TextDecoder().decode(readSmallEntry(bytes, mimetypeEntry) ?? new Uint8Array()).trim() : '';
    if (mimetype === 'application/vnd.oasis.opendocument.spreadsheet' || mimetype === 'application/vnd.oasis.opendocument.spreadsheet-template') kind = 'ods';
    else if (mimetype.startsWith('application/vnd.oasis.opendocument.text')) refuse(fileName, 'an OpenDocument text document (ODT)');
    else if (mimetype.startsWith('application/vnd.oasis.opendocument.')) refuse(fileName, 'an OpenDocument file that is not a spreadsheet');
    else if (names.has('content.xml') && names.has('META-INF/manifest.xml')) kind = 'ods';
  }
  if (kind === null) {
    const inner = entries.filter((entry) => /\.(csv|xlsx|xls|ods)$/i.test(entry.name)).length;
    refuse(fileName, inner > 0 ? 'a ZIP archive holding other files. Unzip it and import the spreadsheets inside one by one' : 'a ZIP archive, not a spreadsheet');
  }
  if (entries.some((entry) => entry.encrypted)) passwordProtected(fileName);
  if (kind === 'ods') {
    // OpenDocument encrypts each part itself and lists how in its manifest.
    const manifestEntry = entries.find((entry) => entry.name === 'META-INF/manifest.xml');
    const manifest = manifestEntry ? readSmallEntry(bytes, manifestEntry, 1024 * 1024) : null;
    if (manifest && new TextDecoder().decode(manifest).includes('encryption-data')) passwordProtected(fileName);
  }
  checkZipLimits(fileName, entries, limits);
  return { kind, entries };
}

function sniffCfb(bytes: Uint8Array, fileName: string): WorkbookKind {
  let names: Set<string>;
  try {
    names = new Set(listCfbEntries(bytes).map((entry) => entry.name));
  } catch (error) {
    if (error instanceof CfbFormatError) damaged(fileName, 'an Excel 97-2003 workbook (or another old Office file)', error.message);
    throw error;
  }
  if (names.has('EncryptionInfo') || names.has('EncryptedPackage')) passwordProtected(fileName);
  if (names.has('Workbook') || names.has('Book') || names.has('WORKBOOK') || names.has('BOOK')) return 'xls';
  if (names.has('WordDocument')) refuse(fileName, 'a Word 97-2003 document (DOC)');
  if (names.has('PowerPoint Document')) refuse(fileName, 'a PowerPoint 97-2003 presentation (PPT)');
  if (names.has('__properties_version1.0')) refuse(fileName, 'an Outlook message (MSG). Save the attached spreadsheet from Outlook and import that');
  refuse(fileName, 'an old Office file that holds no workbook');
}

/**
 * Decides what a file really is and checks the limits that apply before
 * parsing. Throws ImportFileError for anything Scrutiny Desk will not read.
 */
export function sniffFile(bytes: Uint8Array, fileName: string, limits: ReadLimits): Sniffed {
  if (bytes.length === 0) throw new ImportFileError(`${fileName} is empty (it holds no bytes at all).`, { code: 'empty', file: fileName });
  if (bytes.length > limits.maxFileBytes) {
    throw new ImportFileError(`${fileName} is ${formatBytes(bytes.length)}, larger than the ${formatBytes(limits.maxFileBytes)} Scrutiny Desk reads in one go. Split it into smaller files.`, {
      code: 'too-large',
      file: fileName,
    });
  }
  const extension = extensionOf(fileName);
  const expected = EXTENSION_KINDS[extension];
  const warnings: string[] = [];

  let kind: WorkbookKind;
  let zipEntries: ZipEntry[] | undefined;
  if (isZip(bytes)) {
    ({ kind, entries: zipEntries } = sniffZip(bytes, fileName, limits, expected));
  } else if (isCfb(bytes)) {
    kind = sniffCfb(bytes, fileName);
  } else {
    const other = knownOtherFormat(bytes);
    if (other) refuse(fileName, other);
    if (!isTextLike(bytes)) {
      throw new ImportFileError(`${fileName} is not a spreadsheet: its contents are neither text nor a workbook Scrutiny Desk recognises. ${SUPPORTED}. Was it saved or downloaded completely?`, {
        code: 'not-a-spreadsheet',
        file: fileName,
      });
    }
    const markup = knownMarkup(new TextDecoder('latin1').decode(bytes.subarray(0, 4096)));
    if (markup) refuse(fileName, `${markup}. Open it in Excel or LibreOffice and save it as XLSX or CSV`, 'unsupported');
    kind = 'csv';
  }

  if (expected && expected !== kind) {
    if (kind === 'csv') {
      // Text dressed as a workbook: often a CSV export with the wrong name, sometimes junk.
      const base = fileName.replace(/\.[^.\\/]*$/, '');
      throw new ImportFileError(
        `${fileName} is really a text file, not ${KIND_NAMES[expected]}. If it is a CSV file, rename it to ${base.split(/[\\/]/).pop()}.csv and import it again.`,
        { code: 'wrong-extension', file: fileName },
      );
    }
    // A real workbook with another spreadsheet extension: safe to read for what it is.
    warnings.push(`${fileName} is really ${KIND_NAMES[kind]}, although its name ends in .${extension}; it was read as ${kind.toUpperCase()}.`);
  }
  return zipEntries ? { kind, zipEntries, warnings } : { kind, warnings };
}
