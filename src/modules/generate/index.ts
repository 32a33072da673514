/** Deterministic, realistic data generation: the loader and the pure generators it is built from. */
export { generate, type GenerateOptions, type GenerateResult } from './load.js';
export { generateRows, totalMembers, rootCode, codePrefix, SCALES, SCALE_NAMES, DEFAULT_AS_OF, type Scale, type ScaleSpec } from './tree.js';
export { isValidIdNumber, idCheckChar, idGender } from './rules.js';
export type { Chunk, IdBases } from './rows.js';
