// The Services API on a real store: the table's rows and a service's detail, exact to
// the penny; edits through the writer that undo and redo exactly; invalid edits refused
// with the field named and nothing changed.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HandlerTable } from '../../main/api.ts';
import { AppContext } from '../../main/app-context.ts';
import { registerCoreHandlers } from '../../main/handlers/core.ts';
import { registerImportHandlers } from '../../main/handlers/imports.ts';
import { registerServicesHandlers } from '../../main/handlers/services.ts';
import { PROJECT_ROOT } from '../../main/paths.ts';
import type { DomainTable, Row } from '../../main/store/writer.ts';
import type { ApiError } from '../../shared/envelope.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir();
const fixture = (name: string) => join(PROJECT_ROOT, 'tests', 'fixtures', 'import', name);

/**
 * A seeded store and the handlers of the areas these tests use (the other areas are
 * built alongside; tests/integration/api.test.ts checks the whole table).
 */
async function freshStore(name: string) {
  let now = Date.parse('2024-06-15T09:00:00Z');
  const context = new AppContext({ face: 'test', appDataDir: join(dir, `${name}-app`), backupAtOpen: false, clock: () => new Date((now += 1000)) });
  await context.create(join(dir, `${name}.sqlite`));
  const api = new HandlerTable(context);
  registerCoreHandlers(api, context);
  registerImportHandlers(api, context);
  registerServicesHandlers(api, context);
  const store = context.requireStore();
  const db = store.db;
  const one = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as T;
  const fund = (code: string) => one<string>('SELECT id FROM funds WHERE code = ?', code);
  const organisation = (name: string) => one<string>('SELECT id FROM organisations WHERE name = ?', name);
  const borough = (gss: string) => one<string>('SELECT id FROM boroughs WHERE gss_code = ?', gss);
  const add = (label: string, rows: [DomainTable, Row][]) => store.writer.change(label, (tx) => rows.map(([table, values]) => tx.insert(table, values)));
  const refusal = async (method: string, input: unknown): Promise<ApiError> => {
    const result = await api.dispatch(method, input);
    if (result.ok) throw new Error(`${method} accepted ${JSON.stringify(input)}`);
    return result.error;
  };
  const snapshot = () => ({
    changeSetsInForce: one<number>('SELECT count(*) FROM change_sets WHERE undone_at IS NULL'),
    changeSets: one<number>('SELECT count(*) FROM change_sets'),
    services: db.prepare('SELECT * FROM services ORDER BY id').all(),
    boroughs: db.prepare('SELECT * FROM service_boroughs ORDER BY id').all(),
    organisations: one<number>('SELECT count(*) FROM organisations'),
  });
  return { context, api, store, db, one, fund, organisation, borough, add, refusal, snapshot };
}

describe('services: add, read, edit, delete, undo and redo', async () => {
  const s = await freshStore('services');
  const mopac = s.organisation("Mayor's Office for Policing and Crime");

  it('lists organisations for pickers, by name, with their kind', async () => {
    const organisations = await s.api.call('organisations.list', {});
    expect(organisations).toHaveLength(37); // 33 councils and the 4 seeded bodies
    expect(organisations.find((o) => o.id === mopac)).toEqual({ id: mopac, name: "Mayor's Office for Policing and Crime", kind: 'commissioner', boroughGss: null });
    expect(organisations.find((o) => o.name === 'London Borough of Camden')).toMatchObject({ kind: 'borough', boroughGss: 'E09000007' });
    const names = organisations.map((o) => o.name.toLowerCase());
    expect(names).toEqual([...names].sort());
  });

  it('starts empty, with no latest year', async () => {
    const list = await s.api.call('services.list', {});
    expect(list).toMatchObject({ latestYear: null, today: '2024-06-15', rows: [] });
    expect(list.funds.map((fund) => [fund.code, fund.parentCode])).toEqual([
      ['DASA', null], ['LCPF', null], ['LCPF-COCOM', 'LCPF'], ['LCPF-DIRECT', 'LCPF'], ['LCPF-VRU', 'LCPF'], ['LONDON-WIDE', null],
    ]);
  });

  let serviceId = '';
  it('adds a service with a new provider in one step, and undo takes both away', async () => {
    const before = s.snapshot();
    const row = await s.api.call('services.create', {
      fields: {
        name: '  Rescue and Response  ', reference: 'VRU-017', provider: { newName: 'St Giles Trust' }, commissioner: { id: mopac },
        category: 'Exploitation', startDate: '2023-04-01', endDate: '2026-03-31', boroughs: ['e09000007', 'E09000002', 'E09000007'],
        aims: 'Support for young people exploited through county lines.',
      },
    });
    serviceId = row.id;
    expect(row).toMatchObject({
      name: 'Rescue and Response', reference: 'VRU-017', provider: { name: 'St Giles Trust' }, commissioner: { id: mopac, name: "Mayor's Office for Policing and Crime" },
      category: 'Exploitation', boroughs: ['Barking and Dagenham', 'Camden'], boroughGss: ['E09000002', 'E09000007'], londonWide: false,
      startDate: '2023-04-01', endDate: '2026-03-31', status: 'running', hasAims: true, hasOutcomes: false, evaluated: false,
      allocatedPence: 0, spentPence: 0, funds: [], paymentCount: 0, evidenceCount: 0,
    });
    const provider = (await s.api.call('organisations.list', {})).find((o) => o.name === 'St Giles Trust');
    expect(provider).toMatchObject({ id: row.provider!.id, kind: 'provider' });

    expect(await s.api.call('history.undo', {})).toMatchObject({ label: 'Add service "Rescue and Response"' });
    expect(s.snapshot()).toEqual({ ...before, changeSets: before.changeSets + 1 }); // the undone step, kept for redo
    expect((await s.api.dispatch('services.get', { id: serviceId })).ok).toBe(false);

    expect(await s.api.call('history.redo', {})).toMatchObject({ label: 'Add service "Rescue and Response"' });
    expect((await s.api.call('services.list', {})).rows).toEqual([row]);
  });

  it('uses an organisation already known by that name instead of making a second one', async () => {
    const count = s.one<number>('SELECT count(*) FROM organisations');
    const row = await s.api.call('services.create', { fields: { name: 'Second St Giles service', provider: { newName: 'ST GILES TRUST.' } } });
    expect(row.provider?.name).toBe('St Giles Trust');
    expect(s.one<number>('SELECT count(*) FROM organisations')).toBe(count);
    await s.api.call('history.undo', {});
  });

  it('edits fields as one step each, and undo and redo restore the detail exactly', async () => {
    const original = await s.api.call('services.get', { id: serviceId });
    const edited = await s.api.call('services.update', { id: serviceId, patch: { category: 'Violence reduction', boroughs: ['E09000008'], endDate: '2025-03-31' } });
    expect(edited).toMatchObject({ category: 'Violence reduction', boroughGss: ['E09000008'], boroughs: ['Croydon'], endDate: '2025-03-31' });
    const editedDetail = await s.api.call('services.get', { id: serviceId });

    const londonWide = await s.api.call('services.update', { id: serviceId, patch: { londonWide: true } });
    expect(londonWide).toMatchObject({ londonWide: true, boroughs: [], boroughGss: [] });

    expect(await s.api.call('history.undo', {})).toMatchObject({ label: 'Edit service "Rescue and Response": London-wide' });
    expect(await s.api.call('services.get', { id: serviceId })).toEqual(editedDetail);
    expect(await s.api.call('history.undo', {})).toMatchObject({ label: 'Edit service "Rescue and Response": category, end date, boroughs' });
    expect(await s.api.call('services.get', { id: serviceId })).toEqual(original);
    await s.api.call('history.redo', {});
    expect(await s.api.call('services.get', { id: serviceId })).toEqual(editedDetail);
    await s.api.call('history.undo', {});
  });

  it('records nothing when an edit changes nothing', async () => {
    const before = s.snapshot();
    const row = await s.api.call('services.update', { id: serviceId, patch: { category: 'Exploitation', name: 'Rescue and Response' } });
    expect(row.category).toBe('Exploitation');
    expect(s.snapshot()).toEqual(before);
  });

  it.each([
    ['an empty name', { name: '   ' }, /patch\.name: a service needs a name/],
    ['a date that does not exist', { startDate: '2023-02-30' }, /patch\.startDate: expected a real date/],
    ['a date in UK order', { startDate: '01/04/2023' }, /patch\.startDate: expected a real date written YYYY-MM-DD/],
    ['an end before the start, both given', { startDate: '2024-04-01', endDate: '2024-03-31' }, /patch\.endDate: the end date 2024-03-31 is before the start date 2024-04-01/],
    ['a code that is not a London borough', { boroughs: ['E09000034'] }, /patch\.boroughs\.0: not a London borough code/],
    ['London-wide with boroughs', { londonWide: true, boroughs: ['E09000001'] }, /patch\.boroughs: a London-wide service lists no boroughs/],
    ['a field that does not exist', { colour: 'red' }, /patch: Unrecognized key: "colour"/],
  ])('refuses %s, naming the field, and changes nothing', async (_label, patch, message) => {
    const before = s.snapshot();
    const error = await s.refusal('services.update', { id: serviceId, patch });
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(message);
    expect(s.snapshot()).toEqual(before);
  });

  it('refuses an end date before the start date already recorded, in UK dates', async () => {
    const before = s.snapshot();
    const error = await s.refusal('services.update', { id: serviceId, patch: { endDate: '2023-03-31' } });
    expect(error).toMatchObject({
      code: 'invalid-input', where: 'endDate',
      message: 'The end date 31/03/2023 is before the start date 01/04/2023: a service cannot end before it starts.',
    });
    const later = await s.refusal('services.update', { id: serviceId, patch: { startDate: '2026-04-01' } });
    expect(later).toMatchObject({ where: 'startDate', message: expect.stringContaining('The start date 01/04/2026 is after the end date 31/03/2026') });
    expect(s.snapshot()).toEqual(before);
  });

  it('refuses a provider that is not in the store, and an unknown service', async () => {
    const before = s.snapshot();
    expect(await s.refusal('services.update', { id: serviceId, patch: { provider: { id: 'no-such-organisation' } } }))
      .toMatchObject({ code: 'invalid-input', where: 'provider', message: expect.stringContaining('The provider is not an organisation in this store') });
    expect(await s.refusal('services.update', { id: 'no-such-service', patch: { name: 'x' } })).toMatchObject({ code: 'not-found' });
    expect(await s.refusal('services.get', { id: 'no-such-service' })).toMatchObject({ code: 'not-found' });
    expect(await s.refusal('services.create', { fields: { category: 'No name' } }))
      .toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/fields\.name/) });
    expect(s.snapshot()).toEqual(before);
  });

  describe('with funding, payments, evaluations and evidence', () => {
    const lcpfCocom = s.fund('LCPF-COCOM');
    const londonWide = s.fund('LONDON-WIDE');
    const source = s.one<string>("SELECT id FROM sources WHERE title LIKE 'MOPAC quarterly%'");
    let provider = '';
    const line = (fy: number, fund: string | null, measure: string, amount: number, extra: Row = {}): [DomainTable, Row] =>
      ['funding_lines', { service_id: serviceId, fund_id: fund, fy_start: fy, fy_end: fy, measure, amount_pence: amount, borough_id: s.borough('E09000007'), ...extra }];
    const payment = (paidOn: string, amount: number, extra: Row): [DomainTable, Row] =>
      ['payments', { paid_on: paidOn, supplier_name: 'St Giles Trust', amount_pence: amount, ...extra }];

    beforeAll(() => {
      provider = s.organisation('St Giles Trust');
      const other = s.store.writer.change('Add another provider', (tx) => tx.insert('organisations', { name: 'Redthread', kind: 'provider' }));
      s.add('Funding and payments', [
        line(2023, lcpfCocom, 'allocated', 12_500_000_00),
        line(2023, lcpfCocom, 'spent', 11_987_654_32),
        line(2023, londonWide, 'allocated', 250_000_01),
        line(2024, lcpfCocom, 'allocated', 12_750_000_00),
        line(2024, lcpfCocom, 'allocated', 99, { origin_source_id: source, note: 'Late top-up' }),
        line(2024, null, 'spent', 4_321_00),
        payment('2024-01-15', 3_000_000_00, { organisation_id: provider, description: 'Q3 grant' }),
        payment('2024-04-15', 2_999_999_99, { organisation_id: provider, service_id: serviceId, description: 'Q1 grant' }),
        payment('2023-10-15', 1_50, { organisation_id: null, service_id: serviceId, supplier_name: 'St Giles Trust (unmatched)', description: 'Mileage' }),
        payment('2024-05-01', 7_000_00, { organisation_id: other, supplier_name: 'Redthread', description: 'Not this provider' }),
        ['evaluations', { service_id: serviceId, title: 'Interim evaluation', evaluator: 'Crest Advisory', published_on: '2024-02-01', finding: 'Fewer repeat referrals', source_id: source }],
        ['evidence_links', { service_id: serviceId, key_question_id: s.one<string>('SELECT id FROM key_questions WHERE number = 4'), stance: 'challenges', comment: 'One-year grants only' }],
        ['evidence_links', { service_id: serviceId, tor_item_id: s.one<string>('SELECT id FROM tor_items WHERE number = 1'), stance: 'context', comment: null }],
      ]);
    });

    it('shows the row with its totals exact to the penny, all years and the latest', async () => {
      const list = await s.api.call('services.list', {});
      expect(list.latestYear).toEqual({ fyStart: 2024, fyEnd: 2024, label: '2024-25' });
      expect(list.rows[0]).toMatchObject({
        allocatedPence: 12_500_000_00 + 250_000_01 + 12_750_000_00 + 99,
        spentPence: 11_987_654_32 + 4_321_00,
        latestAllocatedPence: 12_750_000_99,
        latestSpentPence: 4_321_00,
        funds: ['LCPF-COCOM', 'LONDON-WIDE'],
        byFund: [
          { fundCode: 'LCPF-COCOM', allocatedPence: 25_250_000_99, spentPence: 11_987_654_32 },
          { fundCode: 'LONDON-WIDE', allocatedPence: 250_000_01, spentPence: 0 },
          { fundCode: null, allocatedPence: 0, spentPence: 4_321_00 },
        ],
        fundingLineCount: 6,
        // Two paid to its provider (one also recorded against it) and one recorded against it alone.
        paymentCount: 3,
        paymentsPence: 3_000_000_00 + 2_999_999_99 + 1_50,
        evaluationCount: 1,
        evaluated: true,
        evidenceCount: 2,
      });
    });

    it('gives the funding table by year and fund, with totals and where the lines came from', async () => {
      const detail = await s.api.call('services.get', { id: serviceId });
      expect(detail.funding.rows).toEqual([
        { fyStart: 2023, fyEnd: 2023, label: '2023-24', fundId: lcpfCocom, fundCode: 'LCPF-COCOM', fundName: 'LCPF co-commissioning fund', allocatedPence: 12_500_000_00, spentPence: 11_987_654_32, lineCount: 2 },
        { fyStart: 2023, fyEnd: 2023, label: '2023-24', fundId: londonWide, fundCode: 'LONDON-WIDE', fundName: 'London-wide commissioning', allocatedPence: 250_000_01, spentPence: 0, lineCount: 1 },
        { fyStart: 2024, fyEnd: 2024, label: '2024-25', fundId: lcpfCocom, fundCode: 'LCPF-COCOM', fundName: 'LCPF co-commissioning fund', allocatedPence: 12_750_000_99, spentPence: 0, lineCount: 2 },
        { fyStart: 2024, fyEnd: 2024, label: '2024-25', fundId: null, fundCode: null, fundName: null, allocatedPence: 0, spentPence: 4_321_00, lineCount: 1 },
      ]);
      expect(detail.funding.byPeriod).toEqual([
        { fyStart: 2023, fyEnd: 2023, label: '2023-24', allocatedPence: 12_750_000_01, spentPence: 11_987_654_32 },
        { fyStart: 2024, fyEnd: 2024, label: '2024-25', allocatedPence: 12_750_000_99, spentPence: 4_321_00 },
      ]);
      expect(detail.funding.total).toEqual({ allocatedPence: 25_500_001_00, spentPence: 11_991_975_32 });
      expect(detail.funding.origins).toEqual({ batchIds: [], sourceIds: [source], unsourcedLines: 5 });
      expect(detail.boroughsServed).toEqual([{ gss: 'E09000002', name: 'Barking and Dagenham', short: expect.any(String) }, { gss: 'E09000007', name: 'Camden', short: expect.any(String) }]);
      expect(detail.aims).toBe('Support for young people exploited through county lines.');
      expect(detail.provider).toEqual({ id: provider, name: 'St Giles Trust', kind: 'provider' });
    });

    it('lists the payments matched to the service or its provider, newest first, with their count and total', async () => {
      const { payments } = await s.api.call('services.get', { id: serviceId });
      expect(payments).toMatchObject({ count: 3, totalPence: 6_000_001_49, forServiceCount: 2 });
      expect(payments.recent.map((p) => [p.paidOn, p.amountPence, p.description, p.matchedBy])).toEqual([
        ['2024-04-15', 2_999_999_99, 'Q1 grant', 'service'],
        ['2024-01-15', 3_000_000_00, 'Q3 grant', 'provider'],
        ['2023-10-15', 1_50, 'Mileage', 'service'],
      ]);
    });

    it('shows the evaluations and the evidence linked to it, with the question or term it answers', async () => {
      const detail = await s.api.call('services.get', { id: serviceId });
      expect(detail.evaluations).toEqual([{
        id: expect.any(String), title: 'Interim evaluation', evaluator: 'Crest Advisory', publishedOn: '2024-02-01', finding: 'Fewer repeat referrals',
        source: { id: source, title: 'MOPAC quarterly performance updates on commissioned services' },
      }]);
      expect(detail.evidence.map((e) => [e.linkedTo.kind, e.linkedTo.number, e.stance, e.comment])).toEqual([
        ['term', 1, 'context', null],
        ['question', 4, 'challenges', 'One-year grants only'],
      ]);
      expect(detail.evidence[1]!.linkedTo.text).toMatch(/long-term funding/);
    });

    it('deletes the service with what belongs to it in one step; undo brings all of it back, redo removes it again', async () => {
      const detail = await s.api.call('services.get', { id: serviceId });
      const counts = () => s.db.prepare(`SELECT
        (SELECT count(*) FROM funding_lines) AS lines, (SELECT count(*) FROM evaluations) AS evaluations,
        (SELECT count(*) FROM evidence_links) AS links, (SELECT count(*) FROM payments) AS payments,
        (SELECT count(*) FROM payments WHERE service_id IS NOT NULL) AS linked`).get();
      const before = counts();
      const deleted = await s.api.call('services.delete', { id: serviceId });
      expect(deleted).toEqual({
        id: serviceId, name: 'Rescue and Response',
        removed: { fundingLines: 6, evaluations: 1, evidenceLinks: 2, boroughLinks: 2 }, paymentsUnlinked: 2,
      });
      expect(counts()).toEqual({ lines: 0, evaluations: 0, links: 0, payments: 4, linked: 0 });
      expect((await s.api.call('services.list', {})).rows).toEqual([]);

      expect(await s.api.call('history.undo', {})).toMatchObject({ label: 'Delete service "Rescue and Response"' });
      expect(counts()).toEqual(before);
      expect(await s.api.call('services.get', { id: serviceId })).toEqual(detail);

      await s.api.call('history.redo', {});
      expect(await s.refusal('services.get', { id: serviceId })).toMatchObject({ code: 'not-found' });
      await s.api.call('history.undo', {});
      expect(await s.api.call('services.get', { id: serviceId })).toEqual(detail);
      expect(s.db.pragma('foreign_key_check')).toEqual([]);
    });
  });
});

describe('services imported from a spreadsheet', async () => {
  const s = await freshStore('imported');
  const job = await s.api.call('imports.commit', { path: fixture('vru-programmes-formulas.xlsx'), target: 'services' });
  const finished = await s.context.jobs.settle(job.id);

  it('appear in the table with their providers, and each names the file and row it came from', async () => {
    expect(finished.state).toBe('done');
    const { rows } = await s.api.call('services.list', {});
    expect(rows.map((row) => [row.name, row.provider?.name, row.startDate])).toEqual([
      ['A&E youth work', 'Redthread', '2023-04-03'],
      ['MyEnds', "Carney's Community", '2023-06-12'],
      ['Parenting support', 'Family Action', '2023-09-01'],
      ['Stronger Futures', 'St Giles Trust', '2023-05-02'],
      ['Your Choice', 'Power the Fight', '2023-04-03'],
    ]);
    const detail = await s.api.call('services.get', { id: rows.find((row) => row.name === 'Your Choice')!.id });
    expect(detail.origin).toMatchObject({ batch: { fileName: 'vru-programmes-formulas.xlsx' }, row: expect.any(Number) });
  });

  it('can be edited like any other, and the edit undone', async () => {
    const { rows } = await s.api.call('services.list', {});
    const id = rows[0]!.id;
    await s.api.call('services.update', { id, patch: { name: 'A&E youth work (Redthread)' } });
    expect((await s.api.call('services.list', {})).rows.map((row) => row.name)).toContain('A&E youth work (Redthread)');
    await s.api.call('history.undo', {});
    expect((await s.api.call('services.list', {})).rows[0]!.name).toBe('A&E youth work');
  });
});
