// Add a service by hand: its name and whatever else is known. Checked with the
// store's own rules before it is sent; each problem is said by its field and
// listed at the top. The new service takes its place in the table, focused.
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ErrorIcon } from '../../components/Icons.tsx';
import { useServicesStore } from '../../state/services.ts';
import { EMPTY_DRAFT, formFields, type DraftErrors, type ServiceDraft } from './model.ts';

const LABELS: Record<keyof ServiceDraft, string> = {
  name: 'Service name',
  reference: 'Reference',
  provider: 'Provider',
  commissioner: 'Commissioner',
  category: 'Category',
  boroughs: 'Boroughs served',
  londonWide: 'London-wide',
  startDate: 'Start date',
  endDate: 'End date',
  aims: 'Aims',
  outcomes: 'Outcomes',
};

function TextField({
  field, draft, errors, hint, list, onChange, multiline = false, required = false, wide = false,
}: {
  field: Exclude<keyof ServiceDraft, 'londonWide'>;
  draft: ServiceDraft;
  errors: DraftErrors;
  hint?: ReactNode;
  list?: string;
  onChange: (field: keyof ServiceDraft, value: string) => void;
  multiline?: boolean;
  required?: boolean;
  wide?: boolean;
}) {
  const id = `new-service-${field}`;
  const error = errors[field];
  const describedBy = [hint !== undefined ? `${id}-hint` : null, error !== undefined ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`form-field${error !== undefined ? ' has-error' : ''}${wide ? ' form-field-wide' : ''}`}>
      <label htmlFor={id}>
        {LABELS[field]}
        {!required && <span className="optional-mark"> (optional)</span>}
      </label>
      {hint !== undefined && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error !== undefined && (
        <p className="field-error" id={`${id}-error`}>
          <ErrorIcon /> {error}
        </p>
      )}
      {multiline ? (
        <textarea
          id={id}
          className="text-input plain"
          rows={2}
          value={draft[field]}
          aria-invalid={error !== undefined ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(field, event.target.value)}
        />
      ) : (
        <input
          id={id}
          className="text-input plain"
          type="text"
          list={list}
          autoComplete="off"
          required={required}
          aria-required={required ? true : undefined}
          value={draft[field]}
          aria-invalid={error !== undefined ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(field, event.target.value)}
        />
      )}
    </div>
  );
}

export function AddServiceForm({ onClose }: { onClose: (added: string | null) => void }) {
  const organisations = useServicesStore((s) => s.organisations);
  const loadOrganisations = useServicesStore((s) => s.loadOrganisations);
  const rows = useServicesStore((s) => s.list?.rows);
  const create = useServicesStore((s) => s.create);
  const busy = useServicesStore((s) => s.busy);
  const [draft, setDraft] = useState<ServiceDraft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, []);
  useEffect(() => {
    if (organisations === null) void loadOrganisations();
  }, [organisations, loadOrganisations]);

  const categories = useMemo(() => [...new Set((rows ?? []).map((r) => r.category?.trim()).filter((c): c is string => c !== undefined && c !== ''))].sort(), [rows]);
  const providers = useMemo(() => (organisations ?? []).filter((o) => o.kind !== 'borough').map((o) => o.name), [organisations]);
  const commissioners = useMemo(() => (organisations ?? []).filter((o) => o.kind === 'commissioner' || o.kind === 'funder' || o.kind === 'government').map((o) => o.name), [organisations]);

  const change = (field: keyof ServiceDraft, value: string | boolean) => {
    setDraft((d) => ({ ...d, [field]: value }));
    if (errors[field] !== undefined) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const checked = formFields(draft, organisations ?? []);
    if (!checked.ok) {
      setErrors(checked.errors);
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    setErrors({});
    const result = await create(checked.fields);
    if (result.ok) onClose(result.row.id);
    else {
      setProblem(result.problem.message);
      requestAnimationFrame(() => summary.current?.focus());
    }
  };

  const errorList = Object.entries(errors).filter((entry): entry is [keyof ServiceDraft, string] => entry[1] !== undefined);
  return (
    <section className="add-service" aria-labelledby="add-service-title">
      <h2 id="add-service-title" ref={heading} tabIndex={-1}>
        Add a service
      </h2>
      <p className="section-intro">
        Only the name is needed; add what else is known. Funding comes from imported funding spreadsheets that name the service.
      </p>
      {(errorList.length > 0 || problem !== null) && (
        <div className="problem error-summary" ref={summary} tabIndex={-1} role="alert" aria-labelledby="add-service-problems">
          <p id="add-service-problems" className="problem-title">
            <ErrorIcon /> {problem !== null ? 'The service was not added' : 'There is a problem'}
          </p>
          {problem !== null && <p>{problem}</p>}
          <ul>
            {errorList.map(([field, message]) => (
              <li key={field}>
                <a href={`#new-service-${field}`} onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(`new-service-${field}`)?.focus();
                }}>
                  {LABELS[field]}: {message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form className="add-service-form" noValidate onSubmit={(event) => void submit(event)}>
        <div className="form-grid">
          <TextField field="name" draft={draft} errors={errors} onChange={change} required wide />
          <TextField field="reference" draft={draft} errors={errors} onChange={change} hint="The commissioner’s reference, if it has one." />
          <TextField field="category" draft={draft} errors={errors} onChange={change} list="new-service-categories" hint="For example Victim support." />
          <TextField field="provider" draft={draft} errors={errors} onChange={change} list="new-service-providers" hint="A new name is added as a new organisation." />
          <TextField field="commissioner" draft={draft} errors={errors} onChange={change} list="new-service-commissioners" hint="MOPAC, the VRU or another body." />
          <TextField field="startDate" draft={draft} errors={errors} onChange={change} hint="As dd/mm/yyyy, for example 03/04/2023." />
          <TextField field="endDate" draft={draft} errors={errors} onChange={change} hint="As dd/mm/yyyy." />
          <TextField
            field="boroughs"
            draft={draft}
            errors={errors}
            onChange={change}
            wide
            hint="Names or GSS codes, separated by commas: Hackney, Islington."
          />
          <div className="form-field form-field-wide checkbox-field">
            <input id="new-service-londonWide" type="checkbox" checked={draft.londonWide} onChange={(event) => change('londonWide', event.target.checked)} />
            <label htmlFor="new-service-londonWide">London-wide: the service is for every borough</label>
          </div>
          <TextField field="aims" draft={draft} errors={errors} onChange={change} multiline wide />
          <TextField field="outcomes" draft={draft} errors={errors} onChange={change} multiline wide />
        </div>
        <datalist id="new-service-categories">
          {categories.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <datalist id="new-service-providers">
          {providers.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <datalist id="new-service-commissioners">
          {commissioners.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <p className="step-actions">
          <button type="submit" className="button" aria-disabled={busy ? true : undefined}>
            {busy ? 'Adding…' : 'Add the service'}
          </button>
          <button type="button" className="button button-quiet" onClick={() => onClose(null)}>
            Cancel
          </button>
        </p>
      </form>
    </section>
  );
}
