// What mapping a table yields: records for the commit layer, per-cell
// diagnostics for the preview, and counts for the batch. Plain data only.
import type { FinancialYear } from '../../../shared/financial-year.ts';
import type { SkippedRow } from '../table.ts';
import type { MappingProblem } from './mapping.ts';
import type { MatchCandidate } from './organisations.ts';
import type { Measure, TargetId } from './targets.ts';

export type DiagnosticOutcome = 'understood' | 'rejected' | 'note';

export interface CellDiagnostic {
  /** The file's own row number (1-based). */
  rowNumber: number;
  /** Spreadsheet column letter; null for something about the whole row, or a value set for the whole file. */
  column: string | null;
  /** The column's header as the file has it. */
  header: string | null;
  /** The target field, or for year columns "year:2023-24"; null for the whole row. */
  field: string | null;
  outcome: DiagnosticOutcome;
  /** The whole sentence: "Row 14, column D (Amount): "£12.345" has more than two decimal places". */
  message: string;
  /** The same without the place: "\"£12.345\" has more than two decimal places". */
  detail: string;
}

export type OrganisationRef =
  | { kind: 'existing'; organisationId: string; name: string }
  /** An organisation this import creates: `key` is a NewOrganisation's key. */
  | { kind: 'new'; key: string; name: string };

export type ServiceRef =
  | { kind: 'existing'; serviceId: string; name: string }
  /** A service this import creates: `key` is a ServiceRecord's key. */
  | { kind: 'new'; key: string; name: string };

export type RecordOutcome = 'new' | 'updated' | 'duplicate';

export interface ServiceValues {
  reference: string | null;
  name: string;
  provider: OrganisationRef | null;
  commissioner: OrganisationRef | null;
  category: string | null;
  /** GSS codes. */
  boroughs: string[];
  londonWide: boolean;
  startDate: string | null;
  endDate: string | null;
  aims: string | null;
  outcomes: string | null;
}

export type ServiceField = keyof ServiceValues;

export interface FieldChange {
  field: string;
  label: string;
  from: string;
  to: string;
}

export interface ServiceRecord {
  kind: 'service';
  /** Within this import; funding lines of a new service point at it through ServiceRef.key. */
  key: string;
  outcome: RecordOutcome;
  /** The stored service this updates or duplicates. */
  existingId: string | null;
  values: ServiceValues;
  /** Fields the file gave. An update changes only these: an empty cell never erases a stored value. */
  provided: ServiceField[];
  changes: FieldChange[];
  /** Why it is new, an update or a duplicate, in words. */
  why: string;
  /** Rows that name it (a service created by a funding file may be named by many). */
  rows: number[];
}

export interface FundingLineRecord {
  kind: 'fundingLine';
  outcome: RecordOutcome;
  existingId: string | null;
  service: ServiceRef | null;
  fundId: string | null;
  fundCode: string | null;
  boroughGss: string | null;
  financialYear: FinancialYear;
  /** 2023 for 2023-24; a single year, so fyEnd equals fyStart (as in the store). */
  fyStart: number;
  fyEnd: number;
  measure: Measure;
  amountPence: number;
  /** Column letter of the amount. */
  column: string;
  changes: FieldChange[];
  why: string;
}

export interface PaymentRecord {
  kind: 'payment';
  outcome: 'new' | 'duplicate';
  existingId: string | null;
  paidOn: string;
  supplierName: string;
  supplier: OrganisationRef;
  payer: OrganisationRef | null;
  amountPence: number;
  description: string | null;
  costCentre: string | null;
  expenseType: string | null;
  transactionRef: string | null;
  why: string;
}

export type ImportRecord = ServiceRecord | FundingLineRecord | PaymentRecord;

export interface RowResult {
  rowNumber: number;
  status: 'accepted' | 'rejected';
  /** The row as a whole. For a row of several funding lines: new if any is new, else updated if any is, else duplicate. */
  outcome: RecordOutcome | 'rejected';
  /** Empty when rejected. A grant yields a service and a funding line; a wide-layout row one line per year. */
  records: ImportRecord[];
  /** Every reason the row was rejected, each naming row, column, header and why. */
  reasons: string[];
  diagnostics: CellDiagnostic[];
}

export type NewOrganisationKind = 'provider' | 'commissioner' | 'funder' | 'borough' | 'other';

export interface NewOrganisation {
  /** organisationKey of the name: the same in every row, so a name seen many times is one organisation. */
  key: string;
  /** The first spelling seen. */
  name: string;
  /** Every spelling seen, to store as aliases. */
  spellings: string[];
  kind: NewOrganisationKind;
  boroughGss: string | null;
  identifier: string | null;
  rows: number[];
  /** Near matches the clerk has not confirmed. Non-empty means it is also listed as uncertain. */
  candidates: MatchCandidate[];
}

export interface UncertainOrganisation {
  /** Pass this key back in Confirmations.organisations to decide. */
  key: string;
  name: string;
  spellings: string[];
  rows: number[];
  /** Until the clerk decides (Confirmations.organisations), the import creates it as a new organisation. */
  candidates: MatchCandidate[];
}

export interface MatchedOrganisation {
  key: string;
  name: string;
  spellings: string[];
  organisationId: string;
  knownName: string;
  via: 'name' | 'alias' | 'identifier' | 'borough' | 'confirmed';
  alias: string;
  rows: number[];
}

export interface OutcomeCounts {
  new: number;
  updated: number;
  duplicate: number;
}

export interface ImportCounts {
  rowsRead: number;
  accepted: number;
  /** Rows. */
  rejected: number;
  /** What the target imports: services, funding lines, payments, or grants (one per row). */
  new: number;
  updated: number;
  duplicate: number;
  records: { services: OutcomeCounts; fundingLines: OutcomeCounts; payments: OutcomeCounts };
  newOrganisations: number;
  uncertainOrganisations: number;
  /** Services a funding file names that are not known, created with the import. */
  newServices: number;
}

export interface MapResult {
  target: TargetId;
  /** False when the mapping itself cannot be used: see problems; no row was read. */
  ok: boolean;
  problems: MappingProblem[];
  rows: RowResult[];
  /** Rows the reader set aside (titles, blanks, totals), passed through with their reasons. */
  skipped: SkippedRow[];
  organisations: { matched: MatchedOrganisation[]; uncertain: UncertainOrganisation[]; new: NewOrganisation[] };
  /** Funding target: services named in the file but not known, created once each. */
  newServices: ServiceRecord[];
  counts: ImportCounts;
}

/** The clerk's decisions, fed back into mapTable. */
export interface Confirmations {
  /** By UncertainOrganisation.key (or any organisationKey): use this known organisation, or create a new one. */
  organisations?: Readonly<Record<string, { organisationId: string } | 'new'>>;
  /** Rows the clerk says are not duplicates: imported as new despite matching another payment or line. */
  keepDuplicateRows?: readonly number[];
}

export interface MapOptions {
  /** Give "understood" diagnostics for the first this many data rows only (rejections and notes always). Default: all. */
  explainRows?: number;
}
