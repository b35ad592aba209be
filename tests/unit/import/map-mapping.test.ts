// A mapping that cannot work is refused before any row is read, with reasons;
// odd cells (formulas without a saved value, dates in money columns) are
// rejected with theirs.
import { describe, expect, it } from 'vitest';
import inquiry from '../../../resources/seed/inquiry.json' with { type: 'json' };
import { NO_KNOWN_ENTITIES, type KnownEntities } from '../../../main/import/map/known.ts';
import type { Mapping } from '../../../main/import/map/mapping.ts';
import { tableFromRows } from '../../../main/import/map/table-from-rows.ts';
import { TARGETS, TARGET_IDS } from '../../../main/import/map/targets.ts';
import { mapTable } from '../../../main/import/map/validate.ts';

const KNOWN: KnownEntities = { ...NO_KNOWN_ENTITIES, funds: inquiry.funds.map((f) => ({ id: f.key, code: f.code, name: f.name })) };
const spend = tableFromRows(['Date', 'Supplier', 'Amount'], [['03/04/2023', 'Redthread', '£500']]);
const ref = (letter: string, header: string) => ({ letter, header });

describe('targets', () => {
  it('has the four targets, each field with a label, a kind and header names', () => {
    expect(TARGET_IDS).toEqual(['services', 'funding', 'payments', 'grants360']);
    for (const id of TARGET_IDS) {
      for (const field of TARGETS[id].fields) {
        expect(field.label).not.toBe('');
        if (!field.constant) expect(field.synonyms.length).toBeGreaterThan(0);
      }
    }
    const required = (id: keyof typeof TARGETS) => TARGETS[id].fields.filter((f) => f.required).map((f) => f.key);
    expect(required('services')).toEqual(['name']);
    expect(required('funding')).toEqual(['financialYear']);
    expect(required('payments')).toEqual(['date', 'supplier', 'amount']);
    expect(required('grants360')).toEqual(['identifier', 'amountAwarded', 'recipientName']);
  });
});

describe('mapping problems stop the import before any row is read', () => {
  it('needs every required field', () => {
    const result = mapTable(spend, { version: 1, target: 'payments', columns: { date: ref('A', 'Date'), supplier: ref('B', 'Supplier') } }, KNOWN);
    expect(result.ok).toBe(false);
    expect(result.rows).toEqual([]);
    expect(result.problems).toEqual([{ severity: 'error', field: 'amount', column: null, message: 'Amount is needed: map a column to it' }]);
  });

  it('says when a mapped column is not in the file', () => {
    const mapping: Mapping = { version: 1, target: 'payments', columns: { date: ref('A', 'Date'), supplier: ref('B', 'Supplier'), amount: ref('D', 'Net amount') } };
    expect(mapTable(spend, mapping, KNOWN).problems.map((p) => p.message)).toEqual(['Amount: column D ("Net amount") is not in this file']);
  });

  it('checks a value given for the whole file', () => {
    const wide = tableFromRows(['Borough', '2023-24'], [['Hackney', '£1']]);
    const mapping: Mapping = {
      version: 1, target: 'funding', columns: { borough: ref('A', 'Borough') }, constants: { fund: 'Big Lottery' },
      yearColumns: [{ column: ref('B', '2023-24'), year: '2023-24' as never, measure: 'allocated' }],
    };
    expect(mapTable(wide, mapping, KNOWN).problems.map((p) => p.message)).toEqual([
      'Fund for the whole file: "Big Lottery" is not a fund Scrutiny Desk knows (known funds: LCPF, LCPF-DIRECT, LCPF-VRU, LCPF-COCOM, LONDON-WIDE, DASA): add the fund first, or correct the name',
    ]);
  });

  it('refuses two columns for the same year, and both layouts at once', () => {
    const wide = tableFromRows(['Borough', '2023-24', 'Allocation 2023-24', 'Financial year'], [['Hackney', '£1', '£1', '2023-24']]);
    const mapping: Mapping = {
      version: 1, target: 'funding', columns: { financialYear: ref('D', 'Financial year') }, constants: { fund: 'LCPF' },
      yearColumns: [
        { column: ref('B', '2023-24'), year: '2023-24' as never, measure: 'allocated' },
        { column: ref('C', 'Allocation 2023-24'), year: '2023-24' as never, measure: 'allocated' },
      ],
    };
    expect(mapTable(wide, mapping, KNOWN).problems.map((p) => p.message)).toEqual([
      'Columns B and C both hold the allocated amount for 2023-24: map only one of them',
      'The file has both a Financial year column and columns per financial year: use one layout',
    ]);
  });

  it('refuses a saved mapping that is not a mapping', () => {
    const broken = JSON.parse('{"version":1,"target":"payments","columns":{"amount":"C"}}') as Mapping;
    expect(mapTable(spend, broken, KNOWN)).toMatchObject({
      ok: false, rows: [], problems: [{ severity: 'error', message: 'The column for "amount" is not a letter and a header' }],
    });
    const newer = JSON.parse('{"version":2,"target":"payments","columns":{}}') as Mapping;
    expect(mapTable(spend, newer, KNOWN).problems[0]?.message).toBe('The mapping has version 2; this Scrutiny Desk reads version 1');
  });

  it('warns about a confirmation naming an organisation it does not know', () => {
    const mapping: Mapping = { version: 1, target: 'payments', columns: { date: ref('A', 'Date'), supplier: ref('B', 'Supplier'), amount: ref('C', 'Amount') } };
    const result = mapTable(spend, mapping, KNOWN, { organisations: { redthread: { organisationId: 'org-gone' } } });
    expect(result.ok).toBe(true);
    expect(result.problems).toEqual([{
      severity: 'warning', field: null, column: null,
      message: 'The confirmation for "redthread" names an organisation that is not known (org-gone): it is ignored',
    }]);
  });
});

describe('odd cells', () => {
  const mapping: Mapping = { version: 1, target: 'payments', columns: { date: ref('A', 'Date'), supplier: ref('B', 'Supplier'), amount: ref('C', 'Amount') } };

  it('rejects a formula without a saved value, and notes one with', () => {
    const table = tableFromRows(['Date', 'Supplier', 'Amount'], [
      ['03/04/2023', 'Redthread', { formula: '=D2*1.2', value: null }],
      ['03/04/2023', 'Redthread', { formula: 'D3*1.2', value: 600, text: '£600.00' }],
    ]);
    const result = mapTable(table, mapping, KNOWN);
    expect(result.rows[0]?.reasons).toEqual([
      'Row 2, column C (Amount): the formula =D2*1.2 has no saved value: open the file in a spreadsheet program, let it calculate, save it and import it again',
    ]);
    expect(result.rows[1]?.diagnostics.filter((d) => d.column === 'C').map((d) => [d.outcome, d.detail])).toEqual([
      ['note', 'formula =D3*1.2: its saved value was used'],
      ['understood', '"£600.00" → 60000p (£600)'],
    ]);
  });

  it('rejects a date in a money column and a true/false in a date column', () => {
    const table = tableFromRows(['Date', 'Supplier', 'Amount'], [[true, 'Redthread', { date: 45019, text: '03/04/2023' }]]);
    expect(mapTable(table, mapping, KNOWN).rows[0]?.reasons).toEqual([
      'Row 2, column A (Date): "TRUE" is true or false, not a date',
      'Row 2, column C (Amount): "03/04/2023" is a date, not an amount',
    ]);
  });

  it('reads dates in a 1904 workbook by that date system', () => {
    const table = tableFromRows(['Date', 'Supplier', 'Amount'], [[{ date: 43557 }, 'Redthread', 500]], { dateSystem: '1904' });
    const record = mapTable(table, mapping, KNOWN).rows[0]?.records[0];
    expect(record?.kind === 'payment' && record.paidOn).toBe('2023-04-03');
  });
});
