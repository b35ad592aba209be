// Domain shapes as they cross the API. Money is integer pence, financial years
// are their start year (2022 means 2022-23), dates are ISO "YYYY-MM-DD".
import { z } from 'zod';

export const id = z.string().min(1).max(64);
export const pence = z.number().int().refine(Number.isSafeInteger, 'amount is too large to store exactly');
export const fyStart = z.number().int().min(1990).max(2100);
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
export const isoDateTime = z.string();

export const progressStatus = z.enum(['not_started', 'gathering', 'enough_evidence', 'finding_drafted']);
export type ProgressStatus = z.infer<typeof progressStatus>;

export const stance = z.enum(['supports', 'challenges', 'context']);
export type Stance = z.infer<typeof stance>;

export const sourceKind = z.enum(['document', 'dataset', 'web_page', 'transcript', 'written_submission', 'other']);

export const source = z.object({
  id,
  kind: sourceKind,
  title: z.string(),
  publisher: z.string().nullable(),
  publishedOn: z.string().nullable(),
  url: z.string().nullable(),
  accessedOn: z.string().nullable(),
  citation: z.string().nullable(),
  notes: z.string().nullable(),
});
export type Source = z.infer<typeof source>;

export const linkCounts = z.object({
  total: z.number().int(),
  supports: z.number().int(),
  challenges: z.number().int(),
  context: z.number().int(),
});
export type LinkCounts = z.infer<typeof linkCounts>;

export const inquiryItem = z.object({
  id,
  number: z.number().int(),
  text: z.string(),
  status: progressStatus,
  draftFinding: z.string().nullable(),
  links: linkCounts,
});
export type InquiryItem = z.infer<typeof inquiryItem>;

export const investigation = z.object({
  id,
  title: z.string(),
  committee: z.string(),
  body: z.string(),
  summary: z.string().nullable(),
});
export type Investigation = z.infer<typeof investigation>;

export const figure = z.object({
  id,
  series: z.string(),
  label: z.string(),
  amountPence: pence,
  approximate: z.boolean(),
  fyStart: fyStart.nullable(),
  fyEnd: fyStart.nullable(),
  note: z.string().nullable(),
  sourceId: id,
  sourceLocator: z.string().nullable(),
  fundCode: z.string().nullable(),
  fundName: z.string().nullable(),
});
export type Figure = z.infer<typeof figure>;

export const checkLine = z.object({ label: z.string(), amountPence: pence.nullable(), text: z.string() });

// A reconciliation check: stated totals or shares set beside what the figures give.
export const reconciliationCheck = z.object({
  id: z.string(),
  title: z.string(),
  outcome: z.enum(['agrees', 'differs', 'info']),
  summary: z.string(),
  lines: z.array(checkLine),
  arithmetic: z.array(z.string()),
  sourceIds: z.array(id),
  /** Where in the source the stated figure or share stands, when one was stated. */
  sourceLocator: z.string().nullable(),
});
export type ReconciliationCheck = z.infer<typeof reconciliationCheck>;

export const overview = z.object({
  investigation,
  terms: z.array(inquiryItem),
  questions: z.array(inquiryItem),
  budgetHistory: z.array(figure),
  lcpfSplit: z.array(figure),
  checks: z.array(reconciliationCheck),
  sources: z.array(source),
  evidenceCount: z.number().int(),
});
export type Overview = z.infer<typeof overview>;

export const backupInfo = z.object({
  path: z.string(),
  fileName: z.string(),
  takenAt: isoDateTime,
  bytes: z.number().int(),
  reason: z.string(),
});
export type BackupInfo = z.infer<typeof backupInfo>;

export const storeStatus = z.object({
  path: z.string(),
  fileName: z.string(),
  schemaVersion: z.number().int(),
  investigationTitle: z.string().nullable(),
  lastBackup: backupInfo.nullable(),
  backupDir: z.string(),
  /** Set when the file lives where SQLite's locking is unsafe (cloud sync, network share). */
  locationWarning: z.string().nullable(),
});
export type StoreStatus = z.infer<typeof storeStatus>;

export const recentStore = z.object({
  path: z.string(),
  title: z.string().nullable(),
  openedAt: isoDateTime,
  exists: z.boolean(),
});
export type RecentStore = z.infer<typeof recentStore>;

export const appInfo = z.object({
  appVersion: z.string(),
  face: z.enum(['electron', 'web', 'cli', 'test']),
  store: storeStatus.nullable(),
});
export type AppInfo = z.infer<typeof appInfo>;

export const entityCounts = z.record(z.string(), z.number().int());

export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  where: z.string().optional(),
  hint: z.string().optional(),
});

/** Long work reported through the contract: imports, exports, backups. */
export const jobStatus = z.object({
  id: z.string(),
  kind: z.string(),
  label: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  done: z.number(),
  total: z.number().nullable(),
  message: z.string(),
  result: z.unknown().nullable(),
  error: apiErrorSchema.nullable(),
  startedAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
});
export type JobStatus = z.infer<typeof jobStatus>;

/** One step of undo or redo: the change set it applied. */
export const historyStep = z.object({ label: z.string(), at: isoDateTime, changes: z.number().int() });
export type HistoryStep = z.infer<typeof historyStep>;
