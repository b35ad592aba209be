// Step 4, Commit: what will happen, the Import button (held back, with the
// reason said, while anything stands in the way), the job's progress, and then
// the batch's summary or the failure with where and what to do.
import type { ImportPreview } from '../../../../shared/import-schemas.ts';
import { CheckIcon, WarningIcon } from '../../components/Icons.tsx';
import { batchLine, countsLine, extrasLine, importBlocker, importButtonLabel, recordCount, targetLabel } from '../../lib/imports.ts';
import { useDetailStore } from '../../state/detail.ts';
import { undecidedCount, useImportsStore, type ImportFlow } from '../../state/imports.ts';
import { BatchStatus, COMMIT_PROBLEM_ID, FilePicker, JobProgress, PreviewFreshness, ProblemBox, RESULT_ID, STEP_HEADING_ID } from './parts.tsx';

function Result({ flow }: { flow: ImportFlow }) {
  const openBatch = useDetailStore((s) => s.openBatch);
  const batch = flow.result;
  if (batch === null) {
    return (
      <div className="result">
        <h4 id={RESULT_ID} tabIndex={-1}>
          <CheckIcon className="good-icon" /> Imported {flow.fileName}
        </h4>
        <p>The import finished. It is listed under Import batches below.</p>
      </div>
    );
  }
  return (
    <div className="result" aria-labelledby={RESULT_ID} role="region">
      <h4 id={RESULT_ID} tabIndex={-1}>
        <CheckIcon className="good-icon" /> Imported {batch.fileName}
      </h4>
      <p className="counts-summary">{batchLine(batch)}.</p>
      <dl className="fields">
        <dt>Status</dt>
        <dd>
          <BatchStatus batch={batch} long />
        </dd>
        <dt>Stored as</dt>
        <dd>{targetLabel(batch.target)}</dd>
        <dt>New</dt>
        <dd>{recordCount(batch.target, batch.newCount)}</dd>
        {batch.profileName !== null && (
          <>
            <dt>Saved mapping</dt>
            <dd>{batch.profileName}</dd>
          </>
        )}
      </dl>
      <p className="step-actions">
        <button type="button" className="button" onClick={(event) => openBatch(batch.id, event.currentTarget)}>
          Open this import
        </button>
        <FilePicker label="Import another file" quiet />
      </p>
    </div>
  );
}

export function CommitStep({ flow, preview }: { flow: ImportFlow; preview: ImportPreview }) {
  const commit = useImportsStore((s) => s.commit);
  const goToStep = useImportsStore((s) => s.goToStep);
  const refreshPreview = useImportsStore((s) => s.refreshPreview);
  const job = useImportsStore((s) => s.job);
  const jobFlowId = useImportsStore((s) => s.jobFlowId);
  const running = job?.state === 'running';
  const mine = running && jobFlowId === flow.id;
  const blocker = importBlocker({
    preview,
    updating: flow.previewState === 'waiting' || flow.previewState === 'loading',
    previewFailed: flow.previewState === 'failed',
    undecided: undecidedCount(flow),
    running,
  });
  const extras = extrasLine(preview.counts);
  const profileName = flow.saveProfileAs.trim();

  return (
    <div className="step">
      <h3 id={STEP_HEADING_ID} tabIndex={-1} className="step-title">
        <span className="step-number">Step 4 of 4:</span> Commit the import
      </h3>
      {flow.result !== null || (job?.state === 'done' && jobFlowId === flow.id) ? (
        <Result flow={flow} />
      ) : (
        <>
          <div className="summary-row">
            <p className="counts-summary">{countsLine(preview.counts, preview.target)}</p>
            <PreviewFreshness flow={flow} />
          </div>
          {extras !== null && <p className="muted">{extras}</p>}
          <ul className="commit-notes">
            <li>Everything is written in one go: all of it, or nothing if anything fails.</li>
            <li>A backup of the evidence store is taken first.</li>
            <li>
              {profileName !== '' ? (
                <>
                  The mapping is saved as “{profileName}”, for the next file with these columns.
                </>
              ) : (
                <>
                  The mapping is not saved. To reuse it, name it under{' '}
                  <button type="button" className="link-button" onClick={() => goToStep('map')}>
                    Map
                  </button>
                  .
                </>
              )}
            </li>
            <li>The import is listed below with every rejected row, and can be undone as a whole.</li>
          </ul>
          <div className="commit-bar">
            {/* aria-disabled rather than disabled: the button keeps its place in the tab order and its reason is read with it. */}
            <button
              type="button"
              className="button button-primary"
              aria-disabled={blocker !== null ? true : undefined}
              aria-describedby={blocker !== null ? 'import-blocker' : undefined}
              onClick={() => {
                if (blocker === null) void commit();
              }}
            >
              {mine ? 'Importing…' : importButtonLabel(preview.counts)}
            </button>
            <button type="button" className="button button-quiet" onClick={() => goToStep('preview')}>
              Back to Preview
            </button>
          </div>
          {blocker !== null && !mine && (
            <p id="import-blocker" className="blocker">
              <WarningIcon /> <span className="label">Not yet:</span> {blocker}
            </p>
          )}
          {mine && job !== null && <JobProgress job={job} label={`Importing ${flow.fileName}`} />}
          {flow.commitProblem !== null && (
            <ProblemBox id={COMMIT_PROBLEM_ID} title={`${flow.fileName} was not imported`} problem={flow.commitProblem}>
              <p className="muted">Nothing from it was stored: the evidence store is as it was before.</p>
              {flow.commitProblem.code === 'conflict' && (
                <p>
                  <button type="button" className="button button-quiet" onClick={() => refreshPreview()}>
                    Preview the file again
                  </button>
                </p>
              )}
            </ProblemBox>
          )}
        </>
      )}
    </div>
  );
}
