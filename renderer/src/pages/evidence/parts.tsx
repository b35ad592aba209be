// Pieces the Evidence and Questions pages share: stance marks (word and icon,
// never colour alone), tabs worked by arrow keys, the announcer, focus requests,
// the Undo and Redo buttons, the "Deleted" notice with its Undo, sortable
// column headers and arrow keys between the rows of a table.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Stance } from '../../../../shared/schemas.ts';
import { UndoIcon } from '../../components/Icons.tsx';
import { REDO_SHORTCUT, UNDO_SHORTCUT } from '../../shortcuts.ts';
import { useAppStore } from '../../state/app.ts';
import { STANCE_WORDS } from './lib.ts';

// ---- stances ----------------------------------------------------------------

/** Supports: a circle with a tick; challenges: a diamond with a cross; context: a square with an "i". */
export function StanceIcon({ stance }: { stance: Stance }) {
  return (
    <svg className={`icon stance-icon stance-icon-${stance}`} viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {stance === 'supports' ? (
        <>
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path d="M4.6 8.3l2.2 2.2 4.6-4.8" fill="none" stroke="#fff" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
        </>
      ) : stance === 'challenges' ? (
        <>
          <path d="M8 0.6l7.4 7.4L8 15.4 0.6 8z" fill="currentColor" />
          <path d="M5.7 5.7l4.6 4.6M10.3 5.7l-4.6 4.6" stroke="#fff" strokeWidth="1.7" strokeLinecap="round" />
        </>
      ) : (
        <>
          <rect x="1.5" y="1.5" width="13" height="13" rx="2" fill="currentColor" />
          <path d="M8 7.2v4.3" stroke="#fff" strokeWidth="1.7" strokeLinecap="round" />
          <circle cx="8" cy="4.9" r="1" fill="#fff" />
        </>
      )}
    </svg>
  );
}

/** A stance as icon and word: "◆ Challenges". */
export function StanceMark({ stance, children }: { stance: Stance; children?: ReactNode }) {
  return (
    <span className={`stance stance-${stance}`}>
      <StanceIcon stance={stance} />
      {children ?? STANCE_WORDS[stance]}
    </span>
  );
}

// ---- announcing and focus -----------------------------------------------------

/** Read out by screen readers: saves, links, deletes. */
export function Announcer({ announcement, label }: { announcement: { text: string; serial: number }; label: string }) {
  return (
    <div className="sr-only" role="status" aria-label={label}>
      {announcement.serial > 0 && <span key={announcement.serial}>{announcement.text}</span>}
    </div>
  );
}

/** Moves focus to the element a store asks for, once it has rendered. */
export function useFocusRequest(focus: { target: string; serial: number }): void {
  // A request made before the page was shown is not acted on again when it comes back.
  const atMount = useRef(focus.serial);
  useEffect(() => {
    if (focus.serial === atMount.current || focus.target === '') return;
    let tries = 0;
    let frame = 0;
    const attemptFocus = () => {
      const element = document.getElementById(focus.target);
      if (element === null) {
        // The view may still be loading: try again for a short while.
        if (tries++ < 30) frame = requestAnimationFrame(attemptFocus);
        return;
      }
      element.focus({ preventScroll: true });
      const box = element.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) element.scrollIntoView({ block: 'center' });
    };
    frame = requestAnimationFrame(attemptFocus);
    return () => cancelAnimationFrame(frame);
  }, [focus]);
}

// ---- tabs --------------------------------------------------------------------

export interface TabSpec<T extends string> {
  id: T;
  label: string;
  /** A count shown beside the label. */
  count?: number | null | undefined;
}

/**
 * Tabs as a segmented control: Left and Right (and Home, End) move between
 * them and show each at once; Tab goes on into the panel.
 */
export function Tabs<T extends string>({ label, tabs, current, onChange, idPrefix }: { label: string; tabs: readonly TabSpec<T>[]; current: T; onChange: (id: T) => void; idPrefix: string }) {
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((t) => t.id === current);
    const to = event.key === 'ArrowRight' ? index + 1 : event.key === 'ArrowLeft' ? index - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? tabs.length - 1 : null;
    if (to === null) return;
    event.preventDefault();
    const tab = tabs[(to + tabs.length) % tabs.length]!;
    onChange(tab.id);
    refs.current.get(tab.id)?.focus();
  };
  return (
    <div className="segmented" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((tab) => {
        const selected = tab.id === current;
        return (
          <button
            key={tab.id}
            ref={(element) => {
              if (element !== null) refs.current.set(tab.id, element);
              else refs.current.delete(tab.id);
            }}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${tab.id}`}
            aria-selected={selected}
            aria-controls={`${idPrefix}-panel-${tab.id}`}
            tabIndex={selected ? 0 : -1}
            className={selected ? 'segment is-selected' : 'segment'}
            onClick={() => onChange(tab.id)}
          >
            {tab.label}
            {tab.count !== undefined && tab.count !== null && <span className="segment-count">{tab.count.toLocaleString('en-GB')}</span>}
          </button>
        );
      })}
    </div>
  );
}

export function TabPanel({ idPrefix, id, children }: { idPrefix: string; id: string; children: ReactNode }) {
  return (
    <div role="tabpanel" id={`${idPrefix}-panel-${id}`} aria-labelledby={`${idPrefix}-tab-${id}`} className="tab-panel">
      {children}
    </div>
  );
}

// ---- undo and redo -----------------------------------------------------------

/** Undo and Redo as buttons, with their shortcuts shown. */
export function HistoryButtons() {
  const step = useAppStore((s) => s.stepHistory);
  return (
    <div className="history-buttons" role="group" aria-label="Undo and redo">
      <button
        type="button"
        className="button button-quiet button-small"
        aria-keyshortcuts={UNDO_SHORTCUT.aria}
        title={`Undo the last change (${UNDO_SHORTCUT.label})`}
        onClick={() => void step('undo')}
      >
        <UndoIcon /> Undo <kbd aria-hidden="true">{UNDO_SHORTCUT.label}</kbd>
      </button>
      <button
        type="button"
        className="button button-quiet button-small"
        aria-keyshortcuts={REDO_SHORTCUT.aria}
        title={`Redo the change undone last (${REDO_SHORTCUT.label} or Ctrl+Y)`}
        onClick={() => void step('redo')}
      >
        <UndoIcon className="icon-flip" /> Redo <kbd aria-hidden="true">{REDO_SHORTCUT.label}</kbd>
      </button>
    </div>
  );
}

/** Reloads what a page shows after each undo or redo. */
export function useReloadAfterHistory(reload: () => Promise<void> | void): void {
  const serial = useAppStore((s) => s.historySerial);
  const first = useRef(serial);
  useEffect(() => {
    if (serial === first.current) return;
    void reload();
  }, [serial, reload]);
}

/** "Deleted: Note “…”. 2 excerpts went with it." with Undo beside it. */
export function DeletedNotice({ deleted, id, onDismiss }: { deleted: { text: string; effects: string[]; serial: number } | null; id: string; onDismiss: () => void }) {
  const step = useAppStore((s) => s.stepHistory);
  if (deleted === null) return null;
  return (
    <div className="deleted-notice" id={id} tabIndex={-1} key={deleted.serial}>
      <p>
        <span className="label">{deleted.text}</span> {deleted.effects.join(' ')}
      </p>
      <div className="deleted-actions">
        <button
          type="button"
          className="button button-quiet button-small"
          aria-keyshortcuts={UNDO_SHORTCUT.aria}
          onClick={() => {
            onDismiss();
            void step('undo');
          }}
        >
          <UndoIcon /> Undo
        </button>
        <button type="button" className="button button-quiet button-small" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}

// ---- tables --------------------------------------------------------------------

export interface SortState<K extends string> {
  key: K;
  descending: boolean;
}

/** Rows in the order a column header asks for; text compared as a reader would (ignoring case), numbers as numbers. */
export function useSorted<T, K extends string>(rows: readonly T[] | null, sort: SortState<K>, value: (row: T, key: K) => string | number | null): T[] {
  return useMemo(() => {
    if (rows === null) return [];
    const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });
    const sorted = [...rows].sort((a, b) => {
      const x = value(a, sort.key);
      const y = value(b, sort.key);
      if (x === y) return 0;
      if (x === null || x === '') return 1; // blanks last either way
      if (y === null || y === '') return -1;
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      return sort.descending ? -order : order;
    });
    return sorted;
  }, [rows, sort, value]);
}

export function useSortState<K extends string>(initial: SortState<K>): [SortState<K>, (key: K) => void] {
  const [sort, setSort] = useState(initial);
  const toggle = (key: K) => setSort((s) => (s.key === key ? { key, descending: !s.descending } : { key, descending: false }));
  return [sort, toggle];
}

/** A column header that sorts: the marker shows the order, aria-sort says it. */
export function SortHeader<K extends string>({ label, sortKey, sort, onSort, className }: { label: string; sortKey: K; sort: SortState<K>; onSort: (key: K) => void; className?: string }) {
  const active = sort.key === sortKey;
  return (
    <th scope="col" className={className} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(sortKey)} title={`Sort by ${label.toLowerCase()}`}>
        {label}
        <span className={active ? 'sort-mark is-active' : 'sort-mark'} aria-hidden="true">
          {active ? (sort.descending ? '▼' : '▲') : '↕'}
        </span>
      </button>
    </th>
  );
}

/** Up and Down move focus to the same kind of control in the row above or below. */
export function onRowArrows(event: KeyboardEvent<HTMLElement>): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const target = event.target as HTMLElement;
  if (target.closest('input, textarea, select') !== null) return;
  const row = target.closest('tr');
  const marker = target.dataset.rowNav;
  if (row === null || marker === undefined) return;
  let sibling = (event.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling) as HTMLElement | null;
  while (sibling !== null) {
    const control = sibling.querySelector<HTMLElement>(`[data-row-nav="${marker}"]`);
    if (control !== null) {
      event.preventDefault();
      control.focus();
      return;
    }
    sibling = (event.key === 'ArrowDown' ? sibling.nextElementSibling : sibling.previousElementSibling) as HTMLElement | null;
  }
}

/** A form or list problem with what to do: shown where it happened. */
export function ProblemNote({ problem, id }: { problem: { message: string; hint?: string | undefined } | null; id?: string }) {
  if (problem === null) return null;
  return (
    <div className="field-error form-problem" id={id} role="alert">
      <p>{problem.message}</p>
      {problem.hint !== undefined && <p>{problem.hint}</p>}
    </div>
  );
}
