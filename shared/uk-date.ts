// Dates inside the app are ISO strings "YYYY-MM-DD"; people write them in UK
// order (dd/mm/yyyy). We never hand a user's text to `new Date(string)` or
// `Date.parse`: `new Date('03/04/2023')` is 4 March and `new Date('2011-12')`
// is 1 December 2011. Date.UTC is used only for day arithmetic.
import { fail, ok, type Parsed } from './parsed.ts';

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

// Years outside this range are almost certainly typing slips (0223, 3023).
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;
const DAY_MS = 86_400_000;

const ODD_SPACES = /[\u00A0\u2007\u202F]/g;

// "jan", "january", "sept" -> month number.
const MONTH_LOOKUP: ReadonlyMap<string, number> = new Map([
  ...MONTH_NAMES.map((name, i) => [name.toLowerCase(), i + 1] as const),
  ...MONTH_NAMES.map((name, i) => [name.slice(0, 3).toLowerCase(), i + 1] as const),
  ['sept', 9] as const,
]);
const DAY_LOOKUP: ReadonlyMap<string, number> = new Map([
  ...DAY_NAMES.map((name, i) => [name.toLowerCase(), i] as const),
  ...DAY_NAMES.map((name, i) => [name.slice(0, 3).toLowerCase(), i] as const),
  ['tues', 2] as const,
  ['weds', 3] as const,
  ['thur', 4] as const,
  ['thurs', 4] as const,
]);

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function toIso(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? `month ${month}`;
}

function weekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** True for a real calendar date written "YYYY-MM-DD". */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function splitIso(iso: string): { year: number; month: number; day: number } {
  if (!isIsoDate(iso)) throw new RangeError(`Not an ISO date (YYYY-MM-DD): "${iso}"`);
  return { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) };
}

// Checks a day, month and year read from text, with a reason a person can act on.
function checkDate(q: string, year: number, month: number, day: number, usHint: boolean): Parsed<string> {
  if (month < 1 || month > 12) {
    const hint = usHint && month > 12 && day >= 1 && day <= 12
      ? ': is this a US-style date? Scrutiny Desk reads dd/mm/yyyy'
      : '';
    return fail(`${q}: month ${month} does not exist${hint}`);
  }
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return fail(`${q}: the year ${year} is outside the years Scrutiny Desk accepts (${MIN_YEAR} to ${MAX_YEAR})`);
  }
  if (day < 1) return fail(`${q}: day ${day} does not exist`);
  if (day > daysInMonth(year, month)) {
    const leap = month === 2 && day === 29 ? ` (${year} is not a leap year)` : '';
    return fail(`${q}: ${day} ${monthName(month)} ${year} does not exist${leap}`);
  }
  return ok(toIso(year, month, day));
}

function checkYearDigits(q: string, yearText: string, example: string): Parsed<number> {
  if (yearText.length === 4) return ok(Number(yearText));
  if (yearText.length === 2) {
    return fail(`${q}: the year "${yearText}" is ambiguous: write all four digits, as in ${example}`);
  }
  return fail(`${q}: the year "${yearText}" should have four digits`);
}

/**
 * Reads a date as people write it in the UK and returns ISO "YYYY-MM-DD".
 * A number is an Excel serial date (1900 system unless the workbook says 1904).
 */
export function parseUkDate(input: string | number, opts: { dateSystem?: '1900' | '1904' } = {}): Parsed<string> {
  if (typeof input === 'number') return parseExcelSerial(input, opts.dateSystem ?? '1900');
  if (typeof input !== 'string') return fail('The date is neither text nor a number');

  const text = input.replace(ODD_SPACES, ' ').trim().replace(/\s+/g, ' ');
  const q = `"${text}"`;
  if (text === '') return fail('No date given: the value is empty');

  // Rule: day, month, year in digits with the same separator twice
  // ("03/04/2023", "3/4/2023", "03-04-2023", "03.04.2023"), optionally
  // followed by a time of day, which is dropped.
  let m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d+)(?:,? \d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text);
  if (m) {
    const year = checkYearDigits(q, m[4] ?? '', `${m[1]}${m[2]}${m[3]}${m[2]}20${m[4]}`);
    if (!year.ok) return year;
    return checkDate(q, year.value, Number(m[3]), Number(m[1]), true);
  }

  // Rule: ISO year-month-day ("2023-04-03"), also with "/" or "." and with a
  // time after it ("2023-04-03T00:00:00"). The date part is kept as written;
  // a time zone is not applied, because the writer meant that calendar day.
  m = /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i.exec(text);
  if (m) return checkDate(q, Number(m[1]), Number(m[3]), Number(m[4]), false);

  // Year and one more number: a financial year ("2011-12") or a month, never a day.
  if (/^\d{4} ?[/\u2013-] ?\d{1,4}$/.test(text)) {
    return fail(`${q} is a financial year or a month, not a date: give a full date such as 03/04/2023`);
  }

  // Rule: day, month name, year with an optional weekday in front
  // ("3 April 2023", "3 Apr 2023", "3rd April 2023", "Monday 3 April 2023",
  // and Excel's "3-Apr-2023").
  m = /^(?:([a-z]+),? )?(\d{1,2})(?:st|nd|rd|th)?(?: |-)(?:of )?([a-z]+)\.?,?(?: |-)(\d+)$/i.exec(text);
  if (m) return fromNamedMonth(q, m[1], m[2] ?? '', m[3] ?? '', m[4] ?? '');

  // Rule: month name first ("April 3, 2023", "Monday, April 3, 2023").
  m = /^(?:([a-z]+),? )?([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d+)$/i.exec(text);
  if (m) return fromNamedMonth(q, m[1], m[3] ?? '', m[2] ?? '', m[4] ?? '');

  if (/^(?:[a-z]+\.?)[ -]\d{2,4}$/i.test(text) && MONTH_LOOKUP.has((/^[a-z]+/i.exec(text)?.[0] ?? '').toLowerCase())) {
    return fail(`${q} is a month, not a date: give a full date such as 03/04/2023`);
  }
  if (/^\d+$/.test(text)) {
    return fail(`${q} is a plain number, not a date: write the date as dd/mm/yyyy`);
  }
  return fail(`${q} is not a date Scrutiny Desk can read: write it as dd/mm/yyyy, for example 03/04/2023`);
}

function fromNamedMonth(
  q: string,
  weekdayText: string | undefined,
  dayText: string,
  monthText: string,
  yearText: string,
): Parsed<string> {
  const month = MONTH_LOOKUP.get(monthText.toLowerCase());
  if (month === undefined) return fail(`${q}: "${monthText}" is not a month`);
  const year = checkYearDigits(q, yearText, `${dayText} ${monthName(month)} 20${yearText}`);
  if (!year.ok) return year;
  const date = checkDate(q, year.value, month, Number(dayText), false);
  if (!date.ok || weekdayText === undefined) return date;

  // A weekday that does not match the date means one of them is a typing slip.
  const stated = DAY_LOOKUP.get(weekdayText.toLowerCase());
  if (stated === undefined) return fail(`${q}: "${weekdayText}" is not a day of the week`);
  const actual = weekday(year.value, month, Number(dayText));
  if (stated !== actual) {
    return fail(`${q}: ${Number(dayText)} ${monthName(month)} ${year.value} was a ${DAY_NAMES[actual] ?? ''}, not a ${DAY_NAMES[stated] ?? ''}`);
  }
  return date;
}

// Excel stores a date as a count of days. In the 1900 system serial 1 is
// 1 January 1900 and serial 60 is 29 February 1900, a day that never existed
// (kept by Excel for Lotus 1-2-3 compatibility). In the 1904 system (old Mac
// workbooks) serial 0 is 1 January 1904. A fraction is the time of day.
function parseExcelSerial(serial: number, system: '1900' | '1904'): Parsed<string> {
  if (!Number.isFinite(serial)) return fail(`${String(serial)} is not a date`);
  const whole = Math.floor(serial);
  let ms: number;
  if (system === '1900') {
    if (whole < 1) return fail(`${String(serial)} is not a date: Excel date numbers start at 1 (1 January 1900)`);
    if (whole === 60) {
      return fail(`${String(serial)} is Excel's 29 February 1900, a day that did not exist: check this cell`);
    }
    ms = (whole < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30)) + whole * DAY_MS;
  } else {
    if (whole < 0) return fail(`${String(serial)} is not a date: 1904-system date numbers start at 0 (1 January 1904)`);
    ms = Date.UTC(1904, 0, 1) + whole * DAY_MS;
  }
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (Number.isNaN(year) || year > MAX_YEAR) {
    return fail(`${String(serial)} is too large to be a date Scrutiny Desk accepts`);
  }
  return ok(toIso(year, d.getUTCMonth() + 1, d.getUTCDate()));
}

/** "2023-04-03" -> "03/04/2023". Throws on anything but a valid ISO date. */
export function formatUkDate(iso: string): string {
  const { year, month, day } = splitIso(iso);
  return `${pad(day, 2)}/${pad(month, 2)}/${pad(year, 4)}`;
}

/** "2023-04-03" -> "3 April 2023". Throws on anything but a valid ISO date. */
export function formatLongDate(iso: string): string {
  const { year, month, day } = splitIso(iso);
  return `${day} ${monthName(month)} ${year}`;
}
