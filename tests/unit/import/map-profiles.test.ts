// Saved profiles: applied to the next file with the same columns, with a
// warning when its columns have changed.
import { describe, expect, it } from 'vitest';
import inquiry from '../../../resources/seed/inquiry.json' with { type: 'json' };
import { guessMapping } from '../../../main/import/map/guess.ts';
import type { KnownEntities } from '../../../main/import/map/known.ts';
import { applyProfile, findProfile, headerSignature, makeProfile, profileMatches } from '../../../main/import/map/profiles.ts';
import { tableFromRows } from '../../../main/import/map/table-from-rows.ts';
import { mapTable } from '../../../main/import/map/validate.ts';

const cols = (...names: string[]) => names.map((name) => ({ name }));
const KNOWN: KnownEntities = {
  organisations: [], services: [], fundingLines: [], payments: [],
  funds: inquiry.funds.map((f) => ({ id: f.key, code: f.code, name: f.name })),
};

describe('headerSignature', () => {
  it('is the same for the same columns in the same order, however the headers are dressed', () => {
    const a = headerSignature(cols('\uFEFFDate', 'Supplier Name', 'Amount (£)', 'Cost Centres'));
    const b = headerSignature(cols('DATE', 'supplier\u00A0name', 'Amount', 'Cost centre'));
    expect(a).toBe(b);
    expect(a).toBe('v1:date|supplier name|amount|cost centre');
  });

  it('differs when the columns come in another order', () => {
    expect(headerSignature(cols('Date', 'Supplier', 'Amount'))).not.toBe(headerSignature(cols('Supplier', 'Date', 'Amount')));
  });

  it('is a plain JSON-able profile', () => {
    const table = tableFromRows(['Date', 'Supplier', 'Amount'], [['03/04/2023', 'Redthread', '£500']]);
    const profile = makeProfile('MOPAC spend over £500', guessMapping(table, 'payments').mapping, table.columns);
    expect(JSON.parse(JSON.stringify(profile))).toEqual(profile);
  });
});

describe('profileMatches', () => {
  const spend = tableFromRows(['Date', 'Supplier', 'Amount', 'Description'], [['03/04/2023', 'Redthread', '£500', 'Mentoring']]);
  const profile = makeProfile('MOPAC spend over £500', guessMapping(spend, 'payments').mapping, spend.columns);

  it('is exact for a file with the same columns', () => {
    expect(profileMatches(profile, cols('date', 'SUPPLIER', 'Amount', 'Descriptions')).status).toBe('exact');
  });

  it('says which columns were added, removed, renamed or moved', () => {
    const match = profileMatches(profile, cols('Date', 'Supplier', 'Amount paid', 'Description', 'Cost centre'));
    expect(match).toMatchObject({
      status: 'changed',
      added: [{ letter: 'E', header: 'Cost centre' }],
      removed: [],
      renamed: [{ letter: 'C', from: 'Amount', to: 'Amount paid' }],
      lostFields: [],
    });
    expect(match.message).toBe('The columns have changed since "MOPAC spend over £500" was saved: added E "Cost centre"; renamed C "Amount" to "Amount paid". Check the mapping before importing.');

    const moved = profileMatches(profile, cols('Supplier', 'Date', 'Amount'));
    expect(moved).toMatchObject({ status: 'changed', removed: [{ letter: 'D', header: 'Description' }], moved: [{ header: 'Date', from: 'A', to: 'B' }, { header: 'Supplier', from: 'B', to: 'A' }], lostFields: ['description'] });
    expect(moved.message).toContain('The profile maps Description to columns this file does not have.');
  });

  it('is different for another kind of file', () => {
    expect(profileMatches(profile, cols('Service name', 'Provider', 'Commissioner', 'Boroughs served'))).toMatchObject({ status: 'different' });
  });
});

describe('applying "MOPAC LCPF allocations" to next year\'s file', () => {
  const lastYear = tableFromRows(['Borough', '2022-23', '2023/24', 'Funding 2024-25', 'Total 2022-25'], [['Hackney', '£512,345', '£512,345', '£512,345', '£1,537,035']]);
  const guessed = guessMapping(lastYear, 'funding');
  const profile = makeProfile('MOPAC LCPF allocations', { ...guessed.mapping, constants: { fund: 'LCPF-DIRECT' } }, lastYear.columns);
  const nextYear = tableFromRows(['Borough', '2023-24', '2024-25', '2025-26', 'Total'], [
    ['Hackney', '£512,345', '£512,345', '£530,000', '£1,554,690'],
    ['Islington', '£398,120', '£398,120', '£410,000', '£1,206,240'],
  ]);

  it('is found for the file and marked as changed, not different', () => {
    const found = findProfile([profile], nextYear.columns, 'funding');
    expect(found?.profile.name).toBe('MOPAC LCPF allocations');
    expect(found?.match.status).toBe('changed');
  });

  it('maps each year column only to a header naming the same year, and adds the new year with a warning', () => {
    const applied = applyProfile(profile, nextYear.columns);
    expect(applied.mapping.yearColumns?.map((y) => [y.column.letter, y.year, y.measure])).toEqual([
      ['B', '2023-24', 'allocated'], ['C', '2024-25', 'allocated'], ['D', '2025-26', 'allocated'],
    ]);
    expect(applied.warnings).toContain('Financial year 2022-23: the column "2022-23" is not in this file, so Financial year 2022-23 is not mapped');
    expect(applied.warnings).toContain('Column D ("2025-26") names 2025-26, which "MOPAC LCPF allocations" did not have: it is read as allocated in 2025-26');
    expect(applied.mapping.constants).toEqual({ fund: 'LCPF-DIRECT' });

    const result = mapTable(nextYear, applied.mapping, KNOWN);
    expect(result.counts).toMatchObject({ accepted: 2, rejected: 0, new: 6 });
  });

  it('never follows a renamed column to a header naming another year', () => {
    const shifted = tableFromRows(['Borough', '2022-23', '2023/24', '2025-26'], [['Hackney', '£1', '£2', '£3']]);
    const applied = applyProfile(profile, shifted.columns);
    expect(applied.mapping.yearColumns?.find((y) => y.year === '2024-25')).toBeUndefined();
    expect(applied.mapping.yearColumns?.find((y) => y.column.letter === 'D')?.year).toBe('2025-26');
  });
});

describe('applying a payments profile whose column was renamed', () => {
  const spend = tableFromRows(['Date', 'Supplier', 'Amount', 'Description'], [['03/04/2023', 'Redthread', '£500', 'Mentoring']]);
  const profile = makeProfile('MOPAC spend over £500', guessMapping(spend, 'payments').mapping, spend.columns);

  it('follows the renamed column and warns, and drops a removed one with a warning', () => {
    const next = tableFromRows(['Date', 'Supplier', 'Amount paid'], [['04/04/2023', 'Redthread', '£600']]);
    const applied = applyProfile(profile, next.columns);
    expect(applied.mapping.columns.amount).toEqual({ letter: 'C', header: 'Amount paid' });
    expect(applied.mapping.columns.description).toBeUndefined();
    expect(applied.warnings).toEqual([
      expect.stringMatching(/^The columns have changed since "MOPAC spend over £500" was saved/),
      'Amount: column C was "Amount" and is now "Amount paid"; it is still mapped to Amount, so check it holds the same thing',
      'Description: the column "Description" is not in this file, so Description is not mapped',
    ]);
    const result = mapTable(next, applied.mapping, KNOWN);
    expect(result.counts).toMatchObject({ accepted: 1, new: 1 });
  });

  it('finds a mapped column by its header when columns are inserted before it', () => {
    const next = tableFromRows(['Vendor ID', 'Date', 'Supplier', 'Amount', 'Description'], [['V1', '04/04/2023', 'Redthread', '£600', 'Mentoring']]);
    const applied = applyProfile(profile, next.columns);
    expect(Object.fromEntries(Object.entries(applied.mapping.columns).map(([k, v]) => [k, v?.letter]))).toEqual({
      date: 'B', supplier: 'C', amount: 'D', description: 'E',
    });
  });
});
