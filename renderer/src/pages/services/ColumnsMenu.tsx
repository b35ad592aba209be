// Choose and reorder the table's columns from the keyboard: a button opens a
// list of every column, each with a checkbox to show it and buttons to move it
// up or down. Escape closes it and returns to the button. Choices are kept.
import { useEffect, useRef, useState } from 'react';
import { useServicesStore } from '../../state/services.ts';
import { columnById, COLUMNS, type ColumnContext, type ColumnId } from './columns.ts';
import { moveColumn } from './model.ts';

export function ColumnsMenu({ context }: { context: ColumnContext }) {
  const order = useServicesStore((s) => s.columnOrder);
  const visibility = useServicesStore((s) => s.columnVisibility);
  const setColumnOrder = useServicesStore((s) => s.setColumnOrder);
  const setColumnVisible = useServicesStore((s) => s.setColumnVisible);
  const resetColumns = useServicesStore((s) => s.resetColumns);
  const announce = useServicesStore((s) => s.announce);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const shown = COLUMNS.filter((c) => visibility[c.id]).length;

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (event.target instanceof Node && !panel.current?.contains(event.target) && !button.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    requestAnimationFrame(() => panel.current?.querySelector<HTMLElement>('input, button')?.focus());
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const move = (id: ColumnId, delta: -1 | 1, target: HTMLElement) => {
    const next = moveColumn(order, id, delta);
    setColumnOrder(next);
    const label = columnById(id)?.label(context) ?? id;
    const position = next.indexOf(id) + 1;
    announce(`${label} moved ${delta < 0 ? 'up' : 'down'}: now ${position} of ${next.length}.`);
    // Keep focus on the same button as the row moves; at an end, on the one that still works.
    const atEnd = (delta < 0 && position === 1) || (delta > 0 && position === next.length);
    const direction = atEnd ? (delta < 0 ? 'down' : 'up') : delta < 0 ? 'up' : 'down';
    requestAnimationFrame(() => document.getElementById(`column-${id}-${direction}`)?.focus() ?? target.focus());
  };

  return (
    <div className="columns-menu">
      <button
        ref={button}
        type="button"
        className="button button-quiet"
        aria-expanded={open}
        aria-controls="columns-panel"
        onClick={() => setOpen(!open)}
      >
        Columns <span className="muted">({shown} of {COLUMNS.length})</span>
        <span className={`disclosure${open ? ' is-open' : ''}`} aria-hidden="true" />
      </button>
      {open && (
        <div
          ref={panel}
          id="columns-panel"
          className="columns-panel"
          role="group"
          aria-labelledby="columns-panel-title"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              event.stopPropagation();
              setOpen(false);
              button.current?.focus();
            }
          }}
        >
          <p id="columns-panel-title" className="columns-panel-title">
            Show and order the columns
          </p>
          <ol className="columns-list">
            {order.map((id, index) => {
              const column = columnById(id);
              if (column === undefined) return null;
              const label = column.label(context);
              return (
                <li key={id}>
                  <label className="columns-check">
                    <input type="checkbox" checked={visibility[id]} onChange={(event) => setColumnVisible(id, event.target.checked)} />
                    {label}
                  </label>
                  <span className="columns-move">
                    <button
                      id={`column-${id}-up`}
                      type="button"
                      className="svc-icon-button"
                      aria-label={`Move ${label} up`}
                      title={`Move ${label} up`}
                      disabled={index === 0}
                      onClick={(event) => move(id, -1, event.currentTarget)}
                    >
                      ↑
                    </button>
                    <button
                      id={`column-${id}-down`}
                      type="button"
                      className="svc-icon-button"
                      aria-label={`Move ${label} down`}
                      title={`Move ${label} down`}
                      disabled={index === order.length - 1}
                      onClick={(event) => move(id, 1, event.currentTarget)}
                    >
                      ↓
                    </button>
                  </span>
                </li>
              );
            })}
          </ol>
          <p className="columns-actions">
            <button type="button" className="link-button" onClick={() => resetColumns()}>
              Back to the usual columns
            </button>
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => {
                setOpen(false);
                button.current?.focus();
              }}
            >
              Done
            </button>
          </p>
        </div>
      )}
    </div>
  );
}
