import crypto from 'node:crypto';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Rng, splitTotal } from './random.js';
import { SURNAME_SET, chineseNumber, personName } from './names.js';
import { addYears, ageOn, idCheckChar, idGender, isValidIdNumber, memberRecord, person, toDays, WORK_STATES } from './rules.js';
import { DEFAULT_AS_OF, generateRows, rootCode, totalMembers, type RowOptions } from './tree.js';
import type { Chunk, IdBases } from './rows.js';

const ONE: IdBases = { org: 1, grid: 1, unit: 1, member: 1, resident: 1, team: 1 };
const ORG_KINDS = new Set(['province', 'city', 'county', 'street', 'town', 'community', 'village', 'party_committee', 'general_branch', 'branch', 'joint_branch', 'group']);

function collect(opts: RowOptions, bases: IdBases = ONE): Chunk {
  const all: Chunk = { orgs: [], grids: [], units: [], members: [], residents: [], teams: [], teamMembers: [] };
  for (const c of generateRows(opts, bases)) for (const k of Object.keys(all) as (keyof Chunk)[]) (all[k] as object[]).push(...c[k]);
  return all;
}

function digest(opts: RowOptions): string {
  const h = crypto.createHash('sha256');
  for (const c of generateRows(opts, ONE)) h.update(JSON.stringify(c));
  return h.digest('hex');
}

const demo = collect({ scale: 'demo', seed: 7 });

/** Splits a full name into surname and given name, preferring a two-character surname. */
function splitName(name: string): [string, string] {
  if (SURNAME_SET.has(name.slice(0, 2))) return [name.slice(0, 2), name.slice(2)];
  return [name.slice(0, 1), name.slice(1)];
}

describe('random', () => {
  it('repeats a stream for the same seed and keys, and differs otherwise', () => {
    const a = new Rng(1, 2, 3);
    const b = new Rng(1, 2, 3);
    const c = new Rng(1, 2, 4);
    const xs = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 50 }, () => c.next())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('splits a total into parts that add up and respect the minimum', () => {
    fc.assert(fc.property(fc.integer(), fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 5 }), (seed, extra, n, min) => {
      const total = n * min + extra;
      const parts = splitTotal(new Rng(seed), total, n, 0.5, min);
      expect(parts).toHaveLength(n);
      expect(parts.reduce((s, x) => s + x, 0)).toBe(total);
      expect(Math.min(...parts)).toBeGreaterThanOrEqual(min);
    }));
  });
});

describe('ID numbers (GB 11643)', () => {
  it('computes the check character of published examples', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('440524188001010014')).toBe(true);
    expect(isValidIdNumber('440524188001010015')).toBe(false);
    expect(isValidIdNumber('440524188002300014')).toBe(false);
  });

  it('generates valid, unique numbers whose region, birth date and gender match the person', () => {
    fc.assert(fc.property(fc.integer(), (seed) => {
      const rng = new Rng(seed);
      const taken = new Set<string>();
      for (let i = 0; i < 50; i++) {
        const p = person(rng, i % 2 ? 'member' : 'resident', DEFAULT_AS_OF, '330106', taken);
        expect(isValidIdNumber(p.idNumber)).toBe(true);
        expect(p.idNumber.slice(0, 6)).toBe('330106');
        expect(p.idNumber.slice(6, 14)).toBe(p.birthDate.replaceAll('-', ''));
        expect(idGender(p.idNumber)).toBe(p.gender);
        if (p.phone !== null) expect(p.phone).toMatch(/^1[3-9]\d{9}$/);
      }
      expect(taken.size).toBe(50);
    }), { numRuns: 50 });
  });
});

describe('names', () => {
  it('gives plausible Chinese names: a known surname and a one- or two-character given name', () => {
    const rng = new Rng(3);
    for (let i = 0; i < 2000; i++) {
      const name = personName(rng, i % 2 ? '男' : '女', 1940 + (i % 70));
      const [surname, given] = splitName(name);
      expect(SURNAME_SET.has(surname)).toBe(true);
      expect(given.length).toBeGreaterThanOrEqual(1);
      expect(given.length).toBeLessThanOrEqual(2);
      expect(name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
    }
  });

  it('draws surnames by frequency: 王, 李 and 张 lead', () => {
    const counts = new Map<string, number>();
    for (const m of collect({ scale: 'demo', seed: 11 }).members.concat(demo.members)) {
      const s = splitName(m.name)[0];
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([s]) => s);
    expect(top.filter((s) => ['王', '李', '张', '刘', '陈'].includes(s)).length).toBeGreaterThanOrEqual(4);
  });

  it('writes Chinese numerals', () => {
    expect([1, 10, 12, 20, 35, 101, 110].map(chineseNumber)).toEqual(['一', '十', '十二', '二十', '三十五', '一百零一', '一百一十']);
  });
});

describe('member dates', () => {
  it('keeps join after 18, full membership a year after joining, and nothing after the reference date', () => {
    fc.assert(fc.property(fc.integer(), fc.constantFrom<'community' | 'village'>('community', 'village'), (seed, settlement) => {
      const rng = new Rng(seed);
      const p = person(rng, 'member', DEFAULT_AS_OF, '330106', new Set());
      const r = memberRecord(rng, p, DEFAULT_AS_OF, settlement);
      const age = ageOn(p.birthDate, DEFAULT_AS_OF);
      expect(age).toBeGreaterThanOrEqual(18);
      expect(age).toBeLessThanOrEqual(95);
      expect(r.joinDate >= addYears(p.birthDate, 18)).toBe(true);
      expect(r.joinDate <= DEFAULT_AS_OF).toBe(true);
      expect(r.category === '预备党员').toBe(r.fullDate === null);
      if (r.fullDate !== null) {
        expect(r.fullDate).toBe(addYears(r.joinDate, 1));
        expect(r.fullDate <= DEFAULT_AS_OF).toBe(true);
      }
      expect(WORK_STATES).toContain(r.workState);
      expect(r.partyState === '正常').toBe(r.partyStateDate === null);
    }), { numRuns: 500 });
  });

  it('handles 29 February', () => {
    expect(addYears('2020-02-29', 1)).toBe('2021-02-28');
    expect(addYears('2020-02-29', 4)).toBe('2024-02-29');
    expect(ageOn('2000-02-29', '2018-02-28')).toBe(17);
    expect(toDays('1970-01-02')).toBe(1);
  });
});

describe('generated demo', () => {
  it('is the same for the same seed, and different for another', () => {
    expect(digest({ scale: 'demo', seed: 7 })).toBe(digest({ scale: 'demo', seed: 7 }));
    expect(digest({ scale: 'demo', seed: 7 })).not.toBe(digest({ scale: 'demo', seed: 8 }));
    expect(rootCode({ scale: 'demo', seed: 7 })).toMatch(/^\d{6}$/);
  });

  it('shifts only the ids when the bases move', () => {
    const shifted = collect({ scale: 'demo', seed: 7 }, { org: 101, grid: 1, unit: 1, member: 5001, resident: 1, team: 1 });
    expect(shifted.members.map((m) => m.name)).toEqual(demo.members.map((m) => m.name));
    expect(shifted.members[0].id).toBe(5001);
    expect(shifted.orgs[0].path).toBe('/101/');
  });

  it('has the planned size and shape: one county, one street, ten communities', () => {
    expect(demo.members).toHaveLength(totalMembers('demo'));
    const kinds = (k: string) => demo.orgs.filter((o) => o.kind === k).length;
    expect(kinds('county')).toBe(1);
    expect(kinds('street') + kinds('town')).toBe(1);
    expect(kinds('community') + kinds('village')).toBe(10);
    expect(kinds('party_committee') + kinds('general_branch')).toBe(10);
    expect(kinds('branch')).toBeGreaterThanOrEqual(20);
    expect(kinds('group')).toBeGreaterThan(0);
    expect(demo.residents.length).toBeGreaterThan(200);
    expect(demo.residents.length).toBeLessThan(700);
    expect(new Set(demo.teams.map((t) => t.kind))).toEqual(new Set(['两委班子', '党员队伍', '居民组长', '居民代表', '企业家队伍', '财务监督小组', '网格服务团队']));
  });

  it('keeps the tree consistent: paths, depths, county ids, names', () => {
    const byId = new Map(demo.orgs.map((o) => [o.id, o]));
    const county = demo.orgs.find((o) => o.kind === 'county');
    for (const o of demo.orgs) {
      expect(ORG_KINDS.has(o.kind)).toBe(true);
      const parent = o.parent_id === null ? null : byId.get(o.parent_id);
      expect(o.path).toBe(`${parent?.path ?? '/'}${o.id}/`);
      expect(o.depth).toBe(o.path.split('/').length - 3);
      expect(o.county_id).toBe(county?.id);
      if (o.kind === 'street') expect(o.name).toMatch(/街道$/);
      if (o.kind === 'community') expect(o.name).toMatch(/社区$/);
      if (o.kind === 'party_committee') expect(o.name).toMatch(/^中共.+(社区|村)委员会$/);
      if (o.kind === 'general_branch') expect(o.name).toMatch(/(社区|村)党总支$/);
      if (o.kind === 'branch') expect(o.name).toMatch(/^第.+党支部$/);
      if (o.kind === 'group') expect(o.name).toMatch(/^第.+党小组$/);
    }
    const sizes = new Map<number, number>();
    for (const m of demo.members) {
      const org = byId.get(m.org_id);
      expect(org && ['branch', 'joint_branch'].includes(org.kind)).toBe(true);
      expect(m.org_path).toBe(org?.path);
      expect(byId.get(m.home_community_id)?.kind).toMatch(/^(community|village)$/);
      sizes.set(m.org_id, (sizes.get(m.org_id) ?? 0) + 1);
    }
    expect(Math.max(...sizes.values())).toBeLessThanOrEqual(50);
    for (const r of demo.residents) expect(r.community_path).toBe(byId.get(r.community_id)?.path);
  });

  it('has realistic proportions: ~3% probationary, ~3% flowing, mostly 汉族 and 正常, older members', () => {
    const share = (f: (m: Chunk['members'][number]) => boolean) => demo.members.filter(f).length / demo.members.length;
    expect(share((m) => m.category === '预备党员')).toBeGreaterThan(0.01);
    expect(share((m) => m.category === '预备党员')).toBeLessThan(0.06);
    expect(share((m) => m.flowing)).toBeGreaterThan(0.01);
    expect(share((m) => m.flowing)).toBeLessThan(0.06);
    expect(share((m) => m.ethnicity === '汉族')).toBeGreaterThan(0.85);
    expect(share((m) => m.party_state === '正常')).toBeGreaterThan(0.97);
    expect(share((m) => ageOn(m.birth_date, DEFAULT_AS_OF) >= 60)).toBeGreaterThan(0.25);
    expect(share((m) => m.gender === '男')).toBeGreaterThan(0.6);
    expect(new Set(demo.members.map((m) => m.id_number)).size).toBe(demo.members.length);
  });
});
