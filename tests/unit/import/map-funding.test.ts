// Funding lines: MOPAC's LCPF allocations by borough, one column per financial
// year (the wide layout), and a long list of lines by service, fund and year.
import { describe, expect, it } from 'vitest';
import { expectEveryRejectionPlaced } from '../../helpers/mapping-assertions.ts';
import inquiry from '../../../resources/seed/inquiry.json' with { type: 'json' };
import { guessMapping } from '../../../main/import/map/guess.ts';
import type { KnownEntities } from '../../../main/import/map/known.ts';
import type { Mapping } from '../../../main/import/map/mapping.ts';
import { tableFromRows } from '../../../main/import/map/table-from-rows.ts';
import { mapTable, type FundingLineRecord, type MapResult, type RowResult } from '../../../main/import/map/validate.ts';

// The seeded funds, as the store holds them (id = seed key).
const FUNDS = inquiry.funds.map((f) => ({ id: f.key, code: f.code, name: f.name }));

const KNOWN: KnownEntities = {
  organisations: [
    { id: 'org-st-giles', name: 'St Giles Trust' },
    { id: 'org-redthread', name: 'Redthread' },
  ],
  services: [
    {
      id: 'svc-rar', reference: 'VRU-RAR', name: 'Rescue and Response', providerId: 'org-st-giles', commissionerId: null, category: null,
      boroughs: [], londonWide: true, startDate: null, endDate: null, aims: null, outcomes: null,
    },
    {
      id: 'svc-yvip', reference: 'VRU-YVIP', name: 'Youth Violence Intervention Programme', providerId: 'org-redthread', commissionerId: null,
      category: null, boroughs: [], londonWide: false, startDate: null, endDate: null, aims: null, outcomes: null,
    },
  ],
  funds: FUNDS,
  fundingLines: [
    { id: 'fl-hackney-2022', serviceId: null, fundId: 'lcpf-direct', boroughGss: 'E09000012', fyStart: 2022, measure: 'allocated', amountPence: 51_234_500 },
    { id: 'fl-islington-2022', serviceId: null, fundId: 'lcpf-direct', boroughGss: 'E09000019', fyStart: 2022, measure: 'allocated', amountPence: 39_000_000 },
  ],
  payments: [],
};

function lines(result: MapResult, rowNumber?: number): FundingLineRecord[] {
  return result.rows
    .filter((r) => rowNumber === undefined || r.rowNumber === rowNumber)
    .flatMap((r) => r.records)
    .filter((r): r is FundingLineRecord => r.kind === 'fundingLine');
}

function rowOf(result: MapResult, n: number): RowResult {
  const found = result.rows.find((r) => r.rowNumber === n);
  if (!found) throw new Error(`no row ${n}`);
  return found;
}

describe('LCPF allocations by borough, one column per financial year', () => {
  const headers = ['Borough', '2022-23', '2023/24', 'Funding 2024-25', 'Total 2022-25'];
  // Header on row 4, under the sheet's title rows.
  const table = tableFromRows(headers, [
    /* 5 */ ['Hackney', '£512,345', 512345, '£512,345.00', { formula: 'SUM(B5:D5)', value: 1537035 }],
    /* 6 */ ['Islington', '£398,120', '398,120', { formula: 'C6', value: 398120, text: '£398,120' }, { formula: 'SUM(B6:D6)', value: 1194360 }],
    /* 7 */ ['Kensington & Chelsea', '£241,906', '£241,906', '£241,906', 725718],
    /* 8 */ ['Richmond', '£188,450', '£188,450', '£188.45k', 565350],
    /* 9 */ ['LB Tower Hamlets', '£604,777.50', '£604,777.50', '£604,777.50', 1814332.5],
    /* 10 */ ['Westminster City Council', '£0.45m', '£455,000', '£12.345', null],
    /* 11 */ ['Narnia', '£100,000', '£100,000', '£100,000', 300000],
    /* 12 */ ['Croydon', '£430,210', null, '£430,210', 860420],
  ], { fileName: 'LCPF allocations 2022-25.xlsx', headerRowNumber: 4 });

  const guess = guessMapping(table, 'funding');
  const mapping: Mapping = { ...guess.mapping, constants: { fund: 'LCPF direct' } };
  const result = mapTable(table, mapping, KNOWN);

  it('finds the year columns from their headers, allocated by default, and leaves the total alone', () => {
    expect(guess.yearColumns.map((y) => [y.column.letter, y.year, y.measure])).toEqual([
      ['B', '2022-23', 'allocated'], ['C', '2023-24', 'allocated'], ['D', '2024-25', 'allocated'],
    ]);
    expect(guess.mapping.columns.borough?.letter).toBe('A');
    expect(guess.missingRequired).toEqual([]);
    const total = guess.unmapped.find((u) => u.column.letter === 'E');
    expect(total?.reason).toMatch(/total over several years is not imported/);
    expect(guess.mapping.columns.amount).toBeUndefined();
  });

  it('unpivots each row into one funding line per year, with exact pence for every money form', () => {
    expect(lines(result, 5).map((l) => [l.financialYear, l.amountPence])).toEqual([['2022-23', 51_234_500], ['2023-24', 51_234_500], ['2024-25', 51_234_500]]);
    expect(lines(result, 6).map((l) => l.amountPence)).toEqual([39_812_000, 39_812_000, 39_812_000]);
    expect(lines(result, 8).map((l) => l.amountPence)).toEqual([18_845_000, 18_845_000, 18_845_000]);
    expect(lines(result, 9).map((l) => l.amountPence)).toEqual([60_477_750, 60_477_750, 60_477_750]);
    for (const line of lines(result)) {
      expect(line).toMatchObject({ measure: 'allocated', fundId: 'lcpf-direct', fundCode: 'LCPF-DIRECT', service: null });
      expect(line.fyEnd).toBe(line.fyStart);
    }
  });

  it('reads borough variant names to GSS codes', () => {
    expect([5, 6, 7, 8, 9, 12].map((n) => lines(result, n)[0]?.boroughGss)).toEqual([
      'E09000012', 'E09000019', 'E09000020', 'E09000027', 'E09000030', 'E09000008',
    ]);
  });

  it('makes no line for an empty year cell', () => {
    expect(lines(result, 12).map((l) => l.financialYear)).toEqual(['2022-23', '2024-25']);
  });

  it('adds up to the totals the spreadsheet shows', () => {
    const byYear = (fy: string) => lines(result).filter((l) => l.financialYear === fy).reduce((sum, l) => sum + l.amountPence, 0);
    expect(byYear('2022-23')).toBe(237_580_850);
    expect(byYear('2023-24')).toBe(194_559_850);
    expect(byYear('2024-25')).toBe(237_580_850);
    expect(lines(result).reduce((sum, l) => sum + l.amountPence, 0)).toBe(669_721_550); // £6,697,215.50
  });

  it('notes a formula whose saved value was used', () => {
    const note = rowOf(result, 6).diagnostics.find((d) => d.column === 'D' && d.outcome === 'note');
    expect(note?.message).toBe('Row 6, column D (Funding 2024-25): formula =C6: its saved value was used');
  });

  it('explains each amount it understood', () => {
    const cells = rowOf(result, 8).diagnostics.filter((d) => d.outcome === 'understood').map((d) => d.message);
    expect(cells).toEqual([
      'Row 8, column A (Borough): "Richmond" → Richmond upon Thames (E09000027)',
      'Row 8, column B (2022-23): "£188,450" → 18845000p, allocated in 2022-23',
      'Row 8, column C (2023/24): "£188,450" → 18845000p, allocated in 2023-24',
      'Row 8, column D (Funding 2024-25): "£188.45k" → 18845000p (£188,450), allocated in 2024-25',
    ]);
  });

  it('rejects the whole row when one year cell is wrong, naming row, column, header and reason', () => {
    expect(rowOf(result, 10)).toMatchObject({ status: 'rejected', records: [] });
    expect(rowOf(result, 10).reasons).toEqual([
      'Row 10, column D (Funding 2024-25): "£12.345" has more than two decimal places: pounds and pence need at most two',
    ]);
    expect(rowOf(result, 11).reasons).toEqual([
      'Row 11, column A (Borough): "Narnia" is not a London borough Scrutiny Desk knows: use a borough name or its GSS code (E09000001 to E09000033)',
    ]);
  });

  it('reports a stored identical line as a duplicate and a changed amount as an update', () => {
    const [hackney2022] = lines(result, 5);
    expect(hackney2022).toMatchObject({ outcome: 'duplicate', existingId: 'fl-hackney-2022' });
    expect(hackney2022?.why).toBe('identical to a stored funding line: the allocated amount for 2022-23 in Hackney from LCPF-DIRECT, £512,345');
    const [islington2022] = lines(result, 6);
    expect(islington2022).toMatchObject({ outcome: 'updated', existingId: 'fl-islington-2022' });
    expect(islington2022?.changes).toEqual([{ field: 'amountPence', label: 'amount', from: '£390,000', to: '£398,120' }]);
  });

  it('names row, column letter, header and reason in every rejection', () => {
    expectEveryRejectionPlaced(result);
  });

  it('counts funding lines new, updated and duplicate, and rows rejected', () => {
    expect(result.counts).toMatchObject({ rowsRead: 8, accepted: 6, rejected: 2, new: 15, updated: 1, duplicate: 1 });
  });

  it('reads a spend column per year when the header says so', () => {
    const spend = tableFromRows(['Borough', 'Allocation 2023-24', 'Spend 2023-24'], [['Hackney', '£500,000', '£487,210.16']]);
    const g = guessMapping(spend, 'funding');
    expect(g.yearColumns.map((y) => [y.column.letter, y.year, y.measure])).toEqual([['B', '2023-24', 'allocated'], ['C', '2023-24', 'spent']]);
    const r = mapTable(spend, { ...g.mapping, constants: { fund: 'LCPF' } }, KNOWN);
    expect(lines(r).map((l) => [l.measure, l.amountPence, l.fundCode])).toEqual([['allocated', 50_000_000, 'LCPF'], ['spent', 48_721_016, 'LCPF']]);
  });
});

describe('funding lines, one per row', () => {
  const headers = ['Service', 'Fund', 'Financial year', 'Borough', 'Amount', 'Measure'];
  const table = tableFromRows(headers, [
    /* 2 */ ['Rescue and Response', 'co-commissioning', '2022/23', 'London-wide', '£1,200,000', 'Allocated'],
    /* 3 */ ['VRU-YVIP', 'LCPF', 'FY23/24', 'Hackney', '£250k', 'Spend'],
    /* 4 */ ['Knife Crime Hub', 'LCPF direct', '2022/2023', 'Barking & Dagenham', '(1,234)', 'allocated'],
    /* 5 */ ['Knife Crime Hub', 'LCPF direct', '2023-24', 'Barking & Dagenham', '£23.6m', 'allocated'],
    /* 6 */ ['Rescue and Response', 'co-commissioning', '2022/23', 'London-wide', '£1,200,000', 'Allocated'],
    /* 7 */ ['Rescue and Response', 'co-commissioning', '2022-23', 'Pan-London', '£1,250,000', 'Allocated'],
    /* 8 */ ['Rescue and Response', 'LCPF', '2011-13', 'Hackney', '£10,000', 'Allocated'],
    /* 9 */ ['Rescue and Response', 'LCPF', { date: 45017, text: '01/04/2023' }, 'Hackney', '£10,000', 'Allocated'],
    /* 10 */ ['Rescue and Response', 'Big Lottery', '2023-24', 'Hackney', '£10,000', 'Committed?'],
    /* 11 */ ['Rescue and Response', 'LCPF', '2024-25', 'Hackney', null, 'Allocated'],
  ]);
  const guess = guessMapping(table, 'funding');
  const result = mapTable(table, guess.mapping, KNOWN);

  it('maps service, fund, year, borough, amount and measure from the headers', () => {
    expect(Object.fromEntries(Object.entries(guess.mapping.columns).map(([k, v]) => [k, v?.letter]))).toEqual({
      service: 'A', fund: 'B', financialYear: 'C', borough: 'D', amount: 'E', measure: 'F',
    });
    expect(guess.needsReview).toBe(false);
  });

  it('reads financial years in their usual forms', () => {
    expect([2, 3, 4, 5].map((n) => lines(result, n)[0]?.financialYear)).toEqual(['2022-23', '2023-24', '2022-23', '2023-24']);
  });

  it('finds funds by code or name, and services by name or reference', () => {
    expect(lines(result, 2)[0]).toMatchObject({
      fundId: 'lcpf-cocommissioning', service: { kind: 'existing', serviceId: 'svc-rar' }, boroughGss: null, measure: 'allocated', amountPence: 120_000_000,
    });
    expect(lines(result, 3)[0]).toMatchObject({ fundId: 'lcpf', service: { kind: 'existing', serviceId: 'svc-yvip' }, boroughGss: 'E09000012', measure: 'spent', amountPence: 25_000_000 });
  });

  it('creates one new service for a name it does not know, however many rows name it', () => {
    expect(result.newServices).toHaveLength(1);
    expect(result.newServices[0]).toMatchObject({ key: 'service:new:knife crime hub', values: { name: 'Knife Crime Hub' }, rows: [4, 5] });
    expect(lines(result, 4)[0]?.service).toEqual({ kind: 'new', key: 'service:new:knife crime hub', name: 'Knife Crime Hub' });
    expect(lines(result, 4)[0]?.amountPence).toBe(-123_400);
    expect(lines(result, 5)[0]?.amountPence).toBe(2_360_000_000);
  });

  it('reports an identical line in the same file as a duplicate of its row', () => {
    expect(rowOf(result, 6).outcome).toBe('duplicate');
    expect(lines(result, 6)[0]?.why).toBe('same line as row 2, column E: the allocated amount for 2022-23 from LCPF-COCOM for "Rescue and Response", £1,200,000');
  });

  it('rejects a second, different amount for the same line', () => {
    expect(rowOf(result, 7).reasons).toEqual([
      'Row 7, column E (Amount): row 2 (column E) already gives the allocated amount for 2022-23 from LCPF-COCOM for "Rescue and Response" as £1,200,000; this row says £1,250,000: correct one of the two',
    ]);
  });

  it('rejects what is not a financial year, never guessing one', () => {
    expect(rowOf(result, 8).reasons).toEqual(['Row 8, column C (Financial year): a financial year runs for one year: 2011-13 spans two']);
    expect(rowOf(result, 9).reasons).toEqual(['Row 9, column C (Financial year): "01/04/2023" is a date, not a financial year: write the financial year like 2022-23']);
  });

  it('rejects an unknown fund and an unknown measure, with every reason', () => {
    expect(rowOf(result, 10).reasons).toEqual([
      'Row 10, column B (Fund): "Big Lottery" is not a fund Scrutiny Desk knows (known funds: LCPF, LCPF-DIRECT, LCPF-VRU, LCPF-COCOM, LONDON-WIDE, DASA): add the fund first, or correct the name',
      'Row 10, column F (Measure): "Committed?" is neither allocated nor spent: write "allocated" or "spent"',
    ]);
  });

  it('rejects a row with no amount', () => {
    expect(rowOf(result, 11).reasons).toEqual(['Row 11: has no amount: column E is empty']);
  });

  it('names row, column letter, header and reason in every rejection', () => {
    expectEveryRejectionPlaced(result);
  });

  it('counts lines', () => {
    expect(result.counts).toMatchObject({ rowsRead: 10, accepted: 5, rejected: 5, new: 4, updated: 0, duplicate: 1, newServices: 1 });
  });

  it('refuses a mapping with an Amount column but no word on what it measures', () => {
    const noMeasure = mapTable(table, { version: 1, target: 'funding', columns: { financialYear: { letter: 'C', header: 'Financial year' }, amount: { letter: 'E', header: 'Amount' } } }, KNOWN);
    expect(noMeasure.ok).toBe(false);
    expect(noMeasure.rows).toEqual([]);
    expect(noMeasure.problems.map((p) => [p.severity, p.message])).toEqual([
      ['error', 'Say whether the Amount column is allocated or spent: map a Measure column or choose one for the whole file'],
      ['warning', 'No fund is given: the funding lines will have no fund. Map a Fund column or choose the fund for the whole file (for example LCPF-DIRECT)'],
    ]);
  });
});
