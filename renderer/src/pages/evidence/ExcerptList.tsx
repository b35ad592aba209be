// Beside the text: each coded passage in reading order, numbered as in the
// text, with its links (question, stance, comment), each editable and
// removable; passages whose text is lost after an edit come last, with a way
// to place them again.
import { useState, type FormEvent } from 'react';
import type { ExcerptRecord, LinkRecord, NoteDetail } from '../../../../shared/evidence-schemas.ts';
import type { Stance } from '../../../../shared/schemas.ts';
import { WarningIcon } from '../../components/Icons.tsx';
import { FOCUS, useEvidenceStore, type Problem } from '../../state/evidence.ts';
import { StanceChoice, type TargetOption } from './CodingPanel.tsx';
import { count, shortQuote, targetShort } from './lib.ts';
import { ProblemNote, StanceMark } from './parts.tsx';
import type { Passage } from './NoteText.tsx';

function LinkEditor({ link, options, onDone }: { link: LinkRecord; options: readonly TargetOption[]; onDone: (saved: boolean) => void }) {
  const updateLink = useEvidenceStore((s) => s.updateLink);
  const [target, setTarget] = useState(link.target.id);
  const [stance, setStance] = useState<Stance>(link.stance);
  const [comment, setComment] = useState(link.comment ?? '');
  const [problem, setProblem] = useState<Problem | null>(null);
  const chosen = options.find((o) => o.id === target);
  const base = `link-edit-${link.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const outcome = await updateLink({
      id: link.id,
      stance,
      comment,
      ...(chosen !== undefined && chosen.id !== link.target.id ? { target: { kind: chosen.kind, id: chosen.id } } : {}),
    });
    if (outcome.ok) onDone(true);
    else setProblem(outcome.problem);
  };

  return (
    <form className="link-editor" onSubmit={(event) => void submit(event)} aria-label={`Edit the link to ${link.target.label.toLowerCase()}`}>
      <div className="ev-field">
        <label htmlFor={`${base}-target`} className="ev-label">
          Question
        </label>
        <select id={`${base}-target`} className="ev-input ev-select" value={target} onChange={(event) => setTarget(event.target.value)}>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.short}: {shortQuote(o.text, 60)}
            </option>
          ))}
        </select>
      </div>
      <StanceChoice name={`${base}-stance`} value={stance} onChange={setStance} />
      <div className="ev-field">
        <label htmlFor={`${base}-comment`} className="ev-label">
          Comment<span className="optional-mark"> (optional)</span>
        </label>
        <textarea id={`${base}-comment`} className="ev-input ev-textarea" rows={2} value={comment} onChange={(event) => setComment(event.target.value)} />
      </div>
      <ProblemNote problem={problem} />
      <div className="ev-form-actions">
        <button type="submit" className="button button-small">
          Save link
        </button>
        <button type="button" className="button button-quiet button-small" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function LinkLine({ link, options, lastLink }: { link: LinkRecord; options: readonly TargetOption[]; lastLink: boolean }) {
  const deleteLink = useEvidenceStore((s) => s.deleteLink);
  const [editing, setEditing] = useState(false);
  const what = link.target.label.toLowerCase();
  if (editing) {
    return (
      <li className="excerpt-link is-editing">
        <LinkEditor
          link={link}
          options={options}
          onDone={() => {
            setEditing(false);
          }}
        />
      </li>
    );
  }
  return (
    <li className="excerpt-link">
      <p className="excerpt-link-head">
        <span className="target-chip" title={`${link.target.label}: ${link.target.text}`}>
          {targetShort(link.target.kind, link.target.number)}
        </span>
        <StanceMark stance={link.stance} />
        <span className="excerpt-link-actions">
          <button type="button" className="link-button small-link" onClick={() => setEditing(true)}>
            Edit<span className="sr-only"> the link to {what}</span>
          </button>
          <button
            type="button"
            className="link-button small-link danger-link"
            title={lastLink ? 'Removes the link; the passage is no longer coded. Ctrl+Z undoes it.' : 'Removes the link. Ctrl+Z undoes it.'}
            onClick={() => void deleteLink(link.id)}
          >
            Remove<span className="sr-only"> the link to {what}{lastLink ? ' (the passage stops being coded)' : ''}</span>
          </button>
        </span>
      </p>
      {link.comment !== null && <p className="excerpt-comment">{link.comment}</p>}
    </li>
  );
}

function ExcerptCard({
  excerpt, number, active, options, selection, onShow, onLinkAgain,
}: {
  excerpt: ExcerptRecord;
  number: number;
  active: boolean;
  options: readonly TargetOption[];
  selection: Passage | null;
  onShow: (excerpt: ExcerptRecord) => void;
  onLinkAgain: (excerpt: ExcerptRecord) => void;
}) {
  const deleteExcerpt = useEvidenceStore((s) => s.deleteExcerpt);
  const moveExcerpt = useEvidenceStore((s) => s.moveExcerpt);
  const setActive = useEvidenceStore((s) => s.setActiveExcerpt);
  const [whole, setWhole] = useState(false);
  const long = excerpt.quote.length > 280;
  const classes = ['excerpt-card', active ? 'is-active' : '', excerpt.lost ? 'is-lost' : ''].filter(Boolean).join(' ');
  const headingId = `${FOCUS.excerpt(excerpt.id)}-heading`;
  return (
    <li className={classes} id={FOCUS.excerpt(excerpt.id)} tabIndex={-1} aria-labelledby={headingId} onFocus={() => setActive(excerpt.id)}>
      <div className="excerpt-head">
        <h4 id={headingId} className="excerpt-number">
          <span aria-hidden="true">{number}</span>
          <span className="sr-only">Excerpt {number}</span>
        </h4>
        {excerpt.lost ? (
          <span className="lost-mark">
            <WarningIcon /> Text lost
          </span>
        ) : (
          <button type="button" className="link-button small-link" onClick={() => onShow(excerpt)}>
            Show in text<span className="sr-only"> (excerpt {number})</span>
          </button>
        )}
      </div>
      <blockquote className={whole || !long ? 'excerpt-quote' : 'excerpt-quote is-clamped'} title={long && !whole ? excerpt.quote : undefined}>
        {excerpt.quote}
      </blockquote>
      {long && (
        <button type="button" className="link-button small-link" aria-expanded={whole} onClick={() => setWhole((w) => !w)}>
          {whole ? 'Show less' : 'Show the whole passage'}
        </button>
      )}
      {excerpt.lost && (
        <p className="lost-note">
          Its words are no longer in the note after an edit. It keeps its {count(excerpt.links.length, 'link', 'links')}: select the words it should mark and
          place it there, or delete it.
        </p>
      )}
      <ul className="excerpt-links" aria-label={`Links of excerpt ${number}`}>
        {excerpt.links.map((link) => (
          <LinkLine key={link.id} link={link} options={options} lastLink={excerpt.links.length === 1} />
        ))}
      </ul>
      <p className="excerpt-actions">
        {excerpt.lost ? (
          <button
            type="button"
            className="button button-quiet button-small"
            aria-disabled={selection === null}
            title={selection === null ? 'First select the words in the text' : 'Moves it onto the words selected in the text'}
            onClick={() => {
              if (selection !== null) void moveExcerpt(excerpt.id, selection.start, selection.end);
            }}
          >
            Place on the selected text
          </button>
        ) : (
          <button type="button" className="link-button small-link" onClick={() => onLinkAgain(excerpt)}>
            Link to another question<span className="sr-only"> (excerpt {number})</span>
          </button>
        )}
        <button type="button" className="link-button small-link danger-link" onClick={() => void deleteExcerpt(excerpt.id)}>
          Delete excerpt<span className="sr-only"> {number}</span>
          {excerpt.links.length > 0 && <span className="sr-only"> and its {count(excerpt.links.length, 'link', 'links')}</span>}
        </button>
      </p>
    </li>
  );
}

export function ExcerptList({
  note, numbers, options, activeExcerptId, selection, onShow, onLinkAgain,
}: {
  note: NoteDetail;
  numbers: ReadonlyMap<string, number>;
  options: readonly TargetOption[];
  activeExcerptId: string | null;
  selection: Passage | null;
  onShow: (excerpt: ExcerptRecord) => void;
  onLinkAgain: (excerpt: ExcerptRecord) => void;
}) {
  const deleteLink = useEvidenceStore((s) => s.deleteLink);
  const ordered = [...note.excerpts].sort((a, b) => (numbers.get(a.id) ?? 0) - (numbers.get(b.id) ?? 0));
  const lost = ordered.filter((x) => x.lost).length;
  return (
    <aside className="excerpt-margin" aria-labelledby="excerpts-title">
      <h3 id="excerpts-title" tabIndex={-1}>
        Excerpts <span className="heading-count">{ordered.length}</span>
      </h3>
      {lost > 0 && (
        <p className="lost-summary">
          <WarningIcon /> {count(lost, 'excerpt has', 'excerpts have')} lost {lost === 1 ? 'its' : 'their'} text: at the end of the list.
        </p>
      )}
      {ordered.length === 0 ? (
        <p className="muted excerpt-empty">None yet. An excerpt is a passage of the note linked to a term of reference or key question: select words in the text and press Enter.</p>
      ) : (
        <ol className="excerpt-list">
          {ordered.map((excerpt) => (
            <ExcerptCard
              key={excerpt.id}
              excerpt={excerpt}
              number={numbers.get(excerpt.id) ?? 0}
              active={excerpt.id === activeExcerptId}
              options={options}
              selection={selection}
              onShow={onShow}
              onLinkAgain={onLinkAgain}
            />
          ))}
        </ol>
      )}
      {note.noteLinks.length > 0 && (
        <section className="note-links" aria-labelledby="note-links-title">
          <h3 id="note-links-title">The whole note is linked to</h3>
          <ul className="excerpt-links">
            {note.noteLinks.map((link) => (
              <li key={link.id} className="excerpt-link">
                <p className="excerpt-link-head">
                  <span className="target-chip" title={`${link.target.label}: ${link.target.text}`}>
                    {targetShort(link.target.kind, link.target.number)}
                  </span>
                  <StanceMark stance={link.stance} />
                  <span className="excerpt-link-actions">
                    <button type="button" className="link-button small-link danger-link" onClick={() => void deleteLink(link.id)}>
                      Remove<span className="sr-only"> the link of the whole note to {link.target.label.toLowerCase()}</span>
                    </button>
                  </span>
                </p>
                {link.comment !== null && <p className="excerpt-comment">{link.comment}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </aside>
  );
}
