/** A picker of one organisation: the lazy tree, or server-side search results while typing. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CSSProperties } from 'react';
import { Tag, TreeSelect } from 'antd';
import { api } from '../api.ts';
import { useLang, useT } from '../i18n.ts';
import { kindColor, kindLabel } from '../labels.ts';
import { buildOrgTree, searchOrgs, useOrgTree } from '../orgTree.ts';
import type { OrgDetail, OrgNode } from '../types.ts';

type Props = {
  value?: number | null;
  onChange?: (id: number | undefined, org?: OrgNode) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  /** Only these nodes may be chosen (others still show, to navigate through). */
  selectable?: (n: OrgNode) => boolean;
  /** The name to show for `value` when the caller knows it and the picker cannot load it (an organisation outside the tree). */
  valueLabel?: string;
  'data-testid'?: string;
};

/** TreeSelect over the organisation tree, loading children on demand. */
export function OrgTreeSelect({ value, onChange, placeholder, allowClear = true, disabled, style, selectable, valueLabel, ...rest }: Props) {
  const t = useT();
  const lang = useLang();
  const { roots, children, loadRoots, loadChildren } = useOrgTree();
  const [search, setSearch] = useState('');
  const [results, setResults] = useState<OrgNode[]>([]);
  const [names, setNames] = useState<Record<number, string>>({});
  const abort = useRef<AbortController | null>(null);

  useEffect(() => { void loadRoots().catch(() => undefined); }, [loadRoots]);

  useEffect(() => {
    const all = [...(roots ?? []), ...Object.values(children).flat(), ...results];
    if (all.length === 0) return;
    setNames((prev) => {
      const next = { ...prev };
      for (const n of all) next[n.id] = n.name;
      return next;
    });
  }, [roots, children, results]);

  useEffect(() => {
    if (value == null || names[value] !== undefined || valueLabel !== undefined) return;
    let live = true;
    api.get<OrgDetail>(`/orgs/${value}`).then((d) => {
      if (live) setNames((prev) => ({ ...prev, [value]: d.org.name }));
    }).catch(() => undefined);
    return () => { live = false; };
  }, [value, names, valueLabel]);

  useEffect(() => {
    const q = search.trim();
    abort.current?.abort();
    if (!q) { setResults([]); return undefined; }
    const ctrl = new AbortController();
    abort.current = ctrl;
    const timer = window.setTimeout(() => {
      searchOrgs(q, ctrl.signal).then(setResults).catch(() => undefined);
    }, 250);
    return () => window.clearTimeout(timer);
  }, [search]);

  const title = useCallback((n: OrgNode) => (
    <span>{n.name} <Tag color={kindColor(n.kind)} style={{ marginInlineStart: 4, fontSize: 11, lineHeight: '16px' }}>{kindLabel(n.kind, lang)}</Tag></span>
  ), [lang]);

  const treeData = useMemo(() => {
    if (search.trim()) return buildOrgTree(results, {}, title, selectable).map((n) => ({ ...n, isLeaf: true, children: undefined }));
    return buildOrgTree(roots ?? [], children, title, selectable);
  }, [search, results, roots, children, selectable, title]);

  const find = (id: number): OrgNode | undefined => [...(roots ?? []), ...Object.values(children).flat(), ...results].find((n) => n.id === id);

  return (
    <TreeSelect<{ value: number; label: string } | undefined>
      {...rest}
      labelInValue
      value={value != null ? { value, label: names[value] ?? valueLabel ?? String(value) } : undefined}
      onChange={(v) => {
        setSearch('');
        onChange?.(v?.value, v ? find(v.value) : undefined);
      }}
      treeData={treeData}
      loadData={async (node) => {
        const id = Number((node as { value?: number }).value);
        if (!search.trim() && !(id in children)) await loadChildren(id);
      }}
      showSearch={{ searchValue: search, onSearch: setSearch, filterTreeNode: false }}
      placeholder={placeholder ?? t('common.chooseOrg')}
      allowClear={allowClear}
      disabled={disabled}
      style={{ minWidth: 220, ...style }}
      popupMatchSelectWidth={false}
      virtual={false}
      treeNodeLabelProp="title"
      notFoundContent={search.trim() ? t('org.noResults') : undefined}
    />
  );
}
