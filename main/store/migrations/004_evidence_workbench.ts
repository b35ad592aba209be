// Schema v4: what the Evidence and Questions parts need beyond version 2 (and 3).
// - excerpts.lost_at: set when a note's edited body no longer holds an excerpt's
//   text; the excerpt keeps its quote and links until its text is found again or
//   it is moved (NULL while it marks a passage of the body).
// - evidence_sessions.reference: the committee's number for a session, such as
//   written evidence "MVC003", which reports and briefings cite.
// - indexes on the foreign keys the coverage, matrix and delete paths follow.
// - the seeded terms of reference marked again as the committee's own source:
//   stores created at version 2 were seeded after migration 2 had marked it.
// Only adds: every table and column of the version before survives.
import type { Migration } from '../migrate.ts';

const sql = `
ALTER TABLE excerpts ADD COLUMN lost_at TEXT;
ALTER TABLE evidence_sessions ADD COLUMN reference TEXT;

CREATE INDEX IF NOT EXISTS notes_by_witness ON notes(witness_id);
CREATE INDEX IF NOT EXISTS notes_by_source ON notes(source_id);
CREATE INDEX IF NOT EXISTS session_witnesses_by_witness ON session_witnesses(witness_id);
CREATE INDEX IF NOT EXISTS sessions_by_source ON evidence_sessions(source_id);
CREATE INDEX IF NOT EXISTS witnesses_by_organisation ON witnesses(organisation_id);
CREATE INDEX IF NOT EXISTS sources_by_organisation ON sources(organisation_id);
CREATE INDEX IF NOT EXISTS suggested_questions_by_question ON suggested_questions(key_question_id, sort);
CREATE INDEX IF NOT EXISTS suggested_questions_by_witness ON suggested_questions(witness_id);
CREATE INDEX IF NOT EXISTS links_by_figure ON evidence_links(figure_id);
CREATE INDEX IF NOT EXISTS links_by_funding_line ON evidence_links(funding_line_id);
CREATE INDEX IF NOT EXISTS links_by_payment ON evidence_links(payment_id);
`;

export const evidenceWorkbench: Migration = {
  version: 4,
  name: 'lost excerpts, session references and evidence indexes',
  up(db) {
    db.exec(sql);
    db.prepare("UPDATE sources SET perspective = 'committee' WHERE title LIKE '%terms of reference%' AND perspective IS NULL").run();
  },
};
