// The columns of the services table: what each shows, how it sorts and filters,
// whether its total means something, and which field an edit in it changes.
// Pure data and functions, shared by the table, its menus and the unit tests.
import { formatMoney } from '../../../../shared/money.ts';
import type { ServiceRow, ServiceStatus } from '../../../../shared/services-schemas.ts';
import { formatUkDate } from '../../../../shared/uk-date.ts';

export type ColumnKind = 'text' | 'date' | 'status' | 'money' | 'count';

/** The fields a cell edit may change (see servicePatch). */
export type EditableField = 'reference' | 'name' | 'provider' | 'commissioner' | 'category' | 'boroughs' | 'startDate' | 'endDate';

export const COLUMN_IDS = [
  'name', 'reference', 'provider', 'commissioner', 'category', 'boroughs', 'status', 'startDate', 'endDate', 'funds',
  'allocated', 'spent', 'latestAllocated', 'latestSpent', 'payments', 'paymentCount', 'evaluations', 'evidence', 'fundingLines',
] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

export interface ColumnContext {
  /** "2024-25", the latest financial year any funding line names, or null. */
  latestYear: string | null;
}

export interface ServiceColumn {
  id: ColumnId;
  /** The header. */
  label: (context: ColumnContext) => string;
  /** What the column holds, for the header's tooltip and the column menu. */
  help: (context: ColumnContext) => string;
  kind: ColumnKind;
  /** Width in pixels (the service name takes any room left over). */
  width: number;
  defaultVisible: boolean;
  editable: EditableField | null;
  /** Why the cell cannot be edited in place, said when someone tries. */
  readOnlyReason?: string;
  /** The cell as text: shown, filtered on and searched. */
  text: (row: ServiceRow) => string;
  /** What it sorts by; undefined sorts last whichever the direction. */
  sortValue: (row: ServiceRow) => string | number | undefined;
  /** For money and count columns: the number added up in totals (pence for money). */
  amount?: (row: ServiceRow) => number;
  /** For money columns: the same money for one fund (grouping by fund), or null when the data is not split by fund. */
  fundAmount?: ((part: ServiceRow['byFund'][number]) => number) | null;
  /** Held in the global search across all columns. */
  searchable: boolean;
}

export const STATUS_WORDS: Record<ServiceStatus, string> = {
  running: 'Running',
  ended: 'Ended',
  not_started: 'Not started',
  undated: 'No dates',
};

export function ukDateOrEmpty(iso: string | null): string {
  if (iso === null) return '';
  try {
    return formatUkDate(iso);
  } catch {
    return iso;
  }
}

/** "Camden, Hackney", "London-wide", or "" when none is recorded. */
export function boroughsText(row: Pick<ServiceRow, 'boroughs' | 'londonWide'>): string {
  if (row.londonWide) return 'London-wide';
  return row.boroughs.join(', ');
}

const latest = (context: ColumnContext) => context.latestYear ?? 'latest year';
const money = (pence: number) => formatMoney(pence);
const noFundSplit = 'This column is not split by fund';

const FUNDING_READ_ONLY = 'Money is added up from the service’s funding lines: change those by importing a funding spreadsheet (Imports).';

export const COLUMNS: readonly ServiceColumn[] = [
  {
    id: 'name', label: () => 'Service', help: () => 'The service’s name', kind: 'text', width: 220, defaultVisible: true, editable: 'name',
    text: (r) => r.name, sortValue: (r) => r.name, searchable: true,
  },
  {
    id: 'reference', label: () => 'Reference', help: () => 'The commissioner’s reference for the service', kind: 'text', width: 100, defaultVisible: false,
    editable: 'reference', text: (r) => r.reference ?? '', sortValue: (r) => r.reference ?? undefined, searchable: true,
  },
  {
    id: 'provider', label: () => 'Provider', help: () => 'The organisation paid to deliver the service', kind: 'text', width: 130, defaultVisible: true,
    editable: 'provider', text: (r) => r.provider?.name ?? '', sortValue: (r) => r.provider?.name, searchable: true,
  },
  {
    id: 'commissioner', label: () => 'Commissioner', help: () => 'MOPAC, the VRU or another commissioning body', kind: 'text', width: 124,
    defaultVisible: true, editable: 'commissioner', text: (r) => r.commissioner?.name ?? '', sortValue: (r) => r.commissioner?.name, searchable: true,
  },
  {
    id: 'category', label: () => 'Category', help: () => 'The kind of service: victim support, violence reduction…', kind: 'text', width: 116,
    defaultVisible: true, editable: 'category', text: (r) => r.category ?? '', sortValue: (r) => r.category ?? undefined, searchable: true,
  },
  {
    id: 'boroughs', label: () => 'Boroughs', help: () => 'The boroughs served, or London-wide', kind: 'text', width: 124, defaultVisible: true,
    editable: 'boroughs', text: boroughsText, sortValue: (r) => boroughsText(r) || undefined, searchable: true,
  },
  {
    id: 'status', label: () => 'Status', help: () => 'From the service’s dates and today’s date', kind: 'status', width: 100, defaultVisible: false,
    editable: null, readOnlyReason: 'The status follows from the start and end dates: edit those instead.',
    text: (r) => STATUS_WORDS[r.status], sortValue: (r) => STATUS_WORDS[r.status], searchable: true,
  },
  {
    id: 'startDate', label: () => 'Start', help: () => 'The date the service started (dd/mm/yyyy)', kind: 'date', width: 100, defaultVisible: false,
    editable: 'startDate', text: (r) => ukDateOrEmpty(r.startDate), sortValue: (r) => r.startDate ?? undefined, searchable: false,
  },
  {
    id: 'endDate', label: () => 'End', help: () => 'The date the service ends or ended (dd/mm/yyyy)', kind: 'date', width: 100, defaultVisible: false,
    editable: 'endDate', text: (r) => ukDateOrEmpty(r.endDate), sortValue: (r) => r.endDate ?? undefined, searchable: false,
  },
  {
    id: 'funds', label: () => 'Funds', help: () => 'The funds its funding lines come from', kind: 'text', width: 140, defaultVisible: false, editable: null,
    readOnlyReason: FUNDING_READ_ONLY, text: (r) => r.funds.join(', '), sortValue: (r) => r.funds.join(', ') || undefined, searchable: true,
  },
  {
    id: 'allocated', label: () => 'Allocated', help: () => 'Allocated, all financial years', kind: 'money', width: 112, defaultVisible: true, editable: null,
    readOnlyReason: FUNDING_READ_ONLY, text: (r) => money(r.allocatedPence), sortValue: (r) => r.allocatedPence, amount: (r) => r.allocatedPence,
    fundAmount: (p) => p.allocatedPence, searchable: false,
  },
  {
    id: 'spent', label: () => 'Spent', help: () => 'Spent, all financial years', kind: 'money', width: 112, defaultVisible: true, editable: null,
    readOnlyReason: FUNDING_READ_ONLY, text: (r) => money(r.spentPence), sortValue: (r) => r.spentPence, amount: (r) => r.spentPence,
    fundAmount: (p) => p.spentPence, searchable: false,
  },
  {
    id: 'latestAllocated', label: (c) => `Allocated ${latest(c)}`, help: (c) => `Allocated in ${latest(c)} alone`, kind: 'money', width: 112,
    defaultVisible: true, editable: null, readOnlyReason: FUNDING_READ_ONLY, text: (r) => money(r.latestAllocatedPence),
    sortValue: (r) => r.latestAllocatedPence, amount: (r) => r.latestAllocatedPence, fundAmount: null, searchable: false,
  },
  {
    id: 'latestSpent', label: (c) => `Spent ${latest(c)}`, help: (c) => `Spent in ${latest(c)} alone`, kind: 'money', width: 136, defaultVisible: false,
    editable: null, readOnlyReason: FUNDING_READ_ONLY, text: (r) => money(r.latestSpentPence), sortValue: (r) => r.latestSpentPence,
    amount: (r) => r.latestSpentPence, fundAmount: null, searchable: false,
  },
  {
    id: 'payments', label: () => 'Payments', help: () => 'Payments recorded against the service or paid to its provider', kind: 'money', width: 128,
    defaultVisible: false, editable: null, readOnlyReason: 'Payments come from imported transparency files.', text: (r) => money(r.paymentsPence),
    sortValue: (r) => r.paymentsPence, amount: (r) => r.paymentsPence, fundAmount: null, searchable: false,
  },
  {
    id: 'paymentCount', label: () => 'Payments (number)', help: () => 'How many payments are matched to it', kind: 'count', width: 96,
    defaultVisible: false, editable: null, readOnlyReason: 'Payments come from imported transparency files.',
    text: (r) => r.paymentCount.toLocaleString('en-GB'), sortValue: (r) => r.paymentCount, amount: (r) => r.paymentCount, fundAmount: null, searchable: false,
  },
  {
    id: 'evaluations', label: () => 'Evaluations', help: () => 'Evaluations recorded for the service', kind: 'count', width: 96, defaultVisible: false,
    editable: null, readOnlyReason: 'Evaluations are listed in the service’s detail pane (Enter).',
    text: (r) => r.evaluationCount.toLocaleString('en-GB'), sortValue: (r) => r.evaluationCount, amount: (r) => r.evaluationCount, fundAmount: null,
    searchable: false,
  },
  {
    id: 'evidence', label: () => 'Evidence', help: () => 'Links from the service to the terms of reference and key questions', kind: 'count', width: 80,
    defaultVisible: true, editable: null, readOnlyReason: 'Evidence is linked from the Evidence page.',
    text: (r) => r.evidenceCount.toLocaleString('en-GB'), sortValue: (r) => r.evidenceCount, amount: (r) => r.evidenceCount, fundAmount: null,
    searchable: false,
  },
  {
    id: 'fundingLines', label: () => 'Funding lines', help: () => 'How many funding lines the money above adds up', kind: 'count', width: 100,
    defaultVisible: false, editable: null, readOnlyReason: FUNDING_READ_ONLY, text: (r) => r.fundingLineCount.toLocaleString('en-GB'),
    sortValue: (r) => r.fundingLineCount, amount: (r) => r.fundingLineCount, fundAmount: null, searchable: false,
  },
];

const BY_ID = new Map(COLUMNS.map((c) => [c.id, c]));

export function columnById(id: string): ServiceColumn | undefined {
  return BY_ID.get(id as ColumnId);
}

export function isColumnId(id: string): id is ColumnId {
  return BY_ID.has(id as ColumnId);
}

export const DEFAULT_ORDER: ColumnId[] = COLUMNS.map((c) => c.id);
export const DEFAULT_VISIBILITY: Record<ColumnId, boolean> = Object.fromEntries(COLUMNS.map((c) => [c.id, c.defaultVisible])) as Record<ColumnId, boolean>;

export function isNumeric(column: Pick<ServiceColumn, 'kind'>): boolean {
  return column.kind === 'money' || column.kind === 'count';
}

export { noFundSplit as NOT_SPLIT_BY_FUND };
