// Shapes of the Evidence and Questions parts as they cross the API: sources,
// witnesses, evidence sessions, notes and their excerpts, links from evidence to
// the terms of reference and key questions, coverage and gaps, suggested
// questions and the framework matrix.
//
// Conventions: on create, a field left out is empty; on update, a field left out
// is unchanged and null clears it. Text is trimmed and an empty string counts as
// null. Dates are ISO "YYYY-MM-DD". Offsets into a note's body count UTF-16 code
// units, as JavaScript strings (and a browser's selection) do.
import { z } from 'zod';
import { id, isoDateTime, linkCounts, progressStatus, sourceKind, stance } from './schemas.ts';
import { isIsoDate } from './uk-date.ts';

// ---- building blocks ------------------------------------------------------

/** Whom a witness speaks for. */
export const perspective = z.enum(['commissioner', 'provider', 'borough', 'service_user', 'expert', 'other']);
export type Perspective = z.infer<typeof perspective>;

/** Whom a source speaks for: a witness's perspectives, or the committee itself (its own terms of reference). */
export const sourcePerspective = z.enum(['commissioner', 'provider', 'borough', 'service_user', 'expert', 'other', 'committee']);
export type SourcePerspective = z.infer<typeof sourcePerspective>;

/** The perspectives whose absence coverage names as a gap. */
export const KEY_PERSPECTIVES = ['commissioner', 'provider', 'borough', 'service_user', 'expert'] as const satisfies readonly Perspective[];

export const PERSPECTIVE_LABELS: Record<SourcePerspective, string> = {
  commissioner: 'Commissioners',
  provider: 'Providers',
  borough: 'Boroughs',
  service_user: 'Service users',
  expert: 'Experts',
  other: 'Others',
  committee: 'The committee',
};

export const sessionKind = z.enum(['oral', 'written', 'site_visit']);
export type SessionKind = z.infer<typeof sessionKind>;

/** What evidence can be linked to the questions. */
export const evidenceKind = z.enum(['excerpt', 'note', 'service', 'figure', 'fundingLine', 'payment', 'source']);
export type EvidenceKind = z.infer<typeof evidenceKind>;

/** What evidence is linked to: a term of reference or a key question. */
export const targetKind = z.enum(['term', 'keyQuestion']);
export type TargetKind = z.infer<typeof targetKind>;

const MAX_BODY = 5_000_000;

function blankToNull(value: string | null | undefined): string | null | undefined {
  return value === '' ? null : value;
}

/** Required text: trimmed, not empty. */
const required = (max: number, what: string) => z.string().trim().min(1, `${what} is needed`).max(max, `${what} is longer than ${max} characters`);

/** Optional text: trimmed; "" and null clear it; left out leaves it. */
const optional = (max: number, what: string) =>
  z.string().trim().max(max, `${what} is longer than ${max} characters`).nullable().optional().transform(blankToNull);

const isoDateInput = z.string().trim()
  .refine((value) => value === '' || isIsoDate(value), 'expected a real date written YYYY-MM-DD')
  .nullable().optional().transform(blankToNull);

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const urlInput = z.string().trim().max(2048, 'the address is longer than 2,048 characters')
  .refine((value) => value === '' || isWebAddress(value), 'expected a web address starting http:// or https://')
  .nullable().optional().transform(blankToNull);

const optionalId = id.nullable().optional();
const count = z.number().int().min(0);

// ---- references used across records ----------------------------------------

export const organisationRef = z.object({ id, name: z.string(), kind: z.string() });
export type OrganisationRef = z.infer<typeof organisationRef>;

export const sourceRef = z.object({
  id,
  kind: sourceKind,
  title: z.string(),
  citation: z.string().nullable(),
  url: z.string().nullable(),
  publishedOn: z.string().nullable(),
  /** Whom it speaks for: as set, else from its organisation's kind. */
  perspective: sourcePerspective.nullable(),
});
export type SourceRef = z.infer<typeof sourceRef>;

export const witnessRef = z.object({
  id,
  name: z.string(),
  role: z.string().nullable(),
  organisationName: z.string().nullable(),
  perspective,
});
export type WitnessRef = z.infer<typeof witnessRef>;

export const sessionRef = z.object({ id, kind: sessionKind, title: z.string(), reference: z.string().nullable(), heldOn: z.string().nullable() });
export type SessionRef = z.infer<typeof sessionRef>;

export const targetInput = z.object({ kind: targetKind, id }).strict();
export type TargetInput = z.infer<typeof targetInput>;

export const targetRef = z.object({
  kind: targetKind,
  id,
  number: z.number().int(),
  /** "Term of reference 1", "Key question 2". */
  label: z.string(),
  text: z.string(),
});
export type TargetRef = z.infer<typeof targetRef>;

/** What a delete removed, in plain words for the notification ("2 links to the questions were removed too"). */
export const deleteResult = z.object({ id, removed: z.string(), effects: z.array(z.string()) });
export type DeleteResult = z.infer<typeof deleteResult>;

export const byId = z.object({ id }).strict();

// ---- sources ---------------------------------------------------------------

const sourceFields = {
  publisher: optional(500, 'the publisher'),
  author: optional(500, 'the author'),
  publishedOn: isoDateInput,
  accessedOn: isoDateInput,
  url: urlInput,
  citation: optional(2000, 'the citation'),
  fileName: optional(255, 'the file name'),
  notes: optional(20_000, 'the notes'),
  perspective: sourcePerspective.nullable().optional(),
  organisationId: optionalId,
  /** An organisation by name: an existing one whose name or alias matches exactly (ignoring case and punctuation), else a new one. */
  organisationName: optional(300, 'the organisation name'),
};

export const sourceCreate = z.object({ kind: sourceKind, title: required(500, 'a title'), ...sourceFields }).strict();
export const sourceUpdate = z.object({ id, kind: sourceKind.optional(), title: required(500, 'a title').optional(), ...sourceFields }).strict();
export const sourceListInput = z.object({ kind: sourceKind.optional(), perspective: sourcePerspective.optional() }).strict();

export const sourceRecord = z.object({
  id,
  kind: sourceKind,
  title: z.string(),
  publisher: z.string().nullable(),
  author: z.string().nullable(),
  publishedOn: z.string().nullable(),
  accessedOn: z.string().nullable(),
  url: z.string().nullable(),
  citation: z.string().nullable(),
  fileName: z.string().nullable(),
  notes: z.string().nullable(),
  /** As set on the source (null: not said). */
  perspective: sourcePerspective.nullable(),
  organisation: organisationRef.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  /** Where it is used. */
  usage: z.object({ notes: count, sessions: count, links: count, figures: count }),
});
export type SourceRecord = z.infer<typeof sourceRecord>;

// ---- witnesses -------------------------------------------------------------

const witnessFields = {
  role: optional(500, 'the role'),
  organisationId: optionalId,
  organisationName: optional(300, 'the organisation name'),
};

export const witnessCreate = z.object({ name: required(300, 'a name'), perspective: perspective.optional(), ...witnessFields }).strict();
export const witnessUpdate = z.object({ id, name: required(300, 'a name').optional(), perspective: perspective.optional(), ...witnessFields }).strict();

export const witnessRecord = z.object({
  id,
  name: z.string(),
  role: z.string().nullable(),
  organisation: organisationRef.nullable(),
  perspective,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  sessions: z.array(sessionRef),
  notes: count,
  links: count,
});
export type WitnessRecord = z.infer<typeof witnessRecord>;

// ---- evidence sessions -----------------------------------------------------

const sessionFields = {
  /** The committee's number for it, such as written evidence "MVC003". */
  reference: optional(100, 'the reference'),
  heldOn: isoDateInput,
  location: optional(500, 'the location'),
  /** The transcript, submission or visit report it is recorded in. */
  sourceId: optionalId,
  /** Who attended or submitted: replaces the whole list when given. */
  witnessIds: z.array(id).max(500).optional(),
};

export const sessionCreate = z.object({ kind: sessionKind, title: required(500, 'a title'), ...sessionFields }).strict();
export const sessionUpdate = z.object({ id, kind: sessionKind.optional(), title: required(500, 'a title').optional(), ...sessionFields }).strict();

export const sessionRecord = z.object({
  id,
  kind: sessionKind,
  title: z.string(),
  reference: z.string().nullable(),
  heldOn: z.string().nullable(),
  location: z.string().nullable(),
  source: sourceRef.nullable(),
  witnesses: z.array(witnessRef),
  notes: count,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type SessionRecord = z.infer<typeof sessionRecord>;

// ---- links -----------------------------------------------------------------

export const evidenceInput = z.object({ kind: evidenceKind, id }).strict();
export type EvidenceInput = z.infer<typeof evidenceInput>;

const comment = optional(10_000, 'the comment');

export const linkRecord = z.object({
  id,
  target: targetRef,
  evidence: z.object({ kind: evidenceKind, id }),
  stance,
  comment: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type LinkRecord = z.infer<typeof linkRecord>;

export const linkCreate = z.object({ evidence: evidenceInput, target: targetInput, stance, comment }).strict();
export const linkUpdate = z.object({ id, stance: stance.optional(), comment, target: targetInput.optional() }).strict();
export const linkListInput = z.object({ evidence: evidenceInput.optional(), target: targetInput.optional() }).strict();

/** A link with its evidence spelled out: the quote or a summary, and where it comes from. */
export const linkedEvidence = z.object({
  linkId: id,
  stance,
  comment: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  target: targetRef,
  evidence: z.object({
    kind: evidenceKind,
    id,
    /** The note's title, the service's name, the figure's label, the source's title... */
    title: z.string(),
    /** An excerpt's words, exactly as in the note. */
    quote: z.string().nullable(),
    /** For other evidence: a line saying what it is ("£23,600,000 in 2012-13"). */
    summary: z.string().nullable(),
    /** True when an excerpt's text is no longer in its note (it keeps its quote). */
    lost: z.boolean(),
    noteId: id.nullable(),
  }),
  /** Where it comes from: the note's witness (or a session's only witness), its source (or the session's), its session. */
  witness: witnessRef.nullable(),
  source: sourceRef.nullable(),
  session: sessionRef.nullable(),
});
export type LinkedEvidence = z.infer<typeof linkedEvidence>;

// ---- notes and excerpts ----------------------------------------------------

const noteFields = {
  sessionId: optionalId,
  witnessId: optionalId,
  sourceId: optionalId,
  writtenOn: isoDateInput,
};

export const noteCreate = z.object({
  title: required(500, 'a title'),
  body: z.string().max(MAX_BODY, 'the note is longer than 5,000,000 characters').optional(),
  ...noteFields,
}).strict();
export const noteUpdate = z.object({
  id,
  title: required(500, 'a title').optional(),
  body: z.string().max(MAX_BODY, 'the note is longer than 5,000,000 characters').optional(),
  ...noteFields,
}).strict();
export const noteListInput = z.object({ sessionId: id.optional(), witnessId: id.optional(), sourceId: id.optional() }).strict();

export const noteSummary = z.object({
  id,
  title: z.string(),
  writtenOn: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  session: sessionRef.nullable(),
  witness: witnessRef.nullable(),
  source: sourceRef.nullable(),
  counts: z.object({
    excerpts: count,
    lostExcerpts: count,
    /** Links from the note and from its excerpts. */
    links: count,
  }),
});
export type NoteSummary = z.infer<typeof noteSummary>;

export const excerptRecord = z.object({
  id,
  noteId: id,
  /** Null when the text is lost. */
  start: z.number().int().nullable(),
  end: z.number().int().nullable(),
  quote: z.string(),
  lost: z.boolean(),
  links: z.array(linkRecord),
});
export type ExcerptRecord = z.infer<typeof excerptRecord>;

export const noteDetail = noteSummary.extend({
  body: z.string(),
  /** In the order they stand in the body; lost ones last. */
  excerpts: z.array(excerptRecord),
  /** Links from the whole note (excerpts carry their own). */
  noteLinks: z.array(linkRecord),
});
export type NoteDetail = z.infer<typeof noteDetail>;

/** What editing a body did to the note's excerpts. */
export const reanchorReport = z.object({
  unchanged: count,
  /** Found again where their text moved. */
  moved: count,
  /** Edited inside the passage: the excerpt follows the edit and its quote is the new text. */
  edited: z.array(z.object({ id, before: z.string(), after: z.string() })),
  /** Their text is no longer in the note: kept, with their quote and links, until found again or moved. */
  lost: z.array(z.object({ id, quote: z.string() })),
  /** Lost before, found again in the new text. */
  found: z.array(z.object({ id, quote: z.string() })),
  /** In plain words, or null when nothing notable happened. */
  summary: z.string().nullable(),
});
export type ReanchorReport = z.infer<typeof reanchorReport>;

export const noteUpdateResult = z.object({ note: noteDetail, excerpts: reanchorReport });

const offset = z.number().int('expected a whole number').min(0, 'cannot be before the start of the note');

export const excerptLink = z.object({
  noteId: id,
  start: offset,
  end: offset,
  target: targetInput,
  stance,
  comment,
}).strict().refine((value) => value.end > value.start, { message: 'the passage must end after it starts', path: ['end'] });

export const excerptUpdate = z.object({ id, start: offset, end: offset }).strict()
  .refine((value) => value.end > value.start, { message: 'the passage must end after it starts', path: ['end'] });

export const excerptLinkResult = z.object({ excerpt: excerptRecord, link: linkRecord, reusedExcerpt: z.boolean() });

// ---- questions -------------------------------------------------------------

export const perspectiveCoverage = z.object({
  perspective: sourcePerspective,
  label: z.string(),
  /** Distinct witnesses of this perspective the linked evidence comes from. */
  witnesses: count,
  /** Distinct sources speaking for this perspective. */
  sources: count,
});

export const coverage = z.object({
  /** Distinct sources and witnesses the linked evidence comes from. */
  sources: count,
  witnesses: count,
  /** Every perspective, in a fixed order (commissioners, providers, boroughs, service users, experts, others, the committee). */
  perspectives: z.array(perspectiveCoverage),
  /** Sources that do not say whom they speak for. */
  unattributedSources: count,
  /** Links by kind of evidence: from oral sessions, written evidence, site visits, and everything else (documents, data, services). */
  kinds: z.object({ oral: count, written: count, siteVisit: count, other: count }),
});
export type Coverage = z.infer<typeof coverage>;

export const gap = z.object({
  code: z.enum(['no-evidence', 'no-perspective', 'nothing-supports', 'nothing-challenges', 'no-oral']),
  perspective: perspective.nullable(),
  /** "No evidence from providers yet". */
  text: z.string(),
});
export type Gap = z.infer<typeof gap>;

export const questionSummary = z.object({
  kind: targetKind,
  id,
  number: z.number().int(),
  label: z.string(),
  text: z.string(),
  status: progressStatus,
  draftFinding: z.string().nullable(),
  links: linkCounts,
  /** Links whose excerpt has lost its text in the note. */
  lostExcerpts: count,
  coverage,
  gaps: z.array(gap),
  suggestedQuestions: count,
});
export type QuestionSummary = z.infer<typeof questionSummary>;

export const questionGetInput = targetInput;
export const questionUpdate = z.object({
  kind: targetKind,
  id,
  status: progressStatus.optional(),
  draftFinding: optional(50_000, 'the draft finding'),
  text: required(2000, 'the text').optional(),
}).strict();

export const suggestedQuestion = z.object({
  id,
  keyQuestion: z.object({ id, number: z.number().int() }),
  witness: witnessRef.nullable(),
  text: z.string(),
  sort: z.number().int(),
});
export type SuggestedQuestion = z.infer<typeof suggestedQuestion>;

export const questionDetail = z.object({
  item: questionSummary,
  evidence: z.object({ supports: z.array(linkedEvidence), challenges: z.array(linkedEvidence), context: z.array(linkedEvidence) }),
  /** For a key question; a term of reference has none. */
  suggestedQuestions: z.array(suggestedQuestion),
});
export type QuestionDetail = z.infer<typeof questionDetail>;

export const suggestedQuestionList = z.object({ keyQuestionId: id.optional(), witnessId: id.optional() }).strict();
export const suggestedQuestionCreate = z.object({ keyQuestionId: id, witnessId: optionalId, text: required(2000, 'the question') }).strict();
export const suggestedQuestionUpdate = z.object({ id, keyQuestionId: id.optional(), witnessId: optionalId, text: required(2000, 'the question').optional() }).strict();
export const suggestedQuestionReorder = z.object({ keyQuestionId: id, ids: z.array(id).max(1000) }).strict();

// ---- the matrix ------------------------------------------------------------

export const matrixColumns = z.enum(['witnesses', 'perspectives', 'sourceKinds']);
export type MatrixColumns = z.infer<typeof matrixColumns>;

export const matrixInput = z.object({ columns: matrixColumns }).strict();

export const matrixEntry = z.object({
  linkId: id,
  /** An excerpt, or a whole note linked as it is. */
  kind: z.enum(['excerpt', 'note']),
  excerptId: id.nullable(),
  noteId: id,
  noteTitle: z.string(),
  quote: z.string().nullable(),
  stance,
  comment: z.string().nullable(),
  lost: z.boolean(),
});
export type MatrixEntry = z.infer<typeof matrixEntry>;

export const matrixColumn = z.object({
  key: z.string(),
  label: z.string(),
  /** A witness's role and organisation, or what the column holds. */
  detail: z.string().nullable(),
  count,
});

export const matrixCell = z.object({
  columnKey: z.string(),
  count,
  supports: count,
  challenges: count,
  context: count,
  entries: z.array(matrixEntry),
});

export const matrixRow = z.object({
  kind: targetKind,
  id,
  number: z.number().int(),
  label: z.string(),
  text: z.string(),
  count,
  /** One per column, in the columns' order; empty cells are there with count 0. */
  cells: z.array(matrixCell),
});

export const matrix = z.object({ by: matrixColumns, columns: z.array(matrixColumn), rows: z.array(matrixRow) });
export type Matrix = z.infer<typeof matrix>;

