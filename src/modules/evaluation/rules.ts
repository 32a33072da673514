/**
 * 民主评议 by two ballots (两票制): the grade sets, the combination rule as data, and the tally of
 * one campaign's opened ballots into each member's result with the reasons that produced it.
 * Pure; the tables and the box are elsewhere.
 *
 * The rule: each constituency's ballots give a member a score (the mean of the points of the grades
 * given); the weighted mean of the constituencies that cast ballots is the member's score; bands
 * turn the score into a grade; thresholds then set a grade outright (e.g. residents' trust below
 * 50% → 不合格); a quota caps a grade's share (e.g. 优秀 at most 1/3), the lowest-scoring above the
 * cap, and everyone tied with them, moving down one grade.
 */
import { z } from 'zod';

/** Seed 003's five grades and the national four, best first. */
export const GRADE_SETS = {
  seed003: ['优秀', '合格', '基本合格', '基本不合格', '不合格'],
  national: ['优秀', '合格', '基本合格', '不合格'],
} as const;
/** A grade set's name. */
export type GradeSetName = keyof typeof GRADE_SETS;
/** The two constituencies: party members, and non-party residents' representatives. */
export const CONSTITUENCIES = ['members', 'residents'] as const;
/** A constituency. */
export type Constituency = (typeof CONSTITUENCIES)[number];
/** Chinese names of the constituencies. */
export const CONSTITUENCY_NAMES: Record<Constituency, string> = { members: '党员', residents: '党外群众代表' };

const Grade = z.string().min(1).max(10);
const Share = z.number().finite().min(0).max(1);

/** A combination rule (stored with the campaign; a campaign keeps the rule it was opened with). */
export const RuleSchema = z.strictObject({
  gradeSet: z.enum(['seed003', 'national']),
  /** Points of each grade of the set, 0–100. */
  points: z.record(Grade, z.number().finite().min(0).max(100)),
  /** Weight of each constituency; those that cast no ballot are left out and the rest scaled up. */
  weights: z.strictObject({ members: Share, residents: Share }),
  /** Lowest score of each grade, best first; a score below every band gets the last grade. */
  bands: z.array(z.strictObject({ grade: Grade, minScore: z.number().finite().min(0).max(100) })).min(1).max(5),
  /** A constituency's share of ballots giving one of `grades` below `below` sets the grade to `then`. */
  thresholds: z.array(z.strictObject({ constituency: z.enum(CONSTITUENCIES), grades: z.array(Grade).min(1).max(5), below: Share, then: Grade, name: z.string().min(1).max(40) })).max(5),
  /** A grade's share of the graded members may not pass `maxShare`. */
  quotas: z.array(z.strictObject({ grade: Grade, maxShare: Share })).max(3),
});
/** A combination rule. */
export type Rule = z.infer<typeof RuleSchema>;

/** Seed 003 with its five grades: members 60%, residents 40%; residents' trust below 50% → 不合格. */
export const RULE_SEED003: Rule = {
  gradeSet: 'seed003',
  points: { 优秀: 100, 合格: 80, 基本合格: 60, 基本不合格: 40, 不合格: 20 },
  weights: { members: 0.6, residents: 0.4 },
  bands: [{ grade: '优秀', minScore: 90 }, { grade: '合格', minScore: 75 }, { grade: '基本合格', minScore: 60 }, { grade: '基本不合格', minScore: 45 }, { grade: '不合格', minScore: 0 }],
  thresholds: [{ constituency: 'residents', grades: ['优秀', '合格', '基本合格'], below: 0.5, then: '不合格', name: '群众信任率' }],
  quotas: [],
};

/** The national four grades, 优秀 at most one third of the graded members. */
export const RULE_NATIONAL: Rule = {
  gradeSet: 'national',
  points: { 优秀: 100, 合格: 80, 基本合格: 60, 不合格: 30 },
  weights: { members: 0.7, residents: 0.3 },
  bands: [{ grade: '优秀', minScore: 90 }, { grade: '合格', minScore: 70 }, { grade: '基本合格', minScore: 60 }, { grade: '不合格', minScore: 0 }],
  thresholds: [],
  quotas: [{ grade: '优秀', maxShare: 1 / 3 }],
};

/** Why a rule cannot be used, with paths; empty when it can. */
export function ruleProblems(r: Rule): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const grades: readonly string[] = GRADE_SETS[r.gradeSet];
  const known = (g: string, path: (string | number)[]) => { if (!grades.includes(g)) out.push({ path, message: `等次“${g}”不在${grades.join('、')}之中` }); };
  for (const g of grades) if (r.points[g] === undefined) out.push({ path: ['points', g], message: `缺少等次“${g}”的分值` });
  for (const g of Object.keys(r.points)) known(g, ['points', g]);
  if (Math.abs(r.weights.members + r.weights.residents - 1) > 1e-9) out.push({ path: ['weights'], message: '两类票的权重之和应为1' });
  r.bands.forEach((b, i) => {
    known(b.grade, ['bands', i, 'grade']);
    if (i > 0 && b.minScore >= r.bands[i - 1].minScore) out.push({ path: ['bands', i, 'minScore'], message: '分数线应从高到低排列' });
    if (i > 0 && grades.indexOf(b.grade) <= grades.indexOf(r.bands[i - 1].grade)) out.push({ path: ['bands', i, 'grade'], message: '等次应从好到差排列' });
  });
  r.thresholds.forEach((t, i) => { t.grades.forEach((g, j) => known(g, ['thresholds', i, 'grades', j])); known(t.then, ['thresholds', i, 'then']); });
  r.quotas.forEach((q, i) => {
    known(q.grade, ['quotas', i, 'grade']);
    if (q.grade === grades[grades.length - 1]) out.push({ path: ['quotas', i, 'grade'], message: '最后一个等次不能设比例上限' });
  });
  return out;
}

/** Counts of one member's grades, per constituency. */
export type Counts = Record<Constituency, Record<string, number>>;
/** One member's result and how it came about. */
export type MemberResult = { memberId: number; score: number | null; grade: string | null; reasons: string[]; counts: Counts };

const round1 = (x: number) => Math.round(x * 10) / 10;
const pct = (x: number) => `${round1(x * 100)}%`;

/**
 * The results of the graded members from their counts. A member without a single ballot gets no
 * grade (reason given). Deterministic: the same counts give the same results in any order.
 */
export function tally(rule: Rule, counts: Map<number, Counts>): MemberResult[] {
  const grades: readonly string[] = GRADE_SETS[rule.gradeSet];
  const results: MemberResult[] = [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([memberId, c]) => {
    const reasons: string[] = [];
    const parts: { con: Constituency; score: number; weight: number }[] = [];
    for (const con of CONSTITUENCIES) {
      const n = Object.values(c[con]).reduce((s, k) => s + k, 0);
      if (!n) continue;
      const score = Object.entries(c[con]).reduce((s, [g, k]) => s + (rule.points[g] ?? 0) * k, 0) / n;
      parts.push({ con, score, weight: rule.weights[con] });
    }
    const totalWeight = parts.reduce((s, p) => s + p.weight, 0);
    if (!parts.length || totalWeight === 0) return { memberId, score: null, grade: null, reasons: ['没有有效票，不评定等次'], counts: c };
    const score = round1(parts.reduce((s, p) => s + p.score * p.weight, 0) / totalWeight);
    reasons.push(`综合得分 ${score}（${parts.map((p) => `${CONSTITUENCY_NAMES[p.con]} ${round1(p.score)}×${round1((p.weight / totalWeight) * 100) / 100}`).join(' + ')}）`);
    let grade = rule.bands.find((b) => score >= b.minScore)?.grade ?? grades[grades.length - 1];
    reasons.push(`按分数线评为“${grade}”`);
    for (const t of rule.thresholds) {
      const n = Object.values(c[t.constituency]).reduce((s, k) => s + k, 0);
      if (!n) continue;
      const share = t.grades.reduce((s, g) => s + (c[t.constituency][g] ?? 0), 0) / n;
      if (share < t.below && grades.indexOf(t.then) > grades.indexOf(grade)) {
        grade = t.then;
        reasons.push(`${t.name} ${pct(share)}，低于 ${pct(t.below)}：定为“${t.then}”`);
      }
    }
    return { memberId, score, grade, reasons, counts: c };
  });
  for (const q of rule.quotas) {
    const graded = results.filter((r) => r.grade !== null);
    const cap = Math.floor(q.maxShare * graded.length + 1e-9);
    const holders = graded.filter((r) => r.grade === q.grade).sort((a, b) => b.score! - a.score!);
    if (holders.length <= cap) continue;
    const cut = cap > 0 ? holders[cap - 1].score! : Infinity;
    // everyone below the last place within the cap, and everyone tied with the first one out, moves down
    const firstOut = holders[cap].score!;
    const next = grades[grades.indexOf(q.grade) + 1];
    for (const r of holders) {
      if (r.score! < cut || r.score === firstOut) {
        r.grade = next;
        r.reasons.push(`“${q.grade}”不超过 ${pct(q.maxShare)}（${graded.length} 人中至多 ${cap} 人），按得分顺延为“${next}”`);
      }
    }
  }
  return results;
}
