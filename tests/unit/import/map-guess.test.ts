// Guessing a mapping from header names and sample values, with a reason for
// each guess and every clash reported.
import { describe, expect, it } from 'vitest';
import { guessMapping, suggestTargets } from '../../../main/import/map/guess.ts';
import { normaliseHeader } from '../../../main/import/map/normalise.ts';
import { tableFromRows } from '../../../main/import/map/table-from-rows.ts';

function letters(columns: Partial<Record<string, { letter: string }>>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, v?.letter]));
}

describe('normaliseHeader', () => {
  it.each([
    ['\uFEFFDate', 'date'],
    ['PAYMENT\u00A0DATE', 'payment date'],
    ['Amount (£)', 'amount'],
    ['Cost Centres', 'cost centre'],
    ['Expense types', 'expense type'],
    ['Aims & Objectives', 'aim and objective'],
    ['Local Authorities', 'local authority'],
    ['Beneficiary Location:0:Geographic Code', 'beneficiary location geographic code'],
    ['Supplier’s name', 'supplier name'],
  ])('reads %j as %j', (header, normal) => {
    expect(normaliseHeader(header)).toBe(normal);
  });
});

describe('guessMapping: from headers', () => {
  it('reads headers whatever their case, punctuation, plurals, BOM or odd spaces', () => {
    const table = tableFromRows(['\uFEFFPAYMENT DATE', 'Supplier\u00A0Name', 'Amount (£)', 'Expense Types', 'Cost Centres', 'Trans. Ref'], [
      ['03/04/2023', 'St Giles Trust', '£12,500.00', 'Grants', 'Commissioning', 'T-1'],
    ]);
    const guess = guessMapping(table, 'payments');
    expect(letters(guess.mapping.columns)).toEqual({ date: 'A', supplier: 'B', amount: 'C', costCentre: 'E', expenseType: 'D', transactionRef: 'F' });
    expect(guess.fields.find((f) => f.field === 'amount')?.reason).toBe('header says "Amount (£)"; 1 of 1 values are amounts');
    expect(guess.needsReview).toBe(false);
  });

  it('gives a lower confidence to a header that only mentions a field', () => {
    const table = tableFromRows(['Date', 'Supplier', 'Total amount paid to supplier'], [['03/04/2023', 'Redthread', '£500']]);
    const amount = guessMapping(table, 'payments').fields.find((f) => f.field === 'amount');
    expect(amount?.column.letter).toBe('C');
    expect(amount?.reason).toMatch(/^header "Total amount paid to supplier" mentions "amount paid"/);
    expect(amount?.confidence).toBeLessThan(0.85);
  });

  it('doubts a header whose values do not fit it', () => {
    const table = tableFromRows(['Date', 'Supplier', 'Amount'], [
      ['TBC', 'Redthread', '£500'], ['to follow', 'Redthread', '£600'], ['TBC', 'Redthread', '£700'],
    ]);
    const guess = guessMapping(table, 'payments');
    const date = guess.fields.find((f) => f.field === 'date');
    expect(date?.reason).toBe('header says "Date", but only 0 of 3 values are dates');
    expect(date?.confidence).toBeLessThan(0.5);
    expect(guess.needsReview).toBe(true);
  });
});

describe('guessMapping: from values', () => {
  it('maps columns whose headers say nothing by what their values are, and says so', () => {
    const table = tableFromRows(['When', 'Who', 'How much'], [
      ['03/04/2023', 'St Giles Trust', '£12,500.00'],
      ['04/04/2023', 'Redthread', '£7,950.40'],
      ['05/04/2023', 'Victim Support', '(£1,234.56)'],
      ['6 April 2023', 'Safer London', '£3,000'],
    ]);
    const guess = guessMapping(table, 'payments');
    expect(guess.fields.map((f) => [f.field, f.column.letter, f.reason, f.source])).toEqual([
      ['date', 'A', '4 of 4 values are dates', 'values'],
      ['amount', 'C', '4 of 4 values are amounts', 'values'],
    ]);
    expect(guess.missingRequired).toEqual(['Supplier']);
    expect(guess.needsReview).toBe(true);
    expect(guess.unmapped).toEqual([{ column: { letter: 'B', header: 'Who' }, reason: 'no field of Payments goes by "Who"' }]);
  });

  it('reads "9 of 10 values are financial years"', () => {
    const years = ['2022-23', '2022/23', '2023-24', 'FY23/24', '2023/2024', '2024-25', '2024-25', '2022-23', '2023-24', 'n/a'];
    const table = tableFromRows(['Yr', 'Borough', 'Amount'], years.map((y) => [y, 'Hackney', '£1,000']));
    const guess = guessMapping(table, 'funding');
    expect(guess.fields.find((f) => f.field === 'financialYear')).toMatchObject({
      column: { letter: 'A' }, confidence: 0.6, reason: '9 of 10 values are financial years', source: 'values',
    });
  });

  it('does not choose between two fields of the same kind from values alone', () => {
    const table = tableFromRows(['Service name', 'From', 'Until'], [
      ['Gangs Exit', '01/04/2022', '31/03/2025'], ['Rescue and Response', '01/04/2023', '31/03/2026'], ['Mentoring', '01/09/2023', '31/08/2024'],
    ]);
    expect(letters(guessMapping(table, 'services').mapping.columns)).toEqual({ name: 'A', startDate: 'B', endDate: 'C' });
    const unnamed = tableFromRows(['Service name', 'Col 2', 'Col 3'], [
      ['Gangs Exit', '01/04/2022', '31/03/2025'], ['Rescue and Response', '01/04/2023', '31/03/2026'], ['Mentoring', '01/09/2023', '31/08/2024'],
    ]);
    const guess = guessMapping(unnamed, 'services');
    expect(letters(guess.mapping.columns)).toEqual({ name: 'A' });
    expect(guess.unmapped.map((u) => u.reason)).toEqual([
      '3 of 3 values are dates: it could be Start date or End date, so choose one',
      '3 of 3 values are dates: it could be Start date or End date, so choose one',
    ]);
  });
});

describe('guessMapping: conflicts are reported, never settled silently', () => {
  it('leaves a field unmapped when two columns fit it equally, and says which', () => {
    const table = tableFromRows(['Date', 'Supplier', 'Amount', 'Amount'], [['03/04/2023', 'Redthread', '£500', '£600']]);
    const guess = guessMapping(table, 'payments');
    expect(guess.mapping.columns.amount).toBeUndefined();
    expect(guess.conflicts).toEqual([{
      field: 'amount', label: 'Amount', chosen: null,
      columns: [{ letter: 'C', header: 'Amount' }, { letter: 'D', header: 'Amount' }],
      message: 'column C ("Amount") and column D ("Amount") fit Amount equally well: choose one',
    }]);
    expect(guess.missingRequired).toEqual(['Amount']);
    expect(guess.needsReview).toBe(true);
  });

  it('chooses the better of two columns for a field, and reports the other', () => {
    const table = tableFromRows(['Date', 'Supplier', 'Net amount', 'Amount'], [['03/04/2023', 'Redthread', '£500', '£600']]);
    const guess = guessMapping(table, 'payments');
    expect(guess.mapping.columns.amount?.letter).toBe('D');
    expect(guess.conflicts).toHaveLength(1);
    expect(guess.conflicts[0]).toMatchObject({ field: 'amount', chosen: { letter: 'D' }, columns: [{ letter: 'D' }, { letter: 'C' }] });
    expect(guess.conflicts[0]?.message).toMatch(/^column C \("Net amount"\) also looks like Amount .*; column D \("Amount"\) was chosen .*: check which is right$/);
    expect(guess.needsReview).toBe(true);
  });
});

describe('guessMapping: funding', () => {
  it('states the measure it chose for an Amount column with no Measure column', () => {
    const table = tableFromRows(['Financial year', 'Borough', 'Amount'], [['2023-24', 'Hackney', '£1,000']]);
    const guess = guessMapping(table, 'funding');
    expect(guess.mapping.measure).toBe('allocated');
    expect(guess.notes).toEqual([
      'No column says whether the amounts are allocated or spent: they are read as allocated. Change this if they are spending.',
      'No column names the fund: choose the fund these lines come from (for example LCPF-DIRECT), or they will have none.',
    ]);
  });

  it('reports two columns for the same year and measure instead of choosing', () => {
    const table = tableFromRows(['Borough', '2023-24', 'Allocation 2023/24'], [['Hackney', '£1,000', '£1,000']]);
    const guess = guessMapping(table, 'funding');
    expect(guess.yearColumns).toEqual([]);
    expect(guess.conflicts[0]?.message).toBe('column B ("2023-24") and column C ("Allocation 2023/24") all look like the 2023-24 allocated amount: choose one');
  });
});

describe('suggestTargets', () => {
  it('ranks the target a file looks like first', () => {
    const payments = tableFromRows(['Date', 'Supplier', 'Amount', 'Description'], [['03/04/2023', 'Redthread', '£500', 'x']]);
    expect(suggestTargets(payments)[0]?.target).toBe('payments');
    const services = tableFromRows(['Service name', 'Provider', 'Commissioner', 'Boroughs served'], [['Gangs Exit', 'St Giles Trust', 'MOPAC', 'Hackney']]);
    expect(suggestTargets(services)[0]?.target).toBe('services');
    const allocations = tableFromRows(['Borough', '2022-23', '2023-24', '2024-25'], [['Hackney', '£1', '£2', '£3']]);
    expect(suggestTargets(allocations)[0]).toMatchObject({ target: 'funding', reason: 'headers for Borough and 3 financial-year columns' });
  });
});
