// A total split into parts: one bar across the width of the page, each part a
// coloured segment with its share written on it, the parts named in a key.
import { useEffect, useRef } from 'react';
import type { SplitView } from '../lib/figures.ts';
import { CHART_MUTED, CHART_TEXT, seriesColour } from './palette.ts';
import { barLabels, Chart } from './setup.ts';

export function SplitChart({ view, description }: { view: SplitView; description: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null) return;
    const chart = new Chart(canvas, {
      type: 'bar',
      data: {
        labels: [''],
        datasets: view.parts.map((part, index) => ({
          label: `${part.figure.label} (${part.share})`,
          data: [part.shareTenths / 10],
          backgroundColor: seriesColour(index).fill,
          borderColor: '#ffffff',
          borderWidth: { right: 2 },
          borderSkipped: false,
          barPercentage: 1,
          categoryPercentage: 1,
        })),
      },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          legend: {
            position: 'bottom',
            align: 'start',
            labels: { boxWidth: 12, boxHeight: 12, color: CHART_TEXT, padding: 14 },
            onClick: () => undefined, // every part stays in view: hiding one would change the shares' meaning
          },
          tooltip: {
            callbacks: {
              title: () => '',
              label: (item) => {
                const part = view.parts[item.datasetIndex];
                return part ? `${part.figure.label}: ${part.exact} (${part.share})` : '';
              },
            },
          },
        },
        scales: {
          x: { stacked: true, min: 0, max: 100, grid: { display: false }, border: { display: false }, ticks: { color: CHART_MUTED, stepSize: 25, callback: (value) => `${String(value)}%` } },
          y: { stacked: true, grid: { display: false }, border: { display: false }, ticks: { display: false } },
        },
      },
      plugins: [
        barLabels({
          position: 'center',
          colour: (datasetIndex) => seriesColour(datasetIndex).text,
          text: (datasetIndex) => view.parts[datasetIndex]?.share ?? null,
        }),
      ],
    });
    return () => chart.destroy();
  }, [view]);

  return (
    <div className="chart-box chart-box-split">
      <canvas ref={canvasRef} role="img" aria-label={description}>
        {description}
      </canvas>
    </div>
  );
}
