// Evidence stores: the recent list, the open store's backups, and opening or
// creating a store. A refusal (not a store, already exists, newer version) is
// kept as a problem beside the field that caused it, and also becomes a
// notification through `notifying`. After a switch, everything on screen is
// loaded again for the new store and focus goes to the page's heading.
import { create } from 'zustand';
import type { BackupInfo, RecentStore, StoreStatus } from '../../../shared/schemas.ts';
import { call, toApiCallError } from '../api/client.ts';
import { fileNameOf } from '../lib/format.ts';
import { useAppStore } from './app.ts';
import { useCountsStore } from './counts.ts';
import { useDetailStore } from './detail.ts';
import { useImportsStore } from './imports.ts';
import { notifying } from './notifying.ts';
import { useOverviewStore } from './overview.ts';

/** Where a problem is shown: the open form, the create form, or one entry of the recent list. */
export type ProblemPlace = 'open' | 'create' | 'recent';

export interface StoreProblem {
  place: ProblemPlace;
  /** The path that was tried. */
  path: string;
  message: string;
  hint: string | undefined;
  /** Bumped for each problem, so the same message twice still takes focus again. */
  serial: number;
}

export interface StoresState {
  recent: RecentStore[] | null;
  recentStatus: 'idle' | 'loading' | 'ready' | 'failed';
  backups: BackupInfo[] | null;
  /** The store the backups list belongs to. */
  backupsOf: string | null;
  backupsStatus: 'idle' | 'loading' | 'ready' | 'failed';
  /** What is being opened or created now, if anything. */
  busy: { place: ProblemPlace; path: string } | null;
  problem: StoreProblem | null;
  /** A path put into the open form from elsewhere (a backup), with a serial so it is taken once. */
  openFormPath: { path: string; serial: number } | null;
  loadRecent(): Promise<void>;
  loadBackups(): Promise<void>;
  /** Opens the store at `path`; true when it opened. `place` says where a refusal is shown. */
  openStore(path: string, place: 'open' | 'recent'): Promise<boolean>;
  createStore(path: string, seed: boolean): Promise<boolean>;
  /** Shows a problem found before asking main (an empty or relative path). */
  showProblem(place: ProblemPlace, path: string, message: string, hint?: string): void;
  clearProblem(place: ProblemPlace): void;
  putInOpenForm(path: string): void;
}

let serial = 0;
/** Each switch of store; a reload that a later switch overtook does not move focus. */
let switches = 0;

/**
 * Loads everything on screen again for the store now open: app info first (so
 * the sidebar and status bar change at once), then the overview, the counts and
 * the recent list. Nothing from the previous store stays on screen meanwhile.
 */
async function reloadForNewStore(): Promise<void> {
  const mine = ++switches;
  useOverviewStore.setState({ overview: null, status: 'idle', failure: null });
  useCountsStore.setState({ counts: null, status: 'idle' });
  useStoresStore.setState({ backups: null, backupsOf: null, backupsStatus: 'idle' });
  await useAppStore.getState().loadInfo();
  useImportsStore.getState().reset(); // the batches and any file being imported were the previous store's
  const store = useAppStore.getState().info?.store ?? null;
  // A store created without the inquiry has no investigation for the overview to show.
  // (If app info could not be read, the overview is still tried, so the page never waits for nothing.)
  const withoutInvestigation = store !== null && store.investigationTitle === null;
  await Promise.all([
    withoutInvestigation ? Promise.resolve() : useOverviewStore.getState().load(),
    useCountsStore.getState().load(),
    useStoresStore.getState().loadRecent(),
  ]);
  if (mine !== switches) return;
  requestAnimationFrame(() => {
    const heading = document.getElementById('page-title');
    heading?.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
  });
}

/** Closes the pane and parks focus on the work until the new store's heading is there. */
function leavePane(): void {
  useDetailStore.getState().close({ restoreFocus: false });
  document.getElementById('main')?.focus({ preventScroll: true });
}

/** Notices about the previous store are cleared; one says which store is open now. */
function announce(verb: 'Opened' | 'Created', status: StoreStatus): void {
  const title = status.investigationTitle;
  useAppStore.setState({ notifications: [] });
  useAppStore.getState().notify({
    kind: 'info',
    title: `${verb} ${status.fileName}`,
    message: title !== null ? `You are now working in “${title}”.` : 'This store holds no investigation yet.',
    where: status.path,
  });
}

export const useStoresStore = create<StoresState>()(
  notifying<StoresState>(
    {
      loadRecent: 'The list of recent stores could not be read',
      loadBackups: 'The list of backups could not be read',
      openStore: 'The store was not opened',
      createStore: 'The store was not created',
    },
    (set, get) => ({
      recent: null,
      recentStatus: 'idle',
      backups: null,
      backupsOf: null,
      backupsStatus: 'idle',
      busy: null,
      problem: null,
      openFormPath: null,

      async loadRecent() {
        set({ recentStatus: 'loading' });
        try {
          set({ recent: await call('store.recent', {}), recentStatus: 'ready' });
        } catch (error) {
          set({ recentStatus: 'failed' });
          throw error;
        }
      },

      async loadBackups() {
        const of = useAppStore.getState().info?.store?.path ?? null;
        if (of === null) {
          set({ backups: null, backupsOf: null, backupsStatus: 'idle' });
          return;
        }
        set({ backupsStatus: 'loading' });
        try {
          const backups = await call('store.backups', {});
          // A switch while the list was on its way makes it another store's.
          if (useAppStore.getState().info?.store?.path === of) set({ backups, backupsOf: of, backupsStatus: 'ready' });
        } catch (error) {
          set({ backupsStatus: 'failed' });
          throw error;
        }
      },

      async openStore(path, place) {
        if (get().busy !== null) return false;
        set({ busy: { place, path }, problem: null });
        try {
          const status = await useAppStore.getState().track(`Opening ${fileNameOf(path)}`, () => call('store.open', { path }));
          set({ busy: null });
          leavePane();
          announce('Opened', status);
          await reloadForNewStore();
          return true;
        } catch (error) {
          const e = toApiCallError(error);
          set({ busy: null, problem: { place, path, message: e.message, hint: e.hint, serial: ++serial } });
          throw e;
        }
      },

      async createStore(path, seed) {
        if (get().busy !== null) return false;
        set({ busy: { place: 'create', path }, problem: null });
        try {
          const status = await useAppStore.getState().track(`Creating ${fileNameOf(path)}`, () => call('store.create', { path, seed }));
          set({ busy: null });
          leavePane();
          announce('Created', status);
          await reloadForNewStore();
          return true;
        } catch (error) {
          const e = toApiCallError(error);
          set({ busy: null, problem: { place: 'create', path, message: e.message, hint: e.hint, serial: ++serial } });
          throw e;
        }
      },

      showProblem(place, path, message, hint) {
        set({ problem: { place, path, message, hint, serial: ++serial } });
      },

      clearProblem(place) {
        if (get().problem?.place === place) set({ problem: null });
      },

      putInOpenForm(path) {
        set({ openFormPath: { path, serial: ++serial } });
      },
    }),
  ),
);
