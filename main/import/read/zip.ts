// Reads a ZIP's central directory (the table of contents at its end) without
// inflating anything, so sizes and ratios can be checked before a spreadsheet
// library unpacks the file. XLSX and ODS files are ZIPs.
import { crc32, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  encrypted: boolean;
  compressedSize: number;
  uncompressedSize: number;
  crc32: number;
  localHeaderOffset: number;
}

/** Why a ZIP could not be understood; the caller turns it into a user message. */
export class ZipFormatError extends Error {
  constructor(
    message: string,
    readonly entry?: string,
  ) {
    super(message);
  }
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const MAX_ENTRIES = 100_000;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function readUint64(dv: DataView, offset: number): number {
  const value = dv.getBigUint64(offset, true);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError('a size in its directory is impossibly large');
  return Number(value);
}

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

function findEndOfCentralDirectory(bytes: Uint8Array, dv: DataView): number {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= lowest; i -= 1) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && dv.getUint32(i, true) === EOCD_SIGNATURE) return i;
  }
  throw new ZipFormatError('its end is missing (the file was probably cut short while downloading or copying)');
}

/** Lists a ZIP's entries from its central directory. Throws ZipFormatError when the directory is missing or inconsistent. */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const dv = view(bytes);
  const eocd = findEndOfCentralDirectory(bytes, dv);
  let entryCount = dv.getUint16(eocd + 10, true);
  let directorySize = dv.getUint32(eocd + 12, true);
  let directoryOffset = dv.getUint32(eocd + 16, true);

  if (entryCount === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || dv.getUint32(locator, true) !== ZIP64_LOCATOR_SIGNATURE) throw new ZipFormatError('its ZIP64 directory is missing');
    const zip64 = readUint64(dv, locator + 8);
    if (zip64 + 56 > bytes.length || dv.getUint32(zip64, true) !== ZIP64_EOCD_SIGNATURE) throw new ZipFormatError('its ZIP64 directory is damaged');
    entryCount = readUint64(dv, zip64 + 32);
    directorySize = readUint64(dv, zip64 + 40);
    directoryOffset = readUint64(dv, zip64 + 48);
  }
  if (entryCount > MAX_ENTRIES) throw new ZipFormatError(`it holds ${entryCount.toLocaleString('en-GB')} parts, far more than any spreadsheet`);
  if (directoryOffset + directorySize > bytes.length) throw new ZipFormatError('its directory points past the end of the file (the file was probably cut short)');

  const entries: ZipEntry[] = [];
  let p = directoryOffset;
  for (let i = 0; i < entryCount; i += 1) {
    if (p + 46 > bytes.length || dv.getUint32(p, true) !== CENTRAL_SIGNATURE) throw new ZipFormatError('its directory is damaged');
    const flags = dv.getUint16(p + 8, true);
    const method = dv.getUint16(p + 10, true);
    const crc = dv.getUint32(p + 16, true);
    let compressedSize = dv.getUint32(p + 20, true);
    let uncompressedSize = dv.getUint32(p + 24, true);
    const nameLength = dv.getUint16(p + 28, true);
    const extraLength = dv.getUint16(p + 30, true);
    const commentLength = dv.getUint16(p + 32, true);
    let localHeaderOffset = dv.getUint32(p + 42, true);
    const nameStart = p + 46;
    const extraStart = nameStart + nameLength;
    const next = extraStart + extraLength + commentLength;
    if (next > bytes.length) throw new ZipFormatError('its directory is damaged');
    const nameBytes = bytes.subarray(nameStart, extraStart);
    const name = (flags & 0x800 ? utf8 : latin1).decode(nameBytes);

    // ZIP64 extra field: the 64-bit values appear in order, only for fields saturated above.
    let q = extraStart;
    while (q + 4 <= extraStart + extraLength) {
      const id = dv.getUint16(q, true);
      const size = dv.getUint16(q + 2, true);
      if (id === 0x0001) {
        let r = q + 4;
        if (uncompressedSize === 0xffffffff && r + 8 <= q + 4 + size) {
          uncompressedSize = readUint64(dv, r);
          r += 8;
        }
        if (compressedSize === 0xffffffff && r + 8 <= q + 4 + size) {
          compressedSize = readUint64(dv, r);
          r += 8;
        }
        if (localHeaderOffset === 0xffffffff && r + 8 <= q + 4 + size) localHeaderOffset = readUint64(dv, r);
      }
      q += 4 + size;
    }
    entries.push({ name, method, encrypted: (flags & 0x1) !== 0, compressedSize, uncompressedSize, crc32: crc, localHeaderOffset });
    p = next;
  }
  return entries;
}

/** The bytes of one entry as stored (still compressed), located through its local header. */
function storedData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const dv = view(bytes);
  const p = entry.localHeaderOffset;
  if (p + 30 > bytes.length || dv.getUint32(p, true) !== LOCAL_SIGNATURE) throw new ZipFormatError(`the part "${entry.name}" is damaged`, entry.name);
  const start = p + 30 + dv.getUint16(p + 26, true) + dv.getUint16(p + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipFormatError(`the part "${entry.name}" runs past the end of the file (the file was probably cut short)`, entry.name);
  return bytes.subarray(start, end);
}

/** Reads a small stored or deflated entry (e.g. ODF's "mimetype"), at most maxBytes. */
export function readSmallEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes = 4096): Uint8Array | null {
  if (entry.uncompressedSize > maxBytes || entry.encrypted) return null;
  try {
    const data = storedData(bytes, entry);
    if (entry.method === 0) return data;
    if (entry.method === 8) return inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  } catch {
    return null;
  }
  return null;
}

/**
 * Proves each entry inflates to exactly the size its directory claims, and that
 * its checksum matches, without keeping the output. A directory that lies about
 * sizes (a crafted zip bomb) or a damaged entry fails here, before a spreadsheet
 * library trusts it. Call only after the declared sizes passed the limits.
 * `inspect` sees each entry's unpacked content, once, while it is in hand.
 */
export function verifyZipEntries(bytes: Uint8Array, entries: ZipEntry[], inspect?: (entry: ZipEntry, content: Uint8Array) => void): void {
  for (const entry of entries) {
    if (entry.name.endsWith('/') && entry.uncompressedSize === 0) continue;
    const data = storedData(bytes, entry);
    let output: Uint8Array;
    if (entry.method === 0) {
      output = data;
    } else if (entry.method === 8) {
      try {
        // One byte more than claimed, so an entry that inflates beyond its claim is caught.
        output = inflateRawSync(data, { maxOutputLength: entry.uncompressedSize + 1 });
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
          throw new ZipFormatError(`the part "${entry.name}" unpacks to more than its directory says`, entry.name);
        }
        throw new ZipFormatError(`the part "${entry.name}" is damaged and cannot be unpacked`, entry.name);
      }
    } else {
      throw new ZipFormatError(`the part "${entry.name}" uses a compression method (${entry.method}) that spreadsheets do not use`, entry.name);
    }
    if (output.length !== entry.uncompressedSize) {
      throw new ZipFormatError(`the part "${entry.name}" unpacks to a different size than its directory says`, entry.name);
    }
    if (crc32(output) !== entry.crc32) throw new ZipFormatError(`the part "${entry.name}" is damaged (its checksum does not match)`, entry.name);
    inspect?.(entry, output);
  }
}
