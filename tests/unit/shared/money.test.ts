import { describe, it, expect } from 'vitest';
import { formatMoney, formatMoneyShort, parseMoney } from '../../../shared/money.ts';
import type { Parsed } from '../../../shared/parsed.ts';

function reasonOf(result: Parsed<number>): string {
  if (result.ok) throw new Error(`expected a rejection, got ${result.value}`);
  return result.reason;
}

describe('parseMoney: accepted text forms', () => {
  it.each([
    ['£1,234.56', 123_456],
    ['1234.5', 123_450],
    ['1,234', 123_400],
    ['(1,234)', -123_400],
    ['(£1,234.56)', -123_456],
    ['-£500', -50_000],
    ['£-500', -50_000],
    ['\u2212500', -50_000],
    ['£23.6m', 2_360_000_000],
    ['23.6M', 2_360_000_000],
    ['£23.6 million', 2_360_000_000],
    ['£1.2bn', 120_000_000_000],
    ['1.2 billion', 120_000_000_000],
    ['12k', 1_200_000],
    ['£12K', 1_200_000],
    ['  £1,234  ', 123_400],
    ['\u00A0£1,234\u00A0', 123_400],
    ['GBP 1,234', 123_400],
    ['£39,315,555', 3_931_555_500],
    ['0.5', 50],
    ['£0', 0],
  ])('reads %j as %d pence', (input, pence) => {
    expect(parseMoney(input)).toEqual({ ok: true, value: pence });
  });

  it('accepts a suffix with many decimals when it comes to whole pence', () => {
    expect(parseMoney('£1.23456789m')).toEqual({ ok: true, value: 123_456_789 });
  });

  it('rejects a suffix figure that does not come to whole pence', () => {
    expect(reasonOf(parseMoney('£1.234567891m'))).toMatch(/whole number of pence/);
  });

  it('never returns negative zero', () => {
    const r = parseMoney('(0)');
    expect(r.ok && Object.is(r.value, 0)).toBe(true);
  });

  it('accepts the largest safe number of pence and rejects one more', () => {
    expect(parseMoney('90,071,992,547,409.91')).toEqual({ ok: true, value: Number.MAX_SAFE_INTEGER });
    expect(reasonOf(parseMoney('90,071,992,547,409.92'))).toMatch(/too large/);
  });
});

describe('parseMoney: rejected text forms, each with a reason naming the problem', () => {
  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['N/A', /"N\/A".*no digits/],
    ['-', /"-" is a dash/],
    ['$100', /"\$100".*another currency/],
    ['€100', /"€100".*another currency/],
    ['USD 100', /"USD 100".*another currency/],
    ['2022/23', /"2022\/23".*financial year/],
    ['2022-23', /"2022-23".*financial year/],
    ['1,23,4', /"1,23,4".*commas in the wrong places/],
    ['1,23,456', /commas in the wrong places/],
    ['£12.345', /"£12.345".*more than two decimal places/],
    ['1.2.3', /"1.2.3".*more than one decimal point/],
    ['12kk', /"12kk".*suffix.*"kk"/],
    ['£', /"£".*no digits/],
    ['NaN', /"NaN".*no digits/],
    ['Infinity', /"Infinity".*no digits/],
    ['99,999,999,999,999.99', /too large/],
    ['1.2E+07', /scientific notation/],
    ['(500', /unmatched bracket/],
    ['(-500)', /both brackets and a minus sign/],
    ['1.234,56', /comma after the decimal point/],
    ['.5', /no digits before the decimal point/],
    ['12.', /ends with a decimal point/],
    ['0123', /starts with a zero/],
    ['03/04/2023', /date/],
    ['1 234', /not an amount/],
  ])('rejects %j', (input, reason) => {
    expect(reasonOf(parseMoney(input))).toMatch(reason);
  });
});

describe('parseMoney: numeric spreadsheet cells hold pounds', () => {
  it('reads a whole number of pounds', () => {
    expect(parseMoney(39_315_555)).toEqual({ ok: true, value: 3_931_555_500 });
  });

  it('reads pounds and pence despite float noise', () => {
    expect(parseMoney(1234.56)).toEqual({ ok: true, value: 123_456 });
    expect(parseMoney(0.1 + 0.2)).toEqual({ ok: true, value: 30 });
  });

  it('reads a negative cell', () => {
    expect(parseMoney(-500)).toEqual({ ok: true, value: -50_000 });
  });

  it('rejects a cell with more than two decimal places', () => {
    expect(reasonOf(parseMoney(1234.567))).toMatch(/1234.567 has more than two decimal places/);
  });

  it.each([NaN, Infinity, -Infinity])('rejects %s', (input) => {
    expect(reasonOf(parseMoney(input))).toMatch(/not a finite number/);
  });

  it('rejects a cell too large to store exactly', () => {
    expect(reasonOf(parseMoney(1e20))).toMatch(/too large/);
  });
});

describe('formatMoney', () => {
  it.each([
    [3_931_555_500, '£39,315,555'],
    [123_456, '£1,234.56'],
    [5, '£0.05'],
    [0, '£0'],
    [-50_000, '-£500'],
    [-123_456, '-£1,234.56'],
    [Number.MAX_SAFE_INTEGER, '£90,071,992,547,409.91'],
  ])('formats %d pence as %s', (pence, text) => {
    expect(formatMoney(pence)).toBe(text);
  });

  it('shows zero pence when asked', () => {
    expect(formatMoney(50_000, { showPence: true })).toBe('£500.00');
    expect(formatMoney(-50_000, { showPence: true })).toBe('-£500.00');
  });

  it('round-trips through parseMoney', () => {
    for (const pence of [0, 1, 99, 100, 123_456, -50_000, 3_931_555_500]) {
      expect(parseMoney(formatMoney(pence))).toEqual({ ok: true, value: pence });
    }
  });

  it('refuses money that is not whole pence', () => {
    expect(() => formatMoney(12.5)).toThrow(RangeError);
  });
});

describe('formatMoneyShort', () => {
  it.each([
    [2_360_000_000, '£23.6m'],
    [5_360_000_000, '£53.6m'],
    [7_000_000_000, '£70m'],
    [9_000_000_000, '£90m'],
    [120_000_000_000, '£1.2bn'],
    [95_000_000, '£950k'],
    [50_000, '£500'],
    [12_345, '£123.45'],
    [99_995_000, '£1m'],
    [99_999, '£999.99'],
    [100_000, '£1k'],
    [123_456_789_012_345, '£1,234.6bn'],
    [-2_360_000_000, '-£23.6m'],
  ])('formats %d pence as %s', (pence, text) => {
    expect(formatMoneyShort(pence)).toBe(text);
  });

  it('round-trips the figures in the terms of reference', () => {
    for (const text of ['£23.6m', '£53.6m', '£70m', '£90m', '£1.2bn']) {
      const parsed = parseMoney(text);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(formatMoneyShort(parsed.value)).toBe(text);
    }
  });
});
