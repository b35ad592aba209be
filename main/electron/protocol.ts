// The app:// scheme: the renderer is served from dist/renderer as app://scrutiny/...,
// a standard, secure origin of its own (not file://, which would give the page the
// whole disk as its origin). Every response carries the Content Security Policy.
import { readFile, realpath } from 'node:fs/promises';
import { extname, isAbsolute, relative } from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY, resolveInside } from '../security.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'scrutiny';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * standard: relative URLs, an origin, web storage; secure: a secure context like https;
 * supportFetchAPI: fetch() of the page's own files. Not corsEnabled (that would let
 * other origins read it) and not bypassCSP.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/** Headers on every app:// response, whatever its status. */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Must run before the app's ready event (Electron allows one call). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/**
 * True for a URL on the app's own origin, app://scrutiny. Node's URL gives non-special
 * schemes the origin "null", so the parts are compared instead.
 */
export function isAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.hostname === APP_HOST && url.port === '' && url.username === '' && url.password === '';
}

/**
 * The path part of an app:// URL exactly as requested (still percent-encoded, dot
 * segments not collapsed), or null for any other origin. Taking it from the raw text
 * means a `..` is judged by resolveInside, never silently normalised away first.
 */
export function appRequestPath(raw: string): string | null {
  const prefix = `${APP_ORIGIN}/`;
  if (raw.slice(0, prefix.length).toLowerCase() !== prefix) return null;
  if (!isAppUrl(raw)) return null;
  const rest = raw.slice(prefix.length - 1);
  const end = rest.search(/[?#]/);
  return end === -1 ? rest : rest.slice(0, end);
}

export interface AppRequest {
  url: string;
  method?: string;
}

export interface AppProtocolOptions {
  readFile?: (path: string) => Promise<Uint8Array>;
  realpath?: (path: string) => Promise<string>;
}

function respond(status: number, body: Uint8Array | string | null, contentType: string): Response {
  return new Response(body as BodyInit | null, { status, headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': contentType } });
}

function plain(status: number, text: string, head: boolean): Response {
  return respond(status, head ? null : text, 'text/plain; charset=utf-8');
}

/** The handler protocol.handle('app', ...) runs: files under `root`, nothing else. */
export function createAppProtocolHandler(root: string, options: AppProtocolOptions = {}): (request: AppRequest) => Promise<Response> {
  const read = options.readFile ?? ((path: string) => readFile(path));
  const real = options.realpath ?? ((path: string) => realpath(path));
  return async (request) => {
    const method = (request.method ?? 'GET').toUpperCase();
    const head = method === 'HEAD';
    try {
      if (method !== 'GET' && !head) return plain(405, 'Only GET and HEAD are served.', false);
      const requestPath = appRequestPath(request.url);
      if (requestPath === null) return plain(404, 'Not found.', head);
      const file = resolveInside(root, requestPath);
      if (file === null) return plain(403, 'Refused: that path is outside the application.', head);
      // resolveInside is lexical; a symbolic link inside could still point outside.
      let realFile: string;
      try {
        const [realRoot, resolved] = await Promise.all([real(root), real(file)]);
        const fromRoot = relative(realRoot, resolved);
        if (fromRoot === '' || fromRoot.startsWith('..') || isAbsolute(fromRoot)) {
          return plain(403, 'Refused: that path is outside the application.', head);
        }
        realFile = resolved;
      } catch {
        return plain(404, 'Not found.', head);
      }
      let body: Uint8Array;
      try {
        body = await read(realFile);
      } catch {
        return plain(404, 'Not found.', head);
      }
      const type = CONTENT_TYPES[extname(realFile).toLowerCase()] ?? 'application/octet-stream';
      return respond(200, head ? null : body, type);
    } catch {
      return plain(500, 'The application could not read its own files.', head);
    }
  };
}

/** Serves `root` on app://scrutiny. Call after ready, on the session the window uses. */
export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, root: string, options?: AppProtocolOptions): void {
  const handler = createAppProtocolHandler(root, options);
  protocol.handle(APP_SCHEME, (request) => handler(request));
}
