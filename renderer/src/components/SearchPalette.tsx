// Ctrl+K: one search across services, notes, sources and figures, from anywhere.
// A modal dialog with a combobox and a listbox of hits, matches marked with <mark>.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../../shared/contract/search.ts';
import { useSearchStore, type HitKind } from '../state/search.ts';

const KIND_LABEL: Record<HitKind, string> = { service: 'Service', note: 'Note', source: 'Source', figure: 'Figure' };

function Marked({ segments }: { segments: SearchHit['title'] }) {
  return (
    <>
      {segments.map((segment, index) => (segment.match ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>))}
    </>
  );
}

export function SearchPalette() {
  const { open, text, hits, total, active, status, problem } = useSearchStore();
  const input = useRef<HTMLInputElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);

  useEffect(() => {
    if (open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      requestAnimationFrame(() => input.current?.select());
    } else {
      returnTo.current?.focus();
    }
  }, [open]);

  if (!open) return null;
  const store = useSearchStore.getState();

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'ArrowDown') store.move(1);
    else if (event.key === 'ArrowUp') store.move(-1);
    else if (event.key === 'Enter') store.choose();
    else if (event.key === 'Escape') store.hide();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  const summary =
    status === 'failed' ? `Search failed: ${problem ?? 'no answer'}`
      : text.trim() === '' ? 'Type to search services, notes, sources and figures.'
        : status === 'searching' && hits.length === 0 ? 'Searching…'
          : total === 0 ? `Nothing matches “${text.trim()}”.`
            : `${total.toLocaleString('en-GB')} ${total === 1 ? 'match' : 'matches'}${total > hits.length ? `, the best ${hits.length} shown` : ''}. Up and down arrows to choose, Enter to open.`;

  return (
    <div className="search-backdrop" onMouseDown={(event) => event.target === event.currentTarget && store.hide()}>
      <div className="search-palette" role="dialog" aria-modal="true" aria-labelledby="search-title" onKeyDown={onKeyDown}>
        <h2 id="search-title" className="sr-only">Search</h2>
        <label className="search-label" htmlFor="search-input">Search everything <kbd>Ctrl</kbd>+<kbd>K</kbd></label>
        <input
          id="search-input"
          ref={input}
          className="search-input"
          type="search"
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls="search-results"
          aria-activedescendant={hits.length > 0 ? `search-hit-${active}` : undefined}
          aria-describedby="search-summary"
          autoComplete="off"
          spellCheck={false}
          value={text}
          placeholder="Services, notes, sources, figures…"
          onChange={(event) => store.type(event.target.value)}
        />
        <p id="search-summary" className="search-summary" role="status">{summary}</p>
        <ul id="search-results" className="search-results" role="listbox" aria-label="Search results">
          {hits.map((hit, index) => (
            <li
              key={`${hit.kind}:${hit.id}`}
              id={`search-hit-${index}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'search-hit active' : 'search-hit'}
              onMouseEnter={() => store.setActive(index)}
              onClick={() => store.choose(index)}
            >
              <span className={`search-kind kind-${hit.kind}`}>{KIND_LABEL[hit.kind]}</span>
              <span className="search-hit-text">
                <span className="search-hit-title"><Marked segments={hit.title} /></span>
                {hit.snippet.length > 0 && <span className="search-hit-snippet"><Marked segments={hit.snippet} /></span>}
              </span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
