// Full-text search over the FTS5 index that migration 2 keeps in step.
import type Database from 'better-sqlite3';
import { MATCH_END, MATCH_START, segmentsOf, toMatchQuery, type TextSegment } from '../../shared/search.ts';

export interface SearchRow {
  kind: 'service' | 'note' | 'source' | 'figure';
  id: string;
  title: TextSegment[];
  snippet: TextSegment[];
}

export function searchStore(db: Database.Database, typed: string, limit: number, kinds?: readonly string[]): { hits: SearchRow[]; total: number } {
  const match = toMatchQuery(typed);
  if (!match) return { hits: [], total: 0 };
  const kindFilter = kinds && kinds.length > 0 ? `AND kind IN (${kinds.map(() => '?').join(', ')})` : '';
  const rows = db.prepare(`
    SELECT kind, row_id,
      highlight(search_index, 2, '${MATCH_START}', '${MATCH_END}') AS title,
      snippet(search_index, 3, '${MATCH_START}', '${MATCH_END}', '…', 16) AS snippet
    FROM search_index WHERE search_index MATCH ? ${kindFilter}
    ORDER BY bm25(search_index, 0, 0, 4.0, 1.0) LIMIT ?`).all(match, ...(kinds ?? []), limit) as { kind: SearchRow['kind']; row_id: string; title: string; snippet: string }[];
  const total = db.prepare(`SELECT count(*) FROM search_index WHERE search_index MATCH ? ${kindFilter}`).pluck().get(match, ...(kinds ?? [])) as number;
  return {
    hits: rows.map((row) => ({ kind: row.kind, id: row.row_id, title: segmentsOf(row.title ?? ''), snippet: segmentsOf(row.snippet ?? '') })),
    total,
  };
}
