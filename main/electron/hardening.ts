// Security settings for the session and every web contents: deny by default.
// The decisions are small pure functions; the configure/harden functions only
// attach them to the Electron objects they are given, so tests can pass fakes.
import type { Session, WebContents } from 'electron';
import { isAllowedExternalUrl } from '../security.ts';
import { isAppUrl } from './protocol.ts';

export interface NavigationDecision {
  /** Let the navigation happen inside the app. */
  allow: boolean;
  /** Hand the URL to the system browser instead (only ever for allowlisted https links). */
  openExternally: boolean;
}

/** In-app navigation stays on app://scrutiny; an allowlisted link goes to the system browser; the rest is dropped. */
export function decideNavigation(url: string): NavigationDecision {
  if (isAppUrl(url)) return { allow: true, openExternally: false };
  return { allow: false, openExternally: isAllowedExternalUrl(url) };
}

/** window.open and target=_blank never make a window: an allowlisted link opens in the system browser. */
export function decideWindowOpen(url: string): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isAllowedExternalUrl(url) };
}

/** Requests the app may make: its own files, DevTools, and data:/blob: it made itself. Nothing remote. */
export function isLocalRequestUrl(raw: string): boolean {
  if (isAppUrl(raw)) return true;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'devtools:' || url.protocol === 'data:' || url.protocol === 'blob:';
}

export interface HardeningDeps {
  /** shell.openExternal; only ever called with an allowlisted https URL. */
  openExternal: (url: string) => Promise<void> | void;
  log?: (message: string) => void;
}

function openSafely(url: string, deps: HardeningDeps): void {
  if (!isAllowedExternalUrl(url)) return; // checked again here: nothing else reaches the system browser
  try {
    void Promise.resolve(deps.openExternal(url)).catch((error: unknown) => deps.log?.(`Could not open ${url}: ${(error as Error).message}`));
  } catch (error) {
    deps.log?.(`Could not open ${url}: ${(error as Error).message}`);
  }
}

type PreventableEvent = { preventDefault(): void; url?: string };

/** Attaches the navigation, redirect, webview and new-window guards to one web contents. */
export function hardenWebContents(contents: WebContents, deps: HardeningDeps): void {
  const guardNavigation = (event: PreventableEvent, legacyUrl?: string) => {
    const url = event.url ?? legacyUrl ?? '';
    const decision = decideNavigation(url);
    if (decision.allow) return;
    event.preventDefault();
    deps.log?.(`Blocked navigation to ${url}`);
    if (decision.openExternally) openSafely(url, deps);
  };
  contents.on('will-navigate', (event, url) => guardNavigation(event, url));
  contents.on('will-frame-navigate', (event) => {
    if (!decideNavigation(event.url).allow) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    const target = event.url ?? url;
    if (!decideNavigation(target).allow) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally) openSafely(url, deps);
    else deps.log?.(`Blocked a new window for ${url}`);
    return { action: 'deny' };
  });
}

/** Session-wide: every permission refused, every remote request cancelled. */
export function configureSession(session: Session, deps: Pick<HardeningDeps, 'log'> = {}): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    deps.log?.(`Refused permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const cancel = !isLocalRequestUrl(details.url);
    if (cancel) deps.log?.(`Cancelled a request to ${details.url}`);
    callback({ cancel });
  });
}
