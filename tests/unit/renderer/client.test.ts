// The client in Node, through a fake Electron bridge and a fake fetch: the
// envelope's error arrives whole, and failures to reach main read plainly.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { ApiCallError, call, NOT_ANSWERING } from '../../../renderer/src/api/client.ts';
import { notifying, setNotificationSink, type NotificationInput } from '../../../renderer/src/state/notifying.ts';

const g = globalThis as Record<string, unknown>;

afterEach(() => {
  delete g.scrutiny;
  delete g.window;
  vi.unstubAllGlobals();
});

const appInfo = { appVersion: '0.1.0', face: 'electron', store: null };

describe('call through the Electron bridge', () => {
  it('resolves with the value', async () => {
    g.scrutiny = { 'app.info': async () => ({ ok: true, value: appInfo }) };
    await expect(call('app.info', {})).resolves.toEqual(appInfo);
  });

  it('throws the envelope error with its code, where and hint', async () => {
    g.scrutiny = {
      'overview.get': async () => ({ ok: false, error: { code: 'store-busy', message: 'The store is busy.', where: 'Investigation.sqlite', hint: 'Try again in a moment.' } }),
    };
    const error = await call('overview.get', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ code: 'store-busy', message: 'The store is busy.', where: 'Investigation.sqlite', hint: 'Try again in a moment.', method: 'overview.get' });
  });

  it('reads a bridge that fails as main not answering', async () => {
    g.scrutiny = { 'app.info': async () => { throw new Error('IPC closed'); } };
    await expect(call('app.info', {})).rejects.toMatchObject({ code: 'unreachable', message: NOT_ANSWERING });
  });

  it('refuses an answer that does not match the contract', async () => {
    g.scrutiny = { 'app.info': async () => ({ ok: true, value: { appVersion: 1 } }) };
    await expect(call('app.info', {})).rejects.toMatchObject({ code: 'internal' });
  });
});

describe('call over fetch (browser mode)', () => {
  function fakeWindow(hash: string) {
    const stored = new Map<string, string>();
    const replaced: string[] = [];
    g.window = {
      location: { hash, pathname: '/', search: '' },
      history: { state: null, replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) },
      sessionStorage: { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => stored.set(k, v) },
    };
    return { stored, replaced };
  }

  it('takes the token from the address, keeps it, hides it, and sends it', async () => {
    const { stored, replaced } = fakeWindow('#token=secret-1');
    const { captureSessionToken } = await import('../../../renderer/src/api/session.ts');
    captureSessionToken();
    expect([...stored.values()]).toEqual(['secret-1']);
    expect(replaced).toEqual(['/#/overview']);
    const fetch = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: appInfo }), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    await expect(call('app.info', {})).resolves.toEqual(appInfo);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/app.info');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer secret-1');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('turns a network failure into a readable error', async () => {
    fakeWindow('#token=secret-2');
    (await import('../../../renderer/src/api/session.ts')).captureSessionToken();
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    const error = await call('app.info', {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unreachable', message: "Scrutiny Desk's background service is not answering." });
    expect((error as ApiCallError).hint).toMatch(/reload/);
  });

  it('passes on a refused token with a way out', async () => {
    fakeWindow('#token=stale');
    (await import('../../../renderer/src/api/session.ts')).captureSessionToken();
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ ok: false, error: { code: 'unauthorised', message: 'Refused.' } }), { status: 401 })));
    await expect(call('app.info', {})).rejects.toMatchObject({ code: 'unauthorised', message: 'Refused.', hint: expect.stringMatching(/address/) });
  });
});

describe('notifying store middleware', () => {
  it('turns a failed action into a notification and keeps the store usable', async () => {
    const seen: NotificationInput[] = [];
    setNotificationSink((n) => seen.push(n));
    interface S { value: number; load(): Promise<void>; helper(): Promise<void> }
    const store = createStore<S>()(notifying<S>({ load: 'The thing could not be loaded', helper: null }, (set) => ({
      value: 0,
      async load() {
        set({ value: 1 });
        throw new ApiCallError({ code: 'store-busy', message: 'Busy.', where: 'here', hint: 'Wait.' });
      },
      async helper() {
        throw new Error('passed on');
      },
    })));
    await expect(store.getState().load()).resolves.toBeUndefined();
    expect(store.getState().value).toBe(1);
    expect(seen).toEqual([{ kind: 'error', title: 'The thing could not be loaded', message: 'Busy.', where: 'here', hint: 'Wait.' }]);
    await expect(store.getState().helper()).rejects.toThrow('passed on');
  });
});
