/** Lazy loading of the organisation tree, shared by the 组织机构 page and every org picker. */
import { useCallback, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { api } from './api.ts';
import type { Items, OrgNode } from './types.ts';

/** A tree node as antd Tree and TreeSelect want it. */
export type OrgTreeNode = {
  key: string;
  value: number;
  title: ReactNode;
  isLeaf: boolean;
  selectable?: boolean;
  children?: OrgTreeNode[];
  org: OrgNode;
};

/** Roots of the caller's scope and the children loaded so far. */
export function useOrgTree() {
  const [roots, setRoots] = useState<OrgNode[] | null>(null);
  const [children, setChildren] = useState<Record<number, OrgNode[]>>({});
  const loaded = useRef<Record<number, OrgNode[]>>({});

  const loadRoots = useCallback(async () => {
    const res = await api.get<Items<OrgNode>>('/orgs/roots');
    setRoots(res.items);
    return res.items;
  }, []);

  const loadChildren = useCallback(async (parentId: number) => {
    const res = await api.get<Items<OrgNode>>('/orgs', { parentId });
    loaded.current = { ...loaded.current, [parentId]: res.items };
    setChildren(loaded.current);
    return res.items;
  }, []);

  /** Re-reads the roots and the given parents (when they were loaded before). */
  const reload = useCallback(async (parentIds: (number | null | undefined)[]) => {
    await loadRoots();
    const ids = [...new Set(parentIds.filter((id): id is number => typeof id === 'number'))];
    await Promise.all(ids.filter((id) => id in loaded.current).map((id) => loadChildren(id)));
  }, [loadRoots, loadChildren]);

  return { roots, children, loadRoots, loadChildren, reload };
}

/** Builds nested tree nodes from roots and loaded children; unloaded parents stay expandable. */
export function buildOrgTree(
  nodes: OrgNode[],
  children: Record<number, OrgNode[]>,
  title: (n: OrgNode) => ReactNode,
  selectable?: (n: OrgNode) => boolean,
): OrgTreeNode[] {
  return nodes.map((n) => {
    const kids = children[n.id];
    return {
      key: String(n.id),
      value: n.id,
      title: title(n),
      isLeaf: kids ? kids.length === 0 : n.childCount === 0,
      selectable: selectable ? selectable(n) : true,
      children: kids ? buildOrgTree(kids, children, title, selectable) : undefined,
      org: n,
    };
  });
}

/** Searches organisations by name within the caller's scope. */
export async function searchOrgs(q: string, signal?: AbortSignal): Promise<OrgNode[]> {
  const res = await api.get<Items<OrgNode>>('/orgs/search', { q }, signal);
  return res.items;
}
