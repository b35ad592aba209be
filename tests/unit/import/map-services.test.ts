// The services register: a MOPAC/VRU list of commissioned services, mapped and
// checked against what the store already holds.
import { describe, expect, it } from 'vitest';
import { expectEveryRejectionPlaced } from '../../helpers/mapping-assertions.ts';
import { guessMapping } from '../../../main/import/map/guess.ts';
import type { KnownEntities } from '../../../main/import/map/known.ts';
import { tableFromRows } from '../../../main/import/map/table-from-rows.ts';
import { mapTable, type MapResult, type RowResult, type ServiceRecord } from '../../../main/import/map/validate.ts';

const KNOWN: KnownEntities = {
  organisations: [
    { id: 'org-mopac', name: "Mayor's Office for Policing and Crime", aliases: ['MOPAC', 'Mayors Office for Policing and Crime'] },
    { id: 'org-vru', name: "Mayor's Violence Reduction Unit", aliases: ['VRU', 'Violence Reduction Unit', 'London Violence Reduction Unit'] },
    { id: 'org-st-giles', name: 'St Giles Trust' },
    { id: 'org-redthread', name: 'Redthread' },
    { id: 'org-victim-support', name: 'Victim Support' },
    { id: 'org-hackney', name: 'London Borough of Hackney', aliases: ['Hackney', 'Hackney Council'], boroughGss: 'E09000012' },
  ],
  services: [
    {
      id: 'svc-lvws', reference: 'MOPAC-VS-001', name: 'London Victim and Witness Service', providerId: 'org-victim-support',
      commissionerId: 'org-mopac', category: "Victims' services", boroughs: [], londonWide: true, startDate: '2022-04-01',
      endDate: '2025-03-31', aims: 'Support for victims and witnesses of crime across London', outcomes: null,
    },
    {
      id: 'svc-yvip', reference: 'VRU-YVIP', name: 'Youth Violence Intervention Programme', providerId: 'org-redthread',
      commissionerId: 'org-vru', category: 'Violence reduction', boroughs: ['E09000012'], londonWide: false, startDate: '2022-04-01',
      endDate: '2025-03-31', aims: null, outcomes: null,
    },
    {
      id: 'svc-gangs', reference: null, name: 'Gangs Exit', providerId: 'org-st-giles', commissionerId: 'org-mopac',
      category: 'Reducing reoffending', boroughs: ['E09000012'], londonWide: false, startDate: null, endDate: null, aims: null, outcomes: null,
    },
  ],
  funds: [],
  fundingLines: [],
  payments: [],
};

const HEADERS = ['Ref', 'Service name', 'Provider', 'Commissioner', 'Category', 'Boroughs served', 'Start date', 'End date', 'Aims', 'Outcomes'];
// Row numbers in the file: the header is row 3, under a title and a blank row.
const ROWS = [
  /* 4 */ ['MOPAC-VS-001', 'London Victim and Witness Service', 'Victim Support', 'MOPAC', "Victims' services", 'London-wide', '01/04/2022', '31/03/2025', 'Support for victims and witnesses of crime across London', null],
  /* 5 */ ['VRU-YVIP', 'Youth Violence Intervention Programme', 'REDTHREAD', 'VRU', 'Violence reduction', 'Hackney', '01/04/2022', '31/03/2026', null, null],
  /* 6 */ [null, 'Gangs Exit', 'ST GILES TRUST LTD', "Mayor's Office for Policing and Crime", 'Reducing reoffending', 'Hackney, Islington and Camden', null, null, null, null],
  /* 7 */ [null, 'Rescue and Response', 'St. Giles Trust', 'VRU', 'County lines', 'Pan-London', '3 April 2023', '31/03/2025', 'Help young people exploited through county lines', 'Fewer young people going missing'],
  /* 8 */ ['VRU-MENT-07', 'Mentoring in Schools', 'St Giles', 'VRU', 'Early intervention', 'Kensington & Chelsea; Richmond', { date: 45017 }, { date: 45382 }, null, null],
  /* 9 */ ['VRU-MENT-08', 'Youth Mentoring', 'Redthread Youth', 'VRU', 'Early intervention', 'Tower Hamlets and Barking & Dagenham', null, null, null, null],
  /* 10 */ ['VRU-MENT-09', 'Detached Youth Work', 'St Giles', 'VRU', 'Early intervention', 'LB Lambeth', null, null, null, null],
  /* 11 */ ['MOPAC-X-01', null, 'Victim Support', 'MOPAC', null, null, null, null, null, null],
  /* 12 */ ['MOPAC-X-02', 'Restorative Justice Service', 'Victim Support', 'MOPAC', null, null, '31/03/2025', '01/04/2024', null, null],
  /* 13 */ ['MOPAC-X-03', 'Hate Crime Advocacy', 'Victim Support', 'MOPAC', null, 'Hackney; Narnia', '12/13/2023', null, null, null],
  /* 14 */ [null, 'Rescue and Response', 'St Giles Trust', 'VRU', 'County lines', 'Pan London', '03/04/2023', '31/03/2025', 'Help young people exploited through county lines', 'Fewer young people going missing'],
  /* 15 */ ['VRU-MENT-07', 'Mentoring in Schools', 'Redthread', 'VRU', 'Early intervention', 'Kensington & Chelsea; Richmond', null, null, null, null],
  /* 16 */ ['MOPAC-X-04', 'Court Advocacy', 'Victim Support', null, null, null, null, null, null, null],
];

const table = tableFromRows(HEADERS, ROWS, { fileName: 'mopac-vru-services-2023.xlsx', headerRowNumber: 3 });
const guess = guessMapping(table, 'services');
const result: MapResult = mapTable(table, guess.mapping, KNOWN);

function row(n: number): RowResult {
  const found = result.rows.find((r) => r.rowNumber === n);
  if (!found) throw new Error(`no row ${n}`);
  return found;
}

function service(n: number): ServiceRecord {
  const record = row(n).records[0];
  if (record?.kind !== 'service') throw new Error(`row ${n} has no service: ${row(n).reasons.join(' | ')}`);
  return record;
}

describe('services register: mapping', () => {
  it('maps every column from its header without questions', () => {
    expect(guess.missingRequired).toEqual([]);
    expect(guess.conflicts).toEqual([]);
    expect(Object.fromEntries(Object.entries(guess.mapping.columns).map(([k, v]) => [k, v?.letter]))).toEqual({
      reference: 'A', name: 'B', provider: 'C', commissioner: 'D', category: 'E', boroughs: 'F', startDate: 'G', endDate: 'H', aims: 'I', outcomes: 'J',
    });
    expect(result.ok).toBe(true);
  });
});

describe('services register: what each row becomes', () => {
  it('reports a stored service with nothing different as a duplicate, saying which and why', () => {
    expect(row(4).outcome).toBe('duplicate');
    expect(service(4)).toMatchObject({ existingId: 'svc-lvws', changes: [] });
    expect(service(4).why).toBe('identical to the stored service "London Victim and Witness Service" (reference MOPAC-VS-001) (matched by reference MOPAC-VS-001)');
  });

  it('reports a stored service with a changed field as updated, with the change', () => {
    expect(row(5).outcome).toBe('updated');
    expect(service(5).existingId).toBe('svc-yvip');
    expect(service(5).changes).toEqual([{ field: 'endDate', label: 'end date', from: '31/03/2025', to: '31/03/2026' }]);
    expect(service(5).why).toContain('end date 31/03/2025 → 31/03/2026');
  });

  it('matches a service without a reference by name and provider, and changes only what the file gives', () => {
    expect(service(6)).toMatchObject({ outcome: 'updated', existingId: 'svc-gangs' });
    expect(service(6).changes).toEqual([{ field: 'boroughs', label: 'boroughs served', from: 'Hackney', to: 'Hackney; Islington; Camden' }]);
    // No start date in the file: the stored (empty) one is not compared, never erased.
    expect(service(6).provided).not.toContain('startDate');
  });

  it('creates a new service with its provider matched from a variant spelling', () => {
    const s = service(7);
    expect(s.outcome).toBe('new');
    expect(s.values).toEqual({
      reference: null, name: 'Rescue and Response', provider: { kind: 'existing', organisationId: 'org-st-giles', name: 'St Giles Trust' },
      commissioner: { kind: 'existing', organisationId: 'org-vru', name: "Mayor's Violence Reduction Unit" }, category: 'County lines',
      boroughs: [], londonWide: true, startDate: '2023-04-03', endDate: '2025-03-31',
      aims: 'Help young people exploited through county lines', outcomes: 'Fewer young people going missing',
    });
  });

  it('reads dates in UK order, and spreadsheet dates as dates', () => {
    expect(service(7).values.startDate).toBe('2023-04-03'); // "3 April 2023"
    expect(service(8).values.startDate).toBe('2023-04-01'); // serial 45017
    expect(service(8).values.endDate).toBe('2024-03-31'); // serial 45382
  });

  it('reads boroughs served by their variant names, lists and London-wide', () => {
    expect(service(6).values.boroughs).toEqual(['E09000012', 'E09000019', 'E09000007']);
    expect(service(8).values.boroughs).toEqual(['E09000020', 'E09000027']);
    expect(service(9).values.boroughs).toEqual(['E09000030', 'E09000002']);
    expect(service(10).values.boroughs).toEqual(['E09000022']);
    expect(service(7).values).toMatchObject({ boroughs: [], londonWide: true });
  });

  it('leaves the commissioner empty when the file gives none, rather than guessing', () => {
    expect(service(16).values.commissioner).toBeNull();
    expect(service(16).provided).not.toContain('commissioner');
  });
});

describe('services register: organisations', () => {
  it('matches St Giles Trust however it is written', () => {
    const stGiles = result.organisations.matched.find((m) => m.organisationId === 'org-st-giles');
    expect(stGiles?.rows).toEqual([6, 7, 14]);
    const spellings = result.organisations.matched.filter((m) => m.organisationId === 'org-st-giles').flatMap((m) => m.spellings);
    expect(spellings.sort()).toEqual(['ST GILES TRUST LTD', 'St Giles Trust', 'St. Giles Trust']);
    const cell = row(6).diagnostics.find((d) => d.column === 'C');
    expect(cell).toMatchObject({ outcome: 'understood', field: 'provider' });
    expect(cell?.message).toBe('Row 6, column C (Provider): "ST GILES TRUST LTD" → St Giles Trust (matched by its name, once case, punctuation and words such as Ltd or The are ignored)');
  });

  it('lists near matches for the clerk instead of merging them, and creates one organisation per name', () => {
    expect(result.organisations.uncertain.map((u) => ({ name: u.name, rows: u.rows, candidate: u.candidates[0]?.name }))).toEqual([
      { name: 'St Giles', rows: [8, 10], candidate: 'St Giles Trust' },
      { name: 'Redthread Youth', rows: [9], candidate: 'Redthread' },
    ]);
    expect(result.organisations.new.map((o) => o.name)).toEqual(['St Giles', 'Redthread Youth']);
    expect(service(8).values.provider).toEqual({ kind: 'new', key: 'st giles', name: 'St Giles' });
    expect(service(10).values.provider).toEqual({ kind: 'new', key: 'st giles', name: 'St Giles' });
    const note = row(8).diagnostics.find((d) => d.column === 'C');
    expect(note?.outcome).toBe('note');
    expect(note?.detail).toMatch(/^"St Giles" is close to St Giles Trust \(score 0\.\d\d, shares the words "st giles"\), but not the same: it will be added as a new organisation unless you confirm the match$/);
    expect(result.counts.newOrganisations).toBe(2);
    expect(result.counts.uncertainOrganisations).toBe(2);
  });

  it('uses a known organisation once the clerk confirms an uncertain match', () => {
    const confirmed = mapTable(table, guess.mapping, KNOWN, { organisations: { 'st giles': { organisationId: 'org-st-giles' } } });
    const r8 = confirmed.rows.find((r) => r.rowNumber === 8)?.records[0];
    expect(r8?.kind === 'service' && r8.values.provider).toEqual({ kind: 'existing', organisationId: 'org-st-giles', name: 'St Giles Trust' });
    expect(confirmed.organisations.uncertain.map((u) => u.name)).toEqual(['Redthread Youth']);
    expect(confirmed.organisations.new.map((o) => o.name)).toEqual(['Redthread Youth']);
    expect(confirmed.organisations.matched.find((m) => m.key === 'st giles')?.via).toBe('confirmed');
  });

  it('stops listing a name once the clerk confirms it is a new organisation', () => {
    const confirmed = mapTable(table, guess.mapping, KNOWN, { organisations: { 'redthread youth': 'new' } });
    expect(confirmed.organisations.uncertain.map((u) => u.name)).toEqual(['St Giles']);
    expect(confirmed.organisations.new.map((o) => o.name)).toEqual(['St Giles', 'Redthread Youth']);
  });
});

describe('services register: rejections', () => {
  it('rejects a row without a name, naming row, column and header', () => {
    expect(row(11).status).toBe('rejected');
    expect(row(11).reasons).toEqual(['Row 11, column B (Service name): is empty, and a service needs a name']);
  });

  it('rejects a service that ends before it starts', () => {
    expect(row(12).reasons).toEqual(['Row 12, column H (End date): the end date 01/04/2024 is before the start date 31/03/2025']);
  });

  it('rejects a row with an unreadable optional cell, giving every reason', () => {
    expect(row(13).status).toBe('rejected');
    expect(row(13).records).toEqual([]);
    expect(row(13).reasons).toEqual([
      'Row 13, column F (Boroughs served): "Narnia" is not a London borough Scrutiny Desk knows: use a borough name or its GSS code (E09000001 to E09000033)',
      'Row 13, column G (Start date): "12/13/2023": month 13 does not exist: is this a US-style date? Scrutiny Desk reads dd/mm/yyyy',
    ]);
  });

  it('reports a repeat of an earlier row as a duplicate of that row', () => {
    expect(row(14).outcome).toBe('duplicate');
    expect(service(14).why).toBe('same service as row 7 (the same name and provider), with nothing different');
  });

  it('rejects a row that contradicts an earlier row about the same service', () => {
    expect(row(15).status).toBe('rejected');
    expect(row(15).reasons).toHaveLength(1);
    expect(row(15).reasons[0]).toMatch(/^Row 15: row 8 has the same reference \(VRU-MENT-07\) but says something different \(provider St Giles → Redthread.*\): correct one of the two rows$/);
  });
});

describe('services register: counts', () => {
  it('names row, column letter, header and reason in every rejection', () => {
    expectEveryRejectionPlaced(result);
  });

  it('counts new, updated, duplicate and rejected', () => {
    expect(result.counts).toMatchObject({
      rowsRead: 13, accepted: 9, rejected: 4, new: 5, updated: 2, duplicate: 2,
      records: { services: { new: 5, updated: 2, duplicate: 2 } },
    });
  });

  it('gives every cell of an explained row a diagnostic, and only problems beyond explainRows', () => {
    expect(row(7).diagnostics.filter((d) => d.outcome === 'understood').map((d) => d.column)).toEqual(['B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J']);
    const brief = mapTable(table, guess.mapping, KNOWN, {}, { explainRows: 2 });
    expect(brief.rows[2]?.diagnostics.filter((d) => d.outcome === 'understood')).toEqual([]);
    expect(brief.rows.find((r) => r.rowNumber === 13)?.reasons).toHaveLength(2);
    expect(brief.counts).toEqual(result.counts);
  });
});
