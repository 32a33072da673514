import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseScheme, type Band, type SchemeDefinition, type SchemeDefinitionInput } from './model.js';
import {
  appliesTo, bandOf, canonicalResults, checkEntry, fromCents, gradeReason, gradeRun, holds, memberFacts, placeTier, scoreOf, toCents, totalScorer,
  type CapUsage, type DimensionSums, type EntryRequest, type Facts, type MemberRecord, type RunSubject,
} from './rules.js';

type Fixture = SchemeDefinitionInput & Required<Pick<SchemeDefinitionInput, 'dimensions' | 'tiers' | 'quotas' | 'multiYear'>>;

const input = (): Fixture => ({
  subject: 'member',
  baseScore: 100,
  minScore: 0,
  maxScore: 150,
  dimensions: [
    { code: 'study', name: '学习', maxPoints: 20, minPoints: -30 },
    { code: 'duty', name: '履职' },
  ],
  tiers: [
    { code: 'senior', name: '老党员', rule: { fact: 'age', op: 'gte', value: 70 } },
    { code: 'all', name: '一般党员', rule: { all: [] } },
  ],
  indicators: [
    { code: 'S1', name: '参加学习', dimension: 'study', kind: 'add', points: 2, capPerMonth: 4, capPerYear: 20, recorderRoles: ['branch_secretary'] },
    { code: 'S2', name: '缺席学习', dimension: 'study', kind: 'subtract', points: 3, capPerMonth: 6, recorderRoles: ['branch_secretary'] },
    { code: 'D1', name: '志愿服务', dimension: 'duty', kind: 'add', points: 1, adjustable: true, capPerEntry: 5, evidenceRequired: true, recorderRoles: ['branch_secretary', 'grid_liaison'], tiers: ['all'] },
    { code: 'D2', name: '结对帮扶', dimension: 'duty', kind: 'add', points: 2, recorderRoles: ['community_admin'], tiers: ['senior'] },
  ],
  bands: [
    { code: 'poor', name: '不合格', from: null, fromInclusive: false, to: 60, toInclusive: false, actions: ['限期整顿'], opensTask: true },
    { code: 'ok', name: '合格', from: 60, fromInclusive: true, to: 85, toInclusive: false },
    { code: 'good', name: '良好', from: 85, fromInclusive: true, to: 95, toInclusive: false, award: 200, actions: ['教育勉励'] },
    { code: 'best', name: '优秀', from: 95, fromInclusive: true, to: null, toInclusive: false, award: 500, actions: ['表彰'] },
  ],
  quotas: [{ band: 'best', maxShare: 0.3, per: 'run', demoteTo: 'good' }],
  multiYear: [{ band: 'poor', consecutiveYears: 2, action: '组织处置', options: ['限期整改', '劝退'] }],
});

const scheme = (change?: (s: Fixture) => void): SchemeDefinition => {
  const s = structuredClone(input());
  change?.(s);
  const r = parseScheme(s);
  if (!r.ok) throw new Error(`fixture scheme refused: ${JSON.stringify(r.problems)}`);
  return r.value;
};
const D = scheme();
const BAND_CODES = D.bands.map((b) => b.code);

const noUsage: CapUsage = { monthCents: 0, yearCents: 0 };
const req = (indicator: string, more: Partial<EntryRequest> = {}): EntryRequest => ({ indicator, roles: ['branch_secretary'], evidence: 'x', ...more });
const problemsOf = (r: ReturnType<typeof checkEntry>) => (r.ok ? [] : r.problems);

/** A subject whose total is `score` (through the unclamped duty dimension). */
const subj = (id: number, score: number, more: Partial<RunSubject> = {}): RunSubject => ({
  id, groupId: 1, tier: null, ungraded: false, sums: new Map([['duty', toCents(score - D.baseScore)]]), history: [], ...more,
});
const byId = <T extends { id: number }>(list: T[], id: number) => list.find((r) => r.id === id)!;

describe('cents', () => {
  it('converts points to integer hundredths and back', () => {
    expect(toCents(0.29)).toBe(29);
    expect(toCents('1.10')).toBe(110);
    expect(toCents(-2.55)).toBe(-255);
    expect(fromCents(1234)).toBe(12.34);
    fc.assert(fc.property(fc.integer({ min: -100_000, max: 100_000 }), (c) => toCents(fromCents(c)) === c));
  });
});

describe('member facts, rules and tiers', () => {
  const m: MemberRecord = {
    birthDate: '1954-12-31', joinDate: '1980-01-01', gender: '女', category: '正式党员', workState: '退休', post: null,
    flowing: false, education: '本科', tier: null, partyState: 'normal',
  };

  it('counts full years on 31 December of the year', () => {
    const f = memberFacts(m, 2024);
    expect(f.age).toBe(70);
    expect(f.partyYears).toBe(44);
    expect(f).toMatchObject({ gender: '女', category: '正式党员', workState: '退休', post: null, flowing: false, education: '本科', tierLabel: null, partyState: 'normal' });
    expect(memberFacts({ ...m, birthDate: '1955-01-01' }, 2024).age).toBe(69);
  });

  it('evaluates each operator', () => {
    const f = memberFacts(m, 2024);
    expect(holds({ fact: 'age', op: 'gte', value: 70 }, f)).toBe(true);
    expect(holds({ fact: 'age', op: 'gt', value: 70 }, f)).toBe(false);
    expect(holds({ fact: 'age', op: 'lte', value: 70 }, f)).toBe(true);
    expect(holds({ fact: 'age', op: 'lt', value: 70 }, f)).toBe(false);
    expect(holds({ fact: 'age', op: 'gte', value: '70' }, f)).toBe(false);
    expect(holds({ fact: 'gender', op: 'eq', value: '女' }, f)).toBe(true);
    expect(holds({ fact: 'gender', op: 'ne', value: '女' }, f)).toBe(false);
    expect(holds({ fact: 'flowing', op: 'eq', value: false }, f)).toBe(true);
    expect(holds({ fact: 'workState', op: 'in', value: ['在职', '退休'] }, f)).toBe(true);
    expect(holds({ fact: 'workState', op: 'nin', value: ['在职', '退休'] }, f)).toBe(false);
    expect(holds({ fact: 'workState', op: 'in', value: '退休' }, f)).toBe(false);
    expect(holds({ fact: 'category', op: 'contains', value: '正式' }, f)).toBe(true);
    expect(holds({ fact: 'post', op: 'empty' }, f)).toBe(true);
    expect(holds({ fact: 'post', op: 'notEmpty' }, f)).toBe(false);
    expect(holds({ fact: 'education', op: 'notEmpty' }, f)).toBe(true);
  });

  it('combines rules with all, any and not', () => {
    const f = memberFacts(m, 2024);
    expect(holds({ all: [] }, f)).toBe(true);
    expect(holds({ all: [{ fact: 'age', op: 'gte', value: 70 }, { fact: 'gender', op: 'eq', value: '男' }] }, f)).toBe(false);
    expect(holds({ any: [{ fact: 'age', op: 'gte', value: 80 }, { fact: 'gender', op: 'eq', value: '女' }] }, f)).toBe(true);
    expect(holds({ not: { fact: 'flowing', op: 'eq', value: true } }, f)).toBe(true);
  });

  it('places a member in the first tier whose rule holds', () => {
    expect(placeTier(D, memberFacts(m, 2024))).toBe('senior');
    expect(placeTier(D, memberFacts(m, 2023))).toBe('all');
    const noCatchAll = scheme((s) => { s.tiers = [s.tiers[0]]; s.indicators.forEach((x) => { x.tiers = null; }); });
    expect(placeTier(noCatchAll, memberFacts(m, 2023))).toBeNull();
    expect(placeTier(scheme((s) => { s.tiers = []; s.indicators.forEach((x) => { x.tiers = null; }); }), memberFacts(m, 2024) as Facts)).toBeNull();
  });

  it('applies an untiered indicator to everyone and a tiered one to its tiers only', () => {
    const [s1, , d1] = D.indicators;
    expect(appliesTo(s1, null)).toBe(true);
    expect(appliesTo(d1, 'all')).toBe(true);
    expect(appliesTo(d1, 'senior')).toBe(false);
    expect(appliesTo(d1, null)).toBe(false);
  });
});

describe('checkEntry', () => {
  it('accepts an entry and returns signed cents', () => {
    expect(checkEntry(D, 'all', req('S1'), noUsage)).toMatchObject({ ok: true, cents: 200, indicator: { code: 'S1' } });
    expect(checkEntry(D, 'all', req('S2'), noUsage)).toMatchObject({ ok: true, cents: -300 });
    expect(checkEntry(D, 'all', req('S2', { points: -3 }), noUsage)).toMatchObject({ ok: true, cents: -300 });
    expect(checkEntry(D, 'all', req('D1', { points: 2.5 }), noUsage)).toMatchObject({ ok: true, cents: 250 });
    expect(checkEntry(D, 'all', req('D1', { points: 5 }), noUsage)).toMatchObject({ ok: true, cents: 500 });
    expect(checkEntry(D, 'senior', req('D2', { roles: ['community_admin'] }), noUsage)).toMatchObject({ ok: true, cents: 200 });
  });

  it('refuses an indicator not in the scheme, with that problem only', () => {
    expect(checkEntry(D, 'all', req('ZZ', { roles: [] }), noUsage)).toEqual({ ok: false, problems: [{ field: 'indicator', zh: expect.stringContaining('ZZ'), en: 'no indicator ZZ in this scheme' }] });
  });

  it('refuses an indicator outside the member’s tier', () => {
    const ps = problemsOf(checkEntry(D, 'all', req('D2', { roles: ['community_admin'] }), noUsage));
    expect(ps).toEqual([{ field: 'indicator', zh: expect.stringContaining('一般党员'), en: 'indicator D2 does not apply to tier all' }]);
    expect(problemsOf(checkEntry(D, null, req('D1'), noUsage)).map((p) => p.en)).toEqual(['indicator D1 does not apply to tier (none)']);
  });

  it('refuses the wrong sign and zero', () => {
    expect(problemsOf(checkEntry(D, 'all', req('S1', { points: -2 }), noUsage))).toEqual([{ field: 'points', zh: expect.stringContaining('正'), en: 'indicator S1 adds points' }]);
    expect(problemsOf(checkEntry(D, 'all', req('S2', { points: 3 }), noUsage))).toEqual([{ field: 'points', zh: expect.stringContaining('负'), en: 'indicator S2 subtracts points' }]);
    expect(problemsOf(checkEntry(D, 'all', req('D1', { points: 0 }), noUsage)).map((p) => p.en)).toEqual(['points must not be zero']);
  });

  it('refuses another magnitude for a non-adjustable indicator', () => {
    expect(problemsOf(checkEntry(D, 'all', req('S1', { points: 3 }), noUsage)).map((p) => p.en)).toEqual(['indicator S1 scores 2 each time']);
    expect(problemsOf(checkEntry(D, 'all', req('S1', { points: 1.99 }), noUsage)).map((p) => p.en)).toEqual(['indicator S1 scores 2 each time']);
  });

  it('refuses a magnitude above the per-entry cap', () => {
    expect(problemsOf(checkEntry(D, 'all', req('D1', { points: 5.01 }), noUsage))).toEqual([{ field: 'points', zh: '超过单次上限 5 分', en: 'above the per-entry cap of 5' }]);
  });

  it('applies the month cap to the net usage of the month', () => {
    expect(checkEntry(D, 'all', req('S1'), { monthCents: 200, yearCents: 200 }).ok).toBe(true);
    expect(problemsOf(checkEntry(D, 'all', req('S1'), { monthCents: 300, yearCents: 300 })).map((p) => p.en)).toEqual(['above the monthly cap of 4 (already 3)']);
    // 4 recorded, then a reversal of 2: the net 2 leaves room for one more entry
    expect(checkEntry(D, 'all', req('S1'), { monthCents: 400 - 200, yearCents: 400 - 200 }).ok).toBe(true);
    // subtracting indicator: usage is negative, the cap is on its magnitude
    expect(checkEntry(D, 'all', req('S2'), { monthCents: -300, yearCents: -300 }).ok).toBe(true);
    expect(problemsOf(checkEntry(D, 'all', req('S2'), { monthCents: -400, yearCents: -400 })).map((p) => p.en)).toEqual(['above the monthly cap of 6 (already 4)']);
    expect(checkEntry(D, 'all', req('S2'), { monthCents: -600 + 300, yearCents: -300 }).ok).toBe(true);
  });

  it('applies the year cap to the net usage of the year', () => {
    expect(checkEntry(D, 'all', req('S1'), { monthCents: 0, yearCents: 1800 }).ok).toBe(true);
    expect(problemsOf(checkEntry(D, 'all', req('S1'), { monthCents: 0, yearCents: 1900 })).map((p) => p.en)).toEqual(['above the yearly cap of 20 (already 19)']);
    expect(checkEntry(D, 'all', req('S1'), { monthCents: 0, yearCents: 2000 - 200 }).ok).toBe(true);
    expect(problemsOf(checkEntry(D, 'all', req('S1'), { monthCents: 300, yearCents: 1900 })).map((p) => p.en)).toEqual([
      'above the monthly cap of 4 (already 3)', 'above the yearly cap of 20 (already 19)',
    ]);
  });

  it('asks for evidence when the indicator requires it', () => {
    expect(problemsOf(checkEntry(D, 'all', req('D1', { evidence: null }), noUsage))).toEqual([{ field: 'evidence', zh: expect.any(String), en: 'indicator D1 needs evidence' }]);
    expect(problemsOf(checkEntry(D, 'all', req('D1', { evidence: '   ' }), noUsage)).map((p) => p.field)).toEqual(['evidence']);
    expect(checkEntry(D, 'all', req('D1', { evidence: null, fileId: 7 }), noUsage).ok).toBe(true);
    expect(checkEntry(D, 'all', req('S1', { evidence: null }), noUsage).ok).toBe(true);
  });

  it('refuses a recorder whose roles are not allowed', () => {
    expect(problemsOf(checkEntry(D, 'all', req('S1', { roles: ['grid_liaison'] }), noUsage))).toEqual([{ field: 'indicator', zh: expect.any(String), en: 'your role may not record indicator S1' }]);
    expect(problemsOf(checkEntry(D, 'all', req('S1', { roles: [] }), noUsage)).length).toBe(1);
    expect(checkEntry(D, 'all', req('S1', { roles: ['grid_liaison', 'branch_secretary'] }), noUsage).ok).toBe(true);
  });

  it('reports every problem of one entry', () => {
    const ps = problemsOf(checkEntry(D, 'senior', req('D1', { points: -6, evidence: null, roles: ['inspector'] }), { monthCents: 0, yearCents: 0 }));
    expect(ps.map((p) => p.en)).toEqual([
      'indicator D1 does not apply to tier senior', 'indicator D1 adds points', 'above the per-entry cap of 5', 'indicator D1 needs evidence', 'your role may not record indicator D1',
    ]);
  });
});

describe('scoreOf', () => {
  const sumLines = (r: ReturnType<typeof scoreOf>) => r.lines.reduce((s, l) => s + l.cents, 0);

  it('is the base score without entries, every dimension listed at 0', () => {
    expect(scoreOf(D, new Map())).toEqual({ cents: 10000, lines: [
      { kind: 'base', label: '基础分', cents: 10000 },
      { kind: 'dimension', label: '履职', cents: 0, note: undefined },
      { kind: 'dimension', label: '学习', cents: 0, note: undefined },
    ] });
  });

  it('adds each dimension in code order, unclamped within limits', () => {
    const r = scoreOf(D, new Map([['study', 1250], ['duty', -300]]));
    expect(r.cents).toBe(10950);
    expect(r.lines).toEqual([
      { kind: 'base', label: '基础分', cents: 10000 },
      { kind: 'dimension', label: '履职', cents: -300, note: undefined },
      { kind: 'dimension', label: '学习', cents: 1250, note: undefined },
    ]);
  });

  it('clamps a dimension to its maximum and minimum, and says so', () => {
    const hi = scoreOf(D, new Map([['study', 2500]]));
    expect(hi.cents).toBe(12000);
    expect(hi.lines.find((l) => l.label === '学习')).toEqual({ kind: 'dimension', label: '学习', cents: 2000, note: '按维度限额由 25 计为 20' });
    const lo = scoreOf(D, new Map([['study', -4050]]));
    expect(lo.cents).toBe(7000);
    expect(lo.lines.find((l) => l.label === '学习')).toEqual({ kind: 'dimension', label: '学习', cents: -3000, note: '按维度限额由 -40.5 计为 -30' });
  });

  it('clamps the total to the maximum and minimum score, with a clamp line', () => {
    const hi = scoreOf(D, new Map([['duty', 8000]]));
    expect(hi.cents).toBe(15000);
    expect(hi.lines.at(-1)).toEqual({ kind: 'clamp', label: '总分限额', cents: -3000, note: '总分限于 0–150' });
    expect(sumLines(hi)).toBe(hi.cents);
    const lo = scoreOf(D, new Map([['study', -5000], ['duty', -8000]]));
    expect(lo.cents).toBe(0);
    expect(lo.lines.map((l) => l.cents)).toEqual([10000, -8000, -3000, 1000]);
    expect(lo.lines.at(-1)?.kind).toBe('clamp');
  });

  it('gives the total a run uses (totalScorer) for any sums, dimensions of the scheme or not', () => {
    const flat = scheme((s) => { s.dimensions = []; s.indicators.forEach((x) => { x.dimension = null; }); s.minScore = null; s.maxScore = null; });
    const sums = fc.dictionary(fc.constantFrom('study', 'duty', '', 'other'), fc.integer({ min: -20_000, max: 20_000 }), { maxKeys: 4 });
    for (const d of [D, flat]) {
      const total = totalScorer(d);
      fc.assert(fc.property(sums, (o) => {
        const m: DimensionSums = new Map(Object.entries(o));
        expect(total(m)).toBe(scoreOf(d, m).cents);
      }));
    }
  });

  it('labels the single sum of a scheme without dimensions', () => {
    const flat = scheme((s) => { s.dimensions = []; s.indicators.forEach((x) => { x.dimension = null; }); s.minScore = null; s.maxScore = null; });
    const r = scoreOf(flat, new Map([['', 99_900]]));
    expect(r.cents).toBe(109_900);
    expect(r.lines[1]).toEqual({ kind: 'dimension', label: '加减分', cents: 99_900, note: undefined });
  });

  it('always explains the total: the lines add up to it', () => {
    const sums = fc.dictionary(fc.constantFrom('study', 'duty', 'other'), fc.integer({ min: -20_000, max: 20_000 }));
    fc.assert(fc.property(sums, (o) => {
      const r = scoreOf(D, new Map(Object.entries(o)));
      expect(sumLines(r)).toBe(r.cents);
      expect(r.cents).toBeGreaterThanOrEqual(0);
      expect(r.cents).toBeLessThanOrEqual(15000);
    }));
  });
});

describe('bandOf', () => {
  it('follows the inclusive flags exactly at the band edges', () => {
    const at = (cents: number) => bandOf(D, cents).code;
    expect([at(-100_000), at(5999), at(6000), at(8499), at(8500), at(9499), at(9500), at(100_000)]).toEqual(['poor', 'poor', 'ok', 'ok', 'good', 'good', 'best', 'best']);
    const upper = scheme((s) => {
      s.bands[0].toInclusive = true;
      for (const b of s.bands.slice(1)) { b.fromInclusive = false; b.toInclusive = b.to !== null; }
    });
    const at2 = (cents: number) => bandOf(upper, cents).code;
    expect([at2(6000), at2(6001), at2(8500), at2(8501), at2(9500), at2(9501)]).toEqual(['poor', 'ok', 'ok', 'good', 'good', 'best']);
  });

  it('handles a one-point band and decimal boundaries', () => {
    const d = scheme((s) => {
      s.bands = [
        { code: 'low', name: '低', from: null, fromInclusive: false, to: 59.5, toInclusive: false },
        { code: 'mid', name: '刚好', from: 59.5, fromInclusive: true, to: 59.5, toInclusive: true },
        { code: 'high', name: '高', from: 59.5, fromInclusive: false, to: null, toInclusive: false },
      ];
      s.quotas = [];
      s.multiYear = [];
    });
    expect([5949, 5950, 5951].map((c) => bandOf(d, c).code)).toEqual(['low', 'mid', 'high']);
  });

  it('throws for a scheme whose bands leave a score out', () => {
    const gapped = { ...D, bands: [D.bands[0], D.bands[3]] };
    expect(() => bandOf(gapped, 7000)).toThrow(/no band holds 70/);
  });
});

describe('gradeRun', () => {
  it('ranks by competition ranking over the run and within each group, ordered by id', () => {
    const res = gradeRun(D, [subj(4, 70, { groupId: 2 }), subj(2, 80, { groupId: 2 }), subj(3, 80), subj(1, 90), subj(5, 80, { groupId: 2 })]);
    expect(res.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    expect(res.map((r) => r.rank)).toEqual([1, 2, 2, 5, 2]);
    expect(res.map((r) => r.groupRank)).toEqual([1, 1, 2, 3, 1]);
    expect(res.map((r) => r.cents)).toEqual([9000, 8000, 8000, 7000, 8000]);
  });

  it('takes grade, award, actions and task from the band', () => {
    const res = gradeRun(D, [subj(1, 50), subj(2, 70), subj(3, 90), subj(4, 99)].concat([5, 6, 7, 8, 9, 10].map((i) => subj(i, 61))));
    expect(byId(res, 1)).toMatchObject({ grade: 'poor', scoreGrade: 'poor', award: 0, actions: ['限期整顿'], opensTask: true, flags: [], quotaAdjusted: false });
    expect(byId(res, 2)).toMatchObject({ grade: 'ok', award: 0, actions: [], opensTask: false });
    expect(byId(res, 3)).toMatchObject({ grade: 'good', award: 200, actions: ['教育勉励'], opensTask: false });
    expect(byId(res, 4)).toMatchObject({ grade: 'best', award: 500, actions: ['表彰'], quotaAdjusted: false });
  });

  it('keeps floor(share × graded) in a quota band per run; equal totals at the boundary by id', () => {
    // 10 graded, best ≤ 30%: 3 keep it. 99 and 97 keep; of the three 96s only the lowest id keeps.
    const subjects = [subj(1, 96), subj(2, 99), subj(3, 96), subj(4, 97), subj(5, 96), ...[6, 7, 8, 9, 10].map((i) => subj(i, 70))];
    const res = gradeRun(D, subjects);
    expect(res.filter((r) => r.grade === 'best').map((r) => r.id)).toEqual([1, 2, 4]);
    for (const id of [3, 5]) expect(byId(res, id)).toMatchObject({ grade: 'good', scoreGrade: 'best', quotaAdjusted: true, award: 200, actions: ['教育勉励'] });
    expect(res.filter((r) => r.quotaAdjusted).map((r) => r.id)).toEqual([3, 5]);
  });

  it('leaves ungraded subjects without a grade and out of the quota denominator', () => {
    // 7 graded → floor(2.1) = 2 may be best; the 3 ungraded (also scoring 99) neither count nor take a place
    const subjects = [...[1, 2, 3].map((i) => subj(i, 99, { ungraded: true })), subj(4, 98), subj(5, 97), subj(6, 96), ...[7, 8, 9, 10].map((i) => subj(i, 70))];
    const res = gradeRun(D, subjects);
    for (const id of [1, 2, 3]) expect(byId(res, id)).toMatchObject({ grade: null, scoreGrade: null, quotaAdjusted: false, award: 0, actions: [], flags: ['ungraded'], opensTask: false, rank: 1 });
    expect(res.filter((r) => r.grade === 'best').map((r) => r.id)).toEqual([4, 5]);
    expect(byId(res, 6)).toMatchObject({ grade: 'good', quotaAdjusted: true });
  });

  it('applies a per-org quota within each group', () => {
    const d = scheme((s) => { s.quotas = [{ band: 'best', maxShare: 0.5, per: 'org', demoteTo: 'ok' }]; });
    // group 1: 3 graded → 1 may be best; group 2: 4 graded (+1 ungraded) → 2 may be best
    const res = gradeRun(d, [
      subj(1, 96), subj(2, 97), subj(3, 70),
      subj(4, 96, { groupId: 2 }), subj(5, 96, { groupId: 2 }), subj(6, 96, { groupId: 2 }), subj(7, 70, { groupId: 2 }), subj(8, 99, { groupId: 2, ungraded: true }),
    ]);
    expect(res.filter((r) => r.grade === 'best').map((r) => r.id)).toEqual([2, 4, 5]);
    expect(res.filter((r) => r.quotaAdjusted).map((r) => [r.id, r.grade, r.scoreGrade])).toEqual([[1, 'ok', 'best'], [6, 'ok', 'best']]);
  });

  it('flags a multi-year grade only after enough consecutive earlier years in the band', () => {
    const d = scheme((s) => {
      s.multiYear = [{ band: 'poor', consecutiveYears: 3, action: '组织处置', options: [] }, { band: 'ok', consecutiveYears: 2, action: '谈心谈话', options: [] }];
    });
    const res = gradeRun(d, [
      subj(1, 50, { history: ['poor', 'poor'] }),
      subj(2, 50, { history: ['poor', 'poor', 'ok'] }),
      subj(3, 50, { history: ['poor'] }),
      subj(4, 50, { history: ['poor', null, 'poor'] }),
      subj(5, 50, { history: ['ok', 'poor'] }),
      subj(6, 70, { history: ['ok'] }),
      subj(7, 70, { history: [] }),
      subj(8, 70, { history: ['poor', 'ok'] }),
    ]);
    expect(byId(res, 1)).toMatchObject({ flags: ['multiYear:poor:3'], actions: ['限期整顿', '组织处置'], opensTask: true });
    expect(byId(res, 2).flags).toEqual(['multiYear:poor:3']);
    for (const id of [3, 4, 5]) expect(byId(res, id)).toMatchObject({ flags: [], actions: ['限期整顿'] });
    expect(byId(res, 6)).toMatchObject({ flags: ['multiYear:ok:2'], actions: ['谈心谈话'], opensTask: true });
    for (const id of [7, 8]) expect(byId(res, id)).toMatchObject({ flags: [], actions: [], opensTask: false });
  });

  it('explains each grade', () => {
    const res = gradeRun(D, [subj(1, 96), subj(2, 96), subj(3, 96, { ungraded: true }), ...[4, 5, 6, 7].map((i) => subj(i, 80))]);
    expect(gradeReason(D, byId(res, 1))).toBe('总分 96 属于“优秀” [95, +∞)');
    expect(gradeReason(D, byId(res, 2))).toBe('总分 96 属于“优秀” [95, +∞)；“优秀”限 30%，超出比例，按得分顺序调为“良好”');
    expect(gradeReason(D, byId(res, 3))).toBe('预备党员参加评议，不评定等次');
    expect(gradeReason(D, byId(res, 4))).toBe('总分 80 属于“合格” [60, 85)');
  });

  it('gives a canonical text that lists results in id order', () => {
    const res = gradeRun(D, [subj(2, 80), subj(1, 96)]);
    const text = canonicalResults(res);
    expect(JSON.parse(text)).toEqual([
      [1, 1, null, 9600, 'good', 'best', 1, 1, true, 200, ['教育勉励'], []],
      [2, 1, null, 8000, 'ok', 'ok', 2, 2, false, 0, [], []],
    ]);
  });
});

// ——— property tests ———

const centsArb = fc.integer({ min: -100_000, max: 100_000 });
const entryArb = fc.record({ dim: fc.constantFrom('study', 'duty'), points: centsArb.map(fromCents) });
const sumsOf = (entries: { dim: string; points: number }[]): DimensionSums => {
  const m: DimensionSums = new Map();
  for (const e of entries) m.set(e.dim, (m.get(e.dim) ?? 0) + toCents(e.points));
  return m;
};
const permutation = <T>(list: T[]) => fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length });

/** A scheme with one quota per band above the lowest, listed from the highest band down. */
const quotaArb = fc.record({ at: fc.integer({ min: 1, max: 3 }), below: fc.nat(2), share: fc.integer({ min: 1, max: 100 }).map((n) => n / 100), per: fc.constantFrom('run' as const, 'org' as const) });
const runSchemeArb = fc.array(quotaArb, { maxLength: 3 }).map((qs) => scheme((s) => {
  s.quotas = qs
    .map((q) => ({ band: BAND_CODES[q.at], demoteTo: BAND_CODES[Math.max(0, q.at - 1 - q.below)], maxShare: q.share, per: q.per }))
    .sort((a, b) => BAND_CODES.indexOf(b.band) - BAND_CODES.indexOf(a.band));
  s.multiYear = [{ band: 'poor', consecutiveYears: 2, action: '组织处置', options: [] }, { band: 'best', consecutiveYears: 3, action: '推荐表彰', options: [] }];
}));
const subjectsArb = fc.uniqueArray(fc.record({
  id: fc.integer({ min: 1, max: 10_000 }),
  groupId: fc.integer({ min: 1, max: 3 }),
  ungraded: fc.boolean(),
  // few distinct totals, so that ties are frequent
  duty: fc.integer({ min: -6, max: 6 }).map((n) => n * 500),
  study: fc.constantFrom(0, -100, 2500),
  history: fc.array(fc.constantFrom<string | null>(null, ...BAND_CODES), { maxLength: 3 }),
}), { selector: (s) => s.id, maxLength: 40 }).map((list) => list.map((s): RunSubject => ({
  id: s.id, groupId: s.groupId, tier: null, ungraded: s.ungraded, sums: new Map([['duty', s.duty], ['study', s.study]]), history: s.history,
})));

describe('properties', () => {
  it('(1) a total does not depend on the order of the entries', () => {
    const arb = fc.array(entryArb, { maxLength: 30 }).chain((es) => fc.tuple(fc.constant(es), permutation(es)));
    fc.assert(fc.property(arb, ([entries, shuffled]) => {
      const a = scoreOf(D, sumsOf(entries));
      const b = scoreOf(D, sumsOf(shuffled));
      expect(b).toEqual(a);
    }));
  });

  it('(2) an entry and its reversal cancel exactly', () => {
    const arb = fc.tuple(fc.array(entryArb, { maxLength: 20 }), entryArb, fc.nat(), fc.nat());
    fc.assert(fc.property(arb, ([entries, x, i, j]) => {
      const withBoth = [...entries];
      withBoth.splice(i % (withBoth.length + 1), 0, x);
      withBoth.splice(j % (withBoth.length + 1), 0, { dim: x.dim, points: -x.points });
      expect(scoreOf(D, sumsOf(withBoth)).cents).toBe(scoreOf(D, sumsOf(entries)).cents);
    }));
  });

  it('(3) gradeRun does not depend on the order of the subjects', () => {
    const arb = fc.tuple(runSchemeArb, subjectsArb).chain(([d, subs]) => fc.tuple(fc.constant(d), fc.constant(subs), permutation(subs)));
    fc.assert(fc.property(arb, ([d, subs, shuffled]) => {
      const a = gradeRun(d, subs);
      const b = gradeRun(d, shuffled);
      expect(canonicalResults(b)).toBe(canonicalResults(a));
      expect(b).toEqual(a);
    }));
  });

  it('(4) every score falls in exactly one band of a validated band set', () => {
    const arb = fc.array(fc.record({ cut: fc.integer({ min: -6, max: 6 }).map((n) => n * 1001), lowerOwns: fc.boolean() }), { maxLength: 6 })
      .chain((bs) => fc.tuple(fc.constant(bs), fc.array(centsArb, { maxLength: 20 })));
    const inBand = (b: Band, score: number) =>
      (b.from === null || (b.fromInclusive ? score >= b.from : score > b.from)) && (b.to === null || (b.toInclusive ? score <= b.to : score < b.to));
    fc.assert(fc.property(arb, ([raw, extra]) => {
      const cuts = [...raw].sort((a, b) => a.cut - b.cut);
      const bands = Array.from({ length: cuts.length + 1 }, (_, i) => ({
        code: `b${i}`, name: `等次${i}`,
        from: i === 0 ? null : fromCents(cuts[i - 1].cut), fromInclusive: i === 0 ? false : !cuts[i - 1].lowerOwns,
        to: i === cuts.length ? null : fromCents(cuts[i].cut), toInclusive: i === cuts.length ? false : cuts[i].lowerOwns,
      }));
      // equal cut points leave a one-point band between them, which must own that point at both ends
      const expectValid = cuts.every((c, i) => i === 0 || c.cut !== cuts[i - 1].cut || (!cuts[i - 1].lowerOwns && c.lowerOwns));
      const r = parseScheme({ ...input(), bands, quotas: [], multiYear: [] });
      expect(r.ok).toBe(expectValid);
      if (!r.ok) return;
      const scores = [...cuts.flatMap((c) => [c.cut - 1, c.cut, c.cut + 1]), ...extra, -1_000_000, 1_000_000];
      for (const cents of scores) {
        const holding = r.value.bands.filter((b) => inBand(b, fromCents(cents)));
        expect(holding.length).toBe(1);
        expect(bandOf(r.value, cents).code).toBe(holding[0].code);
      }
    }));
  });

  it('(5) after quotas, each pool holds at most floor(share × graded) in the quota band', () => {
    fc.assert(fc.property(runSchemeArb, subjectsArb, (d, subs) => {
      const res = gradeRun(d, subs);
      for (const r of res) {
        expect(r.scoreGrade).toBe(r.grade === null ? null : bandOf(d, r.cents).code);
        expect(r.quotaAdjusted).toBe(r.grade !== r.scoreGrade);
      }
      for (const q of d.quotas) {
        const pools = q.per === 'run' ? [res] : [...new Set(res.map((r) => r.groupId))].map((g) => res.filter((r) => r.groupId === g));
        for (const pool of pools) {
          const graded = pool.filter((r) => r.grade !== null).length;
          const kept = pool.filter((r) => r.grade === q.band);
          expect(kept.length).toBeLessThanOrEqual(Math.floor(q.maxShare * graded + 1e-9));
        }
      }
    }));
  });

  it('(5b) a single quota demotes only the excess, lowest totals first (then highest ids)', () => {
    const single = runSchemeArb.filter((d) => d.quotas.length === 1);
    fc.assert(fc.property(single, subjectsArb, (d, subs) => {
      const [q] = d.quotas;
      const res = gradeRun(d, subs);
      const pools = q.per === 'run' ? [res] : [...new Set(res.map((r) => r.groupId))].map((g) => res.filter((r) => r.groupId === g));
      for (const pool of pools) {
        const graded = pool.filter((r) => r.grade !== null).length;
        const scored = pool.filter((r) => r.scoreGrade === q.band).sort((a, b) => b.cents - a.cents || a.id - b.id);
        const allowed = Math.floor(q.maxShare * graded + 1e-9);
        expect(scored.slice(0, allowed).every((r) => r.grade === q.band && !r.quotaAdjusted)).toBe(true);
        expect(scored.slice(allowed).every((r) => r.grade === q.demoteTo && r.quotaAdjusted)).toBe(true);
      }
    }));
  });
});
