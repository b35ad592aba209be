// Adding a note, or editing the open one: its title, when it was written, the
// session, witness and source it belongs to, and its text. Problems show by
// the field; editing the text says afterwards what happened to its excerpts.
import { useState, type FormEvent } from 'react';
import { noteCreate, type NoteDetail } from '../../../../shared/evidence-schemas.ts';
import { FOCUS, useEvidenceStore, type Problem } from '../../state/evidence.ts';
import { DateField, SelectField, TextAreaField, TextField } from './fields.tsx';
import { count, fieldProblems, perspectiveWord, readDate, sessionKindWords, ukDate } from './lib.ts';
import { ProblemNote } from './parts.tsx';

interface Draft {
  title: string;
  writtenOn: string;
  sessionId: string;
  witnessId: string;
  sourceId: string;
  body: string;
}

const FIELD_IDS: Record<keyof Draft, string> = {
  title: 'note-title-input',
  writtenOn: 'note-written-input',
  sessionId: 'note-session-input',
  witnessId: 'note-witness-input',
  sourceId: 'note-source-input',
  body: 'note-body-input',
};

function draftOf(note: NoteDetail | null): Draft {
  return {
    title: note?.title ?? '',
    writtenOn: ukDate(note?.writtenOn),
    sessionId: note?.session?.id ?? '',
    witnessId: note?.witness?.id ?? '',
    sourceId: note?.source?.id ?? '',
    body: note?.body ?? '',
  };
}

/** Puts focus on the first field with a problem, so it is read out with its message. */
export function focusFirstProblem(ids: Record<string, string>, problems: Record<string, string>): void {
  const first = Object.keys(ids).find((field) => problems[field] !== undefined);
  if (first !== undefined) requestAnimationFrame(() => document.getElementById(ids[first]!)?.focus());
}

export function NoteForm({ note }: { note: NoteDetail | null }) {
  const saveNote = useEvidenceStore((s) => s.saveNote);
  const setNoteForm = useEvidenceStore((s) => s.setNoteForm);
  const sessions = useEvidenceStore((s) => s.sessions) ?? [];
  const witnesses = useEvidenceStore((s) => s.witnesses) ?? [];
  const sources = useEvidenceStore((s) => s.sources) ?? [];
  const [draft, setDraft] = useState<Draft>(() => draftOf(note));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [formProblem, setFormProblem] = useState<Problem | null>(null);
  const [saving, setSaving] = useState(false);
  const change = (field: keyof Draft) => (value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setProblems((p) => {
      if (p[field] === undefined) return p;
      const { [field]: _gone, ...rest } = p;
      return rest;
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const date = readDate(draft.writtenOn);
    if (!date.ok) found.writtenOn = date.message;
    const input = {
      title: draft.title,
      body: draft.body,
      writtenOn: date.ok ? date.iso : null,
      sessionId: draft.sessionId === '' ? null : draft.sessionId,
      witnessId: draft.witnessId === '' ? null : draft.witnessId,
      sourceId: draft.sourceId === '' ? null : draft.sourceId,
    };
    const checked = noteCreate.safeParse(input);
    if (!checked.success) Object.assign(found, fieldProblems(checked.error), found);
    setProblems(found);
    setFormProblem(null);
    if (Object.keys(found).length > 0) {
      focusFirstProblem(FIELD_IDS, found);
      return;
    }
    setSaving(true);
    const outcome = await saveNote(input, note?.id ?? null);
    setSaving(false);
    if (!outcome.ok) {
      const field = outcome.problem.where as keyof Draft | undefined;
      if (field !== undefined && field in FIELD_IDS) {
        setProblems({ [field]: outcome.problem.message });
        focusFirstProblem(FIELD_IDS, { [field]: outcome.problem.message });
      } else setFormProblem(outcome.problem);
    }
  };

  const excerpts = note?.excerpts.length ?? 0;
  const heading = note === null ? 'Add a note' : `Edit the note “${note.title}”`;
  return (
    <section className="ev-form note-form" aria-labelledby={FOCUS.noteForm}>
      <h2 id={FOCUS.noteForm} tabIndex={-1}>
        {heading}
      </h2>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="ev-form-grid">
          <TextField id={FIELD_IDS.title} label="Title" value={draft.title} onChange={change('title')} error={problems.title} className="span-2" hint="What a colleague would look for: “Oral evidence: Jane Okafor, Safer London”" />
          <DateField id={FIELD_IDS.writtenOn} label="Written on" optional value={draft.writtenOn} onChange={change('writtenOn')} error={problems.writtenOn} />
          <SelectField
            id={FIELD_IDS.sessionId}
            label="Evidence session"
            optional
            value={draft.sessionId}
            onChange={change('sessionId')}
            error={problems.sessionId}
            options={[{ value: '', label: 'Not part of a session' }, ...sessions.map((s) => ({ value: s.id, label: `${s.title} (${sessionKindWords(s.kind).toLowerCase()}${s.heldOn !== null ? `, ${ukDate(s.heldOn)}` : ''})` }))]}
          />
          <SelectField
            id={FIELD_IDS.witnessId}
            label="Witness"
            optional
            hint="Whose evidence it is: their perspective counts towards each question’s coverage"
            value={draft.witnessId}
            onChange={change('witnessId')}
            error={problems.witnessId}
            options={[{ value: '', label: 'No one in particular' }, ...witnesses.map((w) => ({ value: w.id, label: `${w.name}${w.organisation !== null ? `, ${w.organisation.name}` : ''} (${perspectiveWord(w.perspective).toLowerCase()})` }))]}
          />
          <SelectField
            id={FIELD_IDS.sourceId}
            label="Source"
            optional
            hint="The transcript, submission or document the note records"
            value={draft.sourceId}
            onChange={change('sourceId')}
            error={problems.sourceId}
            options={[{ value: '', label: 'No source' }, ...sources.map((s) => ({ value: s.id, label: s.title }))]}
          />
          <TextAreaField
            id={FIELD_IDS.body}
            label="Text of the note"
            rows={18}
            className="span-2 note-body-field"
            hint={
              excerpts > 0
                ? `This note has ${count(excerpts, 'coded excerpt', 'coded excerpts')}. They follow their words as you edit; after saving you are told which moved, changed or were lost.`
                : 'Paste or type what was said. Blank lines separate paragraphs.'
            }
            value={draft.body}
            onChange={change('body')}
            error={problems.body}
          />
        </div>
        <ProblemNote problem={formProblem} />
        <div className="ev-form-actions">
          <button type="submit" className="button" disabled={saving}>
            {saving ? 'Saving…' : note === null ? 'Add the note' : 'Save the note'}
          </button>
          <button type="button" className="button button-quiet" onClick={() => setNoteForm(null)}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
