import { describe, expect, it } from 'vitest';
import type { OrganisationSummary, ServiceRow } from '../../../shared/services-schemas.ts';
import { COLUMN_IDS, columnById, DEFAULT_ORDER } from '../../../renderer/src/pages/services/columns.ts';
import {
  completeOrder, deletedText, displayItems, editPatch, formFields, EMPTY_DRAFT, moveColumn, numberFilter, rowCountText, searchText, textMatches,
  totals, type DisplayItem,
} from '../../../renderer/src/pages/services/model.ts';

function row(partial: Partial<ServiceRow> & Pick<ServiceRow, 'id' | 'name'>): ServiceRow {
  return {
    reference: null, provider: null, commissioner: null, category: null, boroughs: [], boroughGss: [], londonWide: false,
    startDate: null, endDate: null, status: 'undated', hasAims: false, hasOutcomes: false, evaluationCount: 0, evaluated: false,
    allocatedPence: 0, spentPence: 0, latestAllocatedPence: 0, latestSpentPence: 0, funds: [], byFund: [], fundingLineCount: 0,
    paymentCount: 0, paymentsPence: 0, evidenceCount: 0, createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z',
    ...partial,
  };
}

const mopac = { id: 'mopac', name: "Mayor's Office for Policing and Crime" };
const vru = { id: 'vru', name: "Mayor's Violence Reduction Unit" };

const rescue = row({
  id: 'a', name: 'Rescue and Response', reference: 'SVC-001', provider: { id: 'sgt', name: 'St Giles Trust' }, commissioner: mopac, category: 'Violence reduction',
  boroughs: ['Camden', 'Islington'], boroughGss: ['E09000007', 'E09000019'], startDate: '2022-04-01', endDate: '2027-03-31', status: 'running',
  allocatedPence: 82_000_025, spentPence: 49_550_050, latestAllocatedPence: 27_000_000, funds: ['LCPF-COCOM', 'LONDON-WIDE'],
  byFund: [
    { fundCode: 'LCPF-COCOM', allocatedPence: 78_000_000, spentPence: 49_550_050 },
    { fundCode: 'LONDON-WIDE', allocatedPence: 4_000_025, spentPence: 0 },
  ],
  paymentsPence: 13_000_000, paymentCount: 2,
});
const victims = row({
  id: 'b', name: 'London Victim and Witness Service', commissioner: mopac, category: 'Victim support', londonWide: true,
  allocatedPence: 375_000_000, spentPence: 242_999_999, latestAllocatedPence: 130_000_000, funds: ['LONDON-WIDE'],
  byFund: [{ fundCode: 'LONDON-WIDE', allocatedPence: 375_000_000, spentPence: 242_999_999 }],
});
const hate = row({
  id: 'c', name: 'Hate crime advocacy', commissioner: mopac, category: 'victim support ', boroughs: ['Hackney'], boroughGss: ['E09000012'],
  allocatedPence: 16_500_001, spentPence: 7_900_000, funds: ['LCPF-DIRECT'], byFund: [{ fundCode: 'LCPF-DIRECT', allocatedPence: 16_500_001, spentPence: 7_900_000 }],
});
const pilot = row({ id: 'd', name: 'Pilot with nothing recorded', commissioner: vru });
const ALL = [rescue, victims, hate, pilot];
const FUNDS = [{ code: 'LCPF-COCOM', name: 'LCPF co-commissioning fund' }, { code: 'LCPF-DIRECT', name: 'LCPF direct funding to boroughs' }, { code: 'LONDON-WIDE', name: 'London-wide commissioning' }];

type Group = Extract<DisplayItem, { kind: 'group' }>;
const groupsOf = (items: DisplayItem[]) => items.filter((i): i is Group => i.kind === 'group');
const options = { sort: null, collapsed: new Set<string>(), funds: FUNDS, allRows: ALL };

describe('filters as typed', () => {
  it('reads money filters with the strict money parser', () => {
    const over = numberFilter('> £1m', 'money');
    expect(over.ok && over.test(100_000_001) && !over.test(100_000_000)).toBe(true);
    const atLeast = numberFilter('>= 500k', 'money');
    expect(atLeast.ok && atLeast.test(50_000_000) && !atLeast.test(49_999_999)).toBe(true);
    const range = numberFilter('1m-2m', 'money');
    expect(range.ok && range.test(100_000_000) && range.test(200_000_000) && !range.test(200_000_001)).toBe(true);
    const exact = numberFilter('£1,234.56', 'money');
    expect(exact.ok && exact.test(123_456) && !exact.test(123_400)).toBe(true);
    const negative = numberFilter('-£500', 'money');
    expect(negative.ok && negative.test(-50_000)).toBe(true);
    expect(numberFilter('= 0', 'money').ok).toBe(true);
  });

  it('refuses what it cannot read, saying how to write it', () => {
    const lots = numberFilter('> lots', 'money');
    expect(lots.ok).toBe(false);
    expect(!lots.ok && lots.message).toMatch(/write it like > £1m, < 500k or 1m-2m/);
    expect(numberFilter('2022/23', 'money').ok).toBe(false);
    expect(numberFilter('> 1.5', 'count').ok).toBe(false);
    const count = numberFilter('2-5', 'count');
    expect(count.ok && count.test(3) && !count.test(6)).toBe(true);
  });

  it('matches every word anywhere in the row, ignoring case', () => {
    const text = searchText(rescue);
    expect(textMatches(text, 'giles camden')).toBe(true);
    expect(textMatches(text, 'SVC-001')).toBe(true);
    expect(textMatches(text, 'giles hackney')).toBe(false);
    expect(textMatches(searchText(victims), 'london-wide')).toBe(true);
  });

  it('counts what is shown', () => {
    expect(rowCountText(1204, 2000)).toBe('1,204 of 2,000 services');
    expect(rowCountText(2000, 2000)).toBe('All 2,000 services');
    expect(rowCountText(1, 1)).toBe('1 service');
  });
});

describe('groups and totals', () => {
  it('groups by category, spellings of one category together, subtotals exact in pence', () => {
    const items = displayItems(ALL, { ...options, by: 'category' });
    const groups = groupsOf(items);
    expect(groups.map((g) => [g.label, g.count, g.sums.allocated, g.sums.spent])).toEqual([
      ['Victim support', 2, 375_000_000 + 16_500_001, 242_999_999 + 7_900_000],
      ['Violence reduction', 1, 82_000_025, 49_550_050],
      ['No category', 1, 0, 0],
    ]);
    // Each group's heading, then its rows in the table's order.
    expect(items.map((i) => (i.kind === 'group' ? `[${i.label}]` : i.row.name))).toEqual([
      '[Victim support]', 'London Victim and Witness Service', 'Hate crime advocacy', '[Violence reduction]', 'Rescue and Response', '[No category]', 'Pilot with nothing recorded',
    ]);
  });

  it('orders groups by their subtotal when the table is sorted by a money column', () => {
    const groups = groupsOf(displayItems(ALL, { ...options, by: 'category', sort: { id: 'allocated', desc: false } }));
    expect(groups.map((g) => g.label)).toEqual(['Violence reduction', 'Victim support', 'No category']);
  });

  it('groups by fund with each fund’s share; columns not split by fund have no subtotal', () => {
    const items = displayItems(ALL, { ...options, by: 'fund' });
    const groups = groupsOf(items);
    expect(groups.map((g) => [g.label, g.count, g.sums.allocated, g.sums.latestAllocated])).toEqual([
      ['LCPF co-commissioning fund (LCPF-COCOM)', 1, 78_000_000, null],
      ['LCPF direct funding to boroughs (LCPF-DIRECT)', 1, 16_500_001, null],
      ['London-wide commissioning (LONDON-WIDE)', 2, 4_000_025 + 375_000_000, null],
      ['No funding recorded', 1, 0, null],
    ]);
    const shares = items.filter((i): i is Extract<DisplayItem, { kind: 'row' }> => i.kind === 'row' && i.row.id === 'a');
    expect(shares.map((s) => s.fund?.fundCode)).toEqual(['LCPF-COCOM', 'LONDON-WIDE']);
  });

  it('groups by borough: a service under each borough it serves, London-wide and none apart', () => {
    const groups = groupsOf(displayItems(ALL, { ...options, by: 'borough' }));
    expect(groups.map((g) => [g.label, g.count])).toEqual([
      ['Camden', 1], ['Hackney', 1], ['Islington', 1], ['London-wide', 1], ['No borough recorded', 1],
    ]);
    expect(groups.find((g) => g.label === 'Camden')?.sums.allocated).toBe(82_000_025);
  });

  it('hides the rows of a collapsed group but keeps its heading and subtotal', () => {
    const items = displayItems(ALL, { ...options, by: 'commissioner', collapsed: new Set(['mopac']) });
    expect(items.map((i) => (i.kind === 'group' ? `[${i.label}:${i.collapsed}]` : i.row.name))).toEqual([
      "[Mayor's Office for Policing and Crime:true]", "[Mayor's Violence Reduction Unit:false]", 'Pilot with nothing recorded',
    ]);
  });

  it('adds up the shown rows once each, exact to the penny', () => {
    expect(totals(ALL)).toMatchObject({ allocated: 82_000_025 + 375_000_000 + 16_500_001, spent: 49_550_050 + 242_999_999 + 7_900_000, paymentCount: 2 });
  });
});

describe('columns', () => {
  it('moves a column one place, and not past either end', () => {
    expect(moveColumn(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c']);
    expect(moveColumn(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'c', 'b']);
    expect(moveColumn(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
  });

  it('makes a saved order whole: unknown columns dropped, new ones at their usual place', () => {
    const saved = DEFAULT_ORDER.filter((id) => id !== 'status').reverse();
    const order = completeOrder([...saved, 'gone'], COLUMN_IDS);
    expect(order).toHaveLength(COLUMN_IDS.length);
    expect(order).not.toContain('gone');
    expect(order.indexOf('status')).toBe(order.indexOf('boroughs') + 1);
  });

  it('gives every column a label, and a reason wherever it cannot be edited', () => {
    for (const id of COLUMN_IDS) {
      const column = columnById(id)!;
      expect(column.label({ latestYear: '2024-25' })).not.toBe('');
      if (column.editable === null) expect(column.readOnlyReason).toBeTruthy();
    }
    expect(columnById('latestAllocated')!.label({ latestYear: '2024-25' })).toBe('Allocated 2024-25');
  });
});

describe('editing a cell', () => {
  const organisations: OrganisationSummary[] = [
    { id: 'sgt', name: 'St Giles Trust', kind: 'provider', boroughGss: null },
    { id: 'red', name: 'Redthread', kind: 'provider', boroughGss: null },
  ];

  it('refuses an empty name with the store’s own message', () => {
    expect(editPatch('name', '   ', rescue, organisations)).toEqual({ ok: false, message: 'A service needs a name' });
  });

  it('reads dates as UK dates, and says when one does not exist or ends before it starts', () => {
    expect(editPatch('startDate', '03/04/2023', rescue, organisations)).toMatchObject({ ok: true, patch: { startDate: '2023-04-03' }, shown: '03/04/2023' });
    expect(editPatch('endDate', '31/02/2024', rescue, organisations)).toEqual({ ok: false, message: '"31/02/2024": 31 February 2024 does not exist' });
    expect(editPatch('endDate', '01/01/2020', rescue, organisations)).toEqual({ ok: false, message: 'The end date 01/01/2020 is before the start date 01/04/2022' });
    expect(editPatch('endDate', '', rescue, organisations)).toMatchObject({ ok: true, patch: { endDate: null } });
  });

  it('names an organisation already known by its id, and a new one as new, saying so', () => {
    expect(editPatch('provider', 'redthread', rescue, organisations)).toMatchObject({ ok: true, unchanged: false, patch: { provider: { id: 'red' } }, shown: 'Redthread' });
    expect(editPatch('provider', 'St Giles Trust', rescue, organisations)).toMatchObject({ ok: true, unchanged: true });
    const fresh = editPatch('provider', 'Safer London', rescue, organisations);
    expect(fresh).toMatchObject({ ok: true, patch: { provider: { newName: 'Safer London', kind: 'provider' } } });
    expect(fresh.ok && fresh.note).toMatch(/saving adds it as a new provider/);
  });

  it('reads boroughs by name or code, London-wide as London-wide, and refuses a place that is not a borough', () => {
    expect(editPatch('boroughs', 'Hackney; E09000033', rescue, organisations)).toMatchObject({ ok: true, patch: { boroughs: ['E09000012', 'E09000033'] }, shown: 'Hackney, Westminster' });
    expect(editPatch('boroughs', 'Camden, Islington', rescue, organisations)).toMatchObject({ ok: true, unchanged: true });
    expect(editPatch('boroughs', 'London-wide', rescue, organisations)).toMatchObject({ ok: true, patch: { londonWide: true } });
    const narnia = editPatch('boroughs', 'Camden, Narnia', rescue, organisations);
    expect(narnia.ok).toBe(false);
    expect(!narnia.ok && narnia.message).toMatch(/"Narnia" is not a London borough/);
  });

  it('clears optional text to nothing, and knows an unchanged value', () => {
    expect(editPatch('category', '', rescue, organisations)).toMatchObject({ ok: true, patch: { category: null } });
    expect(editPatch('category', ' Violence reduction ', rescue, organisations)).toMatchObject({ ok: true, unchanged: true });
  });
});

describe('adding a service', () => {
  it('turns the form into the fields services.create takes', () => {
    const result = formFields({ ...EMPTY_DRAFT, name: ' Knife crime education ', provider: 'Redthread', boroughs: 'Hackney, Islington', startDate: '01/09/2024' }, [
      { id: 'red', name: 'Redthread', kind: 'provider', boroughGss: null },
    ]);
    expect(result).toEqual({
      ok: true, newOrganisations: [],
      fields: { name: 'Knife crime education', provider: { id: 'red' }, boroughs: ['E09000012', 'E09000019'], startDate: '2024-09-01' },
    });
  });

  it('says what is wrong, field by field', () => {
    const result = formFields({ ...EMPTY_DRAFT, boroughs: 'Hackney', londonWide: true, startDate: '2024', endDate: '01/01/2020' }, []);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.name).toBe('A service needs a name');
    expect(result.errors.boroughs).toMatch(/London-wide service lists no boroughs/);
    expect(result.errors.startDate).toMatch(/not a date/);
  });
});

describe('a deletion, in words', () => {
  it('says what went with the service and what stays', () => {
    expect(deletedText({ id: 'a', name: 'Rescue and Response', removed: { fundingLines: 6, evaluations: 1, evidenceLinks: 2, boroughLinks: 2 }, paymentsUnlinked: 2 }))
      .toBe('Deleted the service “Rescue and Response” with its 6 funding lines, 1 evaluation and 2 evidence links; 2 payments no longer name it (they stay, with the supplier).');
    expect(deletedText({ id: 'a', name: 'Pilot', removed: { fundingLines: 0, evaluations: 0, evidenceLinks: 0, boroughLinks: 0 }, paymentsUnlinked: 0 }))
      .toBe('Deleted the service “Pilot”.');
  });
});
