// Imports: bring a spreadsheet from MOPAC, the VRU, a borough or a provider into
// the store in four steps (Read → Map → Preview → Commit), and the batches
// imported so far, each with its rejected rows and a way to undo it.
import { useEffect } from 'react';
import { CheckIcon, FileIcon } from '../components/Icons.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { countsLine, extrasLine } from '../lib/imports.ts';
import { IMPORT_STEPS, useImportsStore, type FocusTarget, type ImportFlow } from '../state/imports.ts';
import { BatchesSection } from './imports/BatchesSection.tsx';
import { CommitStep } from './imports/CommitStep.tsx';
import { MapStep } from './imports/MapStep.tsx';
import { COMMIT_PROBLEM_ID, FilePicker, JobProgress, PreviewFreshness, REFUSAL_ID, RESULT_ID, STEP_HEADING_ID } from './imports/parts.tsx';
import { PreviewStep } from './imports/PreviewStep.tsx';
import { ReadStep } from './imports/ReadStep.tsx';

const FOCUS_IDS: Record<FocusTarget, string> = {
  step: STEP_HEADING_ID,
  refusal: REFUSAL_ID,
  result: RESULT_ID,
  'commit-problem': COMMIT_PROBLEM_ID,
};

/** Moves focus where the store asks: a step's heading, a refusal, the result. */
function useImportFocus(): void {
  const focus = useImportsStore((s) => s.focus);
  useEffect(() => {
    if (focus.serial === 0) return;
    const frame = requestAnimationFrame(() => {
      const element = document.getElementById(FOCUS_IDS[focus.target]);
      if (element === null) return;
      element.focus({ preventScroll: true });
      element.scrollIntoView({ block: 'start' });
    });
    return () => cancelAnimationFrame(frame);
  }, [focus]);
}

/** Read out: each preview update, and the end of an import. */
function Announcer() {
  const announcement = useImportsStore((s) => s.announcement);
  return (
    <div className="sr-only" role="status" aria-label="Import updates">
      {announcement.serial > 0 && <span key={announcement.serial}>{announcement.text}</span>}
    </div>
  );
}

function StartPanel() {
  return (
    <section className="drop-zone" aria-labelledby="import-start-title">
      <FileIcon className="drop-icon" />
      <div>
        <h2 id="import-start-title">Start an import</h2>
        <p id="import-start-hint">
          A CSV, Excel (XLSX or older XLS) or OpenDocument (ODS) file of up to 100 MB: a services register, funding by fund, year and borough,
          payments over £500, or a 360Giving grants file. Choose it, or drop it anywhere on this window. Nothing is stored until you commit.
        </p>
        <p className="step-actions">
          <FilePicker label="Import a spreadsheet" describedBy="import-start-hint" />
        </p>
      </div>
    </section>
  );
}

function StepIndicator({ flow }: { flow: ImportFlow }) {
  const goToStep = useImportsStore((s) => s.goToStep);
  const current = IMPORT_STEPS.findIndex((s) => s.id === flow.step);
  // Once imported, the file's choices are settled: the steps stay as a record, not to be changed.
  const ready = flow.preview !== null && flow.phase === 'ready' && flow.result === null;
  return (
    <nav aria-label="Import steps" className="steps-nav">
      <ol className="steps">
        {IMPORT_STEPS.map((step, index) => {
          const state = index < current ? 'done' : index === current ? 'current' : 'todo';
          return (
            <li key={step.id} className={`step-item step-${state}`}>
              <button
                type="button"
                className="step-button"
                aria-current={state === 'current' ? 'step' : undefined}
                aria-disabled={!ready ? true : undefined}
                onClick={() => {
                  if (ready) goToStep(step.id);
                }}
              >
                <span className="step-badge" aria-hidden="true">
                  {state === 'done' ? <CheckIcon /> : index + 1}
                </span>
                {step.label}
                {state === 'done' && <span className="sr-only"> (seen)</span>}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** While mapping, the counts the preview gives, kept in view above the fields. */
function PreviewState({ flow }: { flow: ImportFlow }) {
  const preview = flow.preview;
  if (preview === null) return null;
  const extras = extrasLine(preview.counts);
  return (
    <div className="preview-state">
      <p className="preview-counts">
        <span className="label">Preview:</span> {countsLine(preview.counts, preview.target)}
        {extras !== null && <span className="muted"> · {extras}</span>}
      </p>
      <PreviewFreshness flow={flow} />
    </div>
  );
}

function Flow({ flow }: { flow: ImportFlow }) {
  const cancel = useImportsStore((s) => s.cancel);
  const job = useImportsStore((s) => s.job);
  const jobFlowId = useImportsStore((s) => s.jobFlowId);
  const importing = job?.state === 'running' && jobFlowId === flow.id;
  const preview = flow.phase === 'ready' ? flow.preview : null;
  const finished = flow.result !== null;
  return (
    <section className="import-flow" aria-labelledby="import-flow-title">
      <div className="flow-head">
        <h2 id="import-flow-title">
          Import of <span className="flow-file">{flow.fileName}</span>
        </h2>
        {!importing && (
          <button type="button" className="button button-quiet button-small" onClick={() => cancel()}>
            {finished || flow.phase === 'refused' ? 'Close' : 'Cancel this import'}
          </button>
        )}
      </div>
      <StepIndicator flow={flow} />
      {preview !== null && flow.step === 'map' && <PreviewState flow={flow} />}
      {flow.previewProblem !== null && flow.previewState === 'failed' && preview !== null && (
        <div className="problem import-problem">
          <p className="problem-title">The preview could not be updated with your last change</p>
          <p>{flow.previewProblem.message}</p>
          {flow.previewProblem.where !== undefined && (
            <p>
              <span className="label">Where:</span> {flow.previewProblem.where}
            </p>
          )}
          {flow.previewProblem.hint !== undefined && (
            <p>
              <span className="label">What you can do:</span> {flow.previewProblem.hint}
            </p>
          )}
        </div>
      )}
      {preview === null || flow.step === 'read' ? (
        <ReadStep flow={flow} />
      ) : flow.step === 'map' ? (
        <MapStep flow={flow} preview={preview} />
      ) : flow.step === 'preview' ? (
        <PreviewStep flow={flow} preview={preview} />
      ) : (
        <CommitStep flow={flow} preview={preview} />
      )}
    </section>
  );
}

/** An import picked up after a reload, or still running for a file put away. */
function RunningElsewhere() {
  const job = useImportsStore((s) => s.job);
  const jobFlowId = useImportsStore((s) => s.jobFlowId);
  const flowId = useImportsStore((s) => s.flow?.id ?? null);
  if (job === null || job.state !== 'running' || (jobFlowId !== null && jobFlowId === flowId)) return null;
  return (
    <section className="running-import" aria-labelledby="running-import-title">
      <h2 id="running-import-title">An import is running</h2>
      <p>{job.label}. It carries on while you work; it is listed under Import batches when it is done.</p>
      <JobProgress job={job} label={job.label} />
    </section>
  );
}

export function ImportsPage() {
  const flow = useImportsStore((s) => s.flow);
  const loadBatches = useImportsStore((s) => s.loadBatches);
  const loadProfiles = useImportsStore((s) => s.loadProfiles);
  const resumeJobs = useImportsStore((s) => s.resumeJobs);
  const startOffered = useImportsStore((s) => s.startOffered);
  useImportFocus();

  useEffect(() => {
    void loadBatches();
    void loadProfiles();
    void resumeJobs();
    void startOffered();
  }, [loadBatches, loadProfiles, resumeJobs, startOffered]);

  return (
    <div className="page imports-page">
      <PageTitle title="Imports" />
      <p className="lede">
        Spreadsheets from MOPAC, the VRU, boroughs and providers: map their columns once, check every row before it is stored, see what was
        turned away and why, and undo an import that went wrong.
      </p>
      <Announcer />
      {flow === null ? <StartPanel /> : <Flow flow={flow} />}
      <RunningElsewhere />
      <BatchesSection />
    </div>
  );
}
