/**
 * The editor's working copy of a definition: every list row carries a stable `__k` (React key),
 * tier rules also their JSON text and parse error. `fromDraft` strips all of that again, so what
 * goes to the server is exactly a definition.
 */
import type { Band, Dimension, Indicator, MultiYearRule, Problem, Quota, SchemeDefinition, Subject, Tier } from './types.ts';

type Keyed<T> = T & { __k: number };
export type DraftTier = Keyed<Tier> & { __text: string; __err: string | null };

/** A definition being edited. */
export type Draft = Omit<SchemeDefinition, 'dimensions' | 'tiers' | 'indicators' | 'bands' | 'quotas' | 'multiYear'> & {
  dimensions: Keyed<Dimension>[];
  tiers: DraftTier[];
  indicators: Keyed<Indicator>[];
  bands: Keyed<Band>[];
  quotas: Keyed<Quota>[];
  multiYear: Keyed<MultiYearRule>[];
};

let seq = 0;
/** A fresh row key. */
export const nextKey = () => ++seq;

const keyed = <T extends object>(list: T[] | undefined): Keyed<T>[] => (list ?? []).map((x) => ({ ...x, __k: nextKey() }));

/** One condition as compact JSON, keys in reading order (fact, op, value). */
function compact(c: unknown): string {
  if (!c || typeof c !== 'object' || Array.isArray(c)) return JSON.stringify(c);
  const o = c as Record<string, unknown>;
  if ('fact' in o) {
    const keys = ['fact', 'op', 'value', ...Object.keys(o).filter((k) => !['fact', 'op', 'value'].includes(k))].filter((k) => k in o);
    return `{${keys.map((k) => `"${k}": ${JSON.stringify(o[k])}`).join(', ')}}`;
  }
  return `{${Object.keys(o).map((k) => `"${k}": ${Array.isArray(o[k]) ? `[${(o[k] as unknown[]).map(compact).join(', ')}]` : compact(o[k])}`).join(', ')}}`;
}

/** The JSON text of a rule: a list of conditions one a line, anything else on one line. */
export function ruleJson(rule: unknown): string {
  if (rule && typeof rule === 'object' && !Array.isArray(rule)) {
    const o = rule as Record<string, unknown>;
    const k = 'all' in o ? 'all' : 'any' in o ? 'any' : null;
    if (k && Object.keys(o).length === 1 && Array.isArray(o[k]) && (o[k] as unknown[]).length > 1) {
      return `{"${k}": [\n${(o[k] as unknown[]).map((x) => `  ${compact(x)}`).join(',\n')}\n]}`;
    }
  }
  return compact(rule);
}

/** A definition as an editable draft (defaults filled, so every control has a value). */
export function toDraft(def: SchemeDefinition): Draft {
  return {
    ...def,
    orgKinds: def.orgKinds ?? [],
    gradeProbationary: def.gradeProbationary ?? false,
    board: def.board ?? { visibleTo: 'branch', showNames: true },
    dimensions: keyed(def.dimensions),
    tiers: (def.tiers ?? []).map((x) => ({ ...x, __k: nextKey(), __text: ruleJson(x.rule), __err: null })),
    indicators: keyed((def.indicators ?? []).map((x) => ({ ...x, adjustable: x.adjustable ?? false, evidenceRequired: x.evidenceRequired ?? false }))),
    bands: keyed((def.bands ?? []).map((x) => ({ ...x, actions: x.actions ?? [], opensTask: x.opensTask ?? false }))),
    quotas: keyed(def.quotas),
    multiYear: keyed((def.multiYear ?? []).map((x) => ({ ...x, options: x.options ?? [] }))),
  };
}

const strip = <T extends object>(x: T): T => Object.fromEntries(Object.entries(x).filter(([k]) => !k.startsWith('__'))) as T;

/** Optional text: empty becomes absent rather than "". */
const text = (v: string | null | undefined) => (v == null || v.trim() === '' ? null : v);

/** The definition a draft stands for (tier rules as last parsed). */
export function fromDraft(d: Draft): SchemeDefinition {
  return {
    ...d,
    dimensions: d.dimensions.map(strip),
    tiers: d.tiers.map((x) => ({ ...strip(x), description: text(x.description) })),
    indicators: d.indicators.map((x) => ({ ...strip(x), dimension: text(x.dimension), description: text(x.description) })),
    bands: d.bands.map(strip),
    quotas: d.quotas.map(strip),
    multiYear: d.multiYear.map(strip),
  };
}

/** Problems only the browser sees: tier rules whose JSON does not parse. */
export function localProblems(d: Draft): Problem[] {
  return d.tiers.flatMap((x, i) => (x.__err ? [{ path: ['tiers', i, 'rule'], message: x.__err }] : []));
}

/** A code not yet used in a list: prefix + the first free number. */
export function freeCode(list: { code: string }[], prefix: string): string {
  const used = new Set(list.map((x) => x.code));
  for (let n = list.length + 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** Who records points by default: the branch and up for members, the county and street for organisations. */
export const defaultRecorders = (subject: Subject) =>
  (subject === 'member' ? ['branch_secretary', 'community_admin', 'street_admin', 'county_admin'] : ['county_admin', 'street_admin']);

/** New rows, each with a free code. */
export const newRow = {
  dimension: (d: Draft): Keyed<Dimension> => ({ code: freeCode(d.dimensions, 'D'), name: '', maxPoints: null, minPoints: null, __k: nextKey() }),
  tier: (d: Draft): DraftTier => ({ code: freeCode(d.tiers, 'T'), name: '', description: null, rule: { all: [] }, __text: '{"all": []}', __err: null, __k: nextKey() }),
  indicator: (d: Draft): Keyed<Indicator> => ({
    code: freeCode(d.indicators, 'I'), name: '', dimension: d.dimensions[0]?.code ?? null, kind: 'add', points: 1, adjustable: false,
    capPerEntry: null, capPerMonth: null, capPerYear: null, evidenceRequired: false, recorderRoles: defaultRecorders(d.subject), tiers: null, description: null, __k: nextKey(),
  }),
  band: (d: Draft): Keyed<Band> => {
    const last = d.bands[d.bands.length - 1];
    return { code: freeCode(d.bands, 'B'), name: '', from: last?.to ?? null, fromInclusive: last ? !last.toInclusive : true, to: null, toInclusive: false, award: null, actions: [], opensTask: false, classification: null, __k: nextKey() };
  },
  quota: (d: Draft): Keyed<Quota> => ({ band: d.bands[d.bands.length - 1]?.code ?? '', maxShare: 1 / 3, per: 'org', demoteTo: d.bands[d.bands.length - 2]?.code ?? '', __k: nextKey() }),
  multiYear: (d: Draft): Keyed<MultiYearRule> => ({ band: d.bands[0]?.code ?? '', consecutiveYears: 2, action: '组织处置', options: [], __k: nextKey() }),
};

/** The smallest definition the server accepts: one indicator and two bands (不合格 below 60, 合格 from 60). */
export function blankDefinition(subject: Subject): SchemeDefinition {
  return {
    subject,
    orgKinds: subject === 'org' ? ['branch'] : [],
    baseScore: subject === 'member' ? 60 : 0,
    minScore: 0,
    maxScore: 100,
    dimensions: [],
    tiers: [],
    indicators: [{
      code: 'I1', name: subject === 'member' ? '按时参加组织生活' : '组织生活正常开展', kind: 'add', points: 1, adjustable: false,
      capPerEntry: null, capPerMonth: null, capPerYear: subject === 'member' ? 12 : null, evidenceRequired: false, recorderRoles: defaultRecorders(subject), tiers: null, description: null,
    }],
    bands: [
      { code: 'FAIL', name: '不合格', from: null, fromInclusive: false, to: 60, toInclusive: false, award: null, actions: [], opensTask: false, classification: null },
      { code: 'PASS', name: '合格', from: 60, fromInclusive: true, to: null, toInclusive: false, award: null, actions: [], opensTask: false, classification: null },
    ],
    quotas: [],
    multiYear: [],
    gradeProbationary: false,
    board: { visibleTo: 'branch', showNames: true },
  };
}

/** Moves item `i` of a list by `delta` places (a new array). */
export function move<T>(list: T[], i: number, delta: number): T[] {
  const j = i + delta;
  if (j < 0 || j >= list.length) return list;
  const next = [...list];
  [next[i], next[j]] = [next[j], next[i]];
  return next;
}
