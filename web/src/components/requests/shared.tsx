/** Types, tags and small loaders shared by the 民情诉求 and 研判 screens. */
import { useEffect, useState } from 'react';
import { Tag } from 'antd';
import { api } from '../../api.ts';
import type { MsgKey, TFunction } from '../../i18n.ts';
import type { Grid, Items, Unit } from '../../types.ts';

export type RequestState = 'triage' | 'assigned' | 'in_progress' | 'resolved' | 'closed' | 'confirmed' | 'merged';
export type Level = 'grid' | 'community' | 'street';
export type HandlerKind = 'grid' | 'community' | 'unit' | 'street';
export type StepAction = 'assign' | 'deliver' | 'start' | 'resolve' | 'close' | 'merge' | 'note';

export const STATES: RequestState[] = ['triage', 'assigned', 'in_progress', 'resolved', 'closed', 'confirmed', 'merged'];
export const HANDLERS: HandlerKind[] = ['grid', 'community', 'unit', 'street'];
export const LEVELS: Level[] = ['grid', 'community', 'street'];
/** The steps in the order the drawer offers them. */
export const STEP_ACTIONS: StepAction[] = ['assign', 'deliver', 'start', 'resolve', 'close', 'merge', 'note'];

/** One row of GET /requests. */
export type RequestItem = {
  id: number; trackingCode: string; kind: string; communityId: number; communityName: string; gridId: number | null; gridName: string | null; categoryId: number; categoryName: string;
  title: string; body: string; place: string | null; source: string; contactName: string | null; phoneMasked: string | null; photoIds: number[]; state: RequestState; level: Level | null;
  handlerKind: HandlerKind | null; handlerName: string | null; handlerGridId: number | null; handlerUnitId: number | null; handlerNote: string | null; deliveredAt: string | null;
  dueOn: string | null; escalations: number; outcome: 'fixed' | 'not_fixed' | null; outcomeBy: string | null; outcomeNote: string | null; outcomeOn: string | null;
  satisfaction: number | null; confirmedAt: string | null; reopened: number; mergedInto: number | null; raisedOn: string; rowVersion: number; overdue: boolean; actions: StepAction[];
};
export type Step = { id: number; action: string; fromState: string | null; toState: string; level: Level | null; actorName: string; publicNote: string | null; note: string | null; at: string };
/** GET /requests/:id */
export type RequestDetail = RequestItem & { steps: Step[]; merged: { id: number; trackingCode: string; title: string }[]; canViewContact: boolean };
export type RequestPage = { total: number; page: number; pageSize: number; today: string; items: RequestItem[] };
export type Category = { id: number; name: string; handler: HandlerKind; limitDays: number; active: boolean; sort: number };

const STATE_COLORS: Record<RequestState, string> = { triage: 'gold', assigned: 'blue', in_progress: 'processing', resolved: 'green', closed: 'volcano', confirmed: 'success', merged: 'default' };
const LEVEL_COLORS: Record<Level, string> = { grid: 'cyan', community: 'geekblue', street: 'purple' };

/** A state tag, with 已超时 in red when the request is overdue. */
export function StateTag({ state, overdue, t, testId }: { state: RequestState; overdue?: boolean; t: TFunction; testId?: string }) {
  return (
    <span data-testid={testId} data-state={state}>
      <Tag color={STATE_COLORS[state] ?? 'default'}>{t(`rq.state.${state}` as MsgKey)}</Tag>
      {overdue && <Tag color="red">{t('rq.overdue')}</Tag>}
    </span>
  );
}

/** The rung of the ladder a request sits on. */
export function LevelTag({ level, t, testId }: { level: Level | null; t: TFunction; testId?: string }) {
  if (!level) return <span data-testid={testId} data-level="">—</span>;
  return <span data-testid={testId} data-level={level}><Tag color={LEVEL_COLORS[level]}>{t(`rq.level.${level}` as MsgKey)}</Tag></span>;
}

/** A due date, red when overdue. */
export function DueDate({ dueOn, overdue, testId }: { dueOn: string | null; overdue: boolean; testId?: string }) {
  return <span data-testid={testId} data-overdue={overdue ? 'true' : 'false'} style={overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>{dueOn ?? '—'}</span>;
}

/** The county's categories as seen from an organisation (all of them, the retired included), and whether the caller may change them. */
export function useCategories(orgId: number | undefined, tick = 0): { items: Category[]; manage: boolean } {
  const [r, setR] = useState<{ items: Category[]; manage: boolean }>({ items: [], manage: false });
  useEffect(() => {
    if (!orgId) { setR({ items: [], manage: false }); return undefined; }
    const ctrl = new AbortController();
    api.get<{ items: Category[]; manage: boolean }>('/requests/categories', { orgId }, ctrl.signal).then(setR).catch(() => undefined);
    return () => ctrl.abort();
  }, [orgId, tick]);
  return r;
}

/** The grids and resident units of a community (empty until one is given). */
export function useCommunityAreas(communityId: number | undefined, withUnits = false): { grids: Grid[]; units: Unit[] } {
  const [grids, setGrids] = useState<Grid[]>([]);
  const [units, setUnits] = useState<Unit[]>([]);
  useEffect(() => {
    setGrids([]);
    setUnits([]);
    if (!communityId) return undefined;
    const ctrl = new AbortController();
    api.get<Items<Grid>>(`/orgs/${communityId}/grids`, undefined, ctrl.signal).then((r) => setGrids(r.items)).catch(() => undefined);
    if (withUnits) api.get<Items<Unit>>(`/orgs/${communityId}/units`, undefined, ctrl.signal).then((r) => setUnits(r.items)).catch(() => undefined);
    return () => ctrl.abort();
  }, [communityId, withUnits]);
  return { grids, units };
}

/** The product's date (China time, possibly moved in training deployments). */
export function useServerToday(): string | null {
  const [d, setD] = useState<string | null>(null);
  useEffect(() => {
    api.get<{ today: string }>('/system/clock').then((c) => setD(c.today)).catch(() => setD(new Date().toISOString().slice(0, 10)));
  }, []);
  return d;
}

/** Roles that manage requests, to find the organisation a manager works from by default. */
const MANAGER_ROLES = ['county_admin', 'street_admin', 'community_admin'];
/** The organisation a request manager works from when none is chosen: their first grant that manages requests. */
export function managerOrg(grants: { role: string; orgId: number }[] | undefined): number | undefined {
  return grants?.find((g) => MANAGER_ROLES.includes(g.role))?.orgId;
}
