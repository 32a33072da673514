/**
 * Helpers of the 评星结果 tabs: shares as percentages, one GET kept in state, a sentence with parts
 * filled in, the 导出Excel button, the "no access / error" card and the user's home county.
 */
import { Fragment, useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { Button, Card, Empty, Result, Tag } from 'antd';
import { DownloadOutlined, LockOutlined } from '@ant-design/icons';
import { ApiError, api, download } from '../../api.ts';
import type { Query } from '../../api.ts';
import { errorText, useFeedback } from '../../feedback.ts';
import { useLang, useT } from '../../i18n.ts';
import type { MsgKey } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import type { OrgDetail } from '../../types.ts';
import type { LevelChange } from './types.ts';

/** A share (0..1) as a percentage with at most one decimal; "—" when there is none. */
export function pct(v: number | null | undefined): string {
  return v == null ? '—' : `${Number((v * 100).toFixed(1))}%`;
}

/** Whether a share falls short of its target (no share counts as short). */
export function below(v: number | null | undefined, target: number): boolean {
  return v == null || v < target;
}

/** Why a tab shows no data. */
export type Problem = { kind: 'forbidden' } | { kind: 'error'; err: unknown };

/** One GET kept in state; `query` null means "not ready to ask yet". Reloads when the query changes or on `reload()`. */
export function useResult<T>(path: string, query: Query | null): { data: T | null; problem: Problem | null; loading: boolean; reload: () => void } {
  const fb = useFeedback();
  const [state, setState] = useState<{ data: T | null; problem: Problem | null; loading: boolean }>({ data: null, problem: null, loading: false });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const key = query ? JSON.stringify(query) : null;

  useEffect(() => {
    if (key === null) { setState({ data: null, problem: null, loading: false }); return undefined; }
    const ctrl = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    api.get<T>(path, JSON.parse(key) as Query, ctrl.signal)
      .then((data) => setState({ data, problem: null, loading: false }))
      .catch((err: unknown) => {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        const forbidden = err instanceof ApiError && (err.code === 'FORBIDDEN' || err.status === 403 || err.status === 404);
        if (!forbidden && !(err instanceof ApiError && err.status >= 400 && err.status < 500)) fb.error(err);
        setState({ data: null, problem: forbidden ? { kind: 'forbidden' } : { kind: 'error', err }, loading: false });
      });
    return () => ctrl.abort();
  }, [path, key, fb, tick]);

  return { ...state, reload };
}

/** The no-data card of a tab: a prompt to choose, no access, or the server's message. */
export function ProblemCard({ problem, prompt, hint, testId }: { problem: Problem | null; prompt?: MsgKey; hint?: MsgKey; testId: string }) {
  const t = useT();
  const lang = useLang();
  if (problem?.kind === 'forbidden') {
    return <Result icon={<LockOutlined style={{ color: '#c8102e' }} />} title={<span style={{ fontSize: 16 }}>{t('stars.results.forbidden')}</span>}
      subTitle={hint ? t(hint) : undefined} data-testid={`${testId}-forbidden`} />;
  }
  if (problem?.kind === 'error') return <Result status="warning" subTitle={errorText(problem.err, lang)} data-testid={`${testId}-error`} />;
  return prompt ? <Card><Empty description={t(prompt)} data-testid={`${testId}-prompt`} /></Card> : null;
}

/** A translated sentence whose `{name}` placeholders are filled with elements (spans carrying test ids …). */
export function Rich({ k, parts }: { k: MsgKey; parts: Record<string, ReactNode> }) {
  const t = useT();
  const pieces = t(k).split(/\{(\w+)\}/);
  return <>{pieces.map((p, i) => <Fragment key={i}>{i % 2 === 1 ? (parts[p] ?? `{${p}}`) : p}</Fragment>)}</>;
}

/** 导出Excel of a results GET (its `format=xlsx` form; `plain` for an export path of its own, which takes no `format`). */
export function ExportButton({ path, query, name, testId, disabled, plain }: { path: string; query: Query; name: string; testId: string; disabled?: boolean; plain?: boolean }) {
  const t = useT();
  const fb = useFeedback();
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    try {
      await download(path, plain ? query : { ...query, format: 'xlsx' }, name);
    } catch (err) {
      fb.error(err);
    } finally {
      setBusy(false);
    }
  };
  return <Button icon={<DownloadOutlined />} loading={busy} disabled={disabled} onClick={() => void go()} data-testid={testId}>{t('common.export')}</Button>;
}

const CHANGE: Record<LevelChange, { key: MsgKey; color: string }> = {
  up: { key: 'stars.change.up', color: 'green' },
  down: { key: 'stars.change.down', color: 'red' },
  same: { key: 'stars.change.same', color: 'default' },
  new: { key: 'stars.change.new', color: 'blue' },
};

/** 晋级 / 降级 / 保持 / 首次评定; `data-change` carries the code for tests. */
export function ChangeTag({ change, testId }: { change: LevelChange; testId?: string }) {
  const t = useT();
  const c = CHANGE[change];
  return <Tag color={c.color} data-change={change} data-testid={testId}>{t(c.key)}</Tag>;
}

/** The roles that may read ratings, in the order a default is looked for. */
const RATING_ROLES = ['county_admin', 'street_admin', 'inspector', 'community_admin'];
/** Kinds whose children have community organisations below them (what the targets table breaks down). */
export const TARGET_KINDS = ['province', 'city', 'county', 'street', 'town'];

/** Kinds a 通报, pay table, fund table or 五好 list may be drawn up for (a county, or a street or community in one). */
export const SCOPE_KINDS = ['county', 'street', 'town', 'community', 'village'];

type Home = { countyId?: number; countyName?: string; orgId?: number; scopeId?: number; scopeName?: string; ready: boolean };

/**
 * The user's home: the county of their first grant that lies in a county (the organisation read
 * through /orgs/:id, as the session's grants name no county); the organisation the targets open
 * on (the grant's own when it is a street or above, else the county); and the scope the report,
 * pay, fund and 五好 tabs open on (the grant's own when it is a county, street or community, else
 * the county), so that a street's or a community's administrator opens their own part.
 */
export function useHomeCounty(): Home {
  const { me } = useSession();
  const [home, setHome] = useState<Home>({ ready: false });
  const grants = me?.grants ?? [];
  const ordered = [...grants.filter((g) => RATING_ROLES.includes(g.role)), ...grants.filter((g) => !RATING_ROLES.includes(g.role))];
  const key = ordered.map((g) => g.orgId).join(',');

  useEffect(() => {
    let live = true;
    void (async () => {
      let county: { id: number; name: string } | undefined;
      let orgId: number | undefined;
      let scope: { id: number; name: string } | undefined;
      for (const id of key ? key.split(',').map(Number) : []) {
        try {
          const d = await api.get<OrgDetail>(`/orgs/${id}`);
          if (orgId === undefined && TARGET_KINDS.includes(d.org.kind)) orgId = id;
          if (scope === undefined && SCOPE_KINDS.includes(d.org.kind)) scope = { id, name: d.org.name };
          county = d.org.kind === 'county' ? { id: d.org.id, name: d.org.name } : d.ancestors.find((a) => a.kind === 'county');
        } catch {
          // an organisation the user cannot read: try the next grant
        }
        if (county) break;
      }
      if (live) {
        setHome({ countyId: county?.id, countyName: county?.name, orgId: orgId ?? county?.id, scopeId: scope?.id ?? county?.id, scopeName: scope?.name ?? county?.name, ready: true });
      }
    })();
    return () => { live = false; };
  }, [key]);

  return home;
}

/** An amount of yuan with thousands separators ("—" when none). */
export function yuan(v: number | null | undefined): string {
  return v == null ? '—' : v.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
}
