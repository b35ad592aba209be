// The app, its stores, the overview, long-running jobs and undo history.
import { z } from 'zod';
import * as s from '../schemas.ts';
import { method, none } from './method.ts';

const storePath = z.string().trim().min(1, 'a file path is needed').max(4096);

export const coreMethods = {
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
  'history.undo': method(none, s.historyStep.nullable(), 'Undo the last change'),
  'history.redo': method(none, s.historyStep.nullable(), 'Redo the change undone last'),
} as const;
