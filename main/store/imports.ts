// Import batches in the store: what the mapping layer needs to know (KnownEntities),
// the commit of a mapped file as one transaction and one change set, and the
// batches, rejections and profiles a clerk can look at later.
import { uuidv7 } from './ids.ts';
import type Database from 'better-sqlite3';
import type { KnownEntities } from '../import/map/known.ts';
import type { MapResult, OrganisationRef, ServiceRecord, ServiceRef } from '../import/map/records.ts';
import type { ImportProfile } from '../import/map/profiles.ts';
import type { TargetId } from '../import/map/targets.ts';
import { StoreError } from './errors.ts';
import { normaliseOrganisationName } from './seed.ts';
import type { ChangeTx, Row, Writer } from './writer.ts';

export interface BatchFile {
  fileName: string;
  sha256: string;
  bytes: number;
  sheet: string | null;
}

export interface CommitInput {
  file: BatchFile;
  target: TargetId;
  mapping: unknown;
  profileId: string | null;
  result: MapResult;
  /** The file's rows by row number, kept with each rejection so it can be read later. */
  rawRows: ReadonlyMap<number, readonly string[]>;
  headers: readonly string[];
}

export interface BatchSummary {
  id: string;
  fileName: string;
  sha256: string;
  target: TargetId;
  sheet: string | null;
  profileName: string | null;
  status: 'committed' | 'undone';
  rowsRead: number;
  newCount: number;
  updatedCount: number;
  duplicateCount: number;
  rejectedCount: number;
  committedAt: string | null;
  undoneAt: string | null;
}

export interface Rejection {
  sheet: string | null;
  rowNumber: number;
  column: string | null;
  reason: string;
  raw: Record<string, string> | null;
}

export type Progress = (done: number, total: number, message: string) => void;

/** What the mapping layer is told about the store, read in a handful of queries. */
export function knownEntities(db: Database.Database): KnownEntities {
  const aliases = new Map<string, string[]>();
  for (const row of db.prepare('SELECT organisation_id, alias FROM organisation_aliases').all() as { organisation_id: string; alias: string }[]) {
    const list = aliases.get(row.organisation_id) ?? [];
    list.push(row.alias);
    aliases.set(row.organisation_id, list);
  }
  const organisations = (db.prepare(`
    SELECT o.id, o.name, o.identifier, b.gss_code FROM organisations o LEFT JOIN boroughs b ON b.id = o.borough_id`).all() as {
    id: string; name: string; identifier: string | null; gss_code: string | null;
  }[]).map((o) => ({ id: o.id, name: o.name, aliases: aliases.get(o.id) ?? [], boroughGss: o.gss_code, identifier: o.identifier }));

  const boroughsOf = new Map<string, string[]>();
  for (const row of db.prepare('SELECT sb.service_id, b.gss_code FROM service_boroughs sb JOIN boroughs b ON b.id = sb.borough_id').all() as { service_id: string; gss_code: string }[]) {
    const list = boroughsOf.get(row.service_id) ?? [];
    list.push(row.gss_code);
    boroughsOf.set(row.service_id, list);
  }
  const services = (db.prepare('SELECT * FROM services').all() as Row[]).map((s) => ({
    id: s.id as string, reference: s.reference as string | null, name: s.name as string, providerId: s.provider_id as string | null,
    commissionerId: s.commissioner_id as string | null, category: s.category as string | null, boroughs: (boroughsOf.get(s.id as string) ?? []).sort(),
    londonWide: s.london_wide === 1, startDate: s.start_date as string | null, endDate: s.end_date as string | null,
    aims: s.aims as string | null, outcomes: s.outcomes as string | null,
  }));
  const funds = (db.prepare('SELECT id, code, name FROM funds').all() as { id: string; code: string; name: string }[]);
  const fundingLines = (db.prepare(`
    SELECT f.id, f.service_id, f.fund_id, b.gss_code, f.fy_start, f.measure, f.amount_pence
    FROM funding_lines f LEFT JOIN boroughs b ON b.id = f.borough_id`).all() as {
    id: string; service_id: string | null; fund_id: string | null; gss_code: string | null; fy_start: number; measure: 'allocated' | 'spent'; amount_pence: number;
  }[]).map((f) => ({ id: f.id, serviceId: f.service_id, fundId: f.fund_id, boroughGss: f.gss_code, fyStart: f.fy_start, measure: f.measure, amountPence: f.amount_pence }));
  const payments = (db.prepare(`
    SELECT p.id, p.paid_on, p.supplier_name, p.amount_pence, p.transaction_ref, b.file_name, p.origin_row
    FROM payments p LEFT JOIN import_batches b ON b.id = p.origin_batch_id`).all() as {
    id: string; paid_on: string; supplier_name: string; amount_pence: number; transaction_ref: string | null; file_name: string | null; origin_row: number | null;
  }[]).map((p) => ({
    id: p.id, paidOn: p.paid_on, supplierName: p.supplier_name, amountPence: p.amount_pence, transactionRef: p.transaction_ref,
    origin: p.file_name ? `import of ${p.file_name}${p.origin_row ? `, row ${p.origin_row}` : ''}` : null,
  }));
  return { organisations, services, funds, fundingLines, payments };
}

function boroughIds(db: Database.Database): Map<string, string> {
  return new Map((db.prepare('SELECT gss_code, id FROM boroughs').all() as { gss_code: string; id: string }[]).map((b) => [b.gss_code, b.id]));
}

/**
 * Writes a mapped file as one transaction and one change set tied to its batch, so the
 * whole import stands or falls together and can be undone as a whole.
 */
export function commitImport(db: Database.Database, writer: Writer, input: CommitInput, progress: Progress = () => {}): BatchSummary {
  const { result } = input;
  if (!result.ok) throw new StoreError('invalid-input', `The mapping cannot be used: ${result.problems.map((p) => p.message).join('; ')}`);
  const batchId = uuidv7();
  const boroughs = boroughIds(db);
  const accepted = result.rows.filter((row) => row.status === 'accepted');
  const total = accepted.reduce((sum, row) => sum + row.records.length, 0) + result.organisations.new.length + result.newServices.length;
  let done = 0;
  const tick = (message: string) => {
    done += 1;
    if (done % 2000 === 0 || done === total) progress(done, total, message);
  };

  db.transaction(() => {
    const now = new Date().toISOString();
    db.prepare(`INSERT INTO import_batches (id, created_at, updated_at, file_name, file_sha256, file_bytes, target, sheet, profile_id, mapping_json, status, rows_read)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'committed', ?)`).run(
      batchId, now, now, input.file.fileName, input.file.sha256, input.file.bytes, input.target, input.file.sheet, input.profileId,
      JSON.stringify(input.mapping), result.counts.rowsRead,
    );

    writer.change(`Import ${input.file.fileName}`, (tx) => {
      const origin = (row: number | undefined) => ({ origin_batch_id: batchId, origin_row: row ?? null });
      const aliasTaken = db.prepare('SELECT 1 FROM organisation_aliases WHERE normalised = ?').pluck();
      const addAlias = (organisationId: string, alias: string, row: number | undefined) => {
        const normalised = normaliseOrganisationName(alias);
        if (!normalised || aliasTaken.get(normalised)) return;
        tx.insert('organisation_aliases', { organisation_id: organisationId, alias, normalised, ...origin(row) });
      };

      const newOrganisations = new Map<string, string>();
      for (const organisation of result.organisations.new) {
        const id = tx.insert('organisations', {
          name: organisation.name, kind: organisation.kind, identifier: organisation.identifier,
          borough_id: organisation.boroughGss ? boroughs.get(organisation.boroughGss) ?? null : null, ...origin(organisation.rows[0]),
        });
        newOrganisations.set(organisation.key, id);
        for (const spelling of organisation.spellings) addAlias(id, spelling, organisation.rows[0]);
        tick('Adding organisations');
      }
      // A spelling matched by a clerk's confirmation becomes an alias, so the next file matches it outright.
      for (const matched of result.organisations.matched) {
        if (matched.via === 'confirmed') for (const spelling of matched.spellings) addAlias(matched.organisationId, spelling, matched.rows[0]);
      }
      const organisationId = (ref: OrganisationRef | null): string | null => {
        if (!ref) return null;
        if (ref.kind === 'existing') return ref.organisationId;
        const id = newOrganisations.get(ref.key);
        if (!id) throw new StoreError('internal', `The import names an organisation it did not create: ${ref.name}.`);
        return id;
      };

      const newServices = new Map<string, string>();
      const writeService = (record: ServiceRecord) => {
        const values = record.values;
        const row: Row = {
          reference: values.reference, name: values.name, provider_id: organisationId(values.provider), commissioner_id: organisationId(values.commissioner),
          category: values.category, aims: values.aims, outcomes: values.outcomes, start_date: values.startDate, end_date: values.endDate,
          london_wide: values.londonWide ? 1 : 0,
        };
        if (record.outcome === 'new') {
          const id = tx.insert('services', { ...row, ...origin(record.rows[0]) });
          newServices.set(record.key, id);
          for (const gss of values.boroughs) {
            const boroughId = boroughs.get(gss);
            if (boroughId) tx.insert('service_boroughs', { service_id: id, borough_id: boroughId, ...origin(record.rows[0]) });
          }
        } else if (record.outcome === 'updated' && record.existingId) {
          const patch: Row = {};
          const columnOf: Record<string, string> = {
            reference: 'reference', name: 'name', provider: 'provider_id', commissioner: 'commissioner_id', category: 'category', aims: 'aims',
            outcomes: 'outcomes', startDate: 'start_date', endDate: 'end_date', londonWide: 'london_wide',
          };
          for (const field of record.provided) {
            const column = columnOf[field];
            if (column) patch[column] = row[column] ?? null;
          }
          tx.update('services', record.existingId, patch);
          if (record.provided.includes('boroughs')) {
            const current = db.prepare('SELECT sb.id, b.gss_code FROM service_boroughs sb JOIN boroughs b ON b.id = sb.borough_id WHERE sb.service_id = ?')
              .all(record.existingId) as { id: string; gss_code: string }[];
            const wanted = new Set(values.boroughs);
            for (const link of current) if (!wanted.has(link.gss_code)) tx.remove('service_boroughs', link.id);
            const have = new Set(current.map((link) => link.gss_code));
            for (const gss of wanted) {
              const boroughId = boroughs.get(gss);
              if (boroughId && !have.has(gss)) tx.insert('service_boroughs', { service_id: record.existingId, borough_id: boroughId, ...origin(record.rows[0]) });
            }
          }
        }
        tick('Writing services');
      };
      for (const record of result.newServices) writeService(record);

      const serviceId = (ref: ServiceRef | null): string | null => {
        if (!ref) return null;
        if (ref.kind === 'existing') return ref.serviceId;
        const id = newServices.get(ref.key);
        if (!id) throw new StoreError('internal', `The import names a service it did not create: ${ref.name}.`);
        return id;
      };

      for (const row of accepted) {
        for (const record of row.records) {
          if (record.kind === 'service') {
            writeService(record);
            continue;
          }
          if (record.outcome === 'duplicate') {
            tick('Skipping duplicates');
            continue;
          }
          if (record.kind === 'fundingLine') {
            const values: Row = {
              service_id: serviceId(record.service), fund_id: record.fundId, borough_id: record.boroughGss ? boroughs.get(record.boroughGss) ?? null : null,
              fy_start: record.fyStart, fy_end: record.fyEnd, measure: record.measure, amount_pence: record.amountPence,
            };
            if (record.outcome === 'updated' && record.existingId) tx.update('funding_lines', record.existingId, { amount_pence: record.amountPence });
            else tx.insert('funding_lines', { ...values, ...origin(row.rowNumber) });
            tick('Writing funding lines');
          } else {
            tx.insert('payments', {
              paid_on: record.paidOn, supplier_name: record.supplierName, organisation_id: organisationId(record.supplier),
              payer_organisation_id: organisationId(record.payer), amount_pence: record.amountPence, description: record.description,
              cost_centre: record.costCentre, expense_type: record.expenseType, transaction_ref: record.transactionRef, ...origin(row.rowNumber),
            });
            tick('Writing payments');
          }
        }
      }
    }, { batchId });

    const insertRejection = db.prepare(`INSERT INTO import_rejections (id, created_at, updated_at, origin_batch_id, origin_row, batch_id, sheet, row_number, column_name, reason, raw_json)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const row of result.rows) {
      if (row.status !== 'rejected') continue;
      const raw = input.rawRows.get(row.rowNumber);
      const rawJson = raw ? JSON.stringify(Object.fromEntries(input.headers.map((header, index) => [header || `Column ${index + 1}`, raw[index] ?? '']))) : null;
      const reasons = row.diagnostics.filter((d) => d.outcome === 'rejected');
      const entries = reasons.length > 0 ? reasons.map((d) => ({ column: d.column, reason: d.message })) : row.reasons.map((reason) => ({ column: null, reason }));
      for (const entry of entries) {
        insertRejection.run(uuidv7(), now, now, batchId, row.rowNumber, batchId, input.file.sheet, row.rowNumber, entry.column, entry.reason, rawJson);
      }
    }
    const counts = result.counts;
    db.prepare('UPDATE import_batches SET new_count = ?, updated_count = ?, duplicate_count = ?, rejected_count = ?, committed_at = ? WHERE id = ?')
      .run(counts.new, counts.updated, counts.duplicate, counts.rejected, new Date().toISOString(), batchId);
  })();
  progress(total, total, 'Committed');
  return getBatch(db, batchId);
}

interface BatchRow {
  id: string; file_name: string; file_sha256: string; target: TargetId; sheet: string | null; profile_name: string | null; status: 'committed' | 'undone';
  rows_read: number; new_count: number; updated_count: number; duplicate_count: number; rejected_count: number; committed_at: string | null; undone_at: string | null;
}

const BATCH_SELECT = `
  SELECT b.*, p.name AS profile_name FROM import_batches b LEFT JOIN import_profiles p ON p.id = b.profile_id`;

function toBatch(row: BatchRow): BatchSummary {
  return {
    id: row.id, fileName: row.file_name, sha256: row.file_sha256, target: row.target, sheet: row.sheet, profileName: row.profile_name, status: row.status,
    rowsRead: row.rows_read, newCount: row.new_count, updatedCount: row.updated_count, duplicateCount: row.duplicate_count,
    rejectedCount: row.rejected_count, committedAt: row.committed_at, undoneAt: row.undone_at,
  };
}

export function getBatch(db: Database.Database, id: string): BatchSummary {
  const row = db.prepare(`${BATCH_SELECT} WHERE b.id = ?`).get(id) as BatchRow | undefined;
  if (!row) throw new StoreError('not-found', `No import batch ${id}.`, undefined, 'List the imports to see their ids.');
  return toBatch(row);
}

export function listBatches(db: Database.Database): BatchSummary[] {
  return (db.prepare(`${BATCH_SELECT} ORDER BY b.created_at DESC`).all() as BatchRow[]).map(toBatch);
}

export function batchRejections(db: Database.Database, batchId: string, limit = 10_000): Rejection[] {
  return (db.prepare('SELECT sheet, row_number, column_name, reason, raw_json FROM import_rejections WHERE batch_id = ? ORDER BY row_number, column_name LIMIT ?')
    .all(batchId, limit) as { sheet: string | null; row_number: number; column_name: string | null; reason: string; raw_json: string | null }[])
    .map((r) => ({ sheet: r.sheet, rowNumber: r.row_number, column: r.column_name, reason: r.reason, raw: r.raw_json ? JSON.parse(r.raw_json) as Record<string, string> : null }));
}

/** Undoes a whole import: what it added is removed and what it changed is put back. */
export function undoBatch(db: Database.Database, writer: Writer, batchId: string): BatchSummary {
  const batch = getBatch(db, batchId);
  if (batch.status === 'undone') throw new StoreError('conflict', `The import of ${batch.fileName} was already undone.`);
  writer.undoBatch(batchId);
  return getBatch(db, batchId);
}

export interface StoredProfile extends ImportProfile {
  id: string;
}

export function listProfiles(db: Database.Database): StoredProfile[] {
  return (db.prepare('SELECT id, name, target, header_signature, mapping_json FROM import_profiles ORDER BY name').all() as {
    id: string; name: string; target: TargetId; header_signature: string; mapping_json: string;
  }[]).map((p) => {
    const saved = JSON.parse(p.mapping_json) as { headers: string[]; mapping: ImportProfile['mapping'] };
    return { id: p.id, name: p.name, target: p.target, headerSignature: p.header_signature, headers: saved.headers, mapping: saved.mapping };
  });
}

/** Saves a named mapping profile, replacing one of the same name. */
export function saveProfile(db: Database.Database, writer: Writer, profile: ImportProfile): string {
  const existing = db.prepare('SELECT id FROM import_profiles WHERE name = ?').pluck().get(profile.name) as string | undefined;
  return writer.change(`Save import profile "${profile.name}"`, (tx: ChangeTx) => {
    const values = { target: profile.target, header_signature: profile.headerSignature, mapping_json: JSON.stringify({ headers: profile.headers, mapping: profile.mapping }) };
    if (existing) {
      tx.update('import_profiles', existing, values);
      return existing;
    }
    return tx.insert('import_profiles', { name: profile.name, ...values });
  });
}

export function profileIdByName(db: Database.Database, name: string): string | null {
  return (db.prepare('SELECT id FROM import_profiles WHERE name = ?').pluck().get(name) as string | undefined) ?? null;
}
