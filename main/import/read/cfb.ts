// Lists the stream names inside an OLE2 compound file (old .xls, .doc, and the
// wrapper Office puts round a password-protected .xlsx), without reading the
// streams, so the file's real nature is known before any parser sees it.

export class CfbFormatError extends Error {}

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_CHAIN = 0xfffffffe;
const FREE_SECTOR = 0xffffffff;
const MAX_DIRECTORY_ENTRIES = 100_000;

export function isCfb(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

export interface CfbEntry {
  name: string;
  type: 'storage' | 'stream' | 'root';
  size: number;
}

/** Directory entries of a compound file. Throws CfbFormatError when its structure is broken. */
export function listCfbEntries(bytes: Uint8Array): CfbEntry[] {
  if (bytes.length < 512) throw new CfbFormatError('it is too short to be a real compound file');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sectorShift = dv.getUint16(0x1e, true);
  if (sectorShift !== 9 && sectorShift !== 12) throw new CfbFormatError('its header is damaged');
  const sectorSize = 1 << sectorShift;
  const sectorCount = Math.floor((bytes.length - sectorSize) / sectorSize) + 1;
  const fatSectorCount = dv.getUint32(0x2c, true);
  const firstDirectorySector = dv.getUint32(0x30, true);
  let difatSector = dv.getUint32(0x44, true);
  const difatCount = dv.getUint32(0x48, true);
  if (fatSectorCount > sectorCount || difatCount > sectorCount) throw new CfbFormatError('its header is damaged');

  const offsetOf = (sector: number): number => {
    const offset = (sector + 1) * sectorSize;
    if (sector >= 0xfffffffa || offset + sectorSize > bytes.length) throw new CfbFormatError('it points past its end (the file was probably cut short)');
    return offset;
  };

  // Where the FAT sectors are: 109 in the header, the rest in a DIFAT chain.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < fatSectorCount; i += 1) fatSectors.push(dv.getUint32(0x4c + i * 4, true));
  const perSector = sectorSize / 4;
  let guard = 0;
  while (fatSectors.length < fatSectorCount && difatSector !== END_OF_CHAIN && difatSector !== FREE_SECTOR) {
    if ((guard += 1) > sectorCount) throw new CfbFormatError('its sector table loops');
    const base = offsetOf(difatSector);
    for (let i = 0; i < perSector - 1 && fatSectors.length < fatSectorCount; i += 1) fatSectors.push(dv.getUint32(base + i * 4, true));
    difatSector = dv.getUint32(base + (perSector - 1) * 4, true);
  }

  const nextSector = (sector: number): number => {
    const fatSector = fatSectors[Math.floor(sector / perSector)];
    if (fatSector === undefined) throw new CfbFormatError('its sector table is damaged');
    return dv.getUint32(offsetOf(fatSector) + (sector % perSector) * 4, true);
  };

  const entries: CfbEntry[] = [];
  let sector = firstDirectorySector;
  guard = 0;
  while (sector !== END_OF_CHAIN) {
    if ((guard += 1) > sectorCount) throw new CfbFormatError('its directory loops');
    const base = offsetOf(sector);
    for (let i = 0; i < sectorSize / 128; i += 1) {
      const p = base + i * 128;
      const typeByte = bytes[p + 0x42];
      if (typeByte !== 1 && typeByte !== 2 && typeByte !== 5) continue;
      const nameLength = Math.min(dv.getUint16(p + 0x40, true), 64);
      let name = '';
      for (let c = 0; c + 1 < nameLength - 1; c += 2) name += String.fromCharCode(dv.getUint16(p + c, true));
      entries.push({ name, type: typeByte === 1 ? 'storage' : typeByte === 2 ? 'stream' : 'root', size: dv.getUint32(p + 0x78, true) });
      if (entries.length > MAX_DIRECTORY_ENTRIES) throw new CfbFormatError('its directory is impossibly large');
    }
    sector = nextSector(sector);
  }
  if (!entries.some((entry) => entry.type === 'root')) throw new CfbFormatError('its directory is damaged');
  return entries;
}
