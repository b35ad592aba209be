// Chart.js with only the pieces the app uses, set to the app's type and calm
// (no animation: figures should be read, not watched).
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type Plugin,
} from 'chart.js';
import { CHART_TEXT } from './palette.ts';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
Chart.defaults.font.size = 12;
Chart.defaults.color = CHART_TEXT;
Chart.defaults.animation = false;

export interface BarLabelOptions {
  /** The label for one bar, or null for none. */
  text: (datasetIndex: number, index: number) => string | null;
  /** "end": above (or right of) the bar; "center": inside it. */
  position: 'end' | 'center';
  /** Colour of the label for a dataset (inside bars, it must read on the fill). */
  colour: (datasetIndex: number) => string;
}

/** Direct labels on bars, so the reader does not have to trace a bar to an axis. */
export function barLabels(options: BarLabelOptions): Plugin<'bar'> {
  return {
    id: 'scrutinyBarLabels',
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const horizontal = chart.options.indexAxis === 'y';
      ctx.save();
      ctx.font = `600 12px ${String(Chart.defaults.font.family)}`;
      chart.data.datasets.forEach((_dataset, datasetIndex) => {
        const meta = chart.getDatasetMeta(datasetIndex);
        if (meta.hidden) return;
        meta.data.forEach((element, index) => {
          const text = options.text(datasetIndex, index);
          if (text === null) return;
          const bar = element as unknown as { x: number; y: number; base: number; width: number; height: number };
          ctx.fillStyle = options.colour(datasetIndex);
          if (options.position === 'center') {
            ctx.textAlign = 'center';
            ctx.textBaseline = 'middle';
            const x = horizontal ? (bar.x + bar.base) / 2 : bar.x;
            const y = horizontal ? bar.y : (bar.y + bar.base) / 2;
            const room = horizontal ? Math.abs(bar.x - bar.base) : Math.abs(bar.y - bar.base);
            if (ctx.measureText(text).width + 8 <= room || !horizontal) ctx.fillText(text, x, y);
          } else if (horizontal) {
            ctx.textAlign = 'left';
            ctx.textBaseline = 'middle';
            ctx.fillText(text, bar.x + 6, bar.y);
          } else {
            ctx.textAlign = 'center';
            ctx.textBaseline = 'bottom';
            ctx.fillText(text, bar.x, bar.y - 4);
          }
        });
      });
      ctx.restore();
    },
  };
}

export { Chart };
