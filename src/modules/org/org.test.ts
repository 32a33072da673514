import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_ORG_RULES, moveProblem, orgFlags, rebase, rollUp, type FlagInput } from './rules.js';

describe('organisation rules', () => {
  it('refuses a move under itself or a descendant, and a kind its parent cannot hold', () => {
    expect(moveProblem({ path: '/1/2/', kind: 'community' }, { path: '/1/2/5/', kind: 'branch' })?.en).toMatch(/under itself/);
    expect(moveProblem({ path: '/1/2/', kind: 'community' }, { path: '/1/2/', kind: 'street' })?.en).toMatch(/under itself/);
    expect(moveProblem({ path: '/1/2/', kind: 'community' }, { path: '/1/3/', kind: 'branch' })?.en).toMatch(/cannot sit/);
    expect(moveProblem({ path: '/1/2/9/', kind: 'branch' }, { path: '/1/3/', kind: 'community' })).toBeNull();
  });

  it('rebases paths inside a moved subtree only', () => {
    expect(rebase('/1/2/9/10/', '/1/2/9/', '/1/3/9/')).toBe('/1/3/9/10/');
    expect(rebase('/1/2/8/', '/1/2/9/', '/1/3/9/')).toBe('/1/2/8/');
  });

  it('rolls counts up to every ancestor, whatever the order of the input', () => {
    const arb = fc.array(fc.tuple(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }), fc.nat(50), fc.nat(50)), { maxLength: 30 });
    fc.assert(fc.property(arb, (entries) => {
      const direct = new Map<string, { total: number; full: number }>();
      for (const [ids, total, full] of entries) {
        const p = `/${ids.join('/')}/`;
        const c = direct.get(p) ?? { total: 0, full: 0 };
        direct.set(p, { total: c.total + total, full: c.full + full });
      }
      const a = rollUp(direct);
      const b = rollUp(new Map([...direct].reverse()));
      expect([...a].sort()).toEqual([...b].sort());
      const grand = [...direct.values()].reduce((s, c) => s + c.total, 0);
      const roots = [...a].filter(([p]) => p.split('/').filter(Boolean).length === 1).reduce((s, [, c]) => s + c.total, 0);
      expect(roots).toBe(grand);
    }));
  });

  it('flags too few members, upgrades, a committee due and a term run out', () => {
    const o = (id: number, kind: string, extra: Partial<FlagInput> = {}): FlagInput => ({ id, name: `o${id}`, kind, path: `/1/${id}/`, electedOn: null, termYears: null, ...extra });
    const counts = new Map([
      ['/1/2/', { total: 2, full: 2 }], ['/1/3/', { total: 60, full: 58 }], ['/1/4/', { total: 120, full: 110 }],
      ['/1/5/', { total: 8, full: 7 }], ['/1/6/', { total: 101, full: 100 }], ['/1/7/', { total: 50, full: 50 }],
    ]);
    const flags = orgFlags([o(2, 'branch'), o(3, 'branch', { electedOn: '2024-01-01' }), o(4, 'branch', { electedOn: '2024-01-01' }), o(5, 'branch'), o(6, 'general_branch'),
      o(7, 'branch', { electedOn: '2015-01-01', termYears: 5 })], counts, DEFAULT_ORG_RULES, '2026-11-22');
    const by = (id: number) => flags.filter((f) => f.orgId === id).map((f) => f.rule).sort();
    expect(by(2)).toEqual(['too_few']);
    expect(by(3)).toEqual(['upgrade_general_branch']);
    expect(by(4)).toEqual(['upgrade_committee']);
    expect(by(5)).toEqual(['committee_required']);
    expect(by(6)).toEqual(['upgrade_committee']);
    expect(by(7)).toEqual(['term_expired']);
  });
});
