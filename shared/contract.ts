// The one API contract. Each method is declared here once, with the schema of
// its input and of its output; main/api.ts implements each once, and the
// Electron IPC face, the browser-mode HTTP face and the CLI all go through it.
import { z } from 'zod';
import * as imports from './import-schemas.ts';
import * as s from './schemas.ts';

const none = z.object({}).strict();
const storePath = z.string().trim().min(1, 'a file path is needed').max(4096);

function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, summary: string) {
  return { input, output, summary };
}

export const contract = {
  'app.info': method(none, s.appInfo, 'Version, face and the open store'),
  'store.recent': method(none, z.array(s.recentStore), 'Recently opened stores'),
  'store.open': method(z.object({ path: storePath }).strict(), s.storeStatus, 'Open an existing store'),
  'store.create': method(
    z.object({ path: storePath, seed: z.boolean().default(true) }).strict(),
    s.storeStatus,
    'Create a new store, seeded with the inquiry',
  ),
  'store.counts': method(none, s.entityCounts, 'How many of each entity the store holds'),
  'store.backupNow': method(none, s.backupInfo, 'Take a backup now'),
  'store.backups': method(none, z.array(s.backupInfo), 'Backups of the open store, newest first'),
  'overview.get': method(none, s.overview, 'The investigation at a glance'),
  'sources.get': method(z.object({ id: s.id }).strict(), s.source, 'One source with its citation'),
  'jobs.get': method(z.object({ id: z.string() }).strict(), s.jobStatus, 'Progress of long work'),
  'jobs.list': method(none, z.array(s.jobStatus), 'Long work running or recently finished'),
  'imports.upload': method(
    z.object({ fileName: z.string().trim().min(1).max(255), dataBase64: z.string().max(150 * 1024 * 1024) }).strict(),
    z.object({ path: z.string() }),
    'Keep a file sent by the browser (browser mode has no file paths) and give its path',
  ),
  'imports.preview': method(imports.importRequest, imports.importPreview, 'Read a file and show how it will be stored, row by row'),
  'imports.commit': method(
    imports.importRequest.extend({ saveProfileAs: z.string().trim().min(1).max(200).optional(), expectedSha256: z.string().optional() }).strict(),
    s.jobStatus,
    'Import a file in one transaction; returns the job to follow',
  ),
  'imports.list': method(none, z.array(imports.importBatch), 'Import batches, newest first'),
  'imports.get': method(
    z.object({ id: z.string() }).strict(),
    z.object({ batch: imports.importBatch, rejections: z.array(imports.importRejection) }),
    'One import batch with every rejected row and its reason',
  ),
  'imports.undo': method(z.object({ id: z.string() }).strict(), imports.importBatch, 'Undo an import as a whole'),
  'imports.profiles': method(none, z.array(imports.importProfileSummary), 'Saved column mappings'),
  'history.undo': method(none, s.historyStep.nullable(), 'Undo the last change'),
  'history.redo': method(none, s.historyStep.nullable(), 'Redo the change undone last'),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export const methodNames = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
