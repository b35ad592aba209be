// Browser mode: the same renderer and the same API, served on 127.0.0.1 only, with
// a per-launch token. Requests with a foreign Host header are refused, which stops
// DNS-rebinding pages from reaching the API.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import { errorEnvelope } from '../../shared/envelope.ts';
import type { HandlerTable } from '../api.ts';
import { CONTENT_SECURITY_POLICY, resolveInside } from '../security.ts';

export interface WebServerOptions {
  api: HandlerTable;
  staticDir: string;
  port?: number;
  token?: string;
  /** Largest request body accepted, in bytes (imports.upload, which carries a file, has its own). */
  maxBodyBytes?: number;
  maxUploadBytes?: number;
}

export interface RunningWebServer {
  url: string;
  origin: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=()',
};

/** The Host header must name this server on the loopback address, exactly. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export function tokensMatch(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(response: ServerResponse, status: number, body: string | Buffer, contentType: string, extra: Record<string, string> = {}): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'no-store', ...extra });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw Object.assign(new Error(`The request is larger than ${limit} bytes.`), { tooLarge: true });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  // A 100 MB file as base64 inside JSON.
  const uploadLimit = options.maxUploadBytes ?? 140 * 1024 * 1024;
  let port = 0;

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (!isAllowedHost(request.headers.host, port)) {
      send(response, 403, 'Refused: this server answers only to 127.0.0.1.', 'text/plain; charset=utf-8');
      return;
    }
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) {
      if (request.method !== 'POST') {
        sendJson(response, 405, errorEnvelope({ code: 'invalid-input', message: 'API calls use POST.' }));
        return;
      }
      const origin = request.headers.origin;
      if (origin !== undefined && !isAllowedHost(origin.replace(/^http:\/\//, ''), port)) {
        sendJson(response, 403, errorEnvelope({ code: 'unauthorised', message: 'Refused: the request came from another site.' }));
        return;
      }
      const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (!tokensMatch(token, bearer)) {
        sendJson(response, 401, errorEnvelope({ code: 'unauthorised', message: 'Refused: this request does not carry this session\'s token. Open the address Scrutiny Desk printed.' }));
        return;
      }
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
        sendJson(response, 415, errorEnvelope({ code: 'invalid-input', message: 'API calls send JSON.' }));
        return;
      }
      const method = decodeURIComponent(url.pathname.slice('/api/'.length));
      let input: unknown;
      try {
        const body = await readBody(request, method === 'imports.upload' ? uploadLimit : limit);
        input = body.length > 0 ? JSON.parse(body) : {};
      } catch (error) {
        const tooLarge = (error as { tooLarge?: boolean }).tooLarge === true;
        if (tooLarge) {
          // The rest of the body is never read: close the connection rather than leave it half-read for reuse.
          response.setHeader('Connection', 'close');
          response.on('finish', () => request.destroy());
        }
        sendJson(response, tooLarge ? 413 : 400, errorEnvelope({ code: 'invalid-input', message: tooLarge ? (error as Error).message : 'The request body is not valid JSON.' }));
        return;
      }
      sendJson(response, 200, await options.api.dispatch(method, input));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'Method not allowed.', 'text/plain; charset=utf-8');
      return;
    }
    const file = resolveInside(options.staticDir, url.pathname);
    if (!file) {
      send(response, 404, 'Not found.', 'text/plain; charset=utf-8');
      return;
    }
    try {
      const body = await readFile(file);
      send(response, 200, body, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
    } catch {
      send(response, 404, 'Not found.', 'text/plain; charset=utf-8');
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, errorEnvelope({ code: 'internal', message: String((error as Error)?.message ?? error) }));
      else response.destroy();
    });
  });
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    server,
    close: () => new Promise<void>((resolvePromise) => {
      server.closeAllConnections();
      server.close(() => resolvePromise());
    }),
  };
}
