import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HandlerTable, createApi } from '../../main/api.ts';
import { AppContext } from '../../main/app-context.ts';
import { methodNames } from '../../shared/contract.ts';
import { SCHEMA_VERSION } from '../../main/store/migrate.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir();
const context = new AppContext({ face: 'test', appDataDir: join(dir, 'app') });
const api = createApi(context);

describe('the handler table', () => {
  it('has one handler for every contract method, and refuses a second', () => {
    const table = new HandlerTable(context);
    table.register('app.info', () => ({ appVersion: '0', face: 'test', store: null }));
    expect(() => table.register('app.info', () => ({ appVersion: '0', face: 'test', store: null }))).toThrow('registered twice');
    expect(() => table.assertComplete()).toThrow(/without a handler: .*overview\.get/);
    expect(() => createApi(context)).not.toThrow();
  });

  it('answers an unknown method with an error envelope', async () => {
    expect(await api.dispatch('store.delete-everything', {})).toEqual({
      ok: false,
      error: { code: 'unknown-method', message: 'There is no API method called "store.delete-everything".' },
    });
    expect((await api.dispatch(42, {})).ok).toBe(false);
  });

  it.each(methodNames)('%s validates its input and answers malformed input with an error envelope', async (method) => {
    for (const bad of [{ unexpected: true }, 'a string', [1, 2], 42]) {
      const result = await api.dispatch(method, bad);
      expect(result.ok, `${method} accepted ${JSON.stringify(bad)}`).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid-input');
        expect(result.error.message).toContain(method);
      }
    }
  });

  it('says which field is wrong', async () => {
    const result = await api.dispatch('store.open', { path: 42 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/path: .*expected string/) } });
    const empty = await api.dispatch('store.create', { path: '   ' });
    expect(empty).toMatchObject({ ok: false, error: { message: expect.stringContaining('a file path is needed') } });
  });

  it('says there is no store open rather than crashing', async () => {
    const result = await api.dispatch('overview.get', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'no-store', hint: expect.stringContaining('Open or create') } });
  });

  it('turns store failures into envelopes that name the file', async () => {
    const result = await api.dispatch('store.open', { path: join(dir, 'nowhere.sqlite') });
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringContaining('nowhere.sqlite') } });
  });
});

describe('the API on a seeded store', () => {
  it('creates a store, remembers it as recent, and shows the overview with honest zero counts', async () => {
    const path = join(dir, 'inquiry.sqlite');
    const created = await api.call('store.create', { path });
    expect(created).toMatchObject({ fileName: 'inquiry.sqlite', schemaVersion: SCHEMA_VERSION, investigationTitle: 'MOPAC and VRU Commissioning', locationWarning: null });
    expect(existsSync(path)).toBe(true);
    expect((await api.call('store.recent', {}))[0]).toMatchObject({ path, title: 'MOPAC and VRU Commissioning', exists: true });

    const overview = await api.call('overview.get', {});
    expect(overview.terms).toHaveLength(3);
    expect(overview.questions).toHaveLength(4);
    for (const item of [...overview.terms, ...overview.questions]) expect(item.links.total).toBe(0);
    expect(overview.budgetHistory.map((f) => [f.fyStart, f.amountPence, f.approximate])).toEqual([
      [2012, 2_360_000_000, false], [2019, 5_360_000_000, false], [2022, 7_000_000_000, true], [2022, 9_000_000_000, true],
    ]);
    expect(overview.lcpfSplit.reduce((sum, f) => sum + f.amountPence, 0)).toBe(5_400_000_000);
    // Every figure's source is in the answer, a click away.
    const sourceIds = new Set(overview.sources.map((s) => s.id));
    for (const figure of [...overview.budgetHistory, ...overview.lcpfSplit]) expect(sourceIds.has(figure.sourceId)).toBe(true);
  });

  it('sets the stated 30 per cent beside what the figures give, with the arithmetic', async () => {
    const { checks } = await api.call('overview.get', {});
    const share = checks.find((c) => c.title.includes('30 per cent'));
    expect(share?.outcome).toBe('differs');
    expect(share?.summary).toBe('The source states 30%, but the co-commissioning fund is 18.3% of the whole LCPF 2022-25, or 20.1% of the LCPF without the VRU-earmarked funding.');
    expect(share?.arithmetic).toContain('£9,884,445 ÷ (£39,315,555 + £4,800,000 + £9,884,445 = £54,000,000) = 18.3% of the whole LCPF 2022-25');
    const total = checks.find((c) => c.id === 'lcpf-2022-25-total');
    expect(total?.arithmetic).toEqual(['£39,315,555 + £4,800,000 + £9,884,445 = £54,000,000']);
  });

  it('gives a source with its citation, and not-found for an unknown one', async () => {
    const { budgetHistory } = await api.call('overview.get', {});
    const source = await api.call('sources.get', { id: budgetHistory[0]!.sourceId });
    expect(source.citation).toContain('London Assembly Police and Crime Committee');
    expect(await api.dispatch('sources.get', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('backs up on request and lists backups newest first', async () => {
    const backup = await api.call('store.backupNow', {});
    const list = await api.call('store.backups', {});
    expect(list[0]).toEqual(backup);
    expect((await api.call('app.info', {})).store?.lastBackup).toEqual(backup);
  });

  it('refuses to pass on an answer that breaks the contract', async () => {
    const table = new HandlerTable(context);
    table.register('sources.get', () => ({ id: 'x', title: 'no kind' }) as never);
    const result = await table.dispatch('sources.get', { id: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('malformed answer') } });
  });

  it('turns an unexpected failure into an envelope', async () => {
    const table = new HandlerTable(context);
    table.register('store.counts', () => {
      throw new TypeError('boom');
    });
    expect(await table.dispatch('store.counts', {})).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong: boom' } });
  });
});
