// The Electron security checklist, asserted on the real window, session, protocol,
// IPC and preload configuration that main/electron produces, with recording fakes
// for the electron APIs. The Electron binary is never needed: 'electron' is mocked
// for the two entry files (main.ts, preload.ts); everything else takes the APIs as
// parameters.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import { IPC_CHANNEL } from '../../shared/bridge.ts';
import { methodNames } from '../../shared/contract.ts';
import type { Envelope } from '../../shared/envelope.ts';
import { CONTENT_SECURITY_POLICY } from '../../main/security.ts';
import { createApi } from '../../main/api.ts';
import { startDesktop, type DesktopApp, type ElectronModules } from '../../main/electron/desktop.ts';
import { configureSession, decideNavigation, hardenWebContents, isLocalRequestUrl } from '../../main/electron/hardening.ts';
import { createIpcHandler, refusalReason, type SenderLike } from '../../main/electron/ipc.ts';
import { ACCELERATORS, buildMenuTemplate, createStoreActions } from '../../main/electron/menu.ts';
import {
  NATIVE_BUILD_DIR, NATIVE_FILE_NAME, PACKAGED_NATIVE_DIR, electronNativeBindingPath, hasElectronNativeBinding,
} from '../../main/electron/native-binding.ts';
import { createBridge } from '../../main/electron/preload-bridge.ts';
import { APP_ENTRY_URL, APP_SCHEME, appRequestPath, createAppProtocolHandler } from '../../main/electron/protocol.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

// ---------------------------------------------------------------------------
// Recording fakes for the electron module
// ---------------------------------------------------------------------------

const fakes = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Listener = (...args: any[]) => unknown;

  class Emitter {
    readonly listeners = new Map<string, Listener[]>();
    on(event: string, listener: Listener): this {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: Listener): this {
      const wrapped: Listener = (...args) => {
        this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== wrapped));
        return listener(...args);
      };
      return this.on(event, wrapped);
    }
    emit(event: string, ...args: unknown[]): void {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
    count(event: string): number {
      return this.listeners.get(event)?.length ?? 0;
    }
  }

  interface FakeFrame { url: string; parent: FakeFrame | null; processId: number; routingId: number }

  class FakeWebContents extends Emitter {
    windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
    mainFrame: FakeFrame = { url: 'app://scrutiny/index.html', parent: null, processId: 7, routingId: 1 };
    readonly reload = vi.fn();
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
      this.windowOpenHandler = handler;
    }
  }

  function makeFakeElectron(options: { lock?: boolean; appRoot?: string; documents?: string } = {}) {
    const calls: string[] = [];
    let markReady: () => void = () => undefined;
    const readyPromise = new Promise<void>((resolve) => {
      markReady = () => {
        calls.push('ready');
        resolve();
      };
    });

    class FakeApp extends Emitter {
      isPackaged = false;
      readonly paths = new Map<string, string>();
      readonly quit = vi.fn(() => calls.push('app.quit'));
      readonly exit = vi.fn((code?: number) => calls.push(`app.exit(${code})`));
      setName(name: string) { calls.push(`app.setName(${name})`); }
      setPath(name: string, value: string) { this.paths.set(name, value); calls.push(`app.setPath(${name})`); }
      getPath(name: string) { return this.paths.get(name) ?? options.documents ?? tmpdirFallback; }
      getAppPath() { return options.appRoot ?? '/nonexistent-app-root'; }
      enableSandbox() { calls.push('app.enableSandbox'); }
      requestSingleInstanceLock() { calls.push('app.requestSingleInstanceLock'); return options.lock ?? true; }
      whenReady() { return readyPromise; }
    }
    const tmpdirFallback = '/tmp';
    const app = new FakeApp();

    const windows: FakeBrowserWindow[] = [];
    class FakeBrowserWindow extends Emitter {
      readonly webContents = new FakeWebContents();
      readonly loadURL = vi.fn(async (url: string) => { calls.push(`loadURL(${url})`); });
      readonly show = vi.fn();
      readonly focus = vi.fn();
      readonly restore = vi.fn();
      constructor(readonly options: BrowserWindowConstructorOptions) {
        super();
        calls.push('new BrowserWindow');
        windows.push(this);
        // As Electron does: web-contents-created fires while the window is being built.
        app.emit('web-contents-created', {}, this.webContents);
      }
      isDestroyed() { return false; }
      isMinimized() { return false; }
      static getAllWindows() { return windows; }
    }

    const protocolHandlers = new Map<string, (request: { url: string; method?: string }) => Promise<Response>>();
    const session = {
      permissionRequestHandler: null as null | Listener,
      permissionCheckHandler: null as null | Listener,
      devicePermissionHandler: null as null | Listener,
      beforeRequest: null as null | Listener,
      setPermissionRequestHandler(handler: Listener) { this.permissionRequestHandler = handler; calls.push('session.setPermissionRequestHandler'); },
      setPermissionCheckHandler(handler: Listener) { this.permissionCheckHandler = handler; calls.push('session.setPermissionCheckHandler'); },
      setDevicePermissionHandler(handler: Listener) { this.devicePermissionHandler = handler; },
      webRequest: { onBeforeRequest: (handler: Listener) => { session.beforeRequest = handler; calls.push('session.webRequest.onBeforeRequest'); } },
      protocol: { handle: (scheme: string, handler: (request: { url: string; method?: string }) => Promise<Response>) => { protocolHandlers.set(scheme, handler); calls.push(`protocol.handle(${scheme})`); } },
    };

    const schemes: unknown[] = [];
    const ipcHandlers = new Map<string, Listener>();
    const menus: MenuItemConstructorOptions[][] = [];
    const exposed: Array<{ key: string; api: unknown }> = [];
    const ipcRenderer = {
      invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'from main' })),
      send: vi.fn(),
      on: vi.fn(),
      sendSync: vi.fn(),
    };

    const modules = {
      app,
      BrowserWindow: FakeBrowserWindow,
      dialog: {
        showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] as string[] })),
        showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })),
        showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })),
        showErrorBox: vi.fn(),
      },
      ipcMain: {
        handle: (channel: string, handler: Listener) => { ipcHandlers.set(channel, handler); calls.push(`ipcMain.handle(${channel})`); },
        removeHandler: (channel: string) => { ipcHandlers.delete(channel); },
      },
      Menu: {
        buildFromTemplate: (template: MenuItemConstructorOptions[]) => template,
        setApplicationMenu: (menu: MenuItemConstructorOptions[]) => { menus.push(menu); calls.push('Menu.setApplicationMenu'); },
      },
      protocol: {
        registerSchemesAsPrivileged: (list: unknown[]) => { schemes.push(...list); calls.push('protocol.registerSchemesAsPrivileged'); },
      },
      session: { defaultSession: session },
      shell: { openExternal: vi.fn(async (_url: string) => undefined) },
      contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => { exposed.push({ key, api }); }) },
      ipcRenderer,
    };

    return { modules, calls, windows, session, protocolHandlers, schemes, ipcHandlers, menus, exposed, ready: () => markReady() };
  }

  // The module that `import ... from 'electron'` gets in main.ts and preload.ts. Its
  // single-instance lock is taken, so importing main.ts stops before the ready event.
  const mocked = makeFakeElectron({ lock: false });
  return { makeFakeElectron, mocked, FakeWebContents };
});

vi.mock('electron', () => ({ ...fakes.mocked.modules, default: fakes.mocked.modules }));

type FakeElectron = ReturnType<typeof fakes.makeFakeElectron>;
type FakeWebContents = InstanceType<typeof fakes.FakeWebContents>;

function preventable(url?: string) {
  return { preventDefault: vi.fn(), url };
}

// ---------------------------------------------------------------------------
// The desktop app, started with fakes, as a whole
// ---------------------------------------------------------------------------

describe('the desktop app started with recording fakes', () => {
  let scratch: string;
  let appRoot: string;
  let electron: FakeElectron;
  let desktop: DesktopApp | null;
  const secret = 'TOP SECRET: not part of the app';
  const log = vi.fn();

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'scrutiny-electron-'));
    appRoot = join(scratch, 'app');
    const renderer = join(appRoot, 'dist', 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Scrutiny Desk</title><script type="module" src="./assets/index.js"></script>');
    writeFileSync(join(renderer, 'assets', 'index.js'), 'console.log("renderer")');
    writeFileSync(join(appRoot, 'secret.txt'), secret);
    writeFileSync(join(scratch, 'secret.txt'), secret);
    try {
      symlinkSync(join(scratch, 'secret.txt'), join(renderer, 'linked-secret.txt'));
    } catch {
      // symbolic links may be unavailable (Windows without developer mode); that case is skipped below
    }

    electron = fakes.makeFakeElectron({ appRoot, documents: scratch });
    const started = startDesktop(electron.modules as unknown as ElectronModules, {
      appDataDir: join(scratch, 'data'),
      nativeBinding: () => undefined, // plain Node: better-sqlite3's own build
      platform: 'linux',
      log,
    });
    // Everything before ready has happened synchronously; now let the app become ready.
    expect(electron.calls).not.toContain('ready');
    electron.ready();
    desktop = await started;
  });

  afterAll(() => {
    desktop?.context.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  const mainWindow = () => {
    const window = electron.windows[0];
    if (!window) throw new Error('no window was created');
    return window;
  };
  const webPreferences = () => mainWindow().options.webPreferences ?? {};
  const contents = () => mainWindow().webContents as FakeWebContents;

  describe('start-up order', () => {
    it('registers app:// as a privileged standard, secure scheme before ready, and no more privileges than needed', () => {
      expect(electron.calls.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(electron.calls.indexOf('ready'));
      expect(electron.schemes).toEqual([
        { scheme: APP_SCHEME, privileges: expect.objectContaining({ standard: true, secure: true }) },
      ]);
      const privileges = (electron.schemes[0] as { privileges: Record<string, unknown> }).privileges;
      expect(privileges.bypassCSP).toBeFalsy();
      expect(privileges.corsEnabled).toBeFalsy();
      expect(privileges.allowServiceWorkers).toBeFalsy();
    });

    it('enables the sandbox for every renderer and takes the single-instance lock before ready', () => {
      const ready = electron.calls.indexOf('ready');
      expect(electron.calls.indexOf('app.enableSandbox')).toBeGreaterThanOrEqual(0);
      expect(electron.calls.indexOf('app.enableSandbox')).toBeLessThan(ready);
      expect(electron.calls.indexOf('app.requestSingleInstanceLock')).toBeLessThan(ready);
    });

    it('hardens the session and serves app:// before the window exists, and loads the renderer from app://', () => {
      const windowAt = electron.calls.indexOf('new BrowserWindow');
      for (const step of ['session.setPermissionRequestHandler', 'session.setPermissionCheckHandler', 'session.webRequest.onBeforeRequest', `protocol.handle(${APP_SCHEME})`, `ipcMain.handle(${IPC_CHANNEL})`]) {
        expect(electron.calls.indexOf(step), step).toBeGreaterThan(electron.calls.indexOf('ready'));
        expect(electron.calls.indexOf(step), step).toBeLessThan(windowAt);
      }
      expect(mainWindow().loadURL).toHaveBeenCalledWith(APP_ENTRY_URL);
      expect(APP_ENTRY_URL).toBe('app://scrutiny/index.html');
    });

    it('opens the default store for the electron face', () => {
      expect(desktop).not.toBeNull();
      expect(desktop!.context.face).toBe('electron');
      expect(desktop!.context.store).not.toBeNull();
      expect(existsSync(join(scratch, 'data'))).toBe(true);
    });

    it('quits at once when another instance holds the lock, without opening a window or a store', async () => {
      const second = fakes.makeFakeElectron({ lock: false, appRoot });
      const result = await startDesktop(second.modules as unknown as ElectronModules, { appDataDir: join(scratch, 'data2'), nativeBinding: () => undefined, log });
      expect(result).toBeNull();
      expect(second.modules.app.quit).toHaveBeenCalled();
      expect(second.windows).toHaveLength(0);
      expect(existsSync(join(scratch, 'data2', 'recent.json'))).toBe(false);
    });
  });

  describe('window: webPreferences', () => {
    it('context isolation on', () => expect(webPreferences().contextIsolation).toBe(true));
    it('sandbox on', () => expect(webPreferences().sandbox).toBe(true));
    it('nodeIntegration off', () => expect(webPreferences().nodeIntegration).toBe(false));
    it('nodeIntegrationInWorker off', () => expect(webPreferences().nodeIntegrationInWorker).toBe(false));
    it('nodeIntegrationInSubFrames off', () => expect(webPreferences().nodeIntegrationInSubFrames).toBe(false));
    it('webSecurity on', () => expect(webPreferences().webSecurity).toBe(true));
    it('allowRunningInsecureContent off', () => expect(webPreferences().allowRunningInsecureContent).toBe(false));
    it('webviewTag off', () => expect(webPreferences().webviewTag).toBe(false));
    it('experimental features off, no Blink features switched on', () => {
      expect(webPreferences().experimentalFeatures).toBe(false);
      expect(webPreferences().enableBlinkFeatures).toBeUndefined();
    });
    it('the preload is the bundled dist/electron/preload.cjs', () => {
      expect(webPreferences().preload).toBe(join(appRoot, 'dist', 'electron', 'preload.cjs'));
    });
    it('DevTools only while not packaged', () => {
      expect(webPreferences().devTools).toBe(true); // the fake app is not packaged
    });
  });

  describe('navigation and new windows', () => {
    it('attaches the guards to the window through web-contents-created', () => {
      for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview', 'will-frame-navigate']) {
        expect(contents().count(event), event).toBeGreaterThan(0);
      }
      expect(contents().windowOpenHandler).not.toBeNull();
    });

    it.each([
      'https://example.com/',
      'https://www.london.gov.uk/',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'app://evil/index.html',
      'app://scrutiny.evil.com/index.html',
      'javascript:alert(1)',
      'data:text/html,hello',
      'devtools://devtools/bundled/inspector.html',
    ])('prevents navigation to %s', (url) => {
      const event = preventable(url);
      contents().emit('will-navigate', event, url);
      expect(event.preventDefault).toHaveBeenCalled();
      const redirect = preventable(url);
      contents().emit('will-redirect', redirect, url);
      expect(redirect.preventDefault).toHaveBeenCalled();
    });

    it('lets navigation within app://scrutiny happen', () => {
      const event = preventable('app://scrutiny/index.html#/sources');
      contents().emit('will-navigate', event, event.url);
      expect(event.preventDefault).not.toHaveBeenCalled();
    });

    it('hands an allowlisted link the page navigates to over to the system browser, and nothing else', () => {
      electron.modules.shell.openExternal.mockClear();
      contents().emit('will-navigate', preventable('https://www.london.gov.uk/about-us'), 'https://www.london.gov.uk/about-us');
      contents().emit('will-navigate', preventable('https://example.com/'), 'https://example.com/');
      expect(electron.modules.shell.openExternal.mock.calls).toEqual([['https://www.london.gov.uk/about-us']]);
    });

    it('prevents every <webview> from attaching', () => {
      const event = preventable();
      contents().emit('will-attach-webview', event, {}, { src: 'app://scrutiny/index.html' });
      expect(event.preventDefault).toHaveBeenCalled();
    });

    it('denies new windows; an allowlisted https URL goes to shell.openExternal', () => {
      electron.modules.shell.openExternal.mockClear();
      expect(contents().windowOpenHandler!({ url: 'https://data.london.gov.uk/dataset/x' })).toEqual({ action: 'deny' });
      expect(electron.modules.shell.openExternal).toHaveBeenCalledWith('https://data.london.gov.uk/dataset/x');
    });

    it.each([
      'https://example.com/',
      'http://www.london.gov.uk/',
      'https://london.gov.uk.evil.com/',
      'https://user:pw@www.london.gov.uk/',
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'app://scrutiny/index.html',
      'about:blank',
    ])('denies a new window for %s and does not open it anywhere', (url) => {
      electron.modules.shell.openExternal.mockClear();
      expect(contents().windowOpenHandler!({ url })).toEqual({ action: 'deny' });
      expect(electron.modules.shell.openExternal).not.toHaveBeenCalled();
    });

    it('hardens every other web contents too (devtools, anything created later)', () => {
      const other = new fakes.FakeWebContents();
      electron.modules.app.emit('web-contents-created', {}, other);
      expect(other.count('will-navigate')).toBeGreaterThan(0);
      expect(other.windowOpenHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    });
  });

  describe('session', () => {
    it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb', 'unknown'])(
      'refuses the permission request %s', (permission) => {
        const callback = vi.fn();
        electron.session.permissionRequestHandler!(contents(), permission, callback, {});
        expect(callback).toHaveBeenCalledWith(false);
        expect(callback).toHaveBeenCalledTimes(1);
      },
    );

    it.each(['media', 'geolocation', 'notifications', 'clipboard-sanitized-write', 'background-sync'])('answers no to the permission check %s', (permission) => {
      expect(electron.session.permissionCheckHandler!(contents(), permission, 'app://scrutiny', {})).toBe(false);
    });

    it('refuses device access', () => {
      expect(electron.session.devicePermissionHandler!({ deviceType: 'usb', origin: 'app://scrutiny' })).toBe(false);
    });

    const requestOutcome = (url: string): boolean => {
      let cancel: boolean | undefined;
      electron.session.beforeRequest!({ url, method: 'GET', resourceType: 'xhr' }, (response: { cancel?: boolean }) => {
        cancel = response.cancel;
      });
      if (cancel === undefined) throw new Error('onBeforeRequest did not answer');
      return cancel;
    };

    it.each([
      'https://example.com/',
      'https://example.com/tracker.js',
      'https://www.london.gov.uk/', // allowlisted for the system browser, never loaded in the app
      'http://127.0.0.1:3000/api/app.info',
      'ws://127.0.0.1:9229/',
      'file:///etc/passwd',
      'app://evil/index.html',
      'ftp://example.com/',
    ])('cancels a request to %s', (url) => {
      expect(requestOutcome(url)).toBe(true);
    });

    it.each([
      'app://scrutiny/index.html',
      'app://scrutiny/assets/index.js',
      'devtools://devtools/bundled/devtools_app.html',
      'data:image/png;base64,iVBORw0KGgo=',
      'blob:app://scrutiny/5f0c4b4e-2f3a-4b8a-9a4e-6f1f0f0f0f0f',
    ])('lets %s through', (url) => {
      expect(requestOutcome(url)).toBe(false);
    });
  });

  describe('app:// protocol', () => {
    const fetchApp = (url: string, method = 'GET') => {
      const handler = electron.protocolHandlers.get(APP_SCHEME);
      if (!handler) throw new Error('app:// is not handled');
      return handler({ url, method });
    };

    it('serves the renderer with the CSP header', async () => {
      const response = await fetchApp('app://scrutiny/index.html');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toContain('<title>Scrutiny Desk</title>');
    });

    it('serves scripts as JavaScript, with the CSP header', async () => {
      const response = await fetchApp('app://scrutiny/assets/index.js?v=1');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/javascript');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    });

    it.each([
      ['app://scrutiny/missing.js', 404],
      ['app://scrutiny/assets', 404], // a folder is not a file
      ['app://other/index.html', 404],
      ['app://scrutiny/../secret.txt', 403],
    ])('puts the CSP header on the %s answer too (%i)', async (url, status) => {
      const response = await fetchApp(url);
      expect(response.status).toBe(status);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    });

    it.each([
      'app://scrutiny/../secret.txt',
      'app://scrutiny/../../secret.txt',
      'app://scrutiny/assets/../../secret.txt',
      'app://scrutiny/%2e%2e/secret.txt',
      'app://scrutiny/%2E%2E/%2E%2E/secret.txt',
      'app://scrutiny/..%2fsecret.txt',
      'app://scrutiny/..%2Fsecret.txt',
      'app://scrutiny/..%5csecret.txt',
      'app://scrutiny/assets%5c..%5c..%5csecret.txt',
      'app://scrutiny/index.html%00.js',
    ])('refuses the traversal %s', async (url) => {
      const response = await fetchApp(url);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(await response.text()).not.toContain(secret);
    });

    it('refuses a symbolic link inside the renderer that points outside it', async (context) => {
      if (!existsSync(join(appRoot, 'dist', 'renderer', 'linked-secret.txt'))) context.skip();
      const response = await fetchApp('app://scrutiny/linked-secret.txt');
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain(secret);
    });

    it('serves only GET and HEAD', async () => {
      expect((await fetchApp('app://scrutiny/index.html', 'POST')).status).toBe(405);
      const head = await fetchApp('app://scrutiny/index.html', 'HEAD');
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');
    });

    it('takes the path from the raw URL, so a .. is judged rather than normalised away', () => {
      expect(appRequestPath('app://scrutiny/../secret.txt')).toBe('/../secret.txt');
      expect(appRequestPath('app://scrutiny/a/b.js?x=1#y')).toBe('/a/b.js');
      expect(appRequestPath('app://scrutinyx/index.html')).toBeNull();
      expect(appRequestPath('https://scrutiny/index.html')).toBeNull();
    });
  });

  describe('IPC', () => {
    type IpcHandler = (event: SenderLike, method?: unknown, input?: unknown) => Promise<Envelope<unknown>>;
    const handler = (): IpcHandler => {
      const registered = electron.ipcHandlers.get(IPC_CHANNEL);
      if (!registered) throw new Error(`nothing handles ${IPC_CHANNEL}`);
      return registered as IpcHandler;
    };
    const mainFrameEvent = (): SenderLike => {
      const frame = contents().mainFrame;
      return { senderFrame: frame, sender: { mainFrame: frame } };
    };

    it('dispatches a call from the main frame on app://scrutiny through the handler table', async () => {
      const result = await handler()(mainFrameEvent(), 'app.info', {});
      expect(result.ok).toBe(true);
      if (result.ok) expect((result.value as { face: string }).face).toBe('electron');
    });

    it('answers an unknown method from the main frame with an envelope, not a throw', async () => {
      const result = await handler()(mainFrameEvent(), 'fs.readEverything', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    });

    it('answers invalid input with an envelope', async () => {
      const result = await handler()(mainFrameEvent(), 'sources.get', { id: 42, extra: true });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    });

    it('refuses a call from a subframe with an unauthorised envelope', async () => {
      const top = contents().mainFrame;
      const subframe = { url: 'app://scrutiny/index.html', parent: top, processId: 7, routingId: 2 };
      const result = await handler()({ senderFrame: subframe, sender: { mainFrame: top } }, 'app.info', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unauthorised' } });
      // Refused on the frame's own account too, even when the window's main frame is not known.
      const alone = await handler()({ senderFrame: subframe }, 'app.info', {});
      expect(alone).toMatchObject({ ok: false, error: { code: 'unauthorised', message: expect.stringContaining('subframe') } });
    });

    it.each([
      'https://example.com/',
      'http://127.0.0.1:5173/',
      'file:///work/main/dist/renderer/index.html',
      'app://evil/index.html',
      'devtools://devtools/bundled/inspector.html',
      '',
    ])('refuses a call from the main frame of a foreign origin (%s)', async (url) => {
      const frame = { url, parent: null, processId: 7, routingId: 1 };
      const result = await handler()({ senderFrame: frame, sender: { mainFrame: frame } }, 'store.open', { path: '/tmp/x.sqlite' });
      expect(result).toMatchObject({ ok: false, error: { code: 'unauthorised' } });
    });

    it('refuses a call whose frame has gone, or that is not the window\'s main frame', async () => {
      expect(await handler()({ senderFrame: null, sender: { mainFrame: contents().mainFrame } }, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'unauthorised' } });
      const stray = { url: 'app://scrutiny/index.html', parent: null, processId: 9, routingId: 4 };
      expect(await handler()({ senderFrame: stray, sender: { mainFrame: contents().mainFrame } }, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'unauthorised' } });
    });

    it('never reaches the handler table for a refused call, and never throws across IPC', async () => {
      const dispatch = vi.fn(async () => ({ ok: true as const, value: 'should not happen' }));
      const ipc = createIpcHandler({ dispatch });
      const foreign = { url: 'https://example.com/', parent: null, processId: 1, routingId: 1 };
      expect(await ipc({ senderFrame: foreign }, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'unauthorised' } });
      expect(dispatch).not.toHaveBeenCalled();

      const exploding = createIpcHandler({ dispatch: async () => { throw new Error('boom'); } });
      const app = { url: 'app://scrutiny/index.html', parent: null, processId: 1, routingId: 1 };
      await expect(exploding({ senderFrame: app }, 'app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
      const broken = { get senderFrame(): never { throw new Error('frame destroyed'); } };
      await expect(exploding(broken as unknown as SenderLike, 'app.info', {})).resolves.toMatchObject({ ok: false });
    });

    it('explains each refusal', () => {
      const top = { url: 'app://scrutiny/index.html', parent: null };
      expect(refusalReason({ senderFrame: top })).toBeNull();
      expect(refusalReason({ senderFrame: { ...top, parent: top } })).toMatch(/subframe/);
      expect(refusalReason({ senderFrame: { ...top, url: 'https://example.com/' } })).toMatch(/origin/);
      expect(refusalReason({ senderFrame: null })).toMatch(/gone/);
    });
  });

  describe('File menu', () => {
    const fileMenu = () => {
      const template = electron.menus.at(-1);
      const file = template?.find((item) => item.label === 'File');
      if (!file || !Array.isArray(file.submenu)) throw new Error('no File menu');
      return file.submenu as MenuItemConstructorOptions[];
    };

    it('has Open store…, New store…, Import a spreadsheet…, Back up now and Quit, with accelerators', () => {
      const items = fileMenu().filter((item) => item.type !== 'separator');
      expect(items.map((item) => [item.label, item.accelerator])).toEqual([
        ['Open store…', ACCELERATORS.openStore],
        ['New store…', ACCELERATORS.newStore],
        ['Import a spreadsheet…', ACCELERATORS.importSpreadsheet],
        ['Back up now', ACCELERATORS.backUpNow],
        ['Quit', ACCELERATORS.quit],
      ]);
    });

    it('Back up now calls store.backupNow through the handler table and says where the backup went', async () => {
      const backUp = fileMenu().find((item) => item.label === 'Back up now')!;
      const before = desktop!.context.store!.backups().length;
      electron.modules.dialog.showMessageBox.mockClear();
      (backUp.click as () => void)();
      await vi.waitFor(() => expect(electron.modules.dialog.showMessageBox).toHaveBeenCalled());
      expect(desktop!.context.store!.backups().length).toBe(before + 1);
    });

    it('Open store… and New store… dispatch store.open and store.create with the chosen path, then reload the window', async () => {
      const dispatch = vi.fn(async (method: unknown) => ({ ok: true as const, value: { path: `/chosen/${String(method)}` } }));
      const dialog = {
        showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/evidence/inquiry.sqlite'] })),
        showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: '/evidence/new.sqlite' })),
        showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })),
      };
      const onStoreChanged = vi.fn();
      const actions = createStoreActions({ table: { dispatch }, dialog: dialog as never, window: () => null, startFolder: () => '/evidence', onStoreChanged, onImportChosen: vi.fn() });
      await actions.openStore();
      await actions.newStore();
      expect(dispatch.mock.calls).toEqual([['store.open', { path: '/evidence/inquiry.sqlite' }], ['store.create', { path: '/evidence/new.sqlite', seed: true }]]);
      expect(onStoreChanged).toHaveBeenCalledTimes(2);
    });

    it('shows the error envelope\'s message when the handler refuses, and does nothing when the dialog is cancelled', async () => {
      const dispatch = vi.fn(async () => ({ ok: false as const, error: { code: 'store-not-database' as const, message: 'x.txt is not a Scrutiny Desk store.', hint: 'The file has not been changed.' } }));
      const dialog = {
        showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/evidence/x.txt'] })),
        showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })),
        showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })),
      };
      const onStoreChanged = vi.fn();
      const actions = createStoreActions({ table: { dispatch }, dialog: dialog as never, window: () => null, startFolder: () => '/evidence', onStoreChanged, onImportChosen: vi.fn() });
      await actions.openStore();
      expect(dialog.showMessageBox).toHaveBeenCalledWith(expect.objectContaining({ type: 'error', detail: expect.stringContaining('is not a Scrutiny Desk store') }));
      await actions.newStore();
      expect(dispatch).toHaveBeenCalledTimes(1);
      expect(onStoreChanged).not.toHaveBeenCalled();
    });

    it('Import a spreadsheet… hands the chosen file to the page, and the page takes it once through the contract', async () => {
      const dialog = {
        showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/evidence/LCPF allocations.xlsx'] })),
        showSaveDialog: vi.fn(), showMessageBox: vi.fn(),
      };
      const onImportChosen = vi.fn((path: string) => desktop!.context.offerImport(path));
      const actions = createStoreActions({ table: { dispatch: vi.fn() }, dialog: dialog as never, window: () => null, startFolder: () => '/evidence', onStoreChanged: vi.fn(), onImportChosen });
      await actions.importSpreadsheet();
      expect(dialog.showOpenDialog).toHaveBeenCalledWith(expect.objectContaining({ filters: expect.arrayContaining([expect.objectContaining({ extensions: ['csv', 'xlsx', 'ods', 'xls'] })]) }));
      expect(onImportChosen).toHaveBeenCalledWith('/evidence/LCPF allocations.xlsx');
      const table = createApi(desktop!.context);
      expect(await table.dispatch('imports.takeOffered', {})).toEqual({ ok: true, value: { path: '/evidence/LCPF allocations.xlsx', fileName: 'LCPF allocations.xlsx' } });
      expect(await table.dispatch('imports.takeOffered', {})).toEqual({ ok: true, value: null });
      const template = buildMenuTemplate(actions, { platform: 'linux', development: false, quit: () => undefined });
      expect(JSON.stringify(template)).toContain('Import a spreadsheet…');
    });

    it('puts Quit in the application menu on macOS, and DevTools only in development', () => {
      const noop = async () => undefined;
      const actions = { openStore: noop, newStore: noop, backUpNow: noop, importSpreadsheet: noop };
      const mac = buildMenuTemplate(actions, { platform: 'darwin', development: false, quit: () => undefined });
      expect(mac[0]!.label).toBe('Scrutiny Desk');
      expect(JSON.stringify(mac)).not.toContain('toggleDevTools');
      const dev = buildMenuTemplate(actions, { platform: 'linux', development: true, quit: () => undefined });
      expect(JSON.stringify(dev)).toContain('toggleDevTools');
    });
  });
});

// ---------------------------------------------------------------------------
// Pieces on their own
// ---------------------------------------------------------------------------

describe('hardening decisions', () => {
  it('decideNavigation allows only app://scrutiny', () => {
    expect(decideNavigation('app://scrutiny/index.html')).toEqual({ allow: true, openExternally: false });
    expect(decideNavigation('https://example.com/')).toEqual({ allow: false, openExternally: false });
    expect(decideNavigation('https://www.london.gov.uk/')).toEqual({ allow: false, openExternally: true });
    expect(decideNavigation('app://scrutiny:8080/')).toEqual({ allow: false, openExternally: false });
    expect(decideNavigation('app://user@scrutiny/')).toEqual({ allow: false, openExternally: false });
  });

  it('isLocalRequestUrl lets only app://scrutiny, devtools:, data: and blob: through', () => {
    expect(isLocalRequestUrl('app://scrutiny/x')).toBe(true);
    expect(isLocalRequestUrl('https://example.com')).toBe(false);
    expect(isLocalRequestUrl('not a url')).toBe(false);
  });

  it('configureSession and hardenWebContents work on a fresh session and web contents', () => {
    const electron = fakes.makeFakeElectron();
    configureSession(electron.session as never);
    const callback = vi.fn();
    electron.session.beforeRequest!({ url: 'https://example.com/' }, callback);
    expect(callback).toHaveBeenCalledWith({ cancel: true });
    const contents = new fakes.FakeWebContents();
    const openExternal = vi.fn();
    hardenWebContents(contents as never, { openExternal });
    const event = preventable('https://example.com/');
    contents.emit('will-navigate', event, event.url);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
  });
});

describe('app:// protocol handler on its own', () => {
  it('puts the CSP header on every answer, including refusals and errors', async () => {
    const root = mkdtempSync(join(tmpdir(), 'scrutiny-protocol-'));
    try {
      writeFileSync(join(root, 'index.html'), '<!doctype html>');
      const failing = createAppProtocolHandler(root, { readFile: async () => { throw new Error('EIO'); } });
      for (const response of [await failing({ url: 'app://scrutiny/index.html' }), await failing({ url: 'app://scrutiny/%2e%2e/x' }), await failing({ url: 'app://scrutiny/', method: 'PUT' })]) {
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('preload', () => {
  it('preload.ts exposes exactly one object, window.scrutiny, with exactly the contract\'s method names', async () => {
    const electron = fakes.mocked;
    await import('../../main/electron/preload.ts');
    expect(electron.modules.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(electron.exposed).toHaveLength(1);
    const { key, api } = electron.exposed[0]!;
    expect(key).toBe('scrutiny');
    expect(Object.keys(api as object).sort()).toEqual([...methodNames].sort());
    for (const name of methodNames) expect(typeof (api as Record<string, unknown>)[name]).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('exposes no ipcRenderer, nor any of its functions', async () => {
    const electron = fakes.mocked;
    await import('../../main/electron/preload.ts');
    const api = electron.exposed[0]!.api as Record<string, unknown>;
    const values = Object.values(api);
    expect(values).not.toContain(electron.modules.ipcRenderer);
    for (const fn of Object.values(electron.modules.ipcRenderer)) expect(values).not.toContain(fn);
    for (const forbidden of ['ipcRenderer', 'invoke', 'send', 'sendSync', 'on', 'once', 'postMessage', 'require', 'process']) {
      expect(api).not.toHaveProperty(forbidden);
    }
    for (const value of values) expect(Object.keys(value as object)).toEqual([]);
  });

  it('each function invokes the one IPC channel with its own method name and the input', async () => {
    const electron = fakes.mocked;
    await import('../../main/electron/preload.ts');
    const api = electron.exposed[0]!.api as Record<string, (input?: unknown) => Promise<unknown>>;
    electron.modules.ipcRenderer.invoke.mockClear();
    await expect(api['store.open']!({ path: '/evidence/inquiry.sqlite' })).resolves.toEqual({ ok: true, value: 'from main' });
    await api['app.info']!({});
    expect(electron.modules.ipcRenderer.invoke.mock.calls).toEqual([
      [IPC_CHANNEL, 'store.open', { path: '/evidence/inquiry.sqlite' }],
      [IPC_CHANNEL, 'app.info', {}],
    ]);
  });

  it('createBridge builds one function per method over any invoke', async () => {
    const invoke = vi.fn(async (...args: unknown[]) => args);
    const bridge = createBridge(invoke);
    expect(Object.keys(bridge).sort()).toEqual([...methodNames].sort());
    await bridge['store.counts']({});
    expect(invoke).toHaveBeenCalledWith(IPC_CHANNEL, 'store.counts', {});
  });
});

describe('main.ts', () => {
  it('wires the real electron module into startDesktop: scheme registered, lock asked, and a second instance quits', async () => {
    const electron = fakes.mocked;
    await import('../../main/electron/main.ts');
    expect(electron.calls).toContain('protocol.registerSchemesAsPrivileged');
    expect(electron.calls).toContain('app.enableSandbox');
    expect(electron.calls).toContain('app.requestSingleInstanceLock');
    expect(electron.modules.app.quit).toHaveBeenCalled();
    expect(electron.windows).toHaveLength(0);
  });
});

describe('native binding and packaging', () => {
  it('looks in build/electron-native/<version> while developing and in <resources>/native/<version> when packaged', () => {
    expect(electronNativeBindingPath({ electronVersion: '45.4.1', isPackaged: false, projectRoot: '/project' }))
      .toBe(join('/project', 'build', 'electron-native', '45.4.1', 'better_sqlite3.node'));
    expect(electronNativeBindingPath({ electronVersion: '45.4.1', isPackaged: true, projectRoot: '/app.asar', resourcesPath: '/opt/Scrutiny Desk/resources' }))
      .toBe(join('/opt/Scrutiny Desk/resources', 'native', '45.4.1', 'better_sqlite3.node'));
    expect(() => electronNativeBindingPath({ electronVersion: '../../etc', isPackaged: false, projectRoot: '/project' })).toThrow();
    expect(hasElectronNativeBinding({ electronVersion: '', isPackaged: false, projectRoot: '/project' })).toBe(false);
  });

  it('the build script writes where the app looks, and skips a build it already has', async () => {
    const script = pathToFileURL(join(PROJECT_ROOT, 'scripts', 'build-electron-native.mjs')).href;
    const native = (await import(script)) as {
      nativeBuildDir(root: string, version: string): string;
      NATIVE_FILE_NAME: string;
      buildElectronNative(options: object): Promise<{ file: string; skipped: boolean }>;
    };
    expect(join(native.nativeBuildDir('/project', '45.4.1'), native.NATIVE_FILE_NAME))
      .toBe(electronNativeBindingPath({ electronVersion: '45.4.1', isPackaged: false, projectRoot: '/project' }));
    expect(native.nativeBuildDir('/project', '1.2.3')).toBe(join('/project', NATIVE_BUILD_DIR, '1.2.3'));
    expect(native.NATIVE_FILE_NAME).toBe(NATIVE_FILE_NAME);

    const root = mkdtempSync(join(tmpdir(), 'scrutiny-native-'));
    try {
      mkdirSync(join(root, 'node_modules', 'better-sqlite3'), { recursive: true });
      writeFileSync(join(root, 'node_modules', 'better-sqlite3', 'package.json'), JSON.stringify({ version: '12.0.0' }));
      const dir = native.nativeBuildDir(root, '45.0.0');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, NATIVE_FILE_NAME), 'binary');
      writeFileSync(join(dir, 'build-info.json'), JSON.stringify({ electron: '45.0.0', betterSqlite3: '12.0.0', platform: process.platform, arch: process.arch }));
      const result = await native.buildElectronNative({ projectRoot: root, electronVersion: '45.0.0', log: () => undefined });
      expect(result).toEqual({ file: join(dir, NATIVE_FILE_NAME), skipped: true });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('electron-builder.yml ships build/electron-native as resources/native, outside the asar, without rebuilding', () => {
    const config = readFileSync(join(PROJECT_ROOT, 'electron-builder.yml'), 'utf8');
    expect(config).toMatch(/^npmRebuild: false$/m);
    expect(config).toMatch(/^asar: true$/m);
    expect(config).toMatch(/from: build\/electron-native\s+to: (\S+)/);
    expect(/from: build\/electron-native\s+to: (\S+)/.exec(config)![1]).toBe(PACKAGED_NATIVE_DIR);
    expect(config).toMatch(/asarUnpack:\s+- "\*\*\/\*\.node"/);
  });
});
