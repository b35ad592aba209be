// Money is stored as integer pence in a JS number that must be a safe integer.
// Parsing is strict: every accepted form has its own rule below, and anything
// else is rejected with a reason, because a loose parser silently reads
// "£23.6m" as 23.6 or "2022/23" as 202223.
import { fail, ok, type Parsed } from './parsed.ts';

// Spaces that spreadsheets and web pages use in place of an ordinary space.
const ODD_SPACES = /[\u00A0\u2007\u202F]/g;
const MINUS_SIGNS = new Set(['-', '\u2212']); // hyphen-minus and the Unicode minus sign
const MAX_TEXT_LENGTH = 64; // no real amount is longer; keeps BigInt work bounded

// Multiplier in pounds for each suffix people write after a figure.
const SUFFIXES: ReadonlyMap<string, bigint> = new Map([
  ['k', 1_000n],
  ['thousand', 1_000n],
  ['m', 1_000_000n],
  ['mn', 1_000_000n],
  ['million', 1_000_000n],
  ['b', 1_000_000_000n],
  ['bn', 1_000_000_000n],
  ['billion', 1_000_000_000n],
]);

// Codes met in grants data for currencies other than sterling.
const CURRENCY_CODES = new Set(['USD', 'EUR', 'JPY', 'CHF', 'CAD', 'AUD', 'NZD', 'INR', 'CNY', 'SEK', 'NOK', 'DKK', 'PLN']);

const MAX_PENCE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Reads an amount in pounds sterling and returns it in pence.
 * Text is read by shape (see the rules in the body); a number is a
 * spreadsheet cell holding pounds.
 */
export function parseMoney(input: string | number): Parsed<number> {
  if (typeof input === 'number') return parseMoneyCell(input);
  if (typeof input !== 'string') return fail('The amount is neither text nor a number');

  const text = input.replace(ODD_SPACES, ' ').trim();
  const q = `"${text}"`;
  if (text === '') return fail('No amount given: the value is empty');
  if (text.length > MAX_TEXT_LENGTH) return fail(`${q} is too long to be an amount`);

  if (!/\d/.test(text)) {
    if (/^[-\u2212\u2013\u2014]$/.test(text)) {
      return fail(`${q} is a dash, not an amount: a dash often means nil or not known, so enter 0 if it means zero`);
    }
    return fail(`${q} is not an amount: it has no digits`);
  }

  const symbol = /[$€¥₹¢]/.exec(text);
  const code = /^\(?\s*[-\u2212]?\s*([A-Z]{3})(?![A-Z])/i.exec(text) ?? /(?<![A-Z])([A-Z]{3})\s*\)?$/i.exec(text);
  const foreign = symbol?.[0] ?? (code?.[1] !== undefined && CURRENCY_CODES.has(code[1].toUpperCase()) ? code[1] : undefined);
  if (foreign !== undefined) {
    return fail(`${q} is in another currency (${foreign}): Scrutiny Desk records pounds sterling only`);
  }

  // Financial years, date fragments and ranges are not amounts.
  if (/^(?:fy\s*)?\d{2,4}\s*[-/\u2013]\s*\d{2,4}$/i.test(text)) {
    return fail(`${q} looks like a financial year, a date or a range, not an amount`);
  }
  if (text.includes('/')) return fail(`${q} contains "/": it looks like a date or a fraction, not an amount`);
  if (/\d\s*e[+-]?\d/i.test(text)) {
    return fail(`${q} is in scientific notation, which loses digits: format the column as a plain number and export it again`);
  }

  let rest = text;
  let negative = false;

  // Rule: accountants write negatives in brackets, "(1,234)" or "(£1,234.56)".
  if (rest.startsWith('(') || rest.endsWith(')')) {
    if (!(rest.startsWith('(') && rest.endsWith(')'))) return fail(`${q} has an unmatched bracket`);
    rest = rest.slice(1, -1).trim();
    negative = true;
  }

  // Rule: an optional currency marker ("£" or "GBP") and an optional minus
  // sign, in either order ("-£500", "£-500"). Space may follow the currency
  // marker but not the minus sign.
  let currency = false;
  let sign = false;
  for (;;) {
    const first = rest[0] ?? '';
    if (first === '£' || /^GBP/i.test(rest)) {
      if (currency) return fail(`${q} names the currency twice`);
      currency = true;
      rest = rest.slice(first === '£' ? 1 : 3).trimStart();
      continue;
    }
    if (MINUS_SIGNS.has(first)) {
      if (sign) return fail(`${q} has more than one minus sign`);
      if (negative) return fail(`${q} has both brackets and a minus sign: use one or the other`);
      sign = true;
      rest = rest.slice(1);
      continue;
    }
    break;
  }
  if (sign) negative = true;

  // Rule: "GBP" may also follow the figure ("1,234 GBP").
  const trailingCode = /\s*GBP$/i.exec(rest);
  if (trailingCode) {
    if (currency) return fail(`${q} names the currency twice`);
    rest = rest.slice(0, trailingCode.index);
  }

  // Rule: digits (optionally grouped in threes with commas), an optional
  // decimal part, then an optional suffix (k, m, bn, ...), with optional space
  // before the suffix.
  if ((rest.match(/\./g) ?? []).length > 1) return fail(`${q} has more than one decimal point`);
  const shape = /^([\d,]*)(?:\.([\d,]*))?(?:\s*([A-Za-z]+))?$/.exec(rest);
  if (!shape) return fail(`${q} is not an amount Scrutiny Desk can read: write it like £1,234.56`);
  const intText = shape[1] ?? '';
  const fracText = shape[2];
  const suffixText = shape[3];

  if (intText === '') {
    return fail(`${q} has no digits before the decimal point: write it with a leading 0, like £0.50`);
  }
  if (intText.includes(',') && !/^\d{1,3}(?:,\d{3})+$/.test(intText)) {
    return fail(`${q} has commas in the wrong places: commas separate thousands, like 1,234,567`);
  }
  if (/^0\d/.test(intText)) return fail(`${q} starts with a zero: is it a code rather than an amount?`);
  if (fracText !== undefined) {
    if (fracText.includes(',')) {
      return fail(`${q} has a comma after the decimal point: Scrutiny Desk reads 1,234.56 (commas for thousands, a point for pence)`);
    }
    if (fracText === '') return fail(`${q} ends with a decimal point`);
  }
  const frac = fracText ?? '';

  let multiplier = 1n;
  if (suffixText !== undefined) {
    const m = SUFFIXES.get(suffixText.toLowerCase());
    if (m === undefined) {
      return fail(`${q} has a suffix Scrutiny Desk does not know ("${suffixText}"): use k (thousand), m (million) or bn (billion)`);
    }
    multiplier = m;
  } else if (frac.length > 2) {
    return fail(`${q} has more than two decimal places: pounds and pence need at most two`);
  }

  // Exact integer arithmetic on the digit strings: "23.6" with "m" is
  // 236 * 1,000,000 * 100 / 10 pence, with no floating point anywhere.
  const digits = BigInt(intText.replaceAll(',', '') + frac);
  const numerator = digits * multiplier * 100n;
  const denominator = 10n ** BigInt(frac.length);
  if (numerator % denominator !== 0n) {
    return fail(`${q} does not come to a whole number of pence`);
  }
  const pence = numerator / denominator;
  if (pence > MAX_PENCE) return fail(`${q} is too large to store exactly`);
  const value = Number(pence);
  return ok(negative && value !== 0 ? -value : value);
}

// A numeric spreadsheet cell holds pounds as a float; accept it only when it is
// (within float noise) a whole number of pence.
function parseMoneyCell(pounds: number): Parsed<number> {
  if (!Number.isFinite(pounds)) return fail(`${String(pounds)} is not a finite number`);
  const scaled = pounds * 100;
  const pence = Math.round(scaled);
  if (Math.abs(scaled - pence) > 1e-6) return fail(`${String(pounds)} has more than two decimal places`);
  if (!Number.isSafeInteger(pence)) return fail(`${String(pounds)} is too large to store exactly`);
  return ok(pence === 0 ? 0 : pence); // never -0
}

function assertPence(pence: number): void {
  if (!Number.isSafeInteger(pence)) {
    // Money in the app is always integer pence; anything else is a bug upstream.
    throw new RangeError(`Money must be a whole number of pence, got ${String(pence)}`);
  }
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "£39,315,555", "£1,234.56", "-£500" (pence shown when non-zero or when asked). */
export function formatMoney(pence: number, opts: { showPence?: boolean } = {}): string {
  assertPence(pence);
  const abs = Math.abs(pence);
  const p = abs % 100;
  const pounds = (abs - p) / 100;
  let out = '£' + groupThousands(String(pounds));
  if (p !== 0 || opts.showPence === true) out += '.' + String(p).padStart(2, '0');
  return pence < 0 ? '-' + out : out;
}

const SHORT_UNITS: ReadonlyArray<{ suffix: string; pence: bigint }> = [
  { suffix: 'bn', pence: 100_000_000_000n },
  { suffix: 'm', pence: 100_000_000n },
  { suffix: 'k', pence: 100_000n },
];

function roundedTenths(pence: bigint, unitPence: bigint): bigint {
  return (pence * 20n + unitPence) / (unitPence * 2n);
}

/** Prose form: "£23.6m", "£1.2bn", "£950k", "£70m"; under £1,000 as formatMoney. */
export function formatMoneyShort(pence: number): string {
  assertPence(pence);
  const abs = BigInt(Math.abs(pence));
  const sign = pence < 0 ? '-' : '';
  // The largest unit the amount reaches, in tenths rounded half up; if rounding
  // carries it to 1,000 of that unit (£999,950 -> 1000.0k), use the next unit up.
  for (const [i, reached] of SHORT_UNITS.entries()) {
    if (abs < reached.pence) continue;
    const bigger = SHORT_UNITS[i - 1];
    const carried = bigger !== undefined && roundedTenths(abs, reached.pence) >= 10_000n;
    const unit = carried ? bigger : reached;
    const tenths = roundedTenths(abs, unit.pence);
    const decimal = tenths % 10n;
    return `${sign}£${groupThousands(String(tenths / 10n))}${decimal === 0n ? '' : '.' + String(decimal)}${unit.suffix}`;
  }
  return formatMoney(pence);
}
