// What the Budgets page's charts say: titles that state the finding, the rows of
// their data tables, the colour classes of the borough map, and where each
// aggregate came from. Computed from budgets.get, never typed in; pure functions,
// unit-tested in tests/unit/renderer/services-budgets.test.ts.
import { formatMoney, formatMoneyShort } from '../../../../shared/money.ts';
import { formatTenthsOfPercent, shareInTenthsOfPercent } from '../../../../shared/reconcile.ts';
import type { Budgets, FundingPeriod, LineOrigins } from '../../../../shared/services-schemas.ts';
import { changePhrase } from '../../lib/figures.ts';

export type ByFund = Budgets['byFund'];
export type CategoryRow = Budgets['byCategory'][number];
export type BoroughRow = Budgets['byBorough'][number];

export function share(part: number, whole: number): string {
  return whole <= 0 ? '–' : formatTenthsOfPercent(shareInTenthsOfPercent(part, whole));
}

// ---------------------------------------------------------------- by fund and year

export interface FundMatrix {
  periods: FundingPeriod[];
  /** One row per fund that has lines (no-fund lines last), each cell allocated pence (0 where none). */
  rows: { key: string; code: string | null; name: string; cells: number[]; total: number }[];
  /** Totals per period, and over all. */
  periodTotals: number[];
  total: number;
}

/** Allocations by fund (rows) and period (columns), with totals both ways, exact in pence. */
export function fundMatrix(byFund: ByFund): FundMatrix {
  const periods = byFund.periods;
  const rowsByKey = new Map<string, FundMatrix['rows'][number]>();
  const order = new Map(byFund.funds.map((f, i) => [f.code, i]));
  for (const cell of byFund.cells) {
    const key = cell.fundCode ?? '';
    let row = rowsByKey.get(key);
    if (row === undefined) {
      row = { key, code: cell.fundCode, name: cell.fundName ?? 'Lines that name no fund', cells: periods.map(() => 0), total: 0 };
      rowsByKey.set(key, row);
    }
    const index = periods.findIndex((p) => p.label === cell.label);
    if (index >= 0) row.cells[index] = (row.cells[index] ?? 0) + cell.allocatedPence;
    row.total += cell.allocatedPence;
  }
  const rows = [...rowsByKey.values()].sort((a, b) => {
    if (a.code === null) return 1;
    if (b.code === null) return -1;
    return (order.get(a.code) ?? 99) - (order.get(b.code) ?? 99) || a.code.localeCompare(b.code);
  });
  const periodTotals = periods.map((_, i) => rows.reduce((sum, row) => sum + (row.cells[i] ?? 0), 0));
  return { periods, rows, periodTotals, total: periodTotals.reduce((a, b) => a + b, 0) };
}

/** "Allocations rose by 12% from 2022-23 to 2024-25; LCPF-DIRECT gives the most (58.0%)". */
export function fundTitle(matrix: FundMatrix): string {
  if (matrix.rows.length === 0) return 'No funding lines recorded yet';
  const single = matrix.periods.map((p, i) => ({ p, total: matrix.periodTotals[i] ?? 0 })).filter((x) => x.p.fyStart === x.p.fyEnd && x.total > 0);
  const largest = matrix.rows.reduce((best, row) => (row.total > best.total ? row : best));
  const largestWords = `${largest.code ?? 'lines naming no fund'} is the largest fund (${share(largest.total, matrix.total)} of ${formatMoneyShort(matrix.total)})`;
  if (single.length >= 2) {
    const first = single[0]!;
    const last = single[single.length - 1]!;
    return `Allocations ${changePhrase(first.total, last.total)} from ${first.p.label} to ${last.p.label}; ${largestWords}`;
  }
  return `${formatMoneyShort(matrix.total)} allocated; ${largestWords}`;
}

// ---------------------------------------------------------------- by category

export function categoryTitle(rows: readonly CategoryRow[]): string {
  const total = rows.reduce((sum, r) => sum + r.allocatedPence, 0);
  if (rows.length === 0 || total === 0) return 'No allocations recorded by category yet';
  const top = rows.reduce((best, row) => (row.allocatedPence > best.allocatedPence ? row : best));
  return `${top.label} has the largest share: ${formatMoneyShort(top.allocatedPence)}, ${share(top.allocatedPence, total)} of all allocations`;
}

// ---------------------------------------------------------------- by borough

export function boroughTitle(rows: readonly BoroughRow[]): string {
  const funded = rows.filter((r) => r.allocatedPence > 0);
  if (funded.length === 0) return 'No funding is recorded against any borough yet';
  const top = funded.reduce((best, row) => (row.allocatedPence > best.allocatedPence ? row : best));
  const none = rows.length - funded.length;
  const noneWords = none === 0 ? 'every borough has some' : `${none} of ${rows.length} have none recorded`;
  return `${top.name} has the most funding recorded against it (${formatMoneyShort(top.allocatedPence)}); ${noneWords}`;
}

/** Five sequential blues (ColorBrewer, colour-blind safe), each with a text colour that reads on it at 4.5:1 or better. */
export const MAP_CLASSES = [
  { fill: '#eff3ff', text: '#1f2328' },
  { fill: '#bdd7e7', text: '#1f2328' },
  { fill: '#6baed6', text: '#1f2328' },
  { fill: '#2171b5', text: '#ffffff' },
  { fill: '#08306b', text: '#ffffff' },
] as const;

export interface MapScale {
  /** Upper bound of each class, in pence, lowest first; the last is the highest value. */
  bounds: number[];
  /** The class of a value: -1 for nothing recorded. */
  classOf: (pence: number) => number;
  legend: { index: number; label: string }[];
}

/** Classes by quantile of the boroughs with funding, so each colour holds about as many boroughs. */
export function mapScale(values: readonly number[]): MapScale {
  const positive = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (positive.length === 0) return { bounds: [], classOf: () => -1, legend: [] };
  const classes = Math.min(MAP_CLASSES.length, positive.length);
  const bounds: number[] = [];
  for (let i = 1; i <= classes; i += 1) {
    const bound = positive[Math.max(0, Math.ceil((i * positive.length) / classes) - 1)]!;
    if (bounds.length === 0 || bound > bounds[bounds.length - 1]!) bounds.push(bound);
  }
  // Spread the classes over the five colours, lightest to darkest.
  const colourOf = (i: number) => (bounds.length === 1 ? MAP_CLASSES.length - 1 : Math.round((i * (MAP_CLASSES.length - 1)) / (bounds.length - 1)));
  const classOf = (pence: number) => {
    if (pence <= 0) return -1;
    const i = bounds.findIndex((b) => pence <= b);
    return colourOf(i < 0 ? bounds.length - 1 : i);
  };
  const legend = bounds.map((bound, i) => {
    const low = i === 0 ? positive[0]! : positive.find((v) => v > bounds[i - 1]!) ?? bound;
    const label = low === bound ? formatMoneyShort(bound) : `${formatMoneyShort(low)} to ${formatMoneyShort(bound)}`;
    return { index: colourOf(i), label };
  });
  return { bounds, classOf, legend };
}

// ---------------------------------------------------------------- where figures came from

/** The origins of several aggregates together. */
export function mergeOrigins(origins: readonly LineOrigins[]): LineOrigins {
  const batchIds = new Set<string>();
  const sourceIds = new Set<string>();
  let unsourcedLines = 0;
  for (const o of origins) {
    o.batchIds.forEach((id) => batchIds.add(id));
    o.sourceIds.forEach((id) => sourceIds.add(id));
    unsourcedLines += o.unsourcedLines;
  }
  return { batchIds: [...batchIds], sourceIds: [...sourceIds], unsourcedLines };
}

export function exact(pence: number): string {
  return formatMoney(pence);
}
