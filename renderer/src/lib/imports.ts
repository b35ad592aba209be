// Words and numbers of the Imports page. Pure functions, unit-tested.
import type { ImportBatch, ImportMappingInput, ImportPreview, ImportTarget } from '../../../shared/import-schemas.ts';
import { formatMoney, parseMoney } from '../../../shared/money.ts';

/** Largest file Scrutiny Desk imports (as imports.upload and the reader enforce). */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/** What the file input offers. */
export const IMPORT_ACCEPT = '.csv,.xlsx,.ods,.xls';

export type Counts = ImportPreview['counts'];
export type PreviewField = ImportPreview['fields'][number];
export type PreviewColumn = ImportPreview['columns'][number];
export type YearColumn = NonNullable<ImportMappingInput['yearColumns']>[number];
export type Measure = YearColumn['measure'];

/** A number as a UK reader writes it: "1,204". */
export function n(value: number): string {
  return value.toLocaleString('en-GB');
}

/** "1 row", "1,204 rows". */
export function count(value: number, one: string, many: string): string {
  return `${n(value)} ${value === 1 ? one : many}`;
}

const TARGET_WORDS: Record<ImportTarget, { label: string; one: string; many: string }> = {
  services: { label: 'Services register', one: 'service', many: 'services' },
  funding: { label: 'Funding lines', one: 'funding line', many: 'funding lines' },
  payments: { label: 'Payments', one: 'payment', many: 'payments' },
  grants360: { label: '360Giving grants', one: 'grant', many: 'grants' },
};

export function targetLabel(target: ImportTarget): string {
  return TARGET_WORDS[target].label;
}

/** What one import target stores, counted: "1 payment", "10 funding lines". */
export function recordCount(target: ImportTarget, value: number): string {
  const words = TARGET_WORDS[target];
  return count(value, words.one, words.many);
}

export function recordNoun(target: ImportTarget, value: number): string {
  const words = TARGET_WORDS[target];
  return value === 1 ? words.one : words.many;
}

/**
 * The preview's counts in one line: "1,204 rows: 1,150 new, 30 updated, 12
 * duplicate, 12 rejected; 3 rows skipped". When a row gives several records (a
 * funding spreadsheet with a column per year) the records are named, so rows
 * and records are never added together: "5 rows: 10 new funding lines, …".
 */
export function countsLine(counts: Counts, target: ImportTarget): string {
  const records = counts.new + counts.updated + counts.duplicate;
  const differ = records !== counts.accepted;
  const noun = differ ? ` ${recordNoun(target, counts.new)}` : '';
  const rejected = differ ? `${count(counts.rejected, 'row', 'rows')} rejected` : `${n(counts.rejected)} rejected`;
  const head = `${count(counts.rowsRead, 'row', 'rows')}: ${n(counts.new)} new${noun}, ${n(counts.updated)} updated, ${n(counts.duplicate)} duplicate, ${rejected}`;
  return `${head}; ${count(counts.skipped, 'row', 'rows')} skipped`;
}

/** What else an import makes, when it makes anything: "5 new services; 3 new organisations; 1 name to confirm". */
export function extrasLine(counts: Counts): string | null {
  const parts: string[] = [];
  if (counts.newServices > 0) parts.push(count(counts.newServices, 'new service', 'new services'));
  if (counts.newOrganisations > 0) parts.push(count(counts.newOrganisations, 'new organisation', 'new organisations'));
  if (counts.uncertainOrganisations > 0) parts.push(`${count(counts.uncertainOrganisations, 'organisation name', 'organisation names')} to confirm`);
  return parts.length > 0 ? parts.join('; ') : null;
}

/** A batch's counts in words: "3 new payments, 0 updated, 0 duplicate; 1 row rejected". */
export function batchLine(batch: Pick<ImportBatch, 'target' | 'newCount' | 'updatedCount' | 'duplicateCount' | 'rejectedCount' | 'rowsRead'>): string {
  return `${count(batch.rowsRead, 'row', 'rows')} read: ${n(batch.newCount)} new ${recordNoun(batch.target, batch.newCount)}, ${n(batch.updatedCount)} updated, ${n(batch.duplicateCount)} duplicate; ${count(batch.rejectedCount, 'row', 'rows')} rejected`;
}

/** What undoing a batch removes, said before it is done. */
export function undoConsequence(batch: Pick<ImportBatch, 'target' | 'newCount' | 'updatedCount' | 'rejectedCount'>): string {
  const parts: string[] = [];
  parts.push(batch.newCount > 0 ? `This removes the ${recordCount(batch.target, batch.newCount)} it added, with any organisations and services it created.` : `It added no new ${recordNoun(batch.target, 2)}; any organisations and services it created are removed.`);
  if (batch.updatedCount > 0) parts.push(`The ${recordCount(batch.target, batch.updatedCount)} it changed go back to what they were before.`);
  if (batch.rejectedCount > 0) parts.push(`The ${count(batch.rejectedCount, 'row', 'rows')} it rejected ${batch.rejectedCount === 1 ? 'was' : 'were'} never stored.`);
  parts.push('The import stays in the list, marked Undone.');
  return parts.join(' ');
}

const KIND_WORDS: Record<ImportPreview['file']['kind'], string> = {
  csv: 'CSV (comma-separated text)',
  xlsx: 'Excel workbook (XLSX)',
  ods: 'OpenDocument spreadsheet (ODS)',
  xls: 'Excel 97-2003 workbook (XLS)',
};

export function fileKindWords(kind: ImportPreview['file']['kind']): string {
  return KIND_WORDS[kind];
}

/** A CSV file's character encoding as a clerk knows it. */
export function encodingWords(encoding: string): string {
  const e = encoding.toLowerCase().replace(/_/g, '-');
  if (e === 'windows-1252' || e === 'cp1252') return 'Windows-1252 (how Excel saves CSV on UK Windows)';
  if (e === 'utf-8-bom') return 'UTF-8 with a byte order mark';
  if (e === 'utf-8') return 'UTF-8';
  if (e === 'utf-16le') return 'UTF-16 (little-endian)';
  if (e === 'utf-16be') return 'UTF-16 (big-endian)';
  return encoding;
}

/** "Header found on row 5 under 2 title rows", or "Header found on row 1". */
export function headerLine(headerRow: number, titleRows: number): string {
  if (titleRows === 0) return `Header found on row ${n(headerRow)}`;
  return `Header found on row ${n(headerRow)} under ${count(titleRows, 'title row', 'title rows')}`;
}

/** A guess's confidence in words: "95% sure". */
export function confidenceWords(confidence: number): string {
  return `${Math.round(Math.max(0, Math.min(1, confidence)) * 100)}% sure`;
}

/** A guess a clerk should look at twice. */
export function isDoubtful(confidence: number): boolean {
  return confidence < 0.8;
}

/** A column as the mapping select shows it: "C · Amount (£12,500.00, €2,400.00)". */
export function columnOptionLabel(column: PreviewColumn): string {
  const header = column.name.trim() === '' ? '(no header)' : column.name;
  const samples = column.samples.filter((s) => s.trim() !== '').slice(0, 3).map((s) => (s.length > 28 ? `${s.slice(0, 27)}…` : s));
  return samples.length > 0 ? `${column.letter} · ${header}: ${samples.join(', ')}` : `${column.letter} · ${header}: empty`;
}

const MONEY_LABELS = new Set(['Amount', 'Allocated', 'Spent']);

export function isMoneyLabel(label: string): boolean {
  return MONEY_LABELS.has(label);
}

/**
 * A stored value as the preview table shows it. Payments carry pence, so
 * "£12,500" becomes "£12,500.00"; anything that is not a plain amount is left
 * exactly as the preview gave it.
 */
export function storedValue(kind: ImportPreview['rows'][number]['records'][number]['kind'], label: string, value: string): string {
  if (kind !== 'payment' || !isMoneyLabel(label) || !/^-?£[\d,]+(\.\d{2})?$/.test(value)) return value;
  const parsed = parseMoney(value);
  return parsed.ok ? formatMoney(parsed.value, { showPence: true }) : value;
}

/** The labels of the records' fields, in the order they first appear. */
export function recordLabels(rows: ImportPreview['rows']): string[] {
  const labels: string[] = [];
  for (const row of rows) {
    for (const record of row.records) {
      for (const field of record.fields) if (!labels.includes(field.label)) labels.push(field.label);
    }
  }
  return labels;
}

export const OUTCOME_WORDS: Record<ImportPreview['rows'][number]['outcome'], string> = {
  new: 'New',
  updated: 'Updated',
  duplicate: 'Duplicate',
  rejected: 'Rejected',
};

export const DIAGNOSTIC_WORDS: Record<ImportPreview['rows'][number]['diagnostics'][number]['outcome'], string> = {
  understood: 'Understood',
  rejected: 'Rejected',
  note: 'Note',
};

/** The clerk's mapping, as edited: constants may be empty while they type. */
export interface MappingDraft {
  target: ImportTarget;
  columns: ImportMappingInput['columns'];
  /** Fields given one value for the whole file (the value may still be empty). */
  constants: Record<string, string>;
  yearColumns: YearColumn[];
  measure: Measure | undefined;
}

export function draftFromMapping(mapping: ImportMappingInput): MappingDraft {
  return {
    target: mapping.target,
    columns: { ...mapping.columns },
    constants: { ...(mapping.constants ?? {}) },
    yearColumns: [...(mapping.yearColumns ?? [])],
    measure: mapping.measure,
  };
}

/** The draft as the API takes it: empty constants left out, empty parts omitted. */
export function mappingFromDraft(draft: MappingDraft): ImportMappingInput {
  const constants = Object.fromEntries(Object.entries(draft.constants).map(([k, v]) => [k, v.trim()] as const).filter(([, v]) => v !== ''));
  return {
    version: 1,
    target: draft.target,
    columns: draft.columns,
    ...(Object.keys(constants).length > 0 ? { constants } : {}),
    ...(draft.yearColumns.length > 0 ? { yearColumns: draft.yearColumns } : {}),
    ...(draft.measure !== undefined ? { measure: draft.measure } : {}),
  };
}

/** Every year column seen so far, in column order, without repeats. */
export function mergeYearColumns(known: readonly YearColumn[], seen: readonly YearColumn[]): YearColumn[] {
  const byLetter = new Map<string, YearColumn>();
  for (const y of [...known, ...seen]) if (!byLetter.has(y.column.letter)) byLetter.set(y.column.letter, y);
  return [...byLetter.values()].sort((a, b) => a.column.letter.length - b.column.letter.length || a.column.letter.localeCompare(b.column.letter));
}

/** Why the Import button cannot be used yet, or null when it can. */
export function importBlocker(input: {
  preview: ImportPreview | null;
  updating: boolean;
  previewFailed: boolean;
  undecided: number;
  running: boolean;
}): string | null {
  const { preview } = input;
  if (input.running) return 'An import is running: wait for it to finish.';
  if (preview === null) return 'Choose a file first.';
  if (input.previewFailed) return 'The preview could not be made with these choices: see the problem above.';
  if (input.updating) return 'Wait a moment: the preview is being updated with your changes.';
  const errors = preview.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    return `Fix ${errors.length === 1 ? 'this problem' : `these ${n(errors.length)} problems`} in the mapping first: ${errors.map((e) => e.message).join('; ')}.`;
  }
  if (preview.counts.accepted === 0) {
    return preview.counts.rowsRead === 0
      ? 'The file has no rows to import under its header.'
      : `No row can be imported: ${preview.counts.rejected === preview.counts.rowsRead ? 'every row was rejected' : 'no row was accepted'}. See the reasons under Preview.`;
  }
  if (input.undecided > 0) {
    return `Decide who ${input.undecided === 1 ? 'the organisation name' : `the ${n(input.undecided)} organisation names`} under Preview ${input.undecided === 1 ? 'is' : 'are'} first.`;
  }
  return null;
}

/** The label of the Import button: "Import 1,150 rows". */
export function importButtonLabel(counts: Counts): string {
  return `Import ${count(counts.accepted, 'row', 'rows')}`;
}
