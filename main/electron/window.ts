// The main window: its options (the security checklist lives in webPreferences)
// and its creation. BrowserWindow is passed in, so tests can record what is built.
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { PRODUCT_NAME } from '../app-data.ts';
import { APP_ENTRY_URL } from './protocol.ts';

export interface WindowPaths {
  /** dist/electron/preload.cjs */
  preload: string;
  icon?: string | undefined;
}

export interface WindowOptions {
  /** DevTools only while developing, never in a packaged app. */
  devTools: boolean;
}

export function mainWindowOptions(paths: WindowPaths, options: WindowOptions): BrowserWindowConstructorOptions {
  return {
    title: PRODUCT_NAME,
    width: 1320,
    height: 880,
    minWidth: 960,
    minHeight: 640,
    show: false,
    backgroundColor: '#ffffff',
    ...(paths.icon ? { icon: paths.icon } : {}),
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Chromium's spellchecker downloads its dictionaries from Google on Windows and
      // Linux; the app loads nothing remote, so it is off.
      spellcheck: false,
      devTools: options.devTools,
    },
  };
}

export type BrowserWindowConstructor = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

/**
 * Builds the window and loads the renderer from app://scrutiny. The navigation and
 * new-window guards are attached by the app's web-contents-created listener, which
 * Electron runs while this constructor runs, before anything loads.
 */
export function createMainWindow(
  BrowserWindowClass: BrowserWindowConstructor,
  paths: WindowPaths,
  options: WindowOptions & { log?: (message: string) => void },
): BrowserWindow {
  const window = new BrowserWindowClass(mainWindowOptions(paths, options));
  window.once('ready-to-show', () => window.show());
  void Promise.resolve(window.loadURL(APP_ENTRY_URL)).catch((error: unknown) => {
    options.log?.(`The window could not load ${APP_ENTRY_URL}: ${(error as Error).message}`);
  });
  return window;
}
