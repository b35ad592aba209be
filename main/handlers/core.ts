// Handlers for the app, its stores, the overview, jobs and undo history.
import { seriesTotalCheck, statedShareCheck } from '../../shared/reconcile.ts';
import type { HandlerTable } from '../api.ts';
import type { AppContext } from '../app-context.ts';
import { StoreError } from '../store/errors.ts';
import * as queries from '../store/queries.ts';

export function registerCoreHandlers(table: HandlerTable, context: AppContext): void {
  const store = () => context.requireStore();

  table.register('app.info', () => ({
    appVersion: process.env.npm_package_version ?? '0.1.0',
    face: context.face,
    store: context.status(),
  }));

  table.register('store.recent', () => context.recent());

  table.register('store.open', async ({ path }) => {
    await context.open(path);
    return context.status()!;
  });

  table.register('store.create', async ({ path, seed }) => {
    await context.create(path, seed);
    return context.status()!;
  });

  table.register('store.counts', () => queries.entityCounts(store().db));

  table.register('store.backupNow', () => store().backup('manual'));

  table.register('store.backups', () => store().backups());

  table.register('overview.get', () => {
    const db = store().db;
    const investigation = queries.getInvestigation(db);
    const figures = queries.listFigures(db, investigation.id);
    const budgetHistory = figures.filter((f) => f.series === 'commissioning-budget' || f.series === 'commissioning-budget-with-dasa');
    const lcpfSplit = figures.filter((f) => f.series === 'lcpf-2022-25');
    const checks = [];
    if (lcpfSplit.length > 1) checks.push(seriesTotalCheck('lcpf-2022-25-total', 'LCPF 2022-25: the allocations added up', lcpfSplit));
    for (const share of queries.listStatedShares(db, investigation.id)) {
      checks.push(statedShareCheck({
        id: share.id, title: share.title, statedBasisPoints: share.stated_basis_points, statedText: share.stated_text,
        partFigureId: share.part_figure_id, wholes: JSON.parse(share.wholes_json) as { label: string; figureIds: string[] }[],
        sourceId: share.source_id, sourceLocator: share.source_locator,
      }, figures));
    }
    const sourceIds = new Set([...figures.map((f) => f.sourceId), ...checks.flatMap((c) => c.sourceIds)]);
    return {
      investigation,
      terms: queries.listTerms(db, investigation.id),
      questions: queries.listKeyQuestions(db, investigation.id),
      budgetHistory,
      lcpfSplit,
      checks,
      sources: queries.listSources(db, [...sourceIds]),
      evidenceCount: queries.countEvidenceLinks(db),
    };
  });

  table.register('sources.get', ({ id }) => queries.getSource(store().db, id));

  table.register('jobs.get', ({ id }) => {
    const job = context.jobs.get(id);
    if (!job) throw new StoreError('not-found', `No job ${id}: it finished long ago or never started.`);
    return job;
  });

  table.register('jobs.list', () => context.jobs.list());

  table.register('history.undo', () => store().writer.undo());

  table.register('history.redo', () => store().writer.redo());

}
