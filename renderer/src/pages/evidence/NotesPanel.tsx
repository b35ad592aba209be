// The Notes tab: the list of notes (newest first, filtered as you type), the
// note open for reading and coding, or the form adding a note.
import { useMemo, useState } from 'react';
import type { NoteSummary } from '../../../../shared/evidence-schemas.ts';
import { WarningIcon } from '../../components/Icons.tsx';
import { FOCUS, useEvidenceStore } from '../../state/evidence.ts';
import { count, n, ukDate } from './lib.ts';
import { NoteForm } from './NoteForm.tsx';
import { NoteView } from './NoteView.tsx';
import { SortHeader, onRowArrows, useSortState, useSorted } from './parts.tsx';

/** More rows than this are filtered, not drawn: the count says how many match. */
const SHOWN_AT_MOST = 300;

type NoteSortKey = 'title' | 'written' | 'session' | 'witness' | 'excerpts' | 'links';

function noteValue(note: NoteSummary, key: NoteSortKey): string | number | null {
  switch (key) {
    case 'title':
      return note.title;
    case 'written':
      return note.writtenOn ?? note.createdAt.slice(0, 10);
    case 'session':
      return note.session?.title ?? null;
    case 'witness':
      return note.witness?.name ?? null;
    case 'excerpts':
      return note.counts.excerpts;
    case 'links':
      return note.counts.links;
  }
}

function matchesFilter(note: NoteSummary, words: string[]): boolean {
  if (words.length === 0) return true;
  const haystack = [note.title, note.session?.title, note.session?.reference, note.witness?.name, note.witness?.organisationName, note.source?.title, ukDate(note.writtenOn)]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

function NotesList() {
  const notes = useEvidenceStore((s) => s.notes);
  const status = useEvidenceStore((s) => s.listsStatus);
  const openNote = useEvidenceStore((s) => s.openNote);
  const setNoteForm = useEvidenceStore((s) => s.setNoteForm);
  const [filter, setFilter] = useState('');
  const [sort, onSort] = useSortState<NoteSortKey>({ key: 'written', descending: true });
  const words = useMemo(() => filter.toLowerCase().split(/\s+/).filter(Boolean), [filter]);
  const matching = useMemo(() => (notes ?? []).filter((note) => matchesFilter(note, words)), [notes, words]);
  const sorted = useSorted(matching, sort, noteValue);
  const shown = sorted.slice(0, SHOWN_AT_MOST);

  const total = notes?.length ?? 0;
  const countLine = words.length === 0
    ? `${count(total, 'note', 'notes')}${total > shown.length ? `; the first ${n(shown.length)} are shown: filter to find the rest` : ''}`
    : `${n(matching.length)} of ${count(total, 'note', 'notes')} match “${filter.trim()}”${matching.length > shown.length ? `; the first ${n(shown.length)} are shown` : ''}`;

  return (
    <section aria-labelledby={FOCUS.tab('notes')}>
      <div className="ev-list-head">
        <h2 id={FOCUS.tab('notes')} tabIndex={-1}>
          Notes
        </h2>
        {total > 0 && (
          <div className="ev-filter">
            <label htmlFor="notes-filter" className="sr-only">
              Filter notes
            </label>
            <input
              id="notes-filter"
              className="ev-input ev-filter-input"
              type="search"
              placeholder="Filter by title, witness, session…"
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
            />
          </div>
        )}
        <button type="button" className="button" onClick={() => setNoteForm('add')}>
          Add a note
        </button>
      </div>
      {notes === null ? (
        <p className="muted">{status === 'failed' ? 'The notes could not be read (see the notice above).' : 'Reading the notes…'}</p>
      ) : total === 0 ? (
        <div className="ev-empty">
          <p className="label">No notes yet.</p>
          <p>
            A note holds what a witness said at an evidence session, what a written submission argues, or what was seen on a site visit. Once it is
            written, select its passages to link them to the terms of reference and key questions.
          </p>
        </div>
      ) : (
        <>
          <p className="ev-count" aria-live="polite">
            {countLine}
          </p>
          <div className="table-wrap">
            <table className="data ev-table notes-table" onKeyDown={onRowArrows}>
              <caption className="sr-only">Notes: {countLine}. Up and Down arrows move between notes; Enter opens one.</caption>
              <thead>
                <tr>
                  <SortHeader label="Note" sortKey="title" sort={sort} onSort={onSort} />
                  <SortHeader label="Written" sortKey="written" sort={sort} onSort={onSort} className="col-date" />
                  <SortHeader label="Session" sortKey="session" sort={sort} onSort={onSort} />
                  <SortHeader label="Witness" sortKey="witness" sort={sort} onSort={onSort} />
                  <SortHeader label="Excerpts" sortKey="excerpts" sort={sort} onSort={onSort} className="num" />
                  <SortHeader label="Links" sortKey="links" sort={sort} onSort={onSort} className="num" />
                </tr>
              </thead>
              <tbody>
                {shown.map((note) => (
                  <tr key={note.id}>
                    <th scope="row" className="ev-title-cell">
                      <button type="button" id={FOCUS.row(note.id)} className="row-open" data-row-nav="open" onClick={() => void openNote(note.id)}>
                        {note.title}
                      </button>
                      {note.source !== null && <span className="cell-sub">Source: {note.source.title}</span>}
                    </th>
                    <td className="col-date">{ukDate(note.writtenOn, '—')}</td>
                    <td>{note.session !== null ? note.session.title : <span className="muted">None</span>}</td>
                    <td>
                      {note.witness !== null ? (
                        <>
                          {note.witness.name}
                          {note.witness.organisationName !== null && <span className="cell-sub">{note.witness.organisationName}</span>}
                        </>
                      ) : (
                        <span className="muted">None named</span>
                      )}
                    </td>
                    <td className="num">
                      {n(note.counts.excerpts)}
                      {note.counts.lostExcerpts > 0 && (
                        <span className="cell-sub lost-count">
                          <WarningIcon /> {n(note.counts.lostExcerpts)} lost
                        </span>
                      )}
                    </td>
                    <td className="num">{n(note.counts.links)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

export function NotesPanel() {
  const noteId = useEvidenceStore((s) => s.noteId);
  const noteForm = useEvidenceStore((s) => s.noteForm);
  if (noteForm === 'add') return <NoteForm note={null} />;
  if (noteId !== null) return <NoteView />;
  return <NotesList />;
}
