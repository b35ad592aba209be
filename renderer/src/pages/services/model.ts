// What the services table computes beyond sorting: filters as people type them
// ("> £1m", "camden hackney"), groups with their subtotals (exact, in pence),
// totals, moving columns, and turning a typed cell into a validated edit.
// Pure functions, unit-tested in tests/unit/renderer/services-model.test.ts.
import { matchBorough } from '../../../../shared/boroughs.ts';
import { parseMoney } from '../../../../shared/money.ts';
import {
  serviceFields, servicePatch, type OrganisationSummary, type ServiceDeleted, type ServiceFieldsInput, type ServicePatchInput, type ServiceRow,
} from '../../../../shared/services-schemas.ts';
import { formatUkDate, parseUkDate } from '../../../../shared/uk-date.ts';
import { boroughsText, COLUMNS, type ColumnId, type EditableField, type ServiceColumn } from './columns.ts';

// ---------------------------------------------------------------- words

export function n(value: number): string {
  return value.toLocaleString('en-GB');
}

export function plural(value: number, one: string, many: string): string {
  return `${n(value)} ${value === 1 ? one : many}`;
}

/** "1,204 of 2,000 services", or "All 2,000 services" when nothing is filtered out. */
export function rowCountText(shown: number, total: number): string {
  if (shown === total) return total === 1 ? '1 service' : `All ${plural(total, 'service', 'services')}`;
  return `${n(shown)} of ${plural(total, 'service', 'services')}`;
}

export function sentence(text: string): string {
  return text.length === 0 ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------- filters

/** Lower case, single spaces, curly quotes as straight ones: how text is compared when filtering. */
export function foldText(text: string): string {
  return text.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ');
}

/** Every word of the query is somewhere in the text (any order, any case). */
export function textMatches(foldedHaystack: string, query: string): boolean {
  const words = foldText(query).trim().split(' ').filter((w) => w !== '');
  return words.every((word) => foldedHaystack.includes(word));
}

/** What the global filter looks through: every searchable column of the row. */
export function searchText(row: ServiceRow): string {
  return foldText(COLUMNS.filter((c) => c.searchable).map((c) => c.text(row)).join(' \u0001 '));
}

export type NumberFilter = { ok: true; test: (value: number) => boolean; describe: string } | { ok: false; message: string };

const OPERATORS: Record<string, { test: (a: number, b: number) => boolean; words: string }> = {
  '>': { test: (a, b) => a > b, words: 'more than' },
  '≥': { test: (a, b) => a >= b, words: 'at least' },
  '>=': { test: (a, b) => a >= b, words: 'at least' },
  '<': { test: (a, b) => a < b, words: 'less than' },
  '≤': { test: (a, b) => a <= b, words: 'at most' },
  '<=': { test: (a, b) => a <= b, words: 'at most' },
  '=': { test: (a, b) => a === b, words: 'exactly' },
};

function readNumber(text: string, kind: 'money' | 'count'): { ok: true; value: number; shown: string } | { ok: false; message: string } {
  if (kind === 'money') {
    const parsed = parseMoney(text);
    if (!parsed.ok) return { ok: false, message: parsed.reason };
    return { ok: true, value: parsed.value, shown: text.trim() };
  }
  const clean = text.trim();
  if (!/^\d{1,3}(,\d{3})*$|^\d+$/.test(clean)) return { ok: false, message: `"${clean}" is not a whole number` };
  return { ok: true, value: Number(clean.replaceAll(',', '')), shown: clean };
}

const numberCache = new Map<string, NumberFilter>();

/**
 * A filter on a money or count column as typed: "> £1m", ">= 500k", "< 100",
 * "1m-2m" (from and to, both included), "= 0", or a plain amount (exactly).
 * Money is read by the app's strict money parser, so "£23.6m" means £23,600,000.
 */
export function numberFilter(input: string, kind: 'money' | 'count'): NumberFilter {
  const key = `${kind}:${input}`;
  const known = numberCache.get(key);
  if (known !== undefined) return known;
  const result = compileNumberFilter(input.trim(), kind);
  if (numberCache.size > 500) numberCache.clear();
  numberCache.set(key, result);
  return result;
}

function compileNumberFilter(text: string, kind: 'money' | 'count'): NumberFilter {
  const example = kind === 'money' ? 'write it like > £1m, < 500k or 1m-2m' : 'write it like > 0, < 10 or 2-5';
  const op = /^(>=|<=|>|<|=|≥|≤)\s*(.+)$/.exec(text);
  if (op) {
    const operator = OPERATORS[op[1]!]!;
    const value = readNumber(op[2]!, kind);
    if (!value.ok) return { ok: false, message: `${value.message}: ${example}` };
    return { ok: true, test: (a) => operator.test(a, value.value), describe: `${operator.words} ${value.shown}` };
  }
  const range = /^(.+?)\s*(?:\s-\s|[-–]|\sto\s)\s*(.+)$/i.exec(text);
  if (range && !/^[-\u2212]/.test(text)) {
    const from = readNumber(range[1]!, kind);
    const to = readNumber(range[2]!, kind);
    if (!from.ok) return { ok: false, message: `${from.message}: ${example}` };
    if (!to.ok) return { ok: false, message: `${to.message}: ${example}` };
    const [low, high] = from.value <= to.value ? [from.value, to.value] : [to.value, from.value];
    return { ok: true, test: (a) => a >= low && a <= high, describe: `from ${from.shown} to ${to.shown}` };
  }
  const value = readNumber(text, kind);
  if (!value.ok) return { ok: false, message: `${value.message}: ${example}` };
  return { ok: true, test: (a) => a === value.value, describe: `exactly ${value.shown}` };
}

// ---------------------------------------------------------------- groups

export type GroupBy = 'none' | 'commissioner' | 'category' | 'fund' | 'borough';

export const GROUP_WORDS: Record<GroupBy, string> = {
  none: 'No grouping',
  commissioner: 'Commissioner',
  category: 'Category',
  fund: 'Fund',
  borough: 'Borough',
};

export interface FundName {
  code: string;
  name: string;
}

/** A row of the table as shown: a group's heading with its subtotals, or a service. */
export type DisplayItem =
  | { kind: 'group'; key: string; label: string; count: number; sums: Partial<Record<ColumnId, number | null>>; collapsed: boolean }
  /** A service; under a fund, `fund` holds that fund's share of its money. */
  | { kind: 'row'; key: string; row: ServiceRow; groupKey: string | null; fund: ServiceRow['byFund'][number] | null };

interface GroupDraft {
  key: string;
  label: string;
  /** Sorts last: "No category", "No borough recorded". */
  last: number;
  members: { row: ServiceRow; fund: ServiceRow['byFund'][number] | null }[];
}

const NONE = '\u0000none';

function categoryKey(category: string): string {
  return foldText(category).trim();
}

function memberships(row: ServiceRow, by: GroupBy, funds: ReadonlyMap<string, string>): { key: string; label: string; last: number; fund: ServiceRow['byFund'][number] | null }[] {
  switch (by) {
    case 'commissioner':
      return [row.commissioner === null
        ? { key: NONE, label: 'No commissioner recorded', last: 1, fund: null }
        : { key: row.commissioner.id, label: row.commissioner.name, last: 0, fund: null }];
    case 'category':
      return [row.category === null || row.category.trim() === ''
        ? { key: NONE, label: 'No category', last: 1, fund: null }
        : { key: categoryKey(row.category), label: row.category.trim(), last: 0, fund: null }];
    case 'fund':
      if (row.byFund.length === 0) return [{ key: NONE, label: 'No funding recorded', last: 2, fund: null }];
      return row.byFund.map((part) => part.fundCode === null
        ? { key: '\u0000nofund', label: 'Funding lines that name no fund', last: 1, fund: part }
        : { key: part.fundCode, label: `${funds.get(part.fundCode) ?? part.fundCode} (${part.fundCode})`, last: 0, fund: part });
    case 'borough':
      if (row.londonWide) return [{ key: '\u0000london', label: 'London-wide', last: 1, fund: null }];
      if (row.boroughGss.length === 0) return [{ key: NONE, label: 'No borough recorded', last: 2, fund: null }];
      return row.boroughGss.map((gss, index) => ({ key: gss, label: row.boroughs[index] ?? gss, last: 0, fund: null }));
    default:
      return [];
  }
}

/** A category spelt several ways ("Victim support", "victim support ") is one group, labelled as most services spell it. */
function categoryLabels(rows: readonly ServiceRow[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const row of rows) {
    if (row.category === null || row.category.trim() === '') continue;
    const key = categoryKey(row.category);
    const spellings = counts.get(key) ?? new Map<string, number>();
    const spelt = row.category.trim();
    spellings.set(spelt, (spellings.get(spelt) ?? 0) + 1);
    counts.set(key, spellings);
  }
  const labels = new Map<string, string>();
  for (const [key, spellings] of counts) {
    // The spelling most services use; on a tie, one that starts with a capital, as a heading would.
    const capital = (text: string) => (/^\p{Lu}/u.test(text) ? 0 : 1);
    const best = [...spellings.entries()].sort((a, b) => b[1] - a[1] || capital(a[0]) - capital(b[0]) || a[0].localeCompare(b[0]))[0]!;
    labels.set(key, best[0]);
  }
  return labels;
}

/** The amount a column adds for one member of a group: under a fund, that fund's share (null when not split by fund). */
export function memberAmount(column: ServiceColumn, row: ServiceRow, fund: ServiceRow['byFund'][number] | null, by: GroupBy): number | null {
  if (column.amount === undefined) return null;
  if (by !== 'fund') return column.amount(row);
  if (fund === null) return column.kind === 'money' && column.fundAmount !== null && column.fundAmount !== undefined ? 0 : null;
  if (column.fundAmount === null || column.fundAmount === undefined) return null;
  return column.fundAmount(fund);
}

export interface GroupOptions {
  by: GroupBy;
  /** The sort in force, so groups follow it: by subtotal for a number column, by name otherwise. */
  sort: { id: string; desc: boolean } | null;
  collapsed: ReadonlySet<string>;
  funds: readonly FundName[];
  /** Every row, unfiltered: category spellings are settled on all of them. */
  allRows: readonly ServiceRow[];
}

const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

/**
 * The rows as shown: without grouping, one item per row in the table's order;
 * grouped, each group's heading (with its subtotals, exact in pence) and then its
 * rows in the table's order. A service under several funds or boroughs appears
 * under each; under a fund it shows that fund's money.
 */
export function displayItems(rows: readonly ServiceRow[], options: GroupOptions): DisplayItem[] {
  if (options.by === 'none') return rows.map((row) => ({ kind: 'row', key: row.id, row, groupKey: null, fund: null }));
  const fundNames = new Map(options.funds.map((f) => [f.code, f.name]));
  const labels = options.by === 'category' ? categoryLabels(options.allRows) : null;
  const groups = new Map<string, GroupDraft>();
  for (const row of rows) {
    for (const m of memberships(row, options.by, fundNames)) {
      let group = groups.get(m.key);
      if (group === undefined) {
        group = { key: m.key, label: labels?.get(m.key) ?? m.label, last: m.last, members: [] };
        groups.set(m.key, group);
      }
      group.members.push({ row, fund: m.fund });
    }
  }
  const numeric = COLUMNS.filter((c) => c.amount !== undefined);
  const built = [...groups.values()].map((group) => {
    const sums: Partial<Record<ColumnId, number | null>> = {};
    for (const column of numeric) {
      let sum: number | null = 0;
      for (const member of group.members) {
        const amount = memberAmount(column, member.row, member.fund, options.by);
        if (amount === null) {
          sum = null;
          break;
        }
        sum += amount;
      }
      sums[column.id] = sum;
    }
    return { group, sums };
  });
  const sortColumn = options.sort !== null ? COLUMNS.find((c) => c.id === options.sort?.id) : undefined;
  const bySum = sortColumn !== undefined && sortColumn.amount !== undefined;
  const direction = options.sort?.desc === true ? -1 : 1;
  built.sort((a, b) => {
    if (a.group.last !== b.group.last) return a.group.last - b.group.last;
    if (bySum) {
      const x = a.sums[sortColumn.id] ?? null;
      const y = b.sums[sortColumn.id] ?? null;
      if (x !== y) {
        if (x === null) return 1;
        if (y === null) return -1;
        return (x - y) * direction;
      }
    }
    const byLabel = collator.compare(a.group.label, b.group.label);
    return sortColumn?.id === groupColumn(options.by) ? byLabel * direction : byLabel;
  });
  const items: DisplayItem[] = [];
  for (const { group, sums } of built) {
    const collapsed = options.collapsed.has(group.key);
    items.push({ kind: 'group', key: `g:${group.key}`, label: group.label, count: group.members.length, sums, collapsed });
    if (collapsed) continue;
    for (const member of group.members) {
      items.push({ kind: 'row', key: `g:${group.key}:${member.row.id}`, row: member.row, groupKey: group.key, fund: member.fund });
    }
  }
  return items;
}

/** The column a grouping follows, so sorting by it orders the groups too. */
export function groupColumn(by: GroupBy): ColumnId | null {
  switch (by) {
    case 'commissioner':
      return 'commissioner';
    case 'category':
      return 'category';
    case 'borough':
      return 'boroughs';
    case 'fund':
      return 'funds';
    default:
      return null;
  }
}

export function groupCount(items: readonly DisplayItem[]): number {
  return items.reduce((count, item) => count + (item.kind === 'group' ? 1 : 0), 0);
}

/** Totals over the rows shown, each service once: money exact in pence. */
export function totals(rows: readonly ServiceRow[]): Partial<Record<ColumnId, number>> {
  const sums: Partial<Record<ColumnId, number>> = {};
  for (const column of COLUMNS) {
    if (column.amount === undefined) continue;
    let sum = 0;
    for (const row of rows) sum += column.amount(row);
    sums[column.id] = sum;
  }
  return sums;
}

// ---------------------------------------------------------------- columns

/** The order with one column moved one place up (-1) or down (+1); unchanged at either end. */
export function moveColumn<T extends string>(order: readonly T[], id: T, delta: -1 | 1): T[] {
  const from = order.indexOf(id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= order.length) return [...order];
  const next = [...order];
  next[from] = order[to]!;
  next[to] = id;
  return next;
}

/** A saved column order made whole: unknown ids dropped, columns it lacks added at their default place. */
export function completeOrder<T extends string>(saved: readonly string[], all: readonly T[]): T[] {
  const known = saved.filter((id): id is T => (all as readonly string[]).includes(id));
  const seen = new Set(known);
  const result = [...new Set(known)];
  all.forEach((id, index) => {
    if (seen.has(id)) return;
    const before = all.slice(0, index).reverse().find((other) => result.includes(other));
    result.splice(before === undefined ? 0 : result.indexOf(before) + 1, 0, id);
  });
  return result;
}

// ---------------------------------------------------------------- edits

export type EditResult =
  | { ok: true; unchanged: boolean; patch: ServicePatchInput; shown: string; note: string | null }
  | { ok: false; message: string };

/** The text a cell starts with when edited. */
export function editText(field: EditableField, row: ServiceRow): string {
  switch (field) {
    case 'reference':
      return row.reference ?? '';
    case 'name':
      return row.name;
    case 'provider':
      return row.provider?.name ?? '';
    case 'commissioner':
      return row.commissioner?.name ?? '';
    case 'category':
      return row.category ?? '';
    case 'boroughs':
      return boroughsText(row);
    case 'startDate':
      return row.startDate === null ? '' : formatUkDate(row.startDate);
    case 'endDate':
      return row.endDate === null ? '' : formatUkDate(row.endDate);
    default:
      return '';
  }
}

function orgKey(name: string): string {
  return foldText(name).replace(/[^a-z0-9& ]/g, '').replace(/\s+/g, ' ').trim();
}

const LONDON_WIDE_WORDS = new Set(['london-wide', 'london wide', 'londonwide', 'all london', 'pan-london', 'pan london', 'all boroughs']);

function firstIssue(patch: ServicePatchInput): string | null {
  const checked = servicePatch.safeParse(patch);
  if (checked.success) return null;
  const issue = checked.error.issues[0];
  return sentence(issue?.message ?? 'This value cannot be stored');
}

/**
 * What typing `draft` into a cell means: the edit to send to services.update,
 * checked with the very schema the store applies, or a message for the reader.
 * Dates are read as UK dates (03/04/2023 is 3 April); boroughs by name or GSS code;
 * an organisation by its name, or as a new one when no organisation has that name.
 */
export function editPatch(field: EditableField, draft: string, row: ServiceRow, organisations: readonly OrganisationSummary[]): EditResult {
  const text = draft.replace(/\s+/g, ' ').trim();
  const before = editText(field, row).trim();
  const unchanged = text === before;
  switch (field) {
    case 'reference':
    case 'name':
    case 'category': {
      const patch: ServicePatchInput = { [field]: text === '' && field !== 'name' ? null : text };
      const problem = firstIssue(patch);
      if (problem !== null) return { ok: false, message: problem };
      return { ok: true, unchanged, patch, shown: text, note: null };
    }
    case 'provider':
    case 'commissioner': {
      if (text === '') return { ok: true, unchanged, patch: { [field]: null }, shown: '', note: null };
      const key = orgKey(text);
      const known = organisations.find((o) => orgKey(o.name) === key);
      if (known !== undefined) {
        const same = (field === 'provider' ? row.provider : row.commissioner)?.id === known.id;
        return { ok: true, unchanged: same, patch: { [field]: { id: known.id } }, shown: known.name, note: null };
      }
      const patch: ServicePatchInput = { [field]: { newName: text, kind: field === 'provider' ? 'provider' : 'commissioner' } };
      const problem = firstIssue(patch);
      if (problem !== null) return { ok: false, message: problem };
      return { ok: true, unchanged: false, patch, shown: text, note: `“${text}” is not the name of an organisation in the store: saving adds it as a new ${field}, unless it is another name for one already known.` };
    }
    case 'boroughs': {
      if (text === '') {
        return { ok: true, unchanged, patch: row.londonWide ? { londonWide: false } : { boroughs: [] }, shown: '', note: null };
      }
      if (LONDON_WIDE_WORDS.has(foldText(text))) {
        return { ok: true, unchanged: row.londonWide, patch: { londonWide: true }, shown: 'London-wide', note: null };
      }
      const parts = text.split(/\s*[;,]\s*/).map((p) => p.trim()).filter((p) => p !== '');
      const codes: string[] = [];
      const names: string[] = [];
      for (const part of parts) {
        const match = matchBorough(part);
        if (!match.ok) return { ok: false, message: `${sentence(match.reason)}. Separate boroughs with commas or semicolons, or write London-wide.` };
        if (!codes.includes(match.value.gss)) {
          codes.push(match.value.gss);
          names.push(match.value.name);
        }
      }
      const patch: ServicePatchInput = { boroughs: codes };
      const problem = firstIssue(patch);
      if (problem !== null) return { ok: false, message: problem };
      const sorted = [...codes].sort();
      const same = !row.londonWide && sorted.join() === [...row.boroughGss].sort().join();
      return { ok: true, unchanged: same, patch, shown: names.join(', '), note: null };
    }
    case 'startDate':
    case 'endDate': {
      let iso: string | null = null;
      if (text !== '') {
        const parsed = parseUkDate(text);
        if (!parsed.ok) return { ok: false, message: sentence(parsed.reason) };
        iso = parsed.value;
      }
      const start = field === 'startDate' ? iso : row.startDate;
      const end = field === 'endDate' ? iso : row.endDate;
      if (start !== null && end !== null && end < start) {
        return {
          ok: false,
          message: field === 'endDate'
            ? `The end date ${formatUkDate(end)} is before the start date ${formatUkDate(start)}`
            : `The start date ${formatUkDate(start)} is after the end date ${formatUkDate(end)}`,
        };
      }
      const patch: ServicePatchInput = { [field]: iso };
      const problem = firstIssue(patch);
      if (problem !== null) return { ok: false, message: problem };
      return { ok: true, unchanged: iso === (field === 'startDate' ? row.startDate : row.endDate), patch, shown: iso === null ? '' : formatUkDate(iso), note: null };
    }
    default:
      return { ok: false, message: 'This column cannot be edited here' };
  }
}

/** "Provider of “Rescue and Response” is now St Giles Trust." */
export function savedText(column: ServiceColumn, serviceName: string, shown: string): string {
  const label = column.label({ latestYear: null });
  return shown === '' ? `Saved: ${label} of “${serviceName}” cleared.` : `Saved: ${label} of “${serviceName}” is now ${shown}.`;
}

// ---------------------------------------------------------------- a new service

export interface ServiceDraft {
  name: string;
  reference: string;
  provider: string;
  commissioner: string;
  category: string;
  boroughs: string;
  londonWide: boolean;
  startDate: string;
  endDate: string;
  aims: string;
  outcomes: string;
}

export const EMPTY_DRAFT: ServiceDraft = {
  name: '', reference: '', provider: '', commissioner: '', category: '', boroughs: '', londonWide: false, startDate: '', endDate: '', aims: '', outcomes: '',
};

export type DraftErrors = Partial<Record<keyof ServiceDraft, string>>;

function organisationRef(text: string, kind: 'provider' | 'commissioner', organisations: readonly OrganisationSummary[]) {
  const key = orgKey(text);
  const known = organisations.find((o) => orgKey(o.name) === key);
  return known !== undefined ? { ref: { id: known.id }, isNew: false } : { ref: { newName: text, kind }, isNew: true };
}

/**
 * The form for a new service as the fields services.create takes, checked with
 * the same schema the store applies; or a message for each field that is wrong.
 */
export function formFields(
  draft: ServiceDraft,
  organisations: readonly OrganisationSummary[],
): { ok: true; fields: ServiceFieldsInput; newOrganisations: string[] } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const tidy = (text: string) => text.replace(/[ \t]+/g, ' ').trim();
  const fields: ServiceFieldsInput = { name: tidy(draft.name) };
  const newOrganisations: string[] = [];
  if (tidy(draft.reference) !== '') fields.reference = tidy(draft.reference);
  for (const field of ['provider', 'commissioner'] as const) {
    const text = tidy(draft[field]);
    if (text === '') continue;
    const { ref, isNew } = organisationRef(text, field, organisations);
    fields[field] = ref;
    if (isNew) newOrganisations.push(text);
  }
  if (tidy(draft.category) !== '') fields.category = tidy(draft.category);
  if (draft.aims.trim() !== '') fields.aims = draft.aims.trim();
  if (draft.outcomes.trim() !== '') fields.outcomes = draft.outcomes.trim();
  for (const field of ['startDate', 'endDate'] as const) {
    const text = tidy(draft[field]);
    if (text === '') continue;
    const parsed = parseUkDate(text);
    if (parsed.ok) fields[field] = parsed.value;
    else errors[field] = sentence(parsed.reason);
  }
  if (fields.startDate && fields.endDate && fields.endDate < fields.startDate) {
    errors.endDate = `The end date ${formatUkDate(fields.endDate)} is before the start date ${formatUkDate(fields.startDate)}`;
  }
  if (draft.londonWide) {
    fields.londonWide = true;
    if (tidy(draft.boroughs) !== '') errors.boroughs = 'A London-wide service lists no boroughs: clear London-wide or the boroughs';
  } else if (tidy(draft.boroughs) !== '') {
    const codes: string[] = [];
    for (const part of tidy(draft.boroughs).split(/\s*[;,]\s*/).filter((p) => p !== '')) {
      const match = matchBorough(part);
      if (!match.ok) {
        errors.boroughs = `${sentence(match.reason)}. Separate boroughs with commas or semicolons.`;
        break;
      }
      codes.push(match.value.gss);
    }
    fields.boroughs = codes;
  }
  const checked = serviceFields.safeParse(fields);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const key = String(issue.path[0] ?? 'name') as keyof ServiceDraft;
      errors[key] ??= sentence(issue.message);
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, fields, newOrganisations };
}

// ---------------------------------------------------------------- a deletion

/** "Deleted “X” with its 6 funding lines, 1 evaluation and 2 evidence links; 2 payments no longer name it." */
export function deletedText(deleted: ServiceDeleted): string {
  const parts: string[] = [];
  if (deleted.removed.fundingLines > 0) parts.push(plural(deleted.removed.fundingLines, 'funding line', 'funding lines'));
  if (deleted.removed.evaluations > 0) parts.push(plural(deleted.removed.evaluations, 'evaluation', 'evaluations'));
  if (deleted.removed.evidenceLinks > 0) parts.push(plural(deleted.removed.evidenceLinks, 'evidence link', 'evidence links'));
  const withParts = parts.length === 0 ? '' : ` with its ${parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`}`;
  const payments = deleted.paymentsUnlinked > 0
    ? `; ${plural(deleted.paymentsUnlinked, 'payment', 'payments')} no longer ${deleted.paymentsUnlinked === 1 ? 'names' : 'name'} it (${deleted.paymentsUnlinked === 1 ? 'it stays' : 'they stay'}, with the supplier)`
    : '';
  return `Deleted the service “${deleted.name}”${withParts}${payments}.`;
}
