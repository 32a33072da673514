/**
 * The 评星晋级 standard as versioned data: five star levels, each with its four groups of criteria
 * (verbatim text) and the measurable checks of each criterion; the one-vote veto items; deadlines,
 * pay coefficients, project funds by level, the 创新奖 and targets. `StarStandardSchema` checks each part; `standardProblems` checks how
 * the parts fit together and names the exact path of each problem.
 */
import { z } from 'zod';

/** Measured rates, in percent (0–100): 矛盾纠纷调处率, 调处成功率. */
export const METRICS = ['mediationRate', 'mediationSuccessRate'] as const;
/** A measured rate. */
export type Metric = (typeof METRICS)[number];
/** Titles a community may hold: 文明社区, 文化社区, 卫生社区, 学习型党组织, 县报社区, 县级和谐社区, 县级廉政文化建设示范点. */
export const TITLES = ['civilised', 'culture', 'health', 'learningParty', 'countyReport', 'harmony', 'integrityModel'] as const;
/** A title a community may hold. */
export type Title = (typeof TITLES)[number];
/** Incidents counted over the year: 命案, 重大刑事/治安案件, 安全生产事故, 黄赌毒. */
export const INCIDENTS = ['homicide', 'majorCriminalCase', 'safetyAccident', 'viceCase'] as const;
/** A kind of incident. */
export type Incident = (typeof INCIDENTS)[number];
/** Title ranks from lowest to highest (every title but culture): 县级 < 市级 < 省级 < 国家级. */
export const RANKS = ['county', 'city', 'province', 'national'] as const;
/** A title rank. */
export type Rank = (typeof RANKS)[number];
/** Culture grades, 三级 < 二级 < 一级: a smaller number is a higher grade. */
export const CULTURE_GRADES = [3, 2, 1] as const;
/** A culture-community grade (1 highest). */
export type CultureGrade = (typeof CULTURE_GRADES)[number];
/** How far the furthest collective petition (集体访) of the year went, from nearest to furthest. */
export const PETITION_LEVELS = ['none', 'county', 'city', 'province', 'beijing'] as const;
/** How far a collective petition went. */
export type PetitionLevel = (typeof PETITION_LEVELS)[number];

/** Chinese names of the metrics, for messages and reasons. */
export const METRIC_NAMES: Record<Metric, string> = { mediationRate: '矛盾纠纷调处率', mediationSuccessRate: '调处成功率' };
/** Chinese names of the titles. */
export const TITLE_NAMES: Record<Title, string> = {
  civilised: '文明社区', culture: '文化社区', health: '卫生社区', learningParty: '学习型党组织', countyReport: '县报社区', harmony: '和谐社区', integrityModel: '廉政文化建设示范点',
};
/** Chinese names of the incidents. */
export const INCIDENT_NAMES: Record<Incident, string> = { homicide: '命案', majorCriminalCase: '重大刑事、治安案件', safetyAccident: '安全生产事故', viceCase: '“黄、赌、毒”案件' };
/** Chinese names of the ranks. */
export const RANK_NAMES: Record<Rank, string> = { county: '县级', city: '市级', province: '省级', national: '国家级' };
/** Chinese names of the culture grades. */
export const CULTURE_NAMES: Record<CultureGrade, string> = { 3: '三级', 2: '二级', 1: '一级' };
/** Chinese names of the petition levels. */
export const PETITION_NAMES: Record<PetitionLevel, string> = { none: '无', county: '赴县', city: '赴市', province: '赴省', beijing: '赴京' };

const Code = z.string().trim().regex(/^[A-Za-z0-9_.-]{1,24}$/, '代码只能含字母、数字、下划线、点和连字符，最长24位');
const Text = z.string().trim().min(1, '文字不能为空').max(2000, '文字最长2000字');
const WorkingDays = (max: number) => z.number().int('工作日数应为整数').min(1, '工作日数至少为1').max(max, `工作日数最多为${max}`);
const Share = z.number().finite().min(0, '比例不能小于0').max(1, '比例不能大于1');
const Amount = z.number().finite().min(0, '金额不能小于0').max(100_000_000, '金额不能超过1亿元');
const Coefficient = z.number().finite().gt(0, '系数必须大于0').max(10, '系数不能大于10');

/** One measurable requirement of a criterion. */
export const CheckSchema = z.discriminatedUnion('kind', [
  /** The metric reaches at least `percent` (0–100). */
  z.strictObject({ kind: z.literal('metricAtLeast'), metric: z.enum(METRICS), percent: z.number().finite() }),
  /** 居务公开 every month: each of the 12 months has at least one disclosure. */
  z.strictObject({ kind: z.literal('disclosureMonthly') }),
  /** The title is held at `level` or higher (a rank, or for culture a grade 3/2/1). */
  z.strictObject({ kind: z.literal('titleAtLeast'), title: z.enum(TITLES), level: z.union([z.enum(RANKS), z.literal(3), z.literal(2), z.literal(1)]) }),
  /** No incident of this kind in the year. */
  z.strictObject({ kind: z.literal('noIncident'), incident: z.enum(INCIDENTS) }),
  /** The year's worst safety accident stays below both numbers (不发生死亡1人或重伤2人以上: deaths < 1 and serious injuries < 2). */
  z.strictObject({ kind: z.literal('safetyAccidentBelow'), deaths: z.number().int().min(1).max(100), seriousInjuries: z.number().int().min(1).max(100) }),
  /** No collective petition at `level` or further; with noBeijingIndividual, also no individual petition to Beijing. */
  z.strictObject({ kind: z.literal('noCollectivePetitionAtOrAbove'), level: z.enum(['county', 'city', 'province']), noBeijingIndividual: z.boolean() }),
]);
/** A measurable requirement. */
export type Check = z.infer<typeof CheckSchema>;

/** A clause of a group's paragraph; `checks` empty when it cannot be measured (then the applicant's claim decides). */
export const CriterionSchema = z.strictObject({
  code: Code,
  group: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  text: Text,
  checks: z.array(CheckSchema).max(10),
});
/** A criterion (one clause). */
export type Criterion = z.infer<typeof CriterionSchema>;

/** A star level: its four group paragraphs verbatim, and their clauses as criteria. */
export const LevelSchema = z.strictObject({
  stars: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
  groups: z.array(z.strictObject({ group: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]), text: Text })).max(4),
  criteria: z.array(CriterionSchema).min(1, '每个星级至少有一条考评条目').max(100),
});
/** A star level. */
export type Level = z.infer<typeof LevelSchema>;

/** A one-vote veto item (一票否决). */
export const VetoSchema = z.strictObject({ code: Code, text: Text });
/** A veto item. */
export type Veto = z.infer<typeof VetoSchema>;

/** The whole standard. */
export const StarStandardSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  source: z.string().trim().min(1).max(500),
  /** Exactly stars 1..5, in order. */
  levels: z.array(LevelSchema).max(5),
  /** The veto items apply from this level up (四、五星级). */
  vetoFrom: z.literal(4),
  vetoes: z.array(VetoSchema).max(20),
  /** Length of the public notice (公示) for 4–5★, in working days. */
  noticeWorkingDays: WorkingDays(30).default(5),
  /** Deadlines of the steps, in working days. */
  stepWorkingDays: z.strictObject({ streetAssess: WorkingDays(60), countyReview: WorkingDays(60), answerObjection: WorkingDays(60) })
    .default({ streetAssess: 10, countyReview: 10, answerObjection: 5 }),
  /** Remind the person responsible this many working days before a deadline. */
  remindBeforeWorkingDays: z.number().int('工作日数应为整数').min(0, '工作日数不能小于0').max(30, '工作日数最多为30').default(2),
  /** Cadre pay coefficient per star level; 3★ is the base (1.0), pay floats up or down from it. */
  payCoefficients: z.strictObject({ 1: Coefficient, 2: Coefficient, 3: Coefficient, 4: Coefficient, 5: Coefficient })
    .default({ 1: 0.8, 2: 0.9, 3: 1.0, 4: 1.1, 5: 1.2 }),
  /** 项目资金: the yearly project funds a community organisation of each level is allotted, in yuan (0: none tied to that level). */
  projectFunds: z.strictObject({ 1: Amount, 2: Amount, 3: Amount, 4: Amount, 5: Amount })
    .default({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }),
  /** 党建“创新奖”: an optional annual award per community, in yuan. */
  innovationAward: z.strictObject({ enabled: z.boolean(), amount: z.number().finite().min(0, '金额不能小于0').max(10_000_000) })
    .default({ enabled: false, amount: 0 }),
  /** Targets over about three years: shares of organisations at ≥3★, at 5★, and meeting 五好 (community / 机关事业). */
  targets: z.strictObject({ threeStarShare: Share, fiveStarShare: Share, fiveGoodCommunityShare: Share, fiveGoodOrganShare: Share })
    .default({ threeStarShare: 0.8, fiveStarShare: 0.2, fiveGoodCommunityShare: 0.6, fiveGoodOrganShare: 0.7 }),
});
/** A parsed standard (defaults filled in). */
export type StarStandard = z.infer<typeof StarStandardSchema>;
/** A standard as given, before defaults. */
export type StarStandardInput = z.input<typeof StarStandardSchema>;

/** One problem of a standard, with the exact path of the field concerned. */
export type StandardProblem = { path: (string | number)[]; message: string };

/** Whether `level` is a valid requirement level for `title` (grades 3/2/1 for culture, ranks otherwise). */
export const levelFitsTitle = (title: Title, level: unknown): boolean =>
  title === 'culture' ? (CULTURE_GRADES as readonly unknown[]).includes(level) : (RANKS as readonly unknown[]).includes(level);

function checkProblems(c: Check, path: (string | number)[]): StandardProblem[] {
  if (c.kind === 'metricAtLeast' && !(c.percent >= 0 && c.percent <= 100)) {
    return [{ path: [...path, 'percent'], message: `${METRIC_NAMES[c.metric]}的要求 ${c.percent}% 应在0到100之间` }];
  }
  if (c.kind === 'titleAtLeast' && !levelFitsTitle(c.title, c.level)) {
    const allowed = c.title === 'culture' ? '1、2、3（一级、二级、三级）' : RANKS.join('、');
    return [{ path: [...path, 'level'], message: `${TITLE_NAMES[c.title]}的等级“${c.level}”无效，应为 ${allowed}` }];
  }
  return [];
}

/** How the parts of a valid-shaped standard fit together; empty when the standard may be used. */
export function standardProblems(s: StarStandard): StandardProblem[] {
  const out: StandardProblem[] = [];
  if (s.levels.length !== 5) out.push({ path: ['levels'], message: `应有一至五星级共5个星级，现有${s.levels.length}个` });
  s.levels.forEach((l, i) => {
    if (l.stars !== i + 1) out.push({ path: ['levels', i, 'stars'], message: `第${i + 1}项应为${i + 1}星级，现为${l.stars}星级（星级应各出现一次并按顺序排列）` });
  });
  const seen = new Map<string, string>();
  s.levels.forEach((l, i) => {
    const groups = l.groups.map((g) => g.group);
    if (groups.length !== 4 || groups.some((g, j) => g !== j + 1)) {
      out.push({ path: ['levels', i, 'groups'], message: `${l.stars}星级应依次有第1至4组标准，现为 [${groups.join(', ')}]` });
    }
    l.criteria.forEach((c, j) => {
      const p = ['levels', i, 'criteria', j];
      const first = seen.get(c.code);
      if (first) out.push({ path: [...p, 'code'], message: `条目代码“${c.code}”重复（已用于${first}）` });
      else seen.set(c.code, `${l.stars}星级第${j + 1}条`);
      if (!groups.includes(c.group)) out.push({ path: [...p, 'group'], message: `${l.stars}星级没有第${c.group}组标准` });
      c.checks.forEach((k, m) => out.push(...checkProblems(k, [...p, 'checks', m])));
    });
  });
  const vetoes = new Set<string>();
  s.vetoes.forEach((v, i) => {
    if (vetoes.has(v.code)) out.push({ path: ['vetoes', i, 'code'], message: `否决项代码“${v.code}”重复` });
    vetoes.add(v.code);
  });
  const pay = s.payCoefficients;
  if (pay[3] !== 1) out.push({ path: ['payCoefficients', '3'], message: `报酬以三星级为基准，三星级系数应为1，现为${pay[3]}` });
  for (const k of [2, 3, 4, 5] as const) {
    const below = pay[(k - 1) as 1 | 2 | 3 | 4];
    if (pay[k] < below) out.push({ path: ['payCoefficients', String(k)], message: `${k}星级系数 ${pay[k]} 低于${k - 1}星级系数 ${below}：星级越高系数不应越低` });
  }
  const steps = s.stepWorkingDays;
  (['streetAssess', 'countyReview', 'answerObjection'] as const).forEach((k) => {
    if (s.remindBeforeWorkingDays >= steps[k]) out.push({ path: ['remindBeforeWorkingDays'], message: `提前提醒的工作日数（${s.remindBeforeWorkingDays}）应小于各环节期限（${k} 为 ${steps[k]}）` });
  });
  for (const k of [2, 3, 4, 5] as const) {
    const below = s.projectFunds[(k - 1) as 1 | 2 | 3 | 4];
    if (s.projectFunds[k] < below) out.push({ path: ['projectFunds', String(k)], message: `${k}星级项目资金 ${s.projectFunds[k]} 低于${k - 1}星级的 ${below}：星级越高资金不应越少` });
  }
  if (s.innovationAward.enabled && s.innovationAward.amount <= 0) out.push({ path: ['innovationAward', 'amount'], message: '启用创新奖时金额应大于0' });
  if (s.targets.fiveStarShare > s.targets.threeStarShare) out.push({ path: ['targets', 'fiveStarShare'], message: '五星级比例目标不应高于三星级以上比例目标' });
  return out;
}

const ZH = z.locales.zhCN().localeError;

/** Zod issues as problems; an unknown field is named in the path, one problem per field. */
function issueProblems(issues: z.core.$ZodIssue[]): StandardProblem[] {
  return issues.flatMap((i) => {
    const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (i.code === 'unrecognized_keys') return i.keys.map((k) => ({ path: [...path, k], message: `未知字段“${k}”` }));
    return [{ path, message: i.message }];
  });
}

/** Parses and checks a standard: the standard, or every problem with its path. */
export function parseStandard(input: unknown): { ok: true; value: StarStandard } | { ok: false; problems: StandardProblem[] } {
  const r = StarStandardSchema.safeParse(input, { error: ZH });
  if (!r.success) return { ok: false, problems: issueProblems(r.error.issues) };
  const problems = standardProblems(r.data);
  return problems.length ? { ok: false, problems } : { ok: true, value: r.data };
}
