// The panel that codes a passage: which term of reference or key question it
// bears on (a list box: arrows choose, typing jumps), its stance (supports,
// challenges, context: words and icons), an optional comment, and Link (Enter).
// Escape puts it away and gives the selection back to the text.
import { useEffect, useId, useRef, useState, type CSSProperties, type FormEvent, type KeyboardEvent } from 'react';
import type { TargetInput } from '../../../../shared/evidence-schemas.ts';
import type { Stance } from '../../../../shared/schemas.ts';
import type { Problem } from '../../state/evidence.ts';
import { STANCE_HINTS, STANCE_WORDS, STANCES, shortQuote, typeAhead } from './lib.ts';
import { ProblemNote, StanceIcon } from './parts.tsx';

export interface TargetOption extends TargetInput {
  label: string;
  short: string;
  text: string;
  /** Set when the passage is already linked to it: its stance. */
  already: Stance | null;
}

/** A single-choice list box: Up and Down (Home, End) choose, typed characters jump, Enter confirms. */
export function TargetListbox({
  options, value, onChange, labelledBy, describedBy, onEnter, id,
}: { options: readonly TargetOption[]; value: string | null; onChange: (id: string) => void; labelledBy: string; describedBy?: string; onEnter?: () => void; id: string }) {
  const buffer = useRef({ text: '', at: 0 });
  const list = useRef<HTMLUListElement>(null);
  const index = options.findIndex((o) => o.id === value);

  useEffect(() => {
    if (value === null) return;
    const option = list.current?.querySelector<HTMLElement>(`[data-option="${value}"]`);
    option?.scrollIntoView({ block: 'nearest' });
  }, [value]);

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const go = (to: number) => {
      event.preventDefault();
      const option = options[Math.max(0, Math.min(options.length - 1, to))];
      if (option !== undefined) onChange(option.id);
    };
    switch (event.key) {
      case 'ArrowDown':
        return go(index + 1);
      case 'ArrowUp':
        return go(index - 1);
      case 'Home':
      case 'PageUp':
        return go(0);
      case 'End':
      case 'PageDown':
        return go(options.length - 1);
      case 'Enter':
        if (onEnter !== undefined) {
          event.preventDefault();
          onEnter();
        }
        return;
      default:
        break;
    }
    if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey && event.key !== ' ') {
      const now = Date.now();
      const text = now - buffer.current.at > 800 ? event.key : buffer.current.text + event.key;
      buffer.current = { text, at: now };
      const found = typeAhead(options, text, index);
      if (found >= 0) go(found);
      else event.preventDefault();
    }
  };

  return (
    <ul
      ref={list}
      id={id}
      className="target-listbox"
      role="listbox"
      tabIndex={0}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      aria-activedescendant={value !== null ? `${id}-${value}` : undefined}
      onKeyDown={onKeyDown}
    >
      {options.map((option) => {
        const selected = option.id === value;
        return (
          <li
            key={option.id}
            id={`${id}-${option.id}`}
            data-option={option.id}
            role="option"
            aria-selected={selected}
            className={selected ? 'target-option is-selected' : 'target-option'}
            title={`${option.label}: ${option.text}`}
            onClick={() => onChange(option.id)}
          >
            <span className="target-short">{option.short}</span>
            <span className="target-text">{option.text}</span>
            {option.already !== null && <span className="target-already">Already linked: {STANCE_WORDS[option.already].toLowerCase()}</span>}
          </li>
        );
      })}
    </ul>
  );
}

export function StanceChoice({ name, value, onChange, legend = 'Stance' }: { name: string; value: Stance; onChange: (stance: Stance) => void; legend?: string }) {
  return (
    <fieldset className="stance-choices">
      <legend>{legend}</legend>
      {STANCES.map((stance) => {
        const id = `${name}-${stance}`;
        return (
          <div key={stance} className={value === stance ? `stance-choice stance-${stance} is-chosen` : `stance-choice stance-${stance}`}>
            <input type="radio" id={id} name={name} value={stance} checked={value === stance} onChange={() => onChange(stance)} aria-describedby={`${id}-hint`} />
            <label htmlFor={id}>
              <StanceIcon stance={stance} /> {STANCE_WORDS[stance]}
            </label>
            <span className="sr-only" id={`${id}-hint`}>
              {STANCE_HINTS[stance]}
            </span>
          </div>
        );
      })}
    </fieldset>
  );
}

interface Props {
  quote: string;
  options: readonly TargetOption[];
  initialTarget: string | null;
  initialStance: Stance;
  style: CSSProperties;
  onLink(target: TargetInput, stance: Stance, comment: string): Promise<Problem | null>;
  onCancel(): void;
}

export function CodingPanel({ quote, options, initialTarget, initialStance, style, onLink, onCancel }: Props) {
  const uid = useId().replace(/:/g, '');
  const [target, setTarget] = useState<string | null>(() => initialTarget ?? options.find((o) => o.already === null)?.id ?? options[0]?.id ?? null);
  const [stance, setStance] = useState<Stance>(initialStance);
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const chosen = options.find((o) => o.id === target) ?? null;

  // Focus goes to the list once the panel has been placed (it is hidden until then).
  useEffect(() => {
    const frame = requestAnimationFrame(() => document.getElementById(`${uid}-targets`)?.focus({ preventScroll: true }));
    return () => cancelAnimationFrame(frame);
  }, [uid]);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    if (chosen === null) {
      setProblem({ message: 'Choose the term of reference or key question this passage bears on.' });
      return;
    }
    setBusy(true);
    const failed = await onLink({ kind: chosen.kind, id: chosen.id }, stance, comment);
    setBusy(false);
    setProblem(failed);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
      return;
    }
    // Enter links from the radio buttons too (the list box and the comment do it themselves).
    if (event.key === 'Enter' && (event.target as HTMLElement).matches('input[type="radio"]')) {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <div className="coding-panel" role="dialog" aria-labelledby={`${uid}-title`} aria-describedby={`${uid}-quote`} style={style} onKeyDown={onKeyDown}>
      <h3 id={`${uid}-title`}>Link this passage to a question</h3>
      <p className="coding-quote" id={`${uid}-quote`} title={quote}>
        “{shortQuote(quote, 220)}”
      </p>
      <form ref={form} onSubmit={(event) => void submit(event)} noValidate>
        <p className="ev-label" id={`${uid}-targets-label`}>
          Term of reference or key question
        </p>
        <p className="field-hint" id={`${uid}-targets-hint`}>
          Up and Down choose; type to jump (“kq2”, “value”).
        </p>
        <TargetListbox
          id={`${uid}-targets`}
          options={options}
          value={target}
          onChange={setTarget}
          labelledBy={`${uid}-targets-label`}
          describedBy={`${uid}-targets-hint`}
          onEnter={() => void submit()}
        />
        {chosen?.already !== null && chosen?.already !== undefined && (
          <p className="field-hint coding-already">
            This passage is already linked to {chosen.label.toLowerCase()} as {STANCE_WORDS[chosen.already].toLowerCase()}: change that link in the list beside the text.
          </p>
        )}
        <StanceChoice name={`${uid}-stance`} value={stance} onChange={setStance} />
        <div className="ev-field">
          <label htmlFor={`${uid}-comment`} className="ev-label">
            Comment<span className="optional-mark"> (optional)</span>
          </label>
          <input id={`${uid}-comment`} className="ev-input" type="text" value={comment} autoComplete="off" onChange={(event) => setComment(event.target.value)} />
        </div>
        <ProblemNote problem={problem} />
        <div className="ev-form-actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Linking…' : 'Link'} <kbd className="kbd-on-accent" aria-hidden="true">Enter</kbd>
          </button>
          <button type="button" className="button button-quiet" onClick={onCancel}>
            Cancel <kbd aria-hidden="true">Esc</kbd>
          </button>
        </div>
      </form>
    </div>
  );
}
