// Matching organisation names in a file to organisations the store knows.
//
// Rules:
// - Exact match on a normalised key: case, accents, "&" as "and", apostrophes
//   dropped, other punctuation as spaces ("St." is "St"), "Saint" as "St", a
//   leading "The" and "(The)" dropped, legal suffixes (Ltd, Limited, CIC, CIO,
//   PLC, LLP, Inc, "Community Interest Company") dropped, spaces collapsed.
//   So "St Giles Trust", "ST GILES TRUST LTD" and "St. Giles Trust" are one.
// - An organisation identifier (360Giving's "GB-CHC-1144013") matches exactly.
// - A borough council named any way shared/boroughs.ts knows ("LB Hackney",
//   "Hackney LBC") matches the organisation recorded for that borough.
// - Near matches (shared distinctive words, or a small edit distance) are only
//   ever "uncertain": listed with candidates and a score for the clerk, never
//   merged. Until a clerk confirms one, the name is a new organisation.
// - Two known organisations sharing a key is itself uncertain: both are listed.
import { matchBorough } from '../../../shared/boroughs.ts';

export interface KnownOrganisation {
  id: string;
  name: string;
  /** Other names it goes by (the store's organisation_aliases), as written. */
  aliases?: readonly string[];
  /** Set for a borough council: the borough's GSS code. */
  boroughGss?: string | null;
  /** A registered identifier, such as 360Giving's "GB-CHC-1144013". */
  identifier?: string | null;
}

export interface MatchCandidate {
  organisationId: string;
  name: string;
  /** The name or alias of the known organisation that came closest. */
  alias: string;
  /** 0 to 1; 1 means the normalised names are the same. */
  score: number;
  why: string;
}

export type OrganisationMatch =
  | { outcome: 'matched'; organisationId: string; name: string; via: 'name' | 'alias' | 'identifier' | 'borough' | 'confirmed'; alias: string }
  | { outcome: 'uncertain'; candidates: MatchCandidate[] }
  | { outcome: 'new' };

/** Score from which a near match is listed for the clerk to confirm. */
export const UNCERTAIN_THRESHOLD = 0.75;
const MAX_CANDIDATES = 3;

const LEGAL_SUFFIXES: readonly (readonly string[])[] = [
  ['community', 'interest', 'company'],
  ['charitable', 'incorporated', 'organisation'],
  ['ltd'], ['limited'], ['cic'], ['cio'], ['plc'], ['llp'], ['inc'], ['incorporated'],
];

// Words too common to make two names the same organisation on their own.
const GENERIC_WORDS = new Set([
  'and', 'the', 'of', 'for', 'in', 'on', 'at', 'to', 'st', 'uk', 'london', 'trust', 'foundation', 'charity', 'charitable',
  'youth', 'young', 'people', 'project', 'projects', 'service', 'services', 'group', 'association', 'centre', 'center',
  'council', 'community', 'borough', 'city', 'support', 'network', 'partnership', 'care', 'action', 'new', 'north',
  'south', 'east', 'west', 'team', 'programme', 'women', 'womens', 'mens', 'family', 'families', 'victim', 'victims',
  'housing', 'health', 'aid', 'society', 'club', 'company', 'co', 'org', 'organisation', 'college', 'school', 'national',
]);

/**
 * The key two names must share to be the same organisation (see the rules above).
 * An empty key means the name has no words left (only a legal suffix, say).
 */
export function organisationKey(name: string): string {
  const base = name
    .replace(/\uFEFF/g, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\(\s*the\s*\)/g, ' ')
    .replace(/['\u2019`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  let words = base === '' ? [] : base.split(' ').map((w) => (w === 'saint' ? 'st' : w));
  const original = words;
  for (let changed = true; changed && words.length > 0; ) {
    changed = false;
    if (words[0] === 'the' && words.length > 1) {
      words = words.slice(1);
      changed = true;
    }
    if (words[words.length - 1] === 'the' && words.length > 1) {
      words = words.slice(0, -1); // "St Giles Trust, The"
      changed = true;
    }
    for (const suffix of LEGAL_SUFFIXES) {
      if (words.length > suffix.length && suffix.every((w, i) => words[words.length - suffix.length + i] === w)) {
        words = words.slice(0, -suffix.length);
        changed = true;
      }
    }
  }
  return (words.length > 0 ? words : original).join(' ');
}

interface Prepared {
  key: string;
  tokens: ReadonlySet<string>;
  /** The key's character pairs as numbers, sorted: for a quick bound on the edit distance. */
  bigrams: Int32Array;
}

interface Entry extends Prepared {
  org: KnownOrganisation;
  alias: string;
}

export interface OrganisationIndex {
  readonly organisations: readonly KnownOrganisation[];
  readonly byId: ReadonlyMap<string, KnownOrganisation>;
  readonly byKey: ReadonlyMap<string, readonly Entry[]>;
  readonly byIdentifier: ReadonlyMap<string, KnownOrganisation>;
  readonly byBorough: ReadonlyMap<string, KnownOrganisation>;
  /** Distinctive word to the entries that have it. */
  readonly byToken: ReadonlyMap<string, readonly Entry[]>;
  /** Key length to the entries of that length. */
  readonly byLength: ReadonlyMap<number, readonly Entry[]>;
}

function tokensOf(key: string): Set<string> {
  return new Set(key.split(' ').filter((w) => w !== ''));
}

function isDistinctive(token: string): boolean {
  return token.length >= 3 && !GENERIC_WORDS.has(token) && !/^\d+$/.test(token);
}

function prepare(key: string): Prepared {
  const bigrams = new Int32Array(Math.max(0, key.length - 1));
  for (let i = 0; i + 1 < key.length; i++) bigrams[i] = key.charCodeAt(i) * 65_536 + key.charCodeAt(i + 1);
  bigrams.sort();
  return { key, tokens: tokensOf(key), bigrams };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function buildOrganisationIndex(organisations: readonly KnownOrganisation[]): OrganisationIndex {
  const byId = new Map<string, KnownOrganisation>();
  const byKey = new Map<string, Entry[]>();
  const byIdentifier = new Map<string, KnownOrganisation>();
  const byBorough = new Map<string, KnownOrganisation>();
  const byToken = new Map<string, Entry[]>();
  const byLength = new Map<number, Entry[]>();
  for (const org of organisations) {
    byId.set(org.id, org);
    const seen = new Set<string>();
    for (const alias of [org.name, ...(org.aliases ?? [])]) {
      const key = organisationKey(alias);
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      const entry: Entry = { org, alias, ...prepare(key) };
      push(byKey, key, entry);
      push(byLength, key.length, entry);
      for (const token of entry.tokens) if (isDistinctive(token)) push(byToken, token, entry);
    }
    if (org.identifier) byIdentifier.set(org.identifier.trim().toLowerCase(), org);
    if (org.boroughGss) byBorough.set(org.boroughGss.trim().toUpperCase(), org);
  }
  return { organisations, byId, byKey, byIdentifier, byBorough, byToken, byLength };
}

// Two rows of the edit-distance table, reused between calls.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

// Levenshtein distance, giving up (returning max + 1) once it must exceed max.
function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length + 1);
    rowB = new Int32Array(b.length + 1);
  }
  let previous = rowA;
  let current = rowB;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let best = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current[j] = value;
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
    const swap = previous;
    previous = current;
    current = swap;
  }
  return previous[b.length] ?? max + 1;
}

// Character pairs two sorted pair lists share (as multisets).
function sharedBigrams(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

function scorePrepared(a: Prepared, b: Prepared): { score: number; why: string } {
  if (a.key === b.key) return { score: 1, why: 'same name once case, punctuation and legal suffixes are ignored' };
  let shared = 0;
  let distinctive = false;
  for (const t of a.tokens) {
    if (!b.tokens.has(t)) continue;
    shared++;
    if (!distinctive && isDistinctive(t)) distinctive = true;
  }
  let tokenScore = 0;
  if (distinctive) {
    const containment = shared / Math.min(a.tokens.size, b.tokens.size);
    const dice = (2 * shared) / (a.tokens.size + b.tokens.size);
    tokenScore = (containment + dice) / 2;
  }
  let editScore = 0;
  const longest = Math.max(a.key.length, b.key.length);
  if (Math.min(a.key.length, b.key.length) >= 5) {
    const max = Math.floor(longest * (1 - UNCERTAIN_THRESHOLD));
    // Each edit spoils at most two character pairs, so too few shared pairs rules the match out cheaply.
    if (sharedBigrams(a.bigrams, b.bigrams) >= longest - 1 - 2 * max) {
      const distance = boundedDistance(a.key, b.key, max);
      if (distance <= max) editScore = 1 - distance / longest;
    }
  }
  const score = Math.round(Math.max(tokenScore, editScore) * 100) / 100;
  if (score < UNCERTAIN_THRESHOLD) return { score, why: '' };
  const why = tokenScore >= editScore ? `shares the words "${[...a.tokens].filter((t) => b.tokens.has(t)).join(' ')}"` : 'spelt almost the same';
  return { score, why };
}

/** How alike two organisation keys are, 0 to 1, and why. */
export function similarity(a: string, b: string): { score: number; why: string } {
  return scorePrepared(prepare(a), prepare(b));
}

/**
 * Finds the known organisation a name refers to. `identifier` is an
 * organisation identifier from the same row, when the file has one.
 */
export function matchOrganisation(name: string, index: OrganisationIndex, identifier?: string | null): OrganisationMatch {
  if (identifier) {
    const byIdentifier = index.byIdentifier.get(identifier.trim().toLowerCase());
    if (byIdentifier) return { outcome: 'matched', organisationId: byIdentifier.id, name: byIdentifier.name, via: 'identifier', alias: identifier.trim() };
  }
  const key = organisationKey(name);
  const exact = index.byKey.get(key) ?? [];
  const distinctOrgs = new Map(exact.map((e) => [e.org.id, e]));
  if (distinctOrgs.size === 1) {
    const [entry] = distinctOrgs.values();
    if (entry) {
      return { outcome: 'matched', organisationId: entry.org.id, name: entry.org.name, via: entry.alias === entry.org.name ? 'name' : 'alias', alias: entry.alias };
    }
  }
  if (distinctOrgs.size > 1) {
    return {
      outcome: 'uncertain',
      candidates: [...distinctOrgs.values()].map((e) => ({
        organisationId: e.org.id, name: e.org.name, alias: e.alias, score: 1, why: 'more than one known organisation goes by this name',
      })),
    };
  }

  const borough = matchBorough(name);
  if (borough.ok) {
    const council = index.byBorough.get(borough.value.gss);
    if (council) return { outcome: 'matched', organisationId: council.id, name: council.name, via: 'borough', alias: borough.value.name };
  }

  // Near matches: entries sharing a distinctive word, and entries of a length
  // within reach of a small edit distance.
  const query = prepare(key);
  const pool = new Set<Entry>();
  for (const token of query.tokens) for (const e of index.byToken.get(token) ?? []) pool.add(e);
  if (key.length >= 5) {
    for (let length = Math.ceil(key.length * UNCERTAIN_THRESHOLD); length <= Math.floor(key.length / UNCERTAIN_THRESHOLD); length++) {
      for (const e of index.byLength.get(length) ?? []) pool.add(e);
    }
  }
  const best = new Map<string, MatchCandidate>();
  for (const entry of pool) {
    const { score, why } = scorePrepared(query, entry);
    if (score < UNCERTAIN_THRESHOLD) continue;
    const previous = best.get(entry.org.id);
    if (!previous || previous.score < score) {
      best.set(entry.org.id, { organisationId: entry.org.id, name: entry.org.name, alias: entry.alias, score, why });
    }
  }
  if (best.size === 0) return { outcome: 'new' };
  const candidates = [...best.values()]
    .sort((x, y) => y.score - x.score || x.name.localeCompare(y.name, 'en-GB'))
    .slice(0, MAX_CANDIDATES);
  return { outcome: 'uncertain', candidates };
}
