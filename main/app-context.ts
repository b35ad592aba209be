// One running app's state: the open store and the list of recent stores. Every
// face (Electron, browser mode, CLI, tests) makes one and hands it to the API.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RecentStore, StoreStatus } from '../shared/schemas.ts';
import { DEFAULT_STORE_NAME, defaultAppDataDir } from './app-data.ts';
import { toApiError } from './api-errors.ts';
import { JobRegistry } from './jobs.ts';
import { StoreError } from './store/errors.ts';
import { changeMarker, getInvestigation } from './store/queries.ts';
import { createStore, openStore, type OpenOptions, type Store } from './store/store.ts';

export type Face = 'electron' | 'web' | 'cli' | 'test';

export interface AppContextOptions extends OpenOptions {
  face: Face;
  appDataDir?: string;
  /** Take a backup at open when the newest is over an hour old (default on; the CLI turns it off for read-only commands). */
  backupAtOpen?: boolean;
  /** The import worker's entry file, where a bundler has moved it (the packaged desktop app). */
  importWorkerEntry?: string;
}

const MAX_RECENT = 10;
/** Take an automatic backup at open when the newest one is older than this. */
const BACKUP_AT_OPEN_AFTER_MS = 60 * 60 * 1000;
/** While the app runs, look this often for edits made since the last backup. */
export const SCHEDULED_BACKUP_EVERY_MS = 15 * 60 * 1000;

export class AppContext {
  readonly face: Face;
  readonly appDataDir: string;
  private current: Store | null = null;
  private backedUpAt: string | null = null;
  private schedule: NodeJS.Timeout | null = null;

  readonly jobs: JobRegistry;

  constructor(readonly options: AppContextOptions) {
    this.face = options.face;
    this.appDataDir = options.appDataDir ?? defaultAppDataDir();
    this.jobs = new JobRegistry(toApiError);
  }

  private offered: string | null = null;

  /** A spreadsheet chosen outside the page (the desktop File menu), waiting for the Imports page to take it. */
  offerImport(path: string): void {
    this.offered = path;
  }

  takeOfferedImport(): string | null {
    const path = this.offered;
    this.offered = null;
    return path;
  }

  /** Where files sent by the browser in browser mode are kept for import. */
  get uploadsDir(): string {
    return join(this.appDataDir, 'uploads');
  }

  get store(): Store | null {
    return this.current;
  }

  requireStore(): Store {
    if (!this.current) throw new StoreError('no-store', 'No store is open.', undefined, 'Open or create an investigation store first.');
    return this.current;
  }

  get defaultStorePath(): string {
    return join(this.appDataDir, DEFAULT_STORE_NAME);
  }

  async open(path: string): Promise<Store> {
    const store = await openStore(path, this.options);
    this.replace(store);
    if (this.options.backupAtOpen !== false) await this.backupIfStale(store);
    return store;
  }

  async create(path: string, seed = true): Promise<Store> {
    const store = await createStore(path, { ...this.options, seed });
    this.replace(store);
    return store;
  }

  /** The default investigation: opened if it exists, else created and seeded. */
  async openDefault(): Promise<Store> {
    mkdirSync(this.appDataDir, { recursive: true });
    const path = this.defaultStorePath;
    return existsSync(path) ? this.open(path) : this.create(path, true);
  }

  private replace(store: Store): void {
    this.current?.close();
    this.current = store;
    this.remember(store);
  }

  private async backupIfStale(store: Store): Promise<void> {
    const newest = store.backups()[0];
    const now = (this.options.clock?.() ?? new Date()).getTime();
    if (!newest || now - Date.parse(newest.takenAt) > BACKUP_AT_OPEN_AFTER_MS) await store.backup('on open');
    this.backedUpAt = changeMarker(store.db);
  }

  /** Takes a backup if anything was edited since the last one; returns whether it did. */
  async backupIfChanged(reason = 'scheduled'): Promise<boolean> {
    const store = this.current;
    if (!store) return false;
    const marker = changeMarker(store.db);
    if (marker === this.backedUpAt) return false;
    await store.backup(reason);
    this.backedUpAt = marker;
    return true;
  }

  /** Backs up every so often while the app runs (the desktop app and browser mode call this). */
  startBackupSchedule(everyMs = SCHEDULED_BACKUP_EVERY_MS): void {
    this.stopBackupSchedule();
    this.schedule = setInterval(() => {
      this.backupIfChanged().catch((error: unknown) => console.error(`Scheduled backup failed: ${(error as Error).message}`));
    }, everyMs);
    this.schedule.unref();
  }

  stopBackupSchedule(): void {
    if (this.schedule) clearInterval(this.schedule);
    this.schedule = null;
  }

  status(): StoreStatus | null {
    const store = this.current;
    if (!store) return null;
    let title: string | null;
    try {
      title = getInvestigation(store.db).title;
    } catch {
      title = null; // a store without an investigation still opens
    }
    return {
      path: store.file,
      fileName: store.fileName,
      schemaVersion: store.schemaVersion,
      investigationTitle: title,
      lastBackup: store.backups()[0] ?? null,
      backupDir: store.backupDir,
      locationWarning: store.locationWarning(),
    };
  }

  private get recentFile(): string {
    return join(this.appDataDir, 'recent.json');
  }

  recent(): RecentStore[] {
    try {
      const list = JSON.parse(readFileSync(this.recentFile, 'utf8')) as Omit<RecentStore, 'exists'>[];
      return list.map((entry) => ({ ...entry, exists: existsSync(entry.path) }));
    } catch {
      return [];
    }
  }

  private remember(store: Store): void {
    if (this.face === 'cli') return; // automation should not rewrite a person's recent list
    const status = this.status();
    const entry = { path: resolve(store.file), title: status?.investigationTitle ?? null, openedAt: new Date().toISOString() };
    const list = [entry, ...this.recent().filter((item) => item.path !== entry.path).map(({ exists: _exists, ...rest }) => rest)].slice(0, MAX_RECENT);
    try {
      mkdirSync(this.appDataDir, { recursive: true });
      const temporary = `${this.recentFile}.tmp`;
      writeFileSync(temporary, JSON.stringify(list, null, 2));
      renameSync(temporary, this.recentFile);
    } catch {
      // The recent list is a convenience; failing to save it must not stop the store opening.
    }
  }

  close(): void {
    this.stopBackupSchedule();
    this.current?.close();
    this.current = null;
  }
}
