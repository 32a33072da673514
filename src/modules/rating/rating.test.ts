/**
 * Tests of the 评星晋级 standard and its evaluation: STANDARD_003 against the seed's own text,
 * the thresholds of each level, missing facts, the veto, monotonicity, and refusals with exact paths.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateCheck, evaluateLevel, highestLevelMet, nextYearStart, payCoefficient, withLowerLevels, type RatingFacts } from './rules.js';
import { parseStandard, PETITION_LEVELS, RANKS, standardProblems, type StarStandard } from './standard.js';
import { STANDARD_003 } from './standard-003.js';

/** Lines 44–59 of seed 003 (附件一 考评标准, 一星级 … 五星级 and the veto line), copied character for character. */
const SEED_003_TABLE = `一 星 级 |
1、社区党组织和居委会班子健全,社区党组织各项工作制度健全,工作职责明确,工作制度落实; 2、建立居务监督委员会,社区班子主职干部无违法违纪案件;建立居务公开制度,公开内容全面真实,做到每月公开1次。对涉及群众利益的重大问题和群众要求公开的事项,做到随时公开、逐项公开; 3、已成功创建县级以上文明社区,三级以上文化社区,县级以上卫生社区; 4、社会治安、安全生产状况良好,不发生命案;矛盾纠纷调处率达到100%,调处成功率达到95%,基层信访“五个一”工程得到全面落实;社区综治工作室(站)达到规范化建设要求,建立群防群治队伍。
|
|
二 星 级 |
1、社区党组织和居委会班子健全,社区党组织各项工作制度健全,工作职责明确,工作制度落实;居民自治机制健全,重大事务决策民主,程序规范; 2、居务监督委员会职责履行到位;党务、居务公开内容、程序、时间规范,公开栏设施整洁;居务公开档案齐全,居务公开资料及时收集归档,年底及时装订成册;制定社区干部廉洁自律行为规范并公示,每年开展社区主职干部廉洁承诺、述职述廉,接受党员干部和居民代表民主评议;社区干部无违法违纪案件; 3、已成功创建县级以上文明社区,二级以上文化社区,县级以上卫生社区; 4、社会治安、安全生产状况良好,刑事案件与各类事故得到有效控制,不发生命案;矛盾纠纷调处率达到100%,调处成功率达到95%,基层信访“五个一”工程得到全面落实;社区综治工作室(站)达到规范化建设要求,群防群治队伍健全。 |
|
三 星 级 |
1、社区党组织和居委会班子健全,社区党组织核心作用明显,各项工作制度健全,工作职责明确,工作制度落实;居民自治机制健全,重大事务决策民主,程序规范;党员活动设施齐全,党员教育管理规范有序;积极开展各类便民服务。 2、居务监督委员会组织健全,制度上墙,设施配套,运行顺畅,较好地发挥监督作用;党务、居务公开内容、程序、时间规范,公开栏设施整洁;居务公开档案齐全,居务公开资料及时收集归档,年底及时装订成册;制定社区干部廉洁自律行为规范并公示,每年开展社区主职干部廉洁承诺、述职述廉,接受党员干部和居民代表民主评议;社区干部无违法违纪案件;切实抓好廉政文化进社区活动; 3、已成功创建县级以上文明社区,二级以上文化社区,市级以上卫生社区; 4、社会治安、安全生产状况良好,刑事发案总量和严重刑事犯罪活动得到有效控制,不发生重大刑事、治安案件,不发生死亡1人或重伤2人以上安全生产事故;矛盾纠纷调处率达到100%,调处成功率达到95%;基层信访“五个一”工程得到全面落实,不发生赴省及以上集体访、赴京个访;社区综治工作室(站)规范化建设达到县级示范标准,各类群防群治队伍较好发挥作用。 |
|
四 星 级 |
1、社区各类组织健全,社区党组织领导核心地位突出,各组织协调运转,社区干部队伍年龄结构合理、文化素质较高;社区党组织各项工作制度健全,社区重大事务决策民主,程序规范;党员活动设施齐全,党员教育管理规范有序,积极开展各类便民服务,广泛开展党员联系服务群众工作,党员创先争优氛围浓厚; 2、居务监督委员会积极履行工作职能,运行规范,监督有力,群众满意;党务、社务公开内容、程序、时间规范,公开栏设施整洁;居务公开档案齐全,居务公开资料及时收集归档,年底及时装订成册;制定社区干部廉洁自律行为规范并公示,每年开展社区主职干部廉洁承诺、述职述廉,接受党员干部和居民代表民主评议;社区干部无违法违纪案件;切实抓好廉政文化进社区活动,工作开展有特色; 3、已成功创建市级以上文明社区,一级以上文化社区,市级以上卫生社区,县级学习型党组织、县报社区; 4、社会治安状况良好,不发生重大刑事、治安案件,刑事案件总量维持较低水平,人民群众安全感满意率较高;安全生产状况良好,不发生安全生产事故;矛盾纠纷调处率及调处成功率达到100%;基层信访“五个一”工程得到全面落实,不发生赴市及以上集体访、赴京个访;社区综治工作室(站)达到县级示范标准,各类群防群治队伍建设成效明显。 |
|
五 星 级 |
1、社区各类组织健全,社区党组织领导核心地位突出,各组织协调运转,社区干部队伍年龄结构合理、文化素质较高;社区党组织各项工作制度健全,社区重大事务决策民主,程序规范;党员活动设施齐全,党员教育管理规范有序,积极开展各类便民服务,广泛开展党员联系服务群众工作,党员创先争优氛围浓厚,党员先锋模范作用明显;达到“县级和谐社区”创建标准; 2、加强党务、居务公开民主管理规范化建设,居务监督委员会工作出色,居民群众的知情权、参与权、决策权有效保障;加强社区党组织党风廉政建设,注重廉政教育,制度科学合理,程序规范配套,建立健全社区党风廉政建设工作台帐。社区党风廉政建设工作成效显著,示范性强,达到“县级廉政文化建设示范点”标准; 3、成功创建省级以上文明社区,一级以上文化社区,省级以上卫生社区,县级学习型党组织、县报社区; 4、社会治安状况好,不发生重大刑事、治安案件,不发生“黄、赌、毒”社会丑恶现象,刑事案件总量维持低水平,人民群众安全感满意率高;安全生产状况好,不发生安全生产事故;矛盾纠纷调处率及调处成功率达到100% ;基层信访“五个一”工程得到全面落实,不发生赴县及以上集体访、赴京个访;社区综治工作室(站)达到县级示范标准,社区综治基层基础、群防群治工作成效显著。 |
其中,四、五星级基层党组织实行一票否决制,主要包括:1、违反计划生育有关规定;2、受到上级党委通报批评及以上组织措施;3、存在其他不符合条件的情形。`;

/** A year that meets every measurable requirement of 5★. */
const best = (): RatingFacts => ({
  metrics: { mediationRate: 100, mediationSuccessRate: 100 },
  disclosureMonths: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  titles: { civilised: 'province', culture: 1, health: 'province', learningParty: 'county', countyReport: 'county', harmony: 'county', integrityModel: 'county' },
  incidents: { homicide: 0, majorCriminalCase: 0, safetyAccident: 0, viceCase: 0 },
  safetyAccident: { deaths: 0, seriousInjuries: 0 },
  petitions: { furthestCollective: 'none', beijingIndividual: false },
});
/** Claims for every criterion that cannot be measured. */
const allClaims: Record<string, boolean> = Object.fromEntries(
  STANDARD_003.levels.flatMap((l) => l.criteria).filter((c) => !c.checks.length).map((c) => [c.code, true]),
);
const S = STANDARD_003;
const clone = (): StarStandard => structuredClone(STANDARD_003);
const paths = (input: unknown) => {
  const r = parseStandard(input);
  return r.ok ? [] : r.problems.map((p) => p.path);
};

describe('STANDARD_003', () => {
  it('parses with no problems and keeps every value', () => {
    expect(standardProblems(S)).toEqual([]);
    const r = parseStandard(S);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toEqual(S);
  });

  it('copies each group paragraph verbatim from the seed, one level block at a time', () => {
    const table = SEED_003_TABLE.split('\n').slice(0, -1).join('\n'); // without the veto line
    const blocks = table.split(/[一二三四五] 星 级 \|/).slice(1);
    expect(blocks).toHaveLength(5);
    expect(S.levels.map((l) => l.stars)).toEqual([1, 2, 3, 4, 5]);
    S.levels.forEach((l, i) => {
      expect(l.groups.map((g) => g.group)).toEqual([1, 2, 3, 4]);
      let at = 0;
      for (const g of l.groups) {
        const numbered = `${g.group}、${g.text}`;
        const found = blocks[i].indexOf(numbered, at);
        expect(found, `${l.stars}★ group ${g.group}`).toBeGreaterThanOrEqual(at);
        at = found + numbered.length;
      }
      // nothing of the block is left out but spacing and the table's `|`
      expect(blocks[i].slice(at).replace(/[\s|]/g, '').length).toBeLessThan(2);
    });
  });

  it('splits each group paragraph into its clauses, in order, with codes Lstars-group-n', () => {
    for (const l of S.levels) {
      for (const g of l.groups) {
        const clauses = g.text.split(/[;；。]/).map((c) => c.trim()).filter(Boolean);
        const criteria = l.criteria.filter((c) => c.group === g.group);
        expect(criteria.map((c) => c.text)).toEqual(clauses);
        criteria.forEach((c, j) => {
          expect(g.text.includes(c.text)).toBe(true);
          expect(c.code).toBe(`L${l.stars}-${g.group}-${j + 1}`);
        });
      }
    }
  });

  it('takes the three veto items verbatim from the veto line, applying from 4★', () => {
    const line = SEED_003_TABLE.split('\n').at(-1) ?? '';
    expect(S.vetoFrom).toBe(4);
    expect(S.vetoes.map((v) => v.code)).toEqual(['V1', 'V2', 'V3']);
    S.vetoes.forEach((v, i) => expect(line.includes(`${i + 1}、${v.text}`)).toBe(true));
  });

  it('measures the numbers the source states', () => {
    const checks = (code: string) => S.levels.flatMap((l) => l.criteria).find((c) => c.code === code)?.checks;
    expect(checks('L1-2-2')).toEqual([{ kind: 'disclosureMonthly' }]);
    expect(checks('L3-4-2')).toContainEqual({ kind: 'metricAtLeast', metric: 'mediationSuccessRate', percent: 95 });
    expect(checks('L4-4-3')).toContainEqual({ kind: 'metricAtLeast', metric: 'mediationSuccessRate', percent: 100 });
    expect(checks('L3-4-1')).toContainEqual({ kind: 'safetyAccidentBelow', deaths: 1, seriousInjuries: 2 });
    expect(checks('L5-3-1')).toContainEqual({ kind: 'titleAtLeast', title: 'culture', level: 1 });
    expect(checks('L5-4-4')).toEqual([{ kind: 'noCollectivePetitionAtOrAbove', level: 'county', noBeijingIndividual: true }]);
  });
});

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

describe('parseStandard refuses, naming the exact path', () => {
  it('a 3★ coefficient other than 1', () => {
    const s = clone();
    s.payCoefficients[3] = 1.05;
    expect(paths(s)).toEqual([['payCoefficients', '3']]);
  });

  it('a decreasing coefficient', () => {
    const s = clone();
    s.payCoefficients[5] = 1.05;
    expect(paths(s)).toEqual([['payCoefficients', '5']]);
  });

  it('a duplicate criterion code', () => {
    const s = clone();
    s.levels[1].criteria[2].code = 'L1-2-2';
    expect(paths(s)).toEqual([['levels', 1, 'criteria', 2, 'code']]);
  });

  it('a missing level', () => {
    const s = clone();
    s.levels.splice(3, 1);
    expect(paths(s)).toEqual([['levels'], ['levels', 3, 'stars']]);
  });

  it('levels out of order', () => {
    const s = clone();
    [s.levels[0], s.levels[1]] = [s.levels[1], s.levels[0]];
    expect(paths(s)).toEqual([['levels', 0, 'stars'], ['levels', 1, 'stars']]);
  });

  it('a level without all four groups', () => {
    const s = clone();
    s.levels[2].groups.pop();
    expect(paths(s)).toEqual([['levels', 2, 'groups'], ...s.levels[2].criteria.map((c, j) => (c.group === 4 ? ['levels', 2, 'criteria', j, 'group'] : null)).filter((p) => p)]);
  });

  it('an unknown field, at the root or inside a level', () => {
    const s: Record<string, unknown> = { ...clone(), extra: 1 };
    expect(paths(s)).toEqual([['extra']]);
    const t = clone();
    (t.levels[0] as Record<string, unknown>).note = 'x';
    expect(paths(t)).toEqual([['levels', 0, 'note']]);
    const u = clone();
    (u.levels[4].criteria[0].checks as unknown[]).push({ kind: 'noIncident', incident: 'homicide', weight: 2 });
    expect(paths(u)).toEqual([['levels', 4, 'criteria', 0, 'checks', 0, 'weight']]);
  });

  it('a title level that does not fit its title, and a percent above 100', () => {
    const s = clone();
    const c = s.levels[0].criteria.find((x) => x.code === 'L1-3-1');
    const i = s.levels[0].criteria.findIndex((x) => x.code === 'L1-3-1');
    c!.checks[1] = { kind: 'titleAtLeast', title: 'culture', level: 'city' };
    c!.checks[0] = { kind: 'titleAtLeast', title: 'civilised', level: 2 };
    s.levels[0].criteria[i + 1].checks.push({ kind: 'metricAtLeast', metric: 'mediationRate', percent: 120 });
    expect(paths(s)).toEqual([
      ['levels', 0, 'criteria', i, 'checks', 0, 'level'],
      ['levels', 0, 'criteria', i, 'checks', 1, 'level'],
      ['levels', 0, 'criteria', i + 1, 'checks', 1, 'percent'],
    ]);
  });

  it('a notice period out of range, with a Chinese message', () => {
    const s = { ...clone(), noticeWorkingDays: 0 };
    const r = parseStandard(s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual([{ path: ['noticeWorkingDays'], message: expect.stringMatching(/[\u4e00-\u9fff]/) }]);
  });

  it('fills the configurable numbers with their defaults', () => {
    const { noticeWorkingDays, stepWorkingDays, remindBeforeWorkingDays, payCoefficients, innovationAward, targets, ...rest } = clone();
    const r = parseStandard(rest);
    expect(r.ok && r.value).toEqual(STANDARD_003);
    expect([noticeWorkingDays, stepWorkingDays.answerObjection, remindBeforeWorkingDays, payCoefficients[1], innovationAward.enabled, targets.fiveStarShare]).toEqual([5, 5, 2, 0.8, false, 0.2]);
  });
});
