// UK financial years run 1 April to 31 March and are written "2022-23".
// A financial year is not a date: "2011-12" is never December 2011, so we
// never hand these strings to `Date`.
import { fail, ok, type Parsed } from './parsed.ts';
import { isIsoDate } from './uk-date.ts';

/** Canonical form "2022-23": four-digit start year, hyphen, two-digit end year. */
export type FinancialYear = string & { readonly __brand: 'FinancialYear' };

// Start years Scrutiny Desk accepts: 1990-91 to 2100-01.
export const FIRST_FY_START = 1990;
export const LAST_FY_START = 2100;

const ODD_SPACES = /[\u00A0\u2007\u202F]/g;
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

function inRange(startYear: number): boolean {
  return Number.isInteger(startYear) && startYear >= FIRST_FY_START && startYear <= LAST_FY_START;
}

function label(startYear: number): string {
  return `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** The financial year starting in April of `startYear`. Throws outside 1990..2100. */
export function financialYear(startYear: number): FinancialYear {
  if (!inRange(startYear)) {
    throw new RangeError(`A financial year must start in a whole year from ${FIRST_FY_START} to ${LAST_FY_START}, got ${String(startYear)}`);
  }
  return label(startYear) as FinancialYear;
}

export function isFinancialYear(s: string): s is FinancialYear {
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  if (!m) return false;
  const start = Number(m[1]);
  return inRange(start) && (start + 1) % 100 === Number(m[2]);
}

export function fyStartYear(fy: FinancialYear): number {
  if (!isFinancialYear(fy)) throw new RangeError(`Not a financial year: "${String(fy)}"`);
  return Number(fy.slice(0, 4));
}

// Two-digit years: 90-99 are 1990s, 00-89 are 2000s (matches the 1990..2100 range).
function fromTwoDigits(yy: number): number {
  return yy >= 90 ? 1900 + yy : 2000 + yy;
}

function spanReason(text: string, start: number, end: number): string {
  if (end === start) return `"${text}" starts and ends in the same year: a financial year runs from April to the next March`;
  if (end < start) return `"${text}" ends before it starts`;
  const years = end - start;
  return `a financial year runs for one year: ${text} spans ${NUMBER_WORDS[years] ?? String(years)}`;
}

/**
 * Reads a financial year. Accepted: "2022-23", "2022/23", "2022/2023",
 * "2022-2023", "2022–23" (en dash), "FY22/23", "FY 2022-23", "FY2022/23",
 * "fy22-23", and "22/23" (see below). Anything else is rejected with a reason.
 */
export function parseFinancialYear(input: string | number): Parsed<FinancialYear> {
  if (typeof input === 'number') {
    // A spreadsheet number is never a financial year: 2022 is one calendar
    // year and 202223 is a year with its separator lost.
    if (Number.isInteger(input) && input >= 1000 && input <= 9999) {
      return fail(`${input} is a single year, not a financial year: write ${label(input - 1)} or ${label(input)}`);
    }
    return fail(`${String(input)} is a number, not a financial year: write it like 2022-23`);
  }
  if (typeof input !== 'string') return fail('The financial year is neither text nor a number');

  const text = input.replace(ODD_SPACES, ' ').trim();
  const q = `"${text}"`;
  if (text === '') return fail('No financial year given: the value is empty');

  if (/^\d{4}$/.test(text)) {
    const year = Number(text);
    return fail(`${q} is a single year, not a financial year: write ${label(year - 1)} or ${label(year)}`);
  }
  if (/^fy ?(?:\d{2}|\d{4})$/i.test(text)) {
    return fail(`${q} names only one year: write the financial year in full, like 2022-23`);
  }
  if (/^\d{6}$|^\d{8}$/.test(text)) {
    return fail(`${q} has no separator between its years: write it like ${text.slice(0, 4)}-${text.slice(-2)}`);
  }
  if (isIsoDate(text.slice(0, 10)) || /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(text)) {
    return fail(`${q} is a date, not a financial year: write the financial year like 2022-23`);
  }

  const m = /^(fy ?)?(\d{2}|\d{4}) ?[/\u2013\u2014-] ?(\d{2}|\d{4})$/i.exec(text);
  if (!m) return fail(`${q} is not a financial year: write it like 2022-23`);
  const hasPrefix = m[1] !== undefined;
  const startText = m[2] ?? '';
  const endText = m[3] ?? '';

  let start: number;
  if (startText.length === 2) {
    if (endText.length !== 2) return fail(`${q} mixes a two-digit and a four-digit year: write it like 2022-23`);
    start = fromTwoDigits(Number(startText));
    // Rule for "22/23" without "FY": read as 2022-23 only when both numbers
    // have two digits and the second is the year after the first, because two
    // other two-digit numbers could be a day and a month ("03/05").
    if (!hasPrefix && Number(endText) !== (Number(startText) + 1) % 100) {
      return fail(`${q} is not a financial year: two two-digit numbers are read as one only when consecutive, like 22/23`);
    }
  } else {
    start = Number(startText);
  }

  let end: number;
  if (endText.length === 4) {
    end = Number(endText);
  } else {
    const yy = Number(endText);
    // The end year is in the start's century, or the next one for 1999-00.
    end = yy === (start + 1) % 100 ? start + 1 : start - (start % 100) + yy;
  }
  if (end !== start + 1) return fail(spanReason(text, start, end));

  if (!inRange(start)) {
    return fail(`${q} is outside the years Scrutiny Desk accepts (${label(FIRST_FY_START)} to ${label(LAST_FY_START)})`);
  }
  return ok(label(start) as FinancialYear);
}

/** "2022-23 to 2024-25", or "2022-23" when both are the same year. */
export function formatFinancialYearRange(startYear: number, endStartYear: number): string {
  const first = financialYear(startYear);
  const last = financialYear(endStartYear);
  if (endStartYear < startYear) {
    throw new RangeError(`A range of financial years cannot end (${last}) before it starts (${first})`);
  }
  return startYear === endStartYear ? first : `${first} to ${last}`;
}

/** The financial year a date falls in: "2023-04-01" is 2023-24, "2023-03-31" is 2022-23. */
export function financialYearOfDate(isoDate: string): FinancialYear {
  if (!isIsoDate(isoDate)) throw new RangeError(`Not an ISO date (YYYY-MM-DD): "${isoDate}"`);
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return financialYear(month >= 4 ? year : year - 1);
}
