// Handlers for the Evidence and Questions methods: sources, witnesses, evidence
// sessions, notes, excerpts, links, the questions checklist, suggested questions
// and the matrix. The work is in main/store/evidence.ts and main/store/questions.ts.
import type { HandlerTable } from '../api.ts';
import type { AppContext } from '../app-context.ts';
import * as evidence from '../store/evidence.ts';
import * as questions from '../store/questions.ts';

export function registerEvidenceHandlers(table: HandlerTable, context: AppContext): void {
  const store = () => context.requireStore();
  const db = () => store().db;

  table.register('sources.list', (input) => evidence.listSourceRecords(db(), input));
  table.register('sources.details', ({ id }) => evidence.getSourceRecord(db(), id));
  table.register('sources.create', (input) => evidence.createSource(store(), input));
  table.register('sources.update', (input) => evidence.updateSource(store(), input));
  table.register('sources.delete', ({ id }) => evidence.deleteSource(store(), id));

  table.register('witnesses.list', () => evidence.listWitnessRecords(db()));
  table.register('witnesses.create', (input) => evidence.createWitness(store(), input));
  table.register('witnesses.update', (input) => evidence.updateWitness(store(), input));
  table.register('witnesses.delete', ({ id }) => evidence.deleteWitness(store(), id));

  table.register('sessions.list', () => evidence.listSessionRecords(db()));
  table.register('sessions.create', (input) => evidence.createSession(store(), input));
  table.register('sessions.update', (input) => evidence.updateSession(store(), input));
  table.register('sessions.delete', ({ id }) => evidence.deleteSession(store(), id));

  table.register('notes.list', (input) => evidence.listNotes(db(), input));
  table.register('notes.get', ({ id }) => evidence.getNote(db(), id));
  table.register('notes.create', (input) => evidence.createNote(store(), input));
  table.register('notes.update', (input) => evidence.updateNote(store(), input));
  table.register('notes.delete', ({ id }) => evidence.deleteNote(store(), id));
  table.register('excerpts.link', (input) => evidence.linkExcerpt(store(), input));
  table.register('excerpts.update', (input) => evidence.updateExcerpt(store(), input));
  table.register('excerpts.delete', ({ id }) => evidence.deleteExcerpt(store(), id));

  table.register('links.list', (input) => evidence.listLinks(db(), input));
  table.register('links.create', (input) => evidence.createLink(store(), input));
  table.register('links.update', (input) => evidence.updateLink(store(), input));
  table.register('links.delete', ({ id }) => evidence.deleteLink(store(), id));

  table.register('questions.list', () => questions.listQuestions(db()));
  table.register('questions.get', (input) => questions.getQuestion(db(), input));
  table.register('questions.update', (input) => questions.updateQuestion(store(), input));
  table.register('suggestedQuestions.list', (input) => questions.listSuggested(db(), input));
  table.register('suggestedQuestions.create', (input) => questions.createSuggested(store(), input));
  table.register('suggestedQuestions.update', (input) => questions.updateSuggested(store(), input));
  table.register('suggestedQuestions.delete', ({ id }) => questions.deleteSuggested(store(), id));
  table.register('suggestedQuestions.reorder', (input) => questions.reorderSuggested(store(), input));
  table.register('matrix.get', ({ columns }) => questions.matrix(db(), columns));
}
