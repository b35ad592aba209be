// Read queries behind the API. Rows come out of SQLite in snake_case and leave
// here in the shapes of shared/schemas.ts.
import type Database from 'better-sqlite3';
import type { Figure, InquiryItem, Investigation, LinkCounts, Source } from '../../shared/schemas.ts';
import { StoreError } from './errors.ts';
import { DOMAIN_TABLES } from './writer.ts';

interface SourceRow {
  id: string; kind: Source['kind']; title: string; publisher: string | null; published_on: string | null;
  url: string | null; accessed_on: string | null; citation: string | null; notes: string | null;
}

function toSource(row: SourceRow): Source {
  return {
    id: row.id, kind: row.kind, title: row.title, publisher: row.publisher, publishedOn: row.published_on,
    url: row.url, accessedOn: row.accessed_on, citation: row.citation, notes: row.notes,
  };
}

export function getSource(db: Database.Database, id: string): Source {
  const row = db.prepare('SELECT * FROM sources WHERE id = ?').get(id) as SourceRow | undefined;
  if (!row) throw new StoreError('not-found', `No source with id ${id}.`);
  return toSource(row);
}

export function listSources(db: Database.Database, ids?: readonly string[]): Source[] {
  const rows = db.prepare('SELECT * FROM sources ORDER BY title').all() as SourceRow[];
  const wanted = ids ? new Set(ids) : null;
  return rows.filter((row) => !wanted || wanted.has(row.id)).map(toSource);
}

export function getInvestigation(db: Database.Database): Investigation {
  const row = db.prepare('SELECT id, title, committee, body, summary FROM investigations ORDER BY created_at LIMIT 1').get() as
    | Investigation
    | undefined;
  if (!row) throw new StoreError('not-found', 'This store holds no investigation yet.', undefined, 'Create a store with the seeded inquiry.');
  return row;
}

function inquiryItems(db: Database.Database, table: 'tor_items' | 'key_questions', investigationId: string): InquiryItem[] {
  const linkColumn = table === 'tor_items' ? 'tor_item_id' : 'key_question_id';
  const rows = db.prepare(`
    SELECT t.id, t.number, t.text, t.status, t.draft_finding,
      count(l.id) AS total,
      coalesce(sum(l.stance = 'supports'), 0) AS supports,
      coalesce(sum(l.stance = 'challenges'), 0) AS challenges,
      coalesce(sum(l.stance = 'context'), 0) AS context
    FROM ${table} t LEFT JOIN evidence_links l ON l.${linkColumn} = t.id
    WHERE t.investigation_id = ?
    GROUP BY t.id ORDER BY t.number`).all(investigationId) as (Omit<InquiryItem, 'links' | 'draftFinding'> & LinkCounts & { draft_finding: string | null })[];
  return rows.map((row) => ({
    id: row.id, number: row.number, text: row.text, status: row.status, draftFinding: row.draft_finding,
    links: { total: row.total, supports: row.supports, challenges: row.challenges, context: row.context },
  }));
}

export function listTerms(db: Database.Database, investigationId: string): InquiryItem[] {
  return inquiryItems(db, 'tor_items', investigationId);
}

export function listKeyQuestions(db: Database.Database, investigationId: string): InquiryItem[] {
  return inquiryItems(db, 'key_questions', investigationId);
}

interface FigureRow {
  id: string; series: string; label: string; amount_pence: number; approximate: number; fy_start: number | null;
  fy_end: number | null; note: string | null; source_id: string; source_locator: string | null;
  fund_code: string | null; fund_name: string | null;
}

function toFigure(row: FigureRow): Figure {
  return {
    id: row.id, series: row.series, label: row.label, amountPence: row.amount_pence, approximate: row.approximate === 1,
    fyStart: row.fy_start, fyEnd: row.fy_end, note: row.note, sourceId: row.source_id, sourceLocator: row.source_locator,
    fundCode: row.fund_code, fundName: row.fund_name,
  };
}

export function listFigures(db: Database.Database, investigationId: string, series?: readonly string[]): Figure[] {
  const rows = db.prepare(`
    SELECT f.*, fund.code AS fund_code, fund.name AS fund_name
    FROM figures f LEFT JOIN funds fund ON fund.id = f.fund_id
    WHERE f.investigation_id = ? ORDER BY f.series, f.sort, f.fy_start`).all(investigationId) as FigureRow[];
  return rows.filter((row) => !series || series.includes(row.series)).map(toFigure);
}

export interface StatedShareRow {
  id: string; title: string; stated_basis_points: number; stated_text: string; part_figure_id: string;
  wholes_json: string; source_id: string; source_locator: string | null;
}

export function listStatedShares(db: Database.Database, investigationId: string): StatedShareRow[] {
  return db.prepare('SELECT * FROM stated_shares WHERE investigation_id = ? ORDER BY created_at').all(investigationId) as StatedShareRow[];
}

/** Changes whenever an edit is made, undone or redone: tells whether a new backup is worth taking. */
export function changeMarker(db: Database.Database): string {
  return db.prepare("SELECT coalesce(max(id), 0) || ':' || count(undone_at) FROM change_sets").pluck().get() as string;
}

export function countEvidenceLinks(db: Database.Database): number {
  return db.prepare('SELECT count(*) FROM evidence_links').pluck().get() as number;
}

/** How many rows of each entity the store holds, by table name. */
export function entityCounts(db: Database.Database): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of DOMAIN_TABLES) counts[table] = db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return counts;
}
