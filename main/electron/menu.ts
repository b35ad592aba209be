// The application menu. File > Open store…, New store…, Back up now and Quit call
// the same handlers as the renderer (store.open, store.create, store.backupNow)
// through the handler table, so there is one way to open, create or back up a store.
import { join } from 'node:path';
import type { BaseWindow, Dialog, MenuItemConstructorOptions, MessageBoxOptions, OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { ApiError, Envelope } from '../../shared/envelope.ts';
import type { BackupInfo, StoreStatus } from '../../shared/schemas.ts';
import { PRODUCT_NAME } from '../app-data.ts';
import type { Dispatcher } from './ipc.ts';

export const ACCELERATORS = {
  openStore: 'CmdOrCtrl+O',
  newStore: 'CmdOrCtrl+N',
  backUpNow: 'CmdOrCtrl+Shift+B',
  importSpreadsheet: 'CmdOrCtrl+I',
  quit: 'CmdOrCtrl+Q',
} as const;

export const STORE_FILTERS = [
  { name: 'Scrutiny Desk store', extensions: ['sqlite', 'sqlite3', 'db'] },
  { name: 'All files', extensions: ['*'] },
];

export interface StoreActions {
  openStore(): Promise<void>;
  newStore(): Promise<void>;
  backUpNow(): Promise<void>;
  importSpreadsheet(): Promise<void>;
}

export const SPREADSHEET_FILTERS = [
  { name: 'Spreadsheets', extensions: ['csv', 'xlsx', 'ods', 'xls'] },
  { name: 'All files', extensions: ['*'] },
];

type DialogLike = Pick<Dialog, 'showOpenDialog' | 'showSaveDialog' | 'showMessageBox'>;

export interface StoreActionDeps {
  table: Dispatcher;
  dialog: DialogLike;
  /** The window dialogs belong to, if there is one. */
  window: () => BaseWindow | null;
  /** Where the file dialogs start: app.getPath('documents'). */
  startFolder: () => string;
  /** Called after another store was opened or created, e.g. to reload the renderer. */
  onStoreChanged: (status: StoreStatus) => void;
  /** Hands a chosen spreadsheet to the Imports page (AppContext.offerImport, then a nudge to the page). */
  onImportChosen: (path: string) => void;
}

function describe(error: ApiError): string {
  return [error.message, error.hint].filter(Boolean).join('\n\n');
}

export function createStoreActions(deps: StoreActionDeps): StoreActions {
  const message = (options: MessageBoxOptions) => {
    const window = deps.window();
    return window ? deps.dialog.showMessageBox(window, options) : deps.dialog.showMessageBox(options);
  };
  const openDialog = (options: OpenDialogOptions) => {
    const window = deps.window();
    return window ? deps.dialog.showOpenDialog(window, options) : deps.dialog.showOpenDialog(options);
  };
  const saveDialog = (options: SaveDialogOptions) => {
    const window = deps.window();
    return window ? deps.dialog.showSaveDialog(window, options) : deps.dialog.showSaveDialog(options);
  };
  const failed = async (title: string, result: Envelope<unknown>) => {
    if (result.ok) return;
    await message({ type: 'error', title: PRODUCT_NAME, message: title, detail: describe(result.error), buttons: ['OK'] });
  };
  const guard = (title: string, action: () => Promise<void>) => async () => {
    try {
      await action();
    } catch (error) {
      await message({ type: 'error', title: PRODUCT_NAME, message: title, detail: (error as Error).message, buttons: ['OK'] }).catch(() => undefined);
    }
  };

  return {
    openStore: guard('The store could not be opened.', async () => {
      const choice = await openDialog({ title: 'Open store', buttonLabel: 'Open', defaultPath: deps.startFolder(), properties: ['openFile'], filters: STORE_FILTERS });
      const path = choice.filePaths[0];
      if (choice.canceled || !path) return;
      const result = await deps.table.dispatch('store.open', { path });
      if (result.ok) deps.onStoreChanged(result.value as StoreStatus);
      else await failed('The store could not be opened.', result);
    }),
    newStore: guard('The store could not be created.', async () => {
      const choice = await saveDialog({
        title: 'New store', buttonLabel: 'Create', defaultPath: join(deps.startFolder(), 'New investigation.sqlite'),
        filters: STORE_FILTERS.slice(0, 1), properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (choice.canceled || !choice.filePath) return;
      const result = await deps.table.dispatch('store.create', { path: choice.filePath, seed: true });
      if (result.ok) deps.onStoreChanged(result.value as StoreStatus);
      else await failed('The store could not be created.', result);
    }),
    importSpreadsheet: guard('The spreadsheet could not be opened.', async () => {
      const choice = await openDialog({ title: 'Import a spreadsheet', buttonLabel: 'Import', defaultPath: deps.startFolder(), properties: ['openFile'], filters: SPREADSHEET_FILTERS });
      const path = choice.filePaths[0];
      if (choice.canceled || !path) return;
      deps.onImportChosen(path);
    }),
    backUpNow: guard('The backup could not be taken.', async () => {
      const result = await deps.table.dispatch('store.backupNow', {});
      if (!result.ok) return failed('The backup could not be taken.', result);
      const backup = result.value as BackupInfo;
      await message({ type: 'info', title: PRODUCT_NAME, message: 'Backup taken.', detail: backup.path, buttons: ['OK'] });
    }),
  };
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** DevTools and reload in the View menu while developing only. */
  development: boolean;
  quit: () => void;
}

export function buildMenuTemplate(actions: StoreActions, options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const quit: MenuItemConstructorOptions = { label: mac ? `Quit ${PRODUCT_NAME}` : 'Quit', accelerator: ACCELERATORS.quit, click: () => options.quit() };
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open store…', accelerator: ACCELERATORS.openStore, click: () => void actions.openStore() },
      { label: 'New store…', accelerator: ACCELERATORS.newStore, click: () => void actions.newStore() },
      { type: 'separator' },
      { label: 'Import a spreadsheet…', accelerator: ACCELERATORS.importSpreadsheet, click: () => void actions.importSpreadsheet() },
      { type: 'separator' },
      { label: 'Back up now', accelerator: ACCELERATORS.backUpNow, click: () => void actions.backUpNow() },
      ...(mac ? [] : [{ type: 'separator' } as const, quit]),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...(options.development ? [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const] : []),
      { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' },
    ],
  };
  return [
    ...(mac ? [{ label: PRODUCT_NAME, submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, quit] } as MenuItemConstructorOptions] : []),
    file,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
  ];
}
