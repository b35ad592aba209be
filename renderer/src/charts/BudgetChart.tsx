// The commissioning budget by financial year: one bar per figure, each with
// its amount written on it; a series that differs (e.g. "with DASA") gets its
// own colour and its own labelled bar.
import { useEffect, useRef } from 'react';
import type { BudgetView } from '../lib/figures.ts';
import { CHART_GRID, CHART_MUTED, CHART_TEXT, seriesColour } from './palette.ts';
import { barLabels, Chart } from './setup.ts';

const PENCE_PER_MILLION = 100_000_000;

export function BudgetChart({ view, description }: { view: BudgetView; description: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null) return;
    const series = [view.main, ...view.others];
    // One bar per table row; a row from another series carries its difference under the year.
    const categories = view.rows.map((row) => {
      const other = view.others.find((o) => o.points.some((p) => p.figure.id === row.figure.id));
      return other !== undefined ? [row.year, other.difference] : row.year;
    });
    const datasets = series.map((s, seriesIndex) => ({
      label: s.subject,
      data: view.rows.map((row) => (s.points.some((p) => p.figure.id === row.figure.id) ? row.figure.amountPence / PENCE_PER_MILLION : null)),
      backgroundColor: seriesColour(seriesIndex).fill,
      borderWidth: 0,
      skipNull: true,
      categoryPercentage: 0.72,
      barPercentage: 1,
      maxBarThickness: 72,
    }));
    const chart = new Chart(canvas, {
      type: 'bar',
      data: { labels: categories, datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        layout: { padding: { top: 22 } },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: (items) => view.rows[items[0]?.dataIndex ?? 0]?.what ?? '',
              label: (item) => {
                const row = view.rows[item.dataIndex];
                return row ? `${row.year}: ${row.short}` : '';
              },
            },
          },
        },
        scales: {
          x: { grid: { display: false }, ticks: { color: CHART_TEXT, font: { size: 12 } }, border: { color: CHART_MUTED } },
          y: {
            beginAtZero: true,
            grid: { color: CHART_GRID },
            border: { display: false },
            ticks: { color: CHART_MUTED, maxTicksLimit: 6, callback: (value) => `£${String(value)}m` },
          },
        },
      },
      plugins: [
        barLabels({
          position: 'end',
          colour: () => CHART_TEXT,
          text: (datasetIndex, index) => {
            const row = view.rows[index];
            const s = series[datasetIndex];
            return row && s?.points.some((p) => p.figure.id === row.figure.id) ? row.short : null;
          },
        }),
      ],
    });
    return () => chart.destroy();
  }, [view]);

  return (
    <div className="chart-box chart-box-budget">
      <canvas ref={canvasRef} role="img" aria-label={description}>
        {description}
      </canvas>
    </div>
  );
}
