// The mapping and validation layer of an import: a table of cells in, mapped
// and validated records out, with a diagnostic for every cell. Pure: no SQL,
// no files; what it needs from the store comes in as KnownEntities.
export { mapTable, paymentKey } from './validate.ts';
export type * from './records.ts';
export { guessMapping, suggestTargets, type FieldGuess, type GuessConflict, type GuessResult, type TargetSuggestion, type UnmappedColumn, type YearColumnGuess } from './guess.ts';
export { applyProfile, findProfile, headerSignature, makeProfile, profileMatches, type AppliedProfile, type ImportProfile, type ProfileMatch } from './profiles.ts';
export { columnRef, emptyMapping, parseMapping, resolveMapping, type ColumnRef, type Mapping, type MappingProblem, type YearColumn } from './mapping.ts';
export { NO_KNOWN_ENTITIES, matchFund, type KnownEntities, type KnownFund, type KnownFundingLine, type KnownPayment, type KnownService } from './known.ts';
export {
  UNCERTAIN_THRESHOLD, buildOrganisationIndex, matchOrganisation, organisationKey, similarity, type KnownOrganisation, type MatchCandidate,
  type OrganisationMatch,
} from './organisations.ts';
export { TARGETS, TARGET_IDS, fieldOf, isTargetId, type FieldDef, type FieldKind, type Measure, type TargetDef, type TargetId } from './targets.ts';
export { normaliseHeader } from './normalise.ts';
export { tableFromRows, type PlainCell } from './table-from-rows.ts';
