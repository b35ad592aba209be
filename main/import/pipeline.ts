// One import from file to store: read the file, find its table, choose the mapping
// (the clerk's, a saved profile's, or a guess), map and validate every row, then
// either describe the result (preview) or write it (commit). Runs in a worker.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { formatFinancialYearRange } from '../../shared/financial-year.ts';
import type { ImportPreview, ImportRequest } from '../../shared/import-schemas.ts';
import { formatMoney } from '../../shared/money.ts';
import { boroughByGss } from '../../shared/boroughs.ts';
import { formatUkDate } from '../../shared/uk-date.ts';
import {
  TARGETS, applyProfile, findProfile, guessMapping, mapTable, suggestTargets, type ImportProfile, type ImportRecord, type KnownEntities,
  type MapResult, type Mapping, type OrganisationRef, type ServiceRef, type TargetId,
} from './map/index.ts';
import { detectTable, readSpreadsheet, type Cell, type ReadProgress, type SheetTable, type Workbook } from './read/index.ts';
import type { ImportTable } from './table.ts';

/** What the preview tells about the file; the cells themselves are let go once the table is built. */
export interface FileFacts {
  kind: Workbook['kind'];
  encoding: Workbook['encoding'];
  warnings: string[];
  sheets: { name: string; rows: number; hidden: boolean }[];
  titleRows: SheetTable['titleRows'];
  headerProblems: SheetTable['problems'];
}

export interface PreparedImport {
  fileName: string;
  sha256: string;
  bytes: number;
  facts: FileFacts;
  table: ImportTable;
  target: TargetId;
  mapping: Mapping;
  profile: { profile: ImportProfile; status: 'exact' | 'changed' | 'different'; message: string; warnings: string[] } | null;
  result: MapResult;
}

export interface PrepareOptions {
  /** Diagnostics for every cell of the first this many rows (rejections are always explained). */
  explainRows?: number;
  onReadProgress?: (progress: ReadProgress) => void;
  /** Called as each stage ends: parse, table, map. */
  onStage?: (stage: string) => void;
}

/** The reading layer's sheet table in the shape the mapping layer reads. */
export function toImportTable(workbook: Workbook, sheetTable: SheetTable): ImportTable {
  const toCell = (cell: Cell | null) => ({
    raw: cell?.value ?? null,
    text: cell?.text ?? '',
    isDate: cell?.isDate ?? false,
    ...(cell?.formula ? { formula: cell.formula } : {}),
  });
  return {
    fileName: workbook.fileName,
    sheet: workbook.kind === 'csv' ? null : sheetTable.sheet,
    headerRowNumber: sheetTable.headerRow,
    columns: sheetTable.headers.map((header) => ({ letter: header.letter, name: header.name })),
    rows: sheetTable.rows.map((row) => ({ rowNumber: row.row, cells: row.cells.map(toCell) })),
    skipped: sheetTable.skipped.map((skip) => ({ rowNumber: skip.row, reason: skip.message })),
    dateSystem: workbook.dateSystem,
  };
}

export function prepareImport(
  bytes: Uint8Array, path: string, request: ImportRequest, known: KnownEntities, profiles: readonly ImportProfile[], options: PrepareOptions = {},
): PreparedImport {
  const fileName = basename(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  // Scoped so the workbook's cells can be collected once the table holds what mapping needs.
  const { table, facts } = (() => {
    const workbook = readSpreadsheet(bytes, fileName, options.onReadProgress ? { onProgress: options.onReadProgress } : {});
    options.onStage?.('parse');
    const sheetTable = detectTable(workbook, {
      ...(request.sheet ? { sheet: request.sheet } : {}),
      ...(request.headerRow ? { headerRow: request.headerRow } : {}),
    });
    const facts: FileFacts = {
      kind: workbook.kind, encoding: workbook.encoding, warnings: workbook.warnings,
      sheets: workbook.sheets.map((sheet) => ({ name: sheet.name, rows: sheet.rowCount, hidden: sheet.hidden })),
      titleRows: sheetTable.titleRows, headerProblems: sheetTable.problems,
    };
    return { table: toImportTable(workbook, sheetTable), facts };
  })();
  options.onStage?.('table');

  let profile: PreparedImport['profile'] = null;
  let mapping: Mapping | undefined = request.mapping as Mapping | undefined;
  let target: TargetId | undefined = request.target ?? mapping?.target;
  if (!mapping) {
    const named = request.profileName ? profiles.find((p) => p.name === request.profileName) : undefined;
    const found = named ? { profile: named } : findProfile(profiles, table.columns, target);
    if (named || (found && (!target || found.profile.target === target))) {
      const chosen = found!.profile;
      const applied = applyProfile(chosen, table.columns);
      if (applied.match.status !== 'different' || named) {
        mapping = applied.mapping;
        target = chosen.target;
        profile = { profile: chosen, status: applied.match.status, message: applied.match.message, warnings: applied.warnings };
      }
    }
  }
  target ??= suggestTargets(table)[0]?.target ?? 'services';
  mapping ??= guessMapping(table, target).mapping;
  if (mapping.target !== target) mapping = guessMapping(table, target).mapping;

  const result = mapTable(table, mapping, known, request.confirmations ?? {}, { explainRows: options.explainRows ?? 50 });
  options.onStage?.('map');
  return { fileName, sha256, bytes: bytes.byteLength, facts, table, target, mapping, profile, result };
}

function organisationName(ref: OrganisationRef | null): string {
  if (!ref) return '';
  return ref.kind === 'new' ? `${ref.name} (new organisation)` : ref.name;
}

function serviceName(ref: ServiceRef | null): string {
  if (!ref) return '';
  return ref.kind === 'new' ? `${ref.name} (new service)` : ref.name;
}

function boroughName(gss: string | null): string {
  return gss ? boroughByGss(gss)?.name ?? gss : '';
}

/** A record as it will be stored, field by field, in words a clerk reads. */
export function describeRecord(record: ImportRecord, fundNames: ReadonlyMap<string, string>): ImportPreview['rows'][number]['records'][number] {
  const field = (label: string, value: string | null | undefined) => ({ label, value: value ?? '' });
  if (record.kind === 'service') {
    const v = record.values;
    return {
      kind: 'service', outcome: record.outcome, why: record.why,
      fields: [
        field('Name', v.name), field('Reference', v.reference), field('Provider', organisationName(v.provider)),
        field('Commissioner', organisationName(v.commissioner)), field('Category', v.category),
        field('Boroughs', v.londonWide ? 'London-wide' : v.boroughs.map((gss) => boroughName(gss)).join(', ')),
        field('Starts', v.startDate ? formatUkDate(v.startDate) : ''), field('Ends', v.endDate ? formatUkDate(v.endDate) : ''),
      ].filter((f) => f.value !== ''),
    };
  }
  if (record.kind === 'fundingLine') {
    return {
      kind: 'fundingLine', outcome: record.outcome, why: record.why,
      fields: [
        field('Service', serviceName(record.service)), field('Fund', record.fundId ? fundNames.get(record.fundId) ?? record.fundCode : ''),
        field('Borough', boroughName(record.boroughGss)), field('Financial year', formatFinancialYearRange(record.fyStart, record.fyEnd)),
        field(record.measure === 'allocated' ? 'Allocated' : 'Spent', formatMoney(record.amountPence)),
      ].filter((f) => f.value !== ''),
    };
  }
  return {
    kind: 'payment', outcome: record.outcome, why: record.why,
    fields: [
      field('Date', formatUkDate(record.paidOn)), field('Supplier', organisationName(record.supplier)), field('Amount', formatMoney(record.amountPence, { showPence: true })),
      field('Description', record.description), field('Cost centre', record.costCentre), field('Expense type', record.expenseType),
      field('Transaction', record.transactionRef), field('Paid by', organisationName(record.payer)),
    ].filter((f) => f.value !== ''),
  };
}

const PREVIEW_ROWS = 50;
const REJECTED_LISTED = 2000;

export function buildPreview(prepared: PreparedImport, path: string, known: KnownEntities): ImportPreview {
  const { facts, table, result } = prepared;
  const fundNames = new Map(known.funds.map((fund) => [fund.id, fund.name]));
  const cellsByRow = new Map(table.rows.map((row) => [row.rowNumber, row.cells.map((cell) => cell.text)]));
  const target = TARGETS[prepared.target];
  const guess = guessMapping(table, prepared.target);
  const suggestions = suggestTargets(table);
  const columnSamples = table.columns.map((column, index) => ({
    letter: column.letter,
    name: column.name,
    samples: table.rows.slice(0, 200).map((row) => row.cells[index]?.text ?? '').filter((text) => text !== '').slice(0, 3),
  }));
  const headerProblems = facts.headerProblems.map((problem) => ({ severity: 'warning' as const, field: null, column: problem.columns[0] ?? null, message: problem.message }));
  return {
    file: {
      path, fileName: prepared.fileName, kind: facts.kind, encoding: facts.encoding, bytes: prepared.bytes, sha256: prepared.sha256,
      warnings: facts.warnings,
    },
    sheets: facts.sheets,
    sheet: table.sheet,
    headerRowNumber: table.headerRowNumber,
    titleRows: facts.titleRows,
    columns: columnSamples,
    target: prepared.target,
    targets: (Object.keys(TARGETS) as TargetId[]).map((id) => {
      const suggestion = suggestions.find((s) => s.target === id);
      return { target: id, label: TARGETS[id].label, score: suggestion?.score ?? 0, why: suggestion?.reason ?? '' };
    }),
    fields: target.fields.map((f) => ({ key: f.key, label: f.label, required: f.required, kind: f.kind, allowsConstant: f.constant === true })),
    mapping: prepared.mapping as ImportPreview['mapping'],
    guesses: guess.fields.map((g) => ({ field: g.field, label: g.label, column: g.column.letter, confidence: g.confidence, reason: g.reason })),
    profile: prepared.profile
      ? { name: prepared.profile.profile.name, status: prepared.profile.status, message: prepared.profile.message, warnings: prepared.profile.warnings }
      : null,
    problems: [...result.problems, ...headerProblems],
    counts: {
      rowsRead: result.counts.rowsRead, accepted: result.counts.accepted, rejected: result.counts.rejected, new: result.counts.new,
      updated: result.counts.updated, duplicate: result.counts.duplicate, skipped: result.skipped.length,
      newOrganisations: result.counts.newOrganisations, uncertainOrganisations: result.counts.uncertainOrganisations, newServices: result.counts.newServices,
    },
    rows: result.rows.slice(0, PREVIEW_ROWS).map((row) => ({
      rowNumber: row.rowNumber,
      outcome: row.outcome,
      cells: cellsByRow.get(row.rowNumber) ?? [],
      records: row.records.map((record) => describeRecord(record, fundNames)),
      reasons: row.reasons,
      diagnostics: row.diagnostics,
    })),
    rejected: result.rows.filter((row) => row.status === 'rejected').slice(0, REJECTED_LISTED).map((row) => ({ rowNumber: row.rowNumber, reasons: row.reasons })),
    skipped: result.skipped,
    organisations: {
      uncertain: result.organisations.uncertain.map((u) => ({ key: u.key, name: u.name, spellings: u.spellings, rows: u.rows.slice(0, 20), candidates: u.candidates })),
      created: result.organisations.new.map((n) => ({ key: n.key, name: n.name, rows: n.rows.length })),
      matched: result.organisations.matched.map((m) => ({ name: m.name, knownName: m.knownName, via: m.via })),
    },
  };
}
