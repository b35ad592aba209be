// The services table: a grid of every service, virtualised so that 100,000 rows
// scroll as smoothly as 100, and still whole to a screen reader (aria-rowcount,
// aria-rowindex). Sticky header with a sort button and a filter for each column;
// group rows with subtotals; a totals row. Like a spreadsheet from the keyboard:
// arrows move, Enter opens the service beside the list, F2 or typing edits the
// cell (checked as typed; Escape cancels, Enter saves), Delete offers to delete.
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useTable } from '@tanstack/react-table';
import { Fragment, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { formatMoney } from '../../../../shared/money.ts';
import type { ServiceList, ServiceRow } from '../../../../shared/services-schemas.ts';
import { ErrorIcon, InfoIcon } from '../../components/Icons.tsx';
import { useDetailStore } from '../../state/detail.ts';
import { useServicesStore } from '../../state/services.ts';
import { columnById, isNumeric, NOT_SPLIT_BY_FUND, STATUS_WORDS, type ColumnContext, type ColumnId, type ServiceColumn } from './columns.ts';
import {
  displayItems, editPatch, editText, GROUP_WORDS, groupCount, memberAmount, n, numberFilter, plural, rowCountText, savedText, totals,
  type DisplayItem, type EditResult,
} from './model.ts';
import { StatusMark } from './ServicePane.tsx';
import { COLUMN_DEFS, features, getRowId, globalFilterFn, SEARCH_COLUMN } from './table.ts';

export const ROW_HEIGHT = 30;
const NAME_MIN = 150;
const COMPACT_BELOW = 900;
const COMPACT_HIDES: ReadonlySet<ColumnId> = new Set(['reference', 'commissioner', 'category', 'boroughs', 'status', 'startDate', 'endDate', 'funds', 'paymentCount', 'evaluations', 'evidence', 'fundingLines']);
const HEAD_ROWS = 2; // column names, filters

type Area = 'head' | 'filter' | 'body' | 'total';

interface Active {
  area: Area;
  /** The item's key, for a body row. */
  key: string | null;
  col: ColumnId;
}

interface Editing {
  itemKey: string;
  serviceId: string;
  col: ColumnId;
  draft: string;
  result: EditResult;
  /** Enter was pressed with a value that cannot be stored: say so out loud. */
  refused: number;
  saving: boolean;
  problem: string | null;
}

/** A short message by a cell: why it cannot be edited here. */
interface CellNote {
  itemKey: string;
  col: ColumnId;
  text: string;
}

function cellId(area: Area, key: string | null, col: string): string {
  return `svc-${area}-${key ?? ''}-${col}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

let measuring: CanvasRenderingContext2D | null | undefined;

/** The width of a line of the table's text, bold or not (13px system font), in pixels. */
function textWidth(text: string, bold: boolean): number {
  if (measuring === undefined) measuring = document.createElement('canvas').getContext('2d');
  if (measuring === null) return text.length * 8;
  measuring.font = `${bold ? '600 ' : ''}13px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif`;
  return measuring.measureText(text).width;
}

function isPrintable(event: KeyboardEvent): boolean {
  return event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;
}

const STATUS_OPTIONS = Object.entries(STATUS_WORDS) as [ServiceRow['status'], string][];

function filterPlaceholder(column: ServiceColumn): string {
  if (column.kind === 'money') return '> £1m';
  if (column.kind === 'count') return '> 0';
  if (column.kind === 'date') return 'dd/mm/yyyy';
  return 'Filter';
}

export interface GridProps {
  list: ServiceList;
  context: ColumnContext;
}

export function ServicesGrid({ list, context }: GridProps) {
  const sorting = useServicesStore((s) => s.sorting);
  const columnFilters = useServicesStore((s) => s.columnFilters);
  const globalFilter = useServicesStore((s) => s.globalFilter);
  const columnOrder = useServicesStore((s) => s.columnOrder);
  const columnVisibility = useServicesStore((s) => s.columnVisibility);
  const groupBy = useServicesStore((s) => s.groupBy);
  const collapsed = useServicesStore((s) => s.collapsed);
  const organisations = useServicesStore((s) => s.organisations);
  const gridFocus = useServicesStore((s) => s.gridFocus);
  const store = useServicesStore.getState;
  const openService = useDetailStore((s) => s.openService);
  const paneServiceId = useDetailStore((s) => (s.request?.kind === 'service' ? s.request.serviceId : null));

  const order = useMemo(() => [...columnOrder, SEARCH_COLUMN], [columnOrder]);
  const visibility = useMemo(() => ({ ...columnVisibility, [SEARCH_COLUMN]: false }), [columnVisibility]);

  const table = useTable({
    features,
    columns: COLUMN_DEFS,
    data: list.rows,
    getRowId,
    state: { sorting, columnFilters, globalFilter, columnOrder: order, columnVisibility: visibility },
    onSortingChange: (updater) => store().setSorting(updater),
    onColumnFiltersChange: (updater) => store().setColumnFilters(updater),
    onGlobalFilterChange: (updater) => store().setGlobalFilter(updater as string),
    onColumnOrderChange: () => undefined, // the column menu sets the order
    onColumnVisibilityChange: () => undefined, // and which columns show
    globalFilterFn,
    getColumnCanGlobalFilter: (column) => column.id === SEARCH_COLUMN,
    enableSortingRemoval: true,
  });

  const rowModel = table.getRowModel();
  const shown = useMemo(() => rowModel.rows.map((r) => r.original), [rowModel]);
  const items = useMemo(
    () => displayItems(shown, { by: groupBy, sort: sorting[0] ?? null, collapsed, funds: list.funds, allRows: list.rows }),
    [shown, groupBy, sorting, collapsed, list.funds, list.rows],
  );
  const sums = useMemo(() => totals(shown), [shown]);

  // Said aloud once typing pauses: how many services the filters leave.
  const announce = useServicesStore((s) => s.announce);
  const firstCount = useRef(true);
  useEffect(() => {
    if (firstCount.current) {
      firstCount.current = false;
      return;
    }
    const timer = window.setTimeout(() => announce(rowCountText(shown.length, list.rows.length)), 700);
    return () => window.clearTimeout(timer);
  }, [columnFilters, globalFilter, shown.length, list.rows.length, announce]);

  // Said aloud when the order changes (and only then): which column, which way.
  const latestYear = context.latestYear;
  const firstSort = useRef(true);
  useEffect(() => {
    if (firstSort.current) {
      firstSort.current = false;
      return;
    }
    const main = sorting[0];
    const column = main !== undefined ? columnById(main.id) : undefined;
    if (main === undefined || column === undefined) {
      announce('Not sorted: the services are in the order they were recorded.');
      return;
    }
    const numeric = isNumeric(column);
    const way = numeric ? (main.desc ? 'largest first' : 'smallest first') : main.desc ? 'Z to A' : 'A to Z';
    announce(`Sorted by ${column.label({ latestYear })}, ${way}.`);
  }, [sorting, announce, latestYear]);

  // ------------------------------------------------------------ widths
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLTableSectionElement>(null);
  const [viewWidth, setViewWidth] = useState(0);
  // Beside the pane (or in a narrow window) the table keeps what tells services apart and the money; the pane shows the rest.
  const compact = viewWidth > 0 && viewWidth < COMPACT_BELOW;
  const columns = useMemo(
    () => table
      .getVisibleLeafColumns()
      .map((c) => columnById(c.id))
      .filter((c): c is ServiceColumn => c !== undefined)
      .filter((c, index) => !compact || index === 0 || !COMPACT_HIDES.has(c.id)),
    // The visible columns follow the order and visibility in force.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [table, order, visibility, compact],
  );
  const [headHeight, setHeadHeight] = useState(ROW_HEIGHT * HEAD_ROWS + 4);
  useLayoutEffect(() => {
    const scroller = scrollRef.current;
    if (scroller === null) return;
    const measure = () => {
      setViewWidth(scroller.clientWidth);
      if (headRef.current !== null) setHeadHeight(headRef.current.offsetHeight);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(scroller);
    return () => observer.disconnect();
  }, []);
  // Money is never cut short: a number column is as wide as its header and its largest figure (the total of every row).
  const allTotals = useMemo(() => totals(list.rows), [list.rows]);
  const widths = useMemo(() => {
    const base = columns.map((c) => {
      // Headers wrap onto two lines, so the longest word of the header must fit beside its sort mark.
      const longestWord = Math.max(...c.label(context).split(' ').map((word) => textWidth(word, true)));
      if (!isNumeric(c)) return Math.ceil(Math.max(c.width, longestWord + 32));
      const total = allTotals[c.id] ?? 0;
      const figure = c.kind === 'money' ? formatMoney(total) : n(total);
      return Math.ceil(Math.max(c.width, longestWord + 32, textWidth(figure, true) + 22));
    });
    const sum = base.reduce((a, b) => a + b, 0);
    // The service's name takes the room left over, or gives some up (down to NAME_MIN) before the table scrolls sideways.
    const room = viewWidth > 0 ? viewWidth - sum - 2 : 0;
    const grow = Math.max(0, columns.findIndex((c) => c.id === 'name'));
    const current = base[grow] ?? 0;
    base[grow] = Math.max(Math.min(current, NAME_MIN), current + room);
    return base;
  }, [columns, viewWidth, allTotals, context]);
  const totalWidth = widths.reduce((a, b) => a + b, 0);
  const leading = useMemo(() => {
    // The label of a group or of the totals spans the columns before the first number column.
    const first = columns.findIndex(isNumeric);
    return first <= 0 ? 1 : first;
  }, [columns]);

  // ------------------------------------------------------------ active cell
  const [active, setActive] = useState<Active>({ area: 'body', key: null, col: 'name' });
  const [editing, setEditing] = useState<Editing | null>(null);
  const [note, setNote] = useState<CellNote | null>(null);
  const pendingFocus = useRef(false);
  const lastBodyIndex = useRef(0);

  const keyIndex = useMemo(() => new Map(items.map((item, index) => [item.key, index])), [items]);
  const activeCol = columns.some((c) => c.id === active.col) ? active.col : (columns[0]?.id ?? 'name');
  let activeIndex = -1;
  if (items.length > 0) {
    const found = active.key !== null ? keyIndex.get(active.key) : undefined;
    activeIndex = found ?? Math.min(lastBodyIndex.current, items.length - 1);
  }
  const activeItem = activeIndex >= 0 ? items[activeIndex] : undefined;
  const activeKey = active.area === 'body' ? (activeItem?.key ?? null) : active.key;
  if (active.area === 'body' && activeIndex >= 0) lastBodyIndex.current = activeIndex;

  const rangeExtractor = useCallback(
    (range: Range) => {
      const base = defaultRangeExtractor(range);
      if (active.area === 'body' && activeIndex >= 0 && !base.includes(activeIndex)) {
        base.push(activeIndex);
        base.sort((a, b) => a - b);
      }
      return base;
    },
    [active.area, activeIndex],
  );

  // The virtualizer's functions are read afresh on every render here; nothing memoises them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    getItemKey: (index) => items[index]?.key ?? index,
    rangeExtractor,
    scrollMargin: headHeight,
    scrollPaddingStart: headHeight,
    scrollPaddingEnd: ROW_HEIGHT + 4,
  });

  const focusActive = useCallback(() => {
    pendingFocus.current = true;
  }, []);

  const moveTo = useCallback(
    (next: Active) => {
      setNote(null);
      setActive(next);
      pendingFocus.current = true;
      if (next.area === 'body' && next.key !== null) {
        const index = keyIndex.get(next.key);
        if (index !== undefined) virtualizer.scrollToIndex(index, { align: 'auto' });
      }
    },
    [keyIndex, virtualizer],
  );

  // Focus follows the active cell once it is on screen.
  useEffect(() => {
    if (!pendingFocus.current) return;
    const element = document.getElementById(cellId(active.area, activeKey, activeCol));
    if (element === null) return;
    const target = active.area === 'head' || active.area === 'filter' ? (element.querySelector<HTMLElement>('button, input, select') ?? element) : element;
    if (document.activeElement !== target) target.focus({ preventScroll: active.area !== 'body' });
    pendingFocus.current = false;
  });

  // The pane, when it shows a service, follows the row the keyboard is on.
  const activeServiceId = activeItem?.kind === 'row' ? activeItem.row.id : null;
  useEffect(() => {
    if (paneServiceId === null || activeServiceId === null || paneServiceId === activeServiceId || active.area !== 'body') return;
    if (!scrollRef.current?.contains(document.activeElement)) return;
    const timer = window.setTimeout(() => openService(activeServiceId, null, { focus: false }), 180);
    return () => window.clearTimeout(timer);
  }, [activeServiceId, paneServiceId, active.area, openService]);

  // Asked to take focus back (after a deletion in the pane, or a service added).
  const focusServiceId = useServicesStore((s) => s.focusServiceId);
  const seenFocus = useRef(gridFocus);
  useEffect(() => {
    if (gridFocus === seenFocus.current) return;
    seenFocus.current = gridFocus;
    const index = focusServiceId !== null ? items.findIndex((item) => item.kind === 'row' && item.row.id === focusServiceId) : -1;
    const target = index >= 0 ? items[index] : (items[Math.min(lastBodyIndex.current, items.length - 1)] ?? null);
    if (target === null || target === undefined) {
      document.getElementById('services-grid-scroll')?.focus();
      return;
    }
    // A service just added is focused on its first column, ready to be read or edited along.
    moveTo({ area: 'body', key: target.key, col: index >= 0 ? (columns[0]?.id ?? activeCol) : activeCol });
  }, [gridFocus, focusServiceId, items, moveTo, activeCol, columns]);

  // ------------------------------------------------------------ editing
  const startEdit = useCallback(
    (item: DisplayItem, column: ServiceColumn, initial?: string) => {
      if (item.kind !== 'row') return;
      if (column.editable === null) {
        setNote({ itemKey: item.key, col: column.id, text: column.readOnlyReason ?? 'This column cannot be edited here.' });
        return;
      }
      if ((column.editable === 'provider' || column.editable === 'commissioner') && store().organisations === null) void store().loadOrganisations();
      const draft = initial ?? editText(column.editable, item.row);
      setNote(null);
      setEditing({
        itemKey: item.key, serviceId: item.row.id, col: column.id, draft,
        result: editPatch(column.editable, draft, item.row, store().organisations ?? []), refused: 0, saving: false, problem: null,
      });
    },
    [store],
  );

  const editingRow = editing !== null ? list.rows.find((r) => r.id === editing.serviceId) : undefined;

  const changeDraft = (draft: string) => {
    if (editing === null || editingRow === undefined) return;
    const column = columnById(editing.col);
    if (column?.editable === null || column === undefined) return;
    setEditing({ ...editing, draft, result: editPatch(column.editable, draft, editingRow, organisations ?? []), problem: null });
  };

  const finishEdit = async () => {
    if (editing === null || editingRow === undefined || editing.saving) return;
    const column = columnById(editing.col);
    if (column === undefined || column.editable === null) return;
    const result = editPatch(column.editable, editing.draft, editingRow, organisations ?? []);
    if (!result.ok) {
      setEditing({ ...editing, result, refused: editing.refused + 1 });
      return;
    }
    if (result.unchanged) {
      setEditing(null);
      focusActive();
      return;
    }
    setEditing({ ...editing, result, saving: true });
    const saved = await store().update(editing.serviceId, result.patch, savedText(column, editingRow.name, result.shown));
    if (saved.ok) {
      setEditing(null);
      if (result.note !== null && (column.editable === 'provider' || column.editable === 'commissioner')) void store().loadOrganisations();
      focusActive();
    } else {
      setEditing((current) => (current === null ? null : { ...current, saving: false, problem: saved.problem.message, refused: current.refused + 1 }));
    }
  };

  const cancelEdit = () => {
    setEditing(null);
    focusActive();
  };

  // ------------------------------------------------------------ keyboard
  const colIndex = Math.max(0, columns.findIndex((c) => c.id === activeCol));
  const pageRows = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 600) - headHeight - ROW_HEIGHT) / ROW_HEIGHT) - 1);

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    if (editing !== null) return; // the editor handles its own keys
    const key = event.key;
    const ctrl = event.ctrlKey || event.metaKey;
    const colAt = (i: number) => columns[Math.max(0, Math.min(columns.length - 1, i))]?.id ?? activeCol;
    const bodyAt = (i: number): Active => ({ area: 'body', key: items[Math.max(0, Math.min(items.length - 1, i))]?.key ?? null, col: activeCol });
    const inFilter = active.area === 'filter';

    if (inFilter) {
      // Left and right move between filters once the caret is at the start or end of what is typed.
      const field = event.target instanceof HTMLInputElement ? event.target : null;
      const atStart = field === null || (field.selectionStart === 0 && field.selectionEnd === 0);
      const atEnd = field === null || (field.selectionStart === field.value.length && field.selectionEnd === field.value.length);
      if ((key === 'ArrowLeft' && atStart && colIndex > 0) || (key === 'ArrowRight' && atEnd && colIndex < columns.length - 1)) {
        event.preventDefault();
        moveTo({ area: 'filter', key: null, col: colAt(colIndex + (key === 'ArrowLeft' ? -1 : 1)) });
        return;
      }
      if (key === 'ArrowUp') {
        event.preventDefault();
        moveTo({ area: 'head', key: null, col: activeCol });
      } else if (key === 'ArrowDown' && items.length > 0) {
        event.preventDefault();
        moveTo(bodyAt(0));
      } else if (key === 'Escape' && (table.getColumn(activeCol)?.getFilterValue() ?? '') !== '') {
        event.preventDefault();
        table.getColumn(activeCol)?.setFilterValue('');
      }
      return;
    }

    let next: Active | null = null;
    switch (key) {
      case 'ArrowLeft':
        next = { ...active, key: activeKey, col: colAt(colIndex - 1) };
        break;
      case 'ArrowRight':
        next = { ...active, key: activeKey, col: colAt(colIndex + 1) };
        break;
      case 'Home':
        next = ctrl && items.length > 0 ? { area: 'body', key: items[0]!.key, col: colAt(0) } : { ...active, key: activeKey, col: colAt(0) };
        break;
      case 'End':
        next = ctrl && items.length > 0 ? { area: 'body', key: items[items.length - 1]!.key, col: colAt(columns.length - 1) } : { ...active, key: activeKey, col: colAt(columns.length - 1) };
        break;
      case 'ArrowUp':
        if (active.area === 'head') break;
        if (active.area === 'total') next = items.length > 0 ? bodyAt(items.length - 1) : { area: 'filter', key: null, col: activeCol };
        else next = activeIndex <= 0 ? { area: 'filter', key: null, col: activeCol } : bodyAt(activeIndex - 1);
        break;
      case 'ArrowDown':
        if (active.area === 'head') next = { area: 'filter', key: null, col: activeCol };
        else if (active.area === 'body') next = activeIndex >= items.length - 1 ? { area: 'total', key: null, col: activeCol } : bodyAt(activeIndex + 1);
        break;
      case 'PageUp':
        if (active.area === 'body') next = bodyAt(activeIndex - pageRows);
        break;
      case 'PageDown':
        if (active.area === 'body') next = bodyAt(activeIndex + pageRows);
        break;
      default:
        break;
    }
    if (next !== null) {
      event.preventDefault();
      moveTo(next);
      return;
    }
    if (active.area !== 'body' || activeItem === undefined) return;
    const column = columnById(activeCol);
    if (column === undefined) return;
    if (activeItem.kind === 'group') {
      if (key === 'Enter' || key === ' ') {
        event.preventDefault();
        store().toggleGroup(activeItem.key.slice(2));
        focusActive();
      }
      return;
    }
    if (key === 'Enter') {
      event.preventDefault();
      openService(activeItem.row.id, event.target as HTMLElement);
    } else if (key === 'F2') {
      event.preventDefault();
      startEdit(activeItem, column);
    } else if (key === 'Delete') {
      event.preventDefault();
      openService(activeItem.row.id, event.target as HTMLElement, { confirmDelete: true });
    } else if (key === 'Escape' && note !== null) {
      event.preventDefault();
      setNote(null);
    } else if (isPrintable(event) && key !== ' ') {
      event.preventDefault();
      startEdit(activeItem, column, key);
    }
  };

  // ------------------------------------------------------------ render
  const rowCount = items.length + HEAD_ROWS + 1;
  const virtualItems = virtualizer.getVirtualItems();
  const tabbable = (area: Area, key: string | null, col: ColumnId) => area === active.area && col === activeCol && (area !== 'body' || key === activeKey);
  const activeRendered = active.area !== 'body' || virtualItems.some((v) => items[v.index]?.key === activeKey);
  const gridColumnStyle = (index: number, extra?: number) => ({ width: (widths[index] ?? 0) + (extra ?? 0) });
  const spanWidth = widths.slice(0, leading).reduce((a, b) => a + b, 0);

  const headCells = columns.map((column, index) => {
    const tableColumn = table.getColumn(column.id);
    const sorted = tableColumn?.getIsSorted() ?? false;
    const sortIndex = sorting.length > 1 ? (tableColumn?.getSortIndex() ?? -1) : -1;
    const label = column.label(context);
    return (
      <th
        key={column.id}
        id={cellId('head', null, column.id)}
        role="columnheader"
        aria-colindex={index + 1}
        aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
        className={`${isNumeric(column) ? 'num' : ''}${index === 0 ? ' pinned' : ''}${sorted !== false ? ' is-sorted' : ''}`}
        style={gridColumnStyle(index)}
        title={`${column.help(context)}. Select to sort${sorted === false ? '' : sorted === 'asc' ? ' the other way' : ' the other way, or again to clear'}; Shift adds a second sort.`}
      >
        <button
          type="button"
          className="svc-sort-button"
          tabIndex={tabbable('head', null, column.id) ? 0 : -1}
          onClick={(event) => {
            tableColumn?.getToggleSortingHandler()?.(event);
            setActive({ area: 'head', key: null, col: column.id });
          }}
          onFocus={() => setActive({ area: 'head', key: null, col: column.id })}
        >
          <span className="svc-sort-label">
            {label.split(' ').map((word, i) => (
              <Fragment key={i}>
                {i > 0 && ' '}
                <span className="nowrap">{word}</span>
              </Fragment>
            ))}
          </span>
          <span className={`svc-sort-mark${sorted === false ? ' is-unsorted' : ''}`} aria-hidden="true">
            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
            {sortIndex >= 0 && <sup>{sortIndex + 1}</sup>}
          </span>
        </button>
      </th>
    );
  });

  const filterCells = columns.map((column, index) => {
    const tableColumn = table.getColumn(column.id);
    const value = (tableColumn?.getFilterValue() as string | undefined) ?? '';
    const label = `Filter ${column.label(context)}`;
    const compiled = isNumeric(column) && value.trim() !== '' ? numberFilter(value, column.kind === 'money' ? 'money' : 'count') : null;
    const invalid = compiled !== null && !compiled.ok;
    const tab = tabbable('filter', null, column.id) ? 0 : -1;
    const onFocus = () => setActive({ area: 'filter', key: null, col: column.id });
    return (
      <td
        key={column.id}
        id={cellId('filter', null, column.id)}
        role="gridcell"
        aria-colindex={index + 1}
        className={`filter-cell${index === 0 ? ' pinned' : ''}`}
        style={gridColumnStyle(index)}
      >
        {column.kind === 'status' ? (
          <select className="filter-input" aria-label={label} tabIndex={tab} value={value} onFocus={onFocus} onChange={(e) => tableColumn?.setFilterValue(e.target.value)}>
            <option value="">All</option>
            {STATUS_OPTIONS.map(([status, words]) => (
              <option key={status} value={status}>
                {words}
              </option>
            ))}
          </select>
        ) : (
          <input
            className={`filter-input${isNumeric(column) ? ' num' : ''}`}
            type="text"
            aria-label={label}
            aria-invalid={invalid ? true : undefined}
            title={invalid && compiled !== null && !compiled.ok ? compiled.message : `${label}${isNumeric(column) ? ': > £1m, < 500k, 1m-2m or an exact amount' : ': every word you type must appear'}`}
            placeholder={filterPlaceholder(column)}
            spellCheck={false}
            autoComplete="off"
            tabIndex={tab}
            value={value}
            onFocus={onFocus}
            onChange={(e) => tableColumn?.setFilterValue(e.target.value)}
          />
        )}
      </td>
    );
  });

  const renderBodyCell = (item: Extract<DisplayItem, { kind: 'row' }>, column: ServiceColumn, index: number): ReactNode => {
    const id = cellId('body', item.key, column.id);
    const isEditing = editing !== null && editing.itemKey === item.key && editing.col === column.id;
    const cellNote = note !== null && note.itemKey === item.key && note.col === column.id ? note : null;
    const numeric = isNumeric(column);
    let content: ReactNode;
    let title: string | undefined;
    if (column.kind === 'status') {
      content = <StatusMark status={item.row.status} />;
    } else if (numeric) {
      const amount = groupBy === 'fund' ? memberAmount(column, item.row, item.fund, groupBy) : null;
      if (groupBy === 'fund' && amount !== null && column.kind === 'money' && column.fundAmount) {
        content = formatMoney(amount);
        title = `${item.fund?.fundCode ?? 'No fund named'}: this fund’s share of the service’s ${column.label(context).toLowerCase()} money`;
      } else {
        content = column.text(item.row);
      }
    } else {
      const text = column.text(item.row);
      content = text === '' ? <span className="none-text">–<span className="sr-only">none</span></span> : text;
      title = text === '' ? undefined : text;
    }
    const classes = ['cell', numeric ? 'num' : '', index === 0 ? 'pinned' : '', isEditing ? 'svc-editing' : '', column.editable !== null ? 'editable' : ''].filter(Boolean).join(' ');
    return (
      <td
        key={column.id}
        id={id}
        role="gridcell"
        aria-colindex={index + 1}
        aria-readonly={column.editable === null ? true : undefined}
        aria-describedby={cellNote !== null ? `${id}-note` : undefined}
        className={classes}
        style={gridColumnStyle(index)}
        title={isEditing ? undefined : title}
        tabIndex={tabbable('body', item.key, column.id) && !isEditing ? 0 : -1}
        onFocus={(event) => {
          if (event.target === event.currentTarget) setActive({ area: 'body', key: item.key, col: column.id });
        }}
        onMouseDown={() => setActive({ area: 'body', key: item.key, col: column.id })}
        onDoubleClick={() => startEdit(item, column)}
      >
        {isEditing && editing !== null ? (
          <CellEditor
            id={id}
            label={`${column.label(context)} of ${item.row.name}`}
            editing={editing}
            organisations={column.editable === 'provider' || column.editable === 'commissioner' ? (organisations ?? []).map((o) => o.name) : null}
            onChange={changeDraft}
            onSave={() => void finishEdit()}
            onCancel={cancelEdit}
          />
        ) : (
          <span className="svc-cell-text">{content}</span>
        )}
        {cellNote !== null && (
          <span className="cell-note" id={`${id}-note`} role="status">
            <InfoIcon /> {cellNote.text}
          </span>
        )}
      </td>
    );
  };

  const renderGroupRow = (item: Extract<DisplayItem, { kind: 'group' }>) => {
    const labelId = cellId('body', item.key, columns[0]?.id ?? 'name');
    const tabLabel = tabbable('body', item.key, columns[0]?.id ?? 'name') || (active.area === 'body' && activeKey === item.key);
    return [
      <td
        key="label"
        id={labelId}
        role="gridcell"
        aria-colindex={1}
        aria-colspan={leading}
        aria-expanded={!item.collapsed}
        className="cell group-label pinned"
        style={{ width: spanWidth }}
        tabIndex={tabLabel ? 0 : -1}
        onFocus={(event) => {
          if (event.target === event.currentTarget) setActive({ area: 'body', key: item.key, col: columns[0]?.id ?? 'name' });
        }}
        onClick={() => {
          setActive({ area: 'body', key: item.key, col: columns[0]?.id ?? 'name' });
          store().toggleGroup(item.key.slice(2));
          focusActive();
        }}
        title={`${item.label}: ${plural(item.count, 'service', 'services')}. Enter ${item.collapsed ? 'shows' : 'hides'} them.`}
      >
        <span className={`disclosure-mark${item.collapsed ? '' : ' is-open'}`} aria-hidden="true">
          ▸
        </span>
        <span className="group-name">{item.label}</span> <span className="group-count">{plural(item.count, 'service', 'services')}</span>
        <span className="sr-only">{item.collapsed ? ', hidden' : ''}</span>
      </td>,
      ...columns.slice(leading).map((column, offset) => {
        const index = offset + leading;
        const sum = item.sums[column.id];
        const numeric = isNumeric(column);
        return (
          <td
            key={column.id}
            id={cellId('body', item.key, column.id)}
            role="gridcell"
            aria-colindex={index + 1}
            className={`cell${numeric ? ' num' : ''}`}
            style={gridColumnStyle(index)}
            tabIndex={tabbable('body', item.key, column.id) ? 0 : -1}
            title={numeric && sum === null ? NOT_SPLIT_BY_FUND : undefined}
            onFocus={(event) => {
              if (event.target === event.currentTarget) setActive({ area: 'body', key: item.key, col: column.id });
            }}
          >
            {numeric ? (sum === null || sum === undefined ? <span className="none-text">–<span className="sr-only">not split by fund</span></span> : column.kind === 'money' ? formatMoney(sum) : n(sum)) : ''}
          </td>
        );
      }),
    ];
  };

  const filtersActive = globalFilter.trim() !== '' || columnFilters.length > 0;
  const filterProblems = columnFilters.flatMap((filter) => {
    const column = columnById(filter.id);
    if (column === undefined || !isNumeric(column) || typeof filter.value !== 'string' || filter.value.trim() === '') return [];
    const compiled = numberFilter(filter.value, column.kind === 'money' ? 'money' : 'count');
    return compiled.ok ? [] : [{ id: column.id, text: `The filter on ${column.label(context)} is not applied: ${compiled.message}.` }];
  });
  const groups = groupCount(items);

  return (
    <>
      <div className="grid-status">
        <p id="services-row-count" className="row-count">
          <span className="row-count-figure">{rowCountText(shown.length, list.rows.length)}</span>
          {groupBy !== 'none' && <span className="muted">, in {plural(groups, 'group', 'groups')} by {GROUP_WORDS[groupBy].toLowerCase()}</span>}
          {filtersActive && (
            <>
              {' '}
              <button type="button" className="link-button" onClick={() => store().clearFilters()}>
                Clear the filters
              </button>
            </>
          )}
        </p>
        {compact && columns.length < table.getVisibleLeafColumns().length && (
          <p className="compact-note muted">Narrow view: the table keeps each service, its provider and the money; the other columns return when it is wider.</p>
        )}
        {filterProblems.map((problem) => (
          <p key={problem.id} className="filter-problem">
            <ErrorIcon /> {problem.text}
          </p>
        ))}
      </div>
      {groupBy === 'borough' && (
        <p className="group-note">
          <InfoIcon /> A service that serves several boroughs is listed under each, with all its money: so the borough subtotals add up to more than the
          total. The funding recorded for each borough is on the Budgets page.
        </p>
      )}
      {groupBy === 'fund' && (
        <p className="group-note">
          <InfoIcon /> A service funded from several funds is listed under each, with that fund’s share of its allocated and spent money. The other money
          columns are not split by fund, so they have no subtotal here (–).
        </p>
      )}
    <div
      className="grid-scroll"
      id="services-grid-scroll"
      ref={scrollRef}
      tabIndex={activeRendered ? -1 : 0}
      aria-label={activeRendered ? undefined : 'Services table: press Enter to return to the selected cell'}
      onFocus={(event) => {
        if (event.target === event.currentTarget && !activeRendered) {
          if (activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
          focusActive();
          setActive({ ...active });
        }
      }}
    >
      <table
        role="grid"
        className="services-grid"
        aria-label="Commissioned services"
        aria-describedby="services-grid-help services-row-count"
        aria-rowcount={rowCount}
        aria-colcount={columns.length}
        style={{ width: totalWidth }}
        onKeyDown={onKeyDown}
      >
        <thead ref={headRef} role="rowgroup">
          <tr role="row" aria-rowindex={1}>
            {headCells}
          </tr>
          <tr role="row" aria-rowindex={2} className="filter-row">
            {filterCells}
          </tr>
        </thead>
        <tbody role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
          {virtualItems.map((virtualRow) => {
            const item = items[virtualRow.index];
            if (item === undefined) return null;
            const isActiveRow = active.area === 'body' && item.key === activeKey;
            const editingHere = editing !== null && editing.itemKey === item.key;
            const open = item.kind === 'row' && paneServiceId === item.row.id;
            return (
              <tr
                key={item.key}
                role="row"
                aria-rowindex={virtualRow.index + HEAD_ROWS + 1}
                data-service-id={item.kind === 'row' ? item.row.id : undefined}
                className={`${item.kind === 'group' ? 'svc-group-row' : 'service-row'}${virtualRow.index % 2 === 1 ? ' odd' : ''}${isActiveRow ? ' is-active' : ''}${editingHere ? ' has-editor' : ''}${open ? ' is-open' : ''}${note !== null && note.itemKey === item.key ? ' has-note' : ''}`}
                style={{ transform: `translateY(${virtualRow.start - headHeight}px)`, width: totalWidth }}
              >
                {item.kind === 'group' ? renderGroupRow(item) : columns.map((column, index) => renderBodyCell(item, column, index))}
              </tr>
            );
          })}
        </tbody>
        <tfoot role="rowgroup">
          <tr role="row" aria-rowindex={rowCount} className="total-row">
            <td
              id={cellId('total', null, columns[0]?.id ?? 'name')}
              role="gridcell"
              aria-colindex={1}
              aria-colspan={leading}
              className="cell pinned total-label"
              style={{ width: spanWidth }}
              tabIndex={tabbable('total', null, columns[0]?.id ?? 'name') || (active.area === 'total' && columns.findIndex((c) => c.id === activeCol) < leading) ? 0 : -1}
              onFocus={() => setActive({ area: 'total', key: null, col: columns[0]?.id ?? 'name' })}
            >
              Total, {plural(shown.length, 'service', 'services')}
            </td>
            {columns.slice(leading).map((column, offset) => {
              const index = offset + leading;
              const sum = sums[column.id];
              return (
                <td
                  key={column.id}
                  id={cellId('total', null, column.id)}
                  role="gridcell"
                  aria-colindex={index + 1}
                  className={`cell${isNumeric(column) ? ' num' : ''}`}
                  style={gridColumnStyle(index)}
                  tabIndex={tabbable('total', null, column.id) ? 0 : -1}
                  onFocus={() => setActive({ area: 'total', key: null, col: column.id })}
                >
                  {sum === undefined ? '' : column.kind === 'money' ? formatMoney(sum) : n(sum)}
                </td>
              );
            })}
          </tr>
        </tfoot>
      </table>
      {items.length === 0 && (
        <p className="grid-empty">
          No service matches the filters.{' '}
          <button type="button" className="link-button" onClick={() => store().clearFilters()}>
            Clear the filters
          </button>
        </p>
      )}
    </div>
      <p id="services-grid-help" className="grid-help">
        <kbd>↑</kbd> <kbd>↓</kbd> <kbd>←</kbd> <kbd>→</kbd> move · <kbd>Enter</kbd> opens the service beside the list · <kbd>F2</kbd> or typing edits a
        cell, <kbd>Enter</kbd> saves, <kbd>Esc</kbd> cancels · <kbd>Delete</kbd> deletes · <kbd>Ctrl+Z</kbd> undoes
      </p>
    </>
  );
}

function CellEditor({
  id, label, editing, organisations, onChange, onSave, onCancel,
}: {
  id: string;
  label: string;
  editing: Editing;
  organisations: string[] | null;
  onChange: (draft: string) => void;
  onSave: () => void;
  onCancel: () => void;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  /** Enter (with a value that can be stored) or Escape settled the edit: leaving the cell then does nothing more. */
  const settled = useRef(false);
  useEffect(() => {
    const input = inputRef.current;
    if (input === null) return;
    input.focus({ preventScroll: true });
    const end = input.value.length;
    input.setSelectionRange(end, end); // only on opening: typing moves the caret itself
  }, []);
  const message = editing.problem ?? (editing.result.ok ? editing.result.note : editing.result.message);
  const invalid = editing.problem !== null || !editing.result.ok;
  const listId = `${id}-organisations`;
  return (
    <>
      <input
        ref={inputRef}
        className="cell-input"
        type="text"
        aria-label={label}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={message !== null ? `${id}-message` : undefined}
        list={organisations !== null ? listId : undefined}
        spellCheck={false}
        autoComplete="off"
        value={editing.draft}
        disabled={editing.saving}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          event.stopPropagation();
          if (event.key === 'Enter') {
            event.preventDefault();
            settled.current = editing.result.ok;
            onSave();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            settled.current = true;
            onCancel();
          }
        }}
        onBlur={() => {
          // Leaving a cell keeps a value that can be stored; one that cannot stays open with its message.
          if (settled.current || editing.saving || !editing.result.ok) return;
          settled.current = true;
          onSave();
        }}
      />
      {organisations !== null && (
        <datalist id={listId}>
          {organisations.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      )}
      {message !== null && (
        <span
          key={editing.refused}
          id={`${id}-message`}
          className={`cell-message${invalid ? ' is-error' : ''}`}
          role={invalid && editing.refused > 0 ? 'alert' : undefined}
        >
          {invalid ? <ErrorIcon /> : <InfoIcon />} {message}
          {invalid && <span className="cell-message-hint"> Escape cancels.</span>}
        </span>
      )}
      {editing.saving && <span className="sr-only">Saving…</span>}
    </>
  );
}
