// The services table's TanStack Table v9 set-up: the features it uses (sorting,
// column and global filtering, column order and visibility), and a column
// definition for each column of columns.ts with its sort and filter. Kept at
// module scope so the table's inputs stay stable between renders.
import {
  columnFilteringFeature,
  columnOrderingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  createFilteredRowModel,
  createSortedRowModel,
  globalFilteringFeature,
  rowSortingFeature,
  tableFeatures,
  type ColumnDef,
  type FilterFn,
  type Row,
  type SortFn,
} from '@tanstack/react-table';
import type { ServiceRow } from '../../../../shared/services-schemas.ts';
import { COLUMNS, type ServiceColumn } from './columns.ts';
import { foldText, numberFilter, searchText, textMatches } from './model.ts';

export const features = tableFeatures({
  columnFilteringFeature,
  globalFilteringFeature,
  rowSortingFeature,
  columnOrderingFeature,
  columnVisibilityFeature,
  filteredRowModel: createFilteredRowModel(),
  sortedRowModel: createSortedRowModel(),
});

export type Features = typeof features;
export type ServiceTableRow = Row<Features, ServiceRow>;

/** The hidden column the filter across all columns looks in. */
export const SEARCH_COLUMN = 'search';

const helper = createColumnHelper<Features, ServiceRow>();
const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

const byText: SortFn<Features, ServiceRow> = (a, b, id) => collator.compare(String(a.getValue(id)), String(b.getValue(id)));
const byNumber: SortFn<Features, ServiceRow> = (a, b, id) => Number(a.getValue(id)) - Number(b.getValue(id));

/** Each row's cell text, folded for filtering, worked out once per row and column. */
const folded = new WeakMap<ServiceRow, Map<string, string>>();

function foldedText(row: ServiceRow, column: ServiceColumn): string {
  let cells = folded.get(row);
  if (cells === undefined) {
    cells = new Map();
    folded.set(row, cells);
  }
  let text = cells.get(column.id);
  if (text === undefined) {
    text = foldText(column.text(row));
    cells.set(column.id, text);
  }
  return text;
}

function emptyFilter(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function textFilter(column: ServiceColumn): FilterFn<Features, ServiceRow> {
  const fn: FilterFn<Features, ServiceRow> = (row, _id, value: string) => textMatches(foldedText(row.original, column), value);
  fn.autoRemove = emptyFilter;
  return fn;
}

function amountFilter(column: ServiceColumn): FilterFn<Features, ServiceRow> {
  const kind = column.kind === 'money' ? 'money' : 'count';
  const fn: FilterFn<Features, ServiceRow> = (row, _id, value: string) => {
    const compiled = numberFilter(value, kind);
    // A filter that cannot be read is not applied; the page says why.
    return !compiled.ok || column.amount === undefined || compiled.test(column.amount(row.original));
  };
  fn.autoRemove = emptyFilter;
  return fn;
}

const statusFilter: FilterFn<Features, ServiceRow> = (row, _id, value: string) => row.original.status === value;
statusFilter.autoRemove = emptyFilter;

const searchFilter: FilterFn<Features, ServiceRow> = (row, id, value: string) => textMatches(row.getValue<string>(id), value);
searchFilter.autoRemove = emptyFilter;
export const globalFilterFn = searchFilter;

function filterFor(column: ServiceColumn): FilterFn<Features, ServiceRow> {
  if (column.kind === 'status') return statusFilter;
  if (column.kind === 'money' || column.kind === 'count') return amountFilter(column);
  return textFilter(column);
}

export const COLUMN_DEFS: ColumnDef<Features, ServiceRow, unknown>[] = [
  ...COLUMNS.map((column) =>
    helper.accessor((row) => column.sortValue(row), {
      id: column.id,
      header: column.label({ latestYear: null }),
      sortFn: column.kind === 'money' || column.kind === 'count' ? byNumber : byText,
      sortDescFirst: column.kind === 'money' || column.kind === 'count',
      sortUndefined: 'last',
      filterFn: filterFor(column),
      enableGlobalFilter: false,
    }) as ColumnDef<Features, ServiceRow, unknown>,
  ),
  helper.accessor((row) => searchText(row), {
    id: SEARCH_COLUMN,
    header: 'Search',
    enableSorting: false,
    enableColumnFilter: false,
    enableHiding: true,
    enableGlobalFilter: true,
  }) as ColumnDef<Features, ServiceRow, unknown>,
];

export function getRowId(row: ServiceRow): string {
  return row.id;
}
