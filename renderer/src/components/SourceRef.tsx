// A numbered reference mark, "[1]", that opens its source in the detail pane.
import type { Figure } from '../../../shared/schemas.ts';
import { referenceMark } from '../lib/format.ts';
import { useDetailStore } from '../state/detail.ts';
import { useOverviewStore } from '../state/overview.ts';

interface SourceRefProps {
  sourceId: string;
  figure?: Figure;
  citedBy?: string;
  locator?: string | null;
  /** What the reference is for, for screen readers: "£23.6m in 2012-13". */
  about: string;
  /** Visible text in place of the bare mark, e.g. "Show citation". */
  text?: string;
}

export function useSourceNumber(sourceId: string): { mark: string; title: string | null } {
  const sources = useOverviewStore((s) => s.overview?.sources);
  const index = sources?.findIndex((s) => s.id === sourceId) ?? -1;
  return index >= 0 ? { mark: referenceMark(index), title: sources?.[index]?.title ?? null } : { mark: '[?]', title: null };
}

export function SourceRef({ sourceId, figure, citedBy, locator, about, text }: SourceRefProps) {
  const openSource = useDetailStore((s) => s.openSource);
  const close = useDetailStore((s) => s.close);
  const request = useDetailStore((s) => (s.request?.kind === 'source' ? s.request : null));
  const { mark, title } = useSourceNumber(sourceId);
  const isOpen = request !== null && request.sourceId === sourceId && request.figure?.id === figure?.id && request.citedBy === citedBy;
  const label = text ?? mark;
  const name = text !== undefined
    ? `${text}: ${mark} ${title ?? about}`
    : `${mark} Source for ${about}${title !== null ? `: ${title}` : ''}`;
  return (
    <button
      type="button"
      className={`source-ref${text !== undefined ? ' source-ref-text' : ''}${isOpen ? ' is-open' : ''}`}
      aria-label={name}
      aria-expanded={isOpen}
      aria-controls={isOpen ? 'detail-pane' : undefined}
      title={`Show the source for ${about}${locator ? ` (${locator})` : ''}`}
      onClick={(event) => {
        if (isOpen) {
          close();
          return;
        }
        void openSource({ sourceId, figure, citedBy, locator: locator ?? figure?.sourceLocator ?? null }, event.currentTarget);
      }}
    >
      {label}
    </button>
  );
}
