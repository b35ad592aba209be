// What the overview's figures say: chart titles that state the finding, rows
// for the data tables, shares of a total. Computed from the data, never typed in.
import { formatMoney, formatMoneyShort } from '../../../shared/money.ts';
import { formatTenthsOfPercent, shareInTenthsOfPercent } from '../../../shared/reconcile.ts';
import type { Figure } from '../../../shared/schemas.ts';
import { figureShort, figureYears } from './format.ts';

/** A figure's label without its financial year: "MOPAC commissioning budget 2022-23 with DASA" → "MOPAC commissioning budget with DASA". */
export function subjectOf(figure: Pick<Figure, 'label' | 'fyStart' | 'fyEnd'>): string {
  const years = figureYears(figure);
  if (years === null) return figure.label;
  return figure.label.replace(years, ' ').replace(/\s+/g, ' ').trim();
}

const MULTIPLE_WORDS: Record<number, string> = { 2: 'doubled', 3: 'tripled', 4: 'quadrupled' };

/** How a value changed, in words: "nearly tripled", "rose by 27%", "fell by 10%". */
export function changePhrase(first: number, last: number): string {
  if (first <= 0) return last > first ? 'rose' : 'did not rise';
  const r = last / first;
  if (r >= 1.8) {
    const k = Math.round(r);
    const exact = MULTIPLE_WORDS[k];
    if (exact !== undefined && Math.abs(r - k) <= 0.03) return exact;
    if (exact !== undefined && r < k && r >= k - 0.2) return `nearly ${exact}`;
    const floor = MULTIPLE_WORDS[Math.floor(r)];
    if (floor !== undefined) return `more than ${floor}`;
    return `rose about ${Math.round(r)}-fold`;
  }
  if (r >= 1.05) return `rose by ${Math.round((r - 1) * 100)}%`;
  if (r > 0.95) return 'stayed about the same';
  return `fell by ${Math.round((1 - r) * 100)}%`;
}

export interface SeriesPoint {
  figure: Figure;
  year: string;
  short: string;
}

export interface BudgetView {
  /** Financial years along the axis, in order. */
  years: string[];
  main: { subject: string; points: SeriesPoint[] };
  /** Other series (e.g. "with DASA"), each named by how it differs from the main one. */
  others: { subject: string; difference: string; points: SeriesPoint[] }[];
  /** The finding: "MOPAC commissioning budget nearly tripled from 2012-13 to 2022-23". */
  title: string;
  /** The figures behind it in one line. */
  subtitle: string;
  /** Rows for the data table, in year order, the main series first within a year. */
  rows: { figure: Figure; year: string; what: string; difference: string | null; short: string; exact: string }[];
}

function byYear(a: Figure, b: Figure): number {
  return (a.fyStart ?? 0) - (b.fyStart ?? 0);
}

function joinWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The budget history as chart, title and table. Null when there are no dated figures. */
export function budgetView(history: readonly Figure[]): BudgetView | null {
  const dated = history.filter((f) => f.fyStart !== null).sort(byYear);
  if (dated.length === 0) return null;
  const bySeries = new Map<string, Figure[]>();
  for (const figure of dated) bySeries.set(figure.series, [...(bySeries.get(figure.series) ?? []), figure]);
  // The main series is the longest one; ties go to the series met first.
  const [mainSeries, mainFigures] = [...bySeries.entries()].reduce((best, entry) => (entry[1].length > best[1].length ? entry : best));
  const point = (figure: Figure): SeriesPoint => ({ figure, year: figureYears(figure) ?? '', short: figureShort(figure) });
  const mainSubject = subjectOf(mainFigures[0]!);
  const main = { subject: mainSubject, points: mainFigures.map(point) };
  const others = [...bySeries.entries()]
    .filter(([series]) => series !== mainSeries)
    .map(([, figures]) => {
      const subject = subjectOf(figures[0]!);
      const difference = subject.startsWith(mainSubject) && subject.length > mainSubject.length
        ? subject.slice(mainSubject.length).trim()
        : subject;
      return { subject, difference, points: figures.map(point) };
    });
  const years = [...new Set(dated.map((f) => figureYears(f) ?? ''))];

  const first = main.points[0]!;
  const last = main.points[main.points.length - 1]!;
  const title = main.points.length > 1
    ? `${mainSubject} ${changePhrase(first.figure.amountPence, last.figure.amountPence)} from ${first.year} to ${last.year}`
    : `${mainSubject}: ${first.short} in ${first.year}`;
  // "(about £90m with DASA)": the year is left out when the main series has it too.
  const extras = others.flatMap((o) => o.points.map((p) => `${p.short} ${o.difference}${main.points.some((m) => m.year === p.year) ? '' : ` in ${p.year}`}`));
  const subtitle = joinWords(main.points.map((p) => `${p.short} in ${p.year}`)) + (extras.length > 0 ? ` (${extras.join('; ')})` : '');

  const rows = dated
    .map((figure) => {
      const isMain = figure.series === mainSeries;
      const other = others.find((o) => o.points.some((p) => p.figure.id === figure.id));
      return {
        figure,
        year: figureYears(figure) ?? '',
        what: isMain ? mainSubject : (other?.subject ?? subjectOf(figure)),
        difference: isMain ? null : (other?.difference ?? subjectOf(figure)),
        short: figureShort(figure),
        exact: formatMoney(figure.amountPence),
        isMain,
      };
    })
    .sort((a, b) => byYear(a.figure, b.figure) || Number(b.isMain) - Number(a.isMain))
    .map(({ isMain: _isMain, ...row }) => row);

  return { years, main, others, title, subtitle, rows };
}

export interface SplitView {
  years: string | null;
  totalPence: number;
  total: string;
  totalShort: string;
  parts: { figure: Figure; exact: string; shareTenths: number; share: string }[];
  largest: { figure: Figure; share: string } | null;
  /** "Direct funding to boroughs takes 72.8% of the £54m total". */
  title: string;
}

/**
 * A total split into parts: each part's share of the whole, computed exactly
 * on pence. `whole` names the total in the title; "{total}" in it becomes "£54m".
 */
export function splitView(parts: readonly Figure[], whole = 'the {total} total'): SplitView | null {
  if (parts.length === 0) return null;
  const totalPence = parts.reduce((sum, f) => sum + f.amountPence, 0);
  if (totalPence <= 0) return null;
  const rows = parts.map((figure) => {
    const shareTenths = shareInTenthsOfPercent(figure.amountPence, totalPence);
    return { figure, exact: formatMoney(figure.amountPence), shareTenths, share: formatTenthsOfPercent(shareTenths) };
  });
  const largestRow = rows.reduce((best, row) => (row.figure.amountPence > best.figure.amountPence ? row : best));
  const years = figureYears(parts[0]!);
  const totalShort = formatMoneyShort(totalPence);
  const title = `${largestRow.figure.label} ${largestRow.shareTenths > 500 ? 'takes' : 'is'} ${largestRow.share} of ${whole.replace('{total}', totalShort)}`;
  return {
    years,
    totalPence,
    total: formatMoney(totalPence),
    totalShort,
    parts: rows,
    largest: { figure: largestRow.figure, share: largestRow.share },
    title,
  };
}
