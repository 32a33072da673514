/** Types, constants and small loaders shared by the grid's work screens (住户, 民情日记, 四联, 办事档案) and 民情统计. */
import { useEffect, useState } from 'react';
import { Tag } from 'antd';
import { api } from '../../api.ts';
import type { MsgKey, TFunction } from '../../i18n.ts';
import type { Grid, Items, Unit } from '../../types.ts';

/** 走访 kinds, as the server knows them (src/modules/grid/rules.ts). */
export const VISIT_KINDS = ['走访', '联户', '联组', '联企业', '联工程', '民主恳谈', '民情沟通日'] as const;
/** 四联 kinds. */
export const LINK_KINDS = ['联户', '联组', '联企业', '联工程'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];
export type LinkKind = (typeof LINK_KINDS)[number];

/** One row of GET /households. */
export type Household = {
  id: number; gridId: number | null; gridName: string | null; building: string | null; unitNo: string | null; room: string | null; address: string; headName: string | null;
  tags: string[]; residents: number; visits: number; lastVisit: string | null; openRequests: number;
};

/** One row of GET /visits (and, fewer fields, of an archive). */
export type Visit = {
  id: number; kind: string; visitedOn: string; whom: string; place?: string | null; heard: string; followUp: string | null; requestId: number | null; householdId?: number | null;
  householdAddress?: string | null; gridName?: string | null; communityName?: string; liaisonId?: number; liaisonName: string;
};

/** One row of GET /contact-links. */
export type Link = {
  id: number; memberId: number; memberName: string; kind: LinkKind; householdId: number | null; householdAddress: string | null; gridId: number | null; gridName: string | null;
  unitId: number | null; unitName: string | null; project: string | null; since: string; until: string | null;
};

export type HallState = 'accepted' | 'done' | 'referred';
/** One row of GET /hall-cases. */
export type HallCase = {
  id: number; residentId: number | null; residentName: string; householdId: number | null; kindId: number; kind: string; matter: string; state: HallState; acceptedOn: string;
  doneOn: string | null; result: string | null; handlerName: string | null; rowVersion: number;
};
export type HallKind = { id: number; name: string; active: boolean; cases: number; done: number };

/** GET /households/:id */
export type Archive = {
  household: { id: number; address: string; building: string | null; unitNo: string | null; room: string | null; headName: string | null; tags: string[]; gridName: string | null; communityName: string };
  residents: { id: number; name: string; gender: string; phoneMasked: string | null; isRepresentative: boolean }[];
  visits: Visit[];
  requests: { id: number; trackingCode: string; title: string; state: string; raisedOn: string; satisfaction: number | null }[];
  links: { id: number; memberId: number; memberName: string; kind: string; since: string }[];
  hallCases: { id: number; kind: string; matter: string; state: HallState; acceptedOn: string; doneOn: string | null }[];
};

/** Request states as the archive shows them. */
export const REQUEST_STATE_ZH: Record<string, [string, string]> = {
  triage: ['待分拨', 'To triage'], assigned: ['已交办', 'Assigned'], in_progress: ['办理中', 'In progress'], resolved: ['已办结', 'Resolved'],
  closed: ['未解决关闭', 'Closed, not fixed'], confirmed: ['居民已确认', 'Confirmed'], merged: ['已合并', 'Merged'],
};

const HALL_COLORS: Record<HallState, string> = { accepted: 'processing', done: 'success', referred: 'purple' };

/** The state of a hall case. */
export function HallStateTag({ state, t, testId }: { state: HallState; t: TFunction; testId?: string }) {
  return <span data-testid={testId} data-state={state}><Tag color={HALL_COLORS[state]}>{t(`gw.h.state.${state}` as MsgKey)}</Tag></span>;
}

/** A household's address with its head, as pickers show it. */
export function householdLabel(h: Pick<Household, 'address' | 'headName'>): string {
  return h.headName ? `${h.address}（${h.headName}）` : h.address;
}

/** The grids of a community (empty without one). */
export function useGrids(communityId: number | undefined): Grid[] {
  const [items, setItems] = useState<Grid[]>([]);
  useEffect(() => {
    if (!communityId) { setItems([]); return undefined; }
    const ctrl = new AbortController();
    api.get<Items<Grid>>(`/orgs/${communityId}/grids`, undefined, ctrl.signal).then((r) => setItems(r.items)).catch(() => setItems([]));
    return () => ctrl.abort();
  }, [communityId]);
  return items;
}

/** The resident units (驻区单位) of a community, for 联企业. */
export function useUnits(communityId: number | undefined): Unit[] {
  const [items, setItems] = useState<Unit[]>([]);
  useEffect(() => {
    if (!communityId) { setItems([]); return undefined; }
    const ctrl = new AbortController();
    api.get<Items<Unit>>(`/orgs/${communityId}/units`, undefined, ctrl.signal).then((r) => setItems(r.items)).catch(() => setItems([]));
    return () => ctrl.abort();
  }, [communityId]);
  return items;
}

/** The households of a community (for pickers), reloaded when `tick` changes. */
export function useHouseholds(communityId: number | undefined, tick = 0): Household[] {
  const [items, setItems] = useState<Household[]>([]);
  useEffect(() => {
    if (!communityId) { setItems([]); return undefined; }
    const ctrl = new AbortController();
    api.get<Items<Household>>('/households', { communityId }, ctrl.signal).then((r) => setItems(r.items)).catch(() => setItems([]));
    return () => ctrl.abort();
  }, [communityId, tick]);
  return items;
}

/** The product's date (China time; shifted in training deployments), from the server. */
export function useToday(): string | null {
  const [d, setD] = useState<string | null>(null);
  useEffect(() => {
    api.get<{ today: string }>('/system/clock').then((c) => setD(c.today)).catch(() => setD(null));
  }, []);
  return d;
}

/** Grid options for a Select, 片 before 组. */
export function gridOptions(grids: Grid[]): { value: number; label: string }[] {
  return grids.map((g) => ({ value: g.id, label: `${g.name}（${g.kind}）` }));
}
