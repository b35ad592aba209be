import { describe, expect, it } from 'vitest';
import type { Budgets } from '../../../shared/services-schemas.ts';
import {
  boroughTitle, categoryTitle, fundMatrix, fundTitle, MAP_CLASSES, mapScale, mergeOrigins, type BoroughRow, type CategoryRow,
} from '../../../renderer/src/pages/budgets/model.ts';

const origins = { batchIds: ['b1'], sourceIds: [], unsourcedLines: 0 };
const period = (fy: number) => ({ fyStart: fy, fyEnd: fy, label: `${fy}-${String(fy + 1).slice(2)}` });
const fund = (code: string, name: string, parentCode: string | null = 'LCPF') => ({ id: code, code, name, parentCode });
const cell = (code: string | null, fy: number, allocatedPence: number) => ({
  ...period(fy), fundId: code, fundCode: code, fundName: code === null ? null : `${code} name`, allocatedPence, spentPence: 0, lineCount: 1, origins,
});

const byFund: Budgets['byFund'] = {
  funds: [fund('LCPF', 'London Crime Prevention Fund', null), fund('LCPF-DIRECT', 'direct'), fund('LCPF-COCOM', 'co-commissioning')],
  periods: [period(2022), period(2023), period(2024)],
  cells: [
    cell('LCPF-COCOM', 2022, 25_000_000), cell('LCPF-DIRECT', 2022, 325_175_000), cell('LCPF-DIRECT', 2023, 329_375_000),
    cell('LCPF-DIRECT', 2024, 333_950_000), cell(null, 2024, 1_234), cell('LCPF-COCOM', 2024, 27_000_001),
  ],
};

describe('funding by fund and year', () => {
  it('lays the cells out as funds by years, with totals both ways exact to the penny', () => {
    const matrix = fundMatrix(byFund);
    expect(matrix.rows.map((r) => [r.code, r.cells, r.total])).toEqual([
      ['LCPF-DIRECT', [325_175_000, 329_375_000, 333_950_000], 988_500_000],
      ['LCPF-COCOM', [25_000_000, 0, 27_000_001], 52_000_001],
      [null, [0, 0, 1_234], 1_234],
    ]);
    expect(matrix.periodTotals).toEqual([350_175_000, 329_375_000, 360_951_235]);
    expect(matrix.total).toBe(988_500_000 + 52_000_001 + 1_234);
  });

  it('titles the chart with its finding', () => {
    expect(fundTitle(fundMatrix(byFund))).toBe('Allocations stayed about the same from 2022-23 to 2024-25; LCPF-DIRECT is the largest fund (95.0% of £10.4m)');
    expect(fundTitle(fundMatrix({ ...byFund, cells: [] }))).toBe('No funding lines recorded yet');
  });
});

describe('by category and by borough', () => {
  const category = (label: string, allocatedPence: number): CategoryRow => ({
    kind: 'category', category: label, label, serviceCount: 1, allocatedPence, spentPence: 0, latestAllocatedPence: 0, latestSpentPence: 0, lineCount: 1, origins,
  });

  it('names the category with the largest share', () => {
    expect(categoryTitle([category('Victim support', 391_500_001), category('Violence reduction', 126_500_025)]))
      .toBe('Victim support has the largest share: £3.9m, 75.6% of all allocations');
  });

  const borough = (name: string, allocatedPence: number): BoroughRow => ({
    gss: name, name, short: name, tile: { row: 1, col: 1 }, allocatedPence, spentPence: 0, latestAllocatedPence: 0, latestSpentPence: 0, byPeriod: [],
    lineCount: 1, serviceCount: 0, origins,
  });

  it('names the borough with the most and counts those with none', () => {
    expect(boroughTitle([borough('Camden', 229_450_000), borough('Hackney', 16_500_000), borough('City of London', 0)]))
      .toBe('Camden has the most funding recorded against it (£2.3m); 1 of 3 have none recorded');
    expect(boroughTitle([borough('Camden', 0)])).toBe('No funding is recorded against any borough yet');
  });

  it('shades boroughs in five classes by quantile, nothing recorded apart, with a legend of ranges', () => {
    const values = [0, 1_000_000, 2_000_000, 3_000_000, 4_000_000, 5_000_000, 6_000_000, 7_000_000, 8_000_000, 9_000_000, 10_000_000];
    const scale = mapScale(values);
    expect(scale.classOf(0)).toBe(-1);
    expect(values.slice(1).map(scale.classOf)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(scale.legend.map((l) => l.label)).toEqual(['£10k to £20k', '£30k to £40k', '£50k to £60k', '£70k to £80k', '£90k to £100k']);
    expect(scale.legend.map((l) => l.index)).toEqual([0, 1, 2, 3, 4]);
    // One borough with funding: the darkest class, alone in the legend.
    const one = mapScale([0, 5_000_000]);
    expect(one.classOf(5_000_000)).toBe(MAP_CLASSES.length - 1);
    expect(one.legend).toEqual([{ index: 4, label: '£50k' }]);
  });

  it('keeps every file and source an aggregate came from', () => {
    expect(mergeOrigins([
      { batchIds: ['b1'], sourceIds: ['s1'], unsourcedLines: 2 },
      { batchIds: ['b1', 'b2'], sourceIds: [], unsourcedLines: 1 },
    ])).toEqual({ batchIds: ['b1', 'b2'], sourceIds: ['s1'], unsourcedLines: 3 });
  });
});
