import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApi } from '../../main/api.ts';
import { AppContext } from '../../main/app-context.ts';
import { CONTENT_SECURITY_POLICY } from '../../main/security.ts';
import { startWebServer } from '../../main/web/server.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir();
const staticDir = join(dir, 'renderer');
mkdirSync(staticDir);
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Scrutiny Desk</title>');
writeFileSync(join(dir, 'secret.txt'), 'not for the browser');
const context = new AppContext({ face: 'web', appDataDir: join(dir, 'app') });
await context.create(join(dir, 'web.sqlite'));
const server = await startWebServer({ api: createApi(context), staticDir });
afterAll(async () => {
  await server.close();
  context.close();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

// Raw http.request, so the Host and Origin headers are exactly what a hostile page could send.
function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const json = { 'Content-Type': 'application/json' };
const auth = { ...json, Authorization: `Bearer ${server.token}` };

describe('browser mode server', () => {
  it('listens on 127.0.0.1 only and prints an address that carries the token', () => {
    expect(server.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('answers a call with the session token', async () => {
    const reply = await send('/api/app.info', { method: 'POST', headers: auth, body: '{}' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { face: 'web', store: { fileName: 'web.sqlite' } } });
  });

  it('refuses a call without the token, or with a wrong one', async () => {
    const missing = await send('/api/overview.get', { method: 'POST', headers: json, body: '{}' });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'unauthorised' } });
    const wrong = await send('/api/overview.get', { method: 'POST', headers: { ...json, Authorization: `Bearer ${server.token.slice(0, -1)}x` }, body: '{}' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).not.toContain('MOPAC');
  });

  it('refuses a foreign Host header, even with the token (DNS rebinding)', async () => {
    for (const host of ['evil.example:80', `evil.example:${server.port}`, `127.0.0.1.nip.io:${server.port}`, '127.0.0.1']) {
      const reply = await send('/api/overview.get', { method: 'POST', headers: { ...auth, Host: host }, body: '{}' });
      expect(reply.status, host).toBe(403);
      const page = await send('/', { headers: { Host: host } });
      expect(page.status, host).toBe(403);
    }
  });

  it('refuses a call from another site\'s page', async () => {
    const reply = await send('/api/app.info', { method: 'POST', headers: { ...auth, Origin: 'http://evil.example' }, body: '{}' });
    expect(reply.status).toBe(403);
  });

  it('accepts only JSON POSTs to the API', async () => {
    expect((await send('/api/app.info', { headers: auth })).status).toBe(405);
    const form = await send('/api/app.info', { method: 'POST', headers: { Authorization: auth.Authorization, 'Content-Type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
    const broken = await send('/api/app.info', { method: 'POST', headers: auth, body: '{not json' });
    expect(broken.status).toBe(400);
  });

  it('takes a file of several megabytes through imports.upload, but no other call that large', async () => {
    const file = Buffer.alloc(3 * 1024 * 1024, 'Date,Supplier,Amount\n');
    const upload = await send('/api/imports.upload', { method: 'POST', headers: auth, body: JSON.stringify({ fileName: 'big.csv', dataBase64: file.toString('base64') }) });
    expect(upload.status).toBe(200);
    expect(JSON.parse(upload.body)).toMatchObject({ ok: true, value: { path: expect.stringMatching(/big\.csv$/) } });
    const other = await send('/api/store.open', { method: 'POST', headers: auth, body: JSON.stringify({ path: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(other.status).toBe(413);
  });

  it('returns contract errors as envelopes', async () => {
    const reply = await send('/api/store.open', { method: 'POST', headers: auth, body: '{"path": 7}' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('serves the renderer with a strict CSP and nothing outside its folder', async () => {
    const page = await send('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Scrutiny Desk');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%5csecret.txt']) {
      const reply = await send(path);
      expect(reply.status, path).toBe(404);
      expect(reply.body).not.toContain('not for the browser');
    }
  });
});
