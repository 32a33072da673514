/** Tests of the 两票制 rule: scores, bands, the residents' trust threshold, the 优秀 quota, and the rule's own checks. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GRADE_SETS, RULE_NATIONAL, RULE_SEED003, ruleProblems, tally, type Counts, type Rule } from './rules.js';

const counts = (members: Record<string, number>, residents: Record<string, number> = {}): Counts => ({ members, residents });

describe('the seed 003 rule', () => {
  it('weights the two ballots 60/40 and grades by the bands', () => {
    const [r] = tally(RULE_SEED003, new Map([[1, counts({ 优秀: 8, 合格: 2 }, { 优秀: 5, 合格: 5 })]]));
    // members 96, residents 90 → 96×0.6 + 90×0.4 = 93.6
    expect(r).toMatchObject({ memberId: 1, score: 93.6, grade: '优秀' });
    expect(r.reasons[0]).toContain('综合得分 93.6');
  });

  it('sets 不合格 when the residents\' trust is below half, whatever the members say', () => {
    const [r] = tally(RULE_SEED003, new Map([[7, counts({ 优秀: 10 }, { 合格: 4, 不合格: 3, 基本不合格: 3 })]]));
    expect(r.grade).toBe('不合格');
    expect(r.reasons.at(-1)).toBe('群众信任率 40%，低于 50%：定为“不合格”');
    // exactly half is not below half
    const [ok] = tally(RULE_SEED003, new Map([[7, counts({ 优秀: 10 }, { 合格: 5, 不合格: 5 })]]));
    expect(ok.grade).not.toBe('不合格');
  });

  it('uses the members\' ballots alone when no resident voted, and grades nobody without ballots', () => {
    const r = tally(RULE_SEED003, new Map([[1, counts({ 合格: 4 })], [2, counts({})]]));
    expect(r[0]).toMatchObject({ score: 80, grade: '合格' });
    expect(r[1]).toMatchObject({ score: null, grade: null, reasons: ['没有有效票，不评定等次'] });
  });
});

describe('the national rule', () => {
  it('keeps 优秀 to a third: the lowest scores above the cap, and those tied with them, move down', () => {
    const c = new Map<number, Counts>([
      [1, counts({ 优秀: 10 })], [2, counts({ 优秀: 10 })], [3, counts({ 优秀: 9, 合格: 1 })], [4, counts({ 优秀: 9, 合格: 1 })],
      [5, counts({ 合格: 10 })], [6, counts({ 合格: 10 })],
    ]);
    const r = tally(RULE_NATIONAL, c);
    // six graded: at most two 优秀; 1 and 2 (100) keep it, 3 and 4 (98) move down
    expect(r.map((x) => x.grade)).toEqual(['优秀', '优秀', '合格', '合格', '合格', '合格']);
    expect(r[2].reasons.at(-1)).toContain('6 人中至多 2 人');
    // a tie across the cap: 1, 2, 3 at 100 with room for two → all three move down
    const tied = tally(RULE_NATIONAL, new Map([...c, [3, counts({ 优秀: 10 })]]));
    expect(tied.filter((x) => x.grade === '优秀').map((x) => x.memberId)).toEqual([]);
  });

  it('never lets a quota pass its share, and never raises anyone', () => {
    const grades = GRADE_SETS.national;
    const member = fc.record({ members: fc.dictionary(fc.constantFrom(...grades), fc.integer({ min: 0, max: 20 })), residents: fc.dictionary(fc.constantFrom(...grades), fc.integer({ min: 0, max: 20 })) });
    fc.assert(fc.property(fc.array(member, { minLength: 1, maxLength: 30 }), (ms) => {
      const c = new Map(ms.map((m, i) => [i + 1, m as Counts]));
      const withQuota = tally(RULE_NATIONAL, c);
      const without = tally({ ...RULE_NATIONAL, quotas: [] }, c);
      const graded = withQuota.filter((r) => r.grade !== null).length;
      expect(withQuota.filter((r) => r.grade === '优秀').length).toBeLessThanOrEqual(Math.floor(graded / 3 + 1e-9));
      withQuota.forEach((r, i) => expect(grades.indexOf(r.grade as never)).toBeGreaterThanOrEqual(grades.indexOf(without[i].grade as never)));
    }), { numRuns: 300 });
  });

  it('gives the same results whatever order the members come in', () => {
    const grades = GRADE_SETS.seed003;
    const member = fc.record({ members: fc.dictionary(fc.constantFrom(...grades), fc.integer({ min: 0, max: 9 })), residents: fc.dictionary(fc.constantFrom(...grades), fc.integer({ min: 0, max: 9 })) });
    fc.assert(fc.property(fc.array(member, { minLength: 1, maxLength: 12 }), fc.integer(), (ms, seed) => {
      const entries = ms.map((m, i) => [i + 1, m as Counts] as const);
      const shuffled = [...entries].sort((a, b) => ((a[0] * 7919 + seed) % 101) - ((b[0] * 7919 + seed) % 101));
      expect(tally(RULE_SEED003, new Map(shuffled))).toEqual(tally(RULE_SEED003, new Map(entries)));
    }), { numRuns: 100 });
  });
});

describe('a rule\'s own checks', () => {
  it('pass the two built-in rules', () => {
    expect(ruleProblems(RULE_SEED003)).toEqual([]);
    expect(ruleProblems(RULE_NATIONAL)).toEqual([]);
  });

  it('name each problem by its path', () => {
    const bad: Rule = { ...RULE_NATIONAL, points: { ...RULE_NATIONAL.points, 基本不合格: 40 }, weights: { members: 0.7, residents: 0.4 },
      bands: [{ grade: '合格', minScore: 70 }, { grade: '优秀', minScore: 80 }], quotas: [{ grade: '不合格', maxShare: 0.1 }] };
    const paths = ruleProblems(bad).map((p) => p.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['points.基本不合格', 'weights', 'bands.1.minScore', 'bands.1.grade', 'quotas.0.grade']));
  });
});
