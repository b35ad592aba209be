// The Budgets page's aggregates: funding lines added up in SQL (each group kept apart
// by period, measure and origin, so every total can name the import batches and
// sources it came from), then folded here into the shapes of shared/services-schemas.ts.
// Two ordered passes over covering indexes (migration 3), whatever the number of lines:
// one by fund and borough together, one by service for the categories.
import type Database from 'better-sqlite3';
import type { AllocatedCell } from '../../shared/budget-checks.ts';
import { BOROUGHS } from '../../shared/boroughs.ts';
import type { Budgets, FundingPeriod } from '../../shared/services-schemas.ts';
import { OriginFold, compareFundCodes, comparePeriods, dataVersion, listFunds, memo, periodOf, serviceTotals, serviceYearTotals, type FundRow } from './services.ts';

type Db = Database.Database;
type Measure = 'allocated' | 'spent';

export interface BudgetAggregates {
  funds: FundRow[];
  byFund: Budgets['byFund'];
  byCategory: Budgets['byCategory'];
  byBorough: Budgets['byBorough'];
  notByBorough: Budgets['notByBorough'];
  totals: Budgets['totals'];
  /** Allocated lines by fund and period, for checks against stated figures. */
  allocated: AllocatedCell[];
  /** Every import batch any aggregate names. */
  batchIds: string[];
}

interface Money {
  allocatedPence: number;
  spentPence: number;
  latestAllocatedPence: number;
  latestSpentPence: number;
  lineCount: number;
  origins: OriginFold;
}

function emptyMoney(): Money {
  return { allocatedPence: 0, spentPence: 0, latestAllocatedPence: 0, latestSpentPence: 0, lineCount: 0, origins: new OriginFold() };
}

function add(money: Money, measure: Measure, pence: number, latestPence: number, lines: number): void {
  if (measure === 'allocated') {
    money.allocatedPence += pence;
    money.latestAllocatedPence += latestPence;
  } else {
    money.spentPence += pence;
    money.latestSpentPence += latestPence;
  }
  money.lineCount += lines;
}

function moneyOut(money: Money) {
  return {
    allocatedPence: money.allocatedPence, spentPence: money.spentPence,
    latestAllocatedPence: money.latestAllocatedPence, latestSpentPence: money.latestSpentPence,
    lineCount: money.lineCount, origins: money.origins.value(),
  };
}

/** Fund, borough, period, measure and origin: a few thousand groups at most. */
interface FundBoroughCell {
  fund_id: string | null;
  borough_id: string | null;
  fy_start: number;
  fy_end: number;
  measure: Measure;
  origin_batch_id: string | null;
  origin_source_id: string | null;
  pence: number;
  lines: number;
}

/** The Budgets page's aggregates, kept until the data changes. */
export function budgetAggregates(db: Db, latest: number | null): BudgetAggregates {
  return memo(db, 'budget-aggregates', `${dataVersion(db)}|${latest}`, () => computeBudgetAggregates(db, latest));
}

function computeBudgetAggregates(db: Db, latest: number | null): BudgetAggregates {
  const funds = listFunds(db);
  const fundById = new Map(funds.map((fund) => [fund.id, fund]));
  const gssById = new Map((db.prepare('SELECT id, gss_code FROM boroughs').all() as { id: string; gss_code: string }[]).map((b) => [b.id, b.gss_code]));
  const batchIds = new Set<string>();

  const cells = db.prepare(`
    SELECT fund_id, borough_id, fy_start, fy_end, measure, origin_batch_id, origin_source_id, sum(amount_pence) AS pence, count(*) AS lines
    FROM funding_lines
    GROUP BY fund_id, borough_id, fy_start, fy_end, measure, origin_batch_id, origin_source_id`).all() as FundBoroughCell[];

  const periods = new Map<string, FundingPeriod>();
  const fundPeriods = new Map<string, { period: FundingPeriod; fundId: string | null; money: Money }>();
  const allocated = new Map<string, AllocatedCell & { batchIds: string[] }>();
  const boroughMoney = new Map<string, Money>();
  const boroughPeriods = new Map<string, Map<string, FundingPeriod & { allocatedPence: number; spentPence: number }>>();
  const notByBorough = emptyMoney();
  const totals = emptyMoney();

  for (const cell of cells) {
    const period = periodOf(cell.fy_start, cell.fy_end);
    const isLatest = latest !== null && cell.fy_start === latest && cell.fy_end === latest;
    const latestPence = isLatest ? cell.pence : 0;
    if (cell.origin_batch_id) batchIds.add(cell.origin_batch_id);
    periods.set(period.label, period);
    add(totals, cell.measure, cell.pence, latestPence, cell.lines);

    const fundKey = `${cell.fund_id ?? ''}|${period.label}`;
    const fundEntry = fundPeriods.get(fundKey) ?? { period, fundId: cell.fund_id, money: emptyMoney() };
    add(fundEntry.money, cell.measure, cell.pence, latestPence, cell.lines);
    fundEntry.money.origins.add(cell.origin_batch_id, cell.origin_source_id, cell.lines);
    fundPeriods.set(fundKey, fundEntry);

    if (cell.measure === 'allocated') {
      const key = `${cell.fund_id ?? ''}|${cell.fy_start}|${cell.fy_end}`;
      const entry = allocated.get(key) ?? { fundId: cell.fund_id, fyStart: cell.fy_start, fyEnd: cell.fy_end, pence: 0, lines: 0, batchIds: [], byHandLines: 0 };
      entry.pence += cell.pence;
      entry.lines += cell.lines;
      if (cell.origin_batch_id) {
        if (!entry.batchIds.includes(cell.origin_batch_id)) entry.batchIds.push(cell.origin_batch_id);
      } else {
        entry.byHandLines += cell.lines;
      }
      allocated.set(key, entry);
    }

    const gss = cell.borough_id === null ? undefined : gssById.get(cell.borough_id);
    if (gss === undefined) {
      add(notByBorough, cell.measure, cell.pence, latestPence, cell.lines);
      notByBorough.origins.add(cell.origin_batch_id, cell.origin_source_id, cell.lines);
      continue;
    }
    const money = boroughMoney.get(gss) ?? emptyMoney();
    add(money, cell.measure, cell.pence, latestPence, cell.lines);
    money.origins.add(cell.origin_batch_id, cell.origin_source_id, cell.lines);
    boroughMoney.set(gss, money);
    const byPeriod = boroughPeriods.get(gss) ?? new Map();
    const entry = byPeriod.get(period.label) ?? { ...period, allocatedPence: 0, spentPence: 0 };
    if (cell.measure === 'allocated') entry.allocatedPence += cell.pence;
    else entry.spentPence += cell.pence;
    byPeriod.set(period.label, entry);
    boroughPeriods.set(gss, byPeriod);
  }

  const byFund: Budgets['byFund'] = {
    funds: funds.map((fund) => ({ id: fund.id, code: fund.code, name: fund.name, parentCode: fund.parentCode })),
    periods: [...periods.values()].sort(comparePeriods),
    cells: [...fundPeriods.values()].map(({ period, fundId, money }) => {
      const fund = fundId ? fundById.get(fundId) : undefined;
      return {
        ...period, fundId, fundCode: fund?.code ?? null, fundName: fund?.name ?? null,
        allocatedPence: money.allocatedPence, spentPence: money.spentPence, lineCount: money.lineCount, origins: money.origins.value(),
      };
    }).sort((a, b) => comparePeriods(a, b) || compareFundCodes(a, b)),
  };

  const servicesByBorough = new Map((db.prepare(`
    SELECT b.gss_code AS gss, count(*) AS services FROM service_boroughs sb JOIN boroughs b ON b.id = sb.borough_id GROUP BY b.gss_code`)
    .all() as { gss: string; services: number }[]).map((row) => [row.gss, row.services]));
  const byBorough: Budgets['byBorough'] = BOROUGHS.map((borough) => {
    const money = boroughMoney.get(borough.gss) ?? emptyMoney();
    const { origins, lineCount, ...amounts } = moneyOut(money);
    return {
      gss: borough.gss, name: borough.name, short: borough.short, tile: { row: borough.tile.row, col: borough.tile.col },
      ...amounts,
      byPeriod: [...(boroughPeriods.get(borough.gss)?.values() ?? [])].sort(comparePeriods),
      lineCount, serviceCount: servicesByBorough.get(borough.gss) ?? 0, origins,
    };
  });

  // Categories: each service's money (grouped in index order, shared with the services
  // table), then added up by the service's category, compared without regard to case
  // or surrounding spaces; the latest year's share from the period index.
  const serviceCells = serviceTotals(db, false);
  const latestByService = serviceYearTotals(db, latest);
  const services = db.prepare("SELECT id, coalesce(lower(trim(category)), '') AS key, trim(category) AS label FROM services")
    .all() as { id: string; key: string; label: string | null }[];
  const categoryOf = new Map(services.map((service) => [service.id, service.key]));
  const categoryInfo = new Map<string, { label: string | null; services: number }>();
  for (const service of services) {
    const info = categoryInfo.get(service.key) ?? { label: service.label, services: 0 };
    info.services += 1;
    // The label is the spelling that sorts first ("Victim support" before "victim support").
    if (service.label !== null && (info.label === null || service.label < info.label)) info.label = service.label;
    categoryInfo.set(service.key, info);
  }
  const categories = new Map<string | null, Money>();
  for (const key of categoryInfo.keys()) categories.set(key, emptyMoney());
  for (const cell of serviceCells) {
    const key = cell.service_id === null ? null : categoryOf.get(cell.service_id) ?? '';
    const money = categories.get(key) ?? emptyMoney();
    add(money, cell.measure, cell.pence, 0, cell.lines);
    money.origins.add(cell.origin_batch_id, cell.origin_source_id, cell.lines);
    categories.set(key, money);
  }
  for (const [serviceId, year] of latestByService) {
    const key = serviceId === null ? null : categoryOf.get(serviceId) ?? '';
    const money = categories.get(key) ?? emptyMoney();
    money.latestAllocatedPence += year.allocated;
    money.latestSpentPence += year.spent;
    categories.set(key, money);
  }
  const byCategory: Budgets['byCategory'] = [...categories.entries()].map(([key, money]) => {
    const kind = key === null ? 'no-service' as const : key === '' ? 'uncategorised' as const : 'category' as const;
    const info = key === null ? undefined : categoryInfo.get(key);
    const category = kind === 'category' ? info?.label ?? key : null;
    return {
      kind, category,
      label: kind === 'no-service' ? 'Funding not tied to a service' : kind === 'uncategorised' ? 'Services without a category' : category ?? '',
      serviceCount: info?.services ?? 0,
      ...moneyOut(money),
    };
  }).filter((entry) => entry.kind !== 'uncategorised' || entry.serviceCount > 0 || entry.lineCount > 0)
    .sort((a, b) => b.allocatedPence - a.allocatedPence || a.label.localeCompare(b.label));

  const { origins: _origins, ...totalMoney } = moneyOut(totals);
  return {
    funds,
    byFund,
    byCategory,
    byBorough,
    notByBorough: moneyOut(notByBorough),
    totals: { allocatedPence: totalMoney.allocatedPence, spentPence: totalMoney.spentPence, lineCount: totalMoney.lineCount, serviceCount: services.length },
    allocated: [...allocated.values()],
    batchIds: [...batchIds],
  };
}
