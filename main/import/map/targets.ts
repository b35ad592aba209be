// The four things a spreadsheet can be imported as, and their fields. Each
// field says what kind of value it holds (so the right strict parser reads it),
// whether a row needs it, and the header names it usually goes by (compared
// after normaliseHeader, so case, punctuation, "&" and plurals do not matter).

export type TargetId = 'services' | 'funding' | 'payments' | 'grants360';
export const TARGET_IDS: readonly TargetId[] = ['services', 'funding', 'payments', 'grants360'];

export type FieldKind =
  | 'text'
  | 'money'
  | 'date'
  | 'financialYear'
  | 'borough'
  | 'boroughList'
  | 'organisation'
  | 'fund'
  | 'measure'
  /** A commissioned service named by its reference or its name. */
  | 'service'
  /** An ISO 4217 currency code; only GBP is accepted. */
  | 'currency'
  /** A geographic code such as a GSS code (E09000012). */
  | 'areaCode';

export type Measure = 'allocated' | 'spent';

export interface FieldDef {
  key: string;
  label: string;
  required: boolean;
  kind: FieldKind;
  /** Header names this field goes by, as people write them. */
  synonyms: readonly string[];
  /** The 360Giving Data Standard's own header for the field: mapped with full confidence. */
  standard?: string;
  /** The mapping may give one value for the whole file instead of a column (a fund, a commissioner, ...). */
  constant?: boolean;
  /** Among fields of the same kind, the one a column is mapped to when only its values say what it is. */
  fromValues?: boolean;
  help?: string;
}

export interface TargetDef {
  id: TargetId;
  label: string;
  description: string;
  fields: readonly FieldDef[];
  /** Funding lines may come as one column per financial year (the wide layout). */
  wideLayout: boolean;
}

const SERVICES: TargetDef = {
  id: 'services',
  label: 'Services register',
  description: 'Commissioned services: one row per service, with its provider, commissioner, category, boroughs and dates.',
  wideLayout: false,
  fields: [
    {
      key: 'reference', label: 'Reference', required: false, kind: 'text',
      synonyms: ['reference', 'ref', 'service reference', 'service ref', 'service id', 'id', 'project reference', 'project ref', 'contract reference', 'contract ref', 'contract id', 'service code', 'code'],
    },
    {
      key: 'name', label: 'Service name', required: true, kind: 'text',
      synonyms: ['service', 'service name', 'name', 'project', 'project name', 'programme', 'programme name', 'title', 'service title', 'commissioned service', 'intervention', 'scheme', 'contract', 'contract name'],
    },
    {
      key: 'provider', label: 'Provider', required: false, kind: 'organisation',
      synonyms: ['provider', 'provider name', 'provider organisation', 'lead provider', 'delivery partner', 'delivered by', 'delivery organisation', 'organisation', 'organization', 'organisation name', 'supplier', 'contractor', 'grantee', 'recipient'],
    },
    {
      key: 'commissioner', label: 'Commissioner', required: false, kind: 'organisation', constant: true,
      synonyms: ['commissioner', 'commissioned by', 'commissioning body', 'commissioning organisation', 'funder', 'funded by', 'commissioning lead'],
      help: 'Left empty when the file does not say; never assumed.',
    },
    {
      key: 'category', label: 'Category', required: false, kind: 'text', constant: true,
      synonyms: ['category', 'service category', 'service type', 'type', 'theme', 'priority', 'priority area', 'strand', 'workstream', 'programme area', 'service area'],
    },
    {
      key: 'boroughs', label: 'Boroughs served', required: false, kind: 'boroughList', fromValues: true,
      synonyms: ['borough', 'borough served', 'area served', 'boroughs covered', 'borough covered', 'coverage', 'borough coverage', 'location', 'local authority', 'geography', 'geographical coverage', 'delivery area', 'area'],
      help: 'A list: "Hackney; Islington", "Hackney, Islington and Camden", or "London-wide".',
    },
    {
      key: 'startDate', label: 'Start date', required: false, kind: 'date',
      synonyms: ['start date', 'start', 'contract start', 'contract start date', 'date started', 'commencement date', 'service start', 'from'],
    },
    {
      key: 'endDate', label: 'End date', required: false, kind: 'date',
      synonyms: ['end date', 'end', 'contract end', 'contract end date', 'finish date', 'expiry date', 'service end', 'until', 'to'],
    },
    {
      key: 'aims', label: 'Aims', required: false, kind: 'text',
      synonyms: ['aim', 'aims and objective', 'objective', 'purpose', 'description', 'service description', 'summary', 'need', 'rationale'],
    },
    {
      key: 'outcomes', label: 'Outcomes', required: false, kind: 'text',
      synonyms: ['outcome', 'intended outcome', 'desired outcome', 'expected outcome', 'result', 'kpi', 'outcome measure', 'performance measure'],
    },
  ],
};

const FUNDING: TargetDef = {
  id: 'funding',
  label: 'Funding lines',
  description: 'Money by fund, financial year and borough (allocated or spent), optionally for a service. Allocation spreadsheets with one column per financial year are read as one funding line per year.',
  wideLayout: true,
  fields: [
    {
      key: 'service', label: 'Service', required: false, kind: 'service', constant: true,
      synonyms: ['service', 'service name', 'service reference', 'service ref', 'project', 'project name', 'programme', 'programme name', 'scheme', 'intervention', 'commissioned service'],
      help: 'A service reference or name. An unknown name becomes a new service, listed for the clerk.',
    },
    {
      key: 'fund', label: 'Fund', required: false, kind: 'fund', constant: true,
      synonyms: ['fund', 'fund code', 'fund name', 'funding stream', 'funding source', 'source of funding', 'stream', 'pot', 'budget line'],
      help: 'A fund code or name, for example "LCPF", "LCPF direct" or "co-commissioning".',
    },
    {
      key: 'financialYear', label: 'Financial year', required: true, kind: 'financialYear', constant: true, fromValues: true,
      synonyms: ['financial year', 'fy', 'year', 'funding year', 'budget year', 'period', 'fin year'],
      help: 'Not needed when the file has one column per financial year.',
    },
    {
      key: 'borough', label: 'Borough', required: false, kind: 'borough', constant: true, fromValues: true,
      synonyms: ['borough', 'borough name', 'local authority', 'la', 'council', 'area', 'borough council', 'recipient borough'],
    },
    {
      key: 'allocated', label: 'Allocated', required: false, kind: 'money',
      synonyms: ['allocated', 'allocation', 'allocated amount', 'amount allocated', 'budget allocation', 'grant allocation', 'allocation amount', 'budget', 'award', 'amount awarded'],
    },
    {
      key: 'spent', label: 'Spent', required: false, kind: 'money',
      synonyms: ['spent', 'spend', 'actual spend', 'amount spent', 'expenditure', 'actual expenditure', 'outturn', 'actual', 'actuals'],
    },
    {
      key: 'amount', label: 'Amount', required: false, kind: 'money', fromValues: true,
      synonyms: ['amount', 'value', 'funding', 'funding amount', 'total', 'sum', 'amount gbp'],
      help: 'With a Measure column (allocated or spent), or with the measure chosen for the whole file.',
    },
    {
      key: 'measure', label: 'Measure', required: false, kind: 'measure',
      synonyms: ['measure', 'allocated or spent', 'amount type', 'value type', 'basis', 'type'],
    },
  ],
};

const PAYMENTS: TargetDef = {
  id: 'payments',
  label: 'Payments',
  description: 'Payments as published in "expenditure over £500" transparency files.',
  wideLayout: false,
  fields: [
    {
      key: 'date', label: 'Date', required: true, kind: 'date', fromValues: true,
      synonyms: ['date', 'payment date', 'transaction date', 'date paid', 'paid date', 'date of payment', 'invoice date', 'posting date', 'pay date', 'clearing date'],
    },
    {
      key: 'supplier', label: 'Supplier', required: true, kind: 'organisation',
      synonyms: ['supplier', 'supplier name', 'vendor', 'vendor name', 'payee', 'payee name', 'creditor', 'creditor name', 'beneficiary', 'merchant', 'merchant name', 'paid to', 'recipient'],
    },
    {
      key: 'amount', label: 'Amount', required: true, kind: 'money', fromValues: true,
      synonyms: ['amount', 'value', 'net amount', 'gross amount', 'amount gbp', 'payment amount', 'transaction amount', 'amount paid', 'total', 'sum', 'net value', 'amount excluding vat', 'amount ex vat', 'expenditure'],
    },
    {
      key: 'description', label: 'Description', required: false, kind: 'text',
      synonyms: ['description', 'purpose', 'purpose of expenditure', 'summary of purpose', 'details', 'narrative', 'item', 'payment description', 'transaction description'],
    },
    {
      key: 'costCentre', label: 'Cost centre', required: false, kind: 'text',
      synonyms: ['cost centre', 'cost center', 'cost centre description', 'cost centre name', 'service area', 'department', 'directorate', 'business unit', 'service'],
    },
    {
      key: 'expenseType', label: 'Expense type', required: false, kind: 'text',
      synonyms: ['expense type', 'expenditure type', 'expense category', 'expenditure category', 'expense area', 'account', 'account description', 'subjective', 'subjective description', 'category', 'expense description'],
    },
    {
      key: 'transactionRef', label: 'Transaction reference', required: false, kind: 'text',
      synonyms: ['transaction reference', 'transaction ref', 'trans ref', 'trans no', 'transaction number', 'transaction no', 'transaction id', 'payment reference', 'reference', 'ref', 'invoice number', 'invoice no', 'document number', 'document no', 'sap document no', 'voucher number', 'payment id'],
    },
    {
      key: 'payer', label: 'Paid by', required: false, kind: 'organisation', constant: true,
      synonyms: ['body', 'body name', 'paying body', 'organisation paying', 'authority', 'publisher'],
      help: 'The body that made the payment (usually the publisher of the file).',
    },
  ],
};

function standard(key: string, header: string, required: boolean, kind: FieldKind, extra: readonly string[] = []): FieldDef {
  return { key, label: header, required, kind, standard: header, synonyms: [header, ...extra] };
}

const GRANTS360: TargetDef = {
  id: 'grants360',
  label: '360Giving grants',
  description: 'Grants in the 360Giving Data Standard. Each grant becomes a service (reference = Identifier) and an allocated funding line in the financial year of its award date.',
  wideLayout: false,
  fields: [
    standard('identifier', 'Identifier', true, 'text'),
    standard('title', 'Title', false, 'text'),
    standard('description', 'Description', false, 'text'),
    standard('currency', 'Currency', false, 'currency'),
    standard('amountAwarded', 'Amount Awarded', true, 'money'),
    standard('awardDate', 'Award Date', false, 'date'),
    standard('recipientName', 'Recipient Org:Name', true, 'organisation'),
    standard('recipientId', 'Recipient Org:Identifier', false, 'text'),
    standard('funderName', 'Funding Org:Name', false, 'organisation'),
    standard('funderId', 'Funding Org:Identifier', false, 'text'),
    standard('locationName', 'Beneficiary Location:Name', false, 'text'),
    standard('locationCode', 'Beneficiary Location:Geographic Code', false, 'areaCode'),
    standard('locationCodeType', 'Beneficiary Location:Geographic Code Type', false, 'text'),
    standard('programmeTitle', 'Grant Programme:Title', false, 'text'),
    standard('plannedStart', 'Planned Dates:Start Date', false, 'date'),
    standard('plannedEnd', 'Planned Dates:End Date', false, 'date'),
    {
      key: 'fund', label: 'Fund', required: false, kind: 'fund', constant: true, synonyms: [],
      help: 'The fund the grants come from, for the whole file. Otherwise a Grant Programme:Title that names a known fund is used.',
    },
  ],
};

export const TARGETS: Readonly<Record<TargetId, TargetDef>> = {
  services: SERVICES,
  funding: FUNDING,
  payments: PAYMENTS,
  grants360: GRANTS360,
};

export function isTargetId(s: string): s is TargetId {
  return (TARGET_IDS as readonly string[]).includes(s);
}

export function fieldOf(target: TargetId, key: string): FieldDef | undefined {
  return TARGETS[target].fields.find((f) => f.key === key);
}
