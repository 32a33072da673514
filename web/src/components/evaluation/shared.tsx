/** Helpers shared by the 民主评议 pages: state and grade tags, constituency names, the voting window, the rule in words. */
import { useEffect, useState } from 'react';
import { Tag } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../api.ts';
import { useLang, valueLabel } from '../../i18n.ts';
import type { MsgKey, TFunction } from '../../i18n.ts';
import type { OrgDetail } from '../../types.ts';
import type { Constituency, EvalState, Rule, Turnout } from './types.ts';

/** Every state, in the order of the procedure. */
export const EVAL_STATES: EvalState[] = ['draft', 'open', 'closed', 'counted', 'published'];
/** Both constituencies, members first. */
export const CONSTITUENCIES: Constituency[] = ['members', 'residents'];

const STATE_COLORS: Record<EvalState, string> = { draft: 'default', open: 'processing', closed: 'orange', counted: 'blue', published: 'success' };

/** A state's name: 草稿, 投票中, 已结束, 已计票, 已公布. */
export function evalStateLabel(state: EvalState, t: TFunction): string {
  return t(`eval.state.${state}` as MsgKey);
}

/** A campaign's state as a coloured tag. */
export function EvalStateTag({ state, t, testId }: { state: EvalState; t: TFunction; testId?: string }) {
  return <Tag color={STATE_COLORS[state] ?? 'default'} data-state={state} data-testid={testId}>{evalStateLabel(state, t)}</Tag>;
}

/** The grades of each grade set, best to worst (src/modules/evaluation/rules.ts GRADE_SETS). */
export const GRADE_SET_GRADES: Record<Rule['gradeSet'], string[]> = {
  seed003: ['优秀', '合格', '基本合格', '基本不合格', '不合格'],
  national: ['优秀', '合格', '基本合格', '不合格'],
};

/** Colours of the grades, best to worst. */
export const GRADE_COLORS: Record<string, string> = { 优秀: '#389e0d', 合格: '#1677ff', 基本合格: '#d4b106', 基本不合格: '#fa8c16', 不合格: '#cf1322' };

/** A grade as a coloured tag (the stored Chinese value, shown in the current language). */
export function GradeTag({ grade, testId }: { grade: string | null; testId?: string }) {
  const lang = useLang();
  if (!grade) return <Tag data-grade="" data-testid={testId}>—</Tag>;
  return <Tag color={GRADE_COLORS[grade]} data-grade={grade} data-testid={testId}>{valueLabel(grade, lang)}</Tag>;
}

/** 党员票 / 党外群众代表票. */
export function constituencyLabel(c: Constituency, t: TFunction): string {
  return t(c === 'members' ? 'eval.con.members' : 'eval.con.residents');
}

/** A time from the API, to the minute in the browser's zone. */
export function minute(v: string): string {
  return dayjs(v).format('YYYY-MM-DD HH:mm');
}

/** The voting window, from–to. */
export function windowText(opensAt: string, closesAt: string, t: TFunction): string {
  return t('eval.window', { from: minute(opensAt), to: minute(closesAt) });
}

/** "已投/应投" of one constituency. */
export function castOf(turnout: Turnout, c: Constituency): string {
  return `${turnout[c].cast}/${turnout[c].voters}`;
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** The combination rule in a few sentences: weights, grade bands, thresholds and quotas. */
export function ruleLines(rule: Rule, t: TFunction, lang: 'zh-CN' | 'en'): string[] {
  const g = (x: string) => valueLabel(x, lang);
  const lines = [
    t('eval.rule.weights', { members: pct(rule.weights.members), residents: pct(rule.weights.residents) }),
    t('eval.rule.points', { list: Object.entries(rule.points).map(([k, v]) => `${g(k)} ${v}`).join(t('eval.sep')) }),
    t('eval.rule.bands', { list: rule.bands.filter((b) => b.minScore > 0).map((b) => t('eval.rule.band', { grade: g(b.grade), min: b.minScore })).join(t('eval.sep')) }),
  ];
  for (const th of rule.thresholds) {
    lines.push(t('eval.rule.threshold', { name: th.name, con: constituencyLabel(th.constituency, t), grades: th.grades.map(g).join(t('eval.sep')), below: pct(th.below), then: g(th.then) }));
  }
  for (const q of rule.quotas) lines.push(t('eval.rule.quota', { grade: g(q.grade), share: pct(q.maxShare) }));
  return lines;
}

/** Names of organisations by id, read one by one (a name that cannot be read stays the id). */
export function useOrgNames(ids: number[]): Record<number, string> {
  const [names, setNames] = useState<Record<number, string>>({});
  const key = [...new Set(ids)].sort((a, b) => a - b).join(',');
  useEffect(() => {
    let live = true;
    const wanted = key ? key.split(',').map(Number) : [];
    void Promise.all(wanted.map((id) => api.get<OrgDetail>(`/orgs/${id}`).then((d) => [id, d.org.name] as const).catch(() => null)))
      .then((pairs) => {
        if (!live) return;
        setNames(Object.fromEntries(pairs.filter((p): p is readonly [number, string] => p !== null)));
      });
    return () => { live = false; };
  }, [key]);
  return names;
}

/** Whether a user without eval.read counts as a teller in any campaign (asked once, when `ask`). */
export function useTellerOnly(ask: boolean): boolean {
  const [teller, setTeller] = useState(false);
  useEffect(() => {
    if (!ask) { setTeller(false); return undefined; }
    const ctrl = new AbortController();
    api.get<{ items: unknown[] }>('/eval/campaigns', undefined, ctrl.signal).then((r) => setTeller(r.items.length > 0)).catch(() => setTeller(false));
    return () => ctrl.abort();
  }, [ask]);
  return teller;
}

