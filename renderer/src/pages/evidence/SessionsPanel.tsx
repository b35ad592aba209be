// The Sessions tab: oral evidence sessions, written submissions and site
// visits, newest first, with who attended and the record they are kept in.
import { useState } from 'react';
import { sessionCreate, type SessionKind, type SessionRecord } from '../../../../shared/evidence-schemas.ts';
import { FOCUS, useEvidenceStore, type SessionInput } from '../../state/evidence.ts';
import { DateField, SelectField, TextField } from './fields.tsx';
import { count, n, perspectiveWord, readDate, SESSION_KINDS, sessionKindWords, ukDate } from './lib.ts';
import { SortHeader, onRowArrows, useSortState, useSorted } from './parts.tsx';
import { ConfirmDelete, FormShell, ListHead, RowActions, useRecordForm } from './records.tsx';

interface Draft {
  kind: SessionKind;
  title: string;
  reference: string;
  heldOn: string;
  location: string;
  sourceId: string;
  witnessIds: string[];
}

const IDS = {
  kind: 'session-kind-oral',
  title: 'session-title',
  reference: 'session-reference',
  heldOn: 'session-held',
  location: 'session-location',
  sourceId: 'session-source',
  witnessIds: 'session-witnesses',
};

function SessionForm({ session }: { session: SessionRecord | null }) {
  const saveSession = useEvidenceStore((s) => s.saveSession);
  const setForm = useEvidenceStore((s) => s.setForm);
  const requestFocus = useEvidenceStore((s) => s.requestFocus);
  const sources = useEvidenceStore((s) => s.sources) ?? [];
  const witnesses = useEvidenceStore((s) => s.witnesses) ?? [];
  const [draft, setDraft] = useState<Draft>(() => ({
    kind: session?.kind ?? 'oral',
    title: session?.title ?? '',
    reference: session?.reference ?? '',
    heldOn: ukDate(session?.heldOn),
    location: session?.location ?? '',
    sourceId: session?.source?.id ?? '',
    witnessIds: session?.witnesses.map((w) => w.id) ?? [],
  }));
  const { problems, formProblem, saving, submit, clear } = useRecordForm<SessionInput>(IDS);
  const change = (field: 'title' | 'reference' | 'heldOn' | 'location' | 'sourceId') => (value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    clear(field);
  };

  const build = () => {
    const found: Record<string, string> = {};
    const held = readDate(draft.heldOn);
    if (!held.ok) found.heldOn = held.message;
    const input: SessionInput = {
      kind: draft.kind,
      title: draft.title,
      reference: draft.reference,
      heldOn: held.ok ? held.iso : null,
      location: draft.location,
      sourceId: draft.sourceId === '' ? null : draft.sourceId,
      witnessIds: draft.witnessIds,
    };
    return { input, problems: found };
  };

  return (
    <FormShell
      tab="sessions"
      title={session === null ? 'Add an evidence session' : `Edit the evidence session “${session.title}”`}
      problem={formProblem}
      saving={saving}
      saveLabel={session === null ? 'Add the session' : 'Save the session'}
      onCancel={() => {
        setForm('sessions', null);
        requestFocus(session !== null ? FOCUS.row(session.id) : FOCUS.tab('sessions'));
      }}
      onSubmit={(event) => void submit(event, build, sessionCreate, (input) => saveSession(input, session?.id ?? null))}
    >
      <fieldset className="choice-row span-2">
        <legend className="ev-label">Kind</legend>
        {SESSION_KINDS.map((kind) => (
          <label key={kind} className="inline-choice">
            <input type="radio" id={`session-kind-${kind}`} name="session-kind" checked={draft.kind === kind} onChange={() => setDraft((d) => ({ ...d, kind }))} />
            {sessionKindWords(kind)}
          </label>
        ))}
      </fieldset>
      <TextField id={IDS.title} label="Title" value={draft.title} onChange={change('title')} error={problems.title} className="span-2" />
      <TextField id={IDS.reference} label="Reference" optional hint="The committee’s number for it, such as MVC003" value={draft.reference} onChange={change('reference')} error={problems.reference} />
      <DateField id={IDS.heldOn} label={draft.kind === 'written' ? 'Received on' : 'Held on'} optional value={draft.heldOn} onChange={change('heldOn')} error={problems.heldOn} />
      <TextField id={IDS.location} label="Location" optional value={draft.location} onChange={change('location')} error={problems.location} />
      <SelectField
        id={IDS.sourceId}
        label="Record"
        optional
        hint="The transcript, submission or visit report it is kept in"
        value={draft.sourceId}
        onChange={change('sourceId')}
        error={problems.sourceId}
        options={[{ value: '', label: 'No record yet' }, ...sources.map((s) => ({ value: s.id, label: s.title }))]}
      />
      <fieldset className="witness-choices span-2" aria-describedby={problems.witnessIds !== undefined ? 'session-witnesses-error' : undefined}>
        <legend className="ev-label">{draft.kind === 'written' ? 'Submitted by' : 'Who attended'}</legend>
        {problems.witnessIds !== undefined && (
          <p className="ev-field-error" id="session-witnesses-error">
            {problems.witnessIds}
          </p>
        )}
        {witnesses.length === 0 ? (
          <p className="muted" id={IDS.witnessIds}>
            No witnesses yet: add them on the Witnesses tab.
          </p>
        ) : (
          <ul className="checkbox-list" id={IDS.witnessIds}>
            {witnesses.map((w) => (
              <li key={w.id} className="checkbox-field">
                <input
                  type="checkbox"
                  id={`session-witness-${w.id}`}
                  checked={draft.witnessIds.includes(w.id)}
                  onChange={(event) => {
                    const on = event.target.checked;
                    setDraft((d) => ({ ...d, witnessIds: on ? [...d.witnessIds, w.id] : d.witnessIds.filter((x) => x !== w.id) }));
                  }}
                />
                <label htmlFor={`session-witness-${w.id}`}>
                  {w.name}
                  <span className="muted">
                    {w.organisation !== null ? `, ${w.organisation.name}` : ''} ({perspectiveWord(w.perspective).toLowerCase()})
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
    </FormShell>
  );
}

type SortKey = 'held' | 'title' | 'kind' | 'witnesses' | 'notes';

function sortValue(s: SessionRecord, key: SortKey): string | number | null {
  switch (key) {
    case 'held':
      return s.heldOn;
    case 'title':
      return s.title;
    case 'kind':
      return sessionKindWords(s.kind);
    case 'witnesses':
      return s.witnesses.length;
    case 'notes':
      return s.notes;
  }
}

export function SessionsPanel() {
  const sessions = useEvidenceStore((s) => s.sessions);
  const status = useEvidenceStore((s) => s.listsStatus);
  const form = useEvidenceStore((s) => s.forms.sessions);
  const setForm = useEvidenceStore((s) => s.setForm);
  const deleteSession = useEvidenceStore((s) => s.deleteSession);
  const requestFocus = useEvidenceStore((s) => s.requestFocus);
  const [sort, onSort] = useSortState<SortKey>({ key: 'held', descending: true });
  const sorted = useSorted(sessions, sort, sortValue);
  const current = form !== null && form.mode !== 'add' ? sessions?.find((s) => s.id === form.id) ?? null : null;

  return (
    <section aria-labelledby={FOCUS.tab('sessions')}>
      <ListHead
        tab="sessions"
        title="Evidence sessions"
        countText={sessions !== null ? count(sessions.length, 'session', 'sessions') : null}
        addLabel="Add a session"
        onAdd={() => setForm('sessions', { mode: 'add' })}
      />
      {form?.mode === 'add' && <SessionForm key="add" session={null} />}
      {form?.mode === 'edit' && current !== null && <SessionForm key={current.id} session={current} />}
      {form?.mode === 'delete' && current !== null && (
        <ConfirmDelete
          tab="sessions"
          title={`Delete the evidence session “${current.title}”?`}
          effects={current.notes > 0 ? [`${count(current.notes, 'note stays', 'notes stay')}, no longer in a session; their links stay.`] : []}
          confirmLabel="Delete the session"
          onConfirm={() => void deleteSession(current.id)}
          onCancel={() => {
            setForm('sessions', null);
            requestFocus(FOCUS.row(current.id));
          }}
        />
      )}
      {sessions === null ? (
        <p className="muted">{status === 'failed' ? 'The sessions could not be read (see the notice above).' : 'Reading the sessions…'}</p>
      ) : sessions.length === 0 ? (
        <div className="ev-empty">
          <p className="label">No evidence sessions yet.</p>
          <p>An evidence session is a meeting with guests (oral evidence), a written submission, or a site visit. Notes of what was said belong to it.</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="data ev-table" onKeyDown={onRowArrows}>
            <caption className="sr-only">Evidence sessions: {count(sessions.length, 'session', 'sessions')}</caption>
            <thead>
              <tr>
                <SortHeader label="Held" sortKey="held" sort={sort} onSort={onSort} className="col-date" />
                <SortHeader label="Session" sortKey="title" sort={sort} onSort={onSort} />
                <SortHeader label="Kind" sortKey="kind" sort={sort} onSort={onSort} />
                <SortHeader label="Witnesses" sortKey="witnesses" sort={sort} onSort={onSort} />
                <th scope="col">Record</th>
                <SortHeader label="Notes" sortKey="notes" sort={sort} onSort={onSort} className="num" />
                <th scope="col" className="action">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((session) => (
                <tr key={session.id}>
                  <td className="col-date">{ukDate(session.heldOn, '—')}</td>
                  <th scope="row" className="ev-title-cell">
                    {session.title}
                    {(session.reference !== null || session.location !== null) && (
                      <span className="cell-sub">{[session.reference, session.location].filter(Boolean).join(' · ')}</span>
                    )}
                  </th>
                  <td className="nowrap">{sessionKindWords(session.kind)}</td>
                  <td>{session.witnesses.length > 0 ? session.witnesses.map((w) => w.name).join(', ') : <span className="muted">None listed</span>}</td>
                  <td>{session.source?.title ?? <span className="muted">None</span>}</td>
                  <td className="num">{n(session.notes)}</td>
                  <RowActions
                    name={`the session “${session.title}”`}
                    editId={FOCUS.row(session.id)}
                    onEdit={() => setForm('sessions', { mode: 'edit', id: session.id })}
                    onDelete={() => setForm('sessions', { mode: 'delete', id: session.id })}
                  />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
