// Schema v1: the evidence store's entities (../../../shared/architecture.md).
// Every domain row has a stable text id, created/updated times (ISO, UTC) and
// where it came from: a source, an import batch and the row in that file.
import type { Migration } from '../migrate.ts';

const provenance = `
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  origin_source_id TEXT REFERENCES sources(id) ON DELETE SET NULL,
  origin_batch_id TEXT REFERENCES import_batches(id) ON DELETE SET NULL,
  origin_row INTEGER`;

const progress = `status TEXT NOT NULL DEFAULT 'not_started'
    CHECK (status IN ('not_started', 'gathering', 'enough_evidence', 'finding_drafted'))`;

const money = (column: string, nullable = false) => `${column} INTEGER ${nullable ? '' : 'NOT NULL'}`;

const sql = `
CREATE TABLE store_info (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE sources (${provenance},
  kind TEXT NOT NULL CHECK (kind IN ('document', 'dataset', 'web_page', 'transcript', 'written_submission', 'other')),
  title TEXT NOT NULL CHECK (length(trim(title)) > 0),
  publisher TEXT,
  author TEXT,
  published_on TEXT,
  url TEXT,
  accessed_on TEXT,
  citation TEXT,
  file_name TEXT,
  notes TEXT
) STRICT;

CREATE TABLE import_profiles (${provenance},
  name TEXT NOT NULL UNIQUE,
  target TEXT NOT NULL CHECK (target IN ('services', 'funding', 'payments', 'grants360')),
  header_signature TEXT NOT NULL,
  mapping_json TEXT NOT NULL
) STRICT;

CREATE TABLE import_batches (${provenance},
  file_name TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  file_bytes INTEGER NOT NULL,
  target TEXT NOT NULL CHECK (target IN ('services', 'funding', 'payments', 'grants360')),
  sheet TEXT,
  profile_id TEXT REFERENCES import_profiles(id) ON DELETE SET NULL,
  mapping_json TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('committed', 'undone')),
  rows_read INTEGER NOT NULL DEFAULT 0,
  new_count INTEGER NOT NULL DEFAULT 0,
  updated_count INTEGER NOT NULL DEFAULT 0,
  duplicate_count INTEGER NOT NULL DEFAULT 0,
  rejected_count INTEGER NOT NULL DEFAULT 0,
  committed_at TEXT,
  undone_at TEXT
) STRICT;

CREATE TABLE import_rejections (${provenance},
  batch_id TEXT NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
  sheet TEXT,
  row_number INTEGER NOT NULL,
  column_name TEXT,
  reason TEXT NOT NULL,
  raw_json TEXT
) STRICT;

CREATE TABLE investigations (${provenance},
  title TEXT NOT NULL,
  committee TEXT NOT NULL,
  body TEXT NOT NULL,
  summary TEXT,
  ${progress}
) STRICT;

CREATE TABLE tor_items (${provenance},
  investigation_id TEXT NOT NULL REFERENCES investigations(id) ON DELETE CASCADE,
  number INTEGER NOT NULL CHECK (number > 0),
  text TEXT NOT NULL,
  ${progress},
  draft_finding TEXT,
  UNIQUE (investigation_id, number)
) STRICT;

CREATE TABLE key_questions (${provenance},
  investigation_id TEXT NOT NULL REFERENCES investigations(id) ON DELETE CASCADE,
  number INTEGER NOT NULL CHECK (number > 0),
  text TEXT NOT NULL,
  ${progress},
  draft_finding TEXT,
  UNIQUE (investigation_id, number)
) STRICT;

CREATE TABLE boroughs (${provenance},
  gss_code TEXT NOT NULL UNIQUE CHECK (gss_code GLOB 'E09000[0-9][0-9][0-9]'),
  name TEXT NOT NULL UNIQUE,
  inner_london INTEGER NOT NULL CHECK (inner_london IN (0, 1))
) STRICT;

CREATE TABLE organisations (${provenance},
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  kind TEXT NOT NULL CHECK (kind IN ('commissioner', 'provider', 'borough', 'funder', 'government', 'other')),
  borough_id TEXT REFERENCES boroughs(id) ON DELETE SET NULL,
  identifier TEXT,
  charity_number TEXT,
  company_number TEXT,
  notes TEXT
) STRICT;

CREATE TABLE organisation_aliases (${provenance},
  organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  alias TEXT NOT NULL,
  normalised TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE funds (${provenance},
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT,
  owner_organisation_id TEXT REFERENCES organisations(id) ON DELETE SET NULL,
  parent_fund_id TEXT REFERENCES funds(id) ON DELETE SET NULL
) STRICT;

CREATE TABLE services (${provenance},
  reference TEXT,
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  commissioner_id TEXT REFERENCES organisations(id) ON DELETE SET NULL,
  provider_id TEXT REFERENCES organisations(id) ON DELETE SET NULL,
  category TEXT,
  aims TEXT,
  outcomes TEXT,
  evaluation TEXT,
  start_date TEXT,
  end_date TEXT,
  london_wide INTEGER NOT NULL DEFAULT 0 CHECK (london_wide IN (0, 1)),
  CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
) STRICT;

CREATE TABLE service_boroughs (${provenance},
  service_id TEXT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  borough_id TEXT NOT NULL REFERENCES boroughs(id) ON DELETE CASCADE,
  UNIQUE (service_id, borough_id)
) STRICT;

CREATE TABLE funding_lines (${provenance},
  service_id TEXT REFERENCES services(id) ON DELETE CASCADE,
  fund_id TEXT REFERENCES funds(id) ON DELETE SET NULL,
  borough_id TEXT REFERENCES boroughs(id) ON DELETE SET NULL,
  fy_start INTEGER NOT NULL CHECK (fy_start BETWEEN 1990 AND 2100),
  fy_end INTEGER NOT NULL CHECK (fy_end BETWEEN fy_start AND 2100),
  measure TEXT NOT NULL CHECK (measure IN ('allocated', 'spent')),
  ${money('amount_pence')},
  note TEXT
) STRICT;

CREATE TABLE figures (${provenance},
  investigation_id TEXT NOT NULL REFERENCES investigations(id) ON DELETE CASCADE,
  series TEXT NOT NULL,
  label TEXT NOT NULL,
  ${money('amount_pence')},
  approximate INTEGER NOT NULL DEFAULT 0 CHECK (approximate IN (0, 1)),
  fy_start INTEGER CHECK (fy_start BETWEEN 1990 AND 2100),
  fy_end INTEGER CHECK (fy_end >= fy_start),
  fund_id TEXT REFERENCES funds(id) ON DELETE SET NULL,
  note TEXT,
  source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE RESTRICT,
  source_locator TEXT,
  sort INTEGER NOT NULL DEFAULT 0
) STRICT;

-- A share stated in a source ("30 per cent"), to be checked against the figures it describes.
CREATE TABLE stated_shares (${provenance},
  investigation_id TEXT NOT NULL REFERENCES investigations(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  stated_basis_points INTEGER NOT NULL CHECK (stated_basis_points BETWEEN 0 AND 10000),
  stated_text TEXT NOT NULL,
  part_figure_id TEXT NOT NULL REFERENCES figures(id) ON DELETE CASCADE,
  wholes_json TEXT NOT NULL,
  source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE RESTRICT,
  source_locator TEXT
) STRICT;

CREATE TABLE payments (${provenance},
  paid_on TEXT NOT NULL,
  supplier_name TEXT NOT NULL,
  organisation_id TEXT REFERENCES organisations(id) ON DELETE SET NULL,
  service_id TEXT REFERENCES services(id) ON DELETE SET NULL,
  payer_organisation_id TEXT REFERENCES organisations(id) ON DELETE SET NULL,
  ${money('amount_pence')},
  description TEXT,
  cost_centre TEXT,
  expense_type TEXT,
  transaction_ref TEXT
) STRICT;

CREATE TABLE witnesses (${provenance},
  name TEXT NOT NULL,
  role TEXT,
  organisation_id TEXT REFERENCES organisations(id) ON DELETE SET NULL,
  perspective TEXT NOT NULL DEFAULT 'other'
    CHECK (perspective IN ('commissioner', 'provider', 'borough', 'service_user', 'expert', 'other'))
) STRICT;

CREATE TABLE evidence_sessions (${provenance},
  investigation_id TEXT NOT NULL REFERENCES investigations(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('oral', 'written', 'site_visit')),
  title TEXT NOT NULL,
  held_on TEXT,
  location TEXT,
  source_id TEXT REFERENCES sources(id) ON DELETE SET NULL
) STRICT;

CREATE TABLE session_witnesses (${provenance},
  session_id TEXT NOT NULL REFERENCES evidence_sessions(id) ON DELETE CASCADE,
  witness_id TEXT NOT NULL REFERENCES witnesses(id) ON DELETE CASCADE,
  UNIQUE (session_id, witness_id)
) STRICT;

CREATE TABLE notes (${provenance},
  investigation_id TEXT NOT NULL REFERENCES investigations(id) ON DELETE CASCADE,
  session_id TEXT REFERENCES evidence_sessions(id) ON DELETE SET NULL,
  witness_id TEXT REFERENCES witnesses(id) ON DELETE SET NULL,
  source_id TEXT REFERENCES sources(id) ON DELETE SET NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  written_on TEXT
) STRICT;

CREATE TABLE excerpts (${provenance},
  note_id TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
  start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
  end_offset INTEGER NOT NULL CHECK (end_offset > start_offset),
  quote TEXT NOT NULL
) STRICT;

-- A link from one piece of evidence to one term of reference or key question.
CREATE TABLE evidence_links (${provenance},
  tor_item_id TEXT REFERENCES tor_items(id) ON DELETE CASCADE,
  key_question_id TEXT REFERENCES key_questions(id) ON DELETE CASCADE,
  note_id TEXT REFERENCES notes(id) ON DELETE CASCADE,
  excerpt_id TEXT REFERENCES excerpts(id) ON DELETE CASCADE,
  service_id TEXT REFERENCES services(id) ON DELETE CASCADE,
  figure_id TEXT REFERENCES figures(id) ON DELETE CASCADE,
  funding_line_id TEXT REFERENCES funding_lines(id) ON DELETE CASCADE,
  payment_id TEXT REFERENCES payments(id) ON DELETE CASCADE,
  source_id TEXT REFERENCES sources(id) ON DELETE CASCADE,
  stance TEXT NOT NULL CHECK (stance IN ('supports', 'challenges', 'context')),
  comment TEXT,
  CHECK ((tor_item_id IS NOT NULL) + (key_question_id IS NOT NULL) = 1),
  CHECK ((note_id IS NOT NULL) + (excerpt_id IS NOT NULL) + (service_id IS NOT NULL) + (figure_id IS NOT NULL)
    + (funding_line_id IS NOT NULL) + (payment_id IS NOT NULL) + (source_id IS NOT NULL) = 1)
) STRICT;

CREATE TABLE suggested_questions (${provenance},
  key_question_id TEXT NOT NULL REFERENCES key_questions(id) ON DELETE CASCADE,
  witness_id TEXT REFERENCES witnesses(id) ON DELETE SET NULL,
  text TEXT NOT NULL,
  sort INTEGER NOT NULL DEFAULT 0
) STRICT;

-- The history of changes, written by the store's own write path (writer.ts).
CREATE TABLE change_sets (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  label TEXT NOT NULL,
  batch_id TEXT REFERENCES import_batches(id) ON DELETE SET NULL,
  undone_at TEXT
) STRICT;

-- Plain rowid keys, not AUTOINCREMENT: ids only grow while rows are never deleted
-- from the end, and AUTOINCREMENT would cost a sqlite_sequence write per change.
CREATE TABLE changes (
  id INTEGER PRIMARY KEY,
  change_set_id INTEGER NOT NULL REFERENCES change_sets(id) ON DELETE CASCADE,
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
  before_json TEXT,
  after_json TEXT
) STRICT;

CREATE INDEX changes_by_set ON changes(change_set_id);
CREATE INDEX tor_items_by_investigation ON tor_items(investigation_id);
CREATE INDEX key_questions_by_investigation ON key_questions(investigation_id);
CREATE INDEX services_by_provider ON services(provider_id);
CREATE INDEX services_by_commissioner ON services(commissioner_id);
CREATE INDEX funding_by_service ON funding_lines(service_id);
CREATE INDEX funding_by_fund_year ON funding_lines(fund_id, fy_start);
CREATE INDEX funding_by_borough ON funding_lines(borough_id);
CREATE INDEX payments_by_organisation ON payments(organisation_id);
CREATE INDEX payments_by_service ON payments(service_id);
CREATE INDEX payments_by_date ON payments(paid_on);
CREATE INDEX figures_by_series ON figures(investigation_id, series, sort);
CREATE INDEX notes_by_session ON notes(session_id);
CREATE INDEX excerpts_by_note ON excerpts(note_id);
CREATE INDEX links_by_tor ON evidence_links(tor_item_id);
CREATE INDEX links_by_question ON evidence_links(key_question_id);
CREATE INDEX links_by_note ON evidence_links(note_id);
CREATE INDEX links_by_excerpt ON evidence_links(excerpt_id);
CREATE INDEX links_by_service ON evidence_links(service_id);
CREATE INDEX links_by_source ON evidence_links(source_id);
CREATE INDEX rejections_by_batch ON import_rejections(batch_id);
CREATE INDEX aliases_by_organisation ON organisation_aliases(organisation_id);
CREATE INDEX service_boroughs_by_borough ON service_boroughs(borough_id);
`;

export const initialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  up(db) {
    db.exec(sql);
  },
};
