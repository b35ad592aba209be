// A 360Giving Data Standard grants file: its standard columns map without
// questions; each grant becomes a service and an allocated funding line.
import { describe, expect, it } from 'vitest';
import { expectEveryRejectionPlaced } from '../../helpers/mapping-assertions.ts';
import inquiry from '../../../resources/seed/inquiry.json' with { type: 'json' };
import { guessMapping, suggestTargets } from '../../../main/import/map/guess.ts';
import type { KnownEntities } from '../../../main/import/map/known.ts';
import { tableFromRows } from '../../../main/import/map/table-from-rows.ts';
import { mapTable, type FundingLineRecord, type RowResult, type ServiceRecord } from '../../../main/import/map/validate.ts';

const KNOWN: KnownEntities = {
  organisations: [
    { id: 'org-mopac', name: "Mayor's Office for Policing and Crime", aliases: ['MOPAC'], identifier: 'GB-GOR-PC390' },
    { id: 'org-safer-london', name: 'Safer London', identifier: 'GB-CHC-1234567' },
    { id: 'org-victim-support', name: 'Victim Support' },
    { id: 'org-st-giles', name: 'St Giles Trust' },
  ],
  services: [
    {
      id: 'svc-grant-2022-010', reference: '360G-MOPAC-2022-010', name: 'County lines rescue', providerId: 'org-st-giles',
      commissionerId: 'org-mopac', category: 'London Crime Prevention Fund', boroughs: [], londonWide: true, startDate: '2022-07-01',
      endDate: '2023-06-30', aims: null, outcomes: null,
    },
  ],
  funds: inquiry.funds.map((f) => ({ id: f.key, code: f.code, name: f.name })),
  fundingLines: [
    { id: 'fl-grant-2022-010', serviceId: 'svc-grant-2022-010', fundId: 'lcpf', boroughGss: null, fyStart: 2022, measure: 'allocated', amountPence: 8_000_000 },
  ],
  payments: [],
};

const HEADERS = [
  '\uFEFFIdentifier', 'Title', 'Description', 'Currency', 'Amount Awarded', 'Award Date', 'Recipient Org:Identifier', 'Recipient Org:Name',
  'Funding Org:Identifier', 'Funding Org:Name', 'Grant Programme:Title', 'Beneficiary Location:Name', 'Beneficiary Location:Geographic Code',
  'Beneficiary Location:Geographic Code Type', 'Planned Dates:Start Date', 'Planned Dates:End Date', 'Last Modified', 'Data Source',
];
const MOPAC = ['GB-GOR-PC390', "Mayor's Office for Policing and Crime"];
const MODIFIED = ['2024-05-01T09:00:00+00:00', 'https://example.org/mopac-grants.csv'];
const table = tableFromRows(HEADERS, [
  /* 2 */ ['360G-MOPAC-2023-001', 'Youth mentoring in Hackney', 'One-to-one mentoring for young people at risk of exploitation', 'GBP', 45000, '2023-04-03T00:00:00+00:00', 'GB-CHC-1234567', 'Safer London Foundation', ...MOPAC, 'London Crime Prevention Fund', 'Hackney', 'E09000012', 'LONB', '2023-04-01', '2024-03-31', ...MODIFIED],
  /* 3 */ ['360G-MOPAC-2023-002', 'Pan-London victims helpline', null, 'GBP', '120000', '2024-03-31', null, 'Victim Support', ...MOPAC, 'Victims Fund', 'London', 'E12000007', 'RGN', null, null, ...MODIFIED],
  /* 4 */ ['360G-MOPAC-2023-003', 'Exchange visit', null, 'EUR', 20000, '2023-06-01', null, 'Jeunesse Paris', ...MOPAC, null, null, null, null, null, null, ...MODIFIED],
  /* 5 */ ['360G-MOPAC-2023-004', 'Estate youth project', null, 'GBP', 15000, null, null, 'Hackney Wick Youth Club', ...MOPAC, null, 'Hackney Wick', 'E05009367', 'WD', '2022-10-01', '2023-09-30', ...MODIFIED],
  /* 6 */ ['360G-MOPAC-2023-005', 'Undated grant', null, 'GBP', 5000, null, null, 'Safer London', ...MOPAC, null, null, null, null, null, null, ...MODIFIED],
  /* 7 */ ['360G-MOPAC-2023-001', 'Youth mentoring in Hackney', 'One-to-one mentoring for young people at risk of exploitation', 'GBP', 45000, '2023-04-03T00:00:00+00:00', 'GB-CHC-1234567', 'Safer London Foundation', ...MOPAC, 'London Crime Prevention Fund', 'Hackney', 'E09000012', 'LONB', '2023-04-01', '2024-03-31', ...MODIFIED],
  /* 8 */ ['360G-MOPAC-2022-010', 'County lines rescue', null, 'GBP', 85000, '2022-06-15', null, 'St Giles Trust', ...MOPAC, 'London Crime Prevention Fund', 'London', 'E12000007', 'RGN', '2022-07-01', '2023-06-30', ...MODIFIED],
  /* 9 */ ['360G-MOPAC-2023-006', 'Mistyped borough', null, 'GBP', 5000, '2023-05-01', null, 'Safer London', ...MOPAC, null, null, 'E09000099', 'LONB', null, null, ...MODIFIED],
], { fileName: 'mopac-grants-360giving.csv' });

const guess = guessMapping(table, 'grants360');
const result = mapTable(table, guess.mapping, KNOWN);

function row(n: number): RowResult {
  const found = result.rows.find((r) => r.rowNumber === n);
  if (!found) throw new Error(`no row ${n}`);
  return found;
}

function parts(n: number): { service: ServiceRecord; line: FundingLineRecord } {
  const [service, line] = row(n).records;
  if (service?.kind !== 'service' || line?.kind !== 'fundingLine') throw new Error(`row ${n}: ${row(n).reasons.join(' | ')}`);
  return { service, line };
}

describe('360Giving: mapping', () => {
  it('maps every standard column with full confidence and asks nothing', () => {
    expect(guess.needsReview).toBe(false);
    expect(guess.conflicts).toEqual([]);
    expect(guess.missingRequired).toEqual([]);
    expect(guess.fields).toHaveLength(16);
    expect(guess.fields.every((f) => f.confidence === 1 && f.source === 'standard')).toBe(true);
    expect(guess.mapping.columns.identifier).toEqual({ letter: 'A', header: 'Identifier' });
    expect(guess.unmapped.map((u) => u.column.header)).toEqual(['Last Modified', 'Data Source']);
  });

  it('is recognised as a 360Giving file', () => {
    expect(suggestTargets(table)[0]?.target).toBe('grants360');
  });
});

describe('360Giving: each grant becomes a service and an allocated funding line', () => {
  it('makes the service from the grant', () => {
    const { service } = parts(2);
    expect(service.outcome).toBe('new');
    expect(service.values).toEqual({
      reference: '360G-MOPAC-2023-001', name: 'Youth mentoring in Hackney',
      provider: { kind: 'existing', organisationId: 'org-safer-london', name: 'Safer London' },
      commissioner: { kind: 'existing', organisationId: 'org-mopac', name: "Mayor's Office for Policing and Crime" },
      category: 'London Crime Prevention Fund', boroughs: ['E09000012'], londonWide: false, startDate: '2023-04-01', endDate: '2024-03-31',
      aims: 'One-to-one mentoring for young people at risk of exploitation', outcomes: null,
    });
  });

  it('matches the recipient by its identifier, whatever the name says', () => {
    expect(row(2).diagnostics.find((d) => d.field === 'recipientName')?.detail).toBe(
      '"Safer London Foundation" → Safer London (matched by its identifier GB-CHC-1234567)',
    );
  });

  it('allocates the amount in the financial year of the award date, from a fund the programme names', () => {
    expect(parts(2).line).toMatchObject({
      outcome: 'new', financialYear: '2023-24', fyStart: 2023, measure: 'allocated', amountPence: 4_500_000, fundId: 'lcpf', boroughGss: 'E09000012',
      service: { kind: 'new', key: parts(2).service.key },
    });
    expect(parts(3).line).toMatchObject({ financialYear: '2023-24', amountPence: 12_000_000, fundId: null, boroughGss: null });
  });

  it('reads the London region code as London-wide', () => {
    expect(parts(3).service.values).toMatchObject({ boroughs: [], londonWide: true });
  });

  it('uses the planned start date when there is no award date, and notes a code that is not a borough', () => {
    expect(parts(5).line.financialYear).toBe('2022-23');
    expect(parts(5).service.values.boroughs).toEqual([]);
    expect(row(5).diagnostics.find((d) => d.field === 'locationCode')).toMatchObject({
      outcome: 'note', message: 'Row 5, column M (Beneficiary Location:Geographic Code): E05009367 (type WD) ("Hackney Wick") is not a London borough code: no borough is recorded for this grant',
    });
    expect(result.organisations.new.map((o) => o.name)).toContain('Hackney Wick Youth Club');
  });

  it('reports a grant repeated in the file as a duplicate', () => {
    expect(row(7).outcome).toBe('duplicate');
    expect(row(7).records.map((r) => r.outcome)).toEqual(['duplicate', 'duplicate']);
  });

  it('updates a stored grant whose amount changed', () => {
    const { service, line } = parts(8);
    expect(service).toMatchObject({ outcome: 'duplicate', existingId: 'svc-grant-2022-010' });
    expect(line).toMatchObject({ outcome: 'updated', existingId: 'fl-grant-2022-010', amountPence: 8_500_000 });
    expect(line.changes).toEqual([{ field: 'amountPence', label: 'amount', from: '£80,000', to: '£85,000' }]);
  });
});

describe('360Giving: rejections', () => {
  it('rejects a grant in another currency', () => {
    expect(row(4).status).toBe('rejected');
    expect(row(4).reasons).toEqual([
      'Row 4, column D (Currency): the grant is in "EUR", not GBP: Scrutiny Desk records pounds sterling only, so this grant is not imported',
    ]);
    expect(result.organisations.new.map((o) => o.name)).not.toContain('Jeunesse Paris');
  });

  it('rejects a grant with no date to place it in a financial year', () => {
    expect(row(6).reasons).toEqual([
      'Row 6, column F (Award Date): has neither an Award Date nor a Planned Dates:Start Date, so the financial year of the grant is unknown',
    ]);
  });

  it('rejects a borough code that does not exist', () => {
    expect(row(9).reasons).toEqual([
      'Row 9, column M (Beneficiary Location:Geographic Code): "E09000099" is not a London borough code: they run from E09000001 (City of London) to E09000033 (Westminster)',
    ]);
  });

  it('names row, column letter, header and reason in every rejection', () => {
    expectEveryRejectionPlaced(result);
  });

  it('counts grants', () => {
    expect(result.counts).toMatchObject({ rowsRead: 8, accepted: 5, rejected: 3, new: 3, updated: 1, duplicate: 1 });
    expect(result.counts.records).toEqual({
      services: { new: 3, updated: 0, duplicate: 2 }, fundingLines: { new: 3, updated: 1, duplicate: 1 }, payments: { new: 0, updated: 0, duplicate: 0 },
    });
  });
});
