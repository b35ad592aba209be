// Small pieces the Imports page and the batch pane share: the file picker, a
// problem with where and what to do, outcomes in words and icons, and the
// progress of an import job.
import { useRef, type ReactNode } from 'react';
import type { ImportBatch } from '../../../../shared/import-schemas.ts';
import type { JobStatus } from '../../../../shared/schemas.ts';
import { CheckIcon, CircleIcon, ErrorIcon, InfoIcon, UndoIcon, WarningIcon } from '../../components/Icons.tsx';
import { ukDateTime } from '../../lib/format.ts';
import { IMPORT_ACCEPT, OUTCOME_WORDS, n } from '../../lib/imports.ts';
import { useImportsStore, type ImportFlow, type Problem } from '../../state/imports.ts';

/** The id of the current step's heading, where focus goes between steps. */
export const STEP_HEADING_ID = 'import-step-title';
export const REFUSAL_ID = 'import-refusal';
export const RESULT_ID = 'import-result-title';
export const COMMIT_PROBLEM_ID = 'import-commit-problem';

/** A button that opens the file chooser (CSV, XLSX, ODS, XLS) and starts the import of the file chosen. */
export function FilePicker({ label, quiet = false, describedBy }: { label: string; quiet?: boolean; describedBy?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const startFile = useImportsStore((s) => s.startFile);
  return (
    <>
      <button
        type="button"
        className={quiet ? 'button button-quiet' : 'button'}
        aria-describedby={describedBy}
        onClick={() => input.current?.click()}
      >
        {label}
      </button>
      <input
        ref={input}
        type="file"
        accept={IMPORT_ACCEPT}
        hidden
        aria-label={label}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = ''; // the same file can be chosen again
          if (file !== undefined) void startFile(file);
        }}
      />
    </>
  );
}

/** A refusal or failure: what happened, where, and what the clerk can do. It can take focus. */
export function ProblemBox({ id, title, problem, children }: { id?: string; title: string; problem: Problem; children?: ReactNode }) {
  return (
    <div className="problem import-problem" id={id} tabIndex={id !== undefined ? -1 : undefined}>
      <p className="problem-title">
        <ErrorIcon /> {title}
      </p>
      <p>{problem.message}</p>
      {problem.where !== undefined && problem.where !== '' && (
        <p>
          <span className="label">Where:</span> {problem.where}
        </p>
      )}
      {problem.hint !== undefined && problem.hint !== '' && (
        <p>
          <span className="label">What you can do:</span> {problem.hint}
        </p>
      )}
      {children}
    </div>
  );
}

type Outcome = keyof typeof OUTCOME_WORDS;

/** A row's or record's outcome as word and icon (never colour alone). */
export function OutcomeMark({ outcome }: { outcome: Outcome }) {
  const icon = outcome === 'new' ? <CheckIcon /> : outcome === 'updated' ? <InfoIcon /> : outcome === 'duplicate' ? <CircleIcon /> : <ErrorIcon />;
  return (
    <span className={`outcome-mark outcome-${outcome}`}>
      {icon}
      {OUTCOME_WORDS[outcome]}
    </span>
  );
}

/** "Imported" or "Undone", with icon; the time of an undo beside it. */
export function BatchStatus({ batch, long = false }: { batch: ImportBatch; long?: boolean }) {
  if (batch.status === 'undone') {
    const at = batch.undoneAt !== null ? ukDateTime(new Date(batch.undoneAt)) : null;
    return (
      <span className="batch-status batch-undone">
        <UndoIcon />
        <span>
          Undone
          {at !== null && (long ? ` on ${at.replace(' ', ' at ')}` : <span className="batch-status-time"> {at}</span>)}
        </span>
      </span>
    );
  }
  const at = batch.committedAt !== null ? ukDateTime(new Date(batch.committedAt)) : null;
  return (
    <span className="batch-status batch-committed">
      <CheckIcon />
      <span>
        Imported
        {long && at !== null && ` on ${at.replace(' ', ' at ')}`}
      </span>
    </span>
  );
}

/** A job's progress: a bar with its value when known, and its message in words. */
export function JobProgress({ job, label }: { job: JobStatus; label: string }) {
  const known = job.total !== null && job.total > 0;
  const share = known ? Math.min(1, job.done / (job.total ?? 1)) : null;
  const text = known ? `${job.message} (${n(job.done)} of ${n(job.total ?? 0)})` : job.message;
  return (
    <div className="job-progress">
      <div
        className={`progress-track${share === null ? ' is-indeterminate' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={known ? job.total ?? undefined : undefined}
        aria-valuenow={known ? job.done : undefined}
        aria-valuetext={text}
      >
        <div className="progress-fill" style={share !== null ? { width: `${Math.round(share * 100)}%` } : undefined} />
      </div>
      <p className="job-message">
        <span className="spinner" aria-hidden="true" /> {text}
      </p>
    </div>
  );
}

/** A warning or error of the mapping, with its word as well as its icon. */
export function SeverityMark({ severity }: { severity: 'error' | 'warning' }) {
  return severity === 'error' ? (
    <span className="severity severity-error">
      <ErrorIcon /> Error:
    </span>
  ) : (
    <span className="severity severity-warning">
      <WarningIcon /> Warning:
    </span>
  );
}

/** Whether the preview shows the clerk's latest choices, said quietly: "Updating preview…". */
export function PreviewFreshness({ flow }: { flow: ImportFlow }) {
  const updating = flow.previewState === 'waiting' || flow.previewState === 'loading';
  return (
    <p className="preview-updating">
      {updating ? (
        <>
          <span className="spinner" aria-hidden="true" /> Updating preview…
        </>
      ) : flow.previewState === 'failed' ? (
        <span className="problem-text">The preview could not be updated</span>
      ) : (
        <span className="muted">Preview up to date</span>
      )}
    </p>
  );
}
