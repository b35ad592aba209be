// The `scrutiny` command: the same handlers as the app, for automation.
import { parseArgs } from 'node:util';
import { createApi, type HandlerTable } from '../api.ts';
import { AppContext } from '../app-context.ts';
import { SCHEMA_VERSION } from '../store/migrate.ts';

const USAGE = `Scrutiny Desk command line

Usage:
  scrutiny init FILE [--no-seed]     Create a store, seeded with the MOPAC and VRU Commissioning inquiry
  scrutiny info FILE [--json]        Show a store's schema version and how many of each entity it holds
  scrutiny import FILE --store STORE --target services|funding|payments|grants360
                 [--sheet NAME] [--profile NAME] [--dry-run] [--json]
                                     Import a spreadsheet (CSV, XLSX, ODS, XLS); prints counts and every rejected row
  scrutiny imports STORE [--json]    List a store's import batches
  scrutiny undo-import BATCH --store STORE [--json]
                                     Undo an import batch as a whole
  scrutiny help                      Show this help

Exit codes: 0 done, 1 failed or nothing could be imported (the message says why), 2 the command line was not understood.`;

class UsageError extends Error {}

interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

function describeFailure(error: unknown): string {
  const apiError = (error as { apiError?: { message: string; hint?: string } }).apiError;
  if (apiError) return apiError.hint ? `${apiError.message} ${apiError.hint}` : apiError.message;
  return (error as Error).message;
}

async function withApi<T>(work: (api: HandlerTable, context: AppContext) => Promise<T>): Promise<T> {
  const context = new AppContext({ face: 'cli', backupAtOpen: false });
  try {
    return await work(createApi(context), context);
  } finally {
    context.close();
  }
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}

async function init(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { 'no-seed': { type: 'boolean', default: false } }, allowPositionals: true });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('scrutiny init takes one FILE.');
  return withApi(async (api) => {
    const status = await api.call('store.create', { path: file, seed: !values['no-seed'] });
    const counts = await api.call('store.counts', {});
    io.out(`Created ${status.path} (store version ${status.schemaVersion}).`);
    if (!values['no-seed']) {
      io.out(`Seeded with "${status.investigationTitle}": ${plural(counts.tor_items ?? 0, 'term')} of reference, ${plural(counts.key_questions ?? 0, 'key question')}, ${plural(counts.boroughs ?? 0, 'borough')}, ${plural(counts.funds ?? 0, 'fund')}, ${plural(counts.figures ?? 0, 'figure')}.`);
    }
    if (status.locationWarning) io.err(`Warning: ${status.locationWarning}`);
    return 0;
  });
}

async function info(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('scrutiny info takes one FILE.');
  return withApi(async (api) => {
    const status = await api.call('store.open', { path: file });
    const counts = await api.call('store.counts', {});
    const report = {
      file: status.path,
      schemaVersion: status.schemaVersion,
      appSchemaVersion: SCHEMA_VERSION,
      investigation: status.investigationTitle,
      lastBackup: status.lastBackup?.takenAt ?? null,
      locationWarning: status.locationWarning,
      counts,
    };
    if (values.json) {
      io.out(JSON.stringify(report, null, 2));
    } else {
      io.out(`${report.file}`);
      io.out(`  Investigation: ${report.investigation ?? '(none)'}`);
      io.out(`  Store version: ${report.schemaVersion} (this Scrutiny Desk reads up to ${SCHEMA_VERSION})`);
      io.out(`  Last backup:   ${report.lastBackup ?? 'none yet'}`);
      const width = Math.max(...Object.keys(counts).map((name) => name.length));
      for (const [name, count] of Object.entries(counts)) io.out(`  ${name.replace(/_/g, ' ').padEnd(width)}  ${count.toLocaleString('en-GB')}`);
      if (report.locationWarning) io.out(`  Warning: ${report.locationWarning}`);
    }
    return 0;
  });
}

const TARGETS = ['services', 'funding', 'payments', 'grants360'] as const;
/** What a batch's counts count, by target. */
const UNITS: Record<string, string> = { services: 'services', funding: 'funding lines', payments: 'payments', grants360: 'grants' };
type Target = (typeof TARGETS)[number];

function parseTarget(value: string | undefined): Target | undefined {
  if (value === undefined) return undefined;
  if (!(TARGETS as readonly string[]).includes(value)) throw new UsageError(`--target must be one of ${TARGETS.join(', ')}, not "${value}".`);
  return value as Target;
}

function printRejections(io: Output, rejected: { rowNumber: number; reasons: string[] }[], total: number): void {
  if (total === 0) return;
  io.out(`Rejected rows (${total.toLocaleString('en-GB')}):`);
  for (const row of rejected) for (const reason of row.reasons) io.out(`  ${reason}`);
  if (rejected.length < total) io.out(`  … and ${(total - rejected.length).toLocaleString('en-GB')} more rows (see the batch in the app, or scrutiny import --json).`);
}

async function importFile(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      store: { type: 'string' }, target: { type: 'string' }, sheet: { type: 'string' }, profile: { type: 'string' },
      'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('scrutiny import takes one FILE.');
  if (!values.store) throw new UsageError('scrutiny import needs --store STORE.');
  const target = parseTarget(values.target);
  const request = { path: file, ...(target ? { target } : {}), ...(values.sheet ? { sheet: values.sheet } : {}), ...(values.profile ? { profileName: values.profile } : {}) };
  return withApi(async (api, context) => {
    await api.call('store.open', { path: values.store! });
    const preview = await api.call('imports.preview', request);
    const errors = preview.problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) {
      io.err(`scrutiny import: ${preview.file.fileName} cannot be imported as ${preview.target} with this mapping:`);
      for (const problem of errors) io.err(`  ${problem.message}`);
      io.err('Name the target with --target, or save a profile for this layout in the app and pass --profile.');
      return 1;
    }
    const nothing = preview.counts.accepted === 0;
    if (values['dry-run']) {
      if (values.json) {
        io.out(JSON.stringify({ dryRun: true, file: preview.file, target: preview.target, sheet: preview.sheet, profile: preview.profile, counts: preview.counts, rejected: preview.rejected, skipped: preview.skipped, uncertainOrganisations: preview.organisations.uncertain }, null, 2));
      } else {
        const c = preview.counts;
        io.out(`Dry run: nothing was written. ${preview.file.fileName} as ${preview.target}${preview.sheet ? `, sheet "${preview.sheet}"` : ''}${preview.profile ? `, profile "${preview.profile.name}"` : ''}.`);
        io.out(`${c.rowsRead.toLocaleString('en-GB')} rows read, ${c.rejected} rejected, ${c.skipped} skipped; ${UNITS[preview.target]}: ${c.new} new, ${c.updated} updated, ${c.duplicate} duplicate.`);
        for (const u of preview.organisations.uncertain) io.out(`Uncertain organisation: "${u.name}" might be ${u.candidates.map((k) => `"${k.name}" (${Math.round(k.score * 100)}%)`).join(' or ')}; it would be created as new.`);
        printRejections(io, preview.rejected, c.rejected);
      }
      return nothing ? 1 : 0;
    }
    const job = await api.call('imports.commit', { ...request, expectedSha256: preview.file.sha256 });
    const finished = await context.jobs.settle(job.id);
    if (finished.state === 'failed') {
      io.err(`scrutiny import: ${finished.error?.message ?? 'the import failed'}${finished.error?.where ? ` (${finished.error.where})` : ''}`);
      return 1;
    }
    const batchId = (finished.result as { id: string }).id;
    const { batch, rejections } = await api.call('imports.get', { id: batchId });
    if (values.json) {
      io.out(JSON.stringify({ dryRun: false, batch, rejections }, null, 2));
    } else {
      io.out(`Imported ${batch.fileName} as ${batch.target}: batch ${batch.id}.`);
      io.out(`${batch.rowsRead.toLocaleString('en-GB')} rows read, ${batch.rejectedCount} rejected; ${UNITS[batch.target]}: ${batch.newCount} new, ${batch.updatedCount} updated, ${batch.duplicateCount} duplicate.`);
      const byRow = new Map<number, string[]>();
      for (const r of rejections) byRow.set(r.rowNumber, [...(byRow.get(r.rowNumber) ?? []), r.reason]);
      printRejections(io, [...byRow].map(([rowNumber, reasons]) => ({ rowNumber, reasons })), batch.rejectedCount);
      io.out(`Undo it with: scrutiny undo-import ${batch.id} --store ${JSON.stringify(values.store)}`);
    }
    return nothing ? 1 : 0;
  });
}

async function listImports(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('scrutiny imports takes one STORE.');
  return withApi(async (api) => {
    await api.call('store.open', { path: file });
    const batches = await api.call('imports.list', {});
    if (values.json) io.out(JSON.stringify(batches, null, 2));
    else if (batches.length === 0) io.out('No imports yet.');
    else {
      for (const b of batches) {
        io.out(`${b.id}  ${b.status.padEnd(9)}  ${b.committedAt ?? ''}  ${b.target.padEnd(9)}  ${b.fileName}  (${b.newCount} new, ${b.updatedCount} updated, ${b.duplicateCount} duplicate, ${b.rejectedCount} rejected)`);
      }
    }
    return 0;
  });
}

async function undoImport(args: string[], io: Output): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { store: { type: 'string' }, json: { type: 'boolean', default: false } }, allowPositionals: true });
  const [batchId, ...extra] = positionals;
  if (!batchId || extra.length > 0) throw new UsageError('scrutiny undo-import takes one BATCH id.');
  if (!values.store) throw new UsageError('scrutiny undo-import needs --store STORE.');
  return withApi(async (api) => {
    await api.call('store.open', { path: values.store! });
    const batch = await api.call('imports.undo', { id: batchId });
    if (values.json) io.out(JSON.stringify(batch, null, 2));
    else io.out(`Undid the import of ${batch.fileName} (batch ${batch.id}): its ${batch.newCount} new ${UNITS[batch.target]} were removed and its ${batch.updatedCount} updates put back.`);
    return 0;
  });
}

const COMMANDS: Record<string, (args: string[], io: Output) => Promise<number>> = { init, info, import: importFile, imports: listImports, 'undo-import': undoImport };

export async function main(argv: string[], io: Output = { out: (l) => console.log(l), err: (l) => console.error(l) }): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.err(`scrutiny: unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
  try {
    return await run(args, io);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`scrutiny ${command}: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`scrutiny ${command}: ${describeFailure(error)}`);
    return 1;
  }
}
