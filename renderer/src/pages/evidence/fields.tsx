// Form fields: a label above, a hint under it, the problem (if any) by the
// field in words with an icon, and the control described by both.
import type { ReactNode } from 'react';
import { ErrorIcon } from '../../components/Icons.tsx';

interface Common {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  optional?: boolean;
  className?: string;
}

function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint !== undefined ? `${id}-hint` : null, error !== undefined ? `${id}-error` : null].filter((x): x is string => x !== null);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Frame({ id, label, hint, error, optional, className, children }: Common & { children: ReactNode }) {
  return (
    <div className={`ev-field${error !== undefined ? ' has-error' : ''}${className !== undefined ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="ev-label">
        {label}
        {optional === true && <span className="optional-mark"> (optional)</span>}
      </label>
      {hint !== undefined && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error !== undefined && (
        <p className="ev-field-error" id={`${id}-error`}>
          <ErrorIcon /> {error}
        </p>
      )}
      {children}
    </div>
  );
}

export function TextField({
  value, onChange, type = 'text', inputMode, autoComplete = 'off', placeholder, ...common
}: Common & { value: string; onChange: (value: string) => void; type?: 'text' | 'url'; inputMode?: 'text' | 'numeric'; autoComplete?: string; placeholder?: string }) {
  return (
    <Frame {...common}>
      <input
        id={common.id}
        className="ev-input"
        type={type}
        value={value}
        inputMode={inputMode}
        autoComplete={autoComplete}
        placeholder={placeholder}
        aria-invalid={common.error !== undefined ? true : undefined}
        aria-describedby={describedBy(common.id, common.hint, common.error)}
        onChange={(event) => onChange(event.target.value)}
      />
    </Frame>
  );
}

export function TextAreaField({ value, onChange, rows = 3, ...common }: Common & { value: string; onChange: (value: string) => void; rows?: number }) {
  return (
    <Frame {...common}>
      <textarea
        id={common.id}
        className="ev-input ev-textarea"
        rows={rows}
        value={value}
        aria-invalid={common.error !== undefined ? true : undefined}
        aria-describedby={describedBy(common.id, common.hint, common.error)}
        onChange={(event) => onChange(event.target.value)}
      />
    </Frame>
  );
}

export function SelectField({
  value, onChange, options, ...common
}: Common & { value: string; onChange: (value: string) => void; options: readonly { value: string; label: string }[] }) {
  return (
    <Frame {...common}>
      <select
        id={common.id}
        className="ev-input ev-select"
        value={value}
        aria-invalid={common.error !== undefined ? true : undefined}
        aria-describedby={describedBy(common.id, common.hint, common.error)}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** A date typed as dd/mm/yyyy (or "3 April 2023"); read on saving. */
export function DateField(props: Common & { value: string; onChange: (value: string) => void }) {
  return <TextField {...props} inputMode="text" hint={props.hint ?? 'As dd/mm/yyyy, for example 17/01/2024'} className="ev-field-date" />;
}
