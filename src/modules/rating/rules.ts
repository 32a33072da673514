/**
 * Pure evaluation of a community's year against a 评星晋级 standard: each check against the facts,
 * each level's criteria (measured, or claimed by the applicant when not measurable), the highest level
 * met with the one-vote veto, and the pay coefficient of a level.
 */
import type { Check, Incident, Metric, PetitionLevel, StarStandard, Title } from './standard.js';
import {
  CULTURE_GRADES, CULTURE_NAMES, INCIDENT_NAMES, METRIC_NAMES, PETITION_LEVELS, PETITION_NAMES, RANK_NAMES, RANKS, TITLE_NAMES,
} from './standard.js';

/** What is known of a community's year; an absent entry (or null) is a missing fact. */
export type RatingFacts = {
  /** Percents, 0–100. */
  metrics: Partial<Record<Metric, number>>;
  /** Months 1–12 with at least one 居务公开. */
  disclosureMonths: number[];
  /** Highest level held of each title: a rank ('county' … 'national'), for culture a grade 3/2/1; 'none' when not held. */
  titles: Partial<Record<Title, string | number>>;
  /** Counts in the year. */
  incidents: Partial<Record<Incident, number>>;
  /** The year's most serious safety accident (0 and 0 when there was none). */
  safetyAccident: { deaths: number; seriousInjuries: number } | null;
  /** The furthest collective petition of the year, and whether anyone petitioned Beijing alone (赴京个访). */
  petitions: { furthestCollective: PetitionLevel; beijingIndividual: boolean } | null;
};

/** The outcome of one check: met, unmet, or null when a fact it needs is missing; the reason in Chinese. */
export type CheckOutcome = { met: boolean | null; reason: string };

/** The outcome of one criterion of a level. */
export type CriterionOutcome = { code: string; met: boolean | null; reasons: string[]; measurable: boolean };

const NONE = 'none';
const missing = (required: string, what: string): CheckOutcome => ({ met: null, reason: `要求${required}；未提供${what}` });

/** A title level held, as a number on one scale per title (higher is better), 0 for none, null when unknown. */
function titleScore(title: Title, held: string | number | undefined): number | null {
  if (held === NONE) return 0;
  if (title === 'culture') {
    const n = typeof held === 'string' && /^[123]$/.test(held) ? Number(held) : held;
    const i = (CULTURE_GRADES as readonly unknown[]).indexOf(n);
    return i < 0 ? null : i + 1;
  }
  const i = (RANKS as readonly unknown[]).indexOf(held);
  return i < 0 ? null : i + 1;
}

const titleLevelName = (title: Title, level: string | number): string =>
  title === 'culture' ? (CULTURE_NAMES as Record<string, string>)[String(level)] ?? String(level) : (RANK_NAMES as Record<string, string>)[String(level)] ?? String(level);

const fmt = (n: number) => `${Math.round(n * 100) / 100}`;

/** Evaluates one check against the facts. */
export function evaluateCheck(c: Check, f: RatingFacts): CheckOutcome {
  switch (c.kind) {
    case 'metricAtLeast': {
      const name = METRIC_NAMES[c.metric];
      const required = `${name}达到${c.percent}%`;
      const v = f.metrics[c.metric];
      if (v === undefined || v === null || !Number.isFinite(v)) return missing(required, name);
      return { met: v >= c.percent, reason: `要求${required}；实际为${fmt(v)}%` };
    }
    case 'disclosureMonthly': {
      const months = new Set(f.disclosureMonths.filter((m) => Number.isInteger(m) && m >= 1 && m <= 12));
      const absent = Array.from({ length: 12 }, (_, i) => i + 1).filter((m) => !months.has(m));
      return absent.length
        ? { met: false, reason: `要求居务公开每月至少1次；${absent.join('、')}月没有公开` }
        : { met: true, reason: '要求居务公开每月至少1次；12个月均有公开' };
    }
    case 'titleAtLeast': {
      const name = TITLE_NAMES[c.title];
      const required = `${titleLevelName(c.title, c.level)}以上${name}`;
      const want = titleScore(c.title, c.level);
      const held = f.titles[c.title];
      const have = titleScore(c.title, held);
      if (want === null) return { met: false, reason: `要求${required}；该要求的等级无效` };
      if (have === null) return missing(required, held === undefined ? `${name}的等级` : `可识别的${name}等级（“${held}”）`);
      const given = have === 0 ? `未获${name}称号` : `已获${titleLevelName(c.title, held as string | number)}${name}`;
      return { met: have >= want, reason: `要求${required}；${given}` };
    }
    case 'noIncident': {
      const name = INCIDENT_NAMES[c.incident];
      const n = f.incidents[c.incident];
      if (n === undefined || n === null || !Number.isFinite(n)) return missing(`不发生${name}`, `${name}的件数`);
      return { met: n <= 0, reason: `要求不发生${name}；本年发生${n}起` };
    }
    case 'safetyAccidentBelow': {
      const required = `不发生死亡${c.deaths}人或重伤${c.seriousInjuries}人以上的安全生产事故`;
      const a = f.safetyAccident;
      if (!a) return missing(required, '最严重安全生产事故的伤亡人数');
      const ok = a.deaths < c.deaths && a.seriousInjuries < c.seriousInjuries;
      return { met: ok, reason: `要求${required}；最严重的事故死亡${a.deaths}人、重伤${a.seriousInjuries}人` };
    }
    case 'noCollectivePetitionAtOrAbove': {
      const required = `不发生${PETITION_NAMES[c.level]}及以上集体访${c.noBeijingIndividual ? '、赴京个访' : ''}`;
      const p = f.petitions;
      if (!p) return missing(required, '信访情况');
      const at = PETITION_LEVELS.indexOf(p.furthestCollective);
      if (at < 0) return missing(required, `可识别的集体访情况（“${String(p.furthestCollective)}”）`);
      const collectiveOk = at < PETITION_LEVELS.indexOf(c.level);
      const individualOk = !c.noBeijingIndividual || !p.beijingIndividual;
      const given = `${p.furthestCollective === 'none' ? '无集体访' : `最远集体访为${PETITION_NAMES[p.furthestCollective]}`}，${p.beijingIndividual ? '有' : '无'}赴京个访`;
      return { met: collectiveOk && individualOk, reason: `要求${required}；${given}` };
    }
  }
}

/** The level of a standard with this number of stars; RangeError when there is none. */
function levelOf(s: StarStandard, stars: number) {
  const level = s.levels.find((l) => l.stars === stars);
  if (!level) throw new RangeError(`标准“${s.name}”没有${stars}星级`);
  return level;
}

/**
 * Evaluates one level against its own criteria only (each level restates the lower ones with stricter numbers).
 * A measurable criterion is met when all its checks are met (null when none fails but a fact is missing);
 * a criterion that cannot be measured is met only when the applicant claims it (`claims[code] === true`).
 */
export function evaluateLevel(s: StarStandard, stars: number, f: RatingFacts, claims: Record<string, boolean>): {
  criteria: CriterionOutcome[]; unmet: string[]; missing: string[];
} {
  const criteria = levelOf(s, stars).criteria.map((c): CriterionOutcome => {
    if (!c.checks.length) {
      const claimed = claims[c.code] === true;
      return { code: c.code, met: claimed, reasons: [claimed ? '不可量化，申报单位已确认达到' : '不可量化，申报单位未确认达到'], measurable: false };
    }
    const outcomes = c.checks.map((k) => evaluateCheck(k, f));
    const met = outcomes.some((o) => o.met === false) ? false : outcomes.some((o) => o.met === null) ? null : true;
    return { code: c.code, met, reasons: outcomes.map((o) => o.reason), measurable: true };
  });
  return {
    criteria,
    unmet: criteria.filter((c) => c.met === false).map((c) => c.code),
    missing: criteria.filter((c) => c.met === null).map((c) => c.code),
  };
}

/**
 * The highest level reached climbing from 1★: a level counts only when it and every lower level are fully met
 * (no unmet and no missing criterion). 0 when not even 1★. A veto that holds caps the result at vetoFrom − 1.
 */
export function highestLevelMet(s: StarStandard, f: RatingFacts, claims: Record<string, boolean>, vetoes: string[]): number {
  const known = new Set(s.vetoes.map((v) => v.code));
  const unknown = vetoes.filter((v) => !known.has(v));
  if (unknown.length) throw new RangeError(`未知的否决项：${unknown.join('、')}`);
  const cap = vetoes.length ? s.vetoFrom - 1 : 5;
  let reached = 0;
  for (let stars = 1; stars <= cap; stars++) {
    const r = evaluateLevel(s, stars, f, claims);
    if (r.unmet.length || r.missing.length) break;
    reached = stars;
  }
  return reached;
}

/**
 * Claims for the levels below `stars`, where the applicant answered only for `stars`: the source's
 * levels restate the lower ones with stricter wording, so a group whose unmeasurable criteria are
 * all claimed at the applied level counts as claimed at every lower level too. An explicit claim
 * on a lower level's criterion stays as given.
 */
export function withLowerLevels(s: StarStandard, stars: number, claims: Record<string, boolean>): Record<string, boolean> {
  const top = levelOf(s, stars);
  const groupClaimed = new Map<number, boolean>();
  for (const c of top.criteria) if (!c.checks.length) groupClaimed.set(c.group, (groupClaimed.get(c.group) ?? true) && claims[c.code] === true);
  const out = { ...claims };
  for (const l of s.levels) {
    if (l.stars >= stars) continue;
    for (const c of l.criteria) if (!c.checks.length && out[c.code] === undefined) out[c.code] = groupClaimed.get(c.group) ?? false;
  }
  return out;
}

const assertStars = (stars: number, min: number) => {
  if (!Number.isInteger(stars) || stars < min || stars > 5) throw new RangeError(`星级应为${min}至5的整数，现为${stars}`);
};

/** The cadre pay coefficient of a rated level (1–5); RangeError otherwise (an unrated organisation has no coefficient). */
export function payCoefficient(s: StarStandard, stars: number): number {
  assertStars(stars, 1);
  return s.payCoefficients[stars as 1 | 2 | 3 | 4 | 5];
}

/** The yearly project funds of a rated level (1–5), in yuan; 0 when the standard ties none to it (or predates the setting). */
export function projectFund(s: StarStandard, stars: number): number {
  assertStars(stars, 1);
  return s.projectFunds?.[stars as 1 | 2 | 3 | 4 | 5] ?? 0;
}

/** The level a year starts from: last year's level, 0 when there was none (ratings go up or down every year). */
export function nextYearStart(previousStars: number | null): number {
  if (previousStars === null) return 0;
  assertStars(previousStars, 0);
  return previousStars;
}
