/** Helpers shared by the ledger, runs and tasks pages: labels, colours, number formats, scheme loading. */
import { useEffect, useState } from 'react';
import { Grid, Tag } from 'antd';
import { api } from '../../api.ts';
import { translate } from '../../i18n.ts';
import type { Lang, MsgKey, TFunction } from '../../i18n.ts';
import type { Me } from '../../types.ts';
import type { BandDef, Entry, IndicatorDef, Run, RunBand, SchemeDetail, SchemeRow, Task } from './types.ts';

/** Points with at most two decimals, without trailing zeros. */
export function fmtPoints(n: number | null | undefined): string {
  if (n == null || Number.isNaN(n)) return '';
  return String(Math.round(n * 100) / 100);
}

/** Points with a sign: +2, −10. */
export function signed(n: number): string {
  if (n > 0) return `+${fmtPoints(n)}`;
  if (n < 0) return `−${fmtPoints(-n)}`;
  return '0';
}

/** Points coloured by sign. */
export function PointsText({ value, testId }: { value: number; testId?: string }) {
  const color = value > 0 ? '#389e0d' : value < 0 ? '#cf1322' : undefined;
  return <span style={{ color, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }} data-testid={testId}>{signed(value)}</span>;
}

/** A number of yuan. */
export function fmtMoney(n: number, lang: Lang): string {
  return `${lang === 'en' ? '¥' : ''}${n.toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN')}${lang === 'en' ? '' : ' 元'}`;
}

const ENTRY_STATUS: Record<Entry['status'], { key: MsgKey; color: string }> = {
  confirmed: { key: 'points.status.confirmed', color: 'green' },
  pending: { key: 'points.status.pending', color: 'orange' },
  rejected: { key: 'points.status.rejected', color: 'default' },
};

/** The tag of an entry's status. */
export function EntryStatusTag({ status, t }: { status: Entry['status']; t: TFunction }) {
  const s = ENTRY_STATUS[status] ?? { key: 'points.status.confirmed', color: 'default' };
  return <Tag color={s.color} data-status={status}>{t(s.key)}</Tag>;
}

/** The name of an entry's source. */
export function sourceLabel(source: string, t: TFunction): string {
  if (source === 'manual') return t('points.source.manual');
  if (source === 'excel') return t('points.source.excel');
  if (source === 'award') return t('points.source.award');
  return source;
}

const TASK_STATUS: Record<Task['status'], { key: MsgKey; color: string }> = {
  open: { key: 'task.status.open', color: 'red' },
  in_progress: { key: 'task.status.in_progress', color: 'processing' },
  done: { key: 'task.status.done', color: 'green' },
  cancelled: { key: 'task.status.cancelled', color: 'default' },
};

/** The statuses of a task, in order. */
export const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;

/** The name of a task status. */
export function taskStatusLabel(status: string, lang?: Lang): string {
  const s = TASK_STATUS[status as Task['status']];
  return s ? translate(s.key, undefined, lang) : status;
}

/** The tag of a task's status. */
export function TaskStatusTag({ status, t }: { status: Task['status']; t: TFunction }) {
  const s = TASK_STATUS[status];
  return <Tag color={s?.color ?? 'default'} data-status={status}>{s ? t(s.key) : status}</Tag>;
}

/** The tag of a task's kind. */
export function TaskKindTag({ kind, t }: { kind: Task['kind']; t: TFunction }) {
  if (kind === 'accountability') return <Tag color="magenta" data-kind={kind}>{t('task.kind.accountability')}</Tag>;
  return kind === 'disposal'
    ? <Tag color="volcano" data-kind={kind}>{t('task.kind.disposal')}</Tag>
    : <Tag color="gold" data-kind={kind}>{t('task.kind.rectification')}</Tag>;
}

const BAND_TAGS = ['red', 'orange', 'blue', 'green'];
const BAND_HEX = ['#cf1322', '#fa8c16', '#1677ff', '#52c41a'];

function bandSlot(index: number, n: number): number {
  if (index < 0) return -1;
  if (n <= 1) return 2;
  const r = index / (n - 1);
  return r < 0.25 ? 0 : r < 0.5 ? 1 : r < 0.99 ? 2 : 3;
}

/** Tag colour of a grade, from the lowest band (red) to the highest (green). */
export function bandTagColor(code: string | null, bands: { code: string }[]): string {
  const slot = bandSlot(bands.findIndex((b) => b.code === code), bands.length);
  return slot < 0 ? 'default' : BAND_TAGS[slot];
}

/** Chart colour of a grade. */
export function bandHex(code: string | null, bands: { code: string }[]): string {
  const slot = bandSlot(bands.findIndex((b) => b.code === code), bands.length);
  return slot < 0 ? '#bfbfbf' : BAND_HEX[slot];
}

/** The name of a grade (null: not graded). */
export function bandName(code: string | null, bands: (RunBand | BandDef)[], t: TFunction): string {
  if (code === null || code === '—') return t('run.ungraded');
  return bands.find((b) => b.code === code)?.name ?? code;
}

/** A grade tag. */
export function GradeTag({ code, bands, t }: { code: string | null; bands: (RunBand | BandDef)[]; t: TFunction }) {
  return <Tag color={bandTagColor(code, bands)} data-grade={code ?? ''}>{bandName(code, bands, t)}</Tag>;
}

/** What an indicator allows, in words: points, caps, evidence, tiers. */
export function indicatorRules(x: IndicatorDef, t: TFunction, tierName?: (code: string) => string): string[] {
  const out: string[] = [];
  const sign = x.kind === 'add' ? '+' : '−';
  out.push(x.adjustable
    ? t('points.rule.adjustable', { sign, points: fmtPoints(x.points), cap: fmtPoints(x.capPerEntry ?? x.points) })
    : t('points.rule.fixed', { sign, points: fmtPoints(x.points) }));
  if (x.capPerMonth != null) out.push(t('points.rule.month', { n: fmtPoints(x.capPerMonth) }));
  if (x.capPerYear != null) out.push(t('points.rule.year', { n: fmtPoints(x.capPerYear) }));
  if (x.evidenceRequired) out.push(t('points.rule.evidence'));
  if (x.tiers?.length && tierName) out.push(t('points.rule.tiers', { tiers: x.tiers.map(tierName).join('、') }));
  return out;
}

/** The schemes the caller sees (not archived). */
export function useSchemes(onError: (err: unknown) => void): { schemes: SchemeRow[]; loaded: boolean } {
  const [schemes, setSchemes] = useState<SchemeRow[]>([]);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    const ctrl = new AbortController();
    api.get<{ items: SchemeRow[] }>('/schemes', undefined, ctrl.signal)
      .then((r) => { setSchemes(r.items); setLoaded(true); })
      .catch((err: unknown) => { onError(err); setLoaded(true); });
    return () => ctrl.abort();
  }, [onError]);
  return { schemes, loaded };
}

/** One scheme with its newest (or a given) version's definition. */
export function useSchemeDetail(id: number | undefined, onError: (err: unknown) => void, version?: number): SchemeDetail | null {
  const [detail, setDetail] = useState<SchemeDetail | null>(null);
  useEffect(() => {
    if (!id) { setDetail(null); return undefined; }
    const ctrl = new AbortController();
    api.get<SchemeDetail>(`/schemes/${id}`, { version }, ctrl.signal)
      .then(setDetail)
      .catch((err: unknown) => onError(err));
    return () => ctrl.abort();
  }, [id, version, onError]);
  return detail && detail.id === id ? detail : null;
}

/** Whether the screen is at least tablet-wide (tables keep fixed columns, forms sit inline). */
export function useWide(): boolean {
  return Grid.useBreakpoint().md ?? false;
}

/** A drawer's size: the given width on wide screens, the whole width on a phone. */
export function useDrawerSize(width: number): number | string {
  const screens = Grid.useBreakpoint();
  return screens.md ? width : '100%';
}

const POINTS_READ_ROLES = ['county_admin', 'street_admin', 'community_admin', 'branch_secretary', 'inspector'];
const POINTS_RECORD_ROLES = ['county_admin', 'street_admin', 'community_admin', 'branch_secretary', 'grid_liaison'];
const RUN_ROLES = ['county_admin', 'street_admin', 'community_admin'];

/** The organisation a user looks at points from by default: their first grant that reads points. */
export function homeOrgFor(me: Me | null, purpose: 'read' | 'run' = 'read'): number | undefined {
  const roles = purpose === 'run' ? RUN_ROLES : POINTS_READ_ROLES;
  return me?.grants.find((g) => roles.includes(g.role))?.orgId;
}

/** The one organisation a user records points in, when their grants that record points name just one. */
export function recordOrgFor(me: Me | null): number | undefined {
  const ids = [...new Set((me?.grants ?? []).filter((g) => POINTS_RECORD_ROLES.includes(g.role)).map((g) => g.orgId))];
  return ids.length === 1 ? ids[0] : undefined;
}

/** A run's status tag: 草稿, 已发布, or 比较 (a draft made after publication, only to compare). */
export function RunStatusTag({ run, t }: { run: Pick<Run, 'status' | 'comparesWith'>; t: TFunction }) {
  if (run.status === 'published') return <Tag color="green" data-status="published">{t('run.status.published')}</Tag>;
  if (run.comparesWith) return <Tag color="purple" data-status="compare">{t('run.status.compare', { id: run.comparesWith })}</Tag>;
  return <Tag color="blue" data-status="draft">{t('run.status.draft')}</Tag>;
}

/** Milliseconds in words. */
export function fmtMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** This year and the six before it, newest first. */
export function recentYears(): number[] {
  const y = new Date().getFullYear();
  return Array.from({ length: 7 }, (_, i) => y - i);
}
