// CSV: bytes to text (UTF-8 with or without BOM, Windows-1252, UTF-16), then
// text to rows of string cells. Values stay as the text the file holds: a CSV
// has no types, and the next layer parses money and dates strictly.
import iconv from 'iconv-lite';
import { ImportFileError, columnLetter, formatCount, type Cell, type CsvDelimiter, type CsvEncoding, type CsvOptions, type SheetRow } from './types.ts';

export interface DecodedText {
  text: string;
  encoding: CsvEncoding;
  warnings: string[];
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const looseUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** True when the bytes hold at least one well-formed multi-byte UTF-8 sequence (e.g. C2 A3 for £). */
function hasUtf8Sequences(bytes: Uint8Array): boolean {
  const limit = Math.min(bytes.length, 1 << 20);
  for (let i = 0; i + 1 < limit; i += 1) {
    const b = bytes[i] ?? 0;
    const next = bytes[i + 1] ?? 0;
    if (b >= 0xc2 && b <= 0xdf && next >= 0x80 && next <= 0xbf) return true;
    if (b === 0xe2 && next === 0x80 && (bytes[i + 2] ?? 0) >= 0x80 && (bytes[i + 2] ?? 0) <= 0xbf) return true;
  }
  return false;
}

function decodeUtf16(bytes: Uint8Array, bigEndian: boolean): string {
  let body = bytes.subarray(2, bytes.length - (bytes.length % 2));
  if (bigEndian) {
    const swapped = new Uint8Array(body.length);
    for (let i = 0; i + 1 < body.length; i += 2) {
      swapped[i] = body[i + 1] ?? 0;
      swapped[i + 1] = body[i] ?? 0;
    }
    body = swapped;
  }
  return new TextDecoder('utf-16le').decode(body);
}

/**
 * Decodes CSV bytes. A UTF-8 BOM is removed (it must not stick to the first
 * header); bytes that are not valid UTF-8 are read as Windows-1252, where £ is
 * 0xA3, € is 0x80 and curly quotes are 0x91 to 0x94.
 */
export function decodeCsvBytes(bytes: Uint8Array, fileName: string, forced?: CsvOptions['encoding']): DecodedText {
  const warnings: string[] = [];
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decodeUtf16(bytes, false), encoding: 'utf-16le', warnings };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decodeUtf16(bytes, true), encoding: 'utf-16be', warnings };

  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  if (forced === 'windows-1252') return { text: iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), 'windows-1252'), encoding: 'windows-1252', warnings };

  try {
    return { text: strictUtf8.decode(body), encoding: hasBom ? 'utf-8-bom' : 'utf-8', warnings };
  } catch {
    // Not valid UTF-8.
  }
  if (hasBom || forced === 'utf-8') {
    warnings.push(`${fileName} says it is UTF-8 but holds bytes that are not; those characters show as "\uFFFD".`);
    return { text: looseUtf8.decode(body), encoding: hasBom ? 'utf-8-bom' : 'utf-8', warnings };
  }
  const text = iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), 'windows-1252');
  if (hasUtf8Sequences(body)) {
    warnings.push(
      `${fileName} mixes two text encodings (UTF-8 and Windows-1252). It was read as Windows-1252, so some characters may show wrongly (for example "Â£" for "£"). Check the text of the rows you import.`,
    );
  }
  if (text.includes('\uFFFD')) {
    warnings.push(`${fileName} holds bytes that Windows-1252 does not define; they show as "\uFFFD". The file may use another encoding.`);
  }
  return { text, encoding: 'windows-1252', warnings };
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

interface DelimiterStats {
  delimiter: CsvDelimiter;
  mode: number;
  consistency: number;
}

function statsFor(sample: string, delimiter: CsvDelimiter): DelimiterStats {
  const d = delimiter.charCodeAt(0);
  const counts: number[] = [];
  let count = 0;
  let inQuotes = false;
  let hasContent = false;
  for (let i = 0; i < sample.length && counts.length < 200; i += 1) {
    const c = sample.charCodeAt(i);
    if (c === QUOTE) {
      inQuotes = !inQuotes;
      hasContent = true;
    } else if (!inQuotes && (c === LF || c === CR)) {
      if (hasContent) counts.push(count);
      count = 0;
      hasContent = false;
    } else if (!inQuotes && c === d) {
      count += 1;
      hasContent = true;
    } else if (c !== 0x20) {
      hasContent = true;
    }
  }
  if (hasContent && !inQuotes) counts.push(count);
  const frequency = new Map<number, number>();
  for (const n of counts) if (n > 0) frequency.set(n, (frequency.get(n) ?? 0) + 1);
  let mode = 0;
  let modeCount = 0;
  for (const [n, f] of frequency) {
    if (f > modeCount || (f === modeCount && n > mode)) {
      mode = n;
      modeCount = f;
    }
  }
  return { delimiter, mode, consistency: counts.length === 0 ? 0 : modeCount / counts.length };
}

/**
 * Picks the delimiter (comma, semicolon or tab) that splits the first records
 * most consistently. Commas that only ever sit between digits ("1234,56") are
 * decimal commas, so a semicolon file using them is still read as semicolons.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const sample = text.slice(0, 65536);
  const candidates = ([',', ';', '\t'] as const).map((d) => statsFor(sample, d)).filter((s) => s.mode > 0);
  if (candidates.length === 0) return ',';
  const decimalCommas = (sample.match(/\d,\d/g) ?? []).length;
  const allCommas = (sample.match(/,/g) ?? []).length;
  const commasAreDecimals = allCommas > 0 && decimalCommas === allCommas;
  candidates.sort((a, b) => {
    if (b.consistency !== a.consistency) return b.consistency - a.consistency;
    if (commasAreDecimals && (a.delimiter === ',' || b.delimiter === ',')) return a.delimiter === ',' ? 1 : -1;
    return 0;
  });
  return (candidates[0] as DelimiterStats).delimiter;
}

export interface CsvParseOptions {
  fileName: string;
  delimiter: CsvDelimiter;
  maxRows: number;
  maxCells: number;
  onRows?: (rows: number) => void;
}

export interface CsvTable {
  rows: SheetRow[];
  columnCount: number;
  cellCount: number;
}

function countLineBreaks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) n += 1;
  }
  return n;
}

function stringCell(value: string): Cell {
  return { value, type: 'string', text: value, isDate: false };
}

function quoteError(fileName: string, row: number, column: number, line: number, what: string): ImportFileError {
  const where = `row ${formatCount(row)}, column ${columnLetter(column)}`;
  const lineNote = line !== row ? ` (line ${formatCount(line)} of the file)` : '';
  return new ImportFileError(
    `${fileName}, ${where}${lineNote}: ${what}. In a CSV file a quote inside a field must be written twice (""), with the whole field in quotes. Fix that field in a text editor, or re-save the file from Excel or LibreOffice.`,
    { code: 'csv-quote', file: fileName, row, column: columnLetter(column) },
  );
}

/**
 * Splits CSV text into rows. Quoted fields may hold delimiters, line breaks
 * and doubled quotes; CRLF, LF and CR line ends are all accepted. A quote that
 * opens a field and never closes, or a closing quote followed by more text, is
 * refused with its row and column rather than guessed at. Empty fields are null.
 * rows[i] is record i + 1, as a spreadsheet program would number it.
 */
export function parseCsv(text: string, options: CsvParseOptions): CsvTable {
  const { fileName, maxRows, maxCells, onRows } = options;
  const d = options.delimiter.charCodeAt(0);
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  // Excel's "sep=;" hint line names the delimiter and is not data.
  const sepMatch = /^sep=(.)\r?\n/.exec(text.slice(i, i + 8));
  let line = 1;
  let delimiter = d;
  if (sepMatch?.[1] === ',' || sepMatch?.[1] === ';' || sepMatch?.[1] === '\t') {
    delimiter = sepMatch[1].charCodeAt(0);
    i += sepMatch[0].length;
    line = 2;
  }

  const rows: SheetRow[] = [];
  let current: SheetRow = [];
  let column = 0; // 0-based column of the field being read
  let columnCount = 0;
  let cellCount = 0;

  const pushField = (value: string): void => {
    if (value.length > 0) {
      while (current.length < column) current.push(null);
      current.push(stringCell(value));
      cellCount += 1;
      if (cellCount > maxCells) {
        throw new ImportFileError(`${fileName} has more than ${formatCount(maxCells)} filled cells; Scrutiny Desk reads at most ${formatCount(maxCells)} at a time. Split it into smaller files.`, {
          code: 'too-many-cells',
          file: fileName,
        });
      }
    }
  };
  const endRecord = (): void => {
    if (current.length > columnCount) columnCount = current.length;
    rows.push(current);
    if (rows.length > maxRows) {
      throw new ImportFileError(`${fileName} has more than ${formatCount(maxRows)} rows; Scrutiny Desk reads at most ${formatCount(maxRows)} rows from one sheet. Split it into smaller files.`, {
        code: 'too-many-rows',
        file: fileName,
        row: rows.length,
      });
    }
    if (onRows && rows.length % 10_000 === 0) onRows(rows.length);
    current = [];
    column = 0;
  };

  if (i >= n) return { rows, columnCount, cellCount };

  for (;;) {
    // At the start of a field.
    if (text.charCodeAt(i) === QUOTE) {
      const row = rows.length + 1;
      const startLine = line;
      let value = '';
      let segmentStart = i + 1;
      let p = segmentStart;
      for (;;) {
        const q = text.indexOf('"', p);
        if (q === -1) throw quoteError(fileName, row, column + 1, startLine, 'a quote opens here and never closes, so the rest of the file would become one cell');
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(segmentStart, q + 1);
          p = q + 2;
          segmentStart = p;
          continue;
        }
        value += text.slice(segmentStart, q);
        i = q + 1;
        break;
      }
      const breaks = value.includes('\n') || value.includes('\r') ? countLineBreaks(value) : 0;
      line += breaks;
      // Spaces after a closing quote are harmless; anything else is a stray quote.
      let k = i;
      while (k < n && text.charCodeAt(k) === 0x20 && delimiter !== 0x20) k += 1;
      const after = k < n ? text.charCodeAt(k) : -1;
      if (after !== -1 && after !== delimiter && after !== LF && after !== CR) {
        const following = text.slice(k, k + 20).split(/[\r\n]/)[0] ?? '';
        if (breaks > 0) {
          throw quoteError(fileName, row, column + 1, startLine, `a quote opens here and is never properly closed (the next lone quote, on line ${formatCount(line)}, is followed by "${following}")`);
        }
        throw quoteError(fileName, row, column + 1, startLine, `a quoted field ends and more text follows it ("${following}"), so the quotes are unbalanced`);
      }
      i = k;
      pushField(breaks > 0 ? value.replace(/\r\n?/g, '\n') : value);
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === delimiter || c === LF || c === CR) break;
        j += 1;
      }
      pushField(text.slice(i, j));
      i = j;
    }

    // After a field: a delimiter, a line end, or the end of the text.
    if (i >= n) {
      endRecord();
      break;
    }
    const c = text.charCodeAt(i);
    if (c === delimiter) {
      column += 1;
      i += 1;
      if (i >= n) {
        endRecord();
        break;
      }
      continue;
    }
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line += 1;
    endRecord();
    if (i >= n) break;
  }
  // A trailing line end does not make an extra record; trailing blank records are dropped.
  while (rows.length > 0 && (rows[rows.length - 1] as SheetRow).length === 0) rows.pop();
  return { rows, columnCount, cellCount };
}
