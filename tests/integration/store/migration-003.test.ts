// Migration 3 run on a seeded store of version 2 holding services, funding and payments:
// the answers stay the same, and the totals are then read from the new covering indexes.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { budgetAggregates } from '../../../main/store/budgets.ts';
import { migrate } from '../../../main/store/migrate.ts';
import { seedInquiry } from '../../../main/store/seed.ts';
import { latestFundingYear, serviceRows } from '../../../main/store/services.ts';
import { Writer } from '../../../main/store/writer.ts';
import { tempDir } from '../../helpers/temp.ts';

const dir = tempDir();

describe('migration 3: covering indexes for service and budget totals', () => {
  const file = join(dir, 'v2.sqlite');
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  migrate(db, file, 2);
  const writer = new Writer(db);
  seedInquiry(writer);
  const ids = (sql: string) => db.prepare(sql).pluck().all() as string[];
  const funds = ids('SELECT id FROM funds ORDER BY code');
  const boroughs = ids('SELECT id FROM boroughs ORDER BY gss_code');
  writer.change('Services, funding and payments at version 2', (tx) => {
    for (let s = 0; s < 40; s += 1) {
      const provider = tx.insert('organisations', { name: `Provider ${s % 7}${s < 7 ? '' : ` (${s})`}`, kind: 'provider' });
      const service = tx.insert('services', { name: `Service ${s}`, category: ['Victim support', 'Youth work', null][s % 3]!, provider_id: provider });
      for (let i = 0; i < 12; i += 1) {
        tx.insert('funding_lines', {
          service_id: i === 11 ? null : service, fund_id: funds[(s + i) % funds.length]!, borough_id: i % 4 === 0 ? null : boroughs[(s * 3 + i) % 33]!,
          fy_start: 2020 + (i % 5), fy_end: 2020 + (i % 5), measure: i % 3 === 0 ? 'spent' : 'allocated', amount_pence: 1_000_00 * (s + 1) + i,
        });
      }
      tx.insert('payments', { paid_on: `2024-0${1 + (s % 9)}-15`, supplier_name: 'Provider', organisation_id: provider, service_id: s % 2 ? service : null, amount_pence: 500_00 + s });
    }
  });
  const latest = latestFundingYear(db);
  const before = { rows: serviceRows(db, '2024-06-01', latest), budgets: budgetAggregates(db, latest) };
  expect(db.pragma('user_version', { simple: true })).toBe(2);
  migrate(db, file, 3);

  it('adds only indexes, and leaves the store sound', () => {
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    const indexes = ids("SELECT name FROM sqlite_schema WHERE type = 'index' AND name LIKE '%rollup%' ORDER BY name");
    expect(indexes).toEqual([
      'funding_rollup_by_fund_borough', 'funding_rollup_by_period', 'funding_rollup_by_service', 'payments_rollup_by_service',
    ]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('gives the same totals as before', () => {
    // A second connection: answers are kept per connection until the data changes, and an index changes no data.
    const fresh = new Database(file, { readonly: true });
    expect(latest).toBe(2024);
    expect(serviceRows(fresh, '2024-06-01', latestFundingYear(fresh))).toEqual(before.rows);
    expect(budgetAggregates(fresh, latestFundingYear(fresh))).toEqual(before.budgets);
    expect(before.budgets.totals.lineCount).toBe(480);
    fresh.close();
  });

  it('reads the totals from the covering indexes, in key order, without sorting the lines', () => {
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail).join('; ');
    expect(plan(`SELECT fund_id, borough_id, fy_start, fy_end, measure, origin_batch_id, origin_source_id, sum(amount_pence), count(*) FROM funding_lines
      GROUP BY fund_id, borough_id, fy_start, fy_end, measure, origin_batch_id, origin_source_id`)).toBe('SCAN funding_lines USING COVERING INDEX funding_rollup_by_fund_borough');
    for (const keys of ['service_id, measure, origin_batch_id, origin_source_id', 'service_id, measure, origin_batch_id, origin_source_id, fund_id']) {
      expect(plan(`SELECT ${keys}, sum(amount_pence), count(*) FROM funding_lines GROUP BY ${keys}`)).toBe('SCAN funding_lines USING COVERING INDEX funding_rollup_by_service');
    }
    expect(plan('SELECT fy_start FROM funding_lines WHERE fy_end = fy_start ORDER BY fy_start DESC LIMIT 1')).toBe('SCAN funding_lines USING COVERING INDEX funding_rollup_by_period');
    expect(plan('SELECT service_id, organisation_id, count(*), sum(amount_pence) FROM payments GROUP BY service_id, organisation_id'))
      .toBe('SCAN payments USING COVERING INDEX payments_rollup_by_service');
  });
});
