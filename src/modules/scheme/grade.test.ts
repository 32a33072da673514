/** gradeRun: ranks, quotas, awards, consequences and multi-year flags; and the properties of totals and grades. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseScheme, type Band } from './model.js';
import {
  bandOf, canonicalPieces, canonicalResults, fromCents, gradeReason, gradeRun, scoreOf, toCents, type DimensionSums, type RunSubject,
} from './rules.js';
import { input, scheme, D, BAND_CODES, subj, byId } from './rules.fixture.js';

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

  it('(3b) the canonical text fed in slices, empty ones among them, is the canonical text of the whole', () => {
    const arb = fc.tuple(runSchemeArb, subjectsArb).chain(([d, subs]) => fc.tuple(fc.constant(d), fc.constant(subs), fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 8 })));
    fc.assert(fc.property(arb, ([d, subs, cuts]) => {
      const res = gradeRun(d, subs);
      let text = '';
      const pieces = canonicalPieces((p) => { text += p; });
      let at = 0;
      for (const n of cuts) { pieces.add(res.slice(at, at + n)); at += n; }
      pieces.add(res.slice(at));
      pieces.end();
      expect(text).toBe(canonicalResults(res));
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
