// Shapes of the import API: the mapping a clerk edits, the preview of a file as
// it will be stored, and the batches kept afterwards.
import { z } from 'zod';

export const importTarget = z.enum(['services', 'funding', 'payments', 'grants360']);
export type ImportTarget = z.infer<typeof importTarget>;

const columnRef = z.object({ letter: z.string().regex(/^[A-Z]{1,3}$/), header: z.string() }).strict();
const measure = z.enum(['allocated', 'spent']);

export const importMapping = z.object({
  version: z.literal(1),
  target: importTarget,
  columns: z.record(z.string(), columnRef),
  constants: z.record(z.string(), z.string()).optional(),
  yearColumns: z.array(z.object({ column: columnRef, year: z.string().regex(/^\d{4}-\d{2}$/), measure }).strict()).optional(),
  measure: measure.optional(),
}).strict();
export type ImportMappingInput = z.infer<typeof importMapping>;

export const importConfirmations = z.object({
  organisations: z.record(z.string(), z.union([z.literal('new'), z.object({ organisationId: z.string() }).strict()])).optional(),
  keepDuplicateRows: z.array(z.number().int().positive()).optional(),
}).strict();

/** What a clerk asks of a file: which sheet, which target, how its columns map. */
export const importRequest = z.object({
  path: z.string().trim().min(1, 'choose a file to import').max(4096),
  target: importTarget.optional(),
  sheet: z.string().max(255).optional(),
  headerRow: z.number().int().positive().optional(),
  mapping: importMapping.optional(),
  /** Apply this saved profile (otherwise one whose columns match is applied automatically). */
  profileName: z.string().max(200).optional(),
  confirmations: importConfirmations.optional(),
}).strict();
export type ImportRequest = z.infer<typeof importRequest>;

const diagnostic = z.object({
  rowNumber: z.number().int(),
  column: z.string().nullable(),
  header: z.string().nullable(),
  field: z.string().nullable(),
  outcome: z.enum(['understood', 'rejected', 'note']),
  message: z.string(),
  detail: z.string(),
});

const previewRecord = z.object({
  kind: z.enum(['service', 'fundingLine', 'payment']),
  outcome: z.enum(['new', 'updated', 'duplicate']),
  /** The record as it will be stored, field by field, in words. */
  fields: z.array(z.object({ label: z.string(), value: z.string() })),
  why: z.string(),
});

const candidate = z.object({ organisationId: z.string(), name: z.string(), alias: z.string(), score: z.number(), why: z.string() });

export const importPreview = z.object({
  file: z.object({
    path: z.string(), fileName: z.string(), kind: z.enum(['csv', 'xlsx', 'ods', 'xls']), encoding: z.string().nullable(),
    bytes: z.number().int(), sha256: z.string(), warnings: z.array(z.string()),
  }),
  sheets: z.array(z.object({ name: z.string(), rows: z.number().int(), hidden: z.boolean() })),
  sheet: z.string().nullable(),
  headerRowNumber: z.number().int(),
  titleRows: z.array(z.object({ row: z.number().int(), text: z.string() })),
  columns: z.array(z.object({ letter: z.string(), name: z.string(), samples: z.array(z.string()) })),
  target: importTarget,
  targets: z.array(z.object({ target: importTarget, label: z.string(), score: z.number(), why: z.string() })),
  fields: z.array(z.object({ key: z.string(), label: z.string(), required: z.boolean(), kind: z.string(), allowsConstant: z.boolean() })),
  mapping: importMapping,
  guesses: z.array(z.object({ field: z.string(), label: z.string(), column: z.string(), confidence: z.number(), reason: z.string() })),
  profile: z.object({ name: z.string(), status: z.enum(['exact', 'changed', 'different']), message: z.string(), warnings: z.array(z.string()) }).nullable(),
  problems: z.array(z.object({ severity: z.enum(['error', 'warning']), field: z.string().nullable(), column: z.string().nullable(), message: z.string() })),
  counts: z.object({
    rowsRead: z.number().int(), accepted: z.number().int(), rejected: z.number().int(), new: z.number().int(), updated: z.number().int(),
    duplicate: z.number().int(), skipped: z.number().int(), newOrganisations: z.number().int(), uncertainOrganisations: z.number().int(), newServices: z.number().int(),
  }),
  rows: z.array(z.object({
    rowNumber: z.number().int(),
    outcome: z.enum(['new', 'updated', 'duplicate', 'rejected']),
    cells: z.array(z.string()),
    records: z.array(previewRecord),
    reasons: z.array(z.string()),
    diagnostics: z.array(diagnostic),
  })),
  rejected: z.array(z.object({ rowNumber: z.number().int(), reasons: z.array(z.string()) })),
  skipped: z.array(z.object({ rowNumber: z.number().int(), reason: z.string() })),
  organisations: z.object({
    uncertain: z.array(z.object({ key: z.string(), name: z.string(), spellings: z.array(z.string()), rows: z.array(z.number().int()), candidates: z.array(candidate) })),
    created: z.array(z.object({ key: z.string(), name: z.string(), rows: z.number().int() })),
    matched: z.array(z.object({ name: z.string(), knownName: z.string(), via: z.string() })),
  }),
});
export type ImportPreview = z.infer<typeof importPreview>;

export const importBatch = z.object({
  id: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  target: importTarget,
  sheet: z.string().nullable(),
  profileName: z.string().nullable(),
  status: z.enum(['committed', 'undone']),
  rowsRead: z.number().int(),
  newCount: z.number().int(),
  updatedCount: z.number().int(),
  duplicateCount: z.number().int(),
  rejectedCount: z.number().int(),
  committedAt: z.string().nullable(),
  undoneAt: z.string().nullable(),
});
export type ImportBatch = z.infer<typeof importBatch>;

export const importRejection = z.object({
  sheet: z.string().nullable(),
  rowNumber: z.number().int(),
  column: z.string().nullable(),
  reason: z.string(),
  raw: z.record(z.string(), z.string()).nullable(),
});
export type ImportRejection = z.infer<typeof importRejection>;

export const importProfileSummary = z.object({ id: z.string(), name: z.string(), target: importTarget, headers: z.array(z.string()) });
