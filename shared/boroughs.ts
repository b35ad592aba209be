// The 33 London boroughs (32 boroughs plus the City of London), and a matcher
// for the many ways spreadsheets name them. The matcher never guesses: a name
// it does not know, or one that fits more than one borough, is rejected with
// a reason (and a suggestion where there is one) for the clerk to resolve.
import boroughsJson from '../resources/boroughs.json' with { type: 'json' };
import { fail, ok, type Parsed } from './parsed.ts';

export type Borough = {
  /** ONS GSS code, E09000001 (City of London) to E09000033 (Westminster). */
  readonly gss: string;
  readonly name: string;
  /** Short label for the tile map, e.g. "K&C". */
  readonly short: string;
  /** In Inner London as the ONS defines it for statistics. */
  readonly inner: boolean;
  /** 1-based position in the square tile map (row 1 at the top, column 1 at the left). */
  readonly tile: { readonly row: number; readonly col: number };
  /** Other names the borough goes by; each one matches this borough. */
  readonly aliases: readonly string[];
};

export const TILE_ROWS = 7;
export const TILE_COLUMNS = 8;

// Assigned, not cast, so the compiler checks the JSON against the type.
const rawBoroughs: readonly Borough[] = boroughsJson;

export const BOROUGHS: readonly Borough[] = Object.freeze(
  rawBoroughs.map((b) =>
    Object.freeze({ ...b, tile: Object.freeze({ ...b.tile }), aliases: Object.freeze([...b.aliases]) }),
  ),
);

const BY_GSS: ReadonlyMap<string, Borough> = new Map(BOROUGHS.map((b) => [b.gss, b]));

export function boroughByGss(code: string): Borough | undefined {
  return BY_GSS.get(code.trim().toUpperCase());
}

// Lower case, "&" as "and", punctuation and hyphens as spaces.
function normalise(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// Words around a borough's name that do not change which borough it is.
const PREFIXES = ['the ', 'london borough of ', 'royal borough of ', 'borough of ', 'lb of ', 'lb ', 'rb ', 'lbc '];
const SUFFIXES = [' london borough council', ' borough council', ' council', ' lbc', ' london borough', ' lb'];

function matchKey(s: string): string {
  let key = normalise(s);
  for (let changed = true; changed; ) {
    changed = false;
    for (const p of PREFIXES) {
      if (key.startsWith(p)) {
        key = key.slice(p.length);
        changed = true;
      }
    }
    for (const sfx of SUFFIXES) {
      if (key.endsWith(sfx)) {
        key = key.slice(0, -sfx.length);
        changed = true;
      }
    }
  }
  return key;
}

const BY_KEY: ReadonlyMap<string, Borough> = (() => {
  const index = new Map<string, Borough>();
  for (const b of BOROUGHS) {
    for (const name of [b.name, b.short, b.gss, ...b.aliases]) {
      const key = matchKey(name);
      const existing = index.get(key);
      // Two boroughs sharing a name would make matching a guess: fail loudly.
      if (existing && existing !== b) throw new Error(`Borough name "${name}" is used by both ${existing.name} and ${b.name}`);
      index.set(key, b);
    }
  }
  return index;
})();

// Names for all of London rather than one borough.
const LONDON_WIDE = new Set([
  'london', 'greater london', 'london wide', 'pan london', 'all london', 'across london',
  'all boroughs', 'all london boroughs', 'city wide', 'citywide',
]);

// Words too common to suggest a borough on their own.
const WEAK_WORDS = new Set(['and', 'of', 'upon', 'the', 'london', 'borough', 'royal', 'council', 'city', 'east', 'west', 'north', 'south']);

function listNames(boroughs: readonly Borough[]): string {
  const names = boroughs.map((b) => b.name);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1] ?? ''}`;
}

// Boroughs a non-matching name might mean: the name is part of a borough's
// name ("Thames", "Hammersmith"), or a borough's name is part of it
// ("Richmond and Wandsworth"). Only used to explain a rejection.
function candidatesFor(key: string): Borough[] {
  const found = new Set<Borough>();
  const padded = ` ${key} `;
  for (const [k, b] of BY_KEY) {
    const strongInput = key.length >= 4 && !WEAK_WORDS.has(key);
    const strongKey = k.length >= 5 && !WEAK_WORDS.has(k) && !/^e09/.test(k);
    if ((strongInput && ` ${k} `.includes(padded)) || (strongKey && padded.includes(` ${k} `))) found.add(b);
  }
  return BOROUGHS.filter((b) => found.has(b)); // GSS order
}

/**
 * Finds the borough a name or GSS code refers to, ignoring case and
 * punctuation. Unknown and ambiguous names are rejected with a reason.
 */
export function matchBorough(input: string): Parsed<Borough> {
  if (typeof input !== 'string') return fail('The borough is not text');
  const text = input.replace(/[\u00A0\u2007\u202F]/g, ' ').trim().replace(/\s+/g, ' ');
  const q = `"${text}"`;
  if (text === '') return fail('No borough given: the value is empty');

  if (/^E\d{8}$/i.test(text)) {
    const byCode = boroughByGss(text);
    return byCode ? ok(byCode) : fail(`${q} is not a London borough code: they run from E09000001 (City of London) to E09000033 (Westminster)`);
  }

  const key = matchKey(text);
  const exact = BY_KEY.get(key);
  if (exact) return ok(exact);

  if (LONDON_WIDE.has(key)) return fail(`${q} means all of London, not one borough`);

  const candidates = candidatesFor(key);
  if (candidates.length > 1) {
    return fail(`${q} could be more than one borough (${listNames(candidates)}): choose one`);
  }
  if (candidates.length === 1) {
    return fail(`${q} is not a borough name Scrutiny Desk knows: did you mean ${listNames(candidates)}?`);
  }
  return fail(`${q} is not a London borough Scrutiny Desk knows: use a borough name or its GSS code (E09000001 to E09000033)`);
}
