/** 组织机构: the lazy organisation tree with search on the left, the selected organisation on the right. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Card, Col, Empty, Input, Row, Tag, Tree, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { useFeedback } from '../feedback.ts';
import { useLang, useT } from '../i18n.ts';
import { kindColor, kindLabel } from '../labels.ts';
import { buildOrgTree, searchOrgs, useOrgTree } from '../orgTree.ts';
import { ItemList } from '../components/ItemList.tsx';
import { OrgDetailPanel } from '../components/OrgDetailPanel.tsx';
import type { OrgDetail, OrgNode } from '../types.ts';

/** The organisation page. */
export function OrgsPage() {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const navigate = useNavigate();
  const params = useParams();
  const selectedId = params.id ? Number(params.id) : undefined;
  const { roots, children, loadRoots, loadChildren, reload } = useOrgTree();
  const [expanded, setExpanded] = useState<string[]>([]);
  const [results, setResults] = useState<OrgNode[] | null>(null);
  const [revealTarget, setRevealTarget] = useState<OrgDetail | null>(null);

  useEffect(() => {
    loadRoots().then((items) => {
      if (items.length === 1) setExpanded((prev) => (prev.length ? prev : [String(items[0].id)]));
    }).catch((err: unknown) => fb.error(err));
  }, [loadRoots, fb]);

  useEffect(() => {
    if (!selectedId && roots && roots.length > 0) navigate(`/orgs/${roots[0].id}`, { replace: true });
  }, [selectedId, roots, navigate]);

  /** Opens the tree down to the selected organisation (after a search or a deep link). */
  useEffect(() => {
    if (!revealTarget || !roots) return;
    setRevealTarget(null);
    const rootIds = new Set(roots.map((r) => r.id));
    const chain = revealTarget.ancestors.map((a) => a.id).filter((id) => id !== revealTarget.org.id);
    const start = chain.findIndex((id) => rootIds.has(id));
    if (start < 0) return;
    const path = chain.slice(start);
    void (async () => {
      try {
        for (const id of path) if (!(id in children)) await loadChildren(id);
        setExpanded((prev) => [...new Set([...prev, ...path.map(String)])]);
      } catch {
        // the tree simply stays as it was
      }
    })();
  }, [revealTarget, roots, children, loadChildren]);

  const runSearch = async (q: string) => {
    if (!q.trim()) { setResults(null); return; }
    try {
      setResults(await searchOrgs(q.trim()));
    } catch (err) {
      fb.error(err);
    }
  };

  const title = useCallback((n: OrgNode) => (
    <span data-testid={`org-node-${n.id}`}>
      {n.name}
      <Tag color={kindColor(n.kind)} style={{ marginInlineStart: 6, fontSize: 11, lineHeight: '16px' }}>{kindLabel(n.kind, lang)}</Tag>
    </span>
  ), [lang]);

  const treeData = useMemo(() => buildOrgTree(roots ?? [], children, title), [roots, children, title]);

  const onChanged = async (parentIds: (number | null | undefined)[]) => {
    try {
      await reload(parentIds);
    } catch (err) {
      fb.error(err);
    }
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={8} xl={7}>
        <Card title={t('org.tree')} size="small" styles={{ body: { padding: 12 } }}>
          <Input.Search allowClear placeholder={t('org.searchPlaceholder')} onSearch={(v) => void runSearch(v)}
            onChange={(e) => { if (!e.target.value) void runSearch(''); }} style={{ marginBottom: 12 }} data-testid="org-search" />
          {results !== null ? (
            <ItemList items={results} rowKey={(n) => n.id} empty={t('org.noResults')} data-testid="org-search-results"
              header={<Typography.Text type="secondary">{t('org.searchResults')}（{results.length}）</Typography.Text>}
              render={(n) => ({ title: title(n), active: n.id === selectedId, onClick: () => navigate(`/orgs/${n.id}`) })} />
          ) : (
            <div style={{ maxHeight: 'calc(100vh - 260px)', minHeight: 200, overflow: 'auto' }}>
              {roots && roots.length === 0 && <Empty />}
              <Tree<(typeof treeData)[number]>
                treeData={treeData}
                blockNode
                showLine={{ showLeafIcon: false }}
                expandedKeys={expanded}
                onExpand={(keys) => setExpanded(keys.map(String))}
                selectedKeys={selectedId ? [String(selectedId)] : []}
                onSelect={(keys) => { if (keys[0]) navigate(`/orgs/${String(keys[0])}`); }}
                loadData={async (node) => { if (!(node.value in children)) await loadChildren(node.value); }}
                data-testid="org-tree"
              />
            </div>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={16} xl={17}>
        {selectedId ? (
          <OrgDetailPanel orgId={selectedId} onChanged={(ids) => void onChanged(ids)} onSelect={(id) => navigate(`/orgs/${id}`)}
            onLoaded={setRevealTarget} scopeRootIds={roots?.map((r) => r.id)} />
        ) : (
          <Card><Empty description={t('org.pickHint')} /></Card>
        )}
      </Col>
    </Row>
  );
}
