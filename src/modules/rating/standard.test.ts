/**
 * Tests of the 评星晋级 standard as data: STANDARD_003 against the seed's own text, and refusals of
 * a spoiled standard with the exact path of each problem.
 */
import { describe, expect, it } from 'vitest';
import { parseStandard, standardProblems } from './standard.js';
import { STANDARD_003 } from './standard-003.js';
import { clone } from './rating.fixture.js';

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

const S = STANDARD_003;
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
