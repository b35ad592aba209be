// The store's one write path. Every insert, update and delete of a domain row goes
// through a change set, which records the row before and after so that any edit
// can be audited, undone and redone.
import { uuidv7 } from './ids.ts';
import type Database from 'better-sqlite3';
import { StoreError } from './errors.ts';

export const DOMAIN_TABLES = [
  'sources', 'import_profiles', 'import_batches', 'import_rejections', 'investigations', 'tor_items',
  'key_questions', 'boroughs', 'organisations', 'organisation_aliases', 'funds', 'services',
  'service_boroughs', 'funding_lines', 'figures', 'stated_shares', 'payments', 'witnesses', 'evidence_sessions',
  'session_witnesses', 'notes', 'excerpts', 'evidence_links', 'suggested_questions', 'evaluations',
] as const;
export type DomainTable = (typeof DOMAIN_TABLES)[number];

export type CellValue = string | number | null;
export type Row = Record<string, CellValue>;

interface Dependent {
  table: DomainTable;
  column: string;
  onDelete: 'CASCADE' | 'SET NULL' | 'RESTRICT' | 'NO ACTION' | 'SET DEFAULT';
}

interface TableShape {
  columns: Set<string>;
  dependents: Dependent[];
}

export interface ChangeSetSummary {
  id: number;
  label: string;
  at: string;
  changes: number;
}

interface ChangeSetRow {
  id: number;
  label: string;
  at: string;
  batch_id: string | null;
}

interface StoredChange {
  table_name: string;
  row_id: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
}

const SYSTEM_COLUMNS = new Set(['id', 'created_at', 'updated_at']);

function isDomainTable(name: string): name is DomainTable {
  return (DOMAIN_TABLES as readonly string[]).includes(name);
}

export class ChangeTx {
  private setId: number | null = null;
  count = 0;

  constructor(
    private readonly writer: Writer,
    private readonly label: string,
    private readonly batchId: string | null,
    readonly now: string,
    private readonly recordHistory: boolean,
  ) {}

  private record(table: DomainTable, rowId: string, action: 'insert' | 'update' | 'delete', before: Row | null, after: Row | null): void {
    if (!this.recordHistory) return;
    if (this.setId === null) this.setId = this.writer.openChangeSet(this.label, this.now, this.batchId);
    this.writer.recordChange(this.setId, table, rowId, action, before, after);
    this.count += 1;
  }

  insert(table: DomainTable, values: Row): string {
    const shape = this.writer.shape(table);
    const row: Row = { ...values };
    const id = typeof row.id === 'string' && row.id ? row.id : uuidv7();
    row.id = id;
    row.created_at ??= this.now;
    row.updated_at = row.created_at;
    const columns = Object.keys(row);
    for (const column of columns) {
      if (!shape.columns.has(column)) throw new StoreError('invalid-input', `${table} has no field "${column}".`, table);
    }
    this.writer.run(
      `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      columns.map((c) => row[c] ?? null),
    );
    // The values written are the row's after-state (columns left out take their defaults
    // again on redo), so no read-back is needed: imports write many rows through here.
    this.record(table, id, 'insert', null, row);
    return id;
  }

  /** Applies a patch; records nothing when no value actually changes. Returns whether it changed. */
  update(table: DomainTable, id: string, patch: Row): boolean {
    const shape = this.writer.shape(table);
    const before = this.writer.read(table, id);
    if (!before) throw new StoreError('not-found', `No ${table} row with id ${id}.`, table);
    const changed = Object.keys(patch).filter((column) => {
      if (SYSTEM_COLUMNS.has(column)) throw new StoreError('invalid-input', `${column} cannot be edited.`, table);
      if (!shape.columns.has(column)) throw new StoreError('invalid-input', `${table} has no field "${column}".`, table);
      return before[column] !== patch[column];
    });
    if (changed.length === 0) return false;
    this.writer.run(
      `UPDATE ${table} SET ${changed.map((c) => `"${c}" = ?`).join(', ')}, updated_at = ? WHERE id = ?`,
      [...changed.map((c) => patch[c] ?? null), this.now, id],
    );
    this.record(table, id, 'update', before, this.writer.read(table, id));
    return true;
  }

  /** Deletes a row and, through this same path, what depends on it, so undo brings all of it back. */
  remove(table: DomainTable, id: string): void {
    const before = this.writer.read(table, id);
    if (!before) throw new StoreError('not-found', `No ${table} row with id ${id}.`, table);
    for (const dependent of this.writer.shape(table).dependents) {
      const ids = this.writer.idsReferencing(dependent, id);
      for (const childId of ids) {
        if (dependent.onDelete === 'CASCADE') this.remove(dependent.table, childId);
        else if (dependent.onDelete === 'SET NULL') this.update(dependent.table, childId, { [dependent.column]: null });
        else {
          throw new StoreError('conflict', `This ${table.replace(/_/g, ' ')} row is still used by ${ids.length} ${dependent.table.replace(/_/g, ' ')} row(s); remove those first.`, table);
        }
      }
    }
    this.writer.run(`DELETE FROM ${table} WHERE id = ?`, [id]);
    this.record(table, id, 'delete', before, null);
  }
}

export class Writer {
  private readonly shapes = new Map<DomainTable, TableShape>();
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Runs `work` as one transaction and one change set (one step of undo). */
  change<T>(label: string, work: (tx: ChangeTx) => T, options: { batchId?: string; baseline?: boolean } = {}): T {
    return this.db.transaction(() => {
      // A baseline (the seed of a new store) is where history starts, so it is not itself undoable.
      const tx = new ChangeTx(this, label, options.batchId ?? null, this.clock().toISOString(), !options.baseline);
      return work(tx);
    })();
  }

  shape(table: DomainTable): TableShape {
    let shape = this.shapes.get(table);
    if (!shape) {
      const columns = new Set((this.db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name));
      if (columns.size === 0) throw new StoreError('internal', `The store has no table ${table}.`, table);
      const dependents: Dependent[] = [];
      for (const other of DOMAIN_TABLES) {
        const keys = this.db.pragma(`foreign_key_list(${other})`) as { table: string; from: string; on_delete: Dependent['onDelete'] }[];
        for (const key of keys) if (key.table === table) dependents.push({ table: other, column: key.from, onDelete: key.on_delete });
      }
      shape = { columns, dependents };
      this.shapes.set(table, shape);
    }
    return shape;
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  run(sql: string, params: CellValue[]): void {
    this.statement(sql).run(...params);
  }

  read(table: DomainTable, id: string): Row | null {
    return (this.statement(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Row | undefined) ?? null;
  }

  idsReferencing(dependent: Dependent, id: string): string[] {
    return this.statement(`SELECT id FROM ${dependent.table} WHERE "${dependent.column}" = ?`).pluck().all(id) as string[];
  }

  openChangeSet(label: string, at: string, batchId: string | null): number {
    // A new edit ends any chance to redo what was undone before it.
    this.statement('DELETE FROM change_sets WHERE undone_at IS NOT NULL').run();
    const result = this.statement('INSERT INTO change_sets (at, label, batch_id) VALUES (?, ?, ?)').run(at, label, batchId);
    return Number(result.lastInsertRowid);
  }

  recordChange(setId: number, table: DomainTable, rowId: string, action: string, before: Row | null, after: Row | null): void {
    this.statement('INSERT INTO changes (change_set_id, table_name, row_id, action, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?)')
      .run(setId, table, rowId, action, before ? JSON.stringify(before) : null, after ? JSON.stringify(after) : null);
  }

  /** Undoes the latest change set still in force. Returns what was undone, or null if nothing is left. */
  undo(): ChangeSetSummary | null {
    return this.db.transaction(() => {
      const set = this.statement('SELECT id, label, at, batch_id FROM change_sets WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1').get() as
        | ChangeSetRow
        | undefined;
      return set ? this.undoSet(set) : null;
    })();
  }

  /**
   * Undoes the change set of an import batch, even if other edits came after it, as long
   * as none of them touched what the batch wrote; otherwise says what stands in the way.
   */
  undoBatch(batchId: string): ChangeSetSummary {
    return this.db.transaction(() => {
      const set = this.statement('SELECT id, label, at, batch_id FROM change_sets WHERE batch_id = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1').get(batchId) as
        | ChangeSetRow
        | undefined;
      if (!set) throw new StoreError('not-found', 'That import has already been undone, or left no changes to undo.');
      return this.undoSet(set);
    })();
  }

  private undoSet(set: ChangeSetRow): ChangeSetSummary {
    const changes = this.changesOf(set.id);
    this.assertUndoable(set, changes);
    for (const change of [...changes].reverse()) this.apply(change, 'backward');
    const now = this.clock().toISOString();
    this.statement('UPDATE change_sets SET undone_at = ? WHERE id = ?').run(now, set.id);
    if (set.batch_id) this.statement("UPDATE import_batches SET status = 'undone', undone_at = ? WHERE id = ?").run(now, set.batch_id);
    return { id: set.id, label: set.label, at: set.at, changes: changes.length };
  }

  /** Refuses an undo that would silently discard later work. */
  private assertUndoable(set: { id: number; label: string }, changes: StoredChange[]): void {
    // Later change sets are read set by set (changes are indexed by set, not by row:
    // a row index would slow every import for the sake of this rare check).
    const ownRows = new Set(changes.map((change) => `${change.table_name}:${change.row_id}`));
    const later: string[] = [];
    const laterSets = this.statement('SELECT id, label FROM change_sets WHERE id > ? AND undone_at IS NULL ORDER BY id').all(set.id) as { id: number; label: string }[];
    for (const laterSet of laterSets) {
      const touched = this.statement('SELECT table_name, row_id FROM changes WHERE change_set_id = ?').all(laterSet.id) as { table_name: string; row_id: string }[];
      if (touched.some((change) => ownRows.has(`${change.table_name}:${change.row_id}`))) later.push(laterSet.label);
      if (later.length === 3) break;
    }
    if (later.length > 0) {
      throw new StoreError('conflict', `"${set.label}" cannot be undone: later changes edited the same rows (${later.map((label) => `"${label}"`).join(', ')}).`,
        undefined, 'Undo those later changes first.');
    }
    for (const change of changes) {
      if (change.action !== 'insert' || !isDomainTable(change.table_name)) continue;
      for (const dependent of this.shape(change.table_name).dependents) {
        const users = this.idsReferencing(dependent, change.row_id).filter((id) => !ownRows.has(`${dependent.table}:${id}`));
        if (users.length > 0) {
          throw new StoreError('conflict', `"${set.label}" cannot be undone: ${users.length} ${dependent.table.replace(/_/g, ' ')} row(s) added since then refer to what it added.`,
            undefined, 'Remove or move those first, then undo.');
        }
      }
    }
  }

  /** Redoes the change set undone most recently. */
  redo(): ChangeSetSummary | null {
    return this.db.transaction(() => {
      const set = this.statement('SELECT id, label, at, batch_id FROM change_sets WHERE undone_at IS NOT NULL ORDER BY id ASC LIMIT 1').get() as
        | ChangeSetRow
        | undefined;
      if (!set) return null;
      const changes = this.changesOf(set.id);
      for (const change of changes) this.apply(change, 'forward');
      this.statement('UPDATE change_sets SET undone_at = NULL WHERE id = ?').run(set.id);
      if (set.batch_id) this.statement("UPDATE import_batches SET status = 'committed', undone_at = NULL WHERE id = ?").run(set.batch_id);
      return { id: set.id, label: set.label, at: set.at, changes: changes.length };
    })();
  }

  private changesOf(setId: number): StoredChange[] {
    return this.statement('SELECT table_name, row_id, action, before_json, after_json FROM changes WHERE change_set_id = ? ORDER BY id')
      .all(setId) as never;
  }

  private apply(change: StoredChange, direction: 'forward' | 'backward'): void {
    if (!isDomainTable(change.table_name)) throw new StoreError('internal', `History names an unknown table ${change.table_name}.`);
    const table = change.table_name;
    const target = direction === 'forward' ? change.after_json : change.before_json;
    const present = this.read(table, change.row_id) !== null;
    if (target === null) {
      if (present) this.run(`DELETE FROM ${table} WHERE id = ?`, [change.row_id]);
      return;
    }
    const row = JSON.parse(target) as Row;
    const columns = Object.keys(row);
    if (present) {
      this.run(`UPDATE ${table} SET ${columns.map((c) => `"${c}" = ?`).join(', ')} WHERE id = ?`, [...columns.map((c) => row[c] ?? null), change.row_id]);
    } else {
      this.run(`INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, columns.map((c) => row[c] ?? null));
    }
  }
}
