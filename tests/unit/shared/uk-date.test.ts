import { describe, it, expect } from 'vitest';
import { formatLongDate, formatUkDate, isIsoDate, parseUkDate } from '../../../shared/uk-date.ts';
import type { Parsed } from '../../../shared/parsed.ts';

function reasonOf(result: Parsed<string>): string {
  if (result.ok) throw new Error(`expected a rejection, got ${result.value}`);
  return result.reason;
}

describe('parseUkDate: accepted text forms', () => {
  it.each([
    ['03/04/2023', '2023-04-03'],
    ['3/4/2023', '2023-04-03'],
    ['03-04-2023', '2023-04-03'],
    ['03.04.2023', '2023-04-03'],
    ['3 April 2023', '2023-04-03'],
    ['3 Apr 2023', '2023-04-03'],
    ['3rd April 2023', '2023-04-03'],
    ['Monday 3 April 2023', '2023-04-03'],
    ['2023-04-03', '2023-04-03'],
    ['2023-04-03T00:00:00', '2023-04-03'],
    ['  03/04/2023\u00A0', '2023-04-03'],
    ['3-Apr-2023', '2023-04-03'],
    ['03/04/2023 14:30', '2023-04-03'],
    ['29/02/2024', '2024-02-29'],
    ['31 December 2022', '2022-12-31'],
  ])('reads %j as %s', (input, iso) => {
    expect(parseUkDate(input)).toEqual({ ok: true, value: iso });
  });
});

describe('parseUkDate: rejected text forms, each with a reason', () => {
  it.each([
    ['', /empty/],
    ['31/02/2023', /31 February 2023 does not exist/],
    ['29/02/2023', /29 February 2023 does not exist/],
    ['31/04/2023', /31 April 2023 does not exist/],
    ['04/13/2023', /month 13 does not exist: is this a US-style date\? Scrutiny Desk reads dd\/mm\/yyyy/],
    ['00/04/2023', /day 0 does not exist/],
    ['03/04/23', /"03\/04\/23".*ambiguous/],
    ['3 April 23', /ambiguous/],
    ['2011-12', /"2011-12" is a financial year or a month, not a date/],
    ['April 2023', /is a month, not a date/],
    ['Tuesday 3 April 2023', /was a Monday, not a Tuesday/],
    ['3 Foo 2023', /"Foo" is not a month/],
    ['45019', /plain number/],
    ['03/04/0223', /outside the years/],
    ['soon', /"soon" is not a date/],
  ])('rejects %j', (input, reason) => {
    expect(reasonOf(parseUkDate(input))).toMatch(reason);
  });

  it('gives no US-style hint when neither number could be a month', () => {
    const reason = reasonOf(parseUkDate('13/13/2023'));
    expect(reason).toMatch(/month 13 does not exist/);
    expect(reason).not.toMatch(/US-style/);
  });
});

describe('parseUkDate: Excel serial numbers', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [45019, '2023-04-03'],
    [45019.75, '2023-04-03'],
  ])('reads 1900-system serial %d as %s', (serial, iso) => {
    expect(parseUkDate(serial)).toEqual({ ok: true, value: iso });
  });

  it("rejects serial 60, Excel's fictitious 29 February 1900", () => {
    expect(reasonOf(parseUkDate(60))).toMatch(/29 February 1900/);
  });

  it.each([0, -1])('rejects 1900-system serial %d', (serial) => {
    expect(reasonOf(parseUkDate(serial))).toMatch(/start at 1/);
  });

  it('rejects NaN and serials far in the future', () => {
    expect(reasonOf(parseUkDate(NaN))).toMatch(/not a date/);
    expect(reasonOf(parseUkDate(3_000_000))).toMatch(/too large/);
  });

  it('reads the 1904 system', () => {
    expect(parseUkDate(0, { dateSystem: '1904' })).toEqual({ ok: true, value: '1904-01-01' });
    expect(parseUkDate(43557, { dateSystem: '1904' })).toEqual({ ok: true, value: '2023-04-03' });
    expect(reasonOf(parseUkDate(-1, { dateSystem: '1904' }))).toMatch(/start at 0/);
  });
});

describe('formatting dates', () => {
  it('writes UK order', () => {
    expect(formatUkDate('2023-04-03')).toBe('03/04/2023');
  });

  it('writes the long form', () => {
    expect(formatLongDate('2023-04-03')).toBe('3 April 2023');
  });

  it('round-trips through parseUkDate', () => {
    for (const iso of ['2023-04-03', '2024-02-29', '1999-12-31']) {
      expect(parseUkDate(formatUkDate(iso))).toEqual({ ok: true, value: iso });
      expect(parseUkDate(formatLongDate(iso))).toEqual({ ok: true, value: iso });
    }
  });

  it('refuses anything but an ISO date', () => {
    expect(() => formatUkDate('03/04/2023')).toThrow(RangeError);
    expect(() => formatLongDate('2023-02-29')).toThrow(RangeError);
  });

  it('recognises real ISO dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-4-3')).toBe(false);
  });
});
