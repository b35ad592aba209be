// Step 1, Read: what the file is (kind, encoding, size), which sheet, where its
// header was found and what was skipped, and what the file holds (the target).
import { Fragment, useState } from 'react';
import type { ImportPreview } from '../../../../shared/import-schemas.ts';
import { WarningIcon } from '../../components/Icons.tsx';
import { fileSize } from '../../lib/format.ts';
import { count, encodingWords, fileKindWords, headerLine, n } from '../../lib/imports.ts';
import { useImportsStore, type ImportFlow } from '../../state/imports.ts';
import { FilePicker, ProblemBox, REFUSAL_ID, STEP_HEADING_ID } from './parts.tsx';

function StepHeading() {
  return (
    <h3 id={STEP_HEADING_ID} tabIndex={-1} className="step-title">
      <span className="step-number">Step 1 of 4:</span> Read the file
    </h3>
  );
}

/** The header row, found by Scrutiny Desk; the clerk may name another. */
function HeaderRowField({ preview, chosen }: { preview: ImportPreview; chosen: number | undefined }) {
  const setHeaderRow = useImportsStore((s) => s.setHeaderRow);
  const [text, setText] = useState(() => String(chosen ?? preview.headerRowNumber));
  const typed = Number(text);
  const invalid = text.trim() !== '' && !(Number.isInteger(typed) && typed > 0);
  return (
    <div className={`form-field header-row-field${invalid ? ' has-error' : ''}`}>
      <label htmlFor="import-header-row">Header row</label>
      <p className="field-hint" id="import-header-row-hint">
        Found by Scrutiny Desk. Type another row number if the column names are on a different row; leave it empty to let Scrutiny Desk find it again.
      </p>
      {invalid && (
        <p className="field-error" id="import-header-row-error">
          A row number is a whole number from 1: “{text}” is not one.
        </p>
      )}
      <input
        id="import-header-row"
        className="text-input number-input"
        type="text"
        inputMode="numeric"
        value={text}
        aria-describedby={invalid ? 'import-header-row-hint import-header-row-error' : 'import-header-row-hint'}
        aria-invalid={invalid ? true : undefined}
        onChange={(event) => {
          const value = event.target.value;
          setText(value);
          const row = Number(value);
          if (value.trim() === '') setHeaderRow(undefined);
          else if (Number.isInteger(row) && row > 0) setHeaderRow(row);
        }}
      />
    </div>
  );
}

function TargetChoice({ preview }: { preview: ImportPreview }) {
  const chooseTarget = useImportsStore((s) => s.chooseTarget);
  const chosen = useImportsStore((s) => s.flow?.draft?.target ?? s.flow?.target ?? preview.target);
  const best = [...preview.targets].sort((a, b) => b.score - a.score)[0]?.target;
  return (
    <fieldset className="choice-group targets">
      <legend>What does this file hold?</legend>
      <p className="field-hint">Scrutiny Desk suggests the closest match from the column names. Choose another if it is wrong: the columns are then mapped again.</p>
      {preview.targets.map((t) => {
        const id = `import-target-${t.target}`;
        return (
          <div key={t.target} className={`choice${chosen === t.target ? ' is-chosen' : ''}`}>
            <input type="radio" id={id} name="import-target" checked={chosen === t.target} onChange={() => chooseTarget(t.target)} aria-describedby={`${id}-why`} />
            <div>
              <label htmlFor={id}>
                {t.label}
                {t.target === best && t.score > 0 && <span className="tag">Suggested</span>}
              </label>
              <p className="field-hint" id={`${id}-why`}>
                {Math.round(t.score * 100)}% match{t.why !== '' ? `: ${t.why}` : ''}
              </p>
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}

function Facts({ flow, preview }: { flow: ImportFlow; preview: ImportPreview }) {
  const chooseSheet = useImportsStore((s) => s.chooseSheet);
  const file = preview.file;
  const visibleSheets = preview.sheets;
  const skipped = preview.skipped;
  return (
    <div className="read-facts">
      <dl className="fields">
        <dt>File</dt>
        <dd className="file-name">{file.fileName}</dd>
        <dt>Kind</dt>
        <dd>{fileKindWords(file.kind)}</dd>
        {file.encoding !== null && (
          <>
            <dt>Encoding</dt>
            <dd>{encodingWords(file.encoding)}</dd>
          </>
        )}
        <dt>Size</dt>
        <dd>
          {fileSize(file.bytes)}
          {file.bytes >= 1024 && <span className="muted"> ({count(file.bytes, 'byte', 'bytes')})</span>}
        </dd>
        {file.kind !== 'csv' && visibleSheets.length <= 1 && preview.sheet !== null && (
          <>
            <dt>Sheet</dt>
            <dd>
              {preview.sheet} <span className="muted">({count(visibleSheets[0]?.rows ?? 0, 'row', 'rows')})</span>
            </dd>
          </>
        )}
        <dt>Header</dt>
        <dd>
          {headerLine(preview.headerRowNumber, preview.titleRows.length)}
          {preview.titleRows.length > 0 ? ':' : '.'}
          {preview.titleRows.length > 0 && (
            <ul className="title-rows">
              {preview.titleRows.map((t) => (
                <li key={t.row}>
                  <span className="muted">Row {n(t.row)}:</span> “{t.text}”
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Columns</dt>
        <dd>
          {count(preview.columns.length, 'column', 'columns')}:{' '}
          {preview.columns.map((c, i) => (
            <Fragment key={c.letter}>
              <span className="nowrap">
                <span className="col-letter">{c.letter}</span> {c.name === '' ? '(no header)' : c.name}
              </span>
              {i < preview.columns.length - 1 ? ', ' : ''}
            </Fragment>
          ))}
        </dd>
        <dt>Rows</dt>
        <dd>
          {count(preview.counts.rowsRead, 'row', 'rows')} of data under the header; {count(skipped.length, 'row', 'rows')} skipped
          {skipped.length > 0 && (
            <details className="skipped">
              <summary>Why {skipped.length === 1 ? 'it was' : 'they were'} skipped</summary>
              <ul>
                {skipped.map((s) => (
                  <li key={s.rowNumber}>{s.reason}</li>
                ))}
              </ul>
            </details>
          )}
        </dd>
      </dl>
      {file.warnings.length > 0 && (
        <ul className="warning-list" aria-label="Warnings about the file">
          {file.warnings.map((w) => (
            <li key={w}>
              <WarningIcon /> <span className="label">Warning:</span> {w}
            </li>
          ))}
        </ul>
      )}
      {visibleSheets.length > 1 && (
        <div className="form-field">
          <label htmlFor="import-sheet">Sheet</label>
          <p className="field-hint" id="import-sheet-hint">
            This workbook has {count(visibleSheets.length, 'sheet', 'sheets')}. Choose the one to import.
          </p>
          <select
            id="import-sheet"
            className="field-select"
            value={flow.sheet ?? preview.sheet ?? ''}
            aria-describedby="import-sheet-hint"
            onChange={(event) => chooseSheet(event.target.value)}
          >
            {visibleSheets.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name} ({count(s.rows, 'row', 'rows')}){s.hidden ? ', hidden' : ''}
              </option>
            ))}
          </select>
        </div>
      )}
      <HeaderRowField key={`${flow.id}:${flow.sheet ?? ''}`} preview={preview} chosen={flow.headerRow} />
    </div>
  );
}

export function ReadStep({ flow }: { flow: ImportFlow }) {
  const goToStep = useImportsStore((s) => s.goToStep);
  const preview = flow.preview;
  if (flow.phase === 'refused' && flow.refusal !== null) {
    return (
      <div className="step">
        <StepHeading />
        <ProblemBox id={REFUSAL_ID} title={`${flow.fileName} was not read`} problem={flow.refusal}>
          <p className="muted">Nothing was stored: the evidence store is exactly as it was.</p>
        </ProblemBox>
        <p className="step-actions">
          <FilePicker label="Choose another file" />
        </p>
      </div>
    );
  }
  if (preview === null) {
    return (
      <div className="step">
        <StepHeading />
        <p className="loading">
          <span className="spinner" aria-hidden="true" /> {flow.phase === 'uploading' ? 'Opening' : 'Reading'} {flow.fileName} ({fileSize(flow.bytes)})…
        </p>
      </div>
    );
  }
  return (
    <div className="step">
      <StepHeading />
      <div className="read-grid">
        <Facts flow={flow} preview={preview} />
        <TargetChoice preview={preview} />
      </div>
      <p className="step-actions">
        <button type="button" className="button" onClick={() => goToStep('map')}>
          Continue to Map
        </button>
      </p>
    </div>
  );
}
