// Imports through the API into a real store, asserting what lands row by row and
// total by total, and that bad files leave the store exactly as it was.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../../main/api.ts';
import { AppContext } from '../../../main/app-context.ts';
import { PROJECT_ROOT } from '../../../main/paths.ts';
import { readSpreadsheetFile, detectTable } from '../../../main/import/read/index.ts';
import { parseMoney } from '../../../shared/money.ts';
import { tempDir } from '../../helpers/temp.ts';

const fixtures = join(PROJECT_ROOT, 'tests', 'fixtures', 'import');
const fixture = (name: string) => join(fixtures, name);
const dir = tempDir();

async function freshApi(name: string) {
  const context = new AppContext({ face: 'test', appDataDir: join(dir, `${name}-app`), backupAtOpen: false });
  await context.create(join(dir, `${name}.sqlite`));
  const api = createApi(context);
  const db = context.requireStore().db;
  const commit = async (input: Parameters<typeof api.call<'imports.commit'>>[1]) => {
    const job = await api.call('imports.commit', input);
    const finished = await context.jobs.settle(job.id);
    if (finished.state !== 'done') throw new Error(`import failed: ${finished.error?.message}`);
    return finished.result as { id: string; newCount: number; updatedCount: number; duplicateCount: number; rejectedCount: number; rowsRead: number };
  };
  return { context, api, db, commit };
}

describe('importing payments from a Windows-1252 CSV', async () => {
  const { api, db, commit } = await freshApi('payments');
  const batch = await commit({ path: fixture('payments-windows-1252.csv'), target: 'payments' });

  it('stores each payment with exact pence, UK dates read right and the £ and curly quotes decoded', () => {
    const rows = db.prepare('SELECT paid_on, supplier_name, amount_pence, description, cost_centre, origin_row FROM payments ORDER BY origin_row').all();
    expect(rows).toEqual([
      { paid_on: '2023-04-03', supplier_name: 'St Giles Trust', amount_pence: 1_250_000, description: 'SOS+ caseworkers – Q1', cost_centre: 'VRU-YP01', origin_row: 2 },
      { paid_on: '2023-04-26', supplier_name: 'Carney’s Community', amount_pence: 575_000, description: 'Boxing and mentoring – ‘MyEnds’ programme', cost_centre: 'VRU-YP05', origin_row: 4 },
      { paid_on: '2023-05-09', supplier_name: 'Redthread', amount_pence: 795_000, description: 'Youth work in A&E, May', cost_centre: 'VRU-YP03', origin_row: 5 },
    ]);
    expect(db.prepare('SELECT sum(amount_pence) FROM payments').pluck().get()).toBe(2_620_000);
  });

  it('records the batch with its counts, and the euro row rejected with its row, column and reason', async () => {
    expect(batch).toMatchObject({ rowsRead: 4, newCount: 3, updatedCount: 0, duplicateCount: 0, rejectedCount: 1 });
    const { rejections } = await api.call('imports.get', { id: batch.id });
    expect(rejections).toHaveLength(1);
    expect(rejections[0]).toMatchObject({ rowNumber: 3, column: 'C', reason: expect.stringMatching(/^Row 3, column C \(Amount\): .*€2,400\.00.*another currency/) });
    expect(rejections[0]!.raw).toMatchObject({ Supplier: 'European Forum for Urban Security', Amount: '€2,400.00' });
  });

  it('links every payment to the batch and creates each supplier once', () => {
    expect(db.prepare('SELECT count(*) FROM payments WHERE origin_batch_id = ?').pluck().get(batch.id)).toBe(3);
    const suppliers = db.prepare('SELECT o.name FROM payments p JOIN organisations o ON o.id = p.organisation_id ORDER BY o.name').pluck().all();
    expect(suppliers).toEqual(['Carney’s Community', 'Redthread', 'St Giles Trust']);
  });

  it('finds the same file again to be all duplicates, and imports nothing twice', async () => {
    const again = await commit({ path: fixture('payments-windows-1252.csv'), target: 'payments' });
    expect(again).toMatchObject({ newCount: 0, duplicateCount: 3, rejectedCount: 1 });
    expect(db.prepare('SELECT count(*) FROM payments').pluck().get()).toBe(3);
  });

  it('undoes the import as a whole, organisations and all, and can redo it', async () => {
    const organisationsBefore = db.prepare('SELECT count(*) FROM organisations').pluck().get() as number;
    const undone = await api.call('imports.undo', { id: batch.id });
    expect(undone.status).toBe('undone');
    expect(db.prepare('SELECT count(*) FROM payments').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM organisations').pluck().get()).toBe(organisationsBefore - 3);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect((await api.dispatch('imports.undo', { id: batch.id })).ok).toBe(false);
  });
});

describe('importing LCPF allocations in the wide layout (one column per financial year)', async () => {
  const { api, db, commit } = await freshApi('lcpf');
  const mapping = (await api.call('imports.preview', { path: fixture('lcpf-allocations.xlsx'), target: 'funding' })).mapping;
  const batch = await commit({ path: fixture('lcpf-allocations.xlsx'), target: 'funding', mapping: { ...mapping, constants: { ...mapping.constants, fund: 'LCPF-DIRECT' } }, saveProfileAs: 'MOPAC LCPF allocations' });

  it('finds the header under the title rows and skips blank, total and note rows', async () => {
    const preview = await api.call('imports.preview', { path: fixture('lcpf-allocations.xlsx'), target: 'funding' });
    expect(preview.headerRowNumber).toBe(5);
    expect(preview.titleRows.map((t) => t.text)).toContain('MOPAC London Crime Prevention Fund: direct borough allocations 2022-25');
    expect(preview.skipped.map((s) => s.rowNumber)).toEqual([12, 15, 16, 17]);
  });

  it('stores one allocated funding line per borough and year, in the LCPF direct fund', () => {
    expect(batch).toMatchObject({ rowsRead: 8, newCount: 24, rejectedCount: 0 });
    const lines = db.prepare(`
      SELECT b.name AS borough, f.fy_start, f.measure, f.amount_pence, fund.code FROM funding_lines f
      JOIN boroughs b ON b.id = f.borough_id JOIN funds fund ON fund.id = f.fund_id ORDER BY b.gss_code, f.fy_start`).all();
    expect(lines).toHaveLength(24);
    expect(lines.slice(0, 3)).toEqual([
      { borough: 'Barking and Dagenham', fy_start: 2022, measure: 'allocated', amount_pence: 40_200_000, code: 'LCPF-DIRECT' },
      { borough: 'Barking and Dagenham', fy_start: 2023, measure: 'allocated', amount_pence: 40_750_000, code: 'LCPF-DIRECT' },
      { borough: 'Barking and Dagenham', fy_start: 2024, measure: 'allocated', amount_pence: 41_300_000, code: 'LCPF-DIRECT' },
    ]);
  });

  it('adds up, borough by borough, to the file\'s own "Total 2022-25" column, which is not itself imported', async () => {
    const sheet = detectTable(await readSpreadsheetFile(fixture('lcpf-allocations.xlsx')));
    const totalColumn = sheet.headers.findIndex((h) => h.name === 'Total 2022-25');
    const stated = new Map(sheet.rows.map((row) => {
      const parsed = parseMoney(row.cells[totalColumn]!.value as number);
      return [row.cells[0]!.text, parsed.ok ? parsed.value : NaN];
    }));
    const stored = db.prepare('SELECT b.name, sum(f.amount_pence) AS total FROM funding_lines f JOIN boroughs b ON b.id = f.borough_id GROUP BY b.name').all() as { name: string; total: number }[];
    expect(stored).toHaveLength(8);
    for (const { name, total } of stored) expect(total, name).toBe(stated.get(name));
  });

  it('applies the saved profile to the same layout as ODS and XLS, and those land identically', async () => {
    const lines = (target: typeof db) => target.prepare(`
      SELECT b.gss_code, f.fy_start, f.amount_pence, fund.code FROM funding_lines f JOIN boroughs b ON b.id = f.borough_id
      JOIN funds fund ON fund.id = f.fund_id ORDER BY 1, 2`).all();
    for (const name of ['lcpf-allocations.ods', 'lcpf-allocations.xls']) {
      const other = await freshApi(name.replace('.', '-'));
      // The profile lives in each store; save it there by importing the XLSX first, then undo that import.
      const first = await other.commit({ path: fixture('lcpf-allocations.xlsx'), target: 'funding', mapping: { ...mapping, constants: { fund: 'LCPF-DIRECT' } }, saveProfileAs: 'MOPAC LCPF allocations' });
      await other.api.call('imports.undo', { id: first.id });
      const preview = await other.api.call('imports.preview', { path: fixture(name) });
      expect(preview.profile, name).toMatchObject({ name: 'MOPAC LCPF allocations', status: 'exact' });
      expect(preview.target).toBe('funding');
      await other.commit({ path: fixture(name) });
      expect(lines(other.db), name).toEqual(lines(db));
      other.context.close();
    }
  });
});

describe('files that are refused leave the store exactly as it was', async () => {
  const { api, db, context } = await freshApi('refusals');
  const snapshot = () => ({
    batches: db.prepare('SELECT count(*) FROM import_batches').pluck().get(),
    changes: db.prepare('SELECT count(*) FROM changes').pluck().get(),
    payments: db.prepare('SELECT count(*) FROM payments').pluck().get(),
    organisations: db.prepare('SELECT count(*) FROM organisations').pluck().get(),
  });

  it.each([
    ['empty.csv', /empty/],
    ['budget-really-pdf.csv', /PDF/],
    ['random-bytes.xlsx', /random-bytes\.xlsx/],
    ['truncated.xlsx', /truncated\.xlsx/],
    ['password-protected.xlsx', /password/i],
    ['briefing-really-docx.xlsx', /Word|DOCX|document/i],
    ['payments-stray-quote.csv', /quote/],
  ])('%s', async (name, pattern) => {
    const before = snapshot();
    const preview = await api.dispatch('imports.preview', { path: fixture(name), target: 'payments' });
    expect(preview.ok).toBe(false);
    if (!preview.ok) {
      expect(preview.error.code).toBe('bad-file');
      expect(preview.error.message).toMatch(pattern);
      expect(preview.error.where).toContain(name);
    }
    const job = await api.call('imports.commit', { path: fixture(name), target: 'payments' });
    const finished = await context.jobs.settle(job.id);
    expect(finished.state).toBe('failed');
    expect(finished.error?.where).toContain(name);
    expect(snapshot()).toEqual(before);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('refuses a file that changed since it was previewed', async () => {
    const before = snapshot();
    const job = await api.call('imports.commit', { path: fixture('payments-utf8.csv'), target: 'payments', expectedSha256: '0'.repeat(64) });
    const finished = await context.jobs.settle(job.id);
    expect(finished.error?.message).toMatch(/changed since it was previewed/);
    expect(snapshot()).toEqual(before);
  });
});

describe('a services register with formulas and a totals row', async () => {
  const { db, commit } = await freshApi('services');
  const batch = await commit({ path: fixture('vru-programmes-formulas.xlsx'), target: 'services' });

  it('imports the five programmes with their providers and start dates, not the totals row', () => {
    expect(batch).toMatchObject({ rowsRead: 5, newCount: 5, rejectedCount: 0 });
    const services = db.prepare('SELECT s.name, o.name AS provider, s.start_date FROM services s JOIN organisations o ON o.id = s.provider_id ORDER BY s.origin_row').all();
    expect(services).toEqual([
      { name: 'Your Choice', provider: 'Power the Fight', start_date: '2023-04-03' },
      { name: 'Stronger Futures', provider: 'St Giles Trust', start_date: '2023-05-02' },
      { name: 'MyEnds', provider: "Carney's Community", start_date: '2023-06-12' },
      { name: 'A&E youth work', provider: 'Redthread', start_date: '2023-04-03' },
      { name: 'Parenting support', provider: 'Family Action', start_date: '2023-09-01' },
    ]);
  });
});
