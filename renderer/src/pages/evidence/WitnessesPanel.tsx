// The Witnesses tab: who gave evidence, for which organisation, and whom they
// speak for (their perspective counts towards each question's coverage).
import { useState } from 'react';
import { witnessCreate, type Perspective, type WitnessRecord } from '../../../../shared/evidence-schemas.ts';
import { FOCUS, useEvidenceStore, type WitnessInput } from '../../state/evidence.ts';
import { SelectField, TextField } from './fields.tsx';
import { count, n, perspectiveWord, WITNESS_PERSPECTIVES } from './lib.ts';
import { SortHeader, onRowArrows, useSortState, useSorted } from './parts.tsx';
import { ConfirmDelete, FormShell, ListHead, RowActions, useRecordForm } from './records.tsx';

interface Draft {
  name: string;
  role: string;
  organisationName: string;
  perspective: string;
}

const IDS: Record<keyof Draft, string> = { name: 'witness-name', role: 'witness-role', organisationName: 'witness-organisation', perspective: 'witness-perspective' };

function WitnessForm({ witness }: { witness: WitnessRecord | null }) {
  const saveWitness = useEvidenceStore((s) => s.saveWitness);
  const setForm = useEvidenceStore((s) => s.setForm);
  const requestFocus = useEvidenceStore((s) => s.requestFocus);
  const [draft, setDraft] = useState<Draft>(() => ({
    name: witness?.name ?? '',
    role: witness?.role ?? '',
    organisationName: witness?.organisation?.name ?? '',
    perspective: witness?.perspective ?? '',
  }));
  const { problems, formProblem, saving, submit, clear } = useRecordForm<WitnessInput>(IDS);
  const change = (field: keyof Draft) => (value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    clear(field);
  };

  const build = () => {
    const sameOrganisation = witness?.organisation?.name === draft.organisationName.trim();
    const input: WitnessInput = {
      name: draft.name,
      role: draft.role,
      ...(draft.perspective !== '' ? { perspective: draft.perspective as Perspective } : {}),
      ...(sameOrganisation ? {} : { organisationName: draft.organisationName.trim() === '' ? null : draft.organisationName }),
    };
    return { input, problems: {} };
  };

  return (
    <FormShell
      tab="witnesses"
      title={witness === null ? 'Add a witness' : `Edit the witness ${witness.name}`}
      problem={formProblem}
      saving={saving}
      saveLabel={witness === null ? 'Add the witness' : 'Save the witness'}
      onCancel={() => {
        setForm('witnesses', null);
        requestFocus(witness !== null ? FOCUS.row(witness.id) : FOCUS.tab('witnesses'));
      }}
      onSubmit={(event) => void submit(event, build, witnessCreate, (input) => saveWitness(input, witness?.id ?? null))}
    >
      <TextField id={IDS.name} label="Name" value={draft.name} onChange={change('name')} error={problems.name} />
      <TextField id={IDS.role} label="Role" optional value={draft.role} onChange={change('role')} error={problems.role} />
      <TextField id={IDS.organisationName} label="Organisation" optional hint="Matched to one already known, or added" value={draft.organisationName} onChange={change('organisationName')} error={problems.organisationName} />
      <SelectField
        id={IDS.perspective}
        label="Speaks for"
        hint="Counts towards the coverage of each question their evidence is linked to"
        value={draft.perspective}
        onChange={change('perspective')}
        error={problems.perspective}
        options={[...(witness === null ? [{ value: '', label: 'As their organisation (else “other”)' }] : []), ...WITNESS_PERSPECTIVES.map((p) => ({ value: p, label: perspectiveWord(p) }))]}
      />
    </FormShell>
  );
}

function deleteEffects(witness: WitnessRecord): string[] {
  return [
    witness.sessions.length > 0 ? `${count(witness.sessions.length, 'evidence session no longer lists', 'evidence sessions no longer list')} them.` : null,
    witness.notes > 0 ? `${count(witness.notes, 'note no longer names', 'notes no longer name')} a witness; the links stay, but no longer count towards ${perspectiveWord(witness.perspective).toLowerCase()} coverage.` : null,
  ].filter((x): x is string => x !== null);
}

type SortKey = 'name' | 'organisation' | 'perspective' | 'sessions' | 'notes' | 'links';

function sortValue(w: WitnessRecord, key: SortKey): string | number | null {
  switch (key) {
    case 'name':
      return w.name;
    case 'organisation':
      return w.organisation?.name ?? null;
    case 'perspective':
      return perspectiveWord(w.perspective);
    case 'sessions':
      return w.sessions.length;
    case 'notes':
      return w.notes;
    case 'links':
      return w.links;
  }
}

export function WitnessesPanel() {
  const witnesses = useEvidenceStore((s) => s.witnesses);
  const status = useEvidenceStore((s) => s.listsStatus);
  const form = useEvidenceStore((s) => s.forms.witnesses);
  const setForm = useEvidenceStore((s) => s.setForm);
  const deleteWitness = useEvidenceStore((s) => s.deleteWitness);
  const requestFocus = useEvidenceStore((s) => s.requestFocus);
  const [sort, onSort] = useSortState<SortKey>({ key: 'name', descending: false });
  const sorted = useSorted(witnesses, sort, sortValue);
  const current = form !== null && form.mode !== 'add' ? witnesses?.find((w) => w.id === form.id) ?? null : null;

  return (
    <section aria-labelledby={FOCUS.tab('witnesses')}>
      <ListHead
        tab="witnesses"
        title="Witnesses"
        countText={witnesses !== null ? count(witnesses.length, 'witness', 'witnesses') : null}
        addLabel="Add a witness"
        onAdd={() => setForm('witnesses', { mode: 'add' })}
      />
      {form?.mode === 'add' && <WitnessForm key="add" witness={null} />}
      {form?.mode === 'edit' && current !== null && <WitnessForm key={current.id} witness={current} />}
      {form?.mode === 'delete' && current !== null && (
        <ConfirmDelete
          tab="witnesses"
          title={`Delete the witness ${current.name}?`}
          effects={deleteEffects(current)}
          confirmLabel="Delete the witness"
          onConfirm={() => void deleteWitness(current.id)}
          onCancel={() => {
            setForm('witnesses', null);
            requestFocus(FOCUS.row(current.id));
          }}
        />
      )}
      {witnesses === null ? (
        <p className="muted">{status === 'failed' ? 'The witnesses could not be read (see the notice above).' : 'Reading the witnesses…'}</p>
      ) : witnesses.length === 0 ? (
        <div className="ev-empty">
          <p className="label">No witnesses yet.</p>
          <p>
            A witness is someone who gives oral or written evidence: a commissioner, a provider, a borough officer, a service user or an expert. Whom
            they speak for shows which voices each question has heard.
          </p>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="data ev-table" onKeyDown={onRowArrows}>
            <caption className="sr-only">Witnesses: {count(witnesses.length, 'witness', 'witnesses')}</caption>
            <thead>
              <tr>
                <SortHeader label="Name" sortKey="name" sort={sort} onSort={onSort} />
                <SortHeader label="Organisation" sortKey="organisation" sort={sort} onSort={onSort} />
                <SortHeader label="Speaks for" sortKey="perspective" sort={sort} onSort={onSort} />
                <SortHeader label="Sessions" sortKey="sessions" sort={sort} onSort={onSort} className="num" />
                <SortHeader label="Notes" sortKey="notes" sort={sort} onSort={onSort} className="num" />
                <SortHeader label="Links" sortKey="links" sort={sort} onSort={onSort} className="num" />
                <th scope="col" className="action">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((witness) => (
                <tr key={witness.id}>
                  <th scope="row" className="ev-title-cell">
                    {witness.name}
                    {witness.role !== null && <span className="cell-sub">{witness.role}</span>}
                  </th>
                  <td>{witness.organisation?.name ?? <span className="muted">—</span>}</td>
                  <td className="nowrap">{perspectiveWord(witness.perspective)}</td>
                  <td className="num" title={witness.sessions.map((s) => s.title).join('; ')}>
                    {n(witness.sessions.length)}
                  </td>
                  <td className="num">{n(witness.notes)}</td>
                  <td className="num">{n(witness.links)}</td>
                  <RowActions
                    name={witness.name}
                    editId={FOCUS.row(witness.id)}
                    onEdit={() => setForm('witnesses', { mode: 'edit', id: witness.id })}
                    onDelete={() => setForm('witnesses', { mode: 'delete', id: witness.id })}
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
