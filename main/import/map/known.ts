// What the mapping layer needs to know about the store, as plain data. The
// commit layer reads these from SQLite and passes them in; tests build them by
// hand. Nothing here touches a database.
import type { KnownOrganisation } from './organisations.ts';
import type { Measure } from './targets.ts';
import { normaliseName } from './normalise.ts';

export type { KnownOrganisation } from './organisations.ts';

export interface KnownService {
  id: string;
  reference: string | null;
  name: string;
  providerId: string | null;
  commissionerId: string | null;
  category: string | null;
  /** GSS codes of the boroughs served. */
  boroughs: readonly string[];
  londonWide: boolean;
  startDate: string | null;
  endDate: string | null;
  aims: string | null;
  outcomes: string | null;
}

export interface KnownFund {
  id: string;
  code: string;
  name: string;
  aliases?: readonly string[];
}

export interface KnownFundingLine {
  id: string;
  serviceId: string | null;
  fundId: string | null;
  boroughGss: string | null;
  /** Start year of the financial year: 2023 is 2023-24. */
  fyStart: number;
  measure: Measure;
  amountPence: number;
}

export interface KnownPayment {
  id: string;
  /** ISO date. */
  paidOn: string;
  supplierName: string;
  amountPence: number;
  transactionRef: string | null;
  /** Where it came from, for messages: "import of spend-2023-q1.csv, row 14". */
  origin?: string | null;
}

export interface KnownEntities {
  organisations: readonly KnownOrganisation[];
  services: readonly KnownService[];
  funds: readonly KnownFund[];
  fundingLines: readonly KnownFundingLine[];
  payments: readonly KnownPayment[];
}

export const NO_KNOWN_ENTITIES: KnownEntities = { organisations: [], services: [], funds: [], fundingLines: [], payments: [] };

// Words that name a fund without telling funds apart.
const FUND_FILLER = new Set(['fund', 'funding', 'the', 'of', 'for']);

function fundWords(s: string): string[] {
  return normaliseName(s).split(' ').filter((w) => w !== '' && !FUND_FILLER.has(w));
}

export type FundMatch =
  | { ok: true; fund: KnownFund; how: string }
  | { ok: false; reason: string };

/**
 * Finds a fund by its code or name. Rules, in order: the code or a name or
 * alias equal once case, punctuation and the words "fund"/"funding" are
 * ignored ("LCPF direct" is LCPF-DIRECT); then the one fund whose code and name
 * hold every word given ("co-commissioning" is the LCPF co-commissioning fund).
 * Several funds fitting is an error naming them, never a choice.
 */
export function matchFund(text: string, funds: readonly KnownFund[]): FundMatch {
  const words = fundWords(text);
  const key = words.join(' ');
  if (key === '') return { ok: false, reason: `"${text}" does not name a fund` };
  const exact = funds.filter((f) => [f.code, f.name, ...(f.aliases ?? [])].some((n) => fundWords(n).join(' ') === key));
  if (exact.length === 1 && exact[0]) return { ok: true, fund: exact[0], how: `fund ${exact[0].code} (${exact[0].name})` };
  if (exact.length > 1) {
    return { ok: false, reason: `"${text}" could be more than one fund (${exact.map((f) => f.code).join(', ')}): use the fund's code` };
  }
  const containing = funds.filter((f) => {
    const have = new Set([f.code, f.name, ...(f.aliases ?? [])].flatMap(fundWords));
    return words.every((w) => have.has(w));
  });
  if (containing.length === 1 && containing[0]) {
    const f = containing[0];
    return { ok: true, fund: f, how: `fund ${f.code} (${f.name}): the only fund whose name has every word given` };
  }
  if (containing.length > 1) {
    return { ok: false, reason: `"${text}" could be more than one fund (${containing.map((f) => f.code).join(', ')}): use the fund's code` };
  }
  const known = funds.map((f) => f.code).join(', ');
  return { ok: false, reason: `"${text}" is not a fund Scrutiny Desk knows${known ? ` (known funds: ${known})` : ''}: add the fund first, or correct the name` };
}
