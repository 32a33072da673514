/** The built-in templates: each is a valid scheme, and the numbers taken from the sources grade as the sources say. */
import { describe, expect, it } from 'vitest';
import { parseScheme, type SchemeDefinition } from './model.js';
import { bandOf, gradeRun, memberFacts, placeTier, toCents, type MemberRecord } from './rules.js';
import { TEMPLATES, templateByKey } from './templates.js';

/** The parsed definition of a template (fails the test when it does not parse). */
function scheme(key: string): SchemeDefinition {
  const t = templateByKey(key);
  if (!t) throw new Error(`no template ${key}`);
  const r = parseScheme(t.definition);
  if (!r.ok) throw new Error(`${key}: ${JSON.stringify(r.problems)}`);
  return r.value;
}

const member = (o: Partial<MemberRecord> = {}): MemberRecord => ({
  birthDate: '1970-05-01', joinDate: '1995-07-01', gender: '男', category: '正式党员', workState: '务农', post: null,
  flowing: false, education: null, tier: null, partyState: '正常', ...o,
});

describe('built-in templates', () => {
  it('are five, with distinct keys, each labelled with its source, and each parses without problems', () => {
    expect(TEMPLATES.map((t) => t.key)).toEqual(['cangqian-branch-100', 'cangqian-member-tiered', 'fucheng-village-7dim', 'pengbu-shuangbaifen', 'national-democratic-review']);
    for (const t of TEMPLATES) {
      const r = parseScheme(t.definition);
      expect(r.ok ? [] : r.problems, t.key).toEqual([]);
      expect(t.source, t.key).toMatch(/示例/);
      expect(t.sourceEn, t.key).toMatch(/sample/);
    }
  });

  it('cap each organisation scheme at 100 with dimensions summing to 100', () => {
    for (const key of ['cangqian-branch-100', 'fucheng-village-7dim']) {
      const d = scheme(key);
      expect(d.subject).toBe('org');
      expect(d.dimensions.reduce((s, x) => s + (x.maxPoints ?? 0), 0), key).toBe(100);
      for (const dim of d.dimensions) expect(d.indicators.some((x) => x.dimension === dim.code && x.kind === 'add'), `${key} ${dim.code}`).toBe(true);
    }
  });
});

describe('仓前镇 村二级党支部 百分制', () => {
  const d = scheme('cangqian-branch-100');
  const grade = (score: number) => bandOf(d, toCents(score));

  it('puts exactly 95 in 优秀 (¥10,000) and exactly 85 in 良好 (¥5,000)', () => {
    expect(grade(95)).toMatchObject({ name: '优秀', award: 10000 });
    expect(grade(100).name).toBe('优秀');
    expect(grade(94.99)).toMatchObject({ name: '良好', award: 5000 });
    expect(grade(85)).toMatchObject({ name: '良好', award: 5000 });
    expect(grade(84.99).name).toBe('一般');
    expect(grade(60).name).toBe('一般');
  });

  it('gives 较差 below 60 with 通报批评 and 限期整顿, opening a task', () => {
    const b = grade(59.99);
    expect(b.name).toBe('较差');
    expect(b.actions).toEqual(['通报批评', '限期整顿']);
    expect(b.opensTask).toBe(true);
    expect(grade(0).name).toBe('较差');
  });

  it('scores branches, recorded by the county and the town', () => {
    expect(d.orgKinds).toEqual(['branch', 'joint_branch', 'general_branch']);
    for (const x of d.indicators) expect(x.recorderRoles).toEqual(['county_admin', 'street_admin']);
    expect(d.indicators.some((x) => x.kind === 'subtract')).toBe(true);
  });
});

describe('仓前镇 农村党员分层量化积分', () => {
  const d = scheme('cangqian-member-tiered');
  const tierOf = (o: Partial<MemberRecord>) => placeTier(d, memberFacts(member(o), 2010));

  it('has exactly 5 tiers, the last a catch-all, and exactly 35 indicators, added and subtracted', () => {
    expect(d.tiers).toHaveLength(5);
    expect(d.tiers[4].rule).toEqual({ all: [] });
    expect(d.indicators).toHaveLength(35);
    expect(new Set(d.indicators.map((x) => x.code)).size).toBe(35);
    expect(d.indicators.filter((x) => x.kind === 'add').length).toBeGreaterThan(10);
    expect(d.indicators.filter((x) => x.kind === 'subtract').length).toBeGreaterThan(10);
  });

  it('gives every tier its own indicators, and the old and infirm a lighter set', () => {
    const count = (tier: string) => d.indicators.filter((x) => !x.tiers || x.tiers.includes(tier)).length;
    for (const t of d.tiers) {
      expect(count(t.code), t.code).toBeGreaterThan(10);
      expect(d.indicators.some((x) => x.tiers?.includes(t.code)), t.code).toBe(true);
    }
    for (const t of ['CADRE', 'FLOW', 'WORK', 'FARM']) expect(count('OLD')).toBeLessThan(count(t));
  });

  it('places members by the first rule that holds', () => {
    expect(tierOf({ birthDate: '1938-03-01', post: '村党委书记' })).toBe('OLD');
    expect(tierOf({ birthDate: '1941-01-01' })).toBe('FARM'); // 69 on 31 Dec 2010
    expect(tierOf({ birthDate: '1940-12-31' })).toBe('OLD'); // 70
    expect(tierOf({ tier: '年老体弱' })).toBe('OLD');
    expect(tierOf({ post: '村委会委员', flowing: true })).toBe('CADRE');
    expect(tierOf({ post: '妇女主任' })).toBe('CADRE');
    expect(tierOf({ flowing: true, workState: '在职' })).toBe('FLOW');
    expect(tierOf({ workState: '在职', post: '党小组长' })).toBe('WORK');
    expect(tierOf({ workState: '务农' })).toBe('FARM');
    expect(tierOf({ workState: '离退休' })).toBe('FARM');
  });

  it('grades with the source consequences, a one-third quota per branch and two-year 不合格 disposal', () => {
    expect(bandOf(d, toCents(90))).toMatchObject({ name: '优秀', actions: ['表彰奖励'] });
    expect(bandOf(d, toCents(60))).toMatchObject({ name: '基本合格', actions: ['教育勉励'] });
    expect(bandOf(d, toCents(59.5))).toMatchObject({ name: '不合格', actions: ['组织谈话'], opensTask: true });
    expect(d.multiYear).toEqual([{ band: 'FAIL', consecutiveYears: 2, action: '组织处置', options: ['限期整改', '劝退', '除名'] }]);
    // three members of one branch all at 95: exactly one stays 优秀
    const sums = new Map([['DUTY', toCents(35)]]);
    const run = gradeRun(d, [1, 2, 3].map((id) => ({ id, groupId: 9, tier: 'FARM', ungraded: false, sums, history: [] })));
    expect(run.map((r) => r.grade)).toEqual(['EXCELLENT', 'PASS', 'PASS']);
  });
});

describe('涪城区 村(社区) 七个方面', () => {
  const d = scheme('fucheng-village-7dim');

  it('has exactly the seven dimensions of the source', () => {
    expect(d.dimensions.map((x) => x.name)).toEqual(['组织建设', '经济发展', '基础设施建设', '民主政治建设', '社会和谐稳定', '承诺事项', '重点工作']);
    expect(d.orgKinds).toEqual(['village', 'community']);
  });

  it('classifies 先进 / 中间 / 后进 with the 三升级 actions', () => {
    expect(bandOf(d, toCents(69.99))).toMatchObject({ classification: '后进', actions: ['奋力转化'], opensTask: true });
    expect(bandOf(d, toCents(70))).toMatchObject({ classification: '中间', actions: ['上档升级'] });
    expect(bandOf(d, toCents(85))).toMatchObject({ classification: '先进', actions: ['高位求进'] });
  });
});

describe('彭埠镇 双百分 and 民主评议', () => {
  it('scores only cadres out of 200 in two halves of 100', () => {
    const d = scheme('pengbu-shuangbaifen');
    expect(d.dimensions.map((x) => [x.name, x.maxPoints])).toEqual([['工作实绩', 100], ['群众满意', 100]]);
    expect(d.maxScore).toBe(200);
    expect(placeTier(d, memberFacts(member({ post: '社区居委会主任' }), 2010))).toBe('CADRE');
    expect(placeTier(d, memberFacts(member(), 2010))).toBeNull();
    for (const x of d.indicators) expect(x.tiers).toEqual(['CADRE']);
    expect(bandOf(d, toCents(180)).name).toBe('优秀');
    expect(bandOf(d, toCents(119.99))).toMatchObject({ name: '不称职', opensTask: true });
  });

  it('grades the national review with the national names and leaves probationary members ungraded', () => {
    const d = scheme('national-democratic-review');
    expect(d.bands.map((b) => b.name)).toEqual(['不合格', '基本合格', '合格', '优秀']);
    expect(d.gradeProbationary).toBe(false);
    expect(d.tiers).toEqual([]);
    expect(d.indicators.map((x) => [x.code, x.capPerEntry, x.capPerYear, x.adjustable])).toEqual([['SELF', 20, 20, true], ['PEER', 40, 40, true], ['POLL', 40, 40, true]]);
    expect(d.quotas).toEqual([{ band: 'EXCELLENT', maxShare: 1 / 3, per: 'org', demoteTo: 'PASS' }]);
    expect(bandOf(d, toCents(70)).name).toBe('合格');
    expect(bandOf(d, toCents(59.99)).actions).toEqual(['限期改正、劝其退党或除名（视情形）']);
  });
});
