// Bar charts for the Budgets page, in the app's chart set-up: vertical bars
// stacked by series (funding by fund and year), or horizontal ranked bars (by
// category, by borough). Every bar, or stack, has its amount written on it.
import { useEffect, useRef } from 'react';
import { formatMoneyShort } from '../../../../shared/money.ts';
import { CHART_GRID, CHART_MUTED, CHART_TEXT, seriesColour } from '../../charts/palette.ts';
import { barLabels, Chart } from '../../charts/setup.ts';

const PENCE_PER_POUND = 100;

export interface BarSeries {
  label: string;
  /** Pence, one per label. */
  values: number[];
  colourIndex: number;
}

export interface BarsChartProps {
  labels: string[];
  series: BarSeries[];
  horizontal?: boolean;
  /** Written at the end of each bar or on top of each stack (pence); null for none. */
  ends: (number | null)[];
  description: string;
  height: number;
  legend?: boolean;
}

const short = (pounds: number) => formatMoneyShort(Math.round(pounds * PENCE_PER_POUND));

export function BarsChart({ labels, series, horizontal = false, ends, description, height, legend = false }: BarsChartProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null) return;
    const datasets = series.map((s) => ({
      label: s.label,
      data: s.values.map((v) => v / PENCE_PER_POUND),
      backgroundColor: seriesColour(s.colourIndex).fill,
      borderColor: '#ffffff',
      borderWidth: series.length > 1 ? (horizontal ? { right: 1 } : { top: 1 }) : 0,
      borderSkipped: false as const,
      stack: 'all',
      maxBarThickness: horizontal ? 18 : 64,
      categoryPercentage: horizontal ? 0.8 : 0.7,
    }));
    const valueAxis = {
      stacked: true,
      beginAtZero: true,
      grid: { color: CHART_GRID },
      border: { display: false },
      grace: horizontal ? '22%' : '8%',
      ticks: { color: CHART_MUTED, maxTicksLimit: 6, callback: (value: string | number) => short(Number(value)) },
    };
    const labelAxis = { stacked: true, grid: { display: false }, ticks: { color: CHART_TEXT, autoSkip: false }, border: { color: CHART_MUTED } };
    const chart = new Chart(canvas, {
      type: 'bar',
      data: { labels, datasets },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        layout: { padding: { top: horizontal ? 0 : 20, right: horizontal ? 8 : 0 } },
        plugins: {
          legend: { display: legend, position: 'bottom', align: 'start', labels: { boxWidth: 12, boxHeight: 12, color: CHART_TEXT, padding: 12 }, onClick: () => undefined },
          tooltip: {
            callbacks: {
              label: (item) => `${series.length > 1 ? `${item.dataset.label ?? ''}: ` : ''}${short(Number(item.raw))}`,
            },
          },
        },
        scales: horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
      },
      plugins: [
        barLabels({
          position: 'end',
          colour: () => CHART_TEXT,
          // The total once, past the end of the last non-empty part of each bar.
          text: (datasetIndex, index) => {
            const last = series.reduce((top, s, i) => ((s.values[index] ?? 0) > 0 ? i : top), -1);
            if (datasetIndex !== last) return null;
            const end = ends[index];
            return end === null || end === undefined ? null : formatMoneyShort(end);
          },
        }),
      ],
    });
    return () => chart.destroy();
  }, [labels, series, horizontal, ends, legend]);

  return (
    <div className="chart-box" style={{ height }}>
      <canvas ref={canvasRef} role="img" aria-label={description}>
        {description}
      </canvas>
    </div>
  );
}
