/** 住户: the community's (or one grid's) households with residents, visits, last visit, open requests and tags; 登记住户. */
import { useEffect, useMemo, useState } from 'react';
import { Badge, Button, Input, Space, Table, Tag } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { ExportButton } from '../stars/results.tsx';
import { useFeedback } from '../../feedback.ts';
import { useT } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { withTestId } from '../../testid.ts';
import type { Items } from '../../types.ts';
import type { Household } from './shared.tsx';
import { HouseholdImportDrawer } from './HouseholdImportDrawer.tsx';

/** The tab; `onAdd` opens 登记住户, `onOpen` a household's 民情档案, `tick` reloads. */
export function HouseholdsTab({ communityId, gridId, tick, onAdd, onOpen }: { communityId: number; gridId?: number; tick: number; onAdd: () => void; onOpen: (id: number) => void }) {
  const t = useT();
  const fb = useFeedback();
  const { can } = useSession();
  const [items, setItems] = useState<Household[]>([]);
  const [loading, setLoading] = useState(false);
  const [q, setQ] = useState('');
  const [importing, setImporting] = useState(false);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api.get<Items<Household>>('/households', { communityId, gridId }, ctrl.signal)
      .then((r) => setItems(r.items))
      .catch((err: unknown) => { setItems([]); fb.error(err); })
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [communityId, gridId, tick, reloads, fb]);

  const shown = useMemo(() => {
    const s = q.trim();
    return s ? items.filter((h) => h.address.includes(s) || (h.headName ?? '').includes(s) || h.tags.some((x) => x.includes(s))) : items;
  }, [items, q]);

  return (
    <div data-testid="gw-households">
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('gw.hh.search')} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 220 }} data-testid="gw-hh-search" />
        {can('resident.write') && <Button type="primary" icon={<PlusOutlined />} onClick={onAdd} data-testid="gw-hh-new">{t('gw.hh.new')}</Button>}
        {can('resident.write') && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="gw-hh-import">{t('gw.hh.import')}</Button>}
        <ExportButton path="/households/export" query={{ communityId }} name="住户名册.xlsx" testId="gw-hh-export" plain />
      </Space>
      {importing && <HouseholdImportDrawer communityId={communityId} onClose={() => setImporting(false)} onImported={() => setReloads((n) => n + 1)} />}
      <Table<Household> rowKey="id" size="middle" loading={loading} dataSource={shown} data-testid="gw-hh-table" scroll={{ x: 900 }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        onRow={(r) => withTestId({ onClick: () => onOpen(r.id), style: { cursor: 'pointer' } }, `gw-hh-row-${r.id}`)}
        columns={[
          { title: t('gw.hh.address'), dataIndex: 'address', width: 200, fixed: 'left', ellipsis: true },
          { title: t('gw.grid'), dataIndex: 'gridName', width: 150, ellipsis: true, render: (v: string | null) => v ?? '—' },
          { title: t('gw.hh.head'), dataIndex: 'headName', width: 100, render: (v: string | null) => v ?? '—' },
          { title: t('gw.hh.residents'), dataIndex: 'residents', width: 70, align: 'right' },
          { title: t('gw.hh.visits'), dataIndex: 'visits', width: 80, align: 'right' },
          { title: t('gw.hh.lastVisit'), dataIndex: 'lastVisit', width: 110, render: (v: string | null) => v ?? '—' },
          { title: t('gw.hh.openRequests'), dataIndex: 'openRequests', width: 100, align: 'right',
            render: (v: number, r) => <span data-testid={`gw-hh-open-${r.id}`}>{v > 0 ? <Badge count={v} color="#fa8c16" /> : 0}</span> },
          { title: t('gw.hh.tags'), dataIndex: 'tags', width: 160, render: (v: string[]) => v.map((x) => <Tag key={x}>{x}</Tag>) },
        ]} />
    </div>
  );
}
