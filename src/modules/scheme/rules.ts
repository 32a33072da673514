/**
 * The pure rules of a scheme: a member's facts and tier, whether an entry may be written, a
 * subject's score, its grade band, and the year-end grading of a whole run (ranks, quotas,
 * consequences, multi-year flags). Points are handled in hundredths (integers) so that totals
 * never depend on the order of addition.
 */
import type { Band, Condition, Indicator, MemberFact, SchemeDefinition } from './model.js';
import { bandInterval } from './model.js';

/** Points as integer hundredths, and back. */
export const toCents = (n: number | string) => Math.round(Number(n) * 100);
export const fromCents = (c: number) => c / 100;

/** The member record fields a tier rule may use. */
export type MemberRecord = {
  birthDate: string; joinDate: string; gender: string; category: string; workState: string; post: string | null;
  flowing: boolean; education: string | null; tier: string | null; partyState: string;
};
export type Facts = Record<MemberFact, string | number | boolean | null>;

/** Full years completed on 31 December of `year` (every birthday of the year has passed by then). */
const yearsBetween = (from: string | undefined, year: number) => (from ? year - Number(from.slice(0, 4)) : null);

/**
 * A member's facts on 31 December of `year`. A record may carry only the fields a scheme's tier
 * rules read (a year-end run selects no more); a missing one is null.
 */
export function memberFacts(m: Partial<MemberRecord>, year: number): Facts {
  return {
    age: yearsBetween(m.birthDate, year), partyYears: yearsBetween(m.joinDate, year), gender: m.gender ?? null, category: m.category ?? null,
    workState: m.workState ?? null, post: m.post ?? null, flowing: m.flowing ?? null, education: m.education ?? null, tierLabel: m.tier ?? null, partyState: m.partyState ?? null,
  };
}

/** Whether the facts satisfy a tier rule. */
export function holds(c: Condition, f: Facts): boolean {
  if ('all' in c) return c.all.every((x) => holds(x, f));
  if ('any' in c) return c.any.some((x) => holds(x, f));
  if ('not' in c) return !holds(c.not, f);
  const v = f[c.fact];
  const w = c.value;
  switch (c.op) {
    case 'empty': return v === null || v === '';
    case 'notEmpty': return !(v === null || v === '');
    case 'eq': return v === w;
    case 'ne': return v !== w;
    case 'in': return Array.isArray(w) && w.includes(v as string | number);
    case 'nin': return Array.isArray(w) && !w.includes(v as string | number);
    case 'contains': return typeof v === 'string' && typeof w === 'string' && v.includes(w);
    default: {
      if (typeof v !== 'number' || typeof w !== 'number') return false;
      return c.op === 'gte' ? v >= w : c.op === 'gt' ? v > w : c.op === 'lte' ? v <= w : v < w;
    }
  }
}

/** The tier a member falls in: the first whose rule holds; null when the scheme has no tiers or none holds. */
export function placeTier(d: SchemeDefinition, f: Facts): string | null {
  return d.tiers.find((t) => holds(t.rule, f))?.code ?? null;
}

/** The record field each fact is computed from (ages from the year of a date). */
const FACT_FIELD: Record<MemberFact, keyof MemberRecord> = {
  age: 'birthDate', partyYears: 'joinDate', gender: 'gender', category: 'category', workState: 'workState', post: 'post',
  flowing: 'flowing', education: 'education', tierLabel: 'tier', partyState: 'partyState',
};

/**
 * placeTier over many members of one year: the answer is remembered per combination of the record
 * fields the tier rules read (members share few), so each combination is evaluated once.
 */
export function tierPlacer(d: SchemeDefinition, year: number): (m: Partial<MemberRecord>) => string | null {
  if (!d.tiers.length) return () => null;
  const fields = [...tierFacts(d)].map((f) => ({ field: FACT_FIELD[f], date: f === 'age' || f === 'partyYears' }));
  const seen = new Map<string, string | null>();
  return (m) => {
    let key = '';
    for (const { field, date } of fields) {
      const v = m[field];
      // strings length-prefixed, so no two combinations share a key; a date counts by its year
      key += typeof v === 'string' ? (date ? `${v.slice(0, 4)};` : `s${v.length}:${v}`) : `${v};`;
    }
    let tier = seen.get(key);
    if (tier === undefined) {
      tier = placeTier(d, memberFacts(m, year));
      seen.set(key, tier);
    }
    return tier;
  };
}

/** Whether an indicator applies to a member of `tier`. */
export const appliesTo = (x: Indicator, tier: string | null) => !x.tiers || (tier !== null && x.tiers.includes(tier));

/** What is already recorded for the subject and indicator: net hundredths in the entry's month and year. */
export type CapUsage = { monthCents: number; yearCents: number };

export type EntryRequest = { indicator: string; points?: number | null; evidence?: string | null; fileId?: number | null; roles: string[] };
export type EntryProblem = { field: string; zh: string; en: string };

/**
 * Checks one new entry against the scheme: indicator known and applicable to the tier, sign and
 * magnitude, caps for one entry, the month and the year, evidence and the recorder's role.
 * Returns the signed points in hundredths, or the problems.
 */
export function checkEntry(d: SchemeDefinition, tier: string | null, req: EntryRequest, usage: CapUsage):
  { ok: true; cents: number; indicator: Indicator } | { ok: false; problems: EntryProblem[] } {
  const x = d.indicators.find((i) => i.code === req.indicator);
  if (!x) return { ok: false, problems: [{ field: 'indicator', zh: `方案中没有指标“${req.indicator}”`, en: `no indicator ${req.indicator} in this scheme` }] };
  const problems: EntryProblem[] = [];
  if (!appliesTo(x, tier)) {
    const tierName = d.tiers.find((t) => t.code === tier)?.name ?? '未分层';
    problems.push({ field: 'indicator', zh: `指标“${x.name}”不适用于该党员所在层次“${tierName}”`, en: `indicator ${x.code} does not apply to tier ${tier ?? '(none)'}` });
  }
  const magnitude = req.points == null ? x.points : Math.abs(req.points);
  if (req.points != null) {
    if (req.points === 0) problems.push({ field: 'points', zh: '分值不能为0', en: 'points must not be zero' });
    else if ((x.kind === 'add') !== (req.points > 0)) problems.push({ field: 'points', zh: `指标“${x.name}”为${x.kind === 'add' ? '加分' : '减分'}项，分值应为${x.kind === 'add' ? '正' : '负'}数`, en: `indicator ${x.code} ${x.kind === 'add' ? 'adds' : 'subtracts'} points` });
    if (!x.adjustable && toCents(magnitude) !== toCents(x.points)) problems.push({ field: 'points', zh: `指标“${x.name}”每次计 ${x.points} 分，不可调整`, en: `indicator ${x.code} scores ${x.points} each time` });
  }
  const cents = toCents(magnitude) * (x.kind === 'add' ? 1 : -1);
  if (x.capPerEntry != null && toCents(magnitude) > toCents(x.capPerEntry)) problems.push({ field: 'points', zh: `超过单次上限 ${x.capPerEntry} 分`, en: `above the per-entry cap of ${x.capPerEntry}` });
  if (x.capPerMonth != null && Math.abs(usage.monthCents + cents) > toCents(x.capPerMonth)) {
    problems.push({ field: 'points', zh: `超过每月上限 ${x.capPerMonth} 分（本月已记 ${fromCents(Math.abs(usage.monthCents))} 分）`, en: `above the monthly cap of ${x.capPerMonth} (already ${fromCents(Math.abs(usage.monthCents))})` });
  }
  if (x.capPerYear != null && Math.abs(usage.yearCents + cents) > toCents(x.capPerYear)) {
    problems.push({ field: 'points', zh: `超过每年上限 ${x.capPerYear} 分（本年已记 ${fromCents(Math.abs(usage.yearCents))} 分）`, en: `above the yearly cap of ${x.capPerYear} (already ${fromCents(Math.abs(usage.yearCents))})` });
  }
  if (x.evidenceRequired && !(req.evidence?.trim() || req.fileId)) problems.push({ field: 'evidence', zh: `指标“${x.name}”须附佐证（说明或附件）`, en: `indicator ${x.code} needs evidence` });
  if (!req.roles.some((r) => (x.recorderRoles as string[]).includes(r))) problems.push({ field: 'indicator', zh: `您的角色不能记录指标“${x.name}”`, en: `your role may not record indicator ${x.code}` });
  return problems.length ? { ok: false, problems } : { ok: true, cents, indicator: x };
}

/** Net hundredths by dimension code ('' when the scheme has no dimensions). */
export type DimensionSums = Map<string, number>;

/** One line of a score's explanation. */
export type ScoreLine = { kind: 'base' | 'dimension' | 'clamp'; label: string; cents: number; note?: string };

/** A subject's total from its net points per dimension: base + each dimension clamped to its limits, then the total clamped. */
export function scoreOf(d: SchemeDefinition, sums: DimensionSums): { cents: number; lines: ScoreLine[] } {
  const lines: ScoreLine[] = [{ kind: 'base', label: '基础分', cents: toCents(d.baseScore) }];
  let total = toCents(d.baseScore);
  // every dimension of the scheme counts, with no entries as 0, so a lower limit applies alike
  const codes = [...new Set([...d.dimensions.map((x) => x.code), ...sums.keys()])].sort();
  for (const code of codes) {
    const raw = sums.get(code) ?? 0;
    const dim = d.dimensions.find((x) => x.code === code);
    let v = raw;
    if (dim?.maxPoints != null) v = Math.min(v, toCents(dim.maxPoints));
    if (dim?.minPoints != null) v = Math.max(v, toCents(dim.minPoints));
    lines.push({ kind: 'dimension', label: dim?.name ?? (code || '加减分'), cents: v, note: v !== raw ? `按维度限额由 ${fromCents(raw)} 计为 ${fromCents(v)}` : undefined });
    total += v;
  }
  const clamped = Math.max(d.minScore != null ? toCents(d.minScore) : -Infinity, Math.min(d.maxScore != null ? toCents(d.maxScore) : Infinity, total));
  if (clamped !== total) lines.push({ kind: 'clamp', label: '总分限额', cents: clamped - total, note: `总分限于 ${d.minScore ?? '-∞'}–${d.maxScore ?? '+∞'}` });
  return { cents: clamped, lines };
}

/**
 * The total alone, as scoreOf reckons it, for scoring a whole run: the scheme's limits turned into
 * hundredths once, no explanation lines.
 */
export function totalScorer(d: SchemeDefinition): (sums: DimensionSums) => number {
  const base = toCents(d.baseScore);
  const dims = d.dimensions.map((x) => ({ code: x.code, max: x.maxPoints != null ? toCents(x.maxPoints) : Infinity, min: x.minPoints != null ? toCents(x.minPoints) : -Infinity }));
  const known = new Set(dims.map((x) => x.code));
  const lo = d.minScore != null ? toCents(d.minScore) : -Infinity;
  const hi = d.maxScore != null ? toCents(d.maxScore) : Infinity;
  return (sums) => {
    let total = base;
    for (const x of dims) total += Math.max(x.min, Math.min(x.max, sums.get(x.code) ?? 0));
    for (const [code, v] of sums) if (!known.has(code)) total += v;
    return Math.max(lo, Math.min(hi, total));
  };
}

const inBand = (b: Band, score: number) =>
  (b.from === null || (b.fromInclusive ? score >= b.from : score > b.from)) && (b.to === null || (b.toInclusive ? score <= b.to : score < b.to));

/** The band a total falls in (bands validated to cover every score once). */
export function bandOf(d: SchemeDefinition, cents: number): Band {
  const score = fromCents(cents);
  const b = d.bands.find((x) => inBand(x, score));
  if (!b) throw new Error(`no band holds ${score}: the scheme was not validated`);
  return b;
}

/** One subject going into a year-end run. */
export type RunSubject = {
  id: number;
  /** The organisation the subject belongs to (a member's branch, a scored organisation's parent): the quota group. */
  groupId: number;
  tier: string | null;
  /** Scored but not graded (预备党员 when the scheme says so). */
  ungraded: boolean;
  sums: DimensionSums;
  /** Grades of earlier published years, newest first (for multi-year rules). */
  history: (string | null)[];
};

/** One subject's result. */
export type RunResult = {
  id: number; groupId: number; tier: string | null; cents: number; grade: string | null; scoreGrade: string | null;
  rank: number; groupRank: number; quotaAdjusted: boolean; award: number; actions: string[]; flags: string[]; opensTask: boolean;
};

/** Competition ranks ("1224") by total, descending (ties share a rank), written by `set`. */
function rank<T extends { cents: number; id: number }>(list: T[], set: (x: T, rank: number) => void): void {
  const sorted = [...list].sort((a, b) => b.cents - a.cents || a.id - b.id);
  let r = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i - 1].cents !== sorted[i].cents) r = i + 1;
    set(sorted[i], r);
  }
}

const NONE: string[] = Object.freeze([]) as unknown as string[];

/**
 * Grades every subject of a run: total, band, ranks over the run and within the group, quotas
 * (beyond a band's share the lowest totals move down; equal totals are ordered by id), awards,
 * consequences and multi-year flags. The result is ordered by subject id and depends on nothing
 * but its inputs. Results without actions or flags share one frozen empty list.
 */
export function gradeRun(d: SchemeDefinition, subjects: RunSubject[]): RunResult[] {
  const list = [...subjects].sort((a, b) => a.id - b.id);
  const total = totalScorer(d);
  const res: RunResult[] = list.map((s) => {
    const cents = total(s.sums);
    const band = s.ungraded ? null : bandOf(d, cents);
    return { id: s.id, groupId: s.groupId, tier: s.tier, cents, grade: band?.code ?? null, scoreGrade: band?.code ?? null, rank: 0, groupRank: 0, quotaAdjusted: false, award: 0, actions: NONE, flags: NONE, opensTask: false };
  });
  rank(res, (r, k) => { r.rank = k; });
  const groups = new Map<number, RunResult[]>();
  for (const r of res) {
    const g = groups.get(r.groupId);
    if (g) g.push(r); else groups.set(r.groupId, [r]);
  }
  for (const g of groups.values()) rank(g, (r, k) => { r.groupRank = k; });
  // quotas from the highest band down, so demotions into a band happen before its own quota is counted
  const bandIndex = (code: string) => d.bands.findIndex((b) => b.code === code);
  for (const q of [...d.quotas].sort((a, b) => bandIndex(b.band) - bandIndex(a.band))) {
    const pools = q.per === 'run' ? [res] : [...groups.values()];
    for (const pool of pools) {
      const graded = pool.filter((r) => r.grade !== null);
      const inBandNow = graded.filter((r) => r.grade === q.band).sort((a, b) => b.cents - a.cents || a.id - b.id);
      const allowed = Math.floor(graded.length * q.maxShare + 1e-9);
      for (const r of inBandNow.slice(allowed)) { r.grade = q.demoteTo; r.quotaAdjusted = true; }
    }
  }
  const byCode = new Map(d.bands.map((b) => [b.code, { band: b, actions: b.actions.length ? b.actions : NONE }]));
  const ungraded = Object.freeze(['ungraded']) as unknown as string[];
  res.forEach((r, i) => {
    if (r.grade === null) { r.flags = ungraded; return; }
    const { band: b, actions } = byCode.get(r.grade)!;
    r.award = b.award ?? 0;
    r.actions = actions;
    r.opensTask = b.opensTask;
    for (const m of d.multiYear) {
      if (r.grade !== m.band) continue;
      const earlier = list[i].history.slice(0, m.consecutiveYears - 1);
      if (earlier.length === m.consecutiveYears - 1 && earlier.every((g) => g === m.band)) {
        r.flags = [...r.flags, `multiYear:${m.band}:${m.consecutiveYears}`];
        r.actions = [...r.actions, m.action];
        r.opensTask = true;
      }
    }
  });
  return res;
}

/** The words that explain why a total got its grade. */
export function gradeReason(d: SchemeDefinition, r: Pick<RunResult, 'cents' | 'grade' | 'scoreGrade' | 'quotaAdjusted'>): string {
  if (r.grade === null) return '预备党员参加评议，不评定等次';
  const sb = d.bands.find((b) => b.code === r.scoreGrade)!;
  const g = d.bands.find((b) => b.code === r.grade)!;
  const base = `总分 ${fromCents(r.cents)} 属于“${sb.name}” ${bandInterval(sb)}`;
  if (!r.quotaAdjusted) return base;
  const q = d.quotas.find((x) => x.band === r.scoreGrade);
  return `${base}；“${sb.name}”限 ${q ? Math.round(q.maxShare * 1000) / 10 : '?'}%，超出比例，按得分顺序调为“${g.name}”`;
}

const canonicalRow = (r: RunResult) => [r.id, r.groupId, r.tier, r.cents, r.grade, r.scoreGrade, r.rank, r.groupRank, r.quotaAdjusted, r.award, r.actions, r.flags];

/** A stable JSON text of a run's results (keys in a fixed order), for its fingerprint. */
export function canonicalResults(results: RunResult[]): string {
  return JSON.stringify(results.map(canonicalRow));
}

/**
 * The same text in pieces, for a fingerprint taken while results are written: feed each slice of
 * the results in order, then `end()`; the pieces joined are exactly canonicalResults() of them all.
 */
export function canonicalPieces(emit: (piece: string) => void): { add: (part: RunResult[]) => void; end: () => void } {
  let first = true;
  return {
    add: (part) => {
      if (!part.length) return;
      const text = JSON.stringify(part.map(canonicalRow));
      emit((first ? '[' : ',') + text.slice(1, -1));
      first = false;
    },
    end: () => emit(first ? '[]' : ']'),
  };
}

/** The member facts a scheme's tier rules read. */
export function tierFacts(d: SchemeDefinition): Set<MemberFact> {
  const out = new Map<MemberFact, Set<string | number | boolean>>();
  d.tiers.forEach((t) => literals(t.rule, out));
  return new Set(out.keys());
}

/** Every literal a condition compares a fact with. */
function literals(c: Condition, out: Map<MemberFact, Set<string | number | boolean>>): void {
  if ('all' in c) { c.all.forEach((x) => literals(x, out)); return; }
  if ('any' in c) { c.any.forEach((x) => literals(x, out)); return; }
  if ('not' in c) { literals(c.not, out); return; }
  const set = out.get(c.fact) ?? new Set();
  for (const v of Array.isArray(c.value) ? c.value : c.value === undefined ? [] : [c.value]) set.add(v);
  out.set(c.fact, set);
}

const FACT_VALUES: Record<MemberFact, (string | number | boolean | null)[]> = {
  age: [18, 30, 45, 60, 75, 90], partyYears: [0, 1, 10, 30, 50], gender: ['男', '女'], category: ['正式党员', '预备党员'],
  workState: ['在职', '离退休', '务农', '学生', '无固定职业', '其他'], post: [null, '其他职务'], flowing: [true, false],
  education: [null, '其他'], tierLabel: [null, '其他'], partyState: ['正常', '恢复'],
};

/**
 * Tiers no member could ever fall in: the rule holds for no possible member, or every member it
 * holds for is placed by an earlier tier. Checked over every combination of the facts the rules
 * use (each literal they name, its neighbours, and typical values), so it needs no roster.
 */
export function unplaceableTiers(d: SchemeDefinition): { index: number; reason: 'never' | 'shadowed' }[] {
  if (!d.tiers.length) return [];
  const lits = new Map<MemberFact, Set<string | number | boolean>>();
  d.tiers.forEach((t) => literals(t.rule, lits));
  const facts = [...lits.keys()];
  const values = facts.map((f) => {
    const vs = new Set<string | number | boolean | null>(FACT_VALUES[f]);
    for (const v of lits.get(f)!) {
      vs.add(v);
      if (typeof v === 'number') { vs.add(v - 1); vs.add(v + 1); }
      if (typeof v === 'string' && (f === 'post' || f === 'education' || f === 'tierLabel')) vs.add(`${v}（等）`);
    }
    // a member is 18 to 110 years old, with at most 92 years in the Party
    return [...vs].filter((v) => typeof v !== 'number' || (f === 'age' ? v >= 18 && v <= 110 : f === 'partyYears' ? v >= 0 && v <= 92 : true));
  });
  const base: Facts = { age: 45, partyYears: 10, gender: '男', category: '正式党员', workState: '在职', post: null, flowing: false, education: null, tierLabel: null, partyState: '正常' };
  const reachable = new Array<boolean>(d.tiers.length).fill(false);
  const holdsAlone = new Array<boolean>(d.tiers.length).fill(false);
  const total = values.reduce((n, v) => n * v.length, 1);
  for (let i = 0; i < Math.min(total, 200_000); i++) {
    const f: Facts = { ...base };
    let k = i;
    facts.forEach((fact, j) => { f[fact] = values[j][k % values[j].length]; k = Math.floor(k / values[j].length); });
    let placed = false;
    d.tiers.forEach((t, ti) => {
      if (!holds(t.rule, f)) return;
      holdsAlone[ti] = true;
      if (!placed) { reachable[ti] = true; placed = true; }
    });
  }
  return d.tiers.flatMap((_, i) => (reachable[i] ? [] : [{ index: i, reason: holdsAlone[i] ? 'shadowed' as const : 'never' as const }]));
}
