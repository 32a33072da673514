/** The pure rules of schemes: cents, member facts and tiers, entry checks, scores and bands. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  appliesTo, bandOf, checkEntry, fromCents, holds, memberFacts, placeTier, tierPlacer, scoreOf, toCents, totalScorer, type CapUsage, type DimensionSums, type EntryRequest, type Facts, type MemberRecord,
} from './rules.js';
import { scheme, D } from './rules.fixture.js';

const noUsage: CapUsage = { monthCents: 0, yearCents: 0 };
const req = (indicator: string, more: Partial<EntryRequest> = {}): EntryRequest => ({ indicator, roles: ['branch_secretary'], evidence: 'x', ...more });
const problemsOf = (r: ReturnType<typeof checkEntry>) => (r.ok ? [] : r.problems);

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

  it('places many members as placeTier does, remembering each combination of facts', () => {
    // tiers over every kind of fact, so a remembered answer that mixed up two combinations would show
    const rich = scheme((s) => {
      s.tiers = [
        { code: 'old', name: '老', rule: { fact: 'age', op: 'gte', value: 70 } },
        { code: 'post', name: '职', rule: { all: [{ fact: 'post', op: 'notEmpty' }, { fact: 'partyYears', op: 'gte', value: 10 }] } },
        { code: 'flow', name: '流', rule: { any: [{ fact: 'flowing', op: 'eq', value: true }, { fact: 'tierLabel', op: 'eq', value: 'null' }] } },
        { code: 'work', name: '在', rule: { fact: 'workState', op: 'in', value: ['在职'] } },
        ...s.tiers.slice(-1),
      ];
      s.indicators.forEach((x) => { x.tiers = null; });
    });
    const record = fc.record({
      // few values of each, so that members often share all but one fact
      birthDate: fc.constantFrom('1954-12-31', '1955-01-01', ''), joinDate: fc.constantFrom('1980-01-01', '2020-03-03'),
      gender: fc.constant('女'), category: fc.constant('正式党员'), workState: fc.constantFrom('在职', ''), post: fc.constantFrom(null, '', 'null'),
      flowing: fc.boolean(), education: fc.constant(null), tier: fc.constantFrom(null, 'null', ''), partyState: fc.constant('正常'),
    });
    fc.assert(fc.property(fc.array(record, { maxLength: 60 }), fc.constantFrom(2024, 2025), (list, year) => {
      const place = tierPlacer(rich, year);
      for (const r of list) expect(place(r)).toBe(placeTier(rich, memberFacts(r, year)));
    }));
    expect(tierPlacer(scheme((s) => { s.tiers = []; s.indicators.forEach((x) => { x.tiers = null; }); }), 2024)(m)).toBeNull();
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
