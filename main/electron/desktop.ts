// The desktop app's lifecycle: privileged scheme and sandbox before ready, the
// single-instance lock, then session hardening, the app:// protocol, the default
// store, the IPC channel, the menu and the window. The Electron modules are passed
// in (main.ts passes the real ones), so the whole start-up runs in tests with fakes.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { App, BrowserWindow, Dialog, IpcMain, Menu, Protocol, Session, Shell, WebContents } from 'electron';
import { createApi, type HandlerTable } from '../api.ts';
import { AppContext } from '../app-context.ts';
import { PRODUCT_NAME, defaultAppDataDir } from '../app-data.ts';
import { configureSession, hardenWebContents } from './hardening.ts';
import { registerIpc } from './ipc.ts';
import { IMPORT_OFFERED_EVENT } from '../../shared/contract/imports.ts';
import { buildMenuTemplate, createStoreActions } from './menu.ts';
import { electronNativeBindingPath, hasElectronNativeBinding, missingNativeBindingMessage, type NativeBindingPlace } from './native-binding.ts';
import { registerAppScheme, serveAppProtocol } from './protocol.ts';
import { createMainWindow, type BrowserWindowConstructor } from './window.ts';

export interface ElectronModules {
  app: App;
  BrowserWindow: BrowserWindowConstructor & Pick<typeof BrowserWindow, 'getAllWindows'>;
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog' | 'showMessageBox' | 'showErrorBox'>;
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  Menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>;
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>;
  session: { defaultSession: Session };
  shell: Pick<Shell, 'openExternal'>;
}

export interface DesktopOptions {
  /**
   * The better_sqlite3.node built for this Electron, or undefined to use the default
   * build (tests under plain Node). Default: found by native-binding.ts, and the app
   * stops with a message if it is missing.
   */
  nativeBinding?: () => string | undefined;
  /** Where the app keeps recent.json and its default store. Default: as browser mode does. */
  appDataDir?: string;
  /** Default: process.resourcesPath. */
  resourcesPath?: string;
  electronVersion?: string;
  platform?: NodeJS.Platform;
  log?: (message: string) => void;
}

export interface DesktopApp {
  context: AppContext;
  table: HandlerTable;
  window(): BrowserWindow | null;
}

/**
 * Starts the desktop app. The synchronous part (before ready) runs at once; the
 * promise settles when the window has been created, or with null when another
 * instance is already running (this one then quits).
 */
export function startDesktop(electron: ElectronModules, options: DesktopOptions = {}): Promise<DesktopApp | null> {
  const { app } = electron;
  const log = options.log ?? ((message: string) => console.log(`[scrutiny] ${message}`));
  const platform = options.platform ?? process.platform;
  const appDataDir = options.appDataDir ?? defaultAppDataDir();

  // Before ready: one shared data folder with browser mode, sandbox for every renderer,
  // and app:// registered as a standard, secure scheme.
  app.setName(PRODUCT_NAME);
  app.setPath('userData', appDataDir);
  app.enableSandbox();
  registerAppScheme(electron.protocol);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve(null);
  }

  let mainWindow: BrowserWindow | null = null;
  const hardening = {
    openExternal: (url: string) => electron.shell.openExternal(url),
    log,
  };
  // Runs for every web contents, including the main window's, while its constructor
  // runs: the guards are in place before anything loads.
  app.on('web-contents-created', (_event, contents: WebContents) => hardenWebContents(contents, hardening));

  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });

  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  return app.whenReady().then(async () => {
    const appRoot = app.getAppPath();
    const place: NativeBindingPlace = {
      electronVersion: options.electronVersion ?? process.versions.electron ?? '',
      isPackaged: app.isPackaged,
      projectRoot: appRoot,
      resourcesPath: options.resourcesPath ?? (process as { resourcesPath?: string }).resourcesPath,
    };
    const locate = options.nativeBinding ?? (() => {
      if (!hasElectronNativeBinding(place)) throw new Error(missingNativeBindingMessage(place));
      return electronNativeBindingPath(place);
    });
    let nativeBinding: string | undefined;
    try {
      nativeBinding = locate();
    } catch (error) {
      electron.dialog.showErrorBox(`${PRODUCT_NAME} cannot start`, (error as Error).message);
      app.exit(1);
      return null;
    }

    const session = electron.session.defaultSession;
    configureSession(session, { log });
    const rendererDir = join(appRoot, 'dist', 'renderer');
    if (!existsSync(join(rendererDir, 'index.html'))) log(`The renderer is not built (${rendererDir} has no index.html): run "npm run build:renderer".`);
    serveAppProtocol(session.protocol, rendererDir);

    // The import worker runs bundled in the desktop app; tsx is for development only.
    const importWorkerEntry = join(appRoot, 'dist', 'electron', 'import-worker.mjs');
    const context = new AppContext({ face: 'electron', appDataDir, importWorkerEntry, ...(nativeBinding ? { nativeBinding } : {}) });
    let startupProblem: string | null = null;
    try {
      await context.openDefault();
      context.startBackupSchedule();
    } catch (error) {
      // The window still opens; File > Open store… and the renderer's no-store state take it from there.
      startupProblem = (error as Error).message;
      log(`The default store could not be opened: ${startupProblem}`);
    }
    const table = createApi(context);
    registerIpc(electron.ipcMain, table, { log });

    const openWindow = () => {
      mainWindow = createMainWindow(electron.BrowserWindow, { preload: join(appRoot, 'dist', 'electron', 'preload.cjs') }, { devTools: !app.isPackaged, log });
      mainWindow.on('closed', () => {
        mainWindow = null;
      });
      return mainWindow;
    };

    const actions = createStoreActions({
      table,
      dialog: electron.dialog,
      window: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null),
      startFolder: () => app.getPath('documents'),
      onStoreChanged: () => mainWindow?.webContents.reload(),
      onImportChosen: (path) => {
        context.offerImport(path);
        // A plain DOM event: the page then asks for the file through the contract (imports.takeOffered).
        void mainWindow?.webContents.executeJavaScript(`window.dispatchEvent(new Event('${IMPORT_OFFERED_EVENT}'))`);
      },
    });
    electron.Menu.setApplicationMenu(electron.Menu.buildFromTemplate(buildMenuTemplate(actions, { platform, development: !app.isPackaged, quit: () => app.quit() })));

    openWindow();
    if (startupProblem) {
      void electron.dialog.showMessageBox({ type: 'warning', title: PRODUCT_NAME, message: 'The default store could not be opened.', detail: startupProblem, buttons: ['OK'] });
    }

    app.on('activate', () => {
      if (electron.BrowserWindow.getAllWindows().length === 0) openWindow();
    });
    app.on('will-quit', () => context.close());

    return { context, table, window: () => mainWindow };
  });
}
