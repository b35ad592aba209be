// The Questions part of the store: the checklist of terms of reference and key
// questions with their status, draft finding, evidence by stance, coverage (how
// many distinct sources and witnesses of each perspective the linked evidence
// comes from) and the gaps that follow; suggested questions for guests; and the
// framework matrix of questions against witnesses, perspectives or kinds of source.
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { KEY_PERSPECTIVES, PERSPECTIVE_LABELS, sourcePerspective } from '../../shared/evidence-schemas.ts';
import type {
  Coverage, DeleteResult, Gap, LinkedEvidence, Matrix, MatrixColumns, MatrixEntry, QuestionDetail, QuestionSummary, SourcePerspective,
  SuggestedQuestion, TargetInput, TargetKind,
  questionUpdate, suggestedQuestionCreate, suggestedQuestionList, suggestedQuestionReorder, suggestedQuestionUpdate,
} from '../../shared/evidence-schemas.ts';
import type { LinkCounts, ProgressStatus } from '../../shared/schemas.ts';
import { StoreError } from './errors.ts';
import { type EvidenceStore, type Lookups, investigationId, linkedEvidence, loadLookups, pushTo, resolveTarget, targetLabel } from './evidence.ts';

type Db = Database.Database;

const quoted = (text: string, max = 60) => `“${text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text}”`;

interface ItemRow { id: string; number: number; text: string; status: ProgressStatus; draft_finding: string | null }

function items(db: Db, kind: TargetKind): (ItemRow & { kind: TargetKind })[] {
  const table = kind === 'term' ? 'tor_items' : 'key_questions';
  return (db.prepare(`SELECT id, number, text, status, draft_finding FROM ${table} WHERE investigation_id = ? ORDER BY number`).all(investigationId(db)) as ItemRow[])
    .map((row) => ({ ...row, kind }));
}

/** Terms of reference, then key questions, as the terms of reference set them out. */
function allItems(db: Db) {
  return [...items(db, 'term'), ...items(db, 'keyQuestion')];
}

// ---- coverage and gaps --------------------------------------------------------

export function countsOf(links: readonly LinkedEvidence[]): LinkCounts {
  const counts = { total: links.length, supports: 0, challenges: 0, context: 0 };
  for (const link of links) counts[link.stance] += 1;
  return counts;
}

export function coverageOf(links: readonly LinkedEvidence[]): Coverage {
  const witnesses = new Map<string, SourcePerspective>();
  const sources = new Map<string, SourcePerspective | null>();
  const kinds = { oral: 0, written: 0, siteVisit: 0, other: 0 };
  for (const link of links) {
    if (link.witness) witnesses.set(link.witness.id, link.witness.perspective);
    if (link.source) sources.set(link.source.id, link.source.perspective);
    const kind = link.session?.kind;
    if (kind === 'oral') kinds.oral += 1;
    else if (kind === 'written') kinds.written += 1;
    else if (kind === 'site_visit') kinds.siteVisit += 1;
    else kinds.other += 1;
  }
  const countOf = (map: Map<string, SourcePerspective | null>, perspective: SourcePerspective) => [...map.values()].filter((p) => p === perspective).length;
  return {
    sources: sources.size,
    witnesses: witnesses.size,
    perspectives: sourcePerspective.options.map((perspective) => ({
      perspective, label: PERSPECTIVE_LABELS[perspective], witnesses: countOf(witnesses, perspective), sources: countOf(sources, perspective),
    })),
    unattributedSources: [...sources.values()].filter((p) => p === null).length,
    kinds,
  };
}

export function gapsOf(counts: LinkCounts, coverage: Coverage): Gap[] {
  if (counts.total === 0) return [{ code: 'no-evidence', perspective: null, text: 'No evidence linked yet' }];
  const gaps: Gap[] = [];
  for (const perspective of KEY_PERSPECTIVES) {
    const found = coverage.perspectives.find((p) => p.perspective === perspective)!;
    if (found.witnesses + found.sources === 0) {
      gaps.push({ code: 'no-perspective', perspective, text: `No evidence from ${PERSPECTIVE_LABELS[perspective].toLowerCase()} yet` });
    }
  }
  if (counts.supports === 0) gaps.push({ code: 'nothing-supports', perspective: null, text: 'Nothing supports this yet' });
  if (counts.challenges === 0) gaps.push({ code: 'nothing-challenges', perspective: null, text: 'Nothing challenges this yet' });
  if (coverage.kinds.oral === 0) gaps.push({ code: 'no-oral', perspective: null, text: 'No oral evidence yet' });
  return gaps;
}

function summaryOf(item: ItemRow & { kind: TargetKind }, links: readonly LinkedEvidence[], suggested: number): QuestionSummary {
  const counts = countsOf(links);
  const coverage = coverageOf(links);
  return {
    kind: item.kind, id: item.id, number: item.number, label: targetLabel(item.kind, item.number), text: item.text,
    status: item.status, draftFinding: item.draft_finding, links: counts,
    lostExcerpts: links.filter((link) => link.evidence.lost).length,
    coverage, gaps: gapsOf(counts, coverage), suggestedQuestions: suggested,
  };
}

function suggestedCounts(db: Db): Map<string, number> {
  return new Map((db.prepare('SELECT key_question_id, count(*) AS c FROM suggested_questions GROUP BY key_question_id').all() as { key_question_id: string; c: number }[])
    .map((row) => [row.key_question_id, row.c]));
}

function groupByTarget(links: readonly LinkedEvidence[]): Map<string, LinkedEvidence[]> {
  const map = new Map<string, LinkedEvidence[]>();
  for (const link of links) pushTo(map, link.target.id, link);
  return map;
}

export function listQuestions(db: Db): QuestionSummary[] {
  const byTarget = groupByTarget(linkedEvidence(db, { all: true }));
  const suggested = suggestedCounts(db);
  return allItems(db).map((item) => summaryOf(item, byTarget.get(item.id) ?? [], suggested.get(item.id) ?? 0));
}

function itemRow(db: Db, target: TargetInput): ItemRow & { kind: TargetKind } {
  const resolved = resolveTarget(db, target, 'id', 'not-found');
  const row = db.prepare(`SELECT id, number, text, status, draft_finding FROM ${resolved.table} WHERE id = ?`).get(target.id) as ItemRow;
  return { ...row, kind: target.kind };
}

export function questionSummary(db: Db, target: TargetInput): QuestionSummary {
  const item = itemRow(db, target);
  const column = target.kind === 'term' ? 'tor_item_id' : 'key_question_id';
  const links = linkedEvidence(db, { target: { column, id: target.id } });
  return summaryOf(item, links, suggestedCounts(db).get(item.id) ?? 0);
}

export function getQuestion(db: Db, target: TargetInput): QuestionDetail {
  const item = itemRow(db, target);
  const column = target.kind === 'term' ? 'tor_item_id' : 'key_question_id';
  const lookups = loadLookups(db);
  const links = linkedEvidence(db, { target: { column, id: target.id } }, lookups);
  const suggestedQuestions = target.kind === 'keyQuestion' ? listSuggested(db, { keyQuestionId: target.id }, lookups) : [];
  return {
    item: summaryOf(item, links, suggestedQuestions.length),
    evidence: {
      supports: links.filter((l) => l.stance === 'supports'),
      challenges: links.filter((l) => l.stance === 'challenges'),
      context: links.filter((l) => l.stance === 'context'),
    },
    suggestedQuestions,
  };
}

export function updateQuestion(store: EvidenceStore, input: z.output<typeof questionUpdate>): QuestionSummary {
  const { db, writer } = store;
  const item = itemRow(db, input);
  const table = input.kind === 'term' ? 'tor_items' : 'key_questions';
  const patch: Record<string, string | null> = {};
  if (input.status !== undefined) patch.status = input.status;
  if (input.draftFinding !== undefined) patch.draft_finding = input.draftFinding;
  if (input.text !== undefined) patch.text = input.text;
  const what = [input.status !== undefined && 'status', input.draftFinding !== undefined && 'draft finding', input.text !== undefined && 'wording']
    .filter(Boolean).join(' and ') || 'status';
  writer.change(`Set the ${what} of ${targetLabel(input.kind, item.number).toLowerCase()}`, (tx) => {
    tx.update(table, input.id, patch);
  });
  return questionSummary(db, input);
}

// ---- suggested questions ----------------------------------------------------------

interface SuggestedRow { id: string; key_question_id: string; kq_number: number; witness_id: string | null; text: string; sort: number }

export function listSuggested(db: Db, input: z.output<typeof suggestedQuestionList>, lookups: Lookups = loadLookups(db)): SuggestedQuestion[] {
  const where: string[] = [];
  const params: string[] = [];
  if (input.keyQuestionId) { where.push('sq.key_question_id = ?'); params.push(input.keyQuestionId); }
  if (input.witnessId) { where.push('sq.witness_id = ?'); params.push(input.witnessId); }
  const rows = db.prepare(`
    SELECT sq.id, sq.key_question_id, kq.number AS kq_number, sq.witness_id, sq.text, sq.sort
    FROM suggested_questions sq JOIN key_questions kq ON kq.id = sq.key_question_id
    ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY kq.number, sq.sort, sq.created_at, sq.id`).all(...params) as SuggestedRow[];
  return rows.map((row) => ({
    id: row.id, keyQuestion: { id: row.key_question_id, number: row.kq_number },
    witness: row.witness_id ? lookups.witnesses.get(row.witness_id) ?? null : null, text: row.text, sort: row.sort,
  }));
}

function getSuggested(db: Db, id: string): SuggestedQuestion {
  const found = listSuggested(db, {}).find((q) => q.id === id);
  if (!found) throw new StoreError('not-found', `There is no suggested question with id ${id}; it may have been deleted.`, 'id');
  return found;
}

function nextSort(db: Db, keyQuestionId: string): number {
  return (db.prepare('SELECT coalesce(max(sort), 0) + 1 FROM suggested_questions WHERE key_question_id = ?').pluck().get(keyQuestionId) as number);
}

function requireKeyQuestion(db: Db, id: string, field: string): number {
  return resolveTarget(db, { kind: 'keyQuestion', id }, field).number;
}

function requireWitness(db: Db, id: string | null | undefined, field: string): void {
  if (!id) return;
  if (db.prepare('SELECT 1 FROM witnesses WHERE id = ?').get(id) === undefined) throw new StoreError('invalid-input', `There is no witness with id ${id}.`, field);
}

export function createSuggested(store: EvidenceStore, input: z.output<typeof suggestedQuestionCreate>): SuggestedQuestion {
  const { db, writer } = store;
  const id = writer.change(`Add a suggested question ${quoted(input.text, 40)}`, (tx) => {
    requireKeyQuestion(db, input.keyQuestionId, 'keyQuestionId');
    requireWitness(db, input.witnessId, 'witnessId');
    return tx.insert('suggested_questions', {
      key_question_id: input.keyQuestionId, witness_id: input.witnessId ?? null, text: input.text, sort: nextSort(db, input.keyQuestionId),
    });
  });
  return getSuggested(db, id);
}

export function updateSuggested(store: EvidenceStore, input: z.output<typeof suggestedQuestionUpdate>): SuggestedQuestion {
  const { db, writer } = store;
  const current = getSuggested(db, input.id);
  writer.change(`Edit the suggested question ${quoted(input.text ?? current.text, 40)}`, (tx) => {
    const patch: Record<string, string | number | null> = {};
    if (input.text !== undefined) patch.text = input.text;
    if (input.witnessId !== undefined) {
      requireWitness(db, input.witnessId, 'witnessId');
      patch.witness_id = input.witnessId;
    }
    if (input.keyQuestionId !== undefined && input.keyQuestionId !== current.keyQuestion.id) {
      requireKeyQuestion(db, input.keyQuestionId, 'keyQuestionId');
      patch.key_question_id = input.keyQuestionId;
      patch.sort = nextSort(db, input.keyQuestionId); // moved to the end of its new key question's list
    }
    tx.update('suggested_questions', input.id, patch);
  });
  return getSuggested(db, input.id);
}

export function deleteSuggested(store: EvidenceStore, id: string): DeleteResult {
  const { db, writer } = store;
  const current = getSuggested(db, id);
  writer.change(`Delete the suggested question ${quoted(current.text, 40)}`, (tx) => tx.remove('suggested_questions', id));
  return { id, removed: `Suggested question ${quoted(current.text, 60)}`, effects: [] };
}

export function reorderSuggested(store: EvidenceStore, input: z.output<typeof suggestedQuestionReorder>): SuggestedQuestion[] {
  const { db, writer } = store;
  const number = requireKeyQuestion(db, input.keyQuestionId, 'keyQuestionId');
  writer.change(`Reorder the suggested questions of key question ${number}`, (tx) => {
    const present = db.prepare('SELECT id FROM suggested_questions WHERE key_question_id = ?').pluck().all(input.keyQuestionId) as string[];
    const have = new Set(present);
    const seen = new Set<string>();
    input.ids.forEach((id, index) => {
      if (!have.has(id)) throw new StoreError('invalid-input', `Suggested question ${id} is not one of key question ${number}'s.`, `ids.${index}`);
      if (seen.has(id)) throw new StoreError('invalid-input', `Suggested question ${id} is listed twice.`, `ids.${index}`);
      seen.add(id);
    });
    const missing = present.filter((id) => !seen.has(id));
    if (missing.length > 0) {
      throw new StoreError('invalid-input', `The new order leaves out ${missing.length} of key question ${number}'s suggested questions; list every one of them once.`, 'ids');
    }
    input.ids.forEach((id, index) => tx.update('suggested_questions', id, { sort: index + 1 }));
  });
  return listSuggested(db, { keyQuestionId: input.keyQuestionId });
}

// ---- the matrix ----------------------------------------------------------------

const SESSION_COLUMNS = [
  { key: 'oral', label: 'Oral evidence', detail: 'From oral evidence sessions' },
  { key: 'written', label: 'Written evidence', detail: 'From written submissions' },
  { key: 'site_visit', label: 'Site visits', detail: 'From notes of site visits' },
] as const;

const SOURCE_KIND_COLUMNS: Record<string, string> = {
  document: 'Documents', dataset: 'Datasets', web_page: 'Web pages', transcript: 'Transcripts', written_submission: 'Written submissions', other: 'Other sources',
};

interface ColumnSpec { key: string; label: string; detail: string | null; always: boolean }

function columnSpecs(by: MatrixColumns, lookups: Lookups): ColumnSpec[] {
  if (by === 'witnesses') {
    const order = sourcePerspective.options;
    const witnesses = [...lookups.witnesses.values()].sort((a, b) =>
      order.indexOf(a.perspective) - order.indexOf(b.perspective) || a.name.localeCompare(b.name, 'en-GB'));
    return [
      ...witnesses.map((w) => ({
        key: w.id, label: w.name,
        detail: [PERSPECTIVE_LABELS[w.perspective].replace(/s$/, ''), w.role, w.organisationName].filter(Boolean).join(', ') || null, always: true,
      })),
      { key: 'none', label: 'No witness named', detail: 'Notes with no witness, or a session with several', always: false },
    ];
  }
  if (by === 'perspectives') {
    return [
      ...sourcePerspective.options.map((p) => ({ key: p, label: PERSPECTIVE_LABELS[p], detail: null, always: p !== 'committee' })),
      { key: 'unattributed', label: 'Not said', detail: 'No witness, and a source that does not say whom it speaks for', always: false },
    ];
  }
  return [
    ...SESSION_COLUMNS.map((c) => ({ ...c, always: true })),
    ...Object.entries(SOURCE_KIND_COLUMNS).map(([key, label]) => ({ key: `source:${key}`, label, detail: 'Notes of a source outside any session', always: false })),
    { key: 'none', label: 'No session or source', detail: 'Notes not tied to a session or a source', always: false },
  ];
}

function columnOf(by: MatrixColumns, link: LinkedEvidence): string {
  if (by === 'witnesses') return link.witness?.id ?? 'none';
  if (by === 'perspectives') return link.witness?.perspective ?? link.source?.perspective ?? 'unattributed';
  if (link.session) return link.session.kind;
  if (link.source) return `source:${link.source.kind}`;
  return 'none';
}

export function matrix(db: Db, by: MatrixColumns): Matrix {
  const lookups = loadLookups(db);
  const links = linkedEvidence(db, { all: true }, lookups).filter((l) => l.evidence.kind === 'excerpt' || l.evidence.kind === 'note');
  const cells = new Map<string, MatrixEntry[]>(); // `${targetId} ${columnKey}`
  const used = new Map<string, number>();
  for (const link of links) {
    const column = columnOf(by, link);
    const key = `${link.target.id} ${column}`;
    const entry: MatrixEntry = {
      linkId: link.linkId, kind: link.evidence.kind === 'excerpt' ? 'excerpt' : 'note',
      excerptId: link.evidence.kind === 'excerpt' ? link.evidence.id : null,
      noteId: link.evidence.noteId ?? link.evidence.id, noteTitle: link.evidence.title,
      quote: link.evidence.quote, stance: link.stance, comment: link.comment, lost: link.evidence.lost,
    };
    pushTo(cells, key, entry);
    used.set(column, (used.get(column) ?? 0) + 1);
  }
  const columns = columnSpecs(by, lookups)
    .filter((spec) => spec.always || used.has(spec.key))
    .map((spec) => ({ key: spec.key, label: spec.label, detail: spec.detail, count: used.get(spec.key) ?? 0 }));
  const rows = allItems(db).map((item) => {
    const rowCells = columns.map((column) => {
      const entries = cells.get(`${item.id} ${column.key}`) ?? [];
      const stanceCount = (stance: MatrixEntry['stance']) => entries.filter((e) => e.stance === stance).length;
      return { columnKey: column.key, count: entries.length, supports: stanceCount('supports'), challenges: stanceCount('challenges'), context: stanceCount('context'), entries };
    });
    return {
      kind: item.kind, id: item.id, number: item.number, label: targetLabel(item.kind, item.number), text: item.text,
      count: rowCells.reduce((sum, cell) => sum + cell.count, 0), cells: rowCells,
    };
  });
  return { by, columns, rows };
}
