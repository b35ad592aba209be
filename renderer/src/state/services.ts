// The services store: every service as services.list gives it, the table's view
// (sort, filters, grouping, columns: kept while the app is open, the columns also
// between sessions), one service's detail for the pane, and the edits with their
// announcements. Every edit is one step of the store's undo history.
import { create } from 'zustand';
import type { ColumnFiltersState, SortingState, Updater } from '@tanstack/react-table';
import type {
  OrganisationSummary, ServiceDeleted, ServiceDetail, ServiceFieldsInput, ServiceList, ServicePatchInput, ServiceRow,
} from '../../../shared/services-schemas.ts';
import { call, toApiCallError, type ApiCallError } from '../api/client.ts';
import { COLUMN_IDS, DEFAULT_ORDER, DEFAULT_VISIBILITY, type ColumnId } from '../pages/services/columns.ts';
import { completeOrder, deletedText, type GroupBy } from '../pages/services/model.ts';
import { useBudgetsStore } from './budgets.ts';
import { useAppStore } from './app.ts';
import { notifying } from './notifying.ts';

type Problem = Pick<ApiCallError, 'code' | 'message' | 'where' | 'hint'>;

function problemOf(error: unknown): Problem {
  const e = toApiCallError(error);
  return { code: e.code, message: e.message, where: e.where, hint: e.hint };
}

/** The last change made from this page, shown above the table with a way to undo it. */
export interface ChangeNote {
  serial: number;
  text: string;
  /** Offer "Undo" beside it (a save, an addition, a deletion). */
  undoable: boolean;
}

export interface ServicesState {
  list: ServiceList | null;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  failure: Problem | null;
  organisations: OrganisationSummary[] | null;

  sorting: SortingState;
  columnFilters: ColumnFiltersState;
  globalFilter: string;
  columnOrder: ColumnId[];
  columnVisibility: Record<ColumnId, boolean>;
  groupBy: GroupBy;
  collapsed: ReadonlySet<string>;

  /** Read out by the page's live region. */
  announcement: { serial: number; text: string };
  change: ChangeNote | null;
  busy: boolean;
  /** Bumped to ask the table to take focus back (after the pane deleted its service, or a service was added). */
  gridFocus: number;
  /** The service whose row should take focus then, when there is one. */
  focusServiceId: string | null;

  detail: ServiceDetail | null;
  detailStatus: 'idle' | 'loading' | 'ready' | 'failed';
  detailProblem: Problem | null;

  load(): Promise<void>;
  loadOrganisations(): Promise<void>;
  loadDetail(id: string): Promise<void>;
  setSorting(updater: Updater<SortingState>): void;
  setColumnFilters(updater: Updater<ColumnFiltersState>): void;
  setGlobalFilter(updater: Updater<string>): void;
  setColumnOrder(order: ColumnId[]): void;
  setColumnVisible(id: ColumnId, visible: boolean): void;
  resetColumns(): void;
  setGroupBy(by: GroupBy): void;
  toggleGroup(key: string): void;
  clearFilters(): void;
  announce(text: string): void;
  requestGridFocus(serviceId?: string): void;
  /** Saves an edit; resolves with the row as stored, or a problem to show by the cell. */
  update(id: string, patch: ServicePatchInput, saidAs: string): Promise<{ ok: true; row: ServiceRow } | { ok: false; problem: Problem }>;
  create(fields: ServiceFieldsInput): Promise<{ ok: true; row: ServiceRow } | { ok: false; problem: Problem }>;
  remove(id: string): Promise<{ ok: true; deleted: ServiceDeleted } | { ok: false; problem: Problem }>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /** Reads the list again after an undo or redo made elsewhere in the app (historySerial moved on). */
  followHistory(): Promise<void>;
  /** The app's history serial this page last caught up with. */
  historySeen: number;
}

const COLUMNS_KEY = 'scrutiny.services.columns.v1';

function savedColumns(): { order: ColumnId[]; visibility: Record<ColumnId, boolean> } {
  try {
    const raw = window.localStorage.getItem(COLUMNS_KEY);
    if (raw !== null) {
      const parsed = JSON.parse(raw) as { order?: unknown; visibility?: unknown };
      const order = Array.isArray(parsed.order) ? completeOrder(parsed.order.filter((x): x is string => typeof x === 'string'), COLUMN_IDS) : DEFAULT_ORDER;
      const visibility = { ...DEFAULT_VISIBILITY };
      if (typeof parsed.visibility === 'object' && parsed.visibility !== null) {
        for (const id of COLUMN_IDS) {
          const value = (parsed.visibility as Record<string, unknown>)[id];
          if (typeof value === 'boolean') visibility[id] = value;
        }
      }
      if (!Object.values(visibility).some(Boolean)) visibility.name = true;
      return { order, visibility };
    }
  } catch {
    // A damaged or unavailable saved choice: the defaults serve.
  }
  return { order: [...DEFAULT_ORDER], visibility: { ...DEFAULT_VISIBILITY } };
}

function saveColumns(order: ColumnId[], visibility: Record<ColumnId, boolean>): void {
  try {
    window.localStorage.setItem(COLUMNS_KEY, JSON.stringify({ order, visibility }));
  } catch {
    // Not kept between sessions; still in force now.
  }
}

function apply<T>(updater: Updater<T>, current: T): T {
  return typeof updater === 'function' ? (updater as (old: T) => T)(current) : updater;
}

let serial = 0;
const initialColumns = savedColumns();

export const useServicesStore = create<ServicesState>()(
  notifying<ServicesState>(
    {
      load: 'The services could not be loaded',
      loadOrganisations: 'The list of organisations could not be loaded',
      loadDetail: null,
      update: null,
      create: null,
      remove: null,
      undo: 'The last change could not be undone',
      redo: 'The change could not be redone',
      followHistory: 'The services could not be read again after undo',
    },
    (set, get) => ({
      list: null,
      status: 'idle',
      failure: null,
      organisations: null,
      sorting: [],
      columnFilters: [],
      globalFilter: '',
      columnOrder: initialColumns.order,
      columnVisibility: initialColumns.visibility,
      groupBy: 'none',
      collapsed: new Set<string>(),
      announcement: { serial: 0, text: '' },
      change: null,
      busy: false,
      gridFocus: 0,
      focusServiceId: null,
      historySeen: useAppStore.getState().historySerial,
      detail: null,
      detailStatus: 'idle',
      detailProblem: null,

      async load() {
        set({ status: 'loading', historySeen: useAppStore.getState().historySerial });
        try {
          const list = await call('services.list', {});
          set({ list, status: 'ready', failure: null });
        } catch (error) {
          set({ status: 'failed', failure: problemOf(error) });
          throw error;
        }
      },

      async loadOrganisations() {
        const organisations = await call('organisations.list', {});
        set({ organisations });
      },

      async loadDetail(id) {
        if (get().detail?.id !== id) set({ detail: null });
        set({ detailStatus: 'loading', detailProblem: null });
        try {
          const detail = await call('services.get', { id });
          set({ detail, detailStatus: 'ready' });
        } catch (error) {
          set({ detailStatus: 'failed', detailProblem: problemOf(error) });
        }
      },

      setSorting(updater) {
        set((s) => ({ sorting: apply(updater, s.sorting) }));
      },
      setColumnFilters(updater) {
        set((s) => ({ columnFilters: apply(updater, s.columnFilters) }));
      },
      setGlobalFilter(updater) {
        set((s) => ({ globalFilter: apply(updater, s.globalFilter) }));
      },
      setColumnOrder(order) {
        set({ columnOrder: order });
        saveColumns(order, get().columnVisibility);
      },
      setColumnVisible(id, visible) {
        const columnVisibility = { ...get().columnVisibility, [id]: visible };
        if (!Object.values(columnVisibility).some(Boolean)) return; // one column always stays
        set({ columnVisibility });
        saveColumns(get().columnOrder, columnVisibility);
      },
      resetColumns() {
        set({ columnOrder: [...DEFAULT_ORDER], columnVisibility: { ...DEFAULT_VISIBILITY } });
        saveColumns(DEFAULT_ORDER, DEFAULT_VISIBILITY);
      },
      setGroupBy(by) {
        set({ groupBy: by, collapsed: new Set() });
      },
      toggleGroup(key) {
        const collapsed = new Set(get().collapsed);
        if (collapsed.has(key)) collapsed.delete(key);
        else collapsed.add(key);
        set({ collapsed });
      },
      clearFilters() {
        set({ columnFilters: [], globalFilter: '' });
      },
      announce(text) {
        set({ announcement: { serial: ++serial, text } });
      },
      requestGridFocus(serviceId) {
        set((s) => ({ gridFocus: s.gridFocus + 1, focusServiceId: serviceId ?? null }));
      },

      async update(id, patch, saidAs) {
        set({ busy: true });
        try {
          const row = await call('services.update', { id, patch });
          const list = get().list;
          if (list !== null) set({ list: { ...list, rows: list.rows.map((r) => (r.id === id ? row : r)) } });
          set({ change: { serial: ++serial, text: saidAs, undoable: true }, announcement: { serial: serial, text: `${saidAs} Ctrl+Z undoes it.` } });
          if (get().detail?.id === id) void get().loadDetail(id);
          useBudgetsStore.getState().invalidate();
          return { ok: true, row };
        } catch (error) {
          return { ok: false, problem: problemOf(error) };
        } finally {
          set({ busy: false });
        }
      },

      async create(fields) {
        set({ busy: true });
        try {
          const row = await call('services.create', { fields });
          const list = get().list;
          if (list !== null) set({ list: { ...list, rows: [...list.rows, row] } });
          const text = `Added the service “${row.name}”.`;
          set({ change: { serial: ++serial, text, undoable: true }, announcement: { serial, text: `${text} Ctrl+Z undoes it.` } });
          useBudgetsStore.getState().invalidate();
          return { ok: true, row };
        } catch (error) {
          return { ok: false, problem: problemOf(error) };
        } finally {
          set({ busy: false });
        }
      },

      async remove(id) {
        set({ busy: true });
        try {
          const deleted = await call('services.delete', { id });
          const list = get().list;
          if (list !== null) set({ list: { ...list, rows: list.rows.filter((r) => r.id !== id) } });
          if (get().detail?.id === id) set({ detail: null, detailStatus: 'idle' });
          const text = deletedText(deleted);
          set({ change: { serial: ++serial, text, undoable: true }, announcement: { serial, text: `${text} Ctrl+Z undoes it.` } });
          useBudgetsStore.getState().invalidate();
          return { ok: true, deleted };
        } catch (error) {
          return { ok: false, problem: problemOf(error) };
        } finally {
          set({ busy: false });
        }
      },

      async undo() {
        await stepHistory('undo', set, get);
      },

      async redo() {
        await stepHistory('redo', set, get);
      },

      async followHistory() {
        const seen = useAppStore.getState().historySerial;
        if (seen === get().historySeen) return;
        // What the last change bar said may have just been undone: the app's own notice says what was.
        set({ historySeen: seen, change: null });
        await afterHistory(get);
      },
    }),
  ),
);

/**
 * Undo or redo through the app's one history (the same as Ctrl+Z anywhere), then
 * read again what this page shows. The app says what was undone in its own live
 * region when it has one; otherwise this page says it.
 */
async function stepHistory(direction: 'undo' | 'redo', set: (partial: Partial<ServicesState>) => void, get: () => ServicesState): Promise<void> {
  set({ busy: true });
  try {
    await useAppStore.getState().stepHistory(direction);
    const notice = useAppStore.getState().historyNotice;
    set({ historySeen: useAppStore.getState().historySerial });
    if (notice !== null && document.querySelector('.history-status') === null) {
      const text = `${notice.text}.`;
      set({ change: { serial: ++serial, text, undoable: false }, announcement: { serial, text } });
    } else {
      set({ change: null });
    }
    await afterHistory(get);
  } finally {
    set({ busy: false });
  }
}

/** After undo or redo anything may have changed: read the list again, and the open detail. */
async function afterHistory(get: () => ServicesState): Promise<void> {
  useBudgetsStore.getState().invalidate();
  const detail = get().detail;
  await get().load();
  if (detail !== null) await get().loadDetail(detail.id);
}
