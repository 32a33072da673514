/** Tests of the 先锋承诺 three-way total and the 优秀党员 recommendations. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS, recommend, vanguardTotal } from './vanguard.js';

describe('the three-way total', () => {
  it('weights self, peers (their mean) and the organisation 20/30/50', () => {
    expect(vanguardTotal(DEFAULT_WEIGHTS, 90, [80, 100], 95)).toBe(92.5); // 18 + 27 + 47.5
  });
  it('scales up the parts given when one is missing, and has none without any', () => {
    expect(vanguardTotal(DEFAULT_WEIGHTS, null, [80], 90)).toBe(86.3); // (24 + 45) / 0.8 = 86.25
    expect(vanguardTotal(DEFAULT_WEIGHTS, null, [], null)).toBeNull();
  });
  it('stays between the lowest and the highest part', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 100 }), fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 10 }), fc.integer({ min: 0, max: 100 }), (s, p, o) => {
      const t = vanguardTotal(DEFAULT_WEIGHTS, s, p, o)!;
      const mean = p.reduce((a, b) => a + b, 0) / p.length;
      expect(t).toBeGreaterThanOrEqual(Math.min(s, mean, o) - 0.05);
      expect(t).toBeLessThanOrEqual(Math.max(s, mean, o) + 0.05);
    }));
  });
});

describe('the 优秀党员 recommendations', () => {
  it('take totals of 90 or more within the best third of those fully assessed; ties at the cut go out', () => {
    const items = [95, 93, 91, 91, 85, 80, 70, 60, 50].map((total, i) => ({ id: i + 1, total, complete: true }));
    expect([...recommend(items)].sort()).toEqual([1, 2]); // room for three; 91 is tied with the first out
    expect([...recommend([...items, { id: 99, total: 100, complete: false }])].sort()).toEqual([1, 2]); // an incomplete one is not ranked
  });
  it('never recommend more than a third, nor anyone under 90', () => {
    fc.assert(fc.property(fc.array(fc.record({ total: fc.integer({ min: 0, max: 100 }), complete: fc.boolean() }), { maxLength: 40 }), (xs) => {
      const items = xs.map((x, i) => ({ id: i, ...x }));
      const r = recommend(items);
      expect(r.size).toBeLessThanOrEqual(Math.floor(items.filter((x) => x.complete).length / 3));
      for (const id of r) expect(items[id].total).toBeGreaterThanOrEqual(90);
    }));
  });
});
