// Shapes of the Services and Budgets API: the flat service rows the table shows,
// a service's detail, the edits a user may make (validated here, so the renderer
// can check a cell as it is typed with the very rules the store applies), and
// everything the Budgets page charts, each series with where it came from.
// Money is integer pence; financial years are their start year (2022 = 2022-23).
import { z } from 'zod';
import { boroughByGss } from './boroughs.ts';
import { figure, fyStart, id, isoDateTime, pence, reconciliationCheck, source, stance } from './schemas.ts';
import { isIsoDate } from './uk-date.ts';

// ---------------------------------------------------------------- edits

/** Free text a user may clear: trimmed, and empty text stored as no value. */
const optionalText = (max: number) =>
  z.string().trim().max(max, `at most ${max} characters`).nullable().transform((value) => (value === '' ? null : value));

export const serviceDate = z.string().trim().refine(isIsoDate, 'expected a real date written YYYY-MM-DD').nullable();

export const gssCode = z.string().trim().toUpperCase()
  .refine((code) => boroughByGss(code) !== undefined, 'not a London borough code (E09000001 City of London to E09000033 Westminster)');

export const organisationKind = z.enum(['commissioner', 'provider', 'borough', 'funder', 'government', 'other']);
export type OrganisationKind = z.infer<typeof organisationKind>;

/**
 * Who provides or commissions a service: an organisation already in the store, by id,
 * or a new one by name (created in the same change; an existing organisation whose
 * name or known alias is the same, ignoring case and punctuation, is used instead).
 */
export const organisationRef = z.union([
  z.object({ id }).strict(),
  z.object({ newName: z.string().trim().min(1, 'the new organisation needs a name').max(300), kind: organisationKind.optional() }).strict(),
]);
export type OrganisationRef = z.infer<typeof organisationRef>;

const fieldShapes = {
  reference: optionalText(100),
  name: z.string().trim().min(1, 'a service needs a name').max(300, 'at most 300 characters'),
  provider: organisationRef.nullable(),
  commissioner: organisationRef.nullable(),
  category: optionalText(200),
  aims: optionalText(20_000),
  outcomes: optionalText(20_000),
  evaluation: optionalText(20_000),
  startDate: serviceDate,
  endDate: serviceDate,
  /** GSS codes of the boroughs served. A London-wide service lists none. */
  boroughs: z.array(gssCode).max(33).transform((codes) => [...new Set(codes)].sort()),
  londonWide: z.boolean(),
};

interface AreaAndDates {
  startDate?: string | null | undefined;
  endDate?: string | null | undefined;
  boroughs?: string[] | undefined;
  londonWide?: boolean | undefined;
}

function checkAreaAndDates(value: AreaAndDates, context: z.RefinementCtx): void {
  if (value.startDate && value.endDate && value.endDate < value.startDate) {
    context.addIssue({ code: 'custom', path: ['endDate'], message: `the end date ${value.endDate} is before the start date ${value.startDate}` });
  }
  if (value.londonWide === true && value.boroughs && value.boroughs.length > 0) {
    context.addIssue({ code: 'custom', path: ['boroughs'], message: 'a London-wide service lists no boroughs: clear London-wide or the boroughs' });
  }
}

/** A new service: a name, and whatever else is known. */
export const serviceFields = z.object({
  ...fieldShapes,
  reference: fieldShapes.reference.optional(),
  provider: fieldShapes.provider.optional(),
  commissioner: fieldShapes.commissioner.optional(),
  category: fieldShapes.category.optional(),
  aims: fieldShapes.aims.optional(),
  outcomes: fieldShapes.outcomes.optional(),
  evaluation: fieldShapes.evaluation.optional(),
  startDate: fieldShapes.startDate.optional(),
  endDate: fieldShapes.endDate.optional(),
  boroughs: fieldShapes.boroughs.optional(),
  londonWide: fieldShapes.londonWide.optional(),
}).strict().superRefine(checkAreaAndDates);
export type ServiceFieldsInput = z.input<typeof serviceFields>;
export type ServiceFields = z.output<typeof serviceFields>;

/**
 * An edit: only the fields given change. Setting londonWide to true clears the
 * boroughs; giving boroughs clears London-wide.
 */
export const servicePatch = z.object(fieldShapes).partial().strict().superRefine(checkAreaAndDates);
export type ServicePatchInput = z.input<typeof servicePatch>;
export type ServicePatch = z.output<typeof servicePatch>;

// ---------------------------------------------------------------- reading

export const organisationSummary = z.object({
  id,
  name: z.string(),
  kind: organisationKind,
  /** The borough a council stands for. */
  boroughGss: z.string().nullable(),
});
export type OrganisationSummary = z.infer<typeof organisationSummary>;

const namedOrganisation = z.object({ id, name: z.string() });

/** A period of funding: one financial year (fyEnd = fyStart) or several ("2022-23 to 2024-25"). */
export const fundingPeriod = z.object({ fyStart, fyEnd: fyStart, label: z.string() });
export type FundingPeriod = z.infer<typeof fundingPeriod>;

export const serviceStatus = z.enum(['running', 'ended', 'not_started', 'undated']);
export type ServiceStatus = z.infer<typeof serviceStatus>;

/** One service as a flat row of the services table. */
export const serviceRow = z.object({
  id,
  reference: z.string().nullable(),
  name: z.string(),
  provider: namedOrganisation.nullable(),
  commissioner: namedOrganisation.nullable(),
  category: z.string().nullable(),
  /** Names of the boroughs served, in GSS order; empty for a London-wide service or where none is recorded. */
  boroughs: z.array(z.string()),
  boroughGss: z.array(z.string()),
  londonWide: z.boolean(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  /** From the dates and today's date: running, ended, not started yet, or no dates recorded. */
  status: serviceStatus,
  hasAims: z.boolean(),
  hasOutcomes: z.boolean(),
  /** Evaluations recorded for the service (table of evaluations), and whether any or an evaluation note exists. */
  evaluationCount: z.number().int(),
  evaluated: z.boolean(),
  /** Funding lines of the service, all periods. */
  allocatedPence: pence,
  spentPence: pence,
  /** Funding lines for the latest financial year alone (see latestYear of the list). */
  latestAllocatedPence: pence,
  latestSpentPence: pence,
  /** Codes of the funds its funding comes from, sorted. */
  funds: z.array(z.string()),
  /** The same money split by fund (fundCode null: lines that name no fund), for subtotals when grouping by fund. */
  byFund: z.array(z.object({ fundCode: z.string().nullable(), allocatedPence: pence, spentPence: pence })),
  fundingLineCount: z.number().int(),
  /** Payments recorded against the service itself or paid to its provider. */
  paymentCount: z.number().int(),
  paymentsPence: pence,
  /** Links from the service to terms of reference or key questions. */
  evidenceCount: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type ServiceRow = z.infer<typeof serviceRow>;

export const latestYear = fundingPeriod.nullable();

/** A fund, with the code of the fund it is part of (LCPF-DIRECT is part of LCPF). */
export const fundSummary = z.object({
  id,
  code: z.string(),
  name: z.string(),
  parentCode: z.string().nullable(),
});
export type FundSummary = z.infer<typeof fundSummary>;

export const serviceList = z.object({
  /** The latest financial year any single-year funding line names; the "latest" columns are for it. */
  latestYear,
  /** Today's date as used for each row's status. */
  today: z.string(),
  rows: z.array(serviceRow),
  /** Every fund, for the fund column's filter and labels (rows name funds by code). */
  funds: z.array(fundSummary),
});
export type ServiceList = z.infer<typeof serviceList>;

const fundRef = z.object({ fundId: id.nullable(), fundCode: z.string().nullable(), fundName: z.string().nullable() });

export const importOrigin = z.object({ id, fileName: z.string(), committedAt: z.string().nullable() });
export type ImportOrigin = z.infer<typeof importOrigin>;

/**
 * Where an aggregate of funding lines came from: the import batches (see `batches`
 * beside it), the sources named on lines added by hand, and how many lines have neither.
 */
export const lineOrigins = z.object({
  batchIds: z.array(id),
  sourceIds: z.array(id),
  unsourcedLines: z.number().int(),
});
export type LineOrigins = z.infer<typeof lineOrigins>;

const money = { allocatedPence: pence, spentPence: pence };

export const serviceDetail = serviceRow.extend({
  provider: namedOrganisation.extend({ kind: organisationKind }).nullable(),
  commissioner: namedOrganisation.extend({ kind: organisationKind }).nullable(),
  aims: z.string().nullable(),
  outcomes: z.string().nullable(),
  /** The evaluation note on the service itself; evaluations are listed below. */
  evaluation: z.string().nullable(),
  boroughsServed: z.array(z.object({ gss: z.string(), name: z.string(), short: z.string() })),
  /** Where the service itself came from. */
  origin: z.object({
    source: z.object({ id, title: z.string() }).nullable(),
    batch: importOrigin.nullable(),
    row: z.number().int().nullable(),
  }),
  funding: z.object({
    periods: z.array(fundingPeriod),
    /** One row per period and fund. */
    rows: z.array(fundingPeriod.extend(fundRef.shape).extend({ ...money, lineCount: z.number().int() })),
    byPeriod: z.array(fundingPeriod.extend(money)),
    byFund: z.array(fundRef.extend(money)),
    total: z.object(money),
    origins: lineOrigins,
    batches: z.array(importOrigin),
  }),
  evaluations: z.array(z.object({
    id,
    title: z.string(),
    evaluator: z.string().nullable(),
    publishedOn: z.string().nullable(),
    finding: z.string().nullable(),
    source: z.object({ id, title: z.string() }).nullable(),
  })),
  payments: z.object({
    /** All payments matched (to the service, or to its provider), and their sum. */
    count: z.number().int(),
    totalPence: pence,
    /** Of those, how many were recorded against this service itself. */
    forServiceCount: z.number().int(),
    /** The most recent, newest first (at most 50). */
    recent: z.array(z.object({
      id,
      paidOn: z.string(),
      supplierName: z.string(),
      amountPence: pence,
      description: z.string().nullable(),
      /** service: recorded against this service; provider: paid to its provider, perhaps for another of its services. */
      matchedBy: z.enum(['service', 'provider']),
      importedFrom: z.string().nullable(),
      row: z.number().int().nullable(),
    })),
  }),
  evidence: z.array(z.object({
    id,
    stance,
    comment: z.string().nullable(),
    linkedTo: z.object({ kind: z.enum(['term', 'question']), id, number: z.number().int(), text: z.string() }),
    createdAt: isoDateTime,
  })),
});
export type ServiceDetail = z.infer<typeof serviceDetail>;

export const serviceDeleted = z.object({
  id,
  name: z.string(),
  /** What went with it (undo brings all of it back). */
  removed: z.object({
    fundingLines: z.number().int(),
    evaluations: z.number().int(),
    evidenceLinks: z.number().int(),
    boroughLinks: z.number().int(),
  }),
  /** Payments that named the service keep their supplier but no longer name a service. */
  paymentsUnlinked: z.number().int(),
});
export type ServiceDeleted = z.infer<typeof serviceDeleted>;

// ---------------------------------------------------------------- budgets

const periodMoney = fundingPeriod.extend({ ...money, lineCount: z.number().int(), origins: lineOrigins });

export const budgets = z.object({
  latestYear,
  /** Stated figures: the commissioning budget over time (with and without DASA), each with its source and locator. */
  commissioningBudget: z.array(figure),
  /** Stated figures: the LCPF split (2022-25). */
  lcpfSplit: z.array(figure),
  /** Funding lines added up by fund and period. */
  byFund: z.object({
    funds: z.array(fundSummary),
    periods: z.array(fundingPeriod),
    cells: z.array(periodMoney.extend(fundRef.shape)),
  }),
  /** Funding lines added up by the category of their service. */
  byCategory: z.array(z.object({
    /** category: a category (labelled as first spelt); uncategorised: services without one; no-service: lines not tied to a service. */
    kind: z.enum(['category', 'uncategorised', 'no-service']),
    category: z.string().nullable(),
    label: z.string(),
    serviceCount: z.number().int(),
    ...money,
    latestAllocatedPence: pence,
    latestSpentPence: pence,
    lineCount: z.number().int(),
    origins: lineOrigins,
  })),
  /** Funding lines that name a borough, by GSS code, for the tile map: all 33 boroughs, zero where none. */
  byBorough: z.array(z.object({
    gss: z.string(),
    name: z.string(),
    short: z.string(),
    tile: z.object({ row: z.number().int(), col: z.number().int() }),
    ...money,
    latestAllocatedPence: pence,
    latestSpentPence: pence,
    byPeriod: z.array(fundingPeriod.extend(money)),
    lineCount: z.number().int(),
    /** Services recorded as serving the borough (London-wide services not counted). */
    serviceCount: z.number().int(),
    origins: lineOrigins,
  })),
  /** Funding lines that name no borough (London-wide or not split by borough). */
  notByBorough: z.object({ ...money, latestAllocatedPence: pence, latestSpentPence: pence, lineCount: z.number().int(), origins: lineOrigins }),
  totals: z.object({ ...money, lineCount: z.number().int(), serviceCount: z.number().int() }),
  checks: z.array(reconciliationCheck),
  /** Every source a figure, check or aggregate above names. */
  sources: z.array(source),
  /** Every import batch an aggregate above names. */
  batches: z.array(importOrigin),
});
export type Budgets = z.infer<typeof budgets>;
