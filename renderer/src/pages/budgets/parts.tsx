// Pieces the Budgets page's sections share: the source line under a chart of
// funding lines (the import files they came from, the sources named on lines
// added by hand, each a click away in the detail pane), and a chart's caption.
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { Source } from '../../../../shared/schemas.ts';
import type { ImportOrigin, LineOrigins } from '../../../../shared/services-schemas.ts';
import { useDetailStore } from '../../state/detail.ts';

function list(items: ReactNode[]): ReactNode[] {
  return items.flatMap((item, index) => (index === 0 ? [item] : [index === items.length - 1 ? ' and ' : ', ', item]));
}

export function OriginLine({
  origins, batches, sources, what,
}: {
  origins: LineOrigins;
  batches: readonly ImportOrigin[];
  sources: readonly Source[];
  /** What the figures are, for the pane: "The chart “Funding by fund”". */
  what: string;
}) {
  const openBatch = useDetailStore((s) => s.openBatch);
  const openSource = useDetailStore((s) => s.openSource);
  const files = origins.batchIds.map((id) => batches.find((b) => b.id === id)).filter((b): b is ImportOrigin => b !== undefined);
  const named = origins.sourceIds.map((id) => sources.find((s) => s.id === id) ?? { id, title: 'a source' });
  const parts: ReactNode[] = [];
  if (files.length > 0) {
    parts.push(
      <span key="files">
        funding lines imported from{' '}
        {list(
          files.map((batch) => (
            <button
              key={batch.id}
              type="button"
              className="link-button"
              title={`Open the import of ${batch.fileName}: its rows, what was turned away, and undo`}
              onClick={(event) => openBatch(batch.id, event.currentTarget)}
            >
              {batch.fileName}
            </button>
          )),
        )}
      </span>,
    );
  }
  if (named.length > 0) {
    parts.push(
      <span key="sources">
        lines recorded from{' '}
        {list(
          named.map((source) => (
            <button
              key={source.id}
              type="button"
              className="link-button"
              onClick={(event) => void openSource({ sourceId: source.id, citedBy: what }, event.currentTarget)}
            >
              {source.title}
            </button>
          )),
        )}
      </span>,
    );
  }
  if (origins.unsourcedLines > 0) {
    parts.push(
      <span key="unsourced">
        {origins.unsourcedLines.toLocaleString('en-GB')} {origins.unsourcedLines === 1 ? 'line' : 'lines'} added by hand without a source
      </span>,
    );
  }
  return (
    <p className="source-line">
      <span className="label">Source:</span> {parts.length === 0 ? 'no funding lines yet' : list(parts)}.
    </p>
  );
}

export function ChartCaption({ id, title, subtitle }: { id: string; title: string; subtitle?: ReactNode }) {
  return (
    <figcaption>
      <h3 id={id} className="chart-title">
        {title}
      </h3>
      {subtitle !== undefined && <p className="chart-subtitle">{subtitle}</p>}
    </figcaption>
  );
}

/**
 * A table's wrapper that scrolls sideways when the window is too narrow for it;
 * then (and only then) it is a labelled region that takes focus, so the
 * keyboard can scroll it too.
 */
export function TableWrap({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useLayoutEffect(() => {
    const element = ref.current;
    if (element === null) return;
    const check = () => setScrolls(element.scrollWidth > element.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(element);
    if (element.firstElementChild !== null) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className={`table-wrap${className !== undefined ? ` ${className}` : ''}`}
      {...(scrolls ? { tabIndex: 0, role: 'region', 'aria-label': `${label} (scrolls sideways)` } : {})}
    >
      {children}
    </div>
  );
}
