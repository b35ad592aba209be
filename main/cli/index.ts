// The `scrutiny` command: the same handlers as the app, for automation.
import { parseArgs } from 'node:util';
import { createApi, type HandlerTable } from '../api.ts';
import { AppContext } from '../app-context.ts';
import { SCHEMA_VERSION } from '../store/migrate.ts';

const USAGE = `Scrutiny Desk command line

Usage:
  scrutiny init FILE [--no-seed]     Create a store, seeded with the MOPAC and VRU Commissioning inquiry
  scrutiny info FILE [--json]        Show a store's schema version and how many of each entity it holds
  scrutiny help                      Show this help

Exit codes: 0 done, 1 failed (the message says why), 2 the command line was not understood.`;

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

const COMMANDS: Record<string, (args: string[], io: Output) => Promise<number>> = { init, info };

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
