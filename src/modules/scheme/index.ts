/** What other modules may use of schemes: the model, the pure rules and reading versions. */
export { parseScheme, bandInterval, type SchemeDefinition, type Band, type Indicator, type Tier, type SchemeProblem, type MemberFact } from './model.js';
export {
  memberFacts, placeTier, tierPlacer, tierFacts, appliesTo, checkEntry, scoreOf, totalScorer, bandOf, gradeRun, gradeReason, canonicalResults, canonicalPieces, toCents, fromCents,
  type MemberRecord, type RunSubject, type RunResult, type DimensionSums, type ScoreLine, type EntryProblem,
} from './rules.js';
export { getScheme, getVersionById, versionForYear, schemeForYear, type SchemeRow, type VersionRow } from './store.js';
export { schemeVisible, schemeInScope } from './routes.js';
