// One import batch in the detail pane: its counts, the file's hash, the mapping
// saved with it, every rejected row with its reason and the row's values, and
// "Undo this import" behind a confirmation that says what will be removed.
import { useEffect, useRef, useState } from 'react';
import type { ImportBatch, ImportRejection } from '../../../../shared/import-schemas.ts';
import { ErrorIcon } from '../../components/Icons.tsx';
import { ukDateTime } from '../../lib/format.ts';
import { count, n, recordCount, targetLabel, undoConsequence } from '../../lib/imports.ts';
import { useImportsStore } from '../../state/imports.ts';
import { BatchStatus, ProblemBox } from './parts.tsx';

/** The header of the rejected column, from a reason such as 'Row 3, column C (Amount): …'. */
function rejectedHeader(rejection: ImportRejection): string | null {
  if (rejection.column === null) return null;
  const m = new RegExp(`column ${rejection.column} \\(([^)]*)\\)`).exec(rejection.reason);
  return m?.[1] ?? null;
}

function Rejection({ rejection }: { rejection: ImportRejection }) {
  const header = rejectedHeader(rejection);
  const raw = rejection.raw !== null ? Object.entries(rejection.raw) : [];
  return (
    <li className="rejection">
      <p className="rejection-where">
        <ErrorIcon /> <span className="label">Row {n(rejection.rowNumber)}</span>
        {rejection.column !== null && <>, column {rejection.column}</>}
        {rejection.sheet !== null && <span className="muted"> (sheet “{rejection.sheet}”)</span>}
      </p>
      <p className="rejection-reason">{rejection.reason}</p>
      {raw.length > 0 && <p className="raw-title">The row’s values in the file:</p>}
      {raw.length > 0 && (
        <dl className="raw-values">
          {raw.map(([key, value]) => {
            const rejected = header !== null && key === header;
            return (
              <div key={key} className={rejected ? 'is-rejected' : undefined}>
                <dt>{key === '' ? '(no header)' : key}</dt>
                <dd>
                  {value === '' ? <span className="muted">(empty)</span> : value}
                  {rejected && (
                    <span className="rejected-mark">
                      {' '}
                      <ErrorIcon /> rejected
                    </span>
                  )}
                </dd>
              </div>
            );
          })}
        </dl>
      )}
    </li>
  );
}

function UndoConfirmation({ batch, onCancel, onDone }: { batch: ImportBatch; onCancel: () => void; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const undoBatch = useImportsStore((s) => s.undoBatch);
  const undoing = useImportsStore((s) => s.undoing === batch.id);
  const problem = useImportsStore((s) => s.undoProblem);
  useEffect(() => {
    // After the pane has taken focus for its title, the question takes it.
    const frame = requestAnimationFrame(() => requestAnimationFrame(() => heading.current?.focus()));
    return () => cancelAnimationFrame(frame);
  }, []);
  useEffect(() => {
    if (problem !== null) document.getElementById('undo-problem')?.focus();
  }, [problem]);
  return (
    <section className="confirm" aria-labelledby="undo-confirm-title">
      <h3 id="undo-confirm-title" ref={heading} tabIndex={-1}>
        Undo the import of {batch.fileName}?
      </h3>
      <p>{undoConsequence(batch)}</p>
      <p className="muted">A backup taken before the import also holds the store as it was.</p>
      {problem !== null && <ProblemBox id="undo-problem" title="The import was not undone" problem={problem} />}
      <p className="step-actions">
        <button
          type="button"
          className="button button-danger"
          aria-disabled={undoing ? true : undefined}
          onClick={() => {
            if (!undoing) void undoBatch(batch.id).then((done) => done && onDone());
          }}
        >
          {undoing ? 'Undoing…' : 'Yes, undo this import'}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          No, keep it
        </button>
      </p>
    </section>
  );
}

export function BatchPane({ batchId, confirmUndo }: { batchId: string; confirmUndo: boolean }) {
  const loadBatch = useImportsStore((s) => s.loadBatch);
  const detail = useImportsStore((s) => (s.detail?.id === batchId ? s.detail : null));
  const status = useImportsStore((s) => s.detailStatus);
  const problem = useImportsStore((s) => s.detailProblem);
  const undoneSerial = useImportsStore((s) => s.undoneSerial);
  const [confirming, setConfirming] = useState(confirmUndo);
  const undoButton = useRef<HTMLButtonElement>(null);
  const statusLine = useRef<HTMLParagraphElement>(null);
  const firstUndone = useRef(undoneSerial);

  useEffect(() => {
    void loadBatch(batchId);
  }, [batchId, loadBatch]);

  // After an undo, focus goes to the status, which now says "Undone" and when.
  useEffect(() => {
    if (undoneSerial !== firstUndone.current) statusLine.current?.focus();
  }, [undoneSerial]);

  // The kicker and heading stand in the same place while loading and after, so the
  // heading keeps the focus the pane gave it.
  if (detail === null) {
    return (
      <>
        <p className="pane-kicker">Import</p>
        <h2 id="detail-title" tabIndex={-1}>
          {status === 'failed' ? 'The import could not be shown' : 'Opening the import…'}
        </h2>
        {problem !== null && <ProblemBox title="The import could not be shown" problem={problem} />}
      </>
    );
  }
  const { batch, rejections } = detail;
  return (
    <>
      <p className="pane-kicker">Import · {targetLabel(batch.target)}</p>
      <h2 id="detail-title" tabIndex={-1}>
        {batch.fileName}
      </h2>
      <p className="pane-status" ref={statusLine} tabIndex={-1}>
        <BatchStatus batch={batch} long />
      </p>

      <section className="pane-block" aria-labelledby="batch-counts">
        <h3 id="batch-counts">What it did</h3>
        <dl className="fields">
          <dt>Rows read</dt>
          <dd>{n(batch.rowsRead)}</dd>
          <dt>New</dt>
          <dd>{recordCount(batch.target, batch.newCount)}</dd>
          <dt>Updated</dt>
          <dd>{n(batch.updatedCount)}</dd>
          <dt>Duplicate</dt>
          <dd>{n(batch.duplicateCount)}</dd>
          <dt>Rejected</dt>
          <dd>{count(batch.rejectedCount, 'row', 'rows')}</dd>
        </dl>
      </section>

      <section className="pane-block" aria-labelledby="batch-file">
        <h3 id="batch-file">The file</h3>
        <dl className="fields">
          <dt>File</dt>
          <dd>{batch.fileName}</dd>
          {batch.sheet !== null && (
            <>
              <dt>Sheet</dt>
              <dd>{batch.sheet}</dd>
            </>
          )}
          <dt>SHA-256</dt>
          <dd>
            <span className="path hash">{batch.sha256}</span>
          </dd>
          <dt>Saved mapping</dt>
          <dd>{batch.profileName ?? 'None'}</dd>
          <dt>Imported</dt>
          <dd>{batch.committedAt !== null ? ukDateTime(new Date(batch.committedAt), true) : 'Not known'}</dd>
          {batch.undoneAt !== null && (
            <>
              <dt>Undone</dt>
              <dd>{ukDateTime(new Date(batch.undoneAt), true)}</dd>
            </>
          )}
        </dl>
      </section>

      {batch.status === 'committed' &&
        (confirming ? (
          <UndoConfirmation
            batch={batch}
            onDone={() => setConfirming(false)}
            onCancel={() => {
              setConfirming(false);
              requestAnimationFrame(() => undoButton.current?.focus());
            }}
          />
        ) : (
          <p>
            <button ref={undoButton} type="button" className="button button-quiet" onClick={() => setConfirming(true)}>
              Undo this import…
            </button>
          </p>
        ))}
      {batch.status === 'undone' && (
        <p className="pane-note">What this import added was removed, and what it changed was put back. It stays listed as a record of what was read.</p>
      )}

      <section className="pane-block" aria-labelledby="batch-rejections">
        <h3 id="batch-rejections">Rejected rows ({n(rejections.length)})</h3>
        {rejections.length === 0 ? (
          <p className="muted">No row was rejected.</p>
        ) : (
          <ol className="rejections">
            {rejections.map((r, i) => (
              <Rejection key={`${r.sheet ?? ''}:${r.rowNumber}:${r.column ?? ''}:${i}`} rejection={r} />
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
