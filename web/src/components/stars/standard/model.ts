/**
 * The 评星标准 as the editor holds it: the definition the API sends (src/modules/rating/standard.ts),
 * its form values (checks as JSON text, target shares as percentages) and the way back, which
 * keeps any field the editor does not know. Also which tab and which form field a server problem
 * (its `path`) belongs to.
 */

/** One measurable requirement of a criterion, as stored (`kind` decides the other fields). */
export type CheckDef = { kind: string } & Record<string, unknown>;
/** A star level keyed by its number, as the definition stores pay coefficients and project funds. */
export type PerLevel = Record<'1' | '2' | '3' | '4' | '5', number>;

/** The fields of a definition this editor knows (projectFunds may be absent in older definitions). */
export type StandardCore = {
  name: string;
  source: string;
  levels: { stars: number; groups: { group: number; text: string }[]; criteria: { code: string; group: number; text: string; checks: CheckDef[] }[] }[];
  vetoFrom: number;
  vetoes: { code: string; text: string }[];
  noticeWorkingDays: number;
  stepWorkingDays: { streetAssess: number; countyReview: number; answerObjection: number };
  remindBeforeWorkingDays: number;
  payCoefficients: PerLevel;
  projectFunds?: PerLevel;
  innovationAward: { enabled: boolean; amount: number };
  targets: { threeStarShare: number; fiveStarShare: number; fiveGoodCommunityShare: number; fiveGoodOrganShare: number };
};
/** The definition of GET /stars/standard, with any field a newer server adds. */
export type StandardDef = StandardCore & Record<string, unknown>;

/** GET /stars/standard */
export type StandardResponse = { countyId: number; year: number; version: number; builtIn: boolean; note: string | null; definition: StandardDef; actions: string[] };

/** A criterion as a form row: its checks as JSON text. */
export type CriterionRow = { code: string; group: number; text: string; checksJson: string };
/** Target shares in the form, as percentages 0–100. */
export type TargetValues = StandardDef['targets'];
/** The editor's form values. */
export type StandardValues = Omit<StandardCore, 'levels' | 'projectFunds'> & {
  levels: { stars: number; groups: { group: number; text: string }[]; criteria: CriterionRow[] }[];
  projectFunds: PerLevel;
};

/** The star levels, lowest first, and as the keys of per-level maps. */
export const LEVELS = [1, 2, 3, 4, 5] as const;
/** The four groups of each level's criteria. */
export const GROUPS = [1, 2, 3, 4] as const;
/** The keys of the targets, in the order they show. */
export const TARGET_KEYS = ['threeStarShare', 'fiveStarShare', 'fiveGoodCommunityShare', 'fiveGoodOrganShare'] as const;
/** The steps with a deadline. */
export const STEP_KEYS = ['streetAssess', 'countyReview', 'answerObjection'] as const;
/** Project funds when a definition has none (yuan per year). */
export const NO_FUNDS: PerLevel = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };

const DEFAULTS = {
  noticeWorkingDays: 5,
  stepWorkingDays: { streetAssess: 10, countyReview: 10, answerObjection: 5 },
  remindBeforeWorkingDays: 2,
  payCoefficients: { 1: 0.8, 2: 0.9, 3: 1, 4: 1.1, 5: 1.2 },
  innovationAward: { enabled: false, amount: 0 },
  targets: { threeStarShare: 0.8, fiveStarShare: 0.2, fiveGoodCommunityShare: 0.6, fiveGoodOrganShare: 0.7 },
};

/** Checks as JSON text: one check per line, `[]` when there are none. */
export function checksText(checks: readonly CheckDef[]): string {
  return checks.length ? `[\n${checks.map((c) => `  ${JSON.stringify(c)}`).join(',\n')}\n]` : '[]';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const round = (v: number, digits: number) => Number(v.toFixed(digits));

/** Whether a parsed JSON file looks like a standard (the server checks the rest). */
export function looksLikeStandard(v: unknown): v is StandardDef {
  return isObject(v) && Array.isArray(v.levels) && v.levels.every((l) => isObject(l) && Array.isArray(l.criteria) && Array.isArray(l.groups ?? []));
}

/** A definition → form values; parts missing from an imported file get the server's defaults. */
export function toValues(d: StandardDef): StandardValues {
  const targets = { ...DEFAULTS.targets, ...d.targets };
  return {
    ...d,
    levels: d.levels.map((l) => ({
      stars: l.stars,
      groups: (l.groups ?? []).map((g) => ({ group: g.group, text: g.text })),
      criteria: l.criteria.map((c) => ({ code: c.code, group: c.group, text: c.text, checksJson: checksText(Array.isArray(c.checks) ? c.checks : []) })),
    })),
    vetoes: (d.vetoes ?? []).map((v) => ({ code: v.code, text: v.text })),
    noticeWorkingDays: d.noticeWorkingDays ?? DEFAULTS.noticeWorkingDays,
    stepWorkingDays: { ...DEFAULTS.stepWorkingDays, ...d.stepWorkingDays },
    remindBeforeWorkingDays: d.remindBeforeWorkingDays ?? DEFAULTS.remindBeforeWorkingDays,
    payCoefficients: { ...DEFAULTS.payCoefficients, ...d.payCoefficients },
    projectFunds: { ...NO_FUNDS, ...d.projectFunds },
    innovationAward: { ...DEFAULTS.innovationAward, ...d.innovationAward },
    targets: Object.fromEntries(TARGET_KEYS.map((k) => [k, round(targets[k] * 100, 4)])) as TargetValues,
  };
}

/**
 * Form values → the definition to save, over `original` so that fields this editor does not know
 * stay as they were. Project funds are sent only when the original had them or one is set, so a
 * server without the field is not sent it. Assumes the checks were validated (checksError).
 */
export function toDefinition(v: StandardValues, original: StandardDef): StandardDef {
  const out: StandardDef = {
    ...original,
    name: v.name,
    source: v.source,
    levels: v.levels.map((l) => ({
      stars: l.stars,
      groups: l.groups.map((g) => ({ group: g.group, text: g.text })),
      criteria: l.criteria.map((c) => ({ code: c.code?.trim() ?? '', group: c.group, text: c.text ?? '', checks: JSON.parse(c.checksJson || '[]') as CheckDef[] })),
    })),
    vetoes: v.vetoes.map((x) => ({ code: x.code?.trim() ?? '', text: x.text ?? '' })),
    noticeWorkingDays: v.noticeWorkingDays,
    stepWorkingDays: { ...v.stepWorkingDays },
    remindBeforeWorkingDays: v.remindBeforeWorkingDays,
    payCoefficients: { ...v.payCoefficients },
    innovationAward: { enabled: Boolean(v.innovationAward.enabled), amount: v.innovationAward.amount },
    targets: Object.fromEntries(TARGET_KEYS.map((k) => [k, round(v.targets[k] / 100, 6)])) as TargetValues,
  };
  const funds = { ...NO_FUNDS, ...v.projectFunds };
  if ('projectFunds' in original || LEVELS.some((n) => funds[n] !== 0)) out.projectFunds = funds;
  else delete out.projectFunds;
  return out;
}

/** The editor's tabs. */
export const TABS = ['criteria', 'vetoes', 'deadlines', 'use'] as const;
/** A tab of the editor. */
export type Tab = (typeof TABS)[number];

/** The tab that shows the field of a problem's path. */
export function tabOf(path: readonly (string | number)[]): Tab {
  const head = String(path[0] ?? '');
  if (head === 'vetoes' || head === 'vetoFrom') return 'vetoes';
  if (head === 'noticeWorkingDays' || head === 'stepWorkingDays' || head === 'remindBeforeWorkingDays') return 'deadlines';
  if (head === 'payCoefficients' || head === 'projectFunds' || head === 'innovationAward' || head === 'targets') return 'use';
  return 'criteria';
}

/** The form field that shows a problem of `path`: a check's problem shows on the criterion's JSON text. */
export function fieldOf(path: readonly (string | number)[]): (string | number)[] {
  const at = path.indexOf('checks');
  if (path[0] === 'levels' && path[2] === 'criteria' && at === 4) return [...path.slice(0, 4), 'checksJson'];
  if (path[0] === 'payCoefficients' || path[0] === 'projectFunds') return path.map(String);
  return [...path];
}
