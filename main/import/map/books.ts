// The registers a mapping run keeps while it reads rows: organisations named in
// the file (matched, uncertain, new), and services (stored ones and those the
// file creates), so each is resolved once and every merge can say why.
import { boroughByGss, matchBorough } from '../../../shared/boroughs.ts';
import { formatUkDate } from '../../../shared/uk-date.ts';
import type { KnownService } from './known.ts';
import { normaliseName } from './normalise.ts';
import { buildOrganisationIndex, matchOrganisation, organisationKey, type KnownOrganisation, type OrganisationIndex, type OrganisationMatch } from './organisations.ts';
import type {
  Confirmations, FieldChange, MatchedOrganisation, NewOrganisation, NewOrganisationKind, OrganisationRef, ServiceField, ServiceRecord,
  ServiceValues, UncertainOrganisation,
} from './records.ts';

export interface OrganisationResolution {
  ref: OrganisationRef;
  outcome: 'understood' | 'note';
  detail: string;
  /** The first row of the file to name this organisation. */
  first: boolean;
}

function addRow(rows: number[], row: number): void {
  if (rows[rows.length - 1] !== row) rows.push(row);
}

function addSpelling(spellings: string[], name: string): void {
  if (!spellings.includes(name)) spellings.push(name);
}

export class OrganisationBook {
  private readonly index: OrganisationIndex;
  private readonly decisions: Readonly<Record<string, { organisationId: string } | 'new'>>;
  private readonly matchCache = new Map<string, OrganisationMatch>();
  readonly matched = new Map<string, MatchedOrganisation>();
  readonly created = new Map<string, NewOrganisation>();
  readonly uncertain = new Map<string, UncertainOrganisation>();
  readonly problems: string[] = [];

  constructor(organisations: readonly KnownOrganisation[], confirmations: Confirmations) {
    this.index = buildOrganisationIndex(organisations);
    this.decisions = confirmations.organisations ?? {};
    for (const [key, decision] of Object.entries(this.decisions)) {
      if (decision !== 'new' && !this.index.byId.has(decision.organisationId)) {
        this.problems.push(`The confirmation for "${key}" names an organisation that is not known (${decision.organisationId}): it is ignored`);
      }
    }
  }

  private match(key: string, name: string, identifier: string | null): OrganisationMatch {
    const decision = this.decisions[key];
    if (decision !== undefined && decision !== 'new') {
      const org = this.index.byId.get(decision.organisationId);
      if (org) return { outcome: 'matched', organisationId: org.id, name: org.name, via: 'confirmed', alias: name };
    }
    if (identifier) return matchOrganisation(name, this.index, identifier);
    let found = this.matchCache.get(key);
    if (!found) {
      found = matchOrganisation(name, this.index);
      this.matchCache.set(key, found);
    }
    return found;
  }

  /** Resolves a name seen in `row`; `kind` is what a new organisation would be. */
  private readonly keys = new Map<string, string>();

  resolve(name: string, kind: NewOrganisationKind, row: number, identifier: string | null = null): OrganisationResolution {
    let key = this.keys.get(name);
    if (key === undefined) {
      key = organisationKey(name);
      this.keys.set(name, key);
    }
    const found = this.match(key, name, identifier);
    const first = !this.matched.has(key) && !this.created.has(key);
    if (found.outcome === 'matched') {
      const seen = this.matched.get(key) ?? {
        key, name, spellings: [], organisationId: found.organisationId, knownName: found.name, via: found.via, alias: found.alias, rows: [],
      };
      addSpelling(seen.spellings, name);
      addRow(seen.rows, row);
      this.matched.set(key, seen);
      const loosely = name.trim() !== found.alias.trim() ? ', once case, punctuation and words such as Ltd or The are ignored' : '';
      const how = {
        name: `its name${loosely}`,
        alias: `the name it also goes by, "${found.alias}"${loosely}`,
        identifier: `its identifier ${found.alias}`,
        borough: `the council of ${found.alias}`,
        confirmed: 'your confirmation',
      }[found.via];
      return {
        ref: { kind: 'existing', organisationId: found.organisationId, name: found.name },
        outcome: 'understood',
        detail: `"${name}" → ${found.name} (matched by ${how})`,
        first,
      };
    }

    // A name the clerk confirmed as new is no longer uncertain.
    const candidates = found.outcome === 'uncertain' && this.decisions[key] !== 'new' ? found.candidates : [];
    let draft = this.created.get(key);
    if (!draft) {
      const borough = matchBorough(name);
      const isCouncil = borough.ok;
      draft = {
        key, name, spellings: [], kind: isCouncil ? 'borough' : kind, boroughGss: isCouncil ? borough.value.gss : null,
        identifier: identifier ?? null, rows: [], candidates,
      };
      this.created.set(key, draft);
    }
    if (draft.identifier === null && identifier) draft.identifier = identifier;
    addSpelling(draft.spellings, name);
    addRow(draft.rows, row);
    const ref: OrganisationRef = { kind: 'new', key, name: draft.name };

    if (candidates.length > 0) {
      const listed = this.uncertain.get(key) ?? { key, name, spellings: [], rows: [], candidates };
      addSpelling(listed.spellings, name);
      addRow(listed.rows, row);
      this.uncertain.set(key, listed);
      const best = candidates.map((c) => `${c.name} (score ${c.score.toFixed(2)}, ${c.why})`).join('; ');
      return {
        ref,
        outcome: 'note',
        detail: `"${name}" is close to ${best}, but not the same: it will be added as a new organisation unless you confirm the match`,
        first,
      };
    }
    const decided = this.decisions[key] === 'new' ? ' (as you confirmed)' : '';
    const council = draft.boroughGss ? `, the council of ${boroughByGss(draft.boroughGss)?.name ?? draft.boroughGss}` : '';
    return { ref, outcome: 'note', detail: `"${name}" is not a known organisation: it will be added as a new one${council}${decided}`, first };
  }

  /** The organisations the accepted rows use. */
  finish(accepted: ReadonlySet<number>): { matched: MatchedOrganisation[]; uncertain: UncertainOrganisation[]; created: NewOrganisation[] } {
    const keep = <T extends { rows: number[] }>(items: Iterable<T>): T[] => {
      const out: T[] = [];
      for (const item of items) {
        const rows = item.rows.filter((r) => accepted.has(r));
        if (rows.length > 0) out.push({ ...item, rows });
      }
      return out;
    };
    return { matched: keep(this.matched.values()), uncertain: keep(this.uncertain.values()), created: keep(this.created.values()) };
  }
}

const SERVICE_LABELS: Record<ServiceField, string> = {
  reference: 'reference', name: 'name', provider: 'provider', commissioner: 'commissioner', category: 'category',
  boroughs: 'boroughs served', londonWide: 'London-wide', startDate: 'start date', endDate: 'end date', aims: 'aims', outcomes: 'outcomes',
};

function orgIdentity(ref: OrganisationRef | null): string {
  if (!ref) return '';
  return ref.kind === 'existing' ? `id:${ref.organisationId}` : `new:${ref.key}`;
}

function refKey(reference: string | null): string | null {
  return reference === null ? null : reference.trim().toLowerCase();
}

function nameProviderKey(name: string, provider: string): string {
  return `${normaliseName(name)}|${provider}`;
}

function referencesAgree(a: string | null, b: string | null): boolean {
  return a === null || b === null || refKey(a) === refKey(b);
}

function showBoroughs(gss: readonly string[]): string {
  return gss.length === 0 ? 'none' : gss.map((g) => boroughByGss(g)?.name ?? g).join('; ');
}

function showValue(field: ServiceField, values: ServiceValues): string {
  const v = values[field];
  if (field === 'boroughs') return showBoroughs(values.boroughs);
  if (field === 'londonWide') return values.londonWide ? 'yes' : 'no';
  if (field === 'startDate' || field === 'endDate') return typeof v === 'string' ? formatUkDate(v) : 'none';
  if (v === null) return 'none';
  if (typeof v === 'object' && !Array.isArray(v)) return v.name;
  return String(v);
}

function storedValues(k: KnownService, orgName: (id: string | null) => OrganisationRef | null): ServiceValues {
  return {
    reference: k.reference, name: k.name, provider: orgName(k.providerId), commissioner: orgName(k.commissionerId), category: k.category,
    boroughs: [...k.boroughs], londonWide: k.londonWide, startDate: k.startDate, endDate: k.endDate, aims: k.aims, outcomes: k.outcomes,
  };
}

function sameValue(field: ServiceField, a: ServiceValues, b: ServiceValues): boolean {
  if (field === 'provider' || field === 'commissioner') return orgIdentity(a[field]) === orgIdentity(b[field]);
  if (field === 'boroughs') return [...a.boroughs].sort().join() === [...b.boroughs].sort().join();
  if (field === 'reference') return refKey(a.reference) === refKey(b.reference);
  if (field === 'name') return normaliseName(a.name) === normaliseName(b.name) && a.name.trim() === b.name.trim();
  return a[field] === b[field];
}

function differences(fields: readonly ServiceField[], from: ServiceValues, to: ServiceValues): FieldChange[] {
  return fields
    .filter((f) => !sameValue(f, from, to))
    .map((f) => ({ field: f, label: SERVICE_LABELS[f], from: showValue(f, from), to: showValue(f, to) }));
}

function describeChanges(changes: readonly FieldChange[]): string {
  return changes.map((c) => `${c.label} ${c.from} → ${c.to}`).join('; ');
}

function describeService(name: string, reference: string | null): string {
  return reference ? `"${name}" (reference ${reference})` : `"${name}"`;
}

interface FileService {
  row: number;
  record: ServiceRecord;
}

export type Placement = { record: ServiceRecord; notes: string[] } | { conflict: string };

export type ServiceLookup = { ref: { kind: 'existing'; serviceId: string; name: string }; how: string } | { ambiguous: string } | null;

export class ServiceBook {
  private readonly knownByRef = new Map<string, KnownService[]>();
  private readonly knownByName = new Map<string, KnownService[]>();
  private readonly knownByNameProvider = new Map<string, KnownService[]>();
  private readonly fileByRef = new Map<string, FileService>();
  private readonly fileByNameProvider = new Map<string, FileService>();
  /** Services a funding file names that are not known: one per normalised name. */
  readonly implicit = new Map<string, ServiceRecord>();

  private readonly organisationName: (id: string | null) => OrganisationRef | null;

  constructor(known: readonly KnownService[], organisationName: (id: string | null) => OrganisationRef | null) {
    this.organisationName = organisationName;
    const push = (map: Map<string, KnownService[]>, key: string, s: KnownService) => map.set(key, [...(map.get(key) ?? []), s]);
    for (const s of known) {
      const r = refKey(s.reference);
      if (r) push(this.knownByRef, r, s);
      push(this.knownByName, normaliseName(s.name), s);
      push(this.knownByNameProvider, nameProviderKey(s.name, s.providerId ? `id:${s.providerId}` : ''), s);
    }
  }

  /**
   * Where a service row belongs. Rules: the same reference, or the same name and
   * provider (when neither has a reference that tells them apart), is the same
   * service. Against an earlier row: identical is a duplicate, different is a
   * conflict (rejected: the file contradicts itself). Against a stored service:
   * the fields the file gives that differ make an update, none a duplicate.
   */
  place(values: ServiceValues, provided: readonly ServiceField[], row: number): Placement {
    const r = refKey(values.reference);
    const npKey = nameProviderKey(values.name, orgIdentity(values.provider));
    const earlier = (r ? this.fileByRef.get(r) : undefined)
      ?? [this.fileByNameProvider.get(npKey)].find((f) => f !== undefined && referencesAgree(f.record.values.reference, values.reference));
    if (earlier) {
      const union = [...new Set([...earlier.record.provided, ...provided])];
      const changes = differences(union, earlier.record.values, values);
      const how = r && refKey(earlier.record.values.reference) === r ? `the same reference (${values.reference ?? ''})` : 'the same name and provider';
      if (changes.length > 0) {
        return { conflict: `row ${earlier.row} has ${how} but says something different (${describeChanges(changes)}): correct one of the two rows` };
      }
      return {
        record: {
          ...earlier.record, outcome: 'duplicate', changes: [], rows: [row],
          why: `same service as row ${earlier.row} (${how}), with nothing different`,
        },
        notes: [],
      };
    }

    const notes: string[] = [];
    let stored: KnownService | undefined;
    let how: string;
    const byRef = r ? this.knownByRef.get(r) ?? [] : [];
    if (byRef.length > 1) return { conflict: `the store already has ${byRef.length} services with reference ${values.reference ?? ''}: resolve that in the register first` };
    if (byRef.length === 1) {
      stored = byRef[0];
      how = `matched by reference ${values.reference ?? ''}`;
    } else {
      const sameNameProvider = this.knownByNameProvider.get(npKey) ?? [];
      const compatible = sameNameProvider.filter((k) => referencesAgree(k.reference, values.reference));
      if (compatible.length > 1) {
        return { conflict: `the store already has ${compatible.length} services called "${values.name}" with this provider: give the service's reference` };
      }
      stored = compatible[0];
      how = 'matched by name and provider';
      for (const k of sameNameProvider) {
        if (!compatible.includes(k)) {
          notes.push(`a stored service has the same name and provider but reference ${k.reference ?? ''}: this row (reference ${values.reference ?? ''}) is treated as a different service`);
        }
      }
    }

    if (stored) {
      const before = storedValues(stored, this.organisationName);
      const changes = differences(provided, before, values);
      const name = describeService(stored.name, stored.reference);
      return {
        record: {
          kind: 'service', key: `service:${stored.id}`, outcome: changes.length > 0 ? 'updated' : 'duplicate', existingId: stored.id, values,
          provided: [...provided], changes, rows: [row],
          why: changes.length > 0
            ? `updates the stored service ${name} (${how}): ${describeChanges(changes)}`
            : `identical to the stored service ${name} (${how})`,
        },
        notes,
      };
    }
    return {
      record: {
        kind: 'service', key: `service:row:${row}`, outcome: 'new', existingId: null, values, provided: [...provided], changes: [], rows: [row],
        why: `a new service: no stored service has ${values.reference ? `reference ${values.reference} or ` : ''}this name and provider`,
      },
      notes,
    };
  }

  /** Once its row is accepted, a service is what later rows are compared with. */
  remember(record: ServiceRecord, row: number): void {
    // The first row to name a service stays the one later rows are compared with.
    const entry: FileService = { row, record };
    const r = refKey(record.values.reference);
    if (r && !this.fileByRef.has(r)) this.fileByRef.set(r, entry);
    const np = nameProviderKey(record.values.name, orgIdentity(record.values.provider));
    if (!this.fileByNameProvider.has(np)) this.fileByNameProvider.set(np, entry);
  }

  /** A funding file's service column: a stored service by reference, then by name. */
  lookup(text: string): ServiceLookup {
    const r = refKey(text);
    const byRef = r ? this.knownByRef.get(r) ?? [] : [];
    if (byRef.length === 1 && byRef[0]) {
      return { ref: { kind: 'existing', serviceId: byRef[0].id, name: byRef[0].name }, how: `reference ${byRef[0].reference ?? ''}` };
    }
    if (byRef.length > 1) return { ambiguous: `${byRef.length} stored services have the reference "${text}": correct the register first` };
    const byName = this.knownByName.get(normaliseName(text)) ?? [];
    if (byName.length === 1 && byName[0]) {
      return { ref: { kind: 'existing', serviceId: byName[0].id, name: byName[0].name }, how: 'its name' };
    }
    if (byName.length > 1) {
      const providers = byName.map((s) => this.organisationName(s.providerId)?.name ?? 'no provider').join(', ');
      return { ambiguous: `${byName.length} stored services are called "${text}" (providers: ${providers}): use the service's reference instead` };
    }
    return null;
  }

  /** A service a funding file names that is not known: created once, whatever row names it first. */
  implicitService(text: string, row: number): ServiceRecord {
    const key = normaliseName(text);
    const existing = this.implicit.get(key);
    if (existing) {
      addRow(existing.rows, row);
      return existing;
    }
    const record: ServiceRecord = {
      kind: 'service', key: `service:new:${key}`, outcome: 'new', existingId: null,
      values: {
        reference: null, name: text, provider: null, commissioner: null, category: null, boroughs: [], londonWide: false,
        startDate: null, endDate: null, aims: null, outcomes: null,
      },
      provided: ['name'], changes: [], rows: [row],
      why: `no stored service has the reference or name "${text}": a new service with this name is created`,
    };
    this.implicit.set(key, record);
    return record;
  }
}
