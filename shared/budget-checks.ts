// Reconciliation checks between stated figures and the funding data: where a source
// states a total for a fund and the funding lines (or the stated parts) add up to
// something else, show both numbers and the arithmetic. Pure and exact: integer pence.
import { formatFinancialYearRange } from './financial-year.ts';
import { formatMoney } from './money.ts';
import { formatTenthsOfPercent, shareInTenthsOfPercent } from './reconcile.ts';
import type { Figure, ReconciliationCheck } from './schemas.ts';

export interface FundInfo {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
}

/** Allocated funding lines of one fund and period, added up. */
export interface AllocatedCell {
  fundId: string | null;
  fyStart: number;
  fyEnd: number;
  pence: number;
  lines: number;
  batchIds: readonly string[];
  /** Lines not from an import (added by hand). */
  byHandLines: number;
}

function within(cell: { fyStart: number; fyEnd: number }, start: number, end: number): boolean {
  return cell.fyStart >= start && cell.fyEnd <= end;
}

function descendants(fundId: string, funds: readonly FundInfo[]): Set<string> {
  const found = new Set([fundId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const fund of funds) {
      if (fund.parentId && found.has(fund.parentId) && !found.has(fund.id)) {
        found.add(fund.id);
        grew = true;
      }
    }
  }
  return found;
}

function differenceLines(sumLabel: string, sum: number, statedLabel: string, stated: number): ReconciliationCheck['lines'] {
  return [
    { label: sumLabel, amountPence: sum, text: formatMoney(sum) },
    { label: statedLabel, amountPence: stated, text: formatMoney(stated) },
    { label: 'Difference', amountPence: sum - stated, text: formatMoney(sum - stated) },
  ];
}

function differenceArithmetic(sum: number, stated: number, what: string): string[] {
  const lines = [`${formatMoney(sum)} − ${formatMoney(stated)} = ${formatMoney(sum - stated)}`];
  if (stated !== 0 && sum !== stated) lines.push(`${formatMoney(sum)} ÷ ${formatMoney(stated)} = ${formatTenthsOfPercent(shareInTenthsOfPercent(sum, stated))} of the stated ${what}`);
  return lines;
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-GB')} ${noun}${n === 1 ? '' : 's'}`;
}

/** "£1 + £2 = £3", or nothing when there is only one part to add. */
function sumArithmetic(amounts: readonly number[], sum: number): string[] {
  return amounts.length > 1 ? [`${amounts.map((amount) => formatMoney(amount)).join(' + ')} = ${formatMoney(sum)}`] : [];
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * A stated figure for a fund and period (say, LCPF direct funding to boroughs,
 * 2022-23 to 2024-25) against the allocated funding lines of that fund and the funds
 * under it, for the years within the period. Null when the data holds no such lines,
 * or the figure is approximate ("around £70m") or names no fund or period.
 */
export function fundFigureCheck(
  figure: Figure,
  funds: readonly FundInfo[],
  cells: readonly AllocatedCell[],
  batchNames: ReadonlyMap<string, string>,
): ReconciliationCheck | null {
  if (figure.approximate || figure.fundCode === null || figure.fyStart === null || figure.fyEnd === null) return null;
  const fund = funds.find((candidate) => candidate.code === figure.fundCode);
  if (!fund) return null;
  const family = descendants(fund.id, funds);
  const codeOf = new Map(funds.map((candidate) => [candidate.id, candidate.code]));
  const parts = cells
    .filter((cell) => cell.fundId !== null && family.has(cell.fundId) && within(cell, figure.fyStart!, figure.fyEnd!) && cell.lines > 0)
    .sort((a, b) => a.fyStart - b.fyStart || a.fyEnd - b.fyEnd || (codeOf.get(a.fundId!) ?? '').localeCompare(codeOf.get(b.fundId!) ?? ''));
  if (parts.length === 0) return null;
  const period = formatFinancialYearRange(figure.fyStart, figure.fyEnd);
  const sum = parts.reduce((total, part) => total + part.pence, 0);
  const stated = figure.amountPence;
  const agrees = sum === stated;
  const lineCount = parts.reduce((total, part) => total + part.lines, 0);
  const files = [...new Set(parts.flatMap((part) => part.batchIds))].map((id) => batchNames.get(id) ?? id).sort();
  const byHand = parts.reduce((total, part) => total + part.byHandLines, 0);
  const lines: ReconciliationCheck['lines'] = [
    ...parts.map((part) => ({
      label: `${codeOf.get(part.fundId!) ?? ''} ${formatFinancialYearRange(part.fyStart, part.fyEnd)} (${count(part.lines, 'line')})`,
      amountPence: part.pence,
      text: formatMoney(part.pence),
    })),
    ...differenceLines('Funding lines, added up', sum, `Stated: ${figure.label}`, stated),
  ];
  if (files.length > 0) lines.push({ label: 'Funding lines imported from', amountPence: null, text: files.join(', ') });
  if (byHand > 0) lines.push({ label: 'Funding lines added by hand', amountPence: null, text: String(byHand) });
  const gap = Math.abs(sum - stated);
  return {
    id: `fund-figure:${figure.id}`,
    title: `${figure.label}: stated figure against the funding data`,
    outcome: agrees ? 'agrees' : 'differs',
    summary: agrees
      ? `The ${count(lineCount, 'allocated funding line')} for ${fund.name} in ${period} add up to the stated ${formatMoney(stated)}.`
      : `The source states ${formatMoney(stated)} for ${lowerFirst(figure.label)} (${period}), but the ${count(lineCount, 'allocated funding line')} add up to ${formatMoney(sum)}, ${formatMoney(gap)} ${sum < stated ? 'less' : 'more'}.`,
    lines,
    arithmetic: [...sumArithmetic(parts.map((part) => part.pence), sum), ...differenceArithmetic(sum, stated, 'figure')],
    sourceIds: [figure.sourceId],
    sourceLocator: figure.sourceLocator,
  };
}

/**
 * A stated total for a fund (say, the whole LCPF 2022-25) against the stated figures
 * for the funds under it over the same period. Approximate figures make it a note, not a verdict.
 */
export function statedPartsCheck(total: Figure, parts: readonly Figure[]): ReconciliationCheck {
  const sum = parts.reduce((acc, part) => acc + part.amountPence, 0);
  const stated = total.amountPence;
  const approximate = total.approximate || parts.some((part) => part.approximate);
  const agrees = sum === stated;
  return {
    id: `stated-parts:${total.id}`,
    title: `${total.label}: the stated total against its stated parts`,
    outcome: approximate ? 'info' : agrees ? 'agrees' : 'differs',
    summary: agrees
      ? `The ${count(parts.length, 'stated part')} add up to the stated total of ${formatMoney(stated)}.`
      : `The stated total is ${formatMoney(stated)}${total.approximate ? ' (approximate)' : ''}, but its ${count(parts.length, 'stated part')} add up to ${formatMoney(sum)}, ${formatMoney(Math.abs(sum - stated))} ${sum < stated ? 'less' : 'more'}.`,
    lines: [
      ...parts.map((part) => ({ label: part.label, amountPence: part.amountPence, text: formatMoney(part.amountPence) })),
      ...differenceLines('Parts, added up', sum, `Stated total: ${total.label}`, stated),
    ],
    arithmetic: [...sumArithmetic(parts.map((part) => part.amountPence), sum), ...differenceArithmetic(sum, stated, 'total')],
    sourceIds: [...new Set([total.sourceId, ...parts.map((part) => part.sourceId)])],
    sourceLocator: total.sourceLocator,
  };
}

/** Pairs each stated figure for a fund with the stated figures of its sub-funds for the same period. */
export function statedPartsChecks(figures: readonly Figure[], funds: readonly FundInfo[]): ReconciliationCheck[] {
  const byCode = new Map(funds.map((fund) => [fund.code, fund]));
  const checks: ReconciliationCheck[] = [];
  for (const total of figures) {
    const fund = total.fundCode ? byCode.get(total.fundCode) : undefined;
    if (!fund || total.fyStart === null) continue;
    const parts = figures.filter((figure) => {
      const child = figure.fundCode ? byCode.get(figure.fundCode) : undefined;
      return figure !== total && child?.parentId === fund.id && figure.fyStart === total.fyStart && figure.fyEnd === total.fyEnd;
    });
    if (parts.length > 0) checks.push(statedPartsCheck(total, parts));
  }
  return checks;
}

/**
 * Where the funding data holds allocated lines for a fund itself and for the funds
 * under it in the same period, the fund's own lines are a stated total of the others:
 * set them side by side (and adding both into one total would count the money twice).
 */
export function fundPartsInDataChecks(funds: readonly FundInfo[], cells: readonly AllocatedCell[]): ReconciliationCheck[] {
  const checks: ReconciliationCheck[] = [];
  for (const parent of funds) {
    const children = funds.filter((fund) => fund.parentId === parent.id);
    if (children.length === 0) continue;
    for (const own of cells.filter((cell) => cell.fundId === parent.id && cell.lines > 0)) {
      const parts = children
        .map((child) => ({ child, cell: cells.find((cell) => cell.fundId === child.id && cell.fyStart === own.fyStart && cell.fyEnd === own.fyEnd) }))
        .filter((entry): entry is { child: FundInfo; cell: AllocatedCell } => entry.cell !== undefined && entry.cell.lines > 0);
      if (parts.length === 0) continue;
      const period = formatFinancialYearRange(own.fyStart, own.fyEnd);
      const sum = parts.reduce((total, part) => total + part.cell.pence, 0);
      const agrees = sum === own.pence;
      checks.push({
        id: `data-parts:${parent.code}:${period}`,
        title: `${parent.name} ${period}: the fund's own funding lines against those of its parts`,
        outcome: agrees ? 'agrees' : 'differs',
        summary: agrees
          ? `The funding lines for the parts of ${parent.name} in ${period} add up to the ${formatMoney(own.pence)} recorded for the fund itself. Totals that add both count this money twice.`
          : `The funding data records ${formatMoney(own.pence)} for ${parent.name} itself in ${period}, but its parts add up to ${formatMoney(sum)}.`,
        lines: [
          ...parts.map((part) => ({ label: `${part.child.code} (${count(part.cell.lines, 'line')})`, amountPence: part.cell.pence, text: formatMoney(part.cell.pence) })),
          ...differenceLines('Parts, added up', sum, `${parent.code} itself`, own.pence),
        ],
        arithmetic: [...sumArithmetic(parts.map((part) => part.cell.pence), sum), ...differenceArithmetic(sum, own.pence, 'total')],
        sourceIds: [],
        sourceLocator: null,
      });
    }
  }
  return checks;
}
