// The one API contract. Each method is declared here once, with the schema of
// its input and of its output; main/api.ts implements each once, and the
// Electron IPC face, the browser-mode HTTP face and the CLI all go through it.
import { z } from 'zod';
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
