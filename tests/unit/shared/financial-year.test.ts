import { describe, it, expect } from 'vitest';
import {
  financialYear,
  financialYearOfDate,
  formatFinancialYearRange,
  fyStartYear,
  isFinancialYear,
  parseFinancialYear,
  type FinancialYear,
} from '../../../shared/financial-year.ts';
import type { Parsed } from '../../../shared/parsed.ts';

function reasonOf(result: Parsed<FinancialYear>): string {
  if (result.ok) throw new Error(`expected a rejection, got ${result.value}`);
  return result.reason;
}

describe('parseFinancialYear: accepted forms', () => {
  it.each([
    ['2022-23', '2022-23'],
    ['2022/23', '2022-23'],
    ['2022/2023', '2022-23'],
    ['2022-2023', '2022-23'],
    ['2022\u201323', '2022-23'],
    ['FY22/23', '2022-23'],
    ['FY 2022-23', '2022-23'],
    ['FY2022/23', '2022-23'],
    ['fy22-23', '2022-23'],
    ['  2022-23\u00A0', '2022-23'],
    ['22/23', '2022-23'],
    ['99/00', '1999-00'],
    ['1999-2000', '1999-00'],
    ['1990-91', '1990-91'],
    ['2100-01', '2100-01'],
  ])('reads %j as %s', (input, fy) => {
    expect(parseFinancialYear(input)).toEqual({ ok: true, value: fy });
  });
});

describe('parseFinancialYear: rejected forms, each with a reason', () => {
  it('rejects a span of two years', () => {
    expect(reasonOf(parseFinancialYear('2022-24'))).toBe('a financial year runs for one year: 2022-24 spans two');
  });

  it.each([
    ['', /empty/],
    ['2022-2025', /2022-2025 spans three/],
    ['FY22/24', /spans two/],
    ['2022-22', /"2022-22" starts and ends in the same year/],
    ['2022-21', /"2022-21" ends before it starts/],
    ['2022', /"2022" is a single year.*2021-22 or 2022-23/],
    ['202223', /"202223" has no separator/],
    ['22/24', /"22\/24".*only when consecutive/],
    ['03/05', /only when consecutive/],
    ['22/2023', /mixes a two-digit and a four-digit year/],
    ['FY22', /"FY22" names only one year/],
    ['1989-90', /"1989-90" is outside the years/],
    ['2101-02', /"2101-02" is outside the years/],
    ['2023-04-01', /"2023-04-01" is a date/],
    ['03/04/2023', /"03\/04\/2023" is a date/],
    ['Q1 2022-23', /"Q1 2022-23" is not a financial year/],
  ])('rejects %j', (input, reason) => {
    expect(reasonOf(parseFinancialYear(input))).toMatch(reason);
  });

  it('rejects the number 202223 from a spreadsheet cell', () => {
    expect(reasonOf(parseFinancialYear(202223))).toMatch(/202223 is a number, not a financial year/);
  });

  it('rejects a bare year number from a spreadsheet cell', () => {
    expect(reasonOf(parseFinancialYear(2022))).toMatch(/2022 is a single year/);
  });
});

describe('financial year helpers', () => {
  it('builds the canonical form', () => {
    expect(financialYear(2022)).toBe('2022-23');
    expect(financialYear(1999)).toBe('1999-00');
  });

  it('refuses start years outside 1990 to 2100', () => {
    expect(() => financialYear(1989)).toThrow(RangeError);
    expect(() => financialYear(2101)).toThrow(RangeError);
    expect(() => financialYear(2022.5)).toThrow(RangeError);
  });

  it('reads the start year back', () => {
    expect(fyStartYear(financialYear(2019))).toBe(2019);
  });

  it('recognises only the canonical form', () => {
    expect(isFinancialYear('2022-23')).toBe(true);
    expect(isFinancialYear('1999-00')).toBe(true);
    expect(isFinancialYear('2022/23')).toBe(false);
    expect(isFinancialYear('2022-24')).toBe(false);
    expect(isFinancialYear('2022-2023')).toBe(false);
  });

  it('formats a range of years', () => {
    expect(formatFinancialYearRange(2022, 2024)).toBe('2022-23 to 2024-25');
    expect(formatFinancialYearRange(2022, 2022)).toBe('2022-23');
    expect(() => formatFinancialYearRange(2024, 2022)).toThrow(RangeError);
  });

  it.each([
    ['2023-04-01', '2023-24'],
    ['2023-03-31', '2022-23'],
    ['2024-01-15', '2023-24'],
    ['2023-12-31', '2023-24'],
  ])('puts %s in %s', (date, fy) => {
    expect(financialYearOfDate(date)).toBe(fy);
  });

  it('refuses something that is not an ISO date', () => {
    expect(() => financialYearOfDate('01/04/2023')).toThrow(RangeError);
    expect(() => financialYearOfDate('2023-02-30')).toThrow(RangeError);
  });
});
