// A service's allocations by financial year, one bar per period stacked by fund,
// its total written above it. The same figures are in the table beside it.
import { useEffect, useRef } from 'react';
import { formatMoneyShort } from '../../../../shared/money.ts';
import type { ServiceDetail } from '../../../../shared/services-schemas.ts';
import { CHART_GRID, CHART_MUTED, CHART_TEXT, seriesColour } from '../../charts/palette.ts';
import { barLabels, Chart } from '../../charts/setup.ts';

const PENCE_PER_POUND = 100;

export interface FundSeries {
  key: string;
  label: string;
}

/** The funds a service's lines name, in a stable order (no-fund lines last), each with its colour index. */
export function fundSeries(funding: ServiceDetail['funding']): FundSeries[] {
  const seen = new Map<string, string>();
  for (const part of funding.byFund) {
    const key = part.fundCode ?? '';
    seen.set(key, part.fundCode === null ? 'No fund named' : part.fundCode);
  }
  return [...seen.entries()].sort((a, b) => (a[0] === '' ? 1 : b[0] === '' ? -1 : a[0].localeCompare(b[0]))).map(([key, label]) => ({ key, label }));
}

export function FundingChart({ funding, description }: { funding: ServiceDetail['funding']; description: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null) return;
    const series = fundSeries(funding);
    const periods = funding.byPeriod;
    const datasets = series.map((s, index) => ({
      label: s.label,
      data: periods.map((p) => {
        const cell = funding.rows.find((r) => r.label === p.label && (r.fundCode ?? '') === s.key);
        return cell === undefined ? 0 : cell.allocatedPence / PENCE_PER_POUND;
      }),
      backgroundColor: seriesColour(index).fill,
      borderColor: '#ffffff',
      borderWidth: { top: 1 },
      borderSkipped: false as const,
      stack: 'allocated',
      maxBarThickness: 56,
    }));
    const chart = new Chart(canvas, {
      type: 'bar',
      data: { labels: periods.map((p) => p.label), datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        layout: { padding: { top: 20 } },
        plugins: {
          legend: { display: series.length > 1, position: 'bottom', align: 'start', labels: { boxWidth: 10, boxHeight: 10, color: CHART_TEXT }, onClick: () => undefined },
          tooltip: {
            callbacks: {
              label: (item) => `${item.dataset.label ?? ''}: ${formatMoneyShort(Math.round(Number(item.raw) * PENCE_PER_POUND))}`,
            },
          },
        },
        scales: {
          x: { stacked: true, grid: { display: false }, ticks: { color: CHART_TEXT }, border: { color: CHART_MUTED } },
          y: {
            stacked: true,
            beginAtZero: true,
            grid: { color: CHART_GRID },
            border: { display: false },
            ticks: { color: CHART_MUTED, maxTicksLimit: 5, callback: (value) => formatMoneyShort(Math.round(Number(value) * PENCE_PER_POUND)) },
          },
        },
      },
      plugins: [
        barLabels({
          position: 'end',
          colour: () => CHART_TEXT,
          // The period's total, once, above the top of its stack.
          text: (datasetIndex, index) => {
            const topmost = datasets.reduce((top, d, i) => ((d.data[index] ?? 0) > 0 ? i : top), -1);
            if (datasetIndex !== topmost) return null;
            const period = periods[index];
            return period === undefined ? null : formatMoneyShort(period.allocatedPence);
          },
        }),
      ],
    });
    return () => chart.destroy();
  }, [funding]);

  return (
    <div className="chart-box chart-box-service">
      <canvas ref={canvasRef} role="img" aria-label={description}>
        {description}
      </canvas>
    </div>
  );
}
