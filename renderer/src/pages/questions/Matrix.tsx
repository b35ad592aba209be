// The framework matrix: terms of reference and key questions down the side,
// witnesses, perspectives or kinds of source across the top. Each cell gives
// its count and stance mix; an empty one shows "—" and says "no evidence". The
// arrow keys move between cells (Home, End, Ctrl+Home, Ctrl+End too); the
// passages of the cell in focus are shown under the grid; Enter goes to them.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { MatrixColumns } from '../../../../shared/evidence-schemas.ts';
import { QUESTION_FOCUS, useQuestionsStore } from '../../state/questions.ts';
import { n, STANCES, stanceMix, targetShort } from '../evidence/lib.ts';
import { StanceIcon, StanceMark } from '../evidence/parts.tsx';
import { openInNote } from './ItemView.tsx';
import { cellLabel, gridMove } from './lib.ts';

const COLUMN_CHOICES: readonly { id: MatrixColumns; label: string }[] = [
  { id: 'witnesses', label: 'Witnesses' },
  { id: 'perspectives', label: 'Perspectives' },
  { id: 'sourceKinds', label: 'Kinds of source' },
];

function ColumnSwitch() {
  const by = useQuestionsStore((s) => s.matrixBy);
  const setBy = useQuestionsStore((s) => s.setMatrixBy);
  return (
    <fieldset className="matrix-switch">
      <legend>Columns</legend>
      {COLUMN_CHOICES.map((choice) => (
        <label key={choice.id} className={by === choice.id ? 'switch-option is-chosen' : 'switch-option'}>
          <input type="radio" name="matrix-columns" value={choice.id} checked={by === choice.id} onChange={() => void setBy(choice.id)} />
          {choice.label}
        </label>
      ))}
    </fieldset>
  );
}

function CellDetail() {
  const matrix = useQuestionsStore((s) => s.matrix);
  const cell = useQuestionsStore((s) => s.cell);
  if (matrix === null) return null;
  const row = cell !== null ? matrix.rows.find((r) => r.id === cell.rowId) : undefined;
  const columnIndex = cell !== null ? matrix.columns.findIndex((c) => c.key === cell.columnKey) : -1;
  const column = matrix.columns[columnIndex];
  const data = row?.cells[columnIndex];
  return (
    <section className="cell-detail" aria-labelledby={QUESTION_FOCUS.cell}>
      {row === undefined || column === undefined || data === undefined ? (
        <>
          <h3 id={QUESTION_FOCUS.cell} tabIndex={-1}>
            The passages in a cell
          </h3>
          <p className="muted">Move to a cell (click it, or Tab into the grid and use the arrow keys) to see the passages in it here.</p>
        </>
      ) : (
        <>
          <p className="ev-kicker">
            {row.label} · {column.label}
          </p>
          <h3 id={QUESTION_FOCUS.cell} tabIndex={-1}>
            {row.text}
          </h3>
          {column.detail !== null && <p className="muted cell-column-detail">{column.label}: {column.detail}</p>}
          {data.count === 0 ? (
            <p className="cell-none">No evidence from {column.label} on this yet.</p>
          ) : (
            <>
              <p>{stanceMix(data)}</p>
              <ul className="evidence-list">
                {data.entries.map((entry) => (
                  <li key={entry.linkId} className="evidence-entry">
                    <p className="evidence-entry-head">
                      <StanceMark stance={entry.stance} />
                      <span className="muted">from “{entry.noteTitle}”</span>
                    </p>
                    {entry.quote !== null ? <blockquote className="evidence-quote">“{entry.quote}”</blockquote> : <p className="evidence-summary">The whole note</p>}
                    {entry.comment !== null && (
                      <p className="evidence-comment">
                        <span className="label">Comment:</span> {entry.comment}
                      </p>
                    )}
                    {entry.lost && <p className="lost-note">Its words are no longer in the note after an edit.</p>}
                    <button type="button" className="link-button small-link" onClick={() => openInNote(entry.noteId, entry.excerptId)}>
                      Open in the note<span className="sr-only"> “{entry.noteTitle}”</span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

export function MatrixView() {
  const matrix = useQuestionsStore((s) => s.matrix);
  const status = useQuestionsStore((s) => s.matrixStatus);
  const cell = useQuestionsStore((s) => s.cell);
  const setCell = useQuestionsStore((s) => s.setCell);
  const loadMatrix = useQuestionsStore((s) => s.loadMatrix);
  const requestFocus = useQuestionsStore((s) => s.requestFocus);
  const grid = useRef<HTMLTableElement>(null);
  const moved = useRef(false);

  useEffect(() => {
    void loadMatrix();
  }, [loadMatrix]);

  const rowIndex = matrix !== null && cell !== null ? matrix.rows.findIndex((r) => r.id === cell.rowId) : -1;
  const colIndex = matrix !== null && cell !== null ? matrix.columns.findIndex((c) => c.key === cell.columnKey) : -1;
  const at = { row: Math.max(0, rowIndex), col: Math.max(0, colIndex) };

  // After an arrow key, focus follows the cell.
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    grid.current?.querySelector<HTMLElement>('td[tabindex="0"]')?.focus();
  }, [cell]);

  if (matrix === null) {
    return <p className="muted">{status === 'failed' ? 'The matrix could not be loaded (see the notice above).' : 'Drawing the matrix…'}</p>;
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    if (!(event.target as HTMLElement).matches('td')) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      requestFocus(QUESTION_FOCUS.cell);
      return;
    }
    const to = gridMove(event.key, event.ctrlKey || event.metaKey, at, { rows: matrix.rows.length, cols: matrix.columns.length });
    if (to === null) return;
    event.preventDefault();
    const row = matrix.rows[to.row];
    const column = matrix.columns[to.col];
    if (row === undefined || column === undefined) return;
    moved.current = true;
    setCell({ rowId: row.id, columnKey: column.key });
  };

  const total = matrix.rows.reduce((sum, r) => sum + r.count, 0);
  const empty = matrix.rows.reduce((sum, r) => sum + r.cells.filter((c) => c.count === 0).length, 0);
  const cells = matrix.rows.length * matrix.columns.length;
  return (
    <>
      <div className="matrix-toolbar">
        <ColumnSwitch />
        <p className="ev-count">
          {n(total)} linked {total === 1 ? 'passage' : 'passages'} in {n(cells - empty)} of {n(cells)} cells; {n(empty)} {empty === 1 ? 'cell is' : 'cells are'} empty.
        </p>
      </div>
      <p className="field-hint" id="matrix-keys">
        Arrow keys move between cells; Enter goes to the passages of the cell, shown under the grid.
      </p>
      <div className="matrix-wrap">
        <table ref={grid} className="matrix" role="grid" aria-label={`Evidence by question and ${COLUMN_CHOICES.find((c) => c.id === matrix.by)?.label.toLowerCase() ?? ''}`} aria-describedby="matrix-keys" onKeyDown={onKeyDown}>
          <thead>
            <tr>
              <th scope="col" className="matrix-corner">
                Question
              </th>
              {matrix.columns.map((column) => (
                <th key={column.key} scope="col" className="matrix-col" title={column.detail ?? column.label}>
                  <span className="matrix-col-label">{column.label}</span>
                  {column.detail !== null && <span className="matrix-col-detail">{column.detail}</span>}
                </th>
              ))}
              <th scope="col" className="matrix-total-col">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map((row, r) => (
              <tr key={row.id} className={r > 0 && matrix.rows[r - 1]!.kind !== row.kind ? 'group-start' : undefined}>
                <th scope="row" className="matrix-row" title={`${row.label}: ${row.text}`}>
                  <span className="matrix-row-label">{targetShort(row.kind, row.number)}</span>
                  <span className="matrix-row-text">{row.text}</span>
                </th>
                {row.cells.map((data, c) => {
                  const column = matrix.columns[c]!;
                  const focused = r === at.row && c === at.col;
                  const selected = cell !== null && focused;
                  return (
                    <td
                      key={data.columnKey}
                      tabIndex={focused ? 0 : -1}
                      className={`matrix-cell${data.count === 0 ? ' is-empty' : ''}${selected ? ' is-selected' : ''}`}
                      aria-selected={selected}
                      title={cellLabel(row, column, data)}
                      onFocus={() => {
                        if (!focused || cell === null) setCell({ rowId: row.id, columnKey: data.columnKey });
                      }}
                      onClick={() => setCell({ rowId: row.id, columnKey: data.columnKey })}
                    >
                      <span className="sr-only">{cellLabel(row, column, data)}</span>
                      {data.count === 0 ? (
                        <span className="cell-empty" aria-hidden="true">
                          —
                        </span>
                      ) : (
                        <span className="cell-fill" aria-hidden="true">
                          <span className="cell-count">{n(data.count)}</span>
                          <span className="cell-mix">
                            {STANCES.filter((s) => data[s] > 0).map((s) => (
                              <span key={s} className={`mix mix-${s}`}>
                                <StanceIcon stance={s} />
                                {n(data[s])}
                              </span>
                            ))}
                          </span>
                        </span>
                      )}
                    </td>
                  );
                })}
                <td className={row.count === 0 ? 'matrix-total is-empty' : 'matrix-total'}>{row.count === 0 ? '—' : n(row.count)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" className="matrix-row matrix-foot">
                Total
              </th>
              {matrix.columns.map((column) => (
                <td key={column.key} className={column.count === 0 ? 'matrix-total is-empty' : 'matrix-total'}>
                  {column.count === 0 ? '—' : n(column.count)}
                </td>
              ))}
              <td className="matrix-total">{n(total)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <CellDetail />
    </>
  );
}
