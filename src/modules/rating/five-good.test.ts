/**
 * Tests of the 五好 rules and of the results' arithmetic: which organisations the standard counts
 * and in which group, all five parts to meet it, organisations counted in the years they existed,
 * project funds by level, and an objector's contact masked.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIVE_GOOD_ITEMS, GROUP_OF, existingIn, fiveGoodCategory, fiveGoodMet, shareOf } from './five-good.js';
import { projectFund } from './rules.js';
import { parseStandard } from './standard.js';
import { clone } from './rating.fixture.js';
import { maskContact } from './routes.js';

describe('the 五好 standard', () => {
  it('counts communities and villages as 社区, party organisations by their unit\'s nature, and nothing else', () => {
    expect(fiveGoodCategory('community', null)).toBe('community');
    expect(fiveGoodCategory('village', '行政村')).toBe('community');
    expect(fiveGoodCategory('branch', '机关')).toBe('organ');
    expect(fiveGoodCategory('party_committee', '党政机关')).toBe('organ');
    expect(fiveGoodCategory('general_branch', '事业单位')).toBe('institution');
    expect(fiveGoodCategory('joint_branch', '非公有制经济组织')).toBe('enterprise');
    expect(fiveGoodCategory('branch', '国有企业')).toBe('enterprise');
    // a community's own party committee and branches are the community's, counted once
    expect(fiveGoodCategory('party_committee', '社区')).toBeNull();
    expect(fiveGoodCategory('branch', '村')).toBeNull();
    expect(fiveGoodCategory('branch', null)).toBeNull();
    // places and groups are not party organisations of a unit
    expect(fiveGoodCategory('street', '机关')).toBeNull();
    expect(fiveGoodCategory('county', '事业单位')).toBeNull();
    expect(fiveGoodCategory('group', '企业')).toBeNull();
  });

  it('puts 社区 and 企业 in the 60% group and 机关 and 事业单位 in the 70% group', () => {
    expect(GROUP_OF).toEqual({ community: 'community', enterprise: 'community', organ: 'organ', institution: 'organ' });
    const S = clone();
    expect([S.targets.fiveGoodCommunityShare, S.targets.fiveGoodOrganShare]).toEqual([0.6, 0.7]);
  });

  it('is met only when all five parts hold', () => {
    fc.assert(fc.property(fc.tuple(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean()), (bits) => {
      const parts = Object.fromEntries(FIVE_GOOD_ITEMS.map((k, i) => [k, bits[i]])) as Parameters<typeof fiveGoodMet>[0];
      expect(fiveGoodMet(parts)).toBe(bits.every(Boolean));
    }));
  });
});

describe('organisations counted in the years they existed', () => {
  it('counts an organisation from the year it was established, and an unknown date in every year', () => {
    const counts: [number | null, number][] = [[null, 3], [2020, 2], [2025, 4]];
    expect(existingIn(2019, counts)).toBe(3);
    expect(existingIn(2020, counts)).toBe(5);
    expect(existingIn(2024, counts)).toBe(5);
    expect(existingIn(2025, counts)).toBe(9);
  });

  it('never counts fewer organisations in a later year, nor more than all of them', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.option(fc.integer({ min: 1980, max: 2030 }), { nil: null }), fc.integer({ min: 0, max: 50 })), { maxLength: 20 }),
      fc.integer({ min: 1990, max: 2029 }), (counts, y) => {
        const all = counts.reduce((n, [, k]) => n + k, 0);
        expect(existingIn(y, counts)).toBeLessThanOrEqual(existingIn(y + 1, counts));
        expect(existingIn(y + 1, counts)).toBeLessThanOrEqual(all);
      }));
  });

  it('has no share without organisations to divide by', () => {
    expect(shareOf(3, 0)).toBeNull();
    expect(shareOf(3, 4)).toBe(0.75);
  });
});

describe('project funds by level', () => {
  it('are none in the built-in standard and follow the county\'s version', () => {
    const S = clone();
    expect([1, 2, 3, 4, 5].map((l) => projectFund(S, l))).toEqual([0, 0, 0, 0, 0]);
    S.projectFunds = { 1: 0, 2: 0, 3: 10_000, 4: 20_000, 5: 50_000 };
    expect(projectFund(S, 5)).toBe(50_000);
    expect(() => projectFund(S, 0)).toThrow(RangeError);
  });

  it('read as none from a version saved before the setting existed', () => {
    const { projectFunds: _gone, ...old } = clone();
    expect(projectFund(old as ReturnType<typeof clone>, 4)).toBe(0);
  });

  it('may not fall as the level rises, nor be negative', () => {
    const S = clone();
    S.projectFunds = { 1: 0, 2: 0, 3: 30_000, 4: 20_000, 5: 50_000 };
    const r = parseStandard(S);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual([expect.objectContaining({ path: ['projectFunds', '4'] })]);
    const neg = parseStandard({ ...clone(), projectFunds: { 1: -1, 2: 0, 3: 0, 4: 0, 5: 0 } });
    expect(neg.ok).toBe(false);
    if (!neg.ok) expect(neg.problems[0]).toMatchObject({ path: ['projectFunds', '1'], message: '金额不能小于0' });
  });
});

describe('an objector\'s contact as the county first sees it', () => {
  it('keeps a phone number\'s first three and last two digits, and shows nothing of a short one', () => {
    expect(maskContact('13900000001')).toBe('139******01');
    expect(maskContact('微信 abc12')).toBe('微*****12');
    expect(maskContact('1234')).toBe('****');
  });

  it('keeps the length and hides at least half of anything longer than four characters', () => {
    fc.assert(fc.property(fc.string({ minLength: 5, maxLength: 100 }), (c) => {
      const m = maskContact(c);
      expect([...m].length).toBe([...c].length);
      expect([...m].filter((x) => x === '*').length).toBeGreaterThanOrEqual(Math.floor([...c].length / 2) - 1);
    }));
  });
});
