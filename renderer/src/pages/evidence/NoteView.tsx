// One note, for reading and coding: the text in a readable column with its
// coded passages marked, the coding panel that opens on a selection, and the
// coded passages listed beside the text with their links.
import { useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { ExcerptRecord, NoteDetail } from '../../../../shared/evidence-schemas.ts';
import { InfoIcon, WarningIcon } from '../../components/Icons.tsx';
import { UNDO_SHORTCUT } from '../../shortcuts.ts';
import { FOCUS, useEvidenceStore } from '../../state/evidence.ts';
import { useOverviewStore } from '../../state/overview.ts';
import { CodingPanel, type TargetOption } from './CodingPanel.tsx';
import { ExcerptList } from './ExcerptList.tsx';
import { count, numberExcerpts, perspectiveWord, reanchorLines, sessionKindWords, targetLabel, targetShort, ukDate } from './lib.ts';
import { NoteForm } from './NoteForm.tsx';
import { NoteText, type NoteTextHandle, type Passage } from './NoteText.tsx';

const PANEL_WIDTH = 480;

/** The terms of reference and key questions, as the coding panel offers them. */
export function useTargetOptions(linkedTo: ReadonlyMap<string, TargetOption['already']> = new Map()): TargetOption[] {
  const overview = useOverviewStore((s) => s.overview);
  return useMemo(() => {
    if (overview === null) return [];
    return [
      ...overview.terms.map((t) => ({ kind: 'term' as const, id: t.id, label: targetLabel('term', t.number), short: targetShort('term', t.number), text: t.text, already: linkedTo.get(t.id) ?? null })),
      ...overview.questions.map((q) => ({ kind: 'keyQuestion' as const, id: q.id, label: targetLabel('keyQuestion', q.number), short: targetShort('keyQuestion', q.number), text: q.text, already: linkedTo.get(q.id) ?? null })),
    ];
  }, [overview, linkedTo]);
}

function NoteMeta({ note }: { note: NoteDetail }) {
  const session = note.session;
  const witness = note.witness;
  return (
    <dl className="note-meta">
      <div>
        <dt>Written</dt>
        <dd>{ukDate(note.writtenOn, 'Date not recorded')}</dd>
      </div>
      <div>
        <dt>Session</dt>
        <dd>
          {session !== null ? (
            <>
              {session.title} <span className="muted">({sessionKindWords(session.kind).toLowerCase()}{session.heldOn !== null ? `, ${ukDate(session.heldOn)}` : ''})</span>
            </>
          ) : (
            <span className="muted">None</span>
          )}
        </dd>
      </div>
      <div>
        <dt>Witness</dt>
        <dd>
          {witness !== null ? (
            <>
              {witness.name}
              {witness.role !== null && `, ${witness.role}`}
              {witness.organisationName !== null && `, ${witness.organisationName}`} <span className="muted">({perspectiveWord(witness.perspective).toLowerCase()})</span>
            </>
          ) : (
            <span className="muted">None named</span>
          )}
        </dd>
      </div>
      <div>
        <dt>Source</dt>
        <dd>{note.source !== null ? note.source.title : <span className="muted">None</span>}</dd>
      </div>
    </dl>
  );
}

function ConfirmDeleteNote({ note, onCancel }: { note: NoteDetail; onCancel: () => void }) {
  const deleteNote = useEvidenceStore((s) => s.deleteNote);
  const excerpts = note.counts.excerpts;
  const links = note.counts.links;
  const effects = [excerpts > 0 ? count(excerpts, 'excerpt', 'excerpts') : null, links > 0 ? count(links, 'link to the questions', 'links to the questions') : null].filter(Boolean);
  return (
    <div className="confirm ev-confirm" role="group" aria-labelledby="confirm-note-title">
      <h3 id="confirm-note-title" tabIndex={-1}>
        Delete the note “{note.title}”?
      </h3>
      <p>
        {effects.length > 0 ? `Its ${effects.join(' and ')} go with it.` : 'Nothing else goes with it.'} You can undo this ({UNDO_SHORTCUT.label}).
      </p>
      <div className="ev-form-actions">
        <button type="button" className="button button-danger" onClick={() => void deleteNote(note.id)}>
          Delete the note
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Keep it
        </button>
      </div>
    </div>
  );
}

function ReanchorReport({ lines, onDismiss }: { lines: string[]; onDismiss: () => void }) {
  const lost = lines.some((line) => line.startsWith('Lost:'));
  return (
    <div className={`banner ${lost ? 'banner-warn' : 'banner-info'} reanchor-report`} id={FOCUS.reanchor} tabIndex={-1} role="region" aria-labelledby="reanchor-title">
      {lost ? <WarningIcon /> : <InfoIcon />}
      <div>
        <p className="banner-title" id="reanchor-title">
          Saved. What the edit did to the excerpts:
        </p>
        <ul>
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </div>
      <button type="button" className="button button-quiet button-small reanchor-dismiss" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

export function NoteView() {
  const note = useEvidenceStore((s) => s.note);
  const status = useEvidenceStore((s) => s.noteStatus);
  const noteForm = useEvidenceStore((s) => s.noteForm);
  const reanchor = useEvidenceStore((s) => s.reanchor);
  const activeExcerptId = useEvidenceStore((s) => s.activeExcerptId);
  const lastTarget = useEvidenceStore((s) => s.lastTarget);
  const lastStance = useEvidenceStore((s) => s.lastStance);
  const closeNote = useEvidenceStore((s) => s.closeNote);
  const setNoteForm = useEvidenceStore((s) => s.setNoteForm);
  const linkPassage = useEvidenceStore((s) => s.linkPassage);
  const setActive = useEvidenceStore((s) => s.setActiveExcerpt);
  const [pending, setPending] = useState<Passage | null>(null);
  const [selection, setSelection] = useState<Passage | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [dismissedReport, setDismissedReport] = useState<unknown>(null);
  const [panelStyle, setPanelStyle] = useState<CSSProperties>({ top: 0, left: 0, visibility: 'hidden' });
  const text = useRef<NoteTextHandle>(null);
  const reading = useRef<HTMLDivElement>(null);

  const numbers = useMemo(() => numberExcerpts(note?.excerpts ?? []), [note]);
  const linkedTo = useMemo(() => {
    const same = pending !== null ? note?.excerpts.find((x) => !x.lost && x.start === pending.start && x.end === pending.end) : undefined;
    return new Map((same?.links ?? []).map((l) => [l.target.id, l.stance] as const));
  }, [note, pending]);
  const options = useTargetOptions(linkedTo);
  const allOptions = useTargetOptions();

  // Place the panel under the passage being coded, inside the reading column.
  useLayoutEffect(() => {
    if (pending === null || reading.current === null) return;
    const wrap = reading.current.getBoundingClientRect();
    const marks = [...reading.current.querySelectorAll<HTMLElement>('.excerpt-mark.is-pending')];
    const rects = marks.flatMap((m) => [...m.getClientRects()]);
    const first = rects[0];
    const last = rects[rects.length - 1];
    if (first === undefined || last === undefined) return;
    const left = Math.max(0, Math.min(first.left - wrap.left, wrap.width - PANEL_WIDTH));
    setPanelStyle({ top: last.bottom - wrap.top + 8, left, width: PANEL_WIDTH });
  }, [pending, note]);

  // The column grows to hold the panel, so its foot never sits under the status bar at the end of the page.
  useLayoutEffect(() => {
    const column = reading.current;
    if (column === null) return;
    const panel = column.querySelector<HTMLElement>('.coding-panel');
    column.style.minHeight = panel !== null ? `${panel.offsetTop + panel.offsetHeight + 16}px` : '';
    panel?.scrollIntoView({ block: 'nearest' });
  }, [pending, panelStyle]);

  if (note === null) {
    return (
      <section className="note-view" aria-labelledby={FOCUS.note}>
        <button type="button" className="link-button back-link" onClick={closeNote}>
          ← All notes
        </button>
        <h2 id={FOCUS.note} tabIndex={-1}>
          {status === 'failed' ? 'The note could not be opened (see the notice above)' : 'Opening the note…'}
        </h2>
      </section>
    );
  }
  if (noteForm === 'edit') return <NoteForm note={note} />;

  const startCoding = (passage: Passage) => {
    setConfirmDelete(false);
    setPanelStyle({ top: 0, left: 0, visibility: 'hidden' });
    setPending(passage);
  };

  const finishCoding = (passage: Passage, collapse: boolean) => {
    setPending(null);
    requestAnimationFrame(() => text.current?.select(passage, { collapseToEnd: collapse }));
  };

  const onShow = (excerpt: ExcerptRecord) => {
    if (excerpt.start === null || excerpt.end === null) return;
    setActive(excerpt.id);
    text.current?.select({ start: excerpt.start, end: excerpt.end });
  };

  const onLinkAgain = (excerpt: ExcerptRecord) => {
    if (excerpt.start === null || excerpt.end === null) return;
    startCoding({ start: excerpt.start, end: excerpt.end });
  };

  const onPointAt = (ids: string[]) => {
    const first = ids[0];
    if (first === undefined) return;
    setActive(first);
    document.getElementById(FOCUS.excerpt(first))?.scrollIntoView({ block: 'nearest' });
  };

  const lines = reanchor !== null && reanchor.noteId === note.id && dismissedReport !== reanchor ? reanchorLines(reanchor.report) : null;
  const quote = pending !== null ? note.body.slice(pending.start, pending.end) : '';
  const initialTarget = lastTarget !== null && linkedTo.get(lastTarget.id) === undefined ? lastTarget.id : null;

  return (
    <section className="note-view" aria-labelledby={FOCUS.note}>
      <div className="note-bar">
        <button type="button" className="link-button back-link" onClick={closeNote}>
          ← All notes
        </button>
        <div className="note-actions">
          <button
            type="button"
            className="button button-small"
            aria-disabled={selection === null}
            aria-describedby="note-coding-hint"
            title={selection === null ? 'First select a passage in the text' : 'Link the selected passage to a question (Enter)'}
            onClick={() => {
              if (selection !== null) startCoding(selection);
              else text.current?.focus();
            }}
          >
            Code the selection <kbd className="kbd-on-accent" aria-hidden="true">Enter</kbd>
          </button>
          <button type="button" className="button button-quiet button-small" onClick={() => setNoteForm('edit')}>
            Edit the note
          </button>
          <button type="button" className="button button-quiet button-small" aria-expanded={confirmDelete} onClick={() => setConfirmDelete((c) => !c)}>
            Delete the note…
          </button>
        </div>
      </div>
      <p className="ev-kicker">Note</p>
      <h2 id={FOCUS.note} tabIndex={-1} className="note-title">
        {note.title}
      </h2>
      <NoteMeta note={note} />
      {confirmDelete && <ConfirmDeleteNote note={note} onCancel={() => setConfirmDelete(false)} />}
      {lines !== null && <ReanchorReport lines={lines} onDismiss={() => setDismissedReport(reanchor)} />}
      <div className="note-columns">
        <div className="note-reading" ref={reading}>
          <p id="note-coding-hint" className="coding-hint">
            Select a passage with the mouse, or put the cursor in the text, move with the arrow keys and hold Shift to select; then press Enter to
            link it to a question.
          </p>
          {note.body === '' ? (
            <p className="ev-empty">This note has no text yet. Use “Edit the note” to add it.</p>
          ) : (
            <NoteText
              ref={text}
              id={FOCUS.noteText}
              body={note.body}
              title={note.title}
              excerpts={note.excerpts}
              numbers={numbers}
              pending={pending}
              activeExcerptId={activeExcerptId}
              describedBy="note-coding-hint"
              onCode={startCoding}
              onPointAt={onPointAt}
              onSelectionChange={setSelection}
            />
          )}
          {pending !== null && (
            <CodingPanel
              key={`${pending.start}-${pending.end}`}
              quote={quote}
              options={options}
              initialTarget={initialTarget}
              initialStance={lastStance}
              style={panelStyle}
              onCancel={() => finishCoding(pending, false)}
              onLink={async (target, stance, comment) => {
                const outcome = await linkPassage(note.id, { start: pending.start, end: pending.end, target, stance, comment });
                if (!outcome.ok) return outcome.problem;
                finishCoding(pending, true);
                return null;
              }}
            />
          )}
        </div>
        <ExcerptList
          note={note}
          numbers={numbers}
          options={allOptions}
          activeExcerptId={activeExcerptId}
          selection={selection}
          onShow={onShow}
          onLinkAgain={onLinkAgain}
        />
      </div>
    </section>
  );
}
