/** Words for scheme parts: tier rules in plain language, band intervals, shares, and problem paths in Chinese or English. */
import type { Lang, MsgKey, TFunction } from '../../i18n.ts';
import { valueLabel } from '../../i18n.ts';
import type { Band, Condition, Problem, SchemeDefinition } from './types.ts';
import { MEMBER_FACTS } from './types.ts';

/** The lists of a definition, each a section of the editor. */
export const LISTS = ['dimensions', 'tiers', 'indicators', 'bands', 'quotas', 'multiYear'] as const;
export type ListKey = (typeof LISTS)[number];

/** The tab of the detail page where a path lives. */
export type TabKey = 'indicators' | 'tiers' | 'bands' | 'basic';

/** Which tab shows the field a path names. */
export function tabOf(path: (string | number)[]): TabKey {
  const head = path[0];
  if (head === 'indicators' || head === 'dimensions') return 'indicators';
  if (head === 'tiers') return 'tiers';
  if (head === 'bands' || head === 'quotas' || head === 'multiYear') return 'bands';
  return 'basic';
}

/** A problem's path without the leading "definition" the create and save calls add. */
export function stripDefinition(p: Problem): Problem {
  return p.path[0] === 'definition' ? { ...p, path: p.path.slice(1) } : p;
}

/** The key of the field a path names, as the editor marks it: "bands.1.from", "baseScore", "board.visibleTo", "tiers.2". */
export function fieldKey(path: (string | number)[]): string {
  if (path.length === 0) return '';
  if ((LISTS as readonly (string | number)[]).includes(path[0]) && typeof path[1] === 'number') {
    return path.length >= 3 ? `${path[0]}.${path[1]}.${path[2]}` : `${path[0]}.${path[1]}`;
  }
  if (path[0] === 'board' && path.length >= 2) return `board.${path[1]}`;
  return String(path[0]);
}

/** Problems by field key, several messages per field. */
export function problemsByField(list: Problem[], lang: Lang): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const p of list) {
    const k = fieldKey(p.path);
    const text = lang === 'en' && p.messageEn ? p.messageEn : p.message;
    m.set(k, [...(m.get(k) ?? []), text]);
  }
  return m;
}

const LIST_LABEL: Record<ListKey, MsgKey> = {
  dimensions: 'scheme.path.dimensions', tiers: 'scheme.path.tiers', indicators: 'scheme.path.indicators',
  bands: 'scheme.path.bands', quotas: 'scheme.path.quotas', multiYear: 'scheme.path.multiYear',
};

const FIELD_LABEL: Record<string, MsgKey> = {
  subject: 'scheme.f.subject', orgKinds: 'scheme.f.orgKinds', baseScore: 'scheme.f.baseScore', minScore: 'scheme.f.minScore', maxScore: 'scheme.f.maxScore',
  gradeProbationary: 'scheme.f.gradeProbationary', board: 'scheme.f.board', visibleTo: 'scheme.f.visibleTo', showNames: 'scheme.f.showNames',
  code: 'scheme.f.code', name: 'scheme.f.name', description: 'scheme.f.description', rule: 'scheme.f.rule', dimension: 'scheme.f.dimension',
  kind: 'scheme.f.kind', points: 'scheme.f.points', adjustable: 'scheme.f.adjustable', capPerEntry: 'scheme.f.capPerEntry',
  capPerMonth: 'scheme.f.capPerMonth', capPerYear: 'scheme.f.capPerYear', evidenceRequired: 'scheme.f.evidenceRequired',
  recorderRoles: 'scheme.f.recorderRoles', tiers: 'scheme.f.tiers', from: 'scheme.f.from', fromInclusive: 'scheme.f.fromInclusive',
  to: 'scheme.f.to', toInclusive: 'scheme.f.toInclusive', award: 'scheme.f.award', actions: 'scheme.f.actions', opensTask: 'scheme.f.opensTask',
  classification: 'scheme.f.classification', band: 'scheme.f.band', maxShare: 'scheme.f.maxShare', per: 'scheme.f.per', demoteTo: 'scheme.f.demoteTo',
  consecutiveYears: 'scheme.f.consecutiveYears', action: 'scheme.f.action', options: 'scheme.f.options',
};
const DIMENSION_FIELD: Record<string, MsgKey> = { maxPoints: 'scheme.f.dimMax', minPoints: 'scheme.f.dimMin' };

/** The name of a definition field. */
export function fieldLabel(field: string, t: TFunction, list?: string): string {
  if (list === 'dimensions' && DIMENSION_FIELD[field]) return t(DIMENSION_FIELD[field]);
  const k = FIELD_LABEL[field];
  return k ? t(k) : field;
}

/**
 * A path in words, e.g. ['bands', 1, 'from'] → 等次 › 第2项“良好” › 下限. Items are named by their
 * name in `def` when it has one; parts past the field (inside a tier rule) are appended as they are.
 */
export function pathText(path: (string | number)[], def: Partial<SchemeDefinition> | null | undefined, t: TFunction): string {
  if (path.length === 0) return t('scheme.path.whole');
  const parts: string[] = [];
  const head = String(path[0]);
  if ((LISTS as readonly string[]).includes(head)) {
    parts.push(t(LIST_LABEL[head as ListKey]));
    if (typeof path[1] === 'number') {
      const list = (def as Record<string, unknown> | null | undefined)?.[head];
      const item = Array.isArray(list) ? (list[path[1]] as { name?: unknown; band?: unknown } | undefined) : undefined;
      const label = typeof item?.name === 'string' && item.name ? item.name : typeof item?.band === 'string' ? item.band : '';
      parts.push(label ? t('scheme.path.itemNamed', { n: path[1] + 1, name: label }) : t('scheme.path.item', { n: path[1] + 1 }));
      if (path.length > 2) {
        parts.push(fieldLabel(String(path[2]), t, head));
        const rest = path.slice(3);
        if (rest.length) parts.push(rest.map((x) => (typeof x === 'number' ? t('scheme.path.nth', { n: x + 1 }) : String(x))).join(' › '));
      }
    } else if (path.length > 1) {
      parts.push(path.slice(1).map(String).join('.'));
    }
  } else {
    parts.push(fieldLabel(head, t));
    if (path.length > 1) parts.push(path.slice(1).map((x) => (typeof x === 'number' ? t('scheme.path.nth', { n: x + 1 }) : fieldLabel(String(x), t))).join(' › '));
  }
  return parts.join(' › ');
}

// ---------------------------------------------------------------- bands and shares

const fmtEnd = (v: number | null, inclusive: boolean, lower: boolean) =>
  v === null ? (lower ? '(-∞' : '+∞)') : lower ? `${inclusive ? '[' : '('}${v}` : `${v}${inclusive ? ']' : ')'}`;

/** A band as interval text, e.g. "[85, 95)". */
export function bandInterval(b: Pick<Band, 'from' | 'fromInclusive' | 'to' | 'toInclusive'>): string {
  return `${fmtEnd(b.from ?? null, b.fromInclusive, true)}, ${fmtEnd(b.to ?? null, b.toInclusive, false)}`;
}

/** A share as a fraction and percent: 1/3 (33.33%), 20%. */
export function fmtShare(x: number | null | undefined): string {
  if (x == null) return '';
  const pct = `${Math.round(x * 10000) / 100}%`;
  for (const d of [2, 3, 4, 5, 6, 8, 10]) {
    const n = Math.round(x * d);
    if (n > 0 && n < d && Math.abs(x - n / d) < 1e-9 && Math.abs(x * 100 - Math.round(x * 100)) > 1e-9) return `${n}/${d} (${pct})`;
  }
  return pct;
}

/** Money in yuan. */
export function fmtYuan(n: number | null | undefined, lang: Lang): string {
  if (n == null) return '';
  return lang === 'en' ? `¥${n.toLocaleString('en-US')}` : `${n.toLocaleString('zh-CN')} 元`;
}

// ---------------------------------------------------------------- tier rules

const FACT_LABEL: Record<string, MsgKey> = Object.fromEntries(MEMBER_FACTS.map((f) => [f, `scheme.fact.${f}` as MsgKey]));

/** The name of a member fact. */
export function factLabel(fact: string, t: TFunction): string {
  return FACT_LABEL[fact] ? t(FACT_LABEL[fact]) : fact;
}

const paren = (s: string, lang: Lang) => (lang === 'en' ? `(${s})` : `（${s}）`);

const OP_SYMBOL: Record<string, string> = { eq: '=', ne: '≠', gte: '≥', gt: '>', lte: '≤', lt: '<' };

function valueText(v: unknown, t: TFunction, lang: Lang): string {
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (typeof v === 'string') return valueLabel(v, lang);
  if (v === undefined || v === null) return '';
  return String(v);
}

/**
 * A tier rule in words, e.g. "年龄 ≥ 70 或 分层标签 = 年老体弱". `{ all: [] }` reads as "全部党员"
 * (it places everyone); nested groups are parenthesised.
 */
export function ruleText(c: Condition | null | undefined, t: TFunction, lang: Lang, nested = false): string {
  if (!c || typeof c !== 'object') return '';
  if ('all' in c) {
    if (!Array.isArray(c.all)) return '';
    if (c.all.length === 0) return t('scheme.rule.everyone');
    const s = c.all.map((x) => ruleText(x, t, lang, true)).join(` ${t('scheme.rule.and')} `);
    return nested && c.all.length > 1 ? paren(s, lang) : s;
  }
  if ('any' in c) {
    if (!Array.isArray(c.any)) return '';
    const s = c.any.map((x) => ruleText(x, t, lang, true)).join(` ${t('scheme.rule.or')} `);
    return nested && c.any.length > 1 ? paren(s, lang) : s;
  }
  if ('not' in c) return `${t('scheme.rule.not')}${paren(ruleText(c.not, t, lang), lang)}`;
  if (!('fact' in c)) return '';
  const f = factLabel(c.fact, t);
  const v = c.value;
  switch (c.op) {
    case 'empty': return `${f} ${t('scheme.rule.empty')}`;
    case 'notEmpty': return `${f} ${t('scheme.rule.notEmpty')}`;
    case 'contains': return `${f} ${t('scheme.rule.contains')} “${valueText(v, t, lang)}”`;
    case 'in':
    case 'nin': {
      const list = Array.isArray(v) ? v.map((x) => valueText(x, t, lang)).join(lang === 'en' ? ', ' : '、') : valueText(v, t, lang);
      return `${f} ${t(c.op === 'in' ? 'scheme.rule.in' : 'scheme.rule.nin')} {${list}}`;
    }
    default: return `${f} ${OP_SYMBOL[c.op] ?? c.op} ${valueText(v, t, lang)}`;
  }
}
