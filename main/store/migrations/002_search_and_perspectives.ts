// Schema v2: full-text search (SQLite FTS5) across services, notes, sources and
// figures, kept in step by triggers; who a source speaks for; evaluations of services.
import type { Migration } from '../migrate.ts';

/** Each searchable table: how its title and body are made from its columns. */
// An entry's FTS rowid is its row's rowid * 4 + the kind's code, so triggers find
// it through the rowid index (kind and row_id are UNINDEXED: a filter on them scans).
// A VACUUM may renumber rowids: rebuild the index after one (none is ever run).
const SEARCHABLE: { table: string; kind: string; code: number; title: string; body: string }[] = [
  { table: 'services', kind: 'service', code: 0, title: 'name', body: "coalesce(reference, '') || ' ' || coalesce(category, '') || ' ' || coalesce(aims, '') || ' ' || coalesce(outcomes, '') || ' ' || coalesce(evaluation, '')" },
  { table: 'notes', kind: 'note', code: 1, title: 'title', body: 'body' },
  { table: 'sources', kind: 'source', code: 2, title: 'title', body: "coalesce(publisher, '') || ' ' || coalesce(author, '') || ' ' || coalesce(citation, '') || ' ' || coalesce(notes, '')" },
  { table: 'figures', kind: 'figure', code: 3, title: 'label', body: "coalesce(note, '') || ' ' || coalesce(source_locator, '')" },
];

function triggers(spec: (typeof SEARCHABLE)[number]): string {
  const values = (row: 'NEW') => `${row}.rowid * 4 + ${spec.code}, '${spec.kind}', ${row}.id, ${spec.title.replace(/\b([a-z_]+)\b/g, (word) => (word === 'coalesce' ? word : `${row}.${word}`))}, ${spec.body.replace(/\b([a-z_]+)\b(?!\s*\()/g, (word) => (word === 'coalesce' ? word : `${row}.${word}`))}`;
  return `
CREATE TRIGGER ${spec.table}_search_insert AFTER INSERT ON ${spec.table} BEGIN
  INSERT INTO search_index (rowid, kind, row_id, title, body) VALUES (${values('NEW')});
END;
CREATE TRIGGER ${spec.table}_search_update AFTER UPDATE ON ${spec.table} BEGIN
  DELETE FROM search_index WHERE rowid = OLD.rowid * 4 + ${spec.code};
  INSERT INTO search_index (rowid, kind, row_id, title, body) VALUES (${values('NEW')});
END;
CREATE TRIGGER ${spec.table}_search_delete AFTER DELETE ON ${spec.table} BEGIN
  DELETE FROM search_index WHERE rowid = OLD.rowid * 4 + ${spec.code};
END;
INSERT INTO search_index (rowid, kind, row_id, title, body) SELECT rowid * 4 + ${spec.code}, '${spec.kind}', id, ${spec.title}, ${spec.body} FROM ${spec.table};`;
}

const sql = `
CREATE VIRTUAL TABLE search_index USING fts5(
  kind UNINDEXED,
  row_id UNINDEXED,
  title,
  body,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
${SEARCHABLE.map(triggers).join('\n')}

-- Who a source speaks for, so coverage can say "no evidence from providers yet".
ALTER TABLE sources ADD COLUMN organisation_id TEXT REFERENCES organisations(id) ON DELETE SET NULL;
ALTER TABLE sources ADD COLUMN perspective TEXT CHECK (perspective IN ('commissioner', 'provider', 'borough', 'service_user', 'expert', 'committee', 'other'));

-- Evaluations of a commissioned service: who evaluated it, when, what they found.
CREATE TABLE evaluations (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  origin_source_id TEXT REFERENCES sources(id) ON DELETE SET NULL,
  origin_batch_id TEXT REFERENCES import_batches(id) ON DELETE SET NULL,
  origin_row INTEGER,
  service_id TEXT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  evaluator TEXT,
  published_on TEXT,
  finding TEXT,
  source_id TEXT REFERENCES sources(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX evaluations_by_service ON evaluations(service_id);
`;

export const searchAndPerspectives: Migration = {
  version: 2,
  name: 'full-text search, source perspectives and service evaluations',
  up(db) {
    db.exec(sql);
    // The seeded terms of reference speak for the committee itself.
    db.prepare("UPDATE sources SET perspective = 'committee' WHERE title LIKE '%terms of reference%' AND perspective IS NULL").run();
  },
};
