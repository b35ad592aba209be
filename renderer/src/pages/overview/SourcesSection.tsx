// The sources the overview's figures cite, numbered as their reference marks.
import type { Source } from '../../../../shared/schemas.ts';
import { Section } from '../../components/Section.tsx';
import { SourceRef } from '../../components/SourceRef.tsx';
import { referenceMark, sourceKindWords } from '../../lib/format.ts';

export function SourcesSection({ sources }: { sources: Source[] }) {
  return (
    <Section id="sources" title="Sources" intro="Every figure on this page is numbered to one of these. Open one to read its full citation.">
      {sources.length === 0 ? (
        <p className="empty-note">No sources are cited yet.</p>
      ) : (
        <ol className="sources">
          {sources.map((source, index) => (
            <li key={source.id}>
              <span className="source-number">{referenceMark(index)}</span>
              <div>
                <p className="source-title">{source.title}</p>
                <p className="source-meta">
                  {sourceKindWords(source.kind)}
                  {source.publisher !== null && <> · {source.publisher}</>}
                </p>
              </div>
              <SourceRef sourceId={source.id} citedBy="the list of sources" about={source.title} text="Show citation" />
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
