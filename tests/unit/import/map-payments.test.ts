// Payments from a MOPAC "expenditure over £500" transparency file.
import { describe, expect, it } from 'vitest';
import { expectEveryRejectionPlaced } from '../../helpers/mapping-assertions.ts';
import { guessMapping } from '../../../main/import/map/guess.ts';
import type { KnownEntities } from '../../../main/import/map/known.ts';
import type { Mapping } from '../../../main/import/map/mapping.ts';
import { tableFromRows } from '../../../main/import/map/table-from-rows.ts';
import { mapTable, type PaymentRecord, type RowResult } from '../../../main/import/map/validate.ts';

const KNOWN: KnownEntities = {
  organisations: [
    { id: 'org-mopac', name: "Mayor's Office for Policing and Crime", aliases: ['MOPAC'] },
    { id: 'org-st-giles', name: 'St Giles Trust' },
    { id: 'org-redthread', name: 'Redthread' },
    { id: 'org-victim-support', name: 'Victim Support' },
  ],
  services: [],
  funds: [],
  fundingLines: [],
  payments: [
    {
      id: 'pay-88', paidOn: '2023-03-15', supplierName: 'VICTIM SUPPORT', amountPence: 200_000, transactionRef: '5100009999',
      origin: 'import of mopac-spend-2022-23-q4.csv, row 88',
    },
  ],
};

const HEADERS = ['Vendor Name', 'Expenditure Account Code Description', 'SAP Document No', 'Clearing Date', 'Amount', 'Directorate', 'Description'];
const GRANTS = 'Grants to voluntary organisations';
const table = tableFromRows(HEADERS, [
  /* 2 */ ['St Giles Trust', GRANTS, '5100012345', '03/04/2023', '£12,500.00', 'Commissioning', 'Gangs Exit Q1'],
  /* 3 */ ['ST GILES TRUST LTD', GRANTS, '5100012346', { date: 45019 }, 12500, 'Commissioning', 'Gangs Exit Q1 (second instalment)'],
  /* 4 */ ['St. Giles Trust', GRANTS, '5100012345', '3 April 2023', '12,500', 'Commissioning', 'Gangs Exit Q1'],
  /* 5 */ ['Redthread', GRANTS, null, '2023-04-05', '£7,950.40', 'VRU', 'Youth Violence Intervention Programme'],
  /* 6 */ ['REDTHREAD LIMITED', GRANTS, null, '05/04/2023', 7950.4, 'VRU', 'Youth Violence Intervention Programme'],
  /* 7 */ ['Victim Support', 'Grant refund', '5100012399', '28/04/2023', '(£1,234.56)', 'Commissioning', 'Credit note'],
  /* 8 */ ['Safer London', GRANTS, '5100012400', 45044, '£3,000', 'VRU', 'Mentoring'],
  /* 9 */ ['Safer London', GRANTS, '5100012401', '30/04/2023', '£12.345', 'VRU', 'Mentoring'],
  /* 10 */ ['Catch22 Charity Ltd', GRANTS, '5100012402', '31/04/2023', '-£500', 'VRU', 'Refund'],
  /* 11 */ [null, GRANTS, '5100012403', '02/05/2023', '£900', 'VRU', 'Unknown payee'],
  /* 12 */ ['Victim Support', GRANTS, '5100009999', '15/03/2023', '£2,000', 'Commissioning', 'Court advocacy'],
], { fileName: 'MOPAC spend over 500 April 2023.csv' });

const guess = guessMapping(table, 'payments');
const mapping: Mapping = { ...guess.mapping, constants: { payer: 'MOPAC' } };
const result = mapTable(table, mapping, KNOWN);

function row(n: number): RowResult {
  const found = result.rows.find((r) => r.rowNumber === n);
  if (!found) throw new Error(`no row ${n}`);
  return found;
}

function payment(n: number, from = result): PaymentRecord {
  const record = from.rows.find((r) => r.rowNumber === n)?.records[0];
  if (record?.kind !== 'payment') throw new Error(`row ${n} has no payment`);
  return record;
}

describe('payments: mapping a transparency file', () => {
  it('maps the usual headers of a spend file', () => {
    expect(Object.fromEntries(Object.entries(guess.mapping.columns).map(([k, v]) => [k, v?.letter]))).toEqual({
      date: 'D', supplier: 'A', amount: 'E', description: 'G', costCentre: 'F', expenseType: 'B', transactionRef: 'C',
    });
    expect(guess.missingRequired).toEqual([]);
    expect(guess.conflicts).toEqual([]);
  });
});

describe('payments: values', () => {
  it('reads every money form to exact pence', () => {
    expect(payment(2).amountPence).toBe(1_250_000);
    expect(payment(3).amountPence).toBe(1_250_000);
    expect(payment(5).amountPence).toBe(795_040);
    expect(payment(6).amountPence).toBe(795_040);
    expect(payment(7).amountPence).toBe(-123_456);
    expect(payment(12).amountPence).toBe(200_000);
  });

  it('reads dates in UK order, from text and from spreadsheet dates', () => {
    expect([2, 3, 4, 5, 6, 7].map((n) => payment(n).paidOn)).toEqual([
      '2023-04-03', '2023-04-03', '2023-04-03', '2023-04-05', '2023-04-05', '2023-04-28',
    ]);
  });

  it('matches suppliers to known organisations and records who paid', () => {
    expect(payment(3)).toMatchObject({
      supplierName: 'ST GILES TRUST LTD', supplier: { kind: 'existing', organisationId: 'org-st-giles' },
      payer: { kind: 'existing', organisationId: 'org-mopac' }, transactionRef: '5100012346',
      description: 'Gangs Exit Q1 (second instalment)', costCentre: 'Commissioning', expenseType: GRANTS,
    });
    expect(payment(6).supplier).toEqual({ kind: 'existing', organisationId: 'org-redthread', name: 'Redthread' });
  });
});

describe('payments: duplicates', () => {
  it('finds a repeat within the file by date, supplier, amount and transaction reference', () => {
    expect(payment(4)).toMatchObject({ outcome: 'duplicate', why: 'duplicate: same date, supplier, amount and transaction reference as row 2' });
    expect(payment(3).outcome).toBe('new'); // same day and amount, another transaction reference
  });

  it('finds a repeat without transaction references, and says so', () => {
    expect(payment(6).why).toBe('duplicate: same date, supplier and amount as row 5 (neither has a transaction reference)');
    expect(row(6).diagnostics.find((d) => d.column === null)?.message).toBe(
      'Row 6: duplicate: same date, supplier and amount as row 5 (neither has a transaction reference)',
    );
  });

  it('finds a payment already stored, and says where it came from', () => {
    expect(payment(12)).toMatchObject({
      outcome: 'duplicate', existingId: 'pay-88',
      why: 'duplicate: same date, supplier, amount and transaction reference as a stored payment (import of mopac-spend-2022-23-q4.csv, row 88)',
    });
  });

  it('keeps a duplicate as new when the clerk says it is a separate payment', () => {
    const kept = mapTable(table, mapping, KNOWN, { keepDuplicateRows: [6] });
    expect(payment(6, kept)).toMatchObject({ outcome: 'new', existingId: null });
    expect(payment(6, kept).why).toBe('kept as a new payment at your request, though it has the same date, supplier and amount as row 5 (neither has a transaction reference)');
    expect(kept.counts).toMatchObject({ new: 5, duplicate: 2 });
  });
});

describe('payments: rejections', () => {
  it('rejects a plain number in the date column', () => {
    expect(row(8).reasons).toEqual([
      'Row 8, column D (Clearing Date): 45044 is a number, not a date: format the column as dates in the spreadsheet, or write them as dd/mm/yyyy',
    ]);
  });

  it('rejects an amount with more than two decimal places', () => {
    expect(row(9).reasons).toEqual(['Row 9, column E (Amount): "£12.345" has more than two decimal places: pounds and pence need at most two']);
  });

  it('rejects a day that does not exist', () => {
    expect(row(10).reasons).toEqual(['Row 10, column D (Clearing Date): "31/04/2023": 31 April 2023 does not exist']);
  });

  it('rejects a payment without a supplier', () => {
    expect(row(11).reasons).toEqual(['Row 11, column A (Vendor Name): is empty, and every payment needs a supplier']);
  });

  it('makes no organisation for names seen only in rejected rows', () => {
    expect(result.organisations.new).toEqual([]);
    expect(result.organisations.uncertain).toEqual([]);
  });

  it('names row, column letter, header and reason in every rejection', () => {
    expectEveryRejectionPlaced(result);
  });

  it('counts payments', () => {
    expect(result.counts).toMatchObject({ rowsRead: 11, accepted: 7, rejected: 4, new: 4, updated: 0, duplicate: 3 });
  });
});
