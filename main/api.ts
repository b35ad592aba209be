// The handler table: one function per contract method. The Electron IPC face, the
// browser-mode HTTP face and the CLI all dispatch through it, so validation and
// the { ok, value } | { ok: false, error } envelope are the same everywhere.
import type { z } from 'zod';
import { contract, isMethodName, methodNames, type MethodName, type MethodOutput, type ParsedInput } from '../shared/contract.ts';
import { errorEnvelope, okEnvelope, type Envelope } from '../shared/envelope.ts';
import { seriesTotalCheck, statedShareCheck } from '../shared/reconcile.ts';
import type { AppContext } from './app-context.ts';
import { StoreError } from './store/errors.ts';
import { toApiError } from './api-errors.ts';

export { toApiError };
import * as queries from './store/queries.ts';
import * as importStore from './store/imports.ts';
import { runImportTask } from './import/run.ts';
import type { ImportPreview } from '../shared/import-schemas.ts';
import type { BatchSummary } from './store/imports.ts';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Largest file accepted for import, as for the reader (100 MB). */
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/** A file name safe to write: no folders, no control characters. */
function safeFileName(name: string): string {
  const base = [...basename(name.replace(/\\/g, '/'))].map((ch) => (ch.charCodeAt(0) < 32 || '<>:"|?*'.includes(ch) ? '_' : ch)).join('').trim();
  return base === '' || base === '.' || base === '..' ? 'upload' : base;
}

export type Handler<M extends MethodName> = (input: ParsedInput<M>, context: AppContext) => Promise<MethodOutput<M>> | MethodOutput<M>;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}


export class HandlerTable {
  private readonly handlers = new Map<MethodName, Handler<MethodName>>();

  constructor(private readonly context: AppContext) {}

  register<M extends MethodName>(name: M, handler: Handler<M>): this {
    if (this.handlers.has(name)) throw new Error(`API method ${name} is registered twice.`);
    this.handlers.set(name, handler as unknown as Handler<MethodName>);
    return this;
  }

  /** Throws unless every method of the contract has exactly one handler. */
  assertComplete(): this {
    const missing = methodNames.filter((name) => !this.handlers.has(name));
    if (missing.length > 0) throw new Error(`API methods without a handler: ${missing.join(', ')}`);
    return this;
  }

  async dispatch(name: unknown, rawInput: unknown): Promise<Envelope<unknown>> {
    if (!isMethodName(name)) {
      return errorEnvelope({ code: 'unknown-method', message: `There is no API method called ${JSON.stringify(name)}.` });
    }
    const spec = contract[name];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return errorEnvelope({ code: 'invalid-input', message: `${name} was given invalid input: ${describeIssues(parsed.error)}`, where: name });
    }
    const handler = this.handlers.get(name);
    if (!handler) return errorEnvelope({ code: 'unknown-method', message: `${name} is not available in this version.` });
    try {
      const value = await handler(parsed.data as never, this.context);
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        return errorEnvelope({ code: 'internal', message: `${name} produced a malformed answer: ${describeIssues(checked.error)}` });
      }
      return okEnvelope(checked.data);
    } catch (error) {
      return errorEnvelope(toApiError(error));
    }
  }

  /** Typed call for in-process faces (the CLI, tests): the value, or a thrown ApiError-bearing error. */
  async call<M extends MethodName>(name: M, input: z.input<(typeof contract)[M]['input']>): Promise<MethodOutput<M>> {
    const result = await this.dispatch(name, input);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { apiError: result.error });
    return result.value as MethodOutput<M>;
  }
}

export function createApi(context: AppContext): HandlerTable {
  const table = new HandlerTable(context);
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

  const workerOptions = () => ({
    ...(context.options.nativeBinding ? { nativeBinding: context.options.nativeBinding } : {}),
  });
  const runOptions = () => (context.options.importWorkerEntry ? { workerEntry: context.options.importWorkerEntry } : {});

  table.register('imports.upload', ({ fileName, dataBase64 }) => {
    const bytes = Buffer.from(dataBase64, 'base64');
    if (bytes.byteLength > MAX_UPLOAD_BYTES) {
      throw new StoreError('bad-file', `${fileName} is larger than the ${MAX_UPLOAD_BYTES / 1024 / 1024} MB Scrutiny Desk imports.`, fileName);
    }
    const dir = join(context.uploadsDir, randomUUID());
    mkdirSync(dir, { recursive: true });
    const path = join(dir, safeFileName(fileName));
    writeFileSync(path, bytes);
    return { path };
  });

  table.register('imports.preview', (request) =>
    runImportTask<ImportPreview>({ op: 'preview', storeFile: store().file, request, ...workerOptions() }, undefined, runOptions()));

  table.register('imports.commit', ({ saveProfileAs, expectedSha256, ...request }) => {
    const current = store();
    return context.jobs.start('import', `Import ${basename(request.path)}`, async (report) => {
      report({ done: 0, total: null, message: 'Backing up the store first' });
      await current.backup('before import');
      return runImportTask<BatchSummary>(
        { op: 'commit', storeFile: current.file, request, ...workerOptions(), ...(saveProfileAs ? { saveProfileAs } : {}), ...(expectedSha256 ? { expectedSha256 } : {}) },
        (done, total, message) => report({ done, total, message }),
        runOptions(),
      );
    });
  });

  table.register('imports.list', () => importStore.listBatches(store().db));

  table.register('imports.get', ({ id }) => ({ batch: importStore.getBatch(store().db, id), rejections: importStore.batchRejections(store().db, id) }));

  table.register('imports.undo', ({ id }) => importStore.undoBatch(store().db, store().writer, id));

  table.register('imports.profiles', () =>
    importStore.listProfiles(store().db).map((p) => ({ id: p.id, name: p.name, target: p.target, headers: p.headers })));

  table.register('history.undo', () => store().writer.undo());

  table.register('history.redo', () => store().writer.redo());

  return table.assertComplete();
}
