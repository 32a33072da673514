/** Shared inputs of the star-rating tests: a year that meets everything, every claim, a copy of the built-in standard. */
import type { RatingFacts } from './rules.js';
import type { StarStandard } from './standard.js';
import { STANDARD_003 } from './standard-003.js';

/** A year that meets every measurable requirement of 5★. */
export const best = (): RatingFacts => ({
  metrics: { mediationRate: 100, mediationSuccessRate: 100 },
  disclosureMonths: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  titles: { civilised: 'province', culture: 1, health: 'province', learningParty: 'county', countyReport: 'county', harmony: 'county', integrityModel: 'county' },
  incidents: { homicide: 0, majorCriminalCase: 0, safetyAccident: 0, viceCase: 0 },
  safetyAccident: { deaths: 0, seriousInjuries: 0 },
  petitions: { furthestCollective: 'none', beijingIndividual: false },
});
/** Claims for every criterion that cannot be measured. */
export const allClaims: Record<string, boolean> = Object.fromEntries(
  STANDARD_003.levels.flatMap((l) => l.criteria).filter((c) => !c.checks.length).map((c) => [c.code, true]),
);
/** A deep copy of the built-in standard, to spoil in one place. */
export const clone = (): StarStandard => structuredClone(STANDARD_003);
