// Commissioned services in the store: the flat rows of the services table (a few
// aggregate queries for the whole table, never one per service), one service's
// detail, organisations for pickers, and the edits, each one change set of the
// writer so that history.undo and history.redo take it back and forth whole.
import type Database from 'better-sqlite3';
import { boroughByGss } from '../../shared/boroughs.ts';
import { formatFinancialYearRange } from '../../shared/financial-year.ts';
import type {
  FundingPeriod, ImportOrigin, LineOrigins, OrganisationRef, OrganisationSummary, ServiceDeleted, ServiceDetail, ServiceFields,
  ServicePatch, ServiceRow, ServiceStatus,
} from '../../shared/services-schemas.ts';
import { formatUkDate } from '../../shared/uk-date.ts';
import { StoreError } from './errors.ts';
import { normaliseOrganisationName } from './seed.ts';
import type { ChangeTx, Row, Writer } from './writer.ts';

type Db = Database.Database;

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/** A prepared statement, prepared once per connection. */
function sql(db: Db, text: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  let statement = cache.get(text);
  if (!statement) {
    statement = db.prepare(text);
    cache.set(text, statement);
  }
  return statement;
}

export function periodOf(fyStart: number, fyEnd: number): FundingPeriod {
  return { fyStart, fyEnd, label: formatFinancialYearRange(fyStart, fyEnd) };
}

/** Funds in code order, lines that name no fund last. */
export function compareFundCodes(a: { fundCode: string | null }, b: { fundCode: string | null }): number {
  if (a.fundCode === b.fundCode) return 0;
  if (a.fundCode === null) return 1;
  if (b.fundCode === null) return -1;
  return a.fundCode < b.fundCode ? -1 : 1;
}

export function comparePeriods(a: { fyStart: number; fyEnd: number }, b: { fyStart: number; fyEnd: number }): number {
  return a.fyStart - b.fyStart || a.fyEnd - b.fyEnd;
}

/** The latest financial year any single-year funding line names, or null when there is none. */
export function latestFundingYear(db: Db): number | null {
  // Walks the funding_rollup_by_period index from the top: stops at the first single-year line.
  const year = sql(db, 'SELECT fy_start FROM funding_lines WHERE fy_end = fy_start ORDER BY fy_start DESC LIMIT 1').pluck().get() as number | undefined;
  return year ?? null;
}

export function serviceStatus(startDate: string | null, endDate: string | null, today: string): ServiceStatus {
  if (!startDate && !endDate) return 'undated';
  if (startDate && startDate > today) return 'not_started';
  if (endDate && endDate < today) return 'ended';
  return 'running';
}

// ---------------------------------------------------------------- the table

export interface FundRow {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  parentCode: string | null;
}

export function listFunds(db: Db): FundRow[] {
  return sql(db, `
    SELECT f.id, f.code, f.name, f.parent_fund_id AS parentId, p.code AS parentCode
    FROM funds f LEFT JOIN funds p ON p.id = f.parent_fund_id ORDER BY f.code`).all() as FundRow[];
}

export function fundCodesById(db: Db): Map<string, string> {
  return new Map((sql(db, 'SELECT id, code FROM funds').all() as { id: string; code: string }[]).map((fund) => [fund.id, fund.code]));
}

/**
 * What the store's data looks like now: changes whenever this connection writes
 * anything (total_changes) or another one commits (data_version, e.g. the import
 * worker), so an aggregate computed for one value is still right for the same value.
 */
export function dataVersion(db: Db): string {
  const version = sql(db, 'PRAGMA data_version').pluck().get() as number;
  const changes = sql(db, 'SELECT total_changes()').pluck().get() as number;
  return `${version}:${changes}`;
}

const memos = new WeakMap<Db, Map<string, { key: string; value: unknown }>>();

/** The value computed for `key` last time, or a fresh one. One entry per name and connection. */
export function memo<T>(db: Db, name: string, key: string, compute: () => T): T {
  let cache = memos.get(db);
  if (!cache) {
    cache = new Map();
    memos.set(db, cache);
  }
  const hit = cache.get(name);
  if (hit && hit.key === key) return hit.value as T;
  const value = compute();
  cache.set(name, { key, value });
  return value;
}

/**
 * A service's money in one measure from one origin (an import batch, a source, or
 * neither), and in one fund when asked for by fund.
 */
export interface ServiceTotal {
  service_id: string | null;
  measure: 'allocated' | 'spent';
  origin_batch_id: string | null;
  origin_source_id: string | null;
  fund_id: string | null;
  pence: number;
  lines: number;
}

// Grouped in the order of the funding_rollup_by_service index, so the groups stream
// out of one ordered pass with no sort; by fund is one more key on the same pass.
const SERVICE_TOTALS = (where: string, byFund: boolean) => `
  SELECT service_id, measure, origin_batch_id, origin_source_id, ${byFund ? 'fund_id' : 'NULL AS fund_id'}, sum(amount_pence) AS pence, count(*) AS lines
  FROM funding_lines ${where}
  GROUP BY service_id, measure, origin_batch_id, origin_source_id${byFund ? ', fund_id' : ''}`;

/**
 * Every service's money by measure and origin, and by fund when `byFund` (service_id
 * null: lines tied to no service); kept until the data changes. The services table
 * asks by fund; the Budgets page's categories need no fund, and so half the groups.
 */
export function serviceTotals(db: Db, byFund: boolean, onlyId?: string): ServiceTotal[] {
  if (onlyId !== undefined) return sql(db, SERVICE_TOTALS('WHERE service_id = ?', byFund)).all(onlyId) as ServiceTotal[];
  return memo(db, `service-totals-${byFund}`, dataVersion(db), () => sql(db, SERVICE_TOTALS('', byFund)).all() as ServiceTotal[]);
}

/** Each service's money in one financial year, by measure, read from the funding_rollup_by_period index. */
export function serviceYearTotals(db: Db, fyStart: number | null, onlyId?: string): Map<string | null, { allocated: number; spent: number }> {
  const totals = new Map<string | null, { allocated: number; spent: number }>();
  if (fyStart === null) return totals;
  const rows = (onlyId !== undefined
    ? sql(db, 'SELECT service_id, measure, sum(amount_pence) AS pence FROM funding_lines WHERE fy_start = @year AND fy_end = @year AND service_id = @id GROUP BY measure')
      .all({ year: fyStart, id: onlyId })
    : memo(db, 'service-year-totals', `${dataVersion(db)}|${fyStart}`, () =>
      sql(db, 'SELECT service_id, measure, sum(amount_pence) AS pence FROM funding_lines WHERE fy_start = @year AND fy_end = @year GROUP BY service_id, measure')
        .all({ year: fyStart }))) as { service_id: string | null; measure: 'allocated' | 'spent'; pence: number }[];
  for (const row of rows) {
    const entry = totals.get(row.service_id) ?? { allocated: 0, spent: 0 };
    entry[row.measure] += row.pence;
    totals.set(row.service_id, entry);
  }
  return totals;
}

interface BaseRow {
  id: string; reference: string | null; name: string; category: string | null; start_date: string | null; end_date: string | null;
  london_wide: number; created_at: string; updated_at: string; provider_id: string | null; provider_name: string | null;
  commissioner_id: string | null; commissioner_name: string | null; has_aims: number; has_outcomes: number;
  has_evaluation_text: number;
}

const BASE_SELECT = `
  SELECT s.id, s.reference, s.name, s.category, s.start_date, s.end_date, s.london_wide, s.created_at, s.updated_at,
    s.provider_id, p.name AS provider_name, s.commissioner_id, c.name AS commissioner_name,
    coalesce(trim(s.aims) <> '', 0) AS has_aims, coalesce(trim(s.outcomes) <> '', 0) AS has_outcomes,
    coalesce(trim(s.evaluation) <> '', 0) AS has_evaluation_text
  FROM services s
    LEFT JOIN organisations p ON p.id = s.provider_id
    LEFT JOIN organisations c ON c.id = s.commissioner_id`;

interface Tally {
  count: number;
  pence: number;
}

function tally(map: Map<string, Tally>, key: string, count: number, pence: number): void {
  const entry = map.get(key);
  if (entry) {
    entry.count += count;
    entry.pence += pence;
  } else {
    map.set(key, { count, pence });
  }
}

/**
 * The flat rows of the services table (by name), or the one row of `onlyId`. Each
 * aggregate is one grouped query over its whole table, joined to the services here;
 * the whole table is kept until the data (or the day) changes.
 */
export function serviceRows(db: Db, today: string, latest: number | null, onlyId?: string): ServiceRow[] {
  if (onlyId === undefined) return memo(db, 'service-rows', `${dataVersion(db)}|${latest}|${today}`, () => computeServiceRows(db, today, latest));
  return computeServiceRows(db, today, latest, onlyId);
}

function computeServiceRows(db: Db, today: string, latest: number | null, onlyId?: string): ServiceRow[] {
  const one = onlyId !== undefined;
  const base = (one ? sql(db, `${BASE_SELECT} WHERE s.id = ?`).all(onlyId) : sql(db, BASE_SELECT).all()) as BaseRow[];
  if (base.length === 0) return [];

  const boroughs = new Map<string, string[]>();
  const boroughRows = (one
    ? sql(db, 'SELECT sb.service_id, b.gss_code FROM service_boroughs sb JOIN boroughs b ON b.id = sb.borough_id WHERE sb.service_id = ?').all(onlyId)
    : sql(db, 'SELECT sb.service_id, b.gss_code FROM service_boroughs sb JOIN boroughs b ON b.id = sb.borough_id').all()) as { service_id: string; gss_code: string }[];
  for (const row of boroughRows) {
    const list = boroughs.get(row.service_id) ?? [];
    list.push(row.gss_code);
    boroughs.set(row.service_id, list);
  }

  const fundCodes = fundCodesById(db);
  const funding = new Map<string, ServiceTotal[]>();
  for (const row of serviceTotals(db, true, onlyId)) {
    if (row.service_id === null) continue;
    const list = funding.get(row.service_id) ?? [];
    list.push(row);
    funding.set(row.service_id, list);
  }
  const latestTotals = serviceYearTotals(db, latest, onlyId);

  const counts = (text: string): Map<string, Tally> => {
    const rows = (one ? sql(db, text).all(onlyId) : sql(db, text).all()) as { key: string; count: number }[];
    return new Map(rows.map((row) => [row.key, { count: row.count, pence: 0 }]));
  };
  const evaluations = counts(`SELECT service_id AS key, count(*) AS count FROM evaluations ${one ? 'WHERE service_id = ?' : ''} GROUP BY service_id`);
  const evidence = counts(`SELECT service_id AS key, count(*) AS count FROM evidence_links WHERE ${one ? 'service_id = ?' : 'service_id IS NOT NULL'} GROUP BY service_id`);

  // Payments matched to a service: those recorded against it, and those paid to its
  // provider; a payment that is both is counted once. One pass over all payments,
  // grouped by service and supplier organisation.
  const providerOf = new Map(base.map((row) => [row.id, row.provider_id]));
  const byService = new Map<string, Tally>();
  const both = new Map<string, Tally>();
  const byProvider = new Map<string, Tally>();
  const providerId = base[0]?.provider_id ?? null;
  const pairs = (one
    ? sql(db, `SELECT service_id, organisation_id, count(*) AS count, sum(amount_pence) AS pence FROM payments
        WHERE service_id = @id OR organisation_id = @provider GROUP BY service_id, organisation_id`).all({ id: onlyId, provider: providerId })
    : sql(db, 'SELECT service_id, organisation_id, count(*) AS count, sum(amount_pence) AS pence FROM payments GROUP BY service_id, organisation_id').all()) as
    { service_id: string | null; organisation_id: string | null; count: number; pence: number }[];
  for (const pair of pairs) {
    if (pair.organisation_id !== null) tally(byProvider, pair.organisation_id, pair.count, pair.pence);
    if (pair.service_id === null) continue;
    tally(byService, pair.service_id, pair.count, pair.pence);
    if (pair.organisation_id !== null && providerOf.get(pair.service_id) === pair.organisation_id) tally(both, pair.service_id, pair.count, pair.pence);
  }

  const none: Tally = { count: 0, pence: 0 };
  const sortKey = new Map(base.map((row) => [row.id, `${row.name.toLowerCase()}\u0000${row.id}`]));
  base.sort((a, b) => (sortKey.get(a.id)! < sortKey.get(b.id)! ? -1 : 1));
  return base.map((row) => {
    const gss = boroughs.get(row.id)?.sort() ?? [];
    const lines = funding.get(row.id) ?? [];
    const byFund = new Map<string | null, { fundCode: string | null; allocatedPence: number; spentPence: number }>();
    let allocated = 0;
    let spent = 0;
    let lineCount = 0;
    for (const line of lines) {
      const code = line.fund_id === null ? null : fundCodes.get(line.fund_id) ?? null;
      const entry = byFund.get(code) ?? { fundCode: code, allocatedPence: 0, spentPence: 0 };
      if (line.measure === 'allocated') {
        entry.allocatedPence += line.pence;
        allocated += line.pence;
      } else {
        entry.spentPence += line.pence;
        spent += line.pence;
      }
      lineCount += line.lines;
      byFund.set(code, entry);
    }
    const latestMoney = latestTotals.get(row.id);
    const direct = byService.get(row.id) ?? none;
    const overlap = both.get(row.id) ?? none;
    const provider = row.provider_id ? byProvider.get(row.provider_id) ?? none : none;
    const evaluationCount = evaluations.get(row.id)?.count ?? 0;
    return {
      id: row.id,
      reference: row.reference,
      name: row.name,
      provider: row.provider_id && row.provider_name !== null ? { id: row.provider_id, name: row.provider_name } : null,
      commissioner: row.commissioner_id && row.commissioner_name !== null ? { id: row.commissioner_id, name: row.commissioner_name } : null,
      category: row.category,
      boroughs: gss.map((code) => boroughByGss(code)?.name ?? code),
      boroughGss: gss,
      londonWide: row.london_wide === 1,
      startDate: row.start_date,
      endDate: row.end_date,
      status: serviceStatus(row.start_date, row.end_date, today),
      hasAims: row.has_aims === 1,
      hasOutcomes: row.has_outcomes === 1,
      evaluationCount,
      evaluated: evaluationCount > 0 || row.has_evaluation_text === 1,
      allocatedPence: allocated,
      spentPence: spent,
      latestAllocatedPence: latestMoney?.allocated ?? 0,
      latestSpentPence: latestMoney?.spent ?? 0,
      funds: [...byFund.keys()].filter((code): code is string => code !== null).sort(),
      byFund: [...byFund.values()].sort(compareFundCodes),
      fundingLineCount: lineCount,
      paymentCount: direct.count + provider.count - overlap.count,
      paymentsPence: direct.pence + provider.pence - overlap.pence,
      evidenceCount: evidence.get(row.id)?.count ?? 0,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  });
}

// ---------------------------------------------------------------- one service

/** Folds grouped rows' origins (batch, source) into the lists a reader follows. */
export class OriginFold {
  private readonly batches = new Set<string>();
  private readonly sources = new Set<string>();
  private unsourced = 0;

  add(batchId: string | null, sourceId: string | null, lines: number): void {
    if (batchId) this.batches.add(batchId);
    if (sourceId) this.sources.add(sourceId);
    if (!batchId && !sourceId) this.unsourced += lines;
  }

  merge(other: OriginFold): void {
    for (const id of other.batches) this.batches.add(id);
    for (const id of other.sources) this.sources.add(id);
    this.unsourced += other.unsourced;
  }

  value(): LineOrigins {
    return { batchIds: [...this.batches].sort(), sourceIds: [...this.sources].sort(), unsourcedLines: this.unsourced };
  }
}

export function importOrigins(db: Db, ids: Iterable<string>): ImportOrigin[] {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return [];
  const rows = db.prepare(`SELECT id, file_name, committed_at FROM import_batches WHERE id IN (${wanted.map(() => '?').join(', ')}) ORDER BY committed_at, id`)
    .all(...wanted) as { id: string; file_name: string; committed_at: string | null }[];
  return rows.map((row) => ({ id: row.id, fileName: row.file_name, committedAt: row.committed_at }));
}

export function serviceDetail(db: Db, id: string, today: string, latest: number | null): ServiceDetail {
  const row = serviceRows(db, today, latest, id)[0];
  const base = sql(db, `
    SELECT s.provider_id, p.kind AS provider_kind, c.kind AS commissioner_kind, s.aims, s.outcomes, s.evaluation,
      s.origin_source_id, s.origin_batch_id, s.origin_row
    FROM services s LEFT JOIN organisations p ON p.id = s.provider_id LEFT JOIN organisations c ON c.id = s.commissioner_id
    WHERE s.id = ?`).get(id) as {
    provider_id: string | null; provider_kind: string | null; commissioner_kind: string | null; aims: string | null; outcomes: string | null;
    evaluation: string | null; origin_source_id: string | null; origin_batch_id: string | null; origin_row: number | null;
  } | undefined;
  if (!row || !base) throw new StoreError('not-found', `There is no service with id ${id}: it may have been deleted.`, 'id');

  interface FundingCell {
    fy_start: number; fy_end: number; fund_id: string | null; fund_code: string | null; fund_name: string | null; measure: 'allocated' | 'spent';
    origin_batch_id: string | null; origin_source_id: string | null; pence: number; lines: number;
  }
  const cells = sql(db, `
    SELECT f.fy_start, f.fy_end, f.fund_id, fund.code AS fund_code, fund.name AS fund_name, f.measure, f.origin_batch_id, f.origin_source_id,
      sum(f.amount_pence) AS pence, count(*) AS lines
    FROM funding_lines f LEFT JOIN funds fund ON fund.id = f.fund_id
    WHERE f.service_id = ?
    GROUP BY f.fy_start, f.fy_end, f.fund_id, f.measure, f.origin_batch_id, f.origin_source_id`).all(id) as FundingCell[];
  const rows = new Map<string, ServiceDetail['funding']['rows'][number]>();
  const byPeriod = new Map<string, ServiceDetail['funding']['byPeriod'][number]>();
  const byFund = new Map<string, ServiceDetail['funding']['byFund'][number]>();
  const origins = new OriginFold();
  const total = { allocatedPence: 0, spentPence: 0 };
  for (const cell of cells) {
    const period = periodOf(cell.fy_start, cell.fy_end);
    const fund = { fundId: cell.fund_id, fundCode: cell.fund_code, fundName: cell.fund_name };
    const key = `${cell.fy_start}:${cell.fy_end}:${cell.fund_id ?? ''}`;
    const entry = rows.get(key) ?? { ...period, ...fund, allocatedPence: 0, spentPence: 0, lineCount: 0 };
    const periodEntry = byPeriod.get(period.label) ?? { ...period, allocatedPence: 0, spentPence: 0 };
    const fundEntry = byFund.get(cell.fund_id ?? '') ?? { ...fund, allocatedPence: 0, spentPence: 0 };
    const field = cell.measure === 'allocated' ? 'allocatedPence' : 'spentPence';
    entry[field] += cell.pence;
    periodEntry[field] += cell.pence;
    fundEntry[field] += cell.pence;
    total[field] += cell.pence;
    entry.lineCount += cell.lines;
    rows.set(key, entry);
    byPeriod.set(period.label, periodEntry);
    byFund.set(cell.fund_id ?? '', fundEntry);
    origins.add(cell.origin_batch_id, cell.origin_source_id, cell.lines);
  }
  const fundingOrigins = origins.value();

  const evaluations = (sql(db, `
    SELECT e.id, e.title, e.evaluator, e.published_on, e.finding, src.id AS source_id, src.title AS source_title
    FROM evaluations e LEFT JOIN sources src ON src.id = e.source_id
    WHERE e.service_id = ? ORDER BY e.published_on IS NULL, e.published_on DESC, e.created_at`).all(id) as {
    id: string; title: string; evaluator: string | null; published_on: string | null; finding: string | null; source_id: string | null; source_title: string | null;
  }[]).map((e) => ({
    id: e.id, title: e.title, evaluator: e.evaluator, publishedOn: e.published_on, finding: e.finding,
    source: e.source_id && e.source_title !== null ? { id: e.source_id, title: e.source_title } : null,
  }));

  const providerId = base.provider_id ?? '';
  const paymentTotals = sql(db, `
    SELECT count(*) AS count, coalesce(sum(amount_pence), 0) AS pence, coalesce(sum(service_id IS @id), 0) AS own
    FROM payments WHERE service_id = @id OR organisation_id = @provider`).get({ id, provider: providerId }) as { count: number; pence: number; own: number };
  const recent = (sql(db, `
    SELECT p.id, p.paid_on, p.supplier_name, p.amount_pence, p.description, p.service_id, b.file_name, p.origin_row
    FROM payments p LEFT JOIN import_batches b ON b.id = p.origin_batch_id
    WHERE p.service_id = @id OR p.organisation_id = @provider
    ORDER BY p.paid_on DESC, p.id DESC LIMIT 50`).all({ id, provider: providerId }) as {
    id: string; paid_on: string; supplier_name: string; amount_pence: number; description: string | null; service_id: string | null;
    file_name: string | null; origin_row: number | null;
  }[]).map((p) => ({
    id: p.id, paidOn: p.paid_on, supplierName: p.supplier_name, amountPence: p.amount_pence, description: p.description,
    matchedBy: p.service_id === id ? 'service' as const : 'provider' as const, importedFrom: p.file_name, row: p.origin_row,
  }));

  const evidence = (sql(db, `
    SELECT l.id, l.stance, l.comment, l.created_at, t.id AS tor_id, t.number AS tor_number, t.text AS tor_text,
      q.id AS kq_id, q.number AS kq_number, q.text AS kq_text
    FROM evidence_links l LEFT JOIN tor_items t ON t.id = l.tor_item_id LEFT JOIN key_questions q ON q.id = l.key_question_id
    WHERE l.service_id = ? ORDER BY l.tor_item_id IS NULL, t.number, q.number, l.created_at`).all(id) as {
    id: string; stance: 'supports' | 'challenges' | 'context'; comment: string | null; created_at: string;
    tor_id: string | null; tor_number: number | null; tor_text: string | null; kq_id: string | null; kq_number: number | null; kq_text: string | null;
  }[]).map((l) => ({
    id: l.id, stance: l.stance, comment: l.comment, createdAt: l.created_at,
    linkedTo: l.tor_id
      ? { kind: 'term' as const, id: l.tor_id, number: l.tor_number ?? 0, text: l.tor_text ?? '' }
      : { kind: 'question' as const, id: l.kq_id ?? '', number: l.kq_number ?? 0, text: l.kq_text ?? '' },
  }));

  const originSource = base.origin_source_id
    ? sql(db, 'SELECT id, title FROM sources WHERE id = ?').get(base.origin_source_id) as { id: string; title: string } | undefined
    : undefined;
  const originBatch = base.origin_batch_id ? importOrigins(db, [base.origin_batch_id])[0] : undefined;
  const kindOf = (value: string | null) => (value ?? 'other') as NonNullable<ServiceDetail['provider']>['kind'];

  return {
    ...row,
    provider: row.provider ? { ...row.provider, kind: kindOf(base.provider_kind) } : null,
    commissioner: row.commissioner ? { ...row.commissioner, kind: kindOf(base.commissioner_kind) } : null,
    aims: base.aims,
    outcomes: base.outcomes,
    evaluation: base.evaluation,
    boroughsServed: row.boroughGss.map((gss) => {
      const borough = boroughByGss(gss);
      return { gss, name: borough?.name ?? gss, short: borough?.short ?? gss };
    }),
    origin: { source: originSource ?? null, batch: originBatch ?? null, row: base.origin_row },
    funding: {
      periods: [...byPeriod.values()].map(({ fyStart, fyEnd, label }) => ({ fyStart, fyEnd, label })).sort(comparePeriods),
      rows: [...rows.values()].sort((a, b) => comparePeriods(a, b) || compareFundCodes(a, b)),
      byPeriod: [...byPeriod.values()].sort(comparePeriods),
      byFund: [...byFund.values()].sort(compareFundCodes),
      total,
      origins: fundingOrigins,
      batches: importOrigins(db, fundingOrigins.batchIds),
    },
    evaluations,
    payments: { count: paymentTotals.count, totalPence: paymentTotals.pence, forServiceCount: paymentTotals.own, recent },
    evidence,
  };
}

export function listOrganisations(db: Db): OrganisationSummary[] {
  return (sql(db, `
    SELECT o.id, o.name, o.kind, b.gss_code FROM organisations o LEFT JOIN boroughs b ON b.id = o.borough_id
    ORDER BY o.name COLLATE NOCASE, o.id`).all() as { id: string; name: string; kind: OrganisationSummary['kind']; gss_code: string | null }[])
    .map((o) => ({ id: o.id, name: o.name, kind: o.kind, boroughGss: o.gss_code }));
}

// ---------------------------------------------------------------- edits

const FIELD_LABELS: Record<string, string> = {
  reference: 'reference', name: 'name', provider: 'provider', commissioner: 'commissioner', category: 'category', aims: 'aims',
  outcomes: 'outcomes', evaluation: 'evaluation', startDate: 'start date', endDate: 'end date', boroughs: 'boroughs', londonWide: 'London-wide',
};

const COLUMNS: Record<string, string> = {
  reference: 'reference', name: 'name', category: 'category', aims: 'aims', outcomes: 'outcomes', evaluation: 'evaluation',
  startDate: 'start_date', endDate: 'end_date',
};

function boroughIdByGss(db: Db): Map<string, string> {
  return new Map((sql(db, 'SELECT gss_code, id FROM boroughs').all() as { gss_code: string; id: string }[]).map((b) => [b.gss_code, b.id]));
}

/** The id of an organisation named by a user: an existing one, or one created now in the same change. */
function resolveOrganisation(db: Db, tx: ChangeTx, ref: OrganisationRef | null | undefined, field: 'provider' | 'commissioner'): string | null {
  if (!ref) return null;
  if ('id' in ref) {
    const found = sql(db, 'SELECT id FROM organisations WHERE id = ?').pluck().get(ref.id) as string | undefined;
    if (!found) {
      throw new StoreError('invalid-input', `The ${field} is not an organisation in this store (id ${ref.id}).`, field,
        'Choose the organisation from the list, or give a new organisation\'s name.');
    }
    return found;
  }
  const normalised = normaliseOrganisationName(ref.newName);
  if (!normalised) throw new StoreError('invalid-input', `The new ${field}'s name "${ref.newName}" has no letters or digits.`, field);
  const known = (sql(db, 'SELECT organisation_id FROM organisation_aliases WHERE normalised = ?').pluck().get(normalised) as string | undefined)
    ?? (sql(db, 'SELECT id FROM organisations WHERE lower(name) = lower(?) ORDER BY created_at LIMIT 1').pluck().get(ref.newName) as string | undefined);
  if (known) return known;
  const id = tx.insert('organisations', { name: ref.newName, kind: ref.kind ?? field });
  tx.insert('organisation_aliases', { organisation_id: id, alias: ref.newName, normalised });
  return id;
}

function checkDates(startDate: string | null, endDate: string | null, changed: 'startDate' | 'endDate'): void {
  if (startDate && endDate && endDate < startDate) {
    const message = changed === 'endDate'
      ? `The end date ${formatUkDate(endDate)} is before the start date ${formatUkDate(startDate)}: a service cannot end before it starts.`
      : `The start date ${formatUkDate(startDate)} is after the end date ${formatUkDate(endDate)}: a service cannot start after it ends.`;
    throw new StoreError('invalid-input', message, changed, 'Change the other date first, or both together.');
  }
}

function shortName(name: string): string {
  return name.length > 60 ? `${name.slice(0, 57)}…` : name;
}

/** Adds a service as one change set; a new provider or commissioner is created in it too. */
export function createService(db: Db, writer: Writer, fields: ServiceFields): string {
  checkDates(fields.startDate ?? null, fields.endDate ?? null, 'endDate');
  const boroughIds = boroughIdByGss(db);
  return writer.change(`Add service "${shortName(fields.name)}"`, (tx) => {
    const id = tx.insert('services', {
      reference: fields.reference ?? null,
      name: fields.name,
      provider_id: resolveOrganisation(db, tx, fields.provider, 'provider'),
      commissioner_id: resolveOrganisation(db, tx, fields.commissioner, 'commissioner'),
      category: fields.category ?? null,
      aims: fields.aims ?? null,
      outcomes: fields.outcomes ?? null,
      evaluation: fields.evaluation ?? null,
      start_date: fields.startDate ?? null,
      end_date: fields.endDate ?? null,
      london_wide: fields.londonWide ? 1 : 0,
    });
    for (const gss of fields.boroughs ?? []) {
      tx.insert('service_boroughs', { service_id: id, borough_id: boroughIds.get(gss)! });
    }
    return id;
  });
}

/** Applies an edit as one change set; returns whether anything changed. */
export function updateService(db: Db, writer: Writer, id: string, patch: ServicePatch): boolean {
  const current = writer.read('services', id);
  if (!current) throw new StoreError('not-found', `There is no service with id ${id}: it may have been deleted.`, 'id');
  const start = patch.startDate !== undefined ? patch.startDate : (current.start_date as string | null);
  const end = patch.endDate !== undefined ? patch.endDate : (current.end_date as string | null);
  checkDates(start, end, patch.endDate !== undefined ? 'endDate' : 'startDate');

  const given = Object.keys(patch).filter((key) => patch[key as keyof ServicePatch] !== undefined);
  if (given.length === 0) return false;
  const name = patch.name ?? (current.name as string);
  const label = `Edit service "${shortName(name)}": ${given.map((key) => FIELD_LABELS[key] ?? key).join(', ')}`;
  const boroughIds = boroughIdByGss(db);

  return writer.change(label, (tx) => {
    let changed = false;
    const values: Row = {};
    for (const [field, column] of Object.entries(COLUMNS)) {
      const value = patch[field as keyof ServicePatch];
      if (value !== undefined) values[column] = value as string | null;
    }
    if (patch.provider !== undefined) values.provider_id = resolveOrganisation(db, tx, patch.provider, 'provider');
    if (patch.commissioner !== undefined) values.commissioner_id = resolveOrganisation(db, tx, patch.commissioner, 'commissioner');

    // London-wide and a borough list exclude each other: setting one clears the other.
    let wanted: string[] | undefined = patch.boroughs;
    if (patch.londonWide !== undefined) values.london_wide = patch.londonWide ? 1 : 0;
    if (patch.londonWide === true && wanted === undefined) wanted = [];
    if (wanted !== undefined && wanted.length > 0 && patch.londonWide === undefined) values.london_wide = 0;

    if (Object.keys(values).length > 0) changed = tx.update('services', id, values) || changed;
    if (wanted !== undefined) {
      const links = sql(db, 'SELECT sb.id, b.gss_code FROM service_boroughs sb JOIN boroughs b ON b.id = sb.borough_id WHERE sb.service_id = ?')
        .all(id) as { id: string; gss_code: string }[];
      const keep = new Set(wanted);
      for (const link of links) {
        if (!keep.has(link.gss_code)) {
          tx.remove('service_boroughs', link.id);
          changed = true;
        }
      }
      const have = new Set(links.map((link) => link.gss_code));
      for (const gss of wanted) {
        if (have.has(gss)) continue;
        tx.insert('service_boroughs', { service_id: id, borough_id: boroughIds.get(gss)! });
        changed = true;
      }
    }
    return changed;
  });
}

/** Deletes a service and what belongs to it, as one change set. */
export function deleteService(db: Db, writer: Writer, id: string): ServiceDeleted {
  const current = writer.read('services', id);
  if (!current) throw new StoreError('not-found', `There is no service with id ${id}: it may have been deleted already.`, 'id');
  const count = (text: string) => sql(db, text).pluck().get({ id }) as number;
  const summary: ServiceDeleted = {
    id,
    name: current.name as string,
    removed: {
      fundingLines: count('SELECT count(*) FROM funding_lines WHERE service_id = @id'),
      evaluations: count('SELECT count(*) FROM evaluations WHERE service_id = @id'),
      evidenceLinks: count('SELECT count(*) FROM evidence_links WHERE service_id = @id OR funding_line_id IN (SELECT id FROM funding_lines WHERE service_id = @id)'),
      boroughLinks: count('SELECT count(*) FROM service_boroughs WHERE service_id = @id'),
    },
    paymentsUnlinked: count('SELECT count(*) FROM payments WHERE service_id = @id'),
  };
  writer.change(`Delete service "${shortName(summary.name)}"`, (tx) => tx.remove('services', id));
  return summary;
}
