/**
 * An assessment scheme as data: indicators, base score, member tiers, grade bands with explicit
 * boundaries, consequences, quotas and multi-year rules. `SchemeDefinition` checks each part;
 * `schemeProblems` checks how the parts fit together and names the exact path of each problem.
 */
import { z } from 'zod';

/** The roles that may be allowed to record points (a subset of the platform's roles). */
export const RECORDER_ROLES = ['county_admin', 'street_admin', 'community_admin', 'branch_secretary', 'grid_liaison', 'inspector'] as const;

const Code = z.string().trim().regex(/^[A-Za-z0-9_.-]{1,24}$/, '代码只能含字母、数字、下划线、点和连字符，最长24位');
const Name = z.string().trim().min(1).max(100);
const Note = z.string().trim().max(500).nullish();
/** Points: at most two decimals, within ±1000. */
export const Points = z.number().finite().min(-1000).max(1000)
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, '分值最多两位小数');
const Positive = z.number().finite().gt(0, '上限必须大于0').max(10_000)
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, '分值最多两位小数');
const Money = z.number().finite().min(0).max(10_000_000);

/** Facts about a member a tier rule may test, computed at the end of the scheme's year. */
export const MEMBER_FACTS = ['age', 'partyYears', 'gender', 'category', 'workState', 'post', 'flowing', 'education', 'tierLabel', 'partyState'] as const;
export type MemberFact = (typeof MEMBER_FACTS)[number];
export const CONDITION_OPS = ['eq', 'ne', 'in', 'nin', 'gte', 'gt', 'lte', 'lt', 'contains', 'empty', 'notEmpty'] as const;

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { fact: MemberFact; op: (typeof CONDITION_OPS)[number]; value?: string | number | boolean | (string | number)[] };

/** A tier rule: facts combined with all/any/not. `{ "all": [] }` places everyone. */
export const Condition: z.ZodType<Condition> = z.lazy(() => z.union([
  z.strictObject({ all: z.array(Condition).max(20) }),
  z.strictObject({ any: z.array(Condition).min(1).max(20) }),
  z.strictObject({ not: Condition }),
  z.strictObject({
    fact: z.enum(MEMBER_FACTS),
    op: z.enum(CONDITION_OPS),
    value: z.union([z.string().max(50), z.number().finite(), z.boolean(), z.array(z.union([z.string().max(50), z.number().finite()])).max(50)]).optional(),
  }),
]));

export const Dimension = z.strictObject({
  code: Code,
  name: Name,
  /** The most this dimension may add to the total (its net points are clamped to [minPoints, maxPoints]). */
  maxPoints: Positive.nullish(),
  minPoints: Points.nullish(),
});

export const Tier = z.strictObject({
  code: Code,
  name: Name,
  description: Note,
  rule: Condition,
});

export const Indicator = z.strictObject({
  code: Code,
  name: Name,
  dimension: Code.nullish(),
  /** 加分 or 减分: the sign of every entry of this indicator. */
  kind: z.enum(['add', 'subtract']),
  /** Points of one entry (a magnitude, without sign). */
  points: Positive,
  /** Whether an entry may carry another magnitude, up to capPerEntry. */
  adjustable: z.boolean().default(false),
  capPerEntry: Positive.nullish(),
  capPerMonth: Positive.nullish(),
  capPerYear: Positive.nullish(),
  evidenceRequired: z.boolean().default(false),
  recorderRoles: z.array(z.enum(RECORDER_ROLES)).min(1).max(RECORDER_ROLES.length),
  /** Tiers whose members this indicator applies to; null or absent: every tier. */
  tiers: z.array(Code).min(1, '适用层次不能为空列表：不限层次请留空').max(20).nullish(),
  description: Note,
});

/** A grade band: [from, to] with each end's inclusion stated, so a boundary score belongs to exactly one band. */
export const Band = z.strictObject({
  code: Code,
  name: Name,
  /** Lower end; null: no lower end. */
  from: z.number().finite().nullable(),
  fromInclusive: z.boolean(),
  /** Upper end; null: no upper end. */
  to: z.number().finite().nullable(),
  toInclusive: z.boolean(),
  /** Award in yuan for a subject in this band. */
  award: Money.nullish(),
  /** Consequences to take (e.g. 表彰, 教育勉励, 组织谈话, 通报批评, 限期整顿). */
  actions: z.array(z.string().trim().min(1).max(30)).max(10).default([]),
  /** Whether a subject in this band opens a tracked task (rectification) for its organisation. */
  opensTask: z.boolean().default(false),
  /** 先进 / 中间 / 后进 classification, when the scheme classifies. */
  classification: z.enum(['先进', '中间', '后进']).nullish(),
});

export const Quota = z.strictObject({
  band: Code,
  /** At most this share of graded subjects, rounded down (for one third give 1/3 at full precision: 0.3333 of 3 allows none). */
  maxShare: z.number().gt(0).max(1),
  /** Counted over the whole run, or per organisation (the member's branch, or the subject org's parent). */
  per: z.enum(['run', 'org']),
  /** Where subjects beyond the quota go. */
  demoteTo: Code,
});

export const MultiYearRule = z.strictObject({
  band: Code,
  consecutiveYears: z.number().int().min(2).max(5),
  /** What the organisation must do (e.g. 组织处置). */
  action: z.string().trim().min(1).max(30),
  /** The outcomes open to it (e.g. 限期整改, 劝退, 除名). */
  options: z.array(z.string().trim().min(1).max(30)).max(10).default([]),
});

export const SchemeDefinition = z.strictObject({
  subject: z.enum(['member', 'org']),
  /** For organisation schemes: the kinds of organisation scored. */
  orgKinds: z.array(z.enum(['street', 'town', 'community', 'village', 'party_committee', 'general_branch', 'branch', 'joint_branch'])).max(8).default([]),
  baseScore: z.number().finite().min(0).max(1000),
  minScore: z.number().finite().min(-1000).max(1000).nullish(),
  maxScore: z.number().finite().min(0).max(2000).nullish(),
  dimensions: z.array(Dimension).max(30).default([]),
  tiers: z.array(Tier).max(20).default([]),
  indicators: z.array(Indicator).min(1).max(300),
  bands: z.array(Band).min(1).max(10),
  quotas: z.array(Quota).max(10).default([]),
  multiYear: z.array(MultiYearRule).max(5).default([]),
  /** Whether probationary members (预备党员) receive a grade; they are scored either way. */
  gradeProbationary: z.boolean().default(false),
  /** Who sees a branch's 亮分 board: its administrators only, or also the branch's members. */
  board: z.strictObject({ visibleTo: z.enum(['admins', 'branch']), showNames: z.boolean() }).default({ visibleTo: 'branch', showNames: true }),
});
export type SchemeDefinition = z.infer<typeof SchemeDefinition>;
export type SchemeDefinitionInput = z.input<typeof SchemeDefinition>;
export type Indicator = z.infer<typeof Indicator>;
export type Band = z.infer<typeof Band>;
export type Tier = z.infer<typeof Tier>;

/** One problem of a scheme, with the exact path of the field concerned. */
export type SchemeProblem = { path: (string | number)[]; message: string };

const dupes = (list: { code: string }[], where: string): SchemeProblem[] => {
  const seen = new Map<string, number>();
  const out: SchemeProblem[] = [];
  list.forEach((x, i) => {
    if (seen.has(x.code)) out.push({ path: [where, i, 'code'], message: `代码“${x.code}”重复（与第${seen.get(x.code)! + 1}项相同）` });
    else seen.set(x.code, i);
  });
  return out;
};

const fmtEnd = (v: number | null, inclusive: boolean, lower: boolean) =>
  v === null ? (lower ? '(-∞' : '+∞)') : lower ? `${inclusive ? '[' : '('}${v}` : `${v}${inclusive ? ']' : ')'}`;

/** A band as interval text, e.g. "[85, 95)". */
export const bandInterval = (b: Pick<Band, 'from' | 'fromInclusive' | 'to' | 'toInclusive'>) =>
  `${fmtEnd(b.from, b.fromInclusive, true)}, ${fmtEnd(b.to, b.toInclusive, false)}`;

/** Grade bands must cover every score exactly once, from the lowest band to the highest. */
function bandProblems(bands: Band[]): SchemeProblem[] {
  const out: SchemeProblem[] = [];
  bands.forEach((b, i) => {
    if (b.from !== null && b.to !== null && (b.from > b.to || (b.from === b.to && !(b.fromInclusive && b.toInclusive)))) {
      out.push({ path: ['bands', i], message: `等次“${b.name}”的区间 ${bandInterval(b)} 为空` });
    }
  });
  if (out.length) return out;
  if (bands[0].from !== null) out.push({ path: ['bands', 0, 'from'], message: `最低等次“${bands[0].name}”应无下限（from 为 null），否则低于 ${bands[0].from} 的得分没有等次` });
  const last = bands.length - 1;
  if (bands[last].to !== null) out.push({ path: ['bands', last, 'to'], message: `最高等次“${bands[last].name}”应无上限（to 为 null），否则高于 ${bands[last].to} 的得分没有等次` });
  for (let i = 0; i < last; i++) {
    const a = bands[i];
    const b = bands[i + 1];
    if (a.to === null || b.from === null) {
      out.push({ path: ['bands', a.to === null ? i : i + 1, a.to === null ? 'to' : 'from'], message: `等次应自低到高排列，“${a.name}”与“${b.name}”之间的边界缺失` });
      continue;
    }
    if (a.to < b.from) out.push({ path: ['bands', i + 1, 'from'], message: `等次“${a.name}”${bandInterval(a)}与“${b.name}”${bandInterval(b)}之间有空档：(${a.to}, ${b.from}) 的得分没有等次` });
    else if (a.to > b.from) out.push({ path: ['bands', i + 1, 'from'], message: `等次“${a.name}”${bandInterval(a)}与“${b.name}”${bandInterval(b)}重叠，或未自低到高排列` });
    else if (a.toInclusive && b.fromInclusive) out.push({ path: ['bands', i + 1, 'fromInclusive'], message: `得分 ${a.to} 同时属于“${a.name}”和“${b.name}”：应说明 ${a.to} 属于哪一个等次` });
    else if (!a.toInclusive && !b.fromInclusive) out.push({ path: ['bands', i + 1, 'fromInclusive'], message: `得分 ${a.to} 不属于任何等次：应说明 ${a.to} 属于“${a.name}”还是“${b.name}”` });
  }
  return out;
}

const always = (c: Condition) => 'all' in c && c.all.length === 0;

/** How the parts of a valid-shaped definition fit together; empty when the scheme may be saved. */
export function schemeProblems(d: SchemeDefinition): SchemeProblem[] {
  const out: SchemeProblem[] = [
    ...dupes(d.indicators, 'indicators'), ...dupes(d.dimensions, 'dimensions'), ...dupes(d.tiers, 'tiers'), ...dupes(d.bands, 'bands'),
  ];
  const dims = new Set(d.dimensions.map((x) => x.code));
  const tiers = new Set(d.tiers.map((x) => x.code));
  const bands = d.bands.map((b) => b.code);
  if (d.subject === 'org') {
    if (d.tiers.length) out.push({ path: ['tiers'], message: '组织考核方案不分层' });
    if (!d.orgKinds.length) out.push({ path: ['orgKinds'], message: '组织考核方案应说明考核哪类组织' });
  } else if (d.orgKinds.length) out.push({ path: ['orgKinds'], message: '党员考核方案不考核组织' });
  if (d.minScore != null && d.maxScore != null && d.minScore >= d.maxScore) out.push({ path: ['maxScore'], message: '最高分应大于最低分' });
  d.dimensions.forEach((x, i) => {
    if (x.minPoints != null && x.maxPoints != null && x.minPoints >= x.maxPoints) out.push({ path: ['dimensions', i, 'maxPoints'], message: `维度“${x.name}”的上限应大于下限` });
  });
  d.indicators.forEach((x, i) => {
    const p = ['indicators', i];
    if (x.dimension && !dims.has(x.dimension)) out.push({ path: [...p, 'dimension'], message: `维度“${x.dimension}”不存在` });
    if (d.dimensions.length && !x.dimension) out.push({ path: [...p, 'dimension'], message: `指标“${x.name}”应归入一个维度` });
    (x.tiers ?? []).forEach((t, j) => { if (!tiers.has(t)) out.push({ path: [...p, 'tiers', j], message: `层次“${t}”不存在` }); });
    if (x.tiers && d.subject === 'org') out.push({ path: [...p, 'tiers'], message: '组织考核方案的指标不分层' });
    if (x.capPerEntry != null && x.capPerEntry < x.points) out.push({ path: [...p, 'capPerEntry'], message: `单次上限 ${x.capPerEntry} 小于每次分值 ${x.points}，该指标无法记分` });
    if (x.adjustable && x.capPerEntry == null) out.push({ path: [...p, 'capPerEntry'], message: '可调分值的指标须设单次上限' });
    if (x.capPerMonth != null && x.capPerMonth < x.points) out.push({ path: [...p, 'capPerMonth'], message: `每月上限 ${x.capPerMonth} 小于每次分值 ${x.points}` });
    if (x.capPerYear != null && x.capPerYear < x.points) out.push({ path: [...p, 'capPerYear'], message: `每年上限 ${x.capPerYear} 小于每次分值 ${x.points}` });
    if (x.capPerYear != null && x.capPerMonth != null && x.capPerMonth > x.capPerYear) out.push({ path: [...p, 'capPerMonth'], message: '每月上限不应大于每年上限' });
  });
  const catchAll = d.tiers.findIndex((t) => always(t.rule));
  d.tiers.forEach((t, i) => {
    if (catchAll >= 0 && i > catchAll) out.push({ path: ['tiers', i, 'rule'], message: `层次“${t.name}”排在“${d.tiers[catchAll].name}”（适用全部党员）之后，不会有人归入` });
    if (!d.indicators.some((x) => !x.tiers || x.tiers.includes(t.code))) out.push({ path: ['tiers', i], message: `层次“${t.name}”没有适用的指标` });
  });
  out.push(...bandProblems(d.bands));
  d.quotas.forEach((q, i) => {
    const at = bands.indexOf(q.band);
    const to = bands.indexOf(q.demoteTo);
    if (at < 0) out.push({ path: ['quotas', i, 'band'], message: `等次“${q.band}”不存在` });
    if (to < 0) out.push({ path: ['quotas', i, 'demoteTo'], message: `等次“${q.demoteTo}”不存在` });
    else if (at >= 0 && to >= at) out.push({ path: ['quotas', i, 'demoteTo'], message: '超出比例者只能调入更低的等次' });
  });
  d.multiYear.forEach((m, i) => { if (!bands.includes(m.band)) out.push({ path: ['multiYear', i, 'band'], message: `等次“${m.band}”不存在` }); });
  return out;
}

/** Parses and checks a definition: the definition, or every problem with its path. */
export function parseScheme(input: unknown): { ok: true; value: SchemeDefinition } | { ok: false; problems: SchemeProblem[] } {
  const r = SchemeDefinition.safeParse(input);
  if (!r.success) return { ok: false, problems: r.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message })) };
  const problems = schemeProblems(r.data);
  return problems.length ? { ok: false, problems } : { ok: true, value: r.data };
}
