// Evidence and Questions methods of the contract: sources, witnesses, evidence
// sessions, notes and their excerpts, links from evidence to the terms of
// reference and key questions, the questions checklist with coverage and gaps,
// suggested questions and the framework matrix. Every method that writes is one
// step of undo (history.undo / history.redo).
//
// `sources.get` (one source with its citation) is declared with the core methods;
// `sources.details` gives the whole record with where it is used.
import { z } from 'zod';
import * as e from '../evidence-schemas.ts';
import { method, none } from './method.ts';

export const evidenceMethods = {
  // Sources
  'sources.list': method(e.sourceListInput, z.array(e.sourceRecord), 'Sources with their citation details and where each is used, by title'),
  'sources.details': method(e.byId, e.sourceRecord, 'One source: citation details, whom it speaks for, where it is used'),
  'sources.create': method(e.sourceCreate, e.sourceRecord, 'Add a source (document, dataset, web page, transcript, written submission)'),
  'sources.update': method(e.sourceUpdate, e.sourceRecord, 'Edit a source\'s citation details or whom it speaks for'),
  'sources.delete': method(e.byId, e.deleteResult, 'Delete a source; refused while figures cite it. Links to it go too; notes and sessions keep going without it'),

  // Witnesses
  'witnesses.list': method(none, z.array(e.witnessRecord), 'Witnesses with their organisation, perspective and sessions, by name'),
  'witnesses.create': method(e.witnessCreate, e.witnessRecord, 'Add a witness; an organisation given by name is matched exactly or added'),
  'witnesses.update': method(e.witnessUpdate, e.witnessRecord, 'Edit a witness'),
  'witnesses.delete': method(e.byId, e.deleteResult, 'Delete a witness; their notes and suggested questions stay, without them'),

  // Evidence sessions
  'sessions.list': method(none, z.array(e.sessionRecord), 'Evidence sessions (oral, written, site visit), newest first'),
  'sessions.create': method(e.sessionCreate, e.sessionRecord, 'Add an evidence session with who attended and its record'),
  'sessions.update': method(e.sessionUpdate, e.sessionRecord, 'Edit an evidence session; witnessIds replaces who attended'),
  'sessions.delete': method(e.byId, e.deleteResult, 'Delete an evidence session; its notes stay, without it'),

  // Notes and excerpts
  'notes.list': method(e.noteListInput, z.array(e.noteSummary), 'Notes without their bodies, newest first, optionally of one session, witness or source'),
  'notes.get': method(e.byId, e.noteDetail, 'One note with its body, its excerpts and every link'),
  'notes.create': method(e.noteCreate, e.noteDetail, 'Add a note'),
  'notes.update': method(e.noteUpdate, e.noteUpdateResult, 'Edit a note; excerpts follow their text, and those whose text is gone are named'),
  'notes.delete': method(e.byId, e.deleteResult, 'Delete a note with its excerpts and their links'),
  'excerpts.link': method(e.excerptLink, e.excerptLinkResult, 'Code a passage of a note: the excerpt (made or reused) and its link, in one step'),
  'excerpts.update': method(e.excerptUpdate, e.excerptRecord, 'Move an excerpt to another passage of its note (also re-places a lost one)'),
  'excerpts.delete': method(e.byId, e.deleteResult, 'Delete an excerpt and its links'),

  // Links
  'links.list': method(e.linkListInput, z.array(e.linkedEvidence), 'Links with their evidence spelled out, of one piece of evidence or one question'),
  'links.create': method(e.linkCreate, e.linkRecord, 'Link evidence (a note, excerpt, service, figure, funding line, payment or source) to a term or key question'),
  'links.update': method(e.linkUpdate, e.linkRecord, 'Change a link\'s stance, comment or question'),
  'links.delete': method(e.byId, e.deleteResult, 'Delete a link; an excerpt left with no link goes too'),

  // Questions
  'questions.list': method(none, z.array(e.questionSummary), 'Terms of reference then key questions: status, finding, counts by stance, coverage and gaps'),
  'questions.get': method(e.questionGetInput, e.questionDetail, 'One term or key question with its evidence by stance, coverage, gaps and suggested questions'),
  'questions.update': method(e.questionUpdate, e.questionSummary, 'Set a term\'s or key question\'s status, draft finding or wording'),
  'suggestedQuestions.list': method(e.suggestedQuestionList, z.array(e.suggestedQuestion), 'Suggested questions for guests, by key question and order'),
  'suggestedQuestions.create': method(e.suggestedQuestionCreate, e.suggestedQuestion, 'Add a suggested question to a key question, optionally for one witness'),
  'suggestedQuestions.update': method(e.suggestedQuestionUpdate, e.suggestedQuestion, 'Edit a suggested question'),
  'suggestedQuestions.delete': method(e.byId, e.deleteResult, 'Delete a suggested question'),
  'suggestedQuestions.reorder': method(e.suggestedQuestionReorder, z.array(e.suggestedQuestion), 'Put a key question\'s suggested questions in this order (every one of them, once)'),
  'matrix.get': method(e.matrixInput, e.matrix, 'Terms and key questions against witnesses, perspectives or kinds of source; each cell its linked passages'),
} as const;
