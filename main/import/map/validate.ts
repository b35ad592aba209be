// Applying a mapping to a table: every row becomes the records it yields, or a
// rejection with every reason, and every mapped cell says what became of it.
//
// The rule for rows: never import a half-understood row silently. A row is
// rejected whole when any mapped cell in it is rejected, whether the field is
// required or optional (an optional cell that cannot be read is still
// something the file says that would be lost), and when a required field is
// empty. Each reason names the row, the column letter, its header and why.
// Empty optional cells are fine: they stay empty, and never erase a stored value.
import { boroughByGss } from '../../../shared/boroughs.ts';
import { financialYearOfDate, fyStartYear, type FinancialYear } from '../../../shared/financial-year.ts';
import { formatMoney } from '../../../shared/money.ts';
import { formatUkDate } from '../../../shared/uk-date.ts';
import type { ImportTable, TableCell, TableColumn, TableRow } from '../table.ts';
import { OrganisationBook, ServiceBook } from './books.ts';
import {
  cellText, isEmptyCell, readBorough, readBoroughList, readCurrency, readDate, readFinancialYear, readMeasure, readMoney, readText,
  type BoroughList, type BoroughValue, type CellRead,
} from './cells.ts';
import { matchFund, type KnownEntities, type KnownFund, type KnownFundingLine, type KnownPayment } from './known.ts';
import { parseMapping, resolveMapping, type Mapping, type MappingProblem, type ResolvedMapping } from './mapping.ts';
import { cleanText } from './normalise.ts';
import { organisationKey } from './organisations.ts';
import type {
  CellDiagnostic, Confirmations, DiagnosticOutcome, FieldChange, FundingLineRecord, ImportCounts, ImportRecord, MapOptions, MapResult,
  NewOrganisationKind, OrganisationRef, OutcomeCounts, PaymentRecord, RecordOutcome, RowResult, ServiceField, ServiceRecord, ServiceRef,
  ServiceValues,
} from './records.ts';
import { TARGETS, isTargetId, type FieldDef, type Measure, type TargetDef } from './targets.ts';

export type * from './records.ts';

const NO_CELL: TableCell = { raw: null, text: '', isDate: false };

function place(row: number, column: TableColumn | null, label: string | null): string {
  if (!column) return label ? `Row ${row}, ${label} (set for the whole file)` : `Row ${row}`;
  const header = cleanText(column.name);
  return `Row ${row}, column ${column.letter} (${header === '' ? 'no header' : header})`;
}

/** Everything one run shares across rows. */
class Run {
  readonly target: TargetDef;
  readonly organisations: OrganisationBook;
  readonly services: ServiceBook;
  readonly keepRows: ReadonlySet<number>;
  readonly constants = new Map<string, CellRead<unknown>>();
  readonly fundCache = new Map<string, ReturnType<typeof matchFund>>();
  readonly fundingSeen = new Map<string, { row: number; column: string; amount: number }>();
  readonly fundingKnown = new Map<string, KnownFundingLine[]>();
  readonly paymentsSeen = new Map<string, number>();
  readonly paymentsKnown = new Map<string, KnownPayment>();
  readonly table: ImportTable;
  readonly resolved: ResolvedMapping;
  readonly known: KnownEntities;
  readonly explainRows: number;

  constructor(table: ImportTable, resolved: ResolvedMapping, known: KnownEntities, confirmations: Confirmations, explainRows: number) {
    this.table = table;
    this.resolved = resolved;
    this.known = known;
    this.explainRows = explainRows;
    this.target = TARGETS[resolved.target];
    this.organisations = new OrganisationBook(known.organisations, confirmations);
    const orgs = new Map(known.organisations.map((o) => [o.id, o]));
    this.services = new ServiceBook(known.services, (id) => {
      if (id === null) return null;
      return { kind: 'existing', organisationId: id, name: orgs.get(id)?.name ?? id };
    });
    this.keepRows = new Set(confirmations.keepDuplicateRows ?? []);
    for (const line of known.fundingLines) {
      const key = fundingKey(line.serviceId ? `id:${line.serviceId}` : '', line.fundId, line.boroughGss, line.fyStart, line.measure);
      this.fundingKnown.set(key, [...(this.fundingKnown.get(key) ?? []), line]);
    }
    for (const p of known.payments) {
      const key = paymentKey(p.paidOn, p.supplierName, p.amountPence, p.transactionRef);
      if (!this.paymentsKnown.has(key)) this.paymentsKnown.set(key, p);
    }
  }

  private readonly orgKeys = new Map<string, string>();

  paymentKey(paidOn: string, supplierName: string, amountPence: number, transactionRef: string | null): string {
    let key = this.orgKeys.get(supplierName);
    if (key === undefined) {
      key = organisationKey(supplierName);
      this.orgKeys.set(supplierName, key);
    }
    return paymentKeyOf(paidOn, key, amountPence, transactionRef);
  }

  fund(text: string): ReturnType<typeof matchFund> {
    let found = this.fundCache.get(text);
    if (!found) {
      found = matchFund(text, this.known.funds);
      this.fundCache.set(text, found);
    }
    return found;
  }
}

function fundingKey(service: string, fundId: string | null, gss: string | null, fyStart: number, measure: Measure): string {
  return `${service}|${fundId ?? ''}|${gss ?? ''}|${fyStart}|${measure}`;
}

function paymentKeyOf(paidOn: string, supplierKey: string, amountPence: number, transactionRef: string | null): string {
  return `${paidOn}|${supplierKey}|${amountPence}|${(transactionRef ?? '').trim().toLowerCase()}`;
}

/** The identity of a payment: date, supplier (normalised as organisations are), amount and transaction reference. */
export function paymentKey(paidOn: string, supplierName: string, amountPence: number, transactionRef: string | null): string {
  return paymentKeyOf(paidOn, organisationKey(supplierName), amountPence, transactionRef);
}

function serviceIdentity(ref: ServiceRef | null): string {
  if (!ref) return '';
  return ref.kind === 'existing' ? `id:${ref.serviceId}` : `new:${ref.key}`;
}

/** One row being read: its diagnostics and rejections. */
class RowWork {
  readonly diagnostics: CellDiagnostic[] = [];
  readonly reasons: string[] = [];
  private readonly failed = new Set<string>();
  private readonly columns: readonly TableColumn[];
  private readonly run: Run;
  private readonly explain: boolean;
  readonly row: TableRow;

  constructor(run: Run, row: TableRow, explain: boolean) {
    this.run = run;
    this.row = row;
    this.explain = explain;
    this.columns = run.table.columns;
  }

  get rowNumber(): number {
    return this.row.rowNumber;
  }

  get rejected(): boolean {
    return this.reasons.length > 0;
  }

  def(field: string): FieldDef | undefined {
    return this.run.target.fields.find((f) => f.key === field);
  }

  say(outcome: DiagnosticOutcome, field: string | null, index: number | null, detail: string, label: string | null = null): void {
    if (outcome === 'understood' && !this.explain) return;
    const column = index === null ? null : this.columns[index] ?? null;
    const message = `${place(this.rowNumber, column, label)}: ${detail}`;
    this.diagnostics.push({
      rowNumber: this.rowNumber, column: column?.letter ?? null, header: column ? cleanText(column.name) : null, field, outcome, message, detail,
    });
    if (outcome === 'rejected') {
      this.reasons.push(message);
      if (field) this.failed.add(field);
    }
  }

  /** A row-level note (a merge, a duplicate) or rejection (a conflict). */
  rowNote(detail: string): void {
    this.say('note', null, null, detail);
  }

  rowReject(detail: string, field: string | null = null, index: number | null = null): void {
    this.say('rejected', field, index, detail);
  }

  indexOf(field: string): number | null {
    return this.run.resolved.fields.get(field) ?? null;
  }

  hasFailed(field: string): boolean {
    return this.failed.has(field);
  }

  /** The cell a field reads, with a note for formulas; null when the field has no column or the cell is empty. */
  cell(field: string, index: number | null = this.indexOf(field), label?: string): TableCell | null {
    if (index === null) return null;
    const cell = this.row.cells[index] ?? NO_CELL;
    if (cell.formula !== undefined) {
      const formula = `=${cell.formula.replace(/^=/, '')}`;
      if (cell.raw === null && cleanText(cell.text) === '') {
        this.say('rejected', field, index, `the formula ${formula} has no saved value: open the file in a spreadsheet program, let it calculate, save it and import it again`, label);
        return null;
      }
      this.say('note', field, index, `formula ${formula}: its saved value was used`, label);
    }
    return isEmptyCell(cell) ? null : cell;
  }

  /** Reads a field from its column, or from the value given for the whole file. */
  read<T>(field: string, reader: (cell: TableCell) => CellRead<T>): T | null {
    const constant = this.run.constants.get(field);
    if (constant) return constant.ok ? (constant.value as T) : null;
    const index = this.indexOf(field);
    const cell = this.cell(field, index);
    if (!cell) return null;
    const result = reader(cell);
    if (!result.ok) {
      this.say('rejected', field, index, result.reason);
      return null;
    }
    this.say('understood', field, index, result.detail);
    return result.value;
  }

  /** A required field that is empty rejects the row (unless the cell was already rejected for another reason). */
  require(field: string, value: unknown, why: string): void {
    if (value !== null || this.hasFailed(field)) return;
    const label = this.def(field)?.label ?? field;
    this.say('rejected', field, this.indexOf(field), `is empty, and ${why}`, this.indexOf(field) === null ? label : null);
  }

  text(field: string): string | null {
    return this.read(field, readText);
  }

  money(field: string): number | null {
    return this.read(field, readMoney);
  }

  date(field: string): string | null {
    return this.read(field, (cell) => readDate(cell, this.run.table.dateSystem));
  }

  financialYear(field: string): FinancialYear | null {
    return this.read(field, readFinancialYear);
  }

  borough(field: string): BoroughValue | null {
    return this.read(field, readBorough);
  }

  boroughList(field: string): BoroughList | null {
    return this.read(field, readBoroughList);
  }

  measure(field: string): Measure | null {
    return this.read(field, readMeasure);
  }

  fund(field: string): KnownFund | null {
    return this.read(field, (cell) => {
      const text = cellText(cell) ?? '';
      const found = this.run.fund(text);
      return found.ok ? { ok: true, value: found.fund, detail: `"${text}" → ${found.how}` } : { ok: false, reason: found.reason };
    });
  }

  /** An organisation: matched, uncertain (a new one, listed for the clerk) or new. */
  organisation(field: string, kind: NewOrganisationKind, identifier: string | null = null): { ref: OrganisationRef; name: string } | null {
    const constant = this.run.constants.get(field);
    const index = constant ? null : this.indexOf(field);
    const cell = constant ? null : this.cell(field, index);
    const name = constant?.ok ? String(constant.value) : cell ? cellText(cell) : null;
    if (name === null) return null;
    const resolution = this.run.organisations.resolve(name, kind, this.rowNumber, identifier);
    // A new or uncertain organisation is noted where the file first names it and in explained rows;
    // every row naming it is listed in MapResult.organisations.
    if (!constant && (resolution.first || this.explain)) this.say(resolution.outcome, field, index, resolution.detail);
    return { ref: resolution.ref, name };
  }

  service(field: string): ServiceRef | null {
    const constant = this.run.constants.get(field);
    const index = constant ? null : this.indexOf(field);
    const cell = constant ? null : this.cell(field, index);
    const text = constant?.ok ? String(constant.value) : cell ? cellText(cell) : null;
    if (text === null) return null;
    const found = this.run.services.lookup(text);
    if (found && 'ambiguous' in found) {
      this.say('rejected', field, index, found.ambiguous, constant ? 'Service' : null);
      return null;
    }
    if (found) {
      if (!constant) this.say('understood', field, index, `"${text}" → the stored service "${found.ref.name}" (matched by ${found.how})`);
      return found.ref;
    }
    const created = this.run.services.implicitService(text, this.rowNumber);
    // Said once, on the row that creates the service: a note on every later row naming it adds nothing.
    if (!constant && created.rows[0] === this.rowNumber) this.say('note', field, index, created.why);
    return { kind: 'new', key: created.key, name: created.values.name };
  }
}

// ---------------------------------------------------------------- services

function checkDates(w: RowWork, start: string | null, end: string | null, endField: string): void {
  if (start !== null && end !== null && end < start) {
    w.say('rejected', endField, w.indexOf(endField), `the end date ${formatUkDate(end)} is before the start date ${formatUkDate(start)}`);
  }
}

function providedOf(given: Record<ServiceField, boolean>): ServiceField[] {
  return (Object.entries(given) as [ServiceField, boolean][]).filter(([, isGiven]) => isGiven).map(([field]) => field);
}

function placeService(w: RowWork, run: Run, values: ServiceValues, provided: ServiceField[]): ServiceRecord | null {
  const placement = run.services.place(values, provided, w.rowNumber);
  if ('conflict' in placement) {
    w.rowReject(placement.conflict);
    return null;
  }
  for (const note of placement.notes) w.rowNote(note);
  if (placement.record.outcome !== 'new') w.rowNote(placement.record.why);
  return placement.record;
}

function serviceRow(w: RowWork, run: Run): ImportRecord[] {
  const reference = w.text('reference');
  const name = w.text('name');
  w.require('name', name, 'a service needs a name');
  const provider = w.organisation('provider', 'provider');
  const commissioner = w.organisation('commissioner', 'commissioner');
  const category = w.text('category');
  const boroughs = w.boroughList('boroughs');
  const startDate = w.date('startDate');
  const endDate = w.date('endDate');
  checkDates(w, startDate, endDate, 'endDate');
  const aims = w.text('aims');
  const outcomes = w.text('outcomes');
  if (w.rejected || name === null) return [];

  const values: ServiceValues = {
    reference, name, provider: provider?.ref ?? null, commissioner: commissioner?.ref ?? null, category,
    boroughs: boroughs?.boroughs.map((b) => b.gss) ?? [], londonWide: boroughs?.londonWide ?? false, startDate, endDate, aims, outcomes,
  };
  const given = {
    reference: reference !== null, name: true, provider: provider !== null, commissioner: commissioner !== null, category: category !== null,
    boroughs: boroughs !== null, londonWide: boroughs !== null, startDate: startDate !== null, endDate: endDate !== null, aims: aims !== null,
    outcomes: outcomes !== null,
  };
  const record = placeService(w, run, values, providedOf(given));
  return record ? [record] : [];
}

// ---------------------------------------------------------------- funding lines

interface LineDraft {
  financialYear: FinancialYear;
  measure: Measure;
  amount: number;
  index: number;
  field: string;
}

function describeLine(line: { measure: Measure; financialYear: string }, service: ServiceRef | null, fund: KnownFund | null, gss: string | null): string {
  const parts = [`the ${line.measure} amount for ${line.financialYear}`];
  if (gss) parts.push(`in ${boroughByGss(gss)?.name ?? gss}`);
  if (fund) parts.push(`from ${fund.code}`);
  if (service) parts.push(`for "${service.name}"`);
  return parts.join(' ');
}

/**
 * Places funding lines. A line is the same as another when its service, fund,
 * borough, financial year and measure agree: with the same amount it is a
 * duplicate; an earlier row of the file with another amount is a conflict
 * (rejected: the file contradicts itself); one stored line with another
 * amount is updated, and several are a conflict (which one would change?).
 */
function placeLines(w: RowWork, run: Run, drafts: LineDraft[], service: ServiceRef | null, fund: KnownFund | null, gss: string | null): FundingLineRecord[] {
  const records: FundingLineRecord[] = [];
  const keep = run.keepRows.has(w.rowNumber);
  for (const d of drafts) {
    const fyStart = fyStartYear(d.financialYear);
    const key = fundingKey(serviceIdentity(service), fund?.id ?? null, gss, fyStart, d.measure);
    const column = run.table.columns[d.index]?.letter ?? '?';
    const what = describeLine(d, service, fund, gss);
    const base = {
      kind: 'fundingLine' as const, service, fundId: fund?.id ?? null, fundCode: fund?.code ?? null, boroughGss: gss,
      financialYear: d.financialYear, fyStart, fyEnd: fyStart, measure: d.measure, amountPence: d.amount, column,
    };
    const earlier = run.fundingSeen.get(key);
    if (earlier && !keep) {
      if (earlier.amount !== d.amount) {
        w.say('rejected', d.field, d.index, `row ${earlier.row} (column ${earlier.column}) already gives ${what} as ${formatMoney(earlier.amount)}; this row says ${formatMoney(d.amount)}: correct one of the two`);
        continue;
      }
      const why = `same line as row ${earlier.row}, column ${earlier.column}: ${what}, ${formatMoney(d.amount)}`;
      w.say('note', d.field, d.index, `duplicate: ${why}`);
      records.push({ ...base, outcome: 'duplicate', existingId: null, changes: [], why });
      continue;
    }
    const stored = keep ? [] : run.fundingKnown.get(key) ?? [];
    const same = stored.find((s) => s.amountPence === d.amount);
    if (same) {
      const why = `identical to a stored funding line: ${what}, ${formatMoney(d.amount)}`;
      w.say('note', d.field, d.index, `duplicate: ${why}`);
      records.push({ ...base, outcome: 'duplicate', existingId: same.id, changes: [], why });
      continue;
    }
    if (stored.length > 1) {
      w.say('rejected', d.field, d.index, `the store already has ${stored.length} lines for ${what}, with other amounts: cannot tell which to update`);
      continue;
    }
    const old = stored[0];
    if (old) {
      const changes: FieldChange[] = [{ field: 'amountPence', label: 'amount', from: formatMoney(old.amountPence), to: formatMoney(d.amount) }];
      const why = `updates the stored line for ${what}: ${formatMoney(old.amountPence)} → ${formatMoney(d.amount)}`;
      w.say('note', d.field, d.index, why);
      records.push({ ...base, outcome: 'updated', existingId: old.id, changes, why });
      continue;
    }
    const why = keep && (earlier || (run.fundingKnown.get(key) ?? []).length > 0)
      ? `kept as a new line at your request, though it matches another: ${what}`
      : `a new line: ${what}`;
    if (keep) w.say('note', d.field, d.index, why);
    records.push({ ...base, outcome: 'new', existingId: null, changes: [], why });
  }
  return records;
}

function rememberLines(run: Run, row: number, records: readonly FundingLineRecord[]): void {
  for (const r of records) {
    const key = fundingKey(serviceIdentity(r.service), r.fundId, r.boroughGss, r.fyStart, r.measure);
    if (!run.fundingSeen.has(key)) run.fundingSeen.set(key, { row, column: r.column, amount: r.amountPence });
  }
}

function fundingRow(w: RowWork, run: Run): ImportRecord[] {
  const service = w.service('service');
  const fund = w.fund('fund');
  const borough = w.borough('borough');
  const gss = borough && !borough.londonWide ? borough.borough.gss : null;
  const drafts: LineDraft[] = [];

  if (run.resolved.yearColumns.length > 0) {
    for (const yc of run.resolved.yearColumns) {
      const field = `year:${yc.year}`;
      const cell = w.cell(field, yc.index);
      if (!cell) continue; // an empty year cell is no line, not a zero
      const read = readMoney(cell);
      if (!read.ok) {
        w.say('rejected', field, yc.index, read.reason);
        continue;
      }
      w.say('understood', field, yc.index, `${read.detail}, ${yc.measure} in ${yc.year}`);
      drafts.push({ financialYear: yc.year, measure: yc.measure, amount: read.value, index: yc.index, field });
    }
  } else {
    const fy = w.financialYear('financialYear');
    w.require('financialYear', fy, 'every funding line needs a financial year');
    const allocated = w.money('allocated');
    const spent = w.money('spent');
    const amount = w.money('amount');
    let measure: Measure | null = null;
    if (amount !== null) {
      if (run.resolved.fields.has('measure')) {
        measure = w.measure('measure');
        w.require('measure', measure, 'it says whether the amount is allocated or spent');
      } else {
        measure = run.resolved.measure ?? null;
      }
    }
    if (fy !== null) {
      const push = (field: string, value: number | null, m: Measure | null) => {
        const index = w.indexOf(field);
        if (value === null || m === null || index === null) return;
        const clash = drafts.find((d) => d.measure === m);
        if (clash) {
          w.say('rejected', field, index, `column ${run.table.columns[clash.index]?.letter ?? '?'} already gives the ${m} amount for this row: map only one of them`);
          return;
        }
        drafts.push({ financialYear: fy, measure: m, amount: value, index, field });
      };
      push('allocated', allocated, 'allocated');
      push('spent', spent, 'spent');
      push('amount', amount, measure);
    }
  }

  if (!w.rejected && drafts.length === 0) {
    const letters = run.resolved.yearColumns.length > 0
      ? run.resolved.yearColumns.map((y) => run.table.columns[y.index]?.letter ?? '?')
      : ['allocated', 'spent', 'amount'].map((f) => w.indexOf(f)).filter((i): i is number => i !== null).map((i) => run.table.columns[i]?.letter ?? '?');
    w.rowReject(`has no amount: column${letters.length > 1 ? 's' : ''} ${letters.join(', ')} ${letters.length > 1 ? 'are' : 'is'} empty`);
  }
  if (w.rejected) return [];
  const records = placeLines(w, run, drafts, service, fund, gss);
  return w.rejected ? [] : records;
}

// ---------------------------------------------------------------- payments

function paymentRow(w: RowWork, run: Run): ImportRecord[] {
  const paidOn = w.date('date');
  w.require('date', paidOn, 'every payment needs a date');
  const supplier = w.organisation('supplier', 'provider');
  w.require('supplier', supplier, 'every payment needs a supplier');
  const amount = w.money('amount');
  w.require('amount', amount, 'every payment needs an amount');
  const description = w.text('description');
  const costCentre = w.text('costCentre');
  const expenseType = w.text('expenseType');
  const transactionRef = w.text('transactionRef');
  const payer = w.organisation('payer', 'other');
  if (w.rejected || paidOn === null || supplier === null || amount === null) return [];

  const key = run.paymentKey(paidOn, supplier.name, amount, transactionRef);
  const record: PaymentRecord = {
    kind: 'payment', outcome: 'new', existingId: null, paidOn, supplierName: supplier.name, supplier: supplier.ref, payer: payer?.ref ?? null,
    amountPence: amount, description, costCentre, expenseType, transactionRef, why: 'a new payment',
  };
  const same = transactionRef ? 'same date, supplier, amount and transaction reference' : 'same date, supplier and amount';
  const noRef = transactionRef ? '' : ' (neither has a transaction reference)';
  const earlier = run.paymentsSeen.get(key);
  const stored = run.paymentsKnown.get(key);
  const keep = run.keepRows.has(w.rowNumber);
  if (earlier !== undefined) {
    record.why = `${same} as row ${earlier}${noRef}`;
  } else if (stored) {
    record.why = `${same} as a stored payment${stored.origin ? ` (${stored.origin})` : ''}${noRef}`;
    record.existingId = stored.id;
  }
  if (earlier !== undefined || stored) {
    if (keep) {
      record.why = `kept as a new payment at your request, though it has the ${record.why}`;
      record.existingId = null;
    } else {
      record.outcome = 'duplicate';
      record.why = `duplicate: ${record.why}`;
    }
    w.rowNote(record.why);
  }
  return [record];
}

// ---------------------------------------------------------------- 360Giving grants

function grantBoroughs(w: RowWork): { boroughs: string[]; londonWide: boolean } | null {
  const place = w.text('locationName');
  const type = (w.text('locationCodeType') ?? '').toUpperCase();
  const index = w.indexOf('locationCode');
  const cell = w.cell('locationCode', index);
  if (!cell) return null;
  const code = (cellText(cell) ?? '').toUpperCase();
  const named = place ? ` ("${place}")` : '';
  if (code === 'E12000007') {
    w.say('understood', 'locationCode', index, `${code}${named} is London as a whole → London-wide`);
    return { boroughs: [], londonWide: true };
  }
  if (type === 'LONB' || code.startsWith('E09')) {
    const borough = boroughByGss(code);
    if (!borough) {
      w.say('rejected', 'locationCode', index, `"${code}" is not a London borough code: they run from E09000001 (City of London) to E09000033 (Westminster)`);
      return null;
    }
    w.say('understood', 'locationCode', index, `${code}${named} → ${borough.name}`);
    return { boroughs: [borough.gss], londonWide: false };
  }
  w.say('note', 'locationCode', index, `${code}${type ? ` (type ${type})` : ''}${named} is not a London borough code: no borough is recorded for this grant`);
  return null;
}

function grantRow(w: RowWork, run: Run): ImportRecord[] {
  const identifier = w.text('identifier');
  w.require('identifier', identifier, 'every grant needs an Identifier');
  const title = w.text('title');
  const description = w.text('description');

  let currencyOk = true;
  const currencyIndex = w.indexOf('currency');
  if (currencyIndex !== null) {
    const cell = w.cell('currency', currencyIndex);
    if (!cell) {
      w.say('rejected', 'currency', currencyIndex, 'is empty: a grant must say its currency (GBP)');
      currencyOk = false;
    } else {
      const read = readCurrency(cell);
      if (read.ok) w.say('understood', 'currency', currencyIndex, read.detail);
      else {
        w.say('rejected', 'currency', currencyIndex, read.reason);
        currencyOk = false;
      }
    }
  }
  let amount: number | null = null;
  if (currencyOk) {
    amount = w.money('amountAwarded');
    w.require('amountAwarded', amount, 'every grant needs an Amount Awarded');
  } else if (w.indexOf('amountAwarded') !== null) {
    w.say('note', 'amountAwarded', w.indexOf('amountAwarded'), 'not read: the grant is not in pounds sterling');
  }
  const awardDate = w.date('awardDate');
  const plannedStart = w.date('plannedStart');
  const plannedEnd = w.date('plannedEnd');
  checkDates(w, plannedStart, plannedEnd, 'plannedEnd');
  const recipientId = w.text('recipientId');
  const recipient = w.organisation('recipientName', 'provider', recipientId);
  w.require('recipientName', recipient, 'every grant needs a recipient');
  const funderId = w.text('funderId');
  const funder = w.organisation('funderName', 'funder', funderId);
  const area = grantBoroughs(w);
  const programme = w.text('programmeTitle');
  let fund = w.fund('fund');
  if (fund === null && programme !== null && !run.resolved.constants.has('fund')) {
    const found = run.fund(programme);
    if (found.ok) {
      fund = found.fund;
      w.say('note', 'programmeTitle', w.indexOf('programmeTitle'), `the grant programme names a known fund: ${found.how}`);
    }
  }

  const dated = awardDate ?? plannedStart;
  if (dated === null && !w.hasFailed('awardDate') && !w.hasFailed('plannedStart')) {
    w.rowReject('has neither an Award Date nor a Planned Dates:Start Date, so the financial year of the grant is unknown', 'awardDate', w.indexOf('awardDate'));
  }
  if (w.rejected || identifier === null || recipient === null || amount === null || dated === null) return [];

  const financialYear = financialYearOfDate(dated);
  w.rowNote(`allocated in ${financialYear}, the financial year of its ${awardDate ? 'award date' : 'planned start date'} ${formatUkDate(dated)}`);
  if (title === null) w.rowNote(`has no Title: the service is named by its identifier, ${identifier}`);
  const values: ServiceValues = {
    reference: identifier, name: title ?? identifier, provider: recipient.ref, commissioner: funder?.ref ?? null, category: programme,
    boroughs: area?.boroughs ?? [], londonWide: area?.londonWide ?? false, startDate: plannedStart, endDate: plannedEnd, aims: description,
    outcomes: null,
  };
  const provided: ServiceField[] = ['reference', 'name', 'provider'];
  if (funder) provided.push('commissioner');
  if (programme !== null) provided.push('category');
  if (area) provided.push('boroughs', 'londonWide');
  if (plannedStart !== null) provided.push('startDate');
  if (plannedEnd !== null) provided.push('endDate');
  if (description !== null) provided.push('aims');
  const service = placeService(w, run, values, provided);
  if (!service) return [];
  const serviceRef: ServiceRef = service.existingId
    ? { kind: 'existing', serviceId: service.existingId, name: service.values.name }
    : { kind: 'new', key: service.key, name: service.values.name };
  const amountIndex = w.indexOf('amountAwarded') ?? 0;
  const gss = area && area.boroughs.length === 1 ? area.boroughs[0] ?? null : null;
  const lines = placeLines(w, run, [{ financialYear, measure: 'allocated', amount, index: amountIndex, field: 'amountAwarded' }], serviceRef, fund, gss);
  if (w.rejected) return [];
  return [service, ...lines];
}

// ---------------------------------------------------------------- the run

function rowOutcome(records: readonly ImportRecord[]): RecordOutcome {
  if (records.some((r) => r.outcome === 'new')) return 'new';
  if (records.some((r) => r.outcome === 'updated')) return 'updated';
  return 'duplicate';
}

function emptyCounts(): OutcomeCounts {
  return { new: 0, updated: 0, duplicate: 0 };
}

function zeroCounts(rowsRead: number): ImportCounts {
  return {
    rowsRead, accepted: 0, rejected: 0, new: 0, updated: 0, duplicate: 0,
    records: { services: emptyCounts(), fundingLines: emptyCounts(), payments: emptyCounts() },
    newOrganisations: 0, uncertainOrganisations: 0, newServices: 0,
  };
}

function prepareConstants(run: Run, problems: MappingProblem[]): void {
  for (const [field, value] of run.resolved.constants) {
    const def = run.target.fields.find((f) => f.key === field);
    if (!def) continue;
    const cell: TableCell = { raw: value, text: value, isDate: false };
    let read: CellRead<unknown>;
    switch (def.kind) {
      case 'fund': {
        const found = run.fund(value);
        read = found.ok ? { ok: true, value: found.fund, detail: found.how } : { ok: false, reason: found.reason };
        break;
      }
      case 'financialYear': read = readFinancialYear(cell); break;
      case 'borough': read = readBorough(cell); break;
      case 'measure': read = readMeasure(cell); break;
      default: read = { ok: true, value, detail: `"${value}"` };
    }
    if (!read.ok) problems.push({ severity: 'error', field, column: null, message: `${def.label} for the whole file: ${read.reason}` });
    run.constants.set(field, read);
  }
}

/**
 * Maps and validates a table. `mapping.target` says what the rows become;
 * `known` is what the store holds; `confirmations` are the clerk's decisions on
 * uncertain organisations and on rows that only look like duplicates.
 * Pure: reads nothing but its arguments and changes none of them.
 */
export function mapTable(
  table: ImportTable,
  mapping: Mapping,
  known: KnownEntities,
  confirmations: Confirmations = {},
  options: MapOptions = {},
): MapResult {
  const shape = parseMapping(mapping);
  if (!shape.ok) {
    const target = isTargetId(String(mapping?.target)) ? mapping.target : 'payments';
    return {
      target, ok: false, problems: [{ severity: 'error', field: null, column: null, message: shape.reason }], rows: [], skipped: table.skipped,
      organisations: { matched: [], uncertain: [], new: [] }, newServices: [], counts: zeroCounts(table.rows.length),
    };
  }
  const resolved = resolveMapping(mapping, table.columns);
  const problems = [...resolved.problems];
  const run = new Run(table, resolved, known, confirmations, options.explainRows ?? Number.POSITIVE_INFINITY);
  prepareConstants(run, problems);
  for (const message of run.organisations.problems) problems.push({ severity: 'warning', field: null, column: null, message });

  const counts = zeroCounts(table.rows.length);
  const { records } = counts;
  if (problems.some((p) => p.severity === 'error')) {
    return {
      target: mapping.target, ok: false, problems, rows: [], skipped: table.skipped,
      organisations: { matched: [], uncertain: [], new: [] }, newServices: [], counts,
    };
  }

  const process = { services: serviceRow, funding: fundingRow, payments: paymentRow, grants360: grantRow }[mapping.target];
  const rows: RowResult[] = [];
  const accepted = new Set<number>();
  table.rows.forEach((row, i) => {
    const w = new RowWork(run, row, i < run.explainRows);
    const produced = process(w, run);
    if (w.rejected || produced.length === 0) {
      if (!w.rejected) w.rowReject('yields nothing to import');
      rows.push({ rowNumber: row.rowNumber, status: 'rejected', outcome: 'rejected', records: [], reasons: w.reasons, diagnostics: w.diagnostics });
      counts.rejected++;
      return;
    }
    accepted.add(row.rowNumber);
    counts.accepted++;
    for (const r of produced) {
      if (r.kind === 'service') run.services.remember(r, row.rowNumber);
      const bucket = r.kind === 'service' ? records.services : r.kind === 'fundingLine' ? records.fundingLines : records.payments;
      bucket[r.outcome]++;
    }
    rememberLines(run, row.rowNumber, produced.filter((r): r is FundingLineRecord => r.kind === 'fundingLine'));
    if (mapping.target === 'payments') {
      for (const r of produced) {
        if (r.kind !== 'payment') continue;
        const key = run.paymentKey(r.paidOn, r.supplierName, r.amountPence, r.transactionRef);
        if (!run.paymentsSeen.has(key)) run.paymentsSeen.set(key, row.rowNumber);
      }
    }
    const outcome = rowOutcome(produced);
    rows.push({ rowNumber: row.rowNumber, status: 'accepted', outcome, records: produced, reasons: [], diagnostics: w.diagnostics });
    if (mapping.target === 'grants360') counts[outcome]++;
  });

  const main = { services: records.services, funding: records.fundingLines, payments: records.payments, grants360: null }[mapping.target];
  if (main) {
    counts.new = main.new;
    counts.updated = main.updated;
    counts.duplicate = main.duplicate;
  }

  const organisations = run.organisations.finish(accepted);
  const newServices: ServiceRecord[] = [];
  for (const s of run.services.implicit.values()) {
    const rowsUsing = s.rows.filter((r) => accepted.has(r));
    if (rowsUsing.length > 0) newServices.push({ ...s, rows: rowsUsing });
  }
  counts.newOrganisations = organisations.created.length;
  counts.uncertainOrganisations = organisations.uncertain.length;
  counts.newServices = newServices.length;

  return {
    target: mapping.target,
    ok: true,
    problems,
    rows,
    skipped: table.skipped,
    organisations: { matched: organisations.matched, uncertain: organisations.uncertain, new: organisations.created },
    newServices,
    counts,
  };
}
