// Stable row ids: UUID version 7 (RFC 9562), a millisecond timestamp then random
// bits. Time-ordered ids go in at the end of the primary-key index instead of at
// random places, which keeps large imports fast; they are as unique as v4.
import { randomFillSync } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
// Random bytes drawn in bulk: one call to the system's generator per 4,096 ids.
const pool = new Uint8Array(10 * 4096);
let poolOffset = pool.length;

let lastMs = 0;
let sequence = 0;

export function uuidv7(now: number = Date.now()): string {
  // Within one millisecond a 12-bit counter keeps ids in creation order.
  if (now <= lastMs) {
    sequence += 1;
    if (sequence > 0xfff) {
      lastMs += 1;
      sequence = 0;
    }
  } else {
    lastMs = now;
    sequence = 0;
  }
  if (poolOffset + 10 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const r = poolOffset;
  poolOffset += 10;
  const ms = lastMs;
  const h = HEX;
  const high = Math.floor(ms / 2 ** 32);
  return (
    h[(high >>> 8) & 0xff]! + h[high & 0xff]! + h[(ms >>> 24) & 0xff]! + h[(ms >>> 16) & 0xff]! + '-' +
    h[(ms >>> 8) & 0xff]! + h[ms & 0xff]! + '-' +
    h[0x70 | ((sequence >>> 8) & 0x0f)]! + h[sequence & 0xff]! + '-' +
    h[(pool[r]! & 0x3f) | 0x80]! + h[pool[r + 1]!]! + '-' +
    h[pool[r + 2]!]! + h[pool[r + 3]!]! + h[pool[r + 4]!]! + h[pool[r + 5]!]! + h[pool[r + 6]!]! + h[pool[r + 7]!]!
  );
}
