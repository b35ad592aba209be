// Handlers for Services and Budgets: the services table and a service's detail, its
// edits (each one step of history.undo), organisations for pickers, and the Budgets page.
import { fundFigureCheck, fundPartsInDataChecks, statedPartsChecks } from '../../shared/budget-checks.ts';
import { seriesTotalCheck, statedShareCheck } from '../../shared/reconcile.ts';
import type { Figure, ReconciliationCheck } from '../../shared/schemas.ts';
import type { HandlerTable } from '../api.ts';
import type { AppContext } from '../app-context.ts';
import { budgetAggregates } from '../store/budgets.ts';
import { StoreError } from '../store/errors.ts';
import * as queries from '../store/queries.ts';
import {
  createService, deleteService, importOrigins, latestFundingYear, listFunds, listOrganisations, periodOf, serviceDetail, serviceRows, updateService,
} from '../store/services.ts';
import type { Store } from '../store/store.ts';

const BUDGET_SERIES = ['commissioning-budget', 'commissioning-budget-with-dasa'];
const LCPF_SERIES = 'lcpf-2022-25';

const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in London, YYYY-MM-DD, by the store's clock. */
function today(store: Store): string {
  return londonDate.format(store.options.clock?.() ?? new Date());
}

function serviceRow(store: Store, id: string) {
  const row = serviceRows(store.db, today(store), latestFundingYear(store.db), id)[0];
  if (!row) throw new StoreError('not-found', `There is no service with id ${id}.`, 'id');
  return row;
}

/** The inquiry's stated figures and shares, or none in a store without an investigation. */
function statedFigures(store: Store): { figures: Figure[]; shareChecks: ReconciliationCheck[] } {
  let investigationId: string;
  try {
    investigationId = queries.getInvestigation(store.db).id;
  } catch (error) {
    if (error instanceof StoreError && error.code === 'not-found') return { figures: [], shareChecks: [] };
    throw error;
  }
  const figures = queries.listFigures(store.db, investigationId);
  const shareChecks = queries.listStatedShares(store.db, investigationId).map((share) => statedShareCheck({
    id: share.id, title: share.title, statedBasisPoints: share.stated_basis_points, statedText: share.stated_text,
    partFigureId: share.part_figure_id, wholes: JSON.parse(share.wholes_json) as { label: string; figureIds: string[] }[],
    sourceId: share.source_id, sourceLocator: share.source_locator,
  }, figures));
  return { figures, shareChecks };
}

export function registerServicesHandlers(table: HandlerTable, context: AppContext): void {
  const store = () => context.requireStore();

  table.register('services.list', () => {
    const current = store();
    const latest = latestFundingYear(current.db);
    const day = today(current);
    return {
      latestYear: latest === null ? null : periodOf(latest, latest),
      today: day,
      rows: serviceRows(current.db, day, latest),
      funds: listFunds(current.db).map(({ id, code, name, parentCode }) => ({ id, code, name, parentCode })),
    };
  });

  table.register('services.get', ({ id }) => {
    const current = store();
    return serviceDetail(current.db, id, today(current), latestFundingYear(current.db));
  });

  table.register('services.create', ({ fields }) => {
    const current = store();
    const id = createService(current.db, current.writer, fields);
    return serviceRow(current, id);
  });

  table.register('services.update', ({ id, patch }) => {
    const current = store();
    updateService(current.db, current.writer, id, patch);
    return serviceRow(current, id);
  });

  table.register('services.delete', ({ id }) => {
    const current = store();
    return deleteService(current.db, current.writer, id);
  });

  table.register('organisations.list', () => listOrganisations(store().db));

  table.register('budgets.get', () => {
    const current = store();
    const db = current.db;
    const latest = latestFundingYear(db);
    const { figures, shareChecks } = statedFigures(current);
    const aggregates = budgetAggregates(db, latest);
    const batches = importOrigins(db, aggregates.batchIds);
    const batchNames = new Map(batches.map((batch) => [batch.id, batch.fileName]));
    const funds = aggregates.funds.map((fund) => ({ id: fund.id, code: fund.code, name: fund.name, parentId: fund.parentId }));

    const lcpfSplit = figures.filter((figure) => figure.series === LCPF_SERIES);
    const checks: ReconciliationCheck[] = [...shareChecks];
    if (lcpfSplit.length > 1) checks.push(seriesTotalCheck('lcpf-2022-25-total', 'LCPF 2022-25: the allocations added up', lcpfSplit));
    checks.push(...statedPartsChecks(figures, funds));
    for (const figure of figures) {
      const check = fundFigureCheck(figure, funds, aggregates.allocated, batchNames);
      if (check) checks.push(check);
    }
    checks.push(...fundPartsInDataChecks(funds, aggregates.allocated));

    const sourceIds = new Set([
      ...figures.map((figure) => figure.sourceId),
      ...checks.flatMap((check) => check.sourceIds),
      ...aggregates.byFund.cells.flatMap((cell) => cell.origins.sourceIds),
      ...aggregates.notByBorough.origins.sourceIds,
      ...aggregates.byBorough.flatMap((borough) => borough.origins.sourceIds),
      ...aggregates.byCategory.flatMap((category) => category.origins.sourceIds),
    ]);
    return {
      latestYear: latest === null ? null : periodOf(latest, latest),
      commissioningBudget: figures.filter((figure) => BUDGET_SERIES.includes(figure.series)),
      lcpfSplit,
      byFund: aggregates.byFund,
      byCategory: aggregates.byCategory,
      byBorough: aggregates.byBorough,
      notByBorough: aggregates.notByBorough,
      totals: aggregates.totals,
      checks,
      sources: queries.listSources(db, [...sourceIds]),
      batches,
    };
  });
}
