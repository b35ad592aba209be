// The app store: what the app knows about itself and its open store, the
// notifications the user has not dismissed, and work that is running.
import { create } from 'zustand';
import type { AppInfo, StoreStatus } from '../../../shared/schemas.ts';
import { call } from '../api/client.ts';
import { notifying, setNotificationSink, type NotificationInput } from './notifying.ts';

export interface Notification extends NotificationInput {
  id: number;
  at: string;
}

export interface RunningTask {
  id: number;
  label: string;
  /** 0..1 when known. */
  progress: number | null;
  /** What it is doing now, when it says: "Writing to the store". */
  detail?: string | null;
  /** Shown with a progress bar, indeterminate until its progress is known. */
  measured?: boolean;
}

export interface AppState {
  info: AppInfo | null;
  infoStatus: 'idle' | 'loading' | 'ready' | 'failed';
  notifications: Notification[];
  running: RunningTask[];
  /** What the last undo or redo did, in words, for the live region ("Undone: Delete note …"). */
  historyNotice: { text: string; serial: number } | null;
  /** Bumped after each undo or redo that changed something, so pages reload what they show. */
  historySerial: number;
  loadInfo(): Promise<void>;
  /** Undoes or redoes the last change to the store (Ctrl+Z, Ctrl+Shift+Z). */
  stepHistory(direction: 'undo' | 'redo'): Promise<void>;
  backupNow(): Promise<void>;
  notify(notification: NotificationInput): void;
  dismiss(id: number): void;
  /** Runs `work` with a label in the status bar while it lasts. */
  track<T>(label: string, work: () => Promise<T>): Promise<T>;
  /** Shows long work in the status bar until `endTask`; its progress can be updated meanwhile. */
  startTask(label: string, options?: { measured?: boolean }): number;
  updateTask(id: number, patch: Partial<Pick<RunningTask, 'label' | 'progress' | 'detail'>>): void;
  endTask(id: number): void;
}

let nextId = 1;

/** The status bar's label while a backup is being taken. */
export const BACKUP_TASK = 'Backing up the evidence store';

export const useAppStore = create<AppState>()(
  notifying<AppState>(
    {
      loadInfo: 'Scrutiny Desk could not read which evidence store is open',
      backupNow: 'The backup was not taken',
      stepHistory: 'Undo or redo did not work',
      track: null,
    },
    (set, get) => ({
      info: null,
      infoStatus: 'idle',
      notifications: [],
      running: [],
      historyNotice: null,
      historySerial: 0,

      async stepHistory(direction) {
        const step = await call(direction === 'undo' ? 'history.undo' : 'history.redo', {});
        const text = step === null ? `Nothing to ${direction}` : `${direction === 'undo' ? 'Undone' : 'Redone'}: ${step.label}`;
        set((state) => ({
          historyNotice: { text, serial: (state.historyNotice?.serial ?? 0) + 1 },
          historySerial: step === null ? state.historySerial : state.historySerial + 1,
        }));
      },

      async loadInfo() {
        set({ infoStatus: 'loading' });
        try {
          const info = await call('app.info', {});
          set({ info, infoStatus: 'ready' });
        } catch (error) {
          set({ infoStatus: 'failed' });
          throw error;
        }
      },

      async backupNow() {
        const backup = await get().track(BACKUP_TASK, () => call('store.backupNow', {}));
        const info = get().info;
        if (info?.store) {
          const store: StoreStatus = { ...info.store, lastBackup: backup };
          set({ info: { ...info, store } });
        }
        get().notify({ kind: 'info', title: 'Backup taken', message: `Saved as ${backup.fileName}.`, where: backup.path });
      },

      notify(notification) {
        const entry: Notification = { ...notification, id: nextId++, at: new Date().toISOString() };
        // The newest first; a notification repeated while still shown is not stacked twice.
        set((state) => ({
          notifications: [
            entry,
            ...state.notifications.filter((n) => !(n.title === entry.title && n.message === entry.message)),
          ],
        }));
      },

      dismiss(id) {
        set((state) => ({ notifications: state.notifications.filter((n) => n.id !== id) }));
      },

      async track(label, work) {
        const id = get().startTask(label);
        try {
          return await work();
        } finally {
          get().endTask(id);
        }
      },

      startTask(label, options) {
        const task: RunningTask = { id: nextId++, label, progress: null, ...(options?.measured === true ? { measured: true } : {}) };
        set((state) => ({ running: [...state.running, task] }));
        return task.id;
      },

      updateTask(id, patch) {
        set((state) => ({ running: state.running.map((t) => (t.id === id ? { ...t, ...patch } : t)) }));
      },

      endTask(id) {
        set((state) => ({ running: state.running.filter((t) => t.id !== id) }));
      },
    }),
  ),
);

setNotificationSink((notification) => useAppStore.getState().notify(notification));
