// Reconciliation checks: set stated totals and shares beside what the figures
// give, and show the arithmetic, so a reader can see why they agree or differ.
import { formatMoney } from './money.ts';
import type { Figure, ReconciliationCheck } from './schemas.ts';

export interface StatedShare {
  id: string;
  title: string;
  statedBasisPoints: number;
  statedText: string;
  partFigureId: string;
  wholes: { label: string; figureIds: string[] }[];
  sourceId: string;
  sourceLocator: string | null;
}

/** A share in tenths of a per cent, rounded half up, computed exactly on integer pence. */
export function shareInTenthsOfPercent(part: number, whole: number): number {
  if (whole === 0) throw new Error('A share of nothing has no meaning.');
  const numerator = BigInt(part) * 2000n + BigInt(whole);
  return Number(numerator / (2n * BigInt(whole)));
}

export function formatTenthsOfPercent(tenths: number): string {
  return `${(tenths / 10).toFixed(1)}%`;
}

/** A stated share as its source wrote it: "30%", "12.5%". */
function formatStatedPercent(basisPoints: number): string {
  return `${String(basisPoints / 100)}%`;
}

function sumOf(figures: readonly Figure[]): number {
  return figures.reduce((total, figure) => total + figure.amountPence, 0);
}

/** The parts of a series added up, with the sum written out. */
export function seriesTotalCheck(id: string, title: string, parts: readonly Figure[]): ReconciliationCheck {
  const total = sumOf(parts);
  return {
    id,
    title,
    outcome: 'info',
    summary: `The ${parts.length} parts add up to ${formatMoney(total)}.`,
    lines: [
      ...parts.map((figure) => ({ label: figure.label, amountPence: figure.amountPence, text: formatMoney(figure.amountPence) })),
      { label: 'Total', amountPence: total, text: formatMoney(total) },
    ],
    arithmetic: [`${parts.map((figure) => formatMoney(figure.amountPence)).join(' + ')} = ${formatMoney(total)}`],
    sourceIds: [...new Set(parts.map((figure) => figure.sourceId))],
    sourceLocator: null,
  };
}

/** A stated share ("30 per cent") against the share each candidate whole gives. */
export function statedShareCheck(claim: StatedShare, figures: readonly Figure[]): ReconciliationCheck {
  const byId = new Map(figures.map((figure) => [figure.id, figure]));
  const part = byId.get(claim.partFigureId);
  if (!part) throw new Error(`The stated share "${claim.title}" names a figure that is not in the store.`);
  const stated = claim.statedBasisPoints / 10; // tenths of a per cent
  const statedText = formatStatedPercent(claim.statedBasisPoints);
  const lines: ReconciliationCheck['lines'] = [{ label: 'Stated', amountPence: null, text: statedText }];
  const arithmetic: string[] = [];
  let anyAgrees = false;
  const differences: string[] = [];
  for (const whole of claim.wholes) {
    const members = whole.figureIds.map((id) => byId.get(id)).filter((figure): figure is Figure => figure !== undefined);
    const total = sumOf(members);
    const share = shareInTenthsOfPercent(part.amountPence, total);
    const sumText = members.length > 1
      ? `(${members.map((figure) => formatMoney(figure.amountPence)).join(' + ')} = ${formatMoney(total)})`
      : formatMoney(total);
    arithmetic.push(`${formatMoney(part.amountPence)} ÷ ${sumText} = ${formatTenthsOfPercent(share)} ${whole.label}`);
    lines.push({ label: `${part.label}, ${whole.label}`, amountPence: null, text: formatTenthsOfPercent(share) });
    const gap = Math.abs(share - stated);
    if (gap <= 5) anyAgrees = true; // within half a percentage point
    differences.push(`${formatTenthsOfPercent(share)} ${whole.label}`);
  }
  const points = (tenths: number) => `${(tenths / 10).toFixed(1)} percentage points`;
  const shares = claim.wholes.map((whole) => {
    const members = whole.figureIds.map((id) => byId.get(id)).filter((figure): figure is Figure => figure !== undefined);
    return shareInTenthsOfPercent(part.amountPence, sumOf(members));
  });
  const nearest = shares.reduce((best, share) => (Math.abs(share - stated) < Math.abs(best - stated) ? share : best), shares[0] ?? 0);
  if (!anyAgrees) arithmetic.push(`Stated ${statedText}; the nearest reading gives ${formatTenthsOfPercent(nearest)}, ${points(Math.abs(stated - nearest))} apart.`);
  return {
    id: claim.id,
    title: claim.title,
    outcome: anyAgrees ? 'agrees' : 'differs',
    summary: anyAgrees
      ? `The figures bear out the stated ${statedText}.`
      : `The source states ${statedText}, but the ${part.label.charAt(0).toLowerCase()}${part.label.slice(1)} is ${differences.join(', or ')}.`,
    lines,
    arithmetic,
    sourceIds: [...new Set([claim.sourceId, part.sourceId])],
    sourceLocator: claim.sourceLocator,
  };
}
