// What the Sources, Witnesses and Sessions tabs share: the head with its count
// and Add button, the row's Edit and Delete, the delete confirmation that says
// its effects, and a form's save with problems put by their fields.
import { useState, type FormEvent, type ReactNode } from 'react';
import type { z } from 'zod';
import { UNDO_SHORTCUT } from '../../shortcuts.ts';
import { FOCUS, type EvidenceTab, type Outcome, type Problem } from '../../state/evidence.ts';
import { fieldProblems } from './lib.ts';
import { ProblemNote } from './parts.tsx';

export function ListHead({ tab, title, countText, addLabel, onAdd }: { tab: EvidenceTab; title: string; countText: string | null; addLabel: string; onAdd: () => void }) {
  return (
    <div className="ev-list-head">
      <h2 id={FOCUS.tab(tab)} tabIndex={-1}>
        {title}
      </h2>
      {countText !== null && <p className="ev-count">{countText}</p>}
      <button type="button" className="button" onClick={onAdd}>
        {addLabel}
      </button>
    </div>
  );
}

export function RowActions({ name, onEdit, onDelete, editId }: { name: string; onEdit: () => void; onDelete: () => void; editId: string }) {
  return (
    <td className="action">
      <button type="button" id={editId} className="button button-quiet button-small" data-row-nav="edit" onClick={onEdit}>
        Edit<span className="sr-only"> {name}</span>
      </button>
      <button type="button" className="button button-quiet button-small" data-row-nav="delete" onClick={onDelete}>
        Delete…<span className="sr-only"> {name}</span>
      </button>
    </td>
  );
}

export function ConfirmDelete({
  tab, title, effects, blocked, confirmLabel, onConfirm, onCancel,
}: { tab: EvidenceTab; title: string; effects: string[]; blocked?: string | null; confirmLabel: string; onConfirm: () => void; onCancel: () => void }) {
  return (
    <div className="confirm ev-confirm" role="group" aria-labelledby={FOCUS.form(tab)}>
      <h3 id={FOCUS.form(tab)} tabIndex={-1}>
        {title}
      </h3>
      {blocked !== null && blocked !== undefined ? (
        <p>{blocked}</p>
      ) : (
        <>
          {effects.length > 0 ? (
            <ul className="effects">
              {effects.map((effect) => (
                <li key={effect}>{effect}</li>
              ))}
            </ul>
          ) : (
            <p>Nothing else is affected.</p>
          )}
          <p className="muted">You can undo this ({UNDO_SHORTCUT.label}).</p>
        </>
      )}
      <div className="ev-form-actions">
        {(blocked === null || blocked === undefined) && (
          <button type="button" className="button button-danger" onClick={onConfirm}>
            {confirmLabel}
          </button>
        )}
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {blocked !== null && blocked !== undefined ? 'Close' : 'Keep it'}
        </button>
      </div>
    </div>
  );
}

/**
 * A record form's state: its problems by field and for the whole, and a submit
 * that checks the input against the contract's schema before saving, then
 * puts the store's answer by its field when it names one.
 */
export function useRecordForm<I>(fieldIds: Record<string, string>) {
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [formProblem, setFormProblem] = useState<Problem | null>(null);
  const [saving, setSaving] = useState(false);

  const show = (found: Record<string, string>) => {
    setProblems(found);
    const first = Object.keys(fieldIds).find((field) => found[field] !== undefined);
    if (first !== undefined) requestAnimationFrame(() => document.getElementById(fieldIds[first]!)?.focus());
  };

  const submit = async (event: FormEvent, build: () => { input: I; problems: Record<string, string> }, schema: z.ZodType, save: (input: I) => Promise<Outcome<unknown>>) => {
    event.preventDefault();
    const { input, problems: found } = build();
    const checked = schema.safeParse(input);
    const all = { ...(checked.success ? {} : fieldProblems(checked.error)), ...found };
    setFormProblem(null);
    if (Object.keys(all).length > 0) {
      show(all);
      return;
    }
    setProblems({});
    setSaving(true);
    const outcome = await save(input);
    setSaving(false);
    if (!outcome.ok) {
      const field = outcome.problem.where;
      if (field !== undefined && fieldIds[field] !== undefined) show({ [field]: outcome.problem.message });
      else setFormProblem(outcome.problem);
    }
  };

  /** A field's problem goes once the field is changed; it is checked again on saving. */
  const clear = (field: string) => setProblems((p) => {
    if (p[field] === undefined) return p;
    const { [field]: _gone, ...rest } = p;
    return rest;
  });

  return { problems, formProblem, saving, submit, clear };
}

export function FormShell({
  tab, title, children, problem, saving, saveLabel, onCancel, onSubmit,
}: { tab: EvidenceTab; title: string; children: ReactNode; problem: Problem | null; saving: boolean; saveLabel: string; onCancel: () => void; onSubmit: (event: FormEvent) => void }) {
  return (
    <section className="ev-form record-form" aria-labelledby={FOCUS.form(tab)}>
      <h3 id={FOCUS.form(tab)} tabIndex={-1}>
        {title}
      </h3>
      <form onSubmit={onSubmit} noValidate>
        <div className="ev-form-grid">{children}</div>
        <ProblemNote problem={problem} />
        <div className="ev-form-actions">
          <button type="submit" className="button" disabled={saving}>
            {saving ? 'Saving…' : saveLabel}
          </button>
          <button type="button" className="button button-quiet" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
