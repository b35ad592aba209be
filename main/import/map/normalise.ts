// Small text helpers shared by the mapping layer: cleaning what a cell or a
// header holds, and the normalised forms used to compare header names.

const BOM = /\uFEFF/g;
const ODD_SPACES = /[\u00A0\u2007\u202F\u2009\u200B]/g;
const ACCENTS = /[\u0300-\u036f]/g;

/** Text as a person reads it: no byte order marks, odd spaces as spaces, runs of spaces and tabs as one, trimmed. */
export function cleanText(s: string): string {
  // Most cells need nothing done: check that cheaply first.
  if (!/[\uFEFF\u00A0\u2007\u202F\u2009\u200B\t\r\n]| {2}|^ | $/.test(s)) return s;
  return s.replace(BOM, '').replace(ODD_SPACES, ' ').replace(/[ \t]+/g, ' ').replace(/ *\r?\n */g, '\n').trim();
}

// Words whose plural is not the singular plus "s", or that end in "s" anyway.
const KEEP_AS_IS = new Set(['address', 'status', 'trans', 'gas', 'news', 'series', 'means', 'premises', 'always', 'gross', 'less', 'plus', 'bus', 'kpis', 'analysis', 'basis', 'was', 'has', 'this', 'its']);

function singular(word: string): string {
  if (word.length <= 3 || KEEP_AS_IS.has(word)) return word === 'kpis' ? 'kpi' : word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/**
 * A header name as compared by the guesser and by profiles: lower case, accents
 * and BOMs gone, "&" as "and", "£" dropped, punctuation as spaces, plurals as
 * singulars, and the repeat index of flattened 360Giving headers
 * ("Beneficiary Location:0:Name") dropped.
 */
export function normaliseHeader(s: string): string {
  const words = s
    .replace(BOM, '')
    .replace(ODD_SPACES, ' ')
    .normalize('NFKD')
    .replace(ACCENTS, '')
    .toLowerCase()
    .replace(/:\s*0\s*:/g, ':')
    .replace(/&/g, ' and ')
    .replace(/['\u2019`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
  return words.map(singular).join(' ');
}

/** Lower case, "&" as "and", punctuation as spaces: for comparing names of services and funds. */
export function normaliseName(s: string): string {
  return s
    .replace(BOM, '')
    .replace(ODD_SPACES, ' ')
    .normalize('NFKD')
    .replace(ACCENTS, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['\u2019`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** "A, B or C" for messages. */
export function listOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}

/** "A, B and C" for messages. */
export function listAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/** Quotes a value for a message, shortening very long ones. */
export function quote(s: string): string {
  const short = s.length > 80 ? `${s.slice(0, 77)}...` : s;
  return `"${short}"`;
}
