// Step 3, Preview: the counts, the first rows as they will be stored (each row's
// outcome in words, rejected cells named with their reason, every cell's
// diagnostics on demand), every rejected row, and the organisation names the
// clerk must decide about.
import { Fragment, useState } from 'react';
import type { ImportPreview } from '../../../../shared/import-schemas.ts';
import { CheckIcon, ErrorIcon, InfoIcon, WarningIcon } from '../../components/Icons.tsx';
import { DIAGNOSTIC_WORDS, count, countsLine, extrasLine, isMoneyLabel, n, recordLabels, storedValue } from '../../lib/imports.ts';
import { useImportsStore, type ImportFlow, type UncertainOrganisation } from '../../state/imports.ts';
import { OutcomeMark, PreviewFreshness, STEP_HEADING_ID } from './parts.tsx';

type PreviewRow = ImportPreview['rows'][number];
type Diagnostic = PreviewRow['diagnostics'][number];

function DiagnosticMark({ outcome }: { outcome: Diagnostic['outcome'] }) {
  const icon = outcome === 'understood' ? <CheckIcon /> : outcome === 'rejected' ? <ErrorIcon /> : <InfoIcon />;
  return (
    <span className={`diag-mark diag-${outcome}`}>
      {icon}
      {DIAGNOSTIC_WORDS[outcome]}
    </span>
  );
}

function Diagnostics({ row, preview }: { row: PreviewRow; preview: ImportPreview }) {
  const byLetter = new Map(preview.columns.map((c, i) => [c.letter, i] as const));
  return (
    <div className="diagnostics">
      <table className="data compact">
        <caption>What Scrutiny Desk made of each cell of row {n(row.rowNumber)}</caption>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">In the file</th>
            <th scope="col">Outcome</th>
            <th scope="col">What it means</th>
          </tr>
        </thead>
        <tbody>
          {row.diagnostics.map((d, i) => {
            const index = d.column !== null ? byLetter.get(d.column) : undefined;
            const raw = index !== undefined ? row.cells[index] ?? '' : '';
            return (
              <tr key={`${d.column ?? ''}:${d.field ?? ''}:${i}`} className={d.outcome === 'rejected' ? 'is-rejected' : undefined}>
                <th scope="row" className="nowrap">
                  {d.column !== null ? (
                    <>
                      <span className="col-letter">{d.column}</span> {d.header ?? ''}
                    </>
                  ) : (
                    d.field ?? 'The row'
                  )}
                </th>
                <td className="cell-text">{raw === '' ? <span className="muted">(empty)</span> : raw}</td>
                <td>
                  <DiagnosticMark outcome={d.outcome} />
                </td>
                <td>{d.detail}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {row.records.length > 0 && (
        <ul className="record-why">
          {row.records.map((r, i) => (
            <li key={i}>
              <OutcomeMark outcome={r.outcome} />: {r.why}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function RowsTable({ preview }: { preview: ImportPreview }) {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const labels = recordLabels(preview.rows);
  const columnsCount = labels.length + 3;
  const toggle = (row: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(row)) next.delete(row);
      else next.add(row);
      return next;
    });
  if (preview.rows.length === 0) {
    return <p className="muted">No rows under the header to show.</p>;
  }
  return (
    <div className="table-wrap preview-wrap">
      <table className="data preview-rows">
        <caption>
          The first {count(preview.rows.length, 'row', 'rows')} of {n(preview.counts.rowsRead)} as they will be stored
        </caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Row
            </th>
            <th scope="col">Outcome</th>
            {labels.map((label) => (
              <th key={label} scope="col" className={isMoneyLabel(label) ? 'money' : undefined}>
                {label}
              </th>
            ))}
            <th scope="col">
              <span className="sr-only">Details</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row) => {
            const isOpen = open.has(row.rowNumber);
            const detailsId = `row-details-${row.rowNumber}`;
            const span = Math.max(1, row.records.length);
            const detailsButton = (
              <td rowSpan={span} className="action">
                <button
                  type="button"
                  className="button button-quiet button-small"
                  aria-expanded={isOpen}
                  aria-controls={isOpen ? detailsId : undefined}
                  onClick={() => toggle(row.rowNumber)}
                >
                  Details<span className="sr-only"> of row {row.rowNumber}</span>
                  <span className={`disclosure${isOpen ? ' is-open' : ''}`} aria-hidden="true" />
                </button>
              </td>
            );
            const rowHead = (
              <th scope="row" rowSpan={span} className="num">
                {n(row.rowNumber)}
              </th>
            );
            return (
              <Fragment key={row.rowNumber}>
                {row.records.length === 0 ? (
                  <tr className={`outcome-row-${row.outcome}`}>
                    {rowHead}
                    <td>
                      <OutcomeMark outcome={row.outcome} />
                    </td>
                    <td colSpan={Math.max(1, labels.length)}>
                      {row.reasons.length > 0 ? (
                        <ul className="reasons">
                          {row.reasons.map((reason) => (
                            <li key={reason}>
                              <ErrorIcon /> <span className="sr-only">Rejected: </span>
                              {reason}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <span className="muted">Nothing from this row is stored.</span>
                      )}
                    </td>
                    {detailsButton}
                  </tr>
                ) : (
                  row.records.map((record, i) => (
                    <tr key={i} className={`outcome-row-${record.outcome}${i > 0 ? ' continued' : ''}`}>
                      {i === 0 && rowHead}
                      <td>
                        <OutcomeMark outcome={record.outcome} />
                      </td>
                      {labels.map((label) => {
                        const field = record.fields.find((f) => f.label === label);
                        return (
                          <td key={label} className={isMoneyLabel(label) ? 'money' : undefined}>
                            {field !== undefined ? storedValue(record.kind, label, field.value) : ''}
                          </td>
                        );
                      })}
                      {i === 0 && detailsButton}
                    </tr>
                  ))
                )}
                {isOpen && (
                  <tr id={detailsId} className="details-row">
                    <td colSpan={columnsCount}>
                      <Diagnostics row={row} preview={preview} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function RejectedRows({ preview }: { preview: ImportPreview }) {
  const rejected = preview.rejected;
  return (
    <section className="preview-block" aria-labelledby="rejected-title">
      <h4 id="rejected-title">Rejected rows ({n(preview.counts.rejected)})</h4>
      {rejected.length === 0 ? (
        <p className="muted">
          <CheckIcon className="good-icon" /> No row is rejected.
        </p>
      ) : (
        <>
          <p className="field-hint">These rows are not stored. Each is kept with its reason in the import’s record, to fix at the source.</p>
          <ul className="rejected-list">
            {rejected.map((r) => (
              <li key={r.rowNumber}>
                <span className="rejected-row">Row {n(r.rowNumber)}</span>
                <ul className="reasons">
                  {r.reasons.map((reason) => (
                    <li key={reason}>
                      <ErrorIcon /> {reason}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          {preview.counts.rejected > rejected.length && (
            <p className="muted">The first {n(rejected.length)} are listed; all are kept with the import when it is stored.</p>
          )}
        </>
      )}
    </section>
  );
}

const VIA_WORDS: Record<string, string> = {
  name: 'same name',
  confirmed: 'you confirmed it',
  identifier: 'same identifier',
  alias: 'a known other name',
  borough: 'the borough council',
};

function UncertainChoice({ entry, preview, decision }: { entry: UncertainOrganisation; preview: ImportPreview; decision: string | undefined }) {
  const decide = useImportsStore((s) => s.decideOrganisation);
  const name = `org-${entry.key.replace(/[^a-z0-9]+/gi, '-')}`;
  const rows = entry.rows.map((r) => n(r)).join(', ');
  const stillAsked = preview.organisations.uncertain.some((u) => u.key === entry.key);
  return (
    <fieldset className={`choice-group organisation${decision === undefined ? ' is-undecided' : ''}`}>
      <legend>
        “{entry.name}” <span className="muted">({entry.rows.length === 1 ? 'row' : 'rows'} {rows})</span>
      </legend>
      {entry.spellings.length > 1 && <p className="field-hint">Also written: {entry.spellings.filter((s) => s !== entry.name).join('; ')}</p>}
      {decision === undefined && stillAsked && (
        <p className="field-hint undecided-note">
          <WarningIcon /> Not decided yet: who is this?
        </p>
      )}
      {entry.candidates.map((c) => {
        const id = `${name}-${c.organisationId}`;
        return (
          <div className="choice" key={c.organisationId}>
            <input
              type="radio"
              id={id}
              name={name}
              checked={decision === c.organisationId}
              onChange={() => decide(entry.key, { organisationId: c.organisationId })}
              aria-describedby={`${id}-why`}
            />
            <div>
              <label htmlFor={id}>
                The known organisation {c.name}
                {c.alias !== c.name ? ` (known as “${c.alias}”)` : ''}
              </label>
              <p className="field-hint" id={`${id}-why`}>
                {Math.round(c.score * 100)}% alike: {c.why}
              </p>
            </div>
          </div>
        );
      })}
      <div className="choice">
        <input type="radio" id={`${name}-new`} name={name} checked={decision === 'new'} onChange={() => decide(entry.key, 'new')} />
        <div>
          <label htmlFor={`${name}-new`}>Create a new organisation “{entry.name}”</label>
        </div>
      </div>
    </fieldset>
  );
}

function Organisations({ flow, preview }: { flow: ImportFlow; preview: ImportPreview }) {
  const decideAllNew = useImportsStore((s) => s.decideAllNew);
  const { uncertain, created, matched } = preview.organisations;
  const shown = flow.uncertainSeen.filter(
    (u) =>
      uncertain.some((x) => x.key === u.key) ||
      (flow.decisions[u.key] !== undefined && (matched.some((m) => m.name === u.name) || created.some((c) => c.key === u.key))),
  );
  const undecided = uncertain.filter((u) => flow.decisions[u.key] === undefined).length;
  if (shown.length === 0 && created.length === 0 && matched.length === 0) return null;
  return (
    <section className="preview-block" aria-labelledby="organisations-title">
      <h4 id="organisations-title">Organisations</h4>
      {shown.length > 0 && (
        <div className="uncertain">
          <p>
            {undecided > 0 ? (
              <>
                <WarningIcon className="warn-icon" /> <span className="label">{count(undecided, 'name needs', 'names need')} your decision.</span>{' '}
              </>
            ) : (
              <>
                <CheckIcon className="good-icon" /> <span className="label">Every uncertain name is decided.</span>{' '}
              </>
            )}
            Scrutiny Desk is not sure whether these are organisations it already knows. Nothing is merged until you say so.
          </p>
          {shown.map((entry) => {
            const d = flow.decisions[entry.key];
            return <UncertainChoice key={entry.key} entry={entry} preview={preview} decision={d === undefined ? undefined : d === 'new' ? 'new' : d.organisationId} />;
          })}
          {undecided > 1 && (
            <p>
              <button type="button" className="button button-quiet" onClick={() => decideAllNew()}>
                Create new organisations for the {n(undecided)} names not decided
              </button>
            </p>
          )}
        </div>
      )}
      {created.length > 0 && (
        <details className="org-list">
          <summary>{count(created.length, 'new organisation', 'new organisations')} will be added</summary>
          <ul>
            {created.map((c) => (
              <li key={c.key}>
                {c.name} <span className="muted">({count(c.rows, 'row', 'rows')})</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {matched.length > 0 && (
        <details className="org-list">
          <summary>{count(matched.length, 'name matches', 'names match')} a known organisation</summary>
          <ul>
            {matched.map((m) => (
              <li key={`${m.name}:${m.knownName}`}>
                “{m.name}” is {m.knownName} <span className="muted">({VIA_WORDS[m.via] ?? m.via})</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

export function PreviewStep({ flow, preview }: { flow: ImportFlow; preview: ImportPreview }) {
  const goToStep = useImportsStore((s) => s.goToStep);
  const extras = extrasLine(preview.counts);
  return (
    <div className="step">
      <h3 id={STEP_HEADING_ID} tabIndex={-1} className="step-title">
        <span className="step-number">Step 3 of 4:</span> Check the preview
      </h3>
      <div className="summary-row">
        <p className="counts-summary">{countsLine(preview.counts, preview.target)}</p>
        <PreviewFreshness flow={flow} />
      </div>
      {extras !== null && <p className="muted">{extras}</p>}
      <RowsTable preview={preview} />
      <RejectedRows preview={preview} />
      <Organisations flow={flow} preview={preview} />
      <p className="step-actions">
        <button type="button" className="button button-quiet" onClick={() => goToStep('map')}>
          Back to Map
        </button>
        <button type="button" className="button" onClick={() => goToStep('commit')}>
          Continue to Commit
        </button>
      </p>
    </div>
  );
}
