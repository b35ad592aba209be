// The Budgets API on a real store: the stated figures with their sources, funding
// imported from a real spreadsheet and added by hand, added up by fund and year, by
// category and by borough exact to the penny, and the reconciliation checks with both
// numbers and the arithmetic.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HandlerTable } from '../../main/api.ts';
import { AppContext } from '../../main/app-context.ts';
import { registerCoreHandlers } from '../../main/handlers/core.ts';
import { registerImportHandlers } from '../../main/handlers/imports.ts';
import { registerServicesHandlers } from '../../main/handlers/services.ts';
import { PROJECT_ROOT } from '../../main/paths.ts';
import { seedIds } from '../../main/store/seed.ts';
import type { DomainTable, Row } from '../../main/store/writer.ts';
import { BOROUGHS } from '../../shared/boroughs.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir();
const fixture = (name: string) => join(PROJECT_ROOT, 'tests', 'fixtures', 'import', name);

// tests/fixtures/import/lcpf-allocations.xlsx: LCPF direct allocations in pounds, 2022-23 to 2024-25.
const ALLOCATIONS: [gss: string, y2022: number, y2023: number, y2024: number][] = [
  ['E09000002', 402_000, 407_500, 413_000],
  ['E09000003', 412_000, 418_000, 425_000],
  ['E09000004', 287_000, 291_250, 295_500],
  ['E09000005', 455_500, 461_000, 468_250],
  ['E09000006', 301_000, 305_000, 309_000],
  ['E09000007', 398_000, 401_500, 405_000],
  ['E09000008', 520_000, 527_500, 535_000],
  ['E09000009', 476_250, 482_000, 488_750],
];
const pence = (pounds: number) => pounds * 100;
const yearTotal = (index: 1 | 2 | 3) => ALLOCATIONS.reduce((sum, row) => sum + pence(row[index]), 0);

async function freshStore(name: string) {
  let now = Date.parse('2025-01-10T09:00:00Z');
  const context = new AppContext({ face: 'test', appDataDir: join(dir, `${name}-app`), backupAtOpen: false, clock: () => new Date((now += 1000)) });
  await context.create(join(dir, `${name}.sqlite`));
  const api = new HandlerTable(context);
  registerCoreHandlers(api, context);
  registerImportHandlers(api, context);
  registerServicesHandlers(api, context);
  const store = context.requireStore();
  const one = <T>(sql: string, ...params: unknown[]) => store.db.prepare(sql).pluck().get(...params) as T;
  const fund = (code: string) => one<string>('SELECT id FROM funds WHERE code = ?', code);
  const borough = (gss: string) => one<string>('SELECT id FROM boroughs WHERE gss_code = ?', gss);
  const add = (label: string, rows: [DomainTable, Row][]) => store.writer.change(label, (tx) => rows.map(([table, values]) => tx.insert(table, values)));
  const importLcpf = async () => {
    const { mapping } = await api.call('imports.preview', { path: fixture('lcpf-allocations.xlsx'), target: 'funding' });
    const job = await api.call('imports.commit', { path: fixture('lcpf-allocations.xlsx'), target: 'funding', mapping: { ...mapping, constants: { ...mapping.constants, fund: 'LCPF-DIRECT' } } });
    const finished = await context.jobs.settle(job.id);
    if (finished.state !== 'done') throw new Error(`import failed: ${finished.error?.message}`);
    return finished.result as { id: string };
  };
  return { context, api, store, one, fund, borough, add, importLcpf };
}

describe('budgets of the seeded inquiry, before any funding data', async () => {
  const { api } = await freshStore('seeded');
  const budgets = await api.call('budgets.get', {});
  const tor = seedIds().source('tor');

  it('charts the commissioning budget and the LCPF split from the stated figures, each with its source and where in it', () => {
    expect(budgets.commissioningBudget.map((f) => [f.series, f.fyStart, f.amountPence, f.approximate])).toEqual([
      ['commissioning-budget', 2012, 2_360_000_000, false],
      ['commissioning-budget', 2019, 5_360_000_000, false],
      ['commissioning-budget', 2022, 7_000_000_000, true],
      ['commissioning-budget-with-dasa', 2022, 9_000_000_000, true],
    ]);
    expect(budgets.lcpfSplit.map((f) => [f.label, f.amountPence, f.fundCode])).toEqual([
      ['Direct funding to boroughs', 3_931_555_500, 'LCPF-DIRECT'],
      ['Funding for boroughs earmarked for the VRU', 480_000_000, 'LCPF-VRU'],
      ['Co-commissioning fund', 988_444_500, 'LCPF-COCOM'],
    ]);
    for (const figure of [...budgets.commissioningBudget, ...budgets.lcpfSplit]) {
      expect(figure.sourceId).toBe(tor);
      expect(figure.sourceLocator).toMatch(/Key issues/);
    }
    expect(budgets.sources.map((source) => source.id)).toEqual([tor]);
    expect(budgets.sources[0]!.citation).toContain('London Assembly Police and Crime Committee');
  });

  it('sets the stated 30 per cent beside the 18.3% and 20.1% the figures give, with the arithmetic', () => {
    const share = budgets.checks.find((check) => check.title.includes('30 per cent'))!;
    expect(share.outcome).toBe('differs');
    expect(share.lines.map((line) => line.text)).toEqual(['30%', '18.3%', '20.1%']);
    expect(share.arithmetic).toEqual([
      '£9,884,445 ÷ (£39,315,555 + £4,800,000 + £9,884,445 = £54,000,000) = 18.3% of the whole LCPF 2022-25',
      '£9,884,445 ÷ (£39,315,555 + £9,884,445 = £49,200,000) = 20.1% of the LCPF without the VRU-earmarked funding',
      'Stated 30%; the nearest reading gives 20.1%, 9.9 percentage points apart.',
    ]);
    expect(share.sourceIds).toEqual([tor]);
    const total = budgets.checks.find((check) => check.id === 'lcpf-2022-25-total')!;
    expect(total.arithmetic).toEqual(['£39,315,555 + £4,800,000 + £9,884,445 = £54,000,000']);
    expect(total.lines.at(-1)).toEqual({ label: 'Total', amountPence: 5_400_000_000, text: '£54,000,000' });
  });

  it('has every borough in the tile map, keyed by GSS code, at zero; no funding, no latest year, no batches', () => {
    expect(budgets.byBorough.map((b) => b.gss)).toEqual(BOROUGHS.map((b) => b.gss));
    expect(budgets.byBorough[0]).toEqual({
      gss: 'E09000001', name: 'City of London', short: BOROUGHS[0]!.short, tile: BOROUGHS[0]!.tile,
      allocatedPence: 0, spentPence: 0, latestAllocatedPence: 0, latestSpentPence: 0, byPeriod: [], lineCount: 0, serviceCount: 0,
      origins: { batchIds: [], sourceIds: [], unsourcedLines: 0 },
    });
    expect(budgets.totals).toEqual({ allocatedPence: 0, spentPence: 0, lineCount: 0, serviceCount: 0 });
    expect(budgets.latestYear).toBeNull();
    expect(budgets.byFund.cells).toEqual([]);
    expect(budgets.byFund.funds.map((f) => [f.code, f.parentCode])).toContainEqual(['LCPF-COCOM', 'LCPF']);
    expect(budgets.byCategory).toEqual([]);
    expect(budgets.batches).toEqual([]);
    // Only the stated share and the series total: no funding data to check against yet.
    expect(budgets.checks.map((check) => check.id)).toEqual([expect.any(String), 'lcpf-2022-25-total']);
  });
});

describe('budgets with LCPF allocations imported from a spreadsheet', async () => {
  const s = await freshStore('imported');
  const warm = await s.api.call('budgets.get', {}); // answered before the import, from another connection
  const batch = await s.importLcpf();
  const budgets = await s.api.call('budgets.get', {});

  it('adds up the imported allocations by fund and financial year, exact to the penny, naming the file they came from', () => {
    expect(warm.totals.lineCount).toBe(0);
    expect(budgets.latestYear).toEqual({ fyStart: 2024, fyEnd: 2024, label: '2024-25' });
    expect(budgets.byFund.periods.map((p) => p.label)).toEqual(['2022-23', '2023-24', '2024-25']);
    expect(budgets.byFund.cells.map((c) => [c.fundCode, c.label, c.allocatedPence, c.spentPence, c.lineCount])).toEqual([
      ['LCPF-DIRECT', '2022-23', yearTotal(1), 0, 8],
      ['LCPF-DIRECT', '2023-24', yearTotal(2), 0, 8],
      ['LCPF-DIRECT', '2024-25', yearTotal(3), 0, 8],
    ]);
    expect(yearTotal(1)).toBe(325_175_000); // £3,251,750
    for (const cell of budgets.byFund.cells) expect(cell.origins).toEqual({ batchIds: [batch.id], sourceIds: [], unsourcedLines: 0 });
    expect(budgets.batches).toEqual([{ id: batch.id, fileName: 'lcpf-allocations.xlsx', committedAt: expect.any(String) }]);
    expect(budgets.totals).toEqual({ allocatedPence: 988_500_000, spentPence: 0, lineCount: 24, serviceCount: 0 });
  });

  it('gives each borough its total for all years and for the latest, keyed by GSS code', () => {
    const byGss = new Map(budgets.byBorough.map((b) => [b.gss, b]));
    for (const [gss, y2022, y2023, y2024] of ALLOCATIONS) {
      expect(byGss.get(gss), gss).toMatchObject({
        allocatedPence: pence(y2022 + y2023 + y2024), latestAllocatedPence: pence(y2024), spentPence: 0, lineCount: 3,
        byPeriod: [
          { fyStart: 2022, fyEnd: 2022, label: '2022-23', allocatedPence: pence(y2022), spentPence: 0 },
          { fyStart: 2023, fyEnd: 2023, label: '2023-24', allocatedPence: pence(y2023), spentPence: 0 },
          { fyStart: 2024, fyEnd: 2024, label: '2024-25', allocatedPence: pence(y2024), spentPence: 0 },
        ],
        origins: { batchIds: [batch.id], sourceIds: [], unsourcedLines: 0 },
      });
    }
    expect(byGss.get('E09000001')!.allocatedPence).toBe(0);
    expect(budgets.notByBorough).toMatchObject({ allocatedPence: 0, lineCount: 0 });
    expect(budgets.byCategory).toEqual([expect.objectContaining({ kind: 'no-service', label: 'Funding not tied to a service', allocatedPence: 988_500_000, latestAllocatedPence: yearTotal(3) })]);
  });

  it('sets the stated £39,315,555 for LCPF direct funding beside what the imported lines add up to, with the arithmetic', () => {
    const check = budgets.checks.find((c) => c.id === `fund-figure:${seedIds().figure('lcpf-direct')}`)!;
    expect(check.outcome).toBe('differs');
    expect(check.summary).toBe('The source states £39,315,555 for direct funding to boroughs (2022-23 to 2024-25), but the 24 allocated funding lines add up to £9,885,000, £29,430,555 less.');
    expect(check.arithmetic).toEqual([
      '£3,251,750 + £3,293,750 + £3,339,500 = £9,885,000',
      '£9,885,000 − £39,315,555 = -£29,430,555',
      '£9,885,000 ÷ £39,315,555 = 25.1% of the stated figure',
    ]);
    expect(check.lines.map((line) => [line.label, line.text])).toEqual([
      ['LCPF-DIRECT 2022-23 (8 lines)', '£3,251,750'],
      ['LCPF-DIRECT 2023-24 (8 lines)', '£3,293,750'],
      ['LCPF-DIRECT 2024-25 (8 lines)', '£3,339,500'],
      ['Funding lines, added up', '£9,885,000'],
      ['Stated: Direct funding to boroughs', '£39,315,555'],
      ['Difference', '-£29,430,555'],
      ['Funding lines imported from', 'lcpf-allocations.xlsx'],
    ]);
    expect(check.sourceIds).toEqual([seedIds().source('tor')]);
    expect(check.sourceLocator).toBe('Key issues, LCPF allocations (April 2022 to March 2025)');
  });

  it('forgets the imported money when the import is undone', async () => {
    await s.api.call('imports.undo', { id: batch.id });
    const after = await s.api.call('budgets.get', {});
    expect(after.totals).toEqual(warm.totals);
    expect(after.byFund.cells).toEqual([]);
    expect(after.checks.map((c) => c.id)).toEqual(warm.checks.map((c) => c.id));
  });
});

describe('budgets with services and funding added by hand', async () => {
  const s = await freshStore('by-hand');
  const [vru, cocom, lcpf, direct] = ['LCPF-VRU', 'LCPF-COCOM', 'LCPF', 'LCPF-DIRECT'].map(s.fund);
  const tor = seedIds().source('tor');
  const investigation = seedIds().investigation;
  const [victims, victimsAgain, youth, uncategorised] = s.add('Services', [
    ['services', { name: 'Victim and witness service', category: 'Victim support' }],
    ['services', { name: 'Hate crime advocacy', category: '  victim support ' }],
    ['services', { name: 'Youth work in A&E', category: 'Violence reduction' }],
    ['services', { name: 'Pilot with no category' }],
  ]) as string[];
  const line = (service: string | null, fund: string | null, fy: number, measure: string, amount: number, borough?: string): [DomainTable, Row] =>
    ['funding_lines', { service_id: service, fund_id: fund, fy_start: fy, fy_end: fy, measure, amount_pence: amount, borough_id: borough ? s.borough(borough) : null }];
  s.add('Funding', [
    line(victims!, cocom!, 2023, 'allocated', 1_000_000_00, 'E09000001'),
    line(victims!, cocom!, 2023, 'spent', 987_654_32, 'E09000001'),
    line(victimsAgain!, cocom!, 2024, 'allocated', 500_000_01),
    line(youth!, vru!, 2022, 'allocated', 1_600_000_00, 'E09000033'),
    line(youth!, vru!, 2023, 'allocated', 1_600_000_00, 'E09000033'),
    line(youth!, vru!, 2024, 'allocated', 1_600_000_00, 'E09000033'),
    line(uncategorised!, null, 2024, 'spent', 12_34),
    // The fund itself and its parts in the same year: a stated total and its parts in the data.
    line(null, lcpf!, 2024, 'allocated', 20_000_000_00),
    line(null, direct!, 2024, 'allocated', 13_000_000_00),
    line(null, cocom!, 2024, 'allocated', 3_300_000_00),
    ['service_boroughs', { service_id: victims!, borough_id: s.borough('E09000001') }],
    ['service_boroughs', { service_id: youth!, borough_id: s.borough('E09000033') }],
    ['service_boroughs', { service_id: youth!, borough_id: s.borough('E09000001') }],
  ]);

  it('adds funding up by category, spellings of one category together, with the latest year', async () => {
    const { byCategory } = await s.api.call('budgets.get', {});
    expect(byCategory.map((c) => [c.kind, c.label, c.serviceCount, c.allocatedPence, c.spentPence, c.latestAllocatedPence, c.latestSpentPence, c.lineCount])).toEqual([
      ['no-service', 'Funding not tied to a service', 0, 36_300_000_00, 0, 36_300_000_00, 0, 3],
      ['category', 'Violence reduction', 1, 4_800_000_00, 0, 1_600_000_00, 0, 3],
      ['category', 'Victim support', 2, 1_500_000_01, 987_654_32, 500_000_01, 0, 3],
      ['uncategorised', 'Services without a category', 1, 0, 12_34, 0, 12_34, 1],
    ]);
    for (const category of byCategory) expect(category.origins.batchIds).toEqual([]);
    expect(byCategory[1]!.origins.unsourcedLines).toBe(3);
  });

  it('adds funding up by borough, and keeps lines with no borough apart', async () => {
    const budgets = await s.api.call('budgets.get', {});
    const byGss = new Map(budgets.byBorough.map((b) => [b.gss, b]));
    expect(byGss.get('E09000001')).toMatchObject({ allocatedPence: 1_000_000_00, spentPence: 987_654_32, latestAllocatedPence: 0, serviceCount: 2, lineCount: 2 });
    expect(byGss.get('E09000033')).toMatchObject({ allocatedPence: 4_800_000_00, latestAllocatedPence: 1_600_000_00, serviceCount: 1, lineCount: 3 });
    expect(budgets.notByBorough).toMatchObject({ allocatedPence: 500_000_01 + 36_300_000_00, spentPence: 12_34, lineCount: 5 });
    const sum = budgets.byBorough.reduce((total, b) => total + b.allocatedPence, 0) + budgets.notByBorough.allocatedPence;
    expect(sum).toBe(budgets.totals.allocatedPence);
  });

  it('says where the fund\'s own lines and those of its parts disagree, with the arithmetic', async () => {
    const { checks } = await s.api.call('budgets.get', {});
    const check = checks.find((c) => c.id === 'data-parts:LCPF:2024-25')!;
    expect(check.outcome).toBe('differs');
    expect(check.summary).toBe('The funding data records £20,000,000 for London Crime Prevention Fund itself in 2024-25, but its parts add up to £18,400,000.01.');
    expect(check.lines.map((l) => [l.label, l.text])).toEqual([
      ['LCPF-COCOM (2 lines)', '£3,800,000.01'],
      ['LCPF-DIRECT (1 line)', '£13,000,000'],
      ['LCPF-VRU (1 line)', '£1,600,000'],
      ['Parts, added up', '£18,400,000.01'],
      ['LCPF itself', '£20,000,000'],
      ['Difference', '-£1,599,999.99'],
    ]);
    expect(check.arithmetic).toEqual([
      '£3,800,000.01 + £13,000,000 + £1,600,000 = £18,400,000.01',
      '£18,400,000.01 − £20,000,000 = -£1,599,999.99',
      '£18,400,000.01 ÷ £20,000,000 = 92.0% of the stated total',
    ]);
  });

  it('checks a fund\'s stated figure against its lines: the VRU-earmarked £4,800,000 agrees', async () => {
    const { checks } = await s.api.call('budgets.get', {});
    const check = checks.find((c) => c.id === `fund-figure:${seedIds().figure('lcpf-vru')}`)!;
    expect(check.outcome).toBe('agrees');
    expect(check.summary).toBe('The 3 allocated funding lines for LCPF funding for boroughs earmarked for the VRU in 2022-23 to 2024-25 add up to the stated £4,800,000.');
    expect(check.arithmetic).toEqual(['£1,600,000 + £1,600,000 + £1,600,000 = £4,800,000', '£4,800,000 − £4,800,000 = £0']);
    expect(check.lines.at(-1)).toEqual({ label: 'Funding lines added by hand', amountPence: null, text: '3' });
  });

  it('checks a stated total for a fund against its stated parts, once someone records one', async () => {
    const addFigure = (amount: number) => s.add('Stated LCPF total', [['figures', {
      investigation_id: investigation, series: 'lcpf-2022-25-stated-total', label: 'LCPF 2022-25, stated total', amount_pence: amount,
      fy_start: 2022, fy_end: 2024, fund_id: lcpf!, source_id: tor, source_locator: 'Key issues (hypothetical total)',
    }]]);
    addFigure(5_400_000_000);
    let check = (await s.api.call('budgets.get', {})).checks.find((c) => c.id.startsWith('stated-parts:'))!;
    expect(check).toMatchObject({ outcome: 'agrees', summary: 'The 3 stated parts add up to the stated total of £54,000,000.' });
    expect(check.arithmetic).toEqual(['£39,315,555 + £4,800,000 + £9,884,445 = £54,000,000', '£54,000,000 − £54,000,000 = £0']);
    await s.api.call('history.undo', {});
    addFigure(5_500_000_000);
    check = (await s.api.call('budgets.get', {})).checks.find((c) => c.id.startsWith('stated-parts:'))!;
    expect(check.outcome).toBe('differs');
    expect(check.summary).toBe('The stated total is £55,000,000, but its 3 stated parts add up to £54,000,000, £1,000,000 less.');
    expect(check.lines.at(-1)).toEqual({ label: 'Difference', amountPence: -100_000_000, text: '-£1,000,000' });
    expect(check.arithmetic[2]).toBe('£54,000,000 ÷ £55,000,000 = 98.2% of the stated total');
  });
});
