// Schema v3: covering indexes for the Services table and the Budgets page, so their
// totals are read from narrow indexes in key order (grouped as they stream, with no
// sort of 100,000 funding lines) instead of scanning and sorting the tables.
// The price is paid on writing: each funding line updates three more indexes, so a
// 100,000-row funding import commits about 1.5 times slower; budgets and services are
// read far more often than files are imported. Only adds indexes: every table and
// column of version 2 survives.
import type { Migration } from '../migrate.ts';

const sql = `
-- Budgets by fund and by borough in one ordered pass (main/store/budgets.ts).
CREATE INDEX IF NOT EXISTS funding_rollup_by_fund_borough
  ON funding_lines(fund_id, borough_id, fy_start, fy_end, measure, origin_batch_id, origin_source_id, amount_pence);
-- Each service's money by measure and origin (budgets by category), and by fund too
-- (services table); one service's lines by year (detail pane).
CREATE INDEX IF NOT EXISTS funding_rollup_by_service
  ON funding_lines(service_id, measure, origin_batch_id, origin_source_id, fund_id, fy_start, fy_end, amount_pence);
-- The latest financial year in the data (read from the top of this index), and each
-- service's money in that year.
CREATE INDEX IF NOT EXISTS funding_rollup_by_period ON funding_lines(fy_start, fy_end, service_id, measure, amount_pence);
-- Payments counted and added up per service and supplier in one ordered pass (the
-- totals per provider are folded from the same groups).
CREATE INDEX IF NOT EXISTS payments_rollup_by_service ON payments(service_id, organisation_id, amount_pence);
`;

export const fundingRollups: Migration = {
  version: 3,
  name: 'indexes for service and budget totals',
  up(db) {
    db.exec(sql);
  },
};
