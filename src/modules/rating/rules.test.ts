/**
 * Tests of the 评星晋级 evaluation: the thresholds of each level, missing facts, the veto, claims
 * carried down, pay coefficients, and properties (monotonicity, bounds, pay tables).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateCheck, evaluateLevel, highestLevelMet, nextYearStart, payCoefficient, withLowerLevels, type RatingFacts } from './rules.js';
import { parseStandard, PETITION_LEVELS, RANKS } from './standard.js';
import { STANDARD_003 } from './standard-003.js';
import { allClaims, best, clone } from './rating.fixture.js';

const S = STANDARD_003;

describe('evaluation', () => {
  it('gives 5★ to a year that meets everything, and 0★ without the claims', () => {
    expect(highestLevelMet(S, best(), allClaims, [])).toBe(5);
    expect(highestLevelMet(S, best(), {}, [])).toBe(0);
    const r = evaluateLevel(S, 1, best(), {});
    expect(r.unmet).toContain('L1-1-1');
    expect(r.criteria.find((c) => c.code === 'L1-1-1')).toMatchObject({ met: false, measurable: false });
  });

  it('claims at the applied level carry down to the lower levels\' restated criteria, group by group', () => {
    const onlyFour = Object.fromEntries(S.levels[3].criteria.filter((c) => !c.checks.length).map((c) => [c.code, true]));
    expect(highestLevelMet(S, best(), onlyFour, [])).toBe(0);
    const carried = withLowerLevels(S, 4, onlyFour);
    expect(highestLevelMet(S, best(), carried, [])).toBe(4);
    // a group not wholly claimed at the applied level claims nothing below, and an explicit answer below stays
    const gap = { ...onlyFour, [S.levels[3].criteria.find((c) => !c.checks.length && c.group === 2)!.code]: false };
    const below = S.levels[0].criteria.find((c) => !c.checks.length && c.group === 2)!.code;
    expect(withLowerLevels(S, 4, gap)[below]).toBe(false);
    expect(withLowerLevels(S, 4, { ...gap, [below]: true })[below]).toBe(true);
    expect(highestLevelMet(S, best(), withLowerLevels(S, 4, gap), [])).toBe(0);
  });

  it('95% success rate meets 3★ but not 4★', () => {
    const f = best();
    f.metrics.mediationSuccessRate = 95;
    expect(evaluateLevel(S, 3, f, allClaims)).toMatchObject({ unmet: [], missing: [] });
    const four = evaluateLevel(S, 4, f, allClaims);
    expect(four.unmet).toEqual(['L4-4-3']);
    expect(four.criteria.find((c) => c.code === 'L4-4-3')?.reasons.join('')).toMatch(/100%.*95%/);
    expect(highestLevelMet(S, f, allClaims, [])).toBe(3);
    f.metrics.mediationSuccessRate = 94.9;
    expect(highestLevelMet(S, f, allClaims, [])).toBe(0);
  });

  it('missing facts give met=null and appear in missing, never in unmet', () => {
    const f = best();
    delete f.metrics.mediationRate;
    f.safetyAccident = null;
    const one = evaluateLevel(S, 1, f, allClaims);
    expect(one.criteria.find((c) => c.code === 'L1-4-2')?.met).toBeNull();
    expect(one).toMatchObject({ unmet: [], missing: ['L1-4-2'] });
    expect(evaluateLevel(S, 3, f, allClaims).missing).toEqual(['L3-4-1', 'L3-4-2']);
    expect(evaluateCheck({ kind: 'metricAtLeast', metric: 'mediationRate', percent: 100 }, f)).toEqual({ met: null, reason: expect.stringContaining('未提供') });
    expect(highestLevelMet(S, f, allClaims, [])).toBe(0);
  });

  it('an unmet check outweighs a missing one in the same criterion', () => {
    const f = best();
    delete f.metrics.mediationRate;
    f.metrics.mediationSuccessRate = 50;
    expect(evaluateLevel(S, 1, f, allClaims)).toMatchObject({ unmet: ['L1-4-2'], missing: [] });
  });

  it('a holding veto caps 5★ facts at 3★; an unknown veto code is refused', () => {
    expect(highestLevelMet(S, best(), allClaims, ['V2'])).toBe(3);
    expect(() => highestLevelMet(S, best(), allClaims, ['V9'])).toThrow(RangeError);
  });

  it('culture level 2 meets 二级以上 but not 一级以上', () => {
    const f = best();
    f.titles.culture = 2;
    expect(evaluateCheck({ kind: 'titleAtLeast', title: 'culture', level: 2 }, f).met).toBe(true);
    expect(evaluateCheck({ kind: 'titleAtLeast', title: 'culture', level: 3 }, f).met).toBe(true);
    expect(evaluateCheck({ kind: 'titleAtLeast', title: 'culture', level: 1 }, f)).toMatchObject({ met: false, reason: expect.stringMatching(/一级以上.*二级/) });
    expect(highestLevelMet(S, f, allClaims, [])).toBe(3);
    f.titles.culture = 3;
    expect(highestLevelMet(S, f, allClaims, [])).toBe(1);
  });

  it('ranks titles county < city < province; none fails, absent is missing', () => {
    const f = best();
    const civ = (level: 'city' | 'province') => evaluateCheck({ kind: 'titleAtLeast', title: 'civilised', level }, f).met;
    f.titles.civilised = 'city';
    expect([civ('city'), civ('province')]).toEqual([true, false]);
    expect(highestLevelMet(S, f, allClaims, [])).toBe(4);
    f.titles.civilised = 'none';
    expect(civ('city')).toBe(false);
    delete f.titles.civilised;
    expect(civ('city')).toBeNull();
  });

  it('petitions to the province fail 3★; a county-level petition passes 3★ and fails 5★', () => {
    const f = best();
    f.petitions = { furthestCollective: 'province', beijingIndividual: false };
    expect(evaluateLevel(S, 3, f, allClaims).unmet).toEqual(['L3-4-3']);
    expect(highestLevelMet(S, f, allClaims, [])).toBe(2);
    f.petitions = { furthestCollective: 'county', beijingIndividual: false };
    expect(evaluateLevel(S, 3, f, allClaims).unmet).toEqual([]);
    expect(evaluateLevel(S, 5, f, allClaims).unmet).toEqual(['L5-4-4']);
    expect(highestLevelMet(S, f, allClaims, [])).toBe(4);
    f.petitions = { furthestCollective: 'none', beijingIndividual: true };
    expect(highestLevelMet(S, f, allClaims, [])).toBe(2);
  });

  it('a death, or two serious injuries, in a safety accident fails 3★; any accident fails 4★', () => {
    const f = best();
    const below = { kind: 'safetyAccidentBelow', deaths: 1, seriousInjuries: 2 } as const;
    f.safetyAccident = { deaths: 0, seriousInjuries: 1 };
    f.incidents.safetyAccident = 1;
    expect(evaluateCheck(below, f).met).toBe(true);
    expect(highestLevelMet(S, f, allClaims, [])).toBe(3);
    f.safetyAccident = { deaths: 0, seriousInjuries: 2 };
    expect(evaluateCheck(below, f).met).toBe(false);
    f.safetyAccident = { deaths: 0, seriousInjuries: 3 };
    expect(evaluateCheck(below, f).met).toBe(false);
    f.safetyAccident = { deaths: 1, seriousInjuries: 0 };
    expect(evaluateCheck(below, f)).toMatchObject({ met: false, reason: expect.stringContaining('死亡1人') });
  });

  it('居务公开 must cover all twelve months', () => {
    const f = best();
    f.disclosureMonths = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 12, 13];
    expect(evaluateCheck({ kind: 'disclosureMonthly' }, f)).toEqual({ met: false, reason: expect.stringContaining('11月') });
    expect(highestLevelMet(S, f, allClaims, [])).toBe(0);
  });

  it('a homicide fails 1★, and so every level above it', () => {
    const f = best();
    f.incidents.homicide = 1;
    expect(evaluateLevel(S, 3, f, allClaims).unmet).toEqual([]);
    expect(highestLevelMet(S, f, allClaims, [])).toBe(0);
    f.incidents.homicide = 2;
    expect(highestLevelMet(S, f, allClaims, [])).toBe(0);
    f.incidents.homicide = 0;
    expect(highestLevelMet(S, f, allClaims, [])).toBe(5);
  });

  it('pay coefficients: 3★ is the base; unrated and out-of-range levels throw', () => {
    expect([1, 2, 3, 4, 5].map((n) => payCoefficient(S, n))).toEqual([0.8, 0.9, 1, 1.1, 1.2]);
    for (const n of [0, 6, 2.5]) expect(() => payCoefficient(S, n)).toThrow(RangeError);
  });

  it('a year starts from last year\'s level', () => {
    expect(nextYearStart(null)).toBe(0);
    expect(nextYearStart(4)).toBe(4);
    expect(() => nextYearStart(7)).toThrow(RangeError);
  });
});

/** Mostly the value that meets 5★ (so that higher levels are reached), otherwise anything from `other`. */
const mostly = <T>(good: T, other: fc.Arbitrary<T>): fc.Arbitrary<T> => fc.oneof({ arbitrary: fc.constant(good), weight: 6 }, { arbitrary: other, weight: 1 });
/** Drops the entries left undefined (a missing fact). */
const given = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
const rankArb = (good: string) => mostly<string | undefined>(good, fc.constantFrom(undefined, 'none', ...RANKS));
const countArb = mostly<number | undefined>(0, fc.option(fc.nat(2), { nil: undefined }));

/** Facts drawn from small domains around the thresholds, mostly good, with some facts missing. */
const factsArb: fc.Arbitrary<RatingFacts> = fc.record({
  metrics: fc.record({
    mediationRate: mostly<number | undefined>(100, fc.constantFrom(undefined, 90, 99, 100)),
    mediationSuccessRate: mostly<number | undefined>(100, fc.constantFrom(undefined, 90, 95, 99, 100)),
  }).map(given),
  disclosureMonths: mostly([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 14 })),
  titles: fc.record({
    civilised: rankArb('province'), culture: mostly<string | number | undefined>(1, fc.constantFrom(undefined, 'none', 3, 2, 1)), health: rankArb('province'),
    learningParty: rankArb('county'), countyReport: rankArb('county'), harmony: rankArb('county'), integrityModel: rankArb('county'),
  }).map(given),
  incidents: fc.record({ homicide: countArb, majorCriminalCase: countArb, safetyAccident: countArb, viceCase: countArb }).map(given),
  safetyAccident: mostly({ deaths: 0, seriousInjuries: 0 }, fc.option(fc.record({ deaths: fc.nat(2), seriousInjuries: fc.nat(3) }))),
  petitions: mostly<RatingFacts['petitions']>({ furthestCollective: 'none', beijingIndividual: false },
    fc.option(fc.record({ furthestCollective: fc.constantFrom(...PETITION_LEVELS), beijingIndividual: fc.boolean() }))),
});

/** All claims but at most two, each left out or refused. */
const claimsArb = fc.subarray(Object.keys(allClaims), { maxLength: 2 }).chain((drop) =>
  fc.boolean().map((refuse) => Object.fromEntries(Object.keys(allClaims).filter((k) => !drop.includes(k) || refuse).map((k) => [k, !drop.includes(k)]))));
const vetoArb = mostly<string[]>([], fc.subarray(['V1', 'V2', 'V3']));

const rank = (t: string, v: string | number | undefined): number =>
  v === undefined ? -1 : v === 'none' ? 0 : t === 'culture' ? 4 - Number(v) : RANKS.indexOf(v as (typeof RANKS)[number]) + 1;
const better = <T>(a: T | undefined, b: T | undefined, score: (x: T) => number): T | undefined =>
  a === undefined ? b : b === undefined ? a : score(b) > score(a) ? b : a;

/** The better of two years in every fact (a missing fact is never better than a given one). */
function improve(a: RatingFacts, b: RatingFacts): RatingFacts {
  const out: RatingFacts = { metrics: {}, disclosureMonths: [...new Set([...a.disclosureMonths, ...b.disclosureMonths])], titles: {}, incidents: {}, safetyAccident: null, petitions: null };
  for (const m of ['mediationRate', 'mediationSuccessRate'] as const) out.metrics[m] = better(a.metrics[m], b.metrics[m], (x) => x);
  for (const t of Object.keys({ ...a.titles, ...b.titles }) as (keyof RatingFacts['titles'])[]) out.titles[t] = better(a.titles[t], b.titles[t], (x) => rank(t, x));
  for (const i of ['homicide', 'majorCriminalCase', 'safetyAccident', 'viceCase'] as const) out.incidents[i] = better(a.incidents[i], b.incidents[i], (x) => -x);
  for (const m of ['mediationRate', 'mediationSuccessRate'] as const) if (out.metrics[m] === undefined) delete out.metrics[m];
  for (const i of ['homicide', 'majorCriminalCase', 'safetyAccident', 'viceCase'] as const) if (out.incidents[i] === undefined) delete out.incidents[i];
  const sa = a.safetyAccident ?? b.safetyAccident;
  const sb = b.safetyAccident ?? a.safetyAccident;
  out.safetyAccident = sa && sb ? { deaths: Math.min(sa.deaths, sb.deaths), seriousInjuries: Math.min(sa.seriousInjuries, sb.seriousInjuries) } : null;
  const pa = a.petitions ?? b.petitions;
  const pb = b.petitions ?? a.petitions;
  out.petitions = pa && pb ? {
    furthestCollective: PETITION_LEVELS[Math.min(PETITION_LEVELS.indexOf(pa.furthestCollective), PETITION_LEVELS.indexOf(pb.furthestCollective))],
    beijingIndividual: pa.beijingIndividual && pb.beijingIndividual,
  } : null;
  return out;
}

describe('properties', () => {
  it('improving any fact, adding a claim or lifting a veto never lowers highestLevelMet', () => {
    const reached = new Set<number>();
    fc.assert(fc.property(factsArb, factsArb, claimsArb, claimsArb, vetoArb, vetoArb, (a, b, ca, cb, va, vb) => {
      const before = highestLevelMet(S, a, ca, va);
      reached.add(before);
      const claims = Object.fromEntries(Object.keys(allClaims).map((k) => [k, ca[k] === true || cb[k] === true]));
      const after = highestLevelMet(S, improve(a, b), claims, va.filter((v) => vb.includes(v)));
      expect(after).toBeGreaterThanOrEqual(before);
    }), { numRuns: 1000 });
    expect([...reached].sort(), 'the facts drawn reach every level').toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('the result is always 0–5, and below vetoFrom when a veto holds', () => {
    fc.assert(fc.property(factsArb, vetoArb, (f, v) => {
      const n = highestLevelMet(S, f, allClaims, v);
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThanOrEqual(v.length ? S.vetoFrom - 1 : 5);
    }));
  });

  it('a pay table is accepted exactly when 3★ is 1 and it never decreases; then payCoefficient is non-decreasing', () => {
    const coef = fc.constantFrom(0.5, 0.8, 0.9, 1, 1.1, 1.2, 1.5);
    fc.assert(fc.property(coef, coef, coef, coef, coef, (c1, c2, c3, c4, c5) => {
      const s = clone();
      s.payCoefficients = { 1: c1, 2: c2, 3: c3, 4: c4, 5: c5 };
      const good = c3 === 1 && c1 <= c2 && c2 <= c3 && c3 <= c4 && c4 <= c5;
      const r = parseStandard(s);
      expect(r.ok).toBe(good);
      if (r.ok) for (let n = 1; n < 5; n++) expect(payCoefficient(r.value, n)).toBeLessThanOrEqual(payCoefficient(r.value, n + 1));
    }));
  });
});
