// The Evidence part of the store: sources, witnesses, evidence sessions, notes,
// excerpts and the links from evidence to the terms of reference and key
// questions. Every write goes through the writer (one change set, one step of
// undo); every refusal is a StoreError naming the field, thrown inside the change
// so that nothing is half-written.
import type Database from 'better-sqlite3';
import { formatFinancialYearRange } from '../../shared/financial-year.ts';
import { formatMoney } from '../../shared/money.ts';
import { formatUkDate, isIsoDate } from '../../shared/uk-date.ts';
import type { z } from 'zod';
import type {
  DeleteResult, EvidenceInput, EvidenceKind, ExcerptRecord, LinkRecord, LinkedEvidence, NoteDetail, NoteSummary, Perspective,
  ReanchorReport, SessionRecord, SessionRef, SourcePerspective, SourceRecord, SourceRef, TargetInput, TargetKind, TargetRef,
  WitnessRecord, WitnessRef,
  excerptLink, excerptUpdate, linkCreate, linkListInput, linkUpdate, noteCreate, noteListInput, noteUpdate,
  sessionCreate, sessionUpdate, sourceCreate, sourceListInput, sourceUpdate, witnessCreate, witnessUpdate,
} from '../../shared/evidence-schemas.ts';
import type { Stance } from '../../shared/schemas.ts';
import { StoreError } from './errors.ts';
import { reanchor } from './excerpt-anchors.ts';
import { getInvestigation } from './queries.ts';
import { normaliseOrganisationName } from './seed.ts';
import type { ChangeTx, DomainTable, Row, Writer } from './writer.ts';

export interface EvidenceStore {
  db: Database.Database;
  writer: Writer;
}
type Db = Database.Database;

// ---- small helpers ----------------------------------------------------------

const quoted = (text: string, max = 60) => `“${text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text}”`;
const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** Appends to the list kept under `key`. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function invalid(field: string, message: string): never {
  throw new StoreError('invalid-input', message, field);
}

/** Copies the fields given (not undefined) into a row patch under their column names. */
function patchOf(input: Record<string, unknown>, columns: Record<string, string>): Row {
  const patch: Row = {};
  for (const [field, column] of Object.entries(columns)) {
    const value = input[field];
    if (value !== undefined) patch[column] = value as Row[string];
  }
  return patch;
}

function exists(db: Db, table: DomainTable, id: string): boolean {
  return db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).pluck().get(id) !== undefined;
}

/** Refuses an id in the input that names nothing. */
function requireRef(db: Db, table: DomainTable, id: string | null | undefined, field: string, what: string): void {
  if (id === null || id === undefined) return;
  if (!exists(db, table, id)) invalid(field, `There is no ${what} with id ${id}.`);
}

/** Refuses the id a method is about when it names nothing. */
function requireSubject(db: Db, table: DomainTable, id: string, what: string): void {
  if (!exists(db, table, id)) throw new StoreError('not-found', `There is no ${what} with id ${id}; it may have been deleted.`, 'id');
}

export function investigationId(db: Db): string {
  return getInvestigation(db).id;
}

// ---- organisations ----------------------------------------------------------

const ORGANISATION_KIND_OF: Partial<Record<SourcePerspective, string>> = { commissioner: 'commissioner', provider: 'provider', borough: 'borough' };
const PERSPECTIVE_OF_KIND: Record<string, Perspective> = { commissioner: 'commissioner', provider: 'provider', borough: 'borough' };

export function perspectiveOfOrganisation(kind: string | null | undefined): Perspective | null {
  return kind ? PERSPECTIVE_OF_KIND[kind] ?? null : null;
}

/**
 * An organisation given by id or by name. A name matches an existing organisation
 * only exactly (its name or a known alias, ignoring case and punctuation); else a
 * new organisation is added. Returns undefined when neither was given.
 */
function resolveOrganisation(db: Db, tx: ChangeTx, input: { organisationId?: string | null | undefined; organisationName?: string | null | undefined },
  perspective: SourcePerspective | null | undefined): string | null | undefined {
  const { organisationId, organisationName } = input;
  if (organisationId && organisationName) invalid('organisationName', 'Give the organisation by id or by name, not both.');
  if (organisationId) {
    requireRef(db, 'organisations', organisationId, 'organisationId', 'organisation');
    return organisationId;
  }
  if (organisationName) {
    const normalised = normaliseOrganisationName(organisationName);
    if (normalised === '') invalid('organisationName', 'The organisation name needs letters or digits.');
    const known = db.prepare('SELECT organisation_id FROM organisation_aliases WHERE normalised = ?').pluck().get(normalised) as string | undefined;
    if (known) return known;
    const byName = (db.prepare('SELECT id, name FROM organisations').all() as { id: string; name: string }[])
      .find((o) => normaliseOrganisationName(o.name) === normalised);
    if (byName) return byName.id;
    const kind = (perspective && ORGANISATION_KIND_OF[perspective]) ?? 'other';
    const id = tx.insert('organisations', { name: organisationName, kind });
    tx.insert('organisation_aliases', { organisation_id: id, alias: organisationName, normalised });
    return id;
  }
  if (organisationId === null || organisationName === null) return null;
  return undefined;
}

function organisationKind(db: Db, id: string | null | undefined): string | null {
  if (!id) return null;
  return (db.prepare('SELECT kind FROM organisations WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
}

// ---- lookups shared by the readers ----------------------------------------

interface SessionInfo extends SessionRef {
  sourceId: string | null;
  location: string | null;
  createdAt: string;
  updatedAt: string;
  witnessIds: string[];
}

export interface Lookups {
  witnesses: Map<string, WitnessRef>;
  sources: Map<string, SourceRef>;
  sessions: Map<string, SessionInfo>;
  /** The one session recorded in a source, when exactly one is. */
  sessionOfSource: Map<string, string>;
  targets: Map<string, TargetRef>;
}

interface SourceRow {
  id: string; kind: SourceRecord['kind']; title: string; publisher: string | null; author: string | null; published_on: string | null;
  accessed_on: string | null; url: string | null; citation: string | null; file_name: string | null; notes: string | null;
  perspective: SourcePerspective | null; organisation_id: string | null; org_name: string | null; org_kind: string | null;
  created_at: string; updated_at: string;
}

function toSourceRef(row: SourceRow): SourceRef {
  return {
    id: row.id, kind: row.kind, title: row.title, citation: row.citation, url: row.url, publishedOn: row.published_on,
    perspective: row.perspective ?? perspectiveOfOrganisation(row.org_kind),
  };
}

interface WitnessRow {
  id: string; name: string; role: string | null; organisation_id: string | null; perspective: Perspective;
  org_name: string | null; org_kind: string | null; created_at: string; updated_at: string;
}

function toWitnessRef(row: WitnessRow): WitnessRef {
  return { id: row.id, name: row.name, role: row.role, organisationName: row.org_name, perspective: row.perspective };
}

const SOURCE_SELECT = 'SELECT s.*, o.name AS org_name, o.kind AS org_kind FROM sources s LEFT JOIN organisations o ON o.id = s.organisation_id';
const WITNESS_SELECT = 'SELECT w.*, o.name AS org_name, o.kind AS org_kind FROM witnesses w LEFT JOIN organisations o ON o.id = w.organisation_id';

interface SessionRow {
  id: string; kind: SessionRef['kind']; title: string; reference: string | null; held_on: string | null; location: string | null;
  source_id: string | null; created_at: string; updated_at: string;
}

export function loadLookups(db: Db): Lookups {
  const witnesses = new Map((db.prepare(WITNESS_SELECT).all() as WitnessRow[]).map((row) => [row.id, toWitnessRef(row)]));
  const sources = new Map((db.prepare(SOURCE_SELECT).all() as SourceRow[]).map((row) => [row.id, toSourceRef(row)]));
  const attendance = new Map<string, string[]>();
  for (const row of db.prepare(`SELECT sw.session_id, sw.witness_id FROM session_witnesses sw JOIN witnesses w ON w.id = sw.witness_id
      ORDER BY w.name COLLATE NOCASE`).all() as { session_id: string; witness_id: string }[]) {
    const list = attendance.get(row.session_id) ?? [];
    list.push(row.witness_id);
    attendance.set(row.session_id, list);
  }
  const sessions = new Map<string, SessionInfo>();
  const bySource = new Map<string, string[]>();
  for (const row of db.prepare('SELECT * FROM evidence_sessions ORDER BY coalesce(held_on, \'\') DESC, created_at DESC').all() as SessionRow[]) {
    sessions.set(row.id, {
      id: row.id, kind: row.kind, title: row.title, reference: row.reference, heldOn: row.held_on, location: row.location,
      sourceId: row.source_id, createdAt: row.created_at, updatedAt: row.updated_at, witnessIds: attendance.get(row.id) ?? [],
    });
    if (row.source_id) pushTo(bySource, row.source_id, row.id);
  }
  const sessionOfSource = new Map([...bySource].filter(([, ids]) => ids.length === 1).map(([sourceId, ids]) => [sourceId, ids[0]!]));
  return { witnesses, sources, sessions, sessionOfSource, targets: loadTargets(db) };
}

function sessionRefOf(info: SessionInfo): SessionRef {
  return { id: info.id, kind: info.kind, title: info.title, reference: info.reference, heldOn: info.heldOn };
}

/** Where a note's evidence comes from: its witness (or its session's only witness), its source (or its session's), its session. */
export function noteOrigin(lookups: Lookups, note: { witness_id: string | null; source_id: string | null; session_id: string | null }) {
  const session = note.session_id ? lookups.sessions.get(note.session_id) ?? null : null;
  const witnessId = note.witness_id ?? (session && session.witnessIds.length === 1 ? session.witnessIds[0]! : null);
  const sourceId = note.source_id ?? session?.sourceId ?? null;
  return {
    witness: witnessId ? lookups.witnesses.get(witnessId) ?? null : null,
    source: sourceId ? lookups.sources.get(sourceId) ?? null : null,
    session: session ? sessionRefOf(session) : null,
  };
}

// ---- targets and evidence ---------------------------------------------------

const TARGET_TABLE: Record<TargetKind, { table: 'tor_items' | 'key_questions'; column: 'tor_item_id' | 'key_question_id'; label: string; what: string }> = {
  term: { table: 'tor_items', column: 'tor_item_id', label: 'Term of reference', what: 'term of reference' },
  keyQuestion: { table: 'key_questions', column: 'key_question_id', label: 'Key question', what: 'key question' },
};

export function targetLabel(kind: TargetKind, number: number): string {
  return `${TARGET_TABLE[kind].label} ${number}`;
}

/** A term of reference or key question named in the input, or a refusal naming `field`. */
export function resolveTarget(db: Db, target: TargetInput, field = 'target.id', notFound: 'invalid-input' | 'not-found' = 'invalid-input'): TargetRef & { column: 'tor_item_id' | 'key_question_id'; table: 'tor_items' | 'key_questions' } {
  const spec = TARGET_TABLE[target.kind];
  const row = db.prepare(`SELECT number, text FROM ${spec.table} WHERE id = ?`).get(target.id) as { number: number; text: string } | undefined;
  if (!row) throw new StoreError(notFound, `There is no ${spec.what} with id ${target.id}.`, field);
  return { kind: target.kind, id: target.id, number: row.number, label: targetLabel(target.kind, row.number), text: row.text, column: spec.column, table: spec.table };
}

const EVIDENCE: Record<EvidenceKind, { table: DomainTable; column: string; what: string }> = {
  excerpt: { table: 'excerpts', column: 'excerpt_id', what: 'excerpt' },
  note: { table: 'notes', column: 'note_id', what: 'note' },
  service: { table: 'services', column: 'service_id', what: 'service' },
  figure: { table: 'figures', column: 'figure_id', what: 'figure' },
  fundingLine: { table: 'funding_lines', column: 'funding_line_id', what: 'funding line' },
  payment: { table: 'payments', column: 'payment_id', what: 'payment' },
  source: { table: 'sources', column: 'source_id', what: 'source' },
};
const EVIDENCE_COLUMNS = Object.values(EVIDENCE).map((e) => e.column);

// ---- reading links ------------------------------------------------------------
// One slim query gives every link with its note (directly or through its excerpt);
// details of other evidence (services, figures, funding lines, payments, the head
// of a whole note) are read kind by kind, only for the ids that turn up.

interface LinkRow {
  id: string; target_id: string; is_term: number; kind: EvidenceKind; evidence_id: string;
  stance: Stance; comment: string | null; created_at: string; updated_at: string;
  x_quote: string | null; x_lost_at: string | null;
  n_id: string | null; n_title: string | null; n_witness_id: string | null; n_source_id: string | null; n_session_id: string | null;
}

const LINK_SELECT = `
  SELECT l.id, coalesce(l.tor_item_id, l.key_question_id) AS target_id, l.tor_item_id IS NOT NULL AS is_term,
    CASE WHEN l.excerpt_id IS NOT NULL THEN 'excerpt' WHEN l.note_id IS NOT NULL THEN 'note' WHEN l.service_id IS NOT NULL THEN 'service'
      WHEN l.figure_id IS NOT NULL THEN 'figure' WHEN l.funding_line_id IS NOT NULL THEN 'fundingLine' WHEN l.payment_id IS NOT NULL THEN 'payment'
      ELSE 'source' END AS kind,
    coalesce(l.excerpt_id, l.note_id, l.service_id, l.figure_id, l.funding_line_id, l.payment_id, l.source_id) AS evidence_id,
    l.stance, l.comment, l.created_at, l.updated_at,
    e.quote AS x_quote, e.lost_at AS x_lost_at,
    n.id AS n_id, n.title AS n_title, n.witness_id AS n_witness_id, n.source_id AS n_source_id, n.session_id AS n_session_id
  FROM evidence_links l
  LEFT JOIN excerpts e ON e.id = l.excerpt_id
  LEFT JOIN notes n ON n.id = coalesce(l.note_id, e.note_id)`;

export type LinkFilter =
  | { all: true }
  | { target: { column: 'tor_item_id' | 'key_question_id'; id: string } }
  | { evidence: { column: string; id: string } }
  | { note: string }
  | { link: string };

function linkRows(db: Db, filter: LinkFilter): LinkRow[] {
  let where = '';
  let params: string[] = [];
  if ('target' in filter) {
    where = `WHERE l.${filter.target.column} = ?`;
    params = [filter.target.id];
  } else if ('evidence' in filter) {
    if (!EVIDENCE_COLUMNS.includes(filter.evidence.column)) throw new StoreError('internal', `Unknown evidence column ${filter.evidence.column}.`);
    where = `WHERE l.${filter.evidence.column} = ?`;
    params = [filter.evidence.id];
  } else if ('note' in filter) {
    where = 'WHERE l.note_id = ? OR l.excerpt_id IN (SELECT id FROM excerpts WHERE note_id = ?)';
    params = [filter.note, filter.note];
  } else if ('link' in filter) {
    where = 'WHERE l.id = ?';
    params = [filter.link];
  }
  return db.prepare(`${LINK_SELECT} ${where} ORDER BY l.created_at, l.id`).all(...params) as LinkRow[];
}

/** Every term of reference and key question by id, as links name them. */
export function loadTargets(db: Db): Map<string, TargetRef> {
  const targets = new Map<string, TargetRef>();
  for (const kind of ['term', 'keyQuestion'] as const) {
    for (const row of db.prepare(`SELECT id, number, text FROM ${TARGET_TABLE[kind].table}`).all() as { id: string; number: number; text: string }[]) {
      targets.set(row.id, { kind, id: row.id, number: row.number, label: targetLabel(kind, row.number), text: row.text });
    }
  }
  return targets;
}

function targetOf(row: LinkRow, targets: Map<string, TargetRef>): TargetRef {
  const target = targets.get(row.target_id);
  if (!target) throw new StoreError('internal', `Link ${row.id} points at a ${row.is_term ? 'term of reference' : 'key question'} that is not there.`);
  return target;
}

function toLinkRecord(row: LinkRow, targets: Map<string, TargetRef>): LinkRecord {
  return {
    id: row.id, target: targetOf(row, targets), evidence: { kind: row.kind, id: row.evidence_id }, stance: row.stance, comment: row.comment,
    createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

const clip = (text: string | null, max = 280) => (text === null ? null : text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);
const years = (start: number | null, end: number | null) => (start === null ? null : formatFinancialYearRange(start, end ?? start));
const ukDate = (iso: string | null) => (iso && isIsoDate(iso) ? formatUkDate(iso) : iso);

interface Detail { title: string; summary: string | null; originSourceId: string | null }

/** Titles, summaries and sources of the non-passage evidence among `rows`, read kind by kind. */
function evidenceDetails(db: Db, rows: readonly LinkRow[]): Map<string, Detail> {
  const idsOf = (kind: EvidenceKind) => JSON.stringify([...new Set(rows.filter((r) => r.kind === kind).map((r) => r.evidence_id))]);
  const details = new Map<string, Detail>();
  const wanted = new Set(rows.map((r) => r.kind));
  const each = <T>(kind: EvidenceKind, sql: string, make: (row: T) => [string, Detail]) => {
    if (!wanted.has(kind)) return;
    for (const row of db.prepare(sql).all(idsOf(kind)) as T[]) {
      const [id, detail] = make(row);
      details.set(id, detail);
    }
  };
  const IN = 'IN (SELECT value FROM json_each(?))';
  each<{ id: string; head: string }>('note', `SELECT id, substr(body, 1, 281) AS head FROM notes WHERE id ${IN}`,
    (r) => [r.id, { title: '', summary: clip(r.head), originSourceId: null }]);
  each<{ id: string; name: string; category: string | null; aims: string | null; origin_source_id: string | null }>('service',
    `SELECT id, name, category, substr(aims, 1, 281) AS aims, origin_source_id FROM services WHERE id ${IN}`,
    (r) => [r.id, { title: r.name, summary: [r.category, clip(r.aims)].filter(Boolean).join(': ') || null, originSourceId: r.origin_source_id }]);
  each<{ id: string; label: string; amount_pence: number; approximate: number; fy_start: number | null; fy_end: number | null; source_id: string; source_locator: string | null }>('figure',
    `SELECT id, label, amount_pence, approximate, fy_start, fy_end, source_id, source_locator FROM figures WHERE id ${IN}`,
    (r) => {
      const when = years(r.fy_start, r.fy_end);
      return [r.id, {
        title: r.label, originSourceId: r.source_id,
        summary: `${r.approximate ? 'About ' : ''}${formatMoney(r.amount_pence)}${when ? ` in ${when}` : ''}${r.source_locator ? ` (${r.source_locator})` : ''}`,
      }];
    });
  each<{ id: string; amount_pence: number; measure: string; fy_start: number; fy_end: number; service: string | null; fund: string | null; borough: string | null; origin_source_id: string | null }>('fundingLine',
    `SELECT fl.id, fl.amount_pence, fl.measure, fl.fy_start, fl.fy_end, s.name AS service, f.name AS fund, b.name AS borough, fl.origin_source_id
     FROM funding_lines fl LEFT JOIN services s ON s.id = fl.service_id LEFT JOIN funds f ON f.id = fl.fund_id LEFT JOIN boroughs b ON b.id = fl.borough_id
     WHERE fl.id ${IN}`,
    (r) => {
      const parts = [r.fund, r.borough].filter(Boolean).join(', ');
      return [r.id, {
        title: r.service ? `Funding of ${r.service}` : 'Funding line', originSourceId: r.origin_source_id,
        summary: `${formatMoney(r.amount_pence)} ${r.measure} in ${years(r.fy_start, r.fy_end)}${parts ? ` (${parts})` : ''}`,
      }];
    });
  each<{ id: string; paid_on: string; supplier_name: string; amount_pence: number; description: string | null; origin_source_id: string | null }>('payment',
    `SELECT id, paid_on, supplier_name, amount_pence, substr(description, 1, 281) AS description, origin_source_id FROM payments WHERE id ${IN}`,
    (r) => [r.id, {
      title: `Payment to ${r.supplier_name}`, originSourceId: r.origin_source_id,
      summary: `${formatMoney(r.amount_pence)} paid on ${ukDate(r.paid_on)}${r.description ? `: ${r.description}` : ''}`,
    }]);
  return details;
}

function toLinkedEvidence(row: LinkRow, lookups: Lookups, details: Map<string, Detail>): LinkedEvidence {
  const kind = row.kind;
  const detail = details.get(row.evidence_id);
  let title: string;
  let summary: string | null;
  let origin: { witness: WitnessRef | null; source: SourceRef | null; session: SessionRef | null };
  if (kind === 'excerpt' || kind === 'note') {
    title = row.n_title ?? 'Note';
    summary = kind === 'note' ? detail?.summary ?? null : null;
    origin = noteOrigin(lookups, { witness_id: row.n_witness_id, source_id: row.n_source_id, session_id: row.n_session_id });
  } else if (kind === 'source') {
    const source = lookups.sources.get(row.evidence_id) ?? null;
    title = source?.title ?? 'Source';
    summary = source?.citation ?? null;
    const sessionId = lookups.sessionOfSource.get(row.evidence_id);
    const session = sessionId ? lookups.sessions.get(sessionId) : undefined;
    origin = { witness: null, source, session: session ? sessionRefOf(session) : null };
  } else {
    title = detail?.title ?? kind;
    summary = detail?.summary ?? null;
    origin = { witness: null, source: detail?.originSourceId ? lookups.sources.get(detail.originSourceId) ?? null : null, session: null };
  }
  return {
    linkId: row.id, stance: row.stance, comment: row.comment, createdAt: row.created_at, updatedAt: row.updated_at,
    target: targetOf(row, lookups.targets),
    evidence: {
      kind, id: row.evidence_id, title, quote: kind === 'excerpt' ? row.x_quote : null, summary,
      lost: kind === 'excerpt' && row.x_lost_at !== null, noteId: row.n_id,
    },
    ...origin,
  };
}

/** Links with their evidence spelled out and where it comes from. */
export function linkedEvidence(db: Db, filter: LinkFilter, lookups: Lookups = loadLookups(db)): LinkedEvidence[] {
  const rows = linkRows(db, filter);
  const details = evidenceDetails(db, rows);
  return rows.map((row) => toLinkedEvidence(row, lookups, details));
}

export function getLink(db: Db, id: string): LinkRecord {
  const row = linkRows(db, { link: id })[0];
  if (!row) throw new StoreError('not-found', `There is no link with id ${id}; it may have been deleted.`, 'id');
  return toLinkRecord(row, loadTargets(db));
}

export function listLinks(db: Db, input: z.output<typeof linkListInput>): LinkedEvidence[] {
  if (input.evidence && input.target) {
    const spec = EVIDENCE[input.evidence.kind];
    const target = resolveTarget(db, input.target);
    return linkedEvidence(db, { evidence: { column: spec.column, id: input.evidence.id } }).filter((link) => link.target.id === target.id);
  }
  if (input.evidence) {
    const spec = EVIDENCE[input.evidence.kind];
    requireRef(db, spec.table, input.evidence.id, 'evidence.id', spec.what);
    return linkedEvidence(db, { evidence: { column: spec.column, id: input.evidence.id } });
  }
  if (input.target) {
    const target = resolveTarget(db, input.target);
    return linkedEvidence(db, { target: { column: target.column, id: target.id } });
  }
  return linkedEvidence(db, { all: true });
}

// ---- sources ------------------------------------------------------------------

type SourceCreate = z.output<typeof sourceCreate>;
type SourceUpdate = z.output<typeof sourceUpdate>;

const SOURCE_COLUMNS = {
  kind: 'kind', title: 'title', publisher: 'publisher', author: 'author', publishedOn: 'published_on', accessedOn: 'accessed_on',
  url: 'url', citation: 'citation', fileName: 'file_name', notes: 'notes', perspective: 'perspective',
};

const SOURCE_USAGE = `
  (SELECT count(*) FROM notes n WHERE n.source_id = s.id) AS use_notes,
  (SELECT count(*) FROM evidence_sessions es WHERE es.source_id = s.id) AS use_sessions,
  (SELECT count(*) FROM evidence_links l WHERE l.source_id = s.id) AS use_links,
  (SELECT count(*) FROM figures f WHERE f.source_id = s.id) AS use_figures`;

type SourceRowWithUsage = SourceRow & { use_notes: number; use_sessions: number; use_links: number; use_figures: number };

function toSourceRecord(row: SourceRowWithUsage): SourceRecord {
  return {
    id: row.id, kind: row.kind, title: row.title, publisher: row.publisher, author: row.author, publishedOn: row.published_on,
    accessedOn: row.accessed_on, url: row.url, citation: row.citation, fileName: row.file_name, notes: row.notes,
    perspective: row.perspective,
    organisation: row.organisation_id ? { id: row.organisation_id, name: row.org_name ?? '', kind: row.org_kind ?? 'other' } : null,
    createdAt: row.created_at, updatedAt: row.updated_at,
    usage: { notes: row.use_notes, sessions: row.use_sessions, links: row.use_links, figures: row.use_figures },
  };
}

const SOURCE_RECORD_SELECT = `SELECT s.*, o.name AS org_name, o.kind AS org_kind, ${SOURCE_USAGE} FROM sources s LEFT JOIN organisations o ON o.id = s.organisation_id`;

export function listSourceRecords(db: Db, input: z.output<typeof sourceListInput>): SourceRecord[] {
  const rows = db.prepare(`${SOURCE_RECORD_SELECT} ORDER BY s.title COLLATE NOCASE, s.id`).all() as SourceRowWithUsage[];
  return rows.map(toSourceRecord).filter((s) =>
    (!input.kind || s.kind === input.kind) &&
    (!input.perspective || (s.perspective ?? perspectiveOfOrganisation(s.organisation?.kind)) === input.perspective));
}

export function getSourceRecord(db: Db, id: string): SourceRecord {
  const row = db.prepare(`${SOURCE_RECORD_SELECT} WHERE s.id = ?`).get(id) as SourceRowWithUsage | undefined;
  if (!row) throw new StoreError('not-found', `There is no source with id ${id}; it may have been deleted.`, 'id');
  return toSourceRecord(row);
}

export function createSource(store: EvidenceStore, input: SourceCreate): SourceRecord {
  const id = store.writer.change(`Add source ${quoted(input.title)}`, (tx) => {
    const organisationId = resolveOrganisation(store.db, tx, input, input.perspective);
    const perspective = input.perspective ?? perspectiveOfOrganisation(organisationKind(store.db, organisationId));
    return tx.insert('sources', { ...patchOf(input, SOURCE_COLUMNS), perspective, organisation_id: organisationId ?? null });
  });
  return getSourceRecord(store.db, id);
}

export function updateSource(store: EvidenceStore, input: SourceUpdate): SourceRecord {
  const { db, writer } = store;
  requireSubject(db, 'sources', input.id, 'source');
  const title = (db.prepare('SELECT title FROM sources WHERE id = ?').pluck().get(input.id) as string);
  writer.change(`Edit source ${quoted(input.title ?? title)}`, (tx) => {
    const patch = patchOf(input, SOURCE_COLUMNS);
    const organisationId = resolveOrganisation(db, tx, input, input.perspective);
    if (organisationId !== undefined) patch.organisation_id = organisationId;
    tx.update('sources', input.id, patch);
  });
  return getSourceRecord(db, input.id);
}

export function deleteSource(store: EvidenceStore, id: string): DeleteResult {
  const { db, writer } = store;
  const source = getSourceRecord(db, id);
  const figures = db.prepare('SELECT label FROM figures WHERE source_id = ? ORDER BY sort').pluck().all(id) as string[];
  const shares = db.prepare('SELECT count(*) FROM stated_shares WHERE source_id = ?').pluck().get(id) as number;
  if (figures.length > 0 || shares > 0) {
    const many = figures.length > 1 || (figures.length === 0 && shares > 1);
    const what = figures.length > 0 ? `${plural(figures.length, 'figure', 'figures')} (such as ${quoted(figures[0]!)})` : plural(shares, 'stated share', 'stated shares');
    throw new StoreError('conflict', `${quoted(source.title)} cannot be deleted: ${what} ${many ? 'cite' : 'cites'} it, and every figure must keep its source.`, 'id',
      'Point those figures at another source first.');
  }
  writer.change(`Delete source ${quoted(source.title)}`, (tx) => tx.remove('sources', id));
  const effects: string[] = [];
  if (source.usage.links > 0) effects.push(`${plural(source.usage.links, 'link', 'links')} from it to the questions went too.`);
  if (source.usage.notes > 0) effects.push(`${plural(source.usage.notes, 'note no longer names', 'notes no longer name')} a source.`);
  if (source.usage.sessions > 0) effects.push(`${plural(source.usage.sessions, 'evidence session no longer names', 'evidence sessions no longer name')} its record.`);
  return { id, removed: `Source ${quoted(source.title)}`, effects };
}

// ---- witnesses ------------------------------------------------------------------

type WitnessCreate = z.output<typeof witnessCreate>;
type WitnessUpdate = z.output<typeof witnessUpdate>;

export function listWitnessRecords(db: Db, only?: string): WitnessRecord[] {
  const rows = (only
    ? db.prepare(`${WITNESS_SELECT} WHERE w.id = ?`).all(only)
    : db.prepare(`${WITNESS_SELECT} ORDER BY w.name COLLATE NOCASE, w.id`).all()) as WitnessRow[];
  const lookups = loadLookups(db);
  const sessionsOf = new Map<string, SessionRef[]>();
  for (const session of lookups.sessions.values()) {
    for (const witnessId of session.witnessIds) pushTo(sessionsOf, witnessId, sessionRefOf(session));
  }
  const notes = new Map((db.prepare('SELECT witness_id, count(*) AS c FROM notes WHERE witness_id IS NOT NULL GROUP BY witness_id').all() as { witness_id: string; c: number }[])
    .map((r) => [r.witness_id, r.c]));
  const links = new Map((db.prepare(`
    SELECT n.witness_id, count(*) AS c FROM evidence_links l
    LEFT JOIN excerpts e ON e.id = l.excerpt_id
    JOIN notes n ON n.id = coalesce(l.note_id, e.note_id)
    WHERE n.witness_id IS NOT NULL GROUP BY n.witness_id`).all() as { witness_id: string; c: number }[]).map((r) => [r.witness_id, r.c]));
  return rows.map((row) => ({
    id: row.id, name: row.name, role: row.role,
    organisation: row.organisation_id ? { id: row.organisation_id, name: row.org_name ?? '', kind: row.org_kind ?? 'other' } : null,
    perspective: row.perspective, createdAt: row.created_at, updatedAt: row.updated_at,
    sessions: sessionsOf.get(row.id) ?? [], notes: notes.get(row.id) ?? 0, links: links.get(row.id) ?? 0,
  }));
}

function getWitnessRecord(db: Db, id: string): WitnessRecord {
  const record = listWitnessRecords(db, id)[0];
  if (!record) throw new StoreError('not-found', `There is no witness with id ${id}; it may have been deleted.`, 'id');
  return record;
}

export function createWitness(store: EvidenceStore, input: WitnessCreate): WitnessRecord {
  const id = store.writer.change(`Add witness ${quoted(input.name)}`, (tx) => {
    const organisationId = resolveOrganisation(store.db, tx, input, input.perspective);
    const perspective = input.perspective ?? perspectiveOfOrganisation(organisationKind(store.db, organisationId)) ?? 'other';
    return tx.insert('witnesses', { name: input.name, role: input.role ?? null, organisation_id: organisationId ?? null, perspective });
  });
  return getWitnessRecord(store.db, id);
}

export function updateWitness(store: EvidenceStore, input: WitnessUpdate): WitnessRecord {
  const { db, writer } = store;
  const current = getWitnessRecord(db, input.id);
  writer.change(`Edit witness ${quoted(input.name ?? current.name)}`, (tx) => {
    const patch = patchOf(input, { name: 'name', role: 'role', perspective: 'perspective' });
    const organisationId = resolveOrganisation(db, tx, input, input.perspective ?? current.perspective);
    if (organisationId !== undefined) patch.organisation_id = organisationId;
    tx.update('witnesses', input.id, patch);
  });
  return getWitnessRecord(db, input.id);
}

export function deleteWitness(store: EvidenceStore, id: string): DeleteResult {
  const { db, writer } = store;
  const witness = getWitnessRecord(db, id);
  const suggested = db.prepare('SELECT count(*) FROM suggested_questions WHERE witness_id = ?').pluck().get(id) as number;
  writer.change(`Delete witness ${quoted(witness.name)}`, (tx) => tx.remove('witnesses', id));
  const effects: string[] = [];
  if (witness.sessions.length > 0) effects.push(`${plural(witness.sessions.length, 'evidence session no longer lists', 'evidence sessions no longer list')} them.`);
  if (witness.notes > 0) effects.push(`${plural(witness.notes, 'note no longer names', 'notes no longer name')} a witness; their links stay.`);
  if (suggested > 0) effects.push(`${plural(suggested, 'suggested question is', 'suggested questions are')} no longer for a particular witness.`);
  return { id, removed: `Witness ${quoted(witness.name)}`, effects };
}

// ---- evidence sessions ----------------------------------------------------------

type SessionCreate = z.output<typeof sessionCreate>;
type SessionUpdate = z.output<typeof sessionUpdate>;

export function listSessionRecords(db: Db, only?: string): SessionRecord[] {
  const lookups = loadLookups(db);
  const notes = new Map((db.prepare('SELECT session_id, count(*) AS c FROM notes WHERE session_id IS NOT NULL GROUP BY session_id').all() as { session_id: string; c: number }[])
    .map((r) => [r.session_id, r.c]));
  return [...lookups.sessions.values()].filter((s) => !only || s.id === only).map((s) => ({
    id: s.id, kind: s.kind, title: s.title, reference: s.reference, heldOn: s.heldOn, location: s.location,
    source: s.sourceId ? lookups.sources.get(s.sourceId) ?? null : null,
    witnesses: s.witnessIds.map((w) => lookups.witnesses.get(w)!).filter(Boolean),
    notes: notes.get(s.id) ?? 0, createdAt: s.createdAt, updatedAt: s.updatedAt,
  }));
}

function getSessionRecord(db: Db, id: string): SessionRecord {
  const record = listSessionRecords(db, id)[0];
  if (!record) throw new StoreError('not-found', `There is no evidence session with id ${id}; it may have been deleted.`, 'id');
  return record;
}

function checkWitnessIds(db: Db, ids: readonly string[]): void {
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (seen.has(id)) invalid(`witnessIds.${index}`, `Witness ${id} is listed twice.`);
    seen.add(id);
    requireRef(db, 'witnesses', id, `witnessIds.${index}`, 'witness');
  });
}

const SESSION_COLUMNS = { kind: 'kind', title: 'title', reference: 'reference', heldOn: 'held_on', location: 'location', sourceId: 'source_id' };

export function createSession(store: EvidenceStore, input: SessionCreate): SessionRecord {
  const { db, writer } = store;
  const id = writer.change(`Add evidence session ${quoted(input.title)}`, (tx) => {
    requireRef(db, 'sources', input.sourceId, 'sourceId', 'source');
    checkWitnessIds(db, input.witnessIds ?? []);
    const sessionId = tx.insert('evidence_sessions', { ...patchOf(input, SESSION_COLUMNS), investigation_id: investigationId(db) });
    for (const witnessId of input.witnessIds ?? []) tx.insert('session_witnesses', { session_id: sessionId, witness_id: witnessId });
    return sessionId;
  });
  return getSessionRecord(db, id);
}

export function updateSession(store: EvidenceStore, input: SessionUpdate): SessionRecord {
  const { db, writer } = store;
  const current = getSessionRecord(db, input.id);
  writer.change(`Edit evidence session ${quoted(input.title ?? current.title)}`, (tx) => {
    requireRef(db, 'sources', input.sourceId, 'sourceId', 'source');
    tx.update('evidence_sessions', input.id, patchOf(input, SESSION_COLUMNS));
    if (input.witnessIds) {
      checkWitnessIds(db, input.witnessIds);
      const wanted = new Set(input.witnessIds);
      const present = db.prepare('SELECT id, witness_id FROM session_witnesses WHERE session_id = ?').all(input.id) as { id: string; witness_id: string }[];
      for (const row of present) if (!wanted.has(row.witness_id)) tx.remove('session_witnesses', row.id);
      const had = new Set(present.map((row) => row.witness_id));
      for (const witnessId of input.witnessIds) if (!had.has(witnessId)) tx.insert('session_witnesses', { session_id: input.id, witness_id: witnessId });
    }
  });
  return getSessionRecord(db, input.id);
}

export function deleteSession(store: EvidenceStore, id: string): DeleteResult {
  const { db, writer } = store;
  const session = getSessionRecord(db, id);
  writer.change(`Delete evidence session ${quoted(session.title)}`, (tx) => tx.remove('evidence_sessions', id));
  const effects: string[] = [];
  if (session.notes > 0) effects.push(`${plural(session.notes, 'note stays', 'notes stay')}, no longer in a session; their links stay.`);
  return { id, removed: `Evidence session ${quoted(session.title)}`, effects };
}

// ---- notes ------------------------------------------------------------------------

type NoteCreate = z.output<typeof noteCreate>;
type NoteUpdate = z.output<typeof noteUpdate>;

interface NoteRow {
  id: string; title: string; written_on: string | null; created_at: string; updated_at: string;
  session_id: string | null; witness_id: string | null; source_id: string | null;
  excerpt_count: number; lost_count: number; link_count: number;
}

const NOTE_SELECT = `
  SELECT n.id, n.title, n.written_on, n.created_at, n.updated_at, n.session_id, n.witness_id, n.source_id,
    (SELECT count(*) FROM excerpts e WHERE e.note_id = n.id) AS excerpt_count,
    (SELECT count(*) FROM excerpts e WHERE e.note_id = n.id AND e.lost_at IS NOT NULL) AS lost_count,
    (SELECT count(*) FROM evidence_links l WHERE l.note_id = n.id)
      + (SELECT count(*) FROM evidence_links l JOIN excerpts e ON e.id = l.excerpt_id WHERE e.note_id = n.id) AS link_count
  FROM notes n`;

function toNoteSummary(row: NoteRow, lookups: Lookups): NoteSummary {
  const session = row.session_id ? lookups.sessions.get(row.session_id) : undefined;
  return {
    id: row.id, title: row.title, writtenOn: row.written_on, createdAt: row.created_at, updatedAt: row.updated_at,
    session: session ? sessionRefOf(session) : null,
    witness: row.witness_id ? lookups.witnesses.get(row.witness_id) ?? null : null,
    source: row.source_id ? lookups.sources.get(row.source_id) ?? null : null,
    counts: { excerpts: row.excerpt_count, lostExcerpts: row.lost_count, links: row.link_count },
  };
}

export function listNotes(db: Db, input: z.output<typeof noteListInput>): NoteSummary[] {
  const where = ['n.investigation_id = ?'];
  const params: string[] = [investigationId(db)];
  if (input.sessionId) { where.push('n.session_id = ?'); params.push(input.sessionId); }
  if (input.witnessId) { where.push('n.witness_id = ?'); params.push(input.witnessId); }
  if (input.sourceId) { where.push('n.source_id = ?'); params.push(input.sourceId); }
  const rows = db.prepare(`${NOTE_SELECT} WHERE ${where.join(' AND ')}
    ORDER BY coalesce(n.written_on, substr(n.created_at, 1, 10)) DESC, n.created_at DESC, n.id`).all(...params) as NoteRow[];
  const lookups = loadLookups(db);
  return rows.map((row) => toNoteSummary(row, lookups));
}

interface ExcerptRow { id: string; note_id: string; start_offset: number; end_offset: number; quote: string; lost_at: string | null }

export function getNote(db: Db, id: string): NoteDetail {
  const row = db.prepare(`${NOTE_SELECT} WHERE n.id = ?`).get(id) as NoteRow | undefined;
  if (!row) throw new StoreError('not-found', `There is no note with id ${id}; it may have been deleted.`, 'id');
  const body = db.prepare('SELECT body FROM notes WHERE id = ?').pluck().get(id) as string;
  const lookups = loadLookups(db);
  const links = linkRows(db, { note: id });
  const byExcerpt = new Map<string, LinkRecord[]>();
  const noteLinks: LinkRecord[] = [];
  for (const link of links) {
    const record = toLinkRecord(link, lookups.targets);
    if (link.kind === 'excerpt') pushTo(byExcerpt, link.evidence_id, record);
    else noteLinks.push(record);
  }
  const excerpts = (db.prepare('SELECT * FROM excerpts WHERE note_id = ? ORDER BY lost_at IS NOT NULL, start_offset, end_offset, id').all(id) as ExcerptRow[])
    .map((x) => toExcerptRecord(x, byExcerpt.get(x.id) ?? []));
  return { ...toNoteSummary(row, lookups), body, excerpts, noteLinks };
}

function toExcerptRecord(row: ExcerptRow, links: LinkRecord[]): ExcerptRecord {
  const lost = row.lost_at !== null;
  return { id: row.id, noteId: row.note_id, start: lost ? null : row.start_offset, end: lost ? null : row.end_offset, quote: row.quote, lost, links };
}

export function getExcerpt(db: Db, id: string): ExcerptRecord {
  const row = db.prepare('SELECT * FROM excerpts WHERE id = ?').get(id) as ExcerptRow | undefined;
  if (!row) throw new StoreError('not-found', `There is no excerpt with id ${id}; it may have been deleted.`, 'id');
  const targets = loadTargets(db);
  return toExcerptRecord(row, linkRows(db, { evidence: { column: 'excerpt_id', id } }).map((link) => toLinkRecord(link, targets)));
}

const NOTE_COLUMNS = { title: 'title', body: 'body', sessionId: 'session_id', witnessId: 'witness_id', sourceId: 'source_id', writtenOn: 'written_on' };

function checkNoteRefs(db: Db, input: { sessionId?: string | null | undefined; witnessId?: string | null | undefined; sourceId?: string | null | undefined }): void {
  requireRef(db, 'evidence_sessions', input.sessionId, 'sessionId', 'evidence session');
  requireRef(db, 'witnesses', input.witnessId, 'witnessId', 'witness');
  requireRef(db, 'sources', input.sourceId, 'sourceId', 'source');
}

export function createNote(store: EvidenceStore, input: NoteCreate): NoteDetail {
  const { db, writer } = store;
  const id = writer.change(`Add note ${quoted(input.title)}`, (tx) => {
    checkNoteRefs(db, input);
    return tx.insert('notes', { ...patchOf(input, NOTE_COLUMNS), body: input.body ?? '', investigation_id: investigationId(db) });
  });
  return getNote(db, id);
}

function reanchorSummary(report: Omit<ReanchorReport, 'summary'>): string | null {
  const parts: string[] = [];
  if (report.edited.length > 0) {
    parts.push(`${plural(report.edited.length, 'excerpt was', 'excerpts were')} edited inside and now ${report.edited.length === 1 ? 'quotes' : 'quote'} the new text`);
  }
  if (report.lost.length > 0) {
    parts.push(`${plural(report.lost.length, 'excerpt', 'excerpts')} lost ${report.lost.length === 1 ? 'its' : 'their'} text and ${report.lost.length === 1 ? 'is' : 'are'} kept with ${report.lost.length === 1 ? 'its quote' : 'their quotes'}: ${report.lost.map((l) => quoted(l.quote, 40)).join(', ')}`);
  }
  if (report.found.length > 0) parts.push(`${plural(report.found.length, 'lost excerpt was', 'lost excerpts were')} found again`);
  return parts.length === 0 ? null : `${parts.join('; ')}.`.replace(/^./, (c) => c.toUpperCase());
}

export function updateNote(store: EvidenceStore, input: NoteUpdate): { note: NoteDetail; excerpts: ReanchorReport } {
  const { db, writer } = store;
  const current = db.prepare('SELECT title, body FROM notes WHERE id = ?').get(input.id) as { title: string; body: string } | undefined;
  if (!current) throw new StoreError('not-found', `There is no note with id ${input.id}; it may have been deleted.`, 'id');
  const report: Omit<ReanchorReport, 'summary'> = { unchanged: 0, moved: 0, edited: [], lost: [], found: [] };
  writer.change(`Edit note ${quoted(input.title ?? current.title)}`, (tx) => {
    checkNoteRefs(db, input);
    const before = db.prepare('SELECT body FROM notes WHERE id = ?').pluck().get(input.id) as string;
    tx.update('notes', input.id, patchOf(input, NOTE_COLUMNS));
    if (input.body === undefined || input.body === before) {
      report.unchanged = db.prepare('SELECT count(*) FROM excerpts WHERE note_id = ?').pluck().get(input.id) as number;
      return;
    }
    const rows = db.prepare('SELECT * FROM excerpts WHERE note_id = ?').all(input.id) as ExcerptRow[];
    const outcomes = reanchor(before, input.body, rows.map((r) => ({ id: r.id, start: r.start_offset, end: r.end_offset, quote: r.quote, lost: r.lost_at !== null })));
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const outcome of outcomes) {
      const row = byId.get(outcome.id)!;
      switch (outcome.status) {
        case 'unchanged':
        case 'still-lost':
          report.unchanged += 1;
          break;
        case 'moved':
          tx.update('excerpts', outcome.id, { start_offset: outcome.start, end_offset: outcome.end });
          report.moved += 1;
          break;
        case 'edited':
          tx.update('excerpts', outcome.id, { start_offset: outcome.start, end_offset: outcome.end, quote: outcome.quote });
          report.edited.push({ id: outcome.id, before: row.quote, after: outcome.quote });
          break;
        case 'found':
          tx.update('excerpts', outcome.id, { start_offset: outcome.start, end_offset: outcome.end, lost_at: null });
          report.found.push({ id: outcome.id, quote: row.quote });
          break;
        case 'lost':
          tx.update('excerpts', outcome.id, { lost_at: tx.now });
          report.lost.push({ id: outcome.id, quote: row.quote });
          break;
      }
    }
  });
  return { note: getNote(db, input.id), excerpts: { ...report, summary: reanchorSummary(report) } };
}

export function deleteNote(store: EvidenceStore, id: string): DeleteResult {
  const { db, writer } = store;
  const note = getNote(db, id);
  writer.change(`Delete note ${quoted(note.title)}`, (tx) => tx.remove('notes', id));
  const effects: string[] = [];
  if (note.counts.excerpts > 0) effects.push(`${plural(note.counts.excerpts, 'excerpt', 'excerpts')} went with it.`);
  if (note.counts.links > 0) effects.push(`${plural(note.counts.links, 'link', 'links')} to the questions went with it.`);
  return { id, removed: `Note ${quoted(note.title)}`, effects };
}

// ---- excerpts and links -------------------------------------------------------------

/** The passage [start, end) of a note's body, or a refusal naming the offset that is wrong. */
function passage(db: Db, noteId: string, start: number, end: number, noteField: string): string {
  const body = db.prepare('SELECT body FROM notes WHERE id = ?').pluck().get(noteId) as string | undefined;
  if (body === undefined) invalid(noteField, `There is no note with id ${noteId}.`);
  if (start >= body.length) invalid('start', `The passage starts at character ${start}, but the note is only ${plural(body.length, 'character', 'characters')} long.`);
  if (end > body.length) invalid('end', `The passage ends at character ${end}, but the note is only ${plural(body.length, 'character', 'characters')} long.`);
  if (end <= start) invalid('end', 'The passage must end after it starts.');
  const text = body.slice(start, end);
  if (text.trim() === '') invalid('start', 'The passage is only spaces: select some words.');
  return text;
}

function refuseDuplicate(db: Db, evidenceColumn: string, evidenceId: string, target: TargetRef & { column: string }, except?: string): void {
  const existing = db.prepare(`SELECT id, stance FROM evidence_links WHERE ${evidenceColumn} = ? AND ${target.column} = ? AND id IS NOT ?`)
    .get(evidenceId, target.id, except ?? null) as { id: string; stance: Stance } | undefined;
  if (existing) {
    throw new StoreError('conflict', `This is already linked to ${target.label.toLowerCase()} (as ${existing.stance}).`, 'target',
      'Change the stance or comment of that link instead.');
  }
}

export function linkExcerpt(store: EvidenceStore, input: z.output<typeof excerptLink>): { excerpt: ExcerptRecord; link: LinkRecord; reusedExcerpt: boolean } {
  const { db, writer } = store;
  const title = (db.prepare('SELECT title FROM notes WHERE id = ?').pluck().get(input.noteId) as string | undefined) ?? 'a note';
  const result = writer.change(`Link a passage of ${quoted(title)} to ${TARGET_TABLE[input.target.kind].what}`, (tx) => {
    const quote = passage(db, input.noteId, input.start, input.end, 'noteId');
    const target = resolveTarget(db, input.target);
    let excerptId = db.prepare('SELECT id FROM excerpts WHERE note_id = ? AND start_offset = ? AND end_offset = ? AND lost_at IS NULL')
      .pluck().get(input.noteId, input.start, input.end) as string | undefined;
    const reusedExcerpt = excerptId !== undefined;
    if (excerptId) refuseDuplicate(db, 'excerpt_id', excerptId, target);
    else excerptId = tx.insert('excerpts', { note_id: input.noteId, start_offset: input.start, end_offset: input.end, quote });
    const linkId = tx.insert('evidence_links', { excerpt_id: excerptId, [target.column]: target.id, stance: input.stance, comment: input.comment ?? null });
    return { excerptId, linkId, reusedExcerpt };
  });
  return { excerpt: getExcerpt(db, result.excerptId), link: getLink(db, result.linkId), reusedExcerpt: result.reusedExcerpt };
}

export function updateExcerpt(store: EvidenceStore, input: z.output<typeof excerptUpdate>): ExcerptRecord {
  const { db, writer } = store;
  const row = db.prepare('SELECT * FROM excerpts WHERE id = ?').get(input.id) as ExcerptRow | undefined;
  if (!row) throw new StoreError('not-found', `There is no excerpt with id ${input.id}; it may have been deleted.`, 'id');
  writer.change(`Move excerpt ${quoted(row.quote, 40)}`, (tx) => {
    const quote = passage(db, row.note_id, input.start, input.end, 'id');
    const twin = db.prepare('SELECT id FROM excerpts WHERE note_id = ? AND start_offset = ? AND end_offset = ? AND lost_at IS NULL AND id <> ?')
      .pluck().get(row.note_id, input.start, input.end, input.id) as string | undefined;
    if (twin) invalid('start', 'Another excerpt already marks exactly this passage: link that one instead.');
    tx.update('excerpts', input.id, { start_offset: input.start, end_offset: input.end, quote, lost_at: null });
  });
  return getExcerpt(db, input.id);
}

export function deleteExcerpt(store: EvidenceStore, id: string): DeleteResult {
  const { db, writer } = store;
  const excerpt = getExcerpt(db, id);
  writer.change(`Delete excerpt ${quoted(excerpt.quote, 40)}`, (tx) => tx.remove('excerpts', id));
  return {
    id, removed: `Excerpt ${quoted(excerpt.quote, 40)}`,
    effects: excerpt.links.length > 0 ? [`${plural(excerpt.links.length, 'link', 'links')} to the questions went with it.`] : [],
  };
}

function resolveEvidence(db: Db, evidence: EvidenceInput): { column: string; what: string } {
  const spec = EVIDENCE[evidence.kind];
  requireRef(db, spec.table, evidence.id, 'evidence.id', spec.what);
  return spec;
}

export function createLink(store: EvidenceStore, input: z.output<typeof linkCreate>): LinkRecord {
  const { db, writer } = store;
  const id = writer.change(`Link a ${EVIDENCE[input.evidence.kind].what} to ${TARGET_TABLE[input.target.kind].what}`, (tx) => {
    const evidence = resolveEvidence(db, input.evidence);
    const target = resolveTarget(db, input.target);
    refuseDuplicate(db, evidence.column, input.evidence.id, target);
    return tx.insert('evidence_links', { [evidence.column]: input.evidence.id, [target.column]: target.id, stance: input.stance, comment: input.comment ?? null });
  });
  return getLink(db, id);
}

export function updateLink(store: EvidenceStore, input: z.output<typeof linkUpdate>): LinkRecord {
  const { db, writer } = store;
  const current = getLink(db, input.id);
  writer.change(`Edit a link to ${current.target.label.toLowerCase()}`, (tx) => {
    const patch = patchOf(input, { stance: 'stance', comment: 'comment' });
    if (input.target) {
      const target = resolveTarget(db, input.target);
      refuseDuplicate(db, EVIDENCE[current.evidence.kind].column, current.evidence.id, target, input.id);
      patch.tor_item_id = target.column === 'tor_item_id' ? target.id : null;
      patch.key_question_id = target.column === 'key_question_id' ? target.id : null;
    }
    tx.update('evidence_links', input.id, patch);
  });
  return getLink(db, input.id);
}

export function deleteLink(store: EvidenceStore, id: string): DeleteResult {
  const { db, writer } = store;
  const link = getLink(db, id);
  const excerptGoes = writer.change(`Delete a link to ${link.target.label.toLowerCase()}`, (tx) => {
    tx.remove('evidence_links', id);
    if (link.evidence.kind !== 'excerpt') return false;
    const others = db.prepare('SELECT count(*) FROM evidence_links WHERE excerpt_id = ?').pluck().get(link.evidence.id) as number;
    if (others > 0) return false;
    // An excerpt exists to be linked: with its last link gone, it goes too (undo brings both back).
    tx.remove('excerpts', link.evidence.id);
    return true;
  });
  return {
    id, removed: `Link to ${link.target.label.toLowerCase()}`,
    effects: excerptGoes ? ['The excerpt it linked went too, as nothing else links to it.'] : [],
  };
}

