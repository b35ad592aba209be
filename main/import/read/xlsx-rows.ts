// How far down each worksheet of an XLSX really goes, read from its XML while
// the ZIP is being verified. SheetJS stops reading at the row limit, and when a
// sheet has no <dimension> it cannot tell that cells lie beyond; this can, so
// a sheet over the limit is refused rather than silently cut short.
import { readSmallEntry, type ZipEntry } from './zip.ts';

export const WORKSHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/;

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');
const ROW_TAG = /<(?:[A-Za-z_][\w.-]*:)?row\b[^>]*>/g;
const ROW_NUMBER = /\sr\s*=\s*["'](\d+)["']/;

function isNameByte(b: number | undefined): boolean {
  return b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) || b === 0x5f || b === 0x2d || b === 0x2e);
}

/** True when "row" at `at` is the name of an opening tag: "<row" or "<prefix:row", then a space, "/" or ">". */
function opensRowTag(buffer: Buffer, at: number): boolean {
  const next = buffer[at + 3];
  if (!(next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d)) return false;
  const before = buffer[at - 1];
  if (before === 0x3c) return true;
  if (before !== 0x3a) return false;
  let p = at - 2;
  while (p >= 0 && at - p < 40 && isNameByte(buffer[p])) p -= 1;
  return p < at - 2 && buffer[p] === 0x3c;
}

/** The last row number a worksheet's XML holds (rows come in order in a valid file), or 0 when it has none. */
export function lastRowOfWorksheet(content: Uint8Array): number {
  const buffer = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  let from = buffer.length;
  while (from > 0) {
    const at = buffer.lastIndexOf('row', from - 1, 'latin1');
    if (at < 1) return 0;
    if (opensRowTag(buffer, at)) {
      const end = buffer.indexOf('>', at);
      const number = ROW_NUMBER.exec(latin1.decode(buffer.subarray(at, end < 0 ? buffer.length : end)));
      if (number?.[1]) return Number(number[1]);
      // Rows without numbers (allowed, rare): count them all.
      let count = 0;
      const text = latin1.decode(buffer);
      ROW_TAG.lastIndex = 0;
      for (let m = ROW_TAG.exec(text); m; m = ROW_TAG.exec(text)) {
        const r = ROW_NUMBER.exec(m[0]);
        count = r?.[1] ? Number(r[1]) : count + 1;
      }
      return count;
    }
    from = at;
  }
  return 0;
}

function decodeXmlText(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&amp;/g, '&');
}

function attribute(tag: string, name: RegExp): string | undefined {
  const match = new RegExp(`\\s${name.source}\\s*=\\s*"([^"]*)"`).exec(tag) ?? new RegExp(`\\s${name.source}\\s*=\\s*'([^']*)'`).exec(tag);
  return match?.[1] === undefined ? undefined : decodeXmlText(match[1]);
}

/** Sheet names by worksheet part ("xl/worksheets/sheet1.xml" → "Payments"), from workbook.xml and its relationships. */
export function worksheetNames(bytes: Uint8Array, entries: ZipEntry[]): Map<string, string> {
  const names = new Map<string, string>();
  const find = (name: string) => entries.find((entry) => entry.name === name);
  const workbookEntry = find('xl/workbook.xml');
  const relsEntry = find('xl/_rels/workbook.xml.rels');
  if (!workbookEntry || !relsEntry) return names;
  const workbook = readSmallEntry(bytes, workbookEntry, 4 * 1024 * 1024);
  const rels = readSmallEntry(bytes, relsEntry, 4 * 1024 * 1024);
  if (!workbook || !rels) return names;
  const targets = new Map<string, string>();
  for (const tag of utf8.decode(rels).match(/<(?:\w+:)?Relationship\b[^>]*>/g) ?? []) {
    const id = attribute(tag, /Id/);
    const target = attribute(tag, /Target/);
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  for (const tag of utf8.decode(workbook).match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? []) {
    const name = attribute(tag, /name/);
    const id = attribute(tag, /[\w.-]+:id/);
    const part = id ? targets.get(id) : undefined;
    if (name !== undefined && part) names.set(part, name);
  }
  return names;
}
