/** 群众: residents with server-side paging and filters, including 居民代表 / 党外群众代表. */
import { useEffect, useState } from 'react';
import { Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import type { TablePaginationConfig } from 'antd';
import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { api, download } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useLang, useT, valueLabel } from '../i18n.ts';
import { useListParams } from '../listParams.ts';
import { useSession } from '../session.tsx';
import { OrgTreeSelect } from '../components/OrgTreeSelect.tsx';
import { ResidentFormDrawer } from '../components/ResidentFormDrawer.tsx';
import type { Page, Resident } from '../types.ts';

const FILTERS = ['communityId', 'q', 'representative'] as const;

/** The residents list page. */
export function ResidentsPage() {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const navigate = useNavigate();
  const { can } = useSession();
  const { state, filters, update, reset } = useListParams(FILTERS);
  const [data, setData] = useState<Page<Resident>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState(filters.q ?? '');
  const [tick, setTick] = useState(0);

  useEffect(() => { setSearch(filters.q ?? ''); }, [filters.q]);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api.get<Page<Resident>>('/residents', { ...filters, page: state.page, pageSize: state.pageSize }, ctrl.signal)
      .then(setData)
      .catch((err: unknown) => fb.error(err))
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [filters, state, fb, tick]);

  const onTableChange = (p: TablePaginationConfig) => {
    update({ page: p.current ?? 1, pageSize: p.pageSize ?? state.pageSize });
  };

  const exportExcel = async () => {
    setExporting(true);
    try {
      await download('/exports/residents', filters, '群众信息.xlsx');
    } catch (err) {
      fb.error(err);
    } finally {
      setExporting(false);
    }
  };

  const repOptions = [{ value: 'rep', label: t('resident.isRepresentative') }, { value: 'nonparty', label: t('resident.isNonpartyRep') }];

  return (
    <Card title={t('resident.list')} data-testid="residents-page"
      extra={<Space wrap>
        {can('resident.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="resident-new">{t('resident.new')}</Button>}
        {can('export') && <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportExcel()} data-testid="resident-export">{t('common.export')}</Button>}
      </Space>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <OrgTreeSelect value={filters.communityId ? Number(filters.communityId) : undefined} onChange={(id) => update({ communityId: id })}
          placeholder={t('resident.community')} style={{ width: 240 }} data-testid="resident-org" />
        <Input.Search allowClear placeholder={t('member.searchPlaceholder')} value={search} onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => update({ q: v.trim() })} style={{ width: 200 }} data-testid="resident-search" />
        <Select allowClear placeholder={t('resident.flags')} value={filters.representative} options={repOptions}
          onChange={(v?: string) => update({ representative: v })} style={{ width: 160 }} data-testid="resident-rep" />
        <Button icon={<ReloadOutlined />} onClick={() => { setSearch(''); reset(); }}>{t('common.reset')}</Button>
      </Space>
      <Table<Resident>
        rowKey="id" loading={loading} dataSource={data.items} data-testid="resident-table" scroll={{ x: 1000 }}
        onChange={onTableChange}
        onRow={(r) => ({ onClick: () => navigate(`/residents/${r.id}`), style: { cursor: 'pointer' } })}
        pagination={{ current: state.page, pageSize: state.pageSize, total: data.total, showSizeChanger: true, showTotal: (n) => t('common.total', { n }) }}
        columns={[
          { title: t('member.name'), dataIndex: 'name', key: 'name', fixed: 'left', width: 100,
            render: (v: string, r) => <a onClick={(e) => { e.stopPropagation(); navigate(`/residents/${r.id}`); }}>{v}</a> },
          { title: t('member.gender'), dataIndex: 'gender', width: 70, render: (v: string) => valueLabel(v, lang) },
          { title: t('member.birthDate'), dataIndex: 'birthDate', width: 120 },
          { title: t('member.idMasked'), dataIndex: 'idMasked', width: 190 },
          { title: t('member.phoneMasked'), dataIndex: 'phoneMasked', width: 130 },
          { title: t('resident.community'), dataIndex: 'communityName', ellipsis: true },
          { title: t('resident.address'), dataIndex: 'address', ellipsis: true },
          { title: t('resident.flags'), key: 'flags', width: 200, render: (_v, r) => (
            <Space size={4}>
              {r.isRepresentative && <Tag color="blue">{t('resident.isRepresentative')}</Tag>}
              {r.isNonpartyRep && <Tag color="purple">{t('resident.isNonpartyRep')}</Tag>}
            </Space>
          ) },
        ]}
      />
      {creating && (
        <ResidentFormDrawer open defaultCommunityId={filters.communityId ? Number(filters.communityId) : undefined} onClose={() => setCreating(false)}
          onSaved={(id) => { setCreating(false); setTick((n) => n + 1); if (id) navigate(`/residents/${id}`); }} />
      )}
    </Card>
  );
}
