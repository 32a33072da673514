/**
 * The measurable checks of a criterion: described in a sentence for readers, and their JSON text
 * checked before saving with a message that names the item and field at fault (the same rules as
 * CheckSchema and checkProblems of src/modules/rating/standard.ts).
 */
import type { MsgKey, TFunction } from '../../../i18n.ts';
import type { CheckDef } from './model.ts';

const METRICS = ['mediationRate', 'mediationSuccessRate'] as const;
const TITLES = ['civilised', 'culture', 'health', 'learningParty', 'countyReport', 'harmony', 'integrityModel'] as const;
const INCIDENTS = ['homicide', 'majorCriminalCase', 'safetyAccident', 'viceCase'] as const;
const RANKS = ['county', 'city', 'province', 'national'] as const;
const GRADES = [3, 2, 1] as const;
const PETITION_LEVELS = ['county', 'city', 'province'] as const;

/** The kinds of check and the fields each one takes besides `kind`. */
const FIELDS: Record<string, readonly string[]> = {
  metricAtLeast: ['metric', 'percent'],
  disclosureMonthly: [],
  titleAtLeast: ['title', 'level'],
  noIncident: ['incident'],
  safetyAccidentBelow: ['deaths', 'seriousInjuries'],
  noCollectivePetitionAtOrAbove: ['level', 'noBeijingIndividual'],
};

const METRIC_KEYS: Record<string, MsgKey> = { mediationRate: 'stars.std.metric.mediationRate', mediationSuccessRate: 'stars.std.metric.mediationSuccessRate' };
const TITLE_KEYS: Record<string, MsgKey> = {
  civilised: 'stars.title.civilised', culture: 'stars.title.culture', health: 'stars.title.health', learningParty: 'stars.title.learningParty',
  countyReport: 'stars.title.countyReport', harmony: 'stars.title.harmony', integrityModel: 'stars.title.integrityModel',
};
const INCIDENT_KEYS: Record<string, MsgKey> = {
  homicide: 'stars.incident.homicide', majorCriminalCase: 'stars.incident.majorCriminalCase', safetyAccident: 'stars.incident.safetyAccident', viceCase: 'stars.incident.viceCase',
};
const LEVEL_KEYS: Record<string, MsgKey> = {
  county: 'stars.rank.county', city: 'stars.rank.city', province: 'stars.rank.province', national: 'stars.rank.national', 3: 'stars.grade.3', 2: 'stars.grade.2', 1: 'stars.grade.1',
};
const PETITION_KEYS: Record<string, MsgKey> = { county: 'stars.petition.county', city: 'stars.petition.city', province: 'stars.petition.province' };

const name = (keys: Record<string, MsgKey>, v: unknown, t: TFunction) => {
  const k = keys[String(v)];
  return k ? t(k) : String(v);
};

/** One check in a sentence ("已获县级以上文明社区"); an unknown kind as its JSON. */
export function describeCheck(c: CheckDef, t: TFunction): string {
  switch (c.kind) {
    case 'metricAtLeast': return t('stars.std.check.metricAtLeast', { metric: name(METRIC_KEYS, c.metric, t), percent: String(c.percent) });
    case 'disclosureMonthly': return t('stars.std.check.disclosureMonthly');
    case 'titleAtLeast': return t('stars.std.check.titleAtLeast', { title: name(TITLE_KEYS, c.title, t), level: name(LEVEL_KEYS, c.level, t) });
    case 'noIncident': return t('stars.std.check.noIncident', { incident: name(INCIDENT_KEYS, c.incident, t) });
    case 'safetyAccidentBelow': return t('stars.std.check.safetyAccidentBelow', { deaths: String(c.deaths), injuries: String(c.seriousInjuries) });
    case 'noCollectivePetitionAtOrAbove': {
      const s = t('stars.std.check.noPetition', { level: name(PETITION_KEYS, c.level, t) });
      return c.noBeijingIndividual ? `${s}${t('stars.std.check.noBeijing')}` : s;
    }
    default: return JSON.stringify(c);
  }
}

/** The checks of a JSON text, or null when it is not a list of objects. */
export function parseChecks(text: string | undefined): CheckDef[] | null {
  try {
    const v: unknown = JSON.parse(text?.trim() || '[]');
    return Array.isArray(v) && v.every((c) => typeof c === 'object' && c !== null && !Array.isArray(c)) ? (v as CheckDef[]) : null;
  } catch {
    return null;
  }
}

const oneOf = (values: readonly (string | number)[], t: TFunction) => t('stars.std.expect.oneOf', { list: values.join('、') });
const isInt = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** What is wrong with one field of a check, as "what it should be", or null. */
function fieldProblem(c: CheckDef, f: string, t: TFunction): string | null {
  const v = c[f];
  switch (`${c.kind}.${f}`) {
    case 'metricAtLeast.metric': return METRICS.includes(v as never) ? null : oneOf(METRICS, t);
    case 'metricAtLeast.percent': return typeof v === 'number' && v >= 0 && v <= 100 ? null : t('stars.std.expect.percent');
    case 'titleAtLeast.title': return TITLES.includes(v as never) ? null : oneOf(TITLES, t);
    case 'titleAtLeast.level':
      if (c.title === 'culture') return GRADES.includes(v as never) ? null : oneOf(GRADES, t);
      return RANKS.includes(v as never) ? null : oneOf(RANKS, t);
    case 'noIncident.incident': return INCIDENTS.includes(v as never) ? null : oneOf(INCIDENTS, t);
    case 'safetyAccidentBelow.deaths':
    case 'safetyAccidentBelow.seriousInjuries': return isInt(v, 1, 100) ? null : t('stars.std.expect.int');
    case 'noCollectivePetitionAtOrAbove.level': return PETITION_LEVELS.includes(v as never) ? null : oneOf(PETITION_LEVELS, t);
    case 'noCollectivePetitionAtOrAbove.noBeijingIndividual': return typeof v === 'boolean' ? null : t('stars.std.expect.bool');
    default: return null;
  }
}

/** Why the JSON text of a criterion's checks cannot be saved, or null when it can. */
export function checksError(text: string | undefined, t: TFunction): string | null {
  let v: unknown;
  try {
    v = JSON.parse(text?.trim() || '[]');
  } catch (err) {
    return t('stars.std.checks.badJson', { why: err instanceof Error ? err.message : String(err) });
  }
  if (!Array.isArray(v)) return t('stars.std.checks.notList');
  if (v.length > 10) return t('stars.std.checks.tooMany');
  for (const [i, c] of v.entries()) {
    const n = i + 1;
    if (typeof c !== 'object' || c === null || Array.isArray(c)) return t('stars.std.checks.notObject', { n });
    const check = c as CheckDef;
    const fields = FIELDS[String(check.kind)];
    if (!fields) return t('stars.std.checks.badKind', { n, kind: String(check.kind ?? ''), list: Object.keys(FIELDS).join('、') });
    const extra = Object.keys(check).find((k) => k !== 'kind' && !fields.includes(k));
    if (extra) return t('stars.std.checks.extra', { n, field: extra });
    for (const f of fields) {
      const why = fieldProblem(check, f, t);
      if (why) return t('stars.std.checks.badField', { n, field: f, why });
    }
  }
  return null;
}
