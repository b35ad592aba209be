// One term of reference or key question: its status, coverage and gaps; the
// evidence linked to it grouped by stance, each with its quote, who said it and
// where; the draft finding, saved explicitly; and suggested questions for guests.
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { LinkedEvidence, QuestionDetail, SuggestedQuestion } from '../../../../shared/evidence-schemas.ts';
import type { Stance } from '../../../../shared/schemas.ts';
import { WarningIcon } from '../../components/Icons.tsx';
import { ukDateTime } from '../../lib/format.ts';
import { FOCUS, useEvidenceStore, type Problem } from '../../state/evidence.ts';
import { QUESTION_FOCUS, useQuestionsStore } from '../../state/questions.ts';
import { useRouter } from '../../state/router.ts';
import { count, perspectiveWord, sessionKindWords, stanceMix, ukDate } from '../evidence/lib.ts';
import { ProblemNote, StanceIcon } from '../evidence/parts.tsx';
import { coverageWords, kindWords } from './lib.ts';
import { GapList, PerspectiveStrip, StatusControl } from './parts.tsx';

const STANCE_HEADINGS: Record<Stance, string> = { supports: 'Supports', challenges: 'Challenges', context: 'Context' };
const STANCE_NONE: Record<Stance, string> = {
  supports: 'Nothing supports this yet.',
  challenges: 'Nothing challenges this yet.',
  context: 'No context linked yet.',
};

export function openInNote(noteId: string, excerptId: string | null): void {
  void useEvidenceStore.getState().openNote(noteId, { excerptId, focus: excerptId !== null ? FOCUS.excerpt(excerptId) : FOCUS.note });
  useRouter.getState().go('evidence');
}

function EvidenceEntry({ entry }: { entry: LinkedEvidence }) {
  const { evidence, witness, source, session } = entry;
  return (
    <li className="evidence-entry">
      {evidence.quote !== null ? (
        <blockquote className="evidence-quote">“{evidence.quote}”</blockquote>
      ) : (
        <p className="evidence-summary">
          <span className="label">{evidence.title}</span>
          {evidence.summary !== null && `: ${evidence.summary}`}
        </p>
      )}
      <p className="evidence-from">
        {witness !== null ? (
          <>
            <span className="label">{witness.name}</span>
            {witness.role !== null && `, ${witness.role}`}
            {witness.organisationName !== null && `, ${witness.organisationName}`} <span className="muted">({perspectiveWord(witness.perspective).toLowerCase()})</span>
          </>
        ) : (
          <span className="muted">No witness named</span>
        )}
      </p>
      {(session !== null || source !== null) && (
        <p className="evidence-cite">
          {session !== null && (
            <>
              {session.title} ({sessionKindWords(session.kind).toLowerCase()}
              {session.heldOn !== null && `, ${ukDate(session.heldOn)}`}
              {session.reference !== null && `, ${session.reference}`})
            </>
          )}
          {session !== null && source !== null && ' · '}
          {source !== null && <>Source: {source.citation ?? source.title}</>}
        </p>
      )}
      {entry.comment !== null && (
        <p className="evidence-comment">
          <span className="label">Comment:</span> {entry.comment}
        </p>
      )}
      {evidence.lost && (
        <p className="lost-note">
          <WarningIcon /> Its words are no longer in the note after an edit; the quote is as it was coded.
        </p>
      )}
      {evidence.noteId !== null && (
        <button type="button" className="link-button small-link" onClick={() => openInNote(evidence.noteId!, evidence.kind === 'excerpt' ? evidence.id : null)}>
          Open in the note<span className="sr-only"> “{evidence.title}”</span>
        </button>
      )}
    </li>
  );
}

function Finding({ detail }: { detail: QuestionDetail }) {
  const item = detail.item;
  const draft = useQuestionsStore((s) => s.drafts[item.id]);
  const editFinding = useQuestionsStore((s) => s.editFinding);
  const saveFinding = useQuestionsStore((s) => s.saveFinding);
  const saved = item.draftFinding ?? '';
  const text = draft?.text ?? saved;
  const changed = text.trim() !== saved.trim();
  const state = draft?.state === 'saving' ? 'saving' : draft?.state === 'failed' ? 'failed' : changed ? 'unsaved' : 'saved';
  const save = () => void saveFinding({ kind: item.kind, id: item.id });
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if ((event.ctrlKey || event.metaKey) && (event.key === 's' || event.key === 'Enter')) {
      event.preventDefault();
      if (changed) save();
    }
  };
  return (
    <section className="q-card finding" aria-labelledby="finding-title">
      <h3 id="finding-title">
        <label htmlFor="finding-text">Draft finding</label>
      </h3>
      <p className="field-hint" id="finding-hint">
        What the evidence shows, in a sentence or two, for the report. Saved only when you choose Save (or press Ctrl+S here).
      </p>
      <textarea
        id="finding-text"
        className="ev-input ev-textarea finding-text"
        rows={7}
        value={text}
        aria-describedby="finding-hint finding-state"
        onChange={(event) => editFinding(item.id, event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="save-row">
        <button type="button" className="button" aria-disabled={!changed || state === 'saving'} onClick={() => changed && save()}>
          {state === 'saving' ? 'Saving…' : 'Save the draft finding'}
        </button>
        <p id="finding-state" className={`save-state save-${state}`}>
          {state === 'saving'
            ? 'Saving…'
            : state === 'failed'
              ? `Not saved: ${draft?.problem ?? 'see the notice above'}`
              : state === 'unsaved'
                ? 'Changed since it was last saved'
                : saved === ''
                  ? 'No draft finding yet'
                  : draft?.savedAt !== undefined && draft.savedAt !== null
                    ? `Saved at ${ukDateTime(new Date(draft.savedAt)).slice(11)}`
                    : 'Saved'}
        </p>
      </div>
    </section>
  );
}

function SuggestedEditor({ question, keyQuestionId, onDone }: { question: SuggestedQuestion | null; keyQuestionId: string; onDone: () => void }) {
  const addSuggested = useQuestionsStore((s) => s.addSuggested);
  const editSuggested = useQuestionsStore((s) => s.editSuggested);
  const witnesses = useEvidenceStore((s) => s.witnesses) ?? [];
  const [text, setText] = useState(question?.text ?? '');
  const [witnessId, setWitnessId] = useState(question?.witness?.id ?? '');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [textProblem, setTextProblem] = useState<string | null>(null);
  const base = question === null ? 'sq-new' : `sq-edit-${question.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') {
      setTextProblem('Write the question first.');
      document.getElementById(`${base}-text`)?.focus();
      return;
    }
    setTextProblem(null);
    const outcome = question === null ? await addSuggested(keyQuestionId, text, witnessId === '' ? null : witnessId) : await editSuggested(question.id, text, witnessId === '' ? null : witnessId);
    if (!outcome.ok) {
      setProblem(outcome.problem);
      return;
    }
    setProblem(null);
    if (question === null) {
      setText('');
      setWitnessId('');
      document.getElementById(`${base}-text`)?.focus();
    }
    onDone();
  };

  return (
    <form className={question === null ? 'sq-form' : 'sq-form is-editing'} onSubmit={(event) => void submit(event)} noValidate>
      <div className={textProblem !== null ? 'ev-field has-error' : 'ev-field'}>
        <label htmlFor={`${base}-text`} className="ev-label">
          {question === null ? 'Add a suggested question' : 'Question'}
        </label>
        {textProblem !== null && (
          <p className="ev-field-error" id={`${base}-error`}>
            <WarningIcon /> {textProblem}
          </p>
        )}
        <textarea
          id={`${base}-text`}
          className="ev-input ev-textarea"
          rows={2}
          value={text}
          aria-invalid={textProblem !== null ? true : undefined}
          aria-describedby={textProblem !== null ? `${base}-error` : undefined}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit(event);
            if (event.key === 'Escape' && question !== null) {
              event.preventDefault();
              onDone();
            }
          }}
        />
      </div>
      <div className="sq-form-row">
        <div className="ev-field">
          <label htmlFor={`${base}-witness`} className="ev-label">
            For
          </label>
          <select id={`${base}-witness`} className="ev-input ev-select" value={witnessId} onChange={(event) => setWitnessId(event.target.value)}>
            <option value="">Any guest</option>
            {witnesses.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
                {w.organisation !== null ? `, ${w.organisation.name}` : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="ev-form-actions">
          <button type="submit" className="button button-small">
            {question === null ? 'Add the question' : 'Save'}
          </button>
          {question !== null && (
            <button type="button" className="button button-quiet button-small" onClick={onDone}>
              Cancel
            </button>
          )}
        </div>
      </div>
      <ProblemNote problem={problem} />
    </form>
  );
}

function SuggestedQuestions({ detail }: { detail: QuestionDetail }) {
  const moveSuggested = useQuestionsStore((s) => s.moveSuggested);
  const deleteSuggested = useQuestionsStore((s) => s.deleteSuggested);
  const [editing, setEditing] = useState<string | null>(null);
  const item = detail.item;
  const list = detail.suggestedQuestions;
  if (item.kind !== 'keyQuestion') {
    return (
      <section className="q-card" aria-labelledby={QUESTION_FOCUS.suggestedList}>
        <h3 id={QUESTION_FOCUS.suggestedList} tabIndex={-1}>
          Suggested questions for guests
        </h3>
        <p className="muted">Suggested questions are kept under the key questions they help to answer.</p>
      </section>
    );
  }
  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>, question: SuggestedQuestion) => {
    if (event.target !== event.currentTarget) return;
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      void moveSuggested(item.id, question.id, event.key === 'ArrowUp' ? -1 : 1);
    } else if (event.key === 'F2' || event.key === 'Enter') {
      event.preventDefault();
      setEditing(question.id);
    } else if (event.key === 'Delete') {
      event.preventDefault();
      void deleteSuggested(question.id);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const sibling = (event.key === 'ArrowDown' ? event.currentTarget.nextElementSibling : event.currentTarget.previousElementSibling) as HTMLElement | null;
      if (sibling !== null) {
        event.preventDefault();
        sibling.focus();
      }
    }
  };
  return (
    <section className="q-card" aria-labelledby={QUESTION_FOCUS.suggestedList}>
      <h3 id={QUESTION_FOCUS.suggestedList} tabIndex={-1}>
        Suggested questions for guests <span className="heading-count">{list.length}</span>
      </h3>
      {list.length > 0 && (
        <p className="field-hint" id="sq-keys">
          On a question: Alt+Up and Alt+Down move it, Enter or F2 edits it, Delete removes it (Ctrl+Z undoes).
        </p>
      )}
      {list.length > 0 && (
        <ol className="suggested-list">
          {list.map((question, index) =>
            editing === question.id ? (
              <li key={question.id} className="suggested is-editing">
                <SuggestedEditor question={question} keyQuestionId={item.id} onDone={() => setEditing(null)} />
              </li>
            ) : (
              <li
                key={question.id}
                id={QUESTION_FOCUS.suggested(question.id)}
                className="suggested"
                tabIndex={0}
                aria-describedby="sq-keys"
                aria-label={`${index + 1} of ${list.length}: ${question.text}${question.witness !== null ? ` (for ${question.witness.name})` : ''}`}
                onKeyDown={(event) => onKeyDown(event, question)}
              >
                <span className="sq-number" aria-hidden="true">
                  {index + 1}.
                </span>
                <div className="sq-body">
                  <p className="sq-text">{question.text}</p>
                  {question.witness !== null && <p className="sq-for">For {question.witness.name}{question.witness.organisationName !== null ? `, ${question.witness.organisationName}` : ''}</p>}
                </div>
                <div className="sq-actions">
                  <button type="button" className="icon-button" aria-disabled={index === 0} title="Move up (Alt+Up)" onClick={() => index > 0 && void moveSuggested(item.id, question.id, -1)}>
                    <span aria-hidden="true">↑</span>
                    <span className="sr-only">Move up question {index + 1}</span>
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-disabled={index === list.length - 1}
                    title="Move down (Alt+Down)"
                    onClick={() => index < list.length - 1 && void moveSuggested(item.id, question.id, 1)}
                  >
                    <span aria-hidden="true">↓</span>
                    <span className="sr-only">Move down question {index + 1}</span>
                  </button>
                  <button type="button" className="link-button small-link" onClick={() => setEditing(question.id)}>
                    Edit<span className="sr-only"> question {index + 1}</span>
                  </button>
                  <button type="button" className="link-button small-link danger-link" onClick={() => void deleteSuggested(question.id)}>
                    Delete<span className="sr-only"> question {index + 1}</span>
                  </button>
                </div>
              </li>
            ),
          )}
        </ol>
      )}
      {list.length === 0 && <p className="muted">None yet. Questions for the guests at the next session, in the order they should be asked.</p>}
      <SuggestedEditor question={null} keyQuestionId={item.id} onDone={() => undefined} />
    </section>
  );
}

export function ItemView() {
  const detail = useQuestionsStore((s) => s.detail);
  const status = useQuestionsStore((s) => s.detailStatus);
  const items = useQuestionsStore((s) => s.items) ?? [];
  const openItem = useQuestionsStore((s) => s.openItem);
  const closeItem = useQuestionsStore((s) => s.closeItem);

  if (detail === null) {
    return (
      <section className="item-view" aria-labelledby={QUESTION_FOCUS.item}>
        <button type="button" className="link-button back-link" onClick={closeItem}>
          ← The checklist
        </button>
        <h2 id={QUESTION_FOCUS.item} tabIndex={-1}>
          {status === 'failed' ? 'The question could not be opened (see the notice above)' : 'Opening…'}
        </h2>
      </section>
    );
  }

  const item = detail.item;
  const index = items.findIndex((i) => i.id === item.id);
  const previous = index > 0 ? items[index - 1] : undefined;
  const next = index >= 0 && index < items.length - 1 ? items[index + 1] : undefined;
  const kinds = kindWords(item.coverage);
  return (
    <section className="item-view" aria-labelledby={QUESTION_FOCUS.item}>
      <nav className="item-nav" aria-label="Items">
        <button type="button" className="link-button back-link" onClick={closeItem}>
          ← The checklist
        </button>
        <span className="item-steps">
          {previous !== undefined && (
            <button type="button" className="button button-quiet button-small" onClick={() => void openItem(previous)}>
              ‹ {previous.label}
            </button>
          )}
          {next !== undefined && (
            <button type="button" className="button button-quiet button-small" onClick={() => void openItem(next)}>
              {next.label} ›
            </button>
          )}
        </span>
      </nav>
      <p className="ev-kicker">{item.label}</p>
      <h2 id={QUESTION_FOCUS.item} tabIndex={-1} className="item-title">
        {item.text}
      </h2>
      <div className="item-facts">
        <div className="item-fact">
          <span className="fact-label" id="item-status-label">
            Status
          </span>
          <StatusControl item={item} idPrefix="item" />
        </div>
        <div className="item-fact">
          <span className="fact-label">Evidence</span>
          <span>{item.links.total === 0 ? 'None linked yet' : stanceMix(item.links, ['link', 'links'])}</span>
        </div>
        <div className="item-fact">
          <span className="fact-label">Coverage</span>
          <span>
            {coverageWords(item.coverage, item.links.total)}
            {kinds !== '' && <span className="muted"> · {kinds}</span>}
          </span>
        </div>
      </div>
      <PerspectiveStrip coverage={item.coverage} />
      <div className="item-gaps">
        <h3 className="fact-label">Gaps</h3>
        <GapList gaps={item.gaps} />
        {item.lostExcerpts > 0 && (
          <p className="lost-note">
            <WarningIcon /> {count(item.lostExcerpts, 'linked passage has', 'linked passages have')} lost {item.lostExcerpts === 1 ? 'its' : 'their'} text in the note after an edit.
          </p>
        )}
      </div>
      <div className="item-columns">
        <div className="item-evidence">
          <h3 className="section-title">
            Linked evidence <span className="heading-count">{item.links.total}</span>
          </h3>
          {(['supports', 'challenges', 'context'] as const).map((stance) => {
            const entries = detail.evidence[stance];
            return (
              <section key={stance} className={`stance-group stance-group-${stance}`} aria-labelledby={`stance-${stance}-title`}>
                <h4 id={`stance-${stance}-title`} className={`stance stance-${stance}`}>
                  <StanceIcon stance={stance} />
                  {STANCE_HEADINGS[stance]} <span className="heading-count">{entries.length}</span>
                </h4>
                {entries.length === 0 ? (
                  <p className="muted stance-none">{STANCE_NONE[stance]}</p>
                ) : (
                  <ul className="evidence-list">
                    {entries.map((entry) => (
                      <EvidenceEntry key={entry.linkId} entry={entry} />
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </div>
        <div className="item-side">
          <Finding detail={detail} />
          <SuggestedQuestions detail={detail} />
        </div>
      </div>
    </section>
  );
}

