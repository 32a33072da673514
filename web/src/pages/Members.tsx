/** 党员: the member roster with server-side paging, sorting and filters, Excel export and 新增党员. */
import { useEffect, useState } from 'react';
import { Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import type { TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface.js';
import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { api, download } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useLang, useT, valueLabel, valueOptions } from '../i18n.ts';
import { CATEGORIES, PARTY_STATES, partyStateColor } from '../labels.ts';
import { useListParams } from '../listParams.ts';
import { useSession } from '../session.tsx';
import { OrgTreeSelect } from '../components/OrgTreeSelect.tsx';
import { MemberFormDrawer } from '../components/MemberFormDrawer.tsx';
import type { Member, Page } from '../types.ts';

const FILTERS = ['orgId', 'q', 'partyState', 'category'] as const;
const SORTABLE = ['name', 'birthDate', 'joinDate'];

/** The members list page. */
export function MembersPage() {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const navigate = useNavigate();
  const { can } = useSession();
  const { state, filters, update, reset } = useListParams(FILTERS);
  const [data, setData] = useState<Page<Member>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState(filters.q ?? '');
  const [tick, setTick] = useState(0);

  useEffect(() => { setSearch(filters.q ?? ''); }, [filters.q]);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api.get<Page<Member>>('/members', { ...filters, ...state }, ctrl.signal)
      .then(setData)
      .catch((err: unknown) => fb.error(err))
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [filters, state, fb, tick]);

  const onTableChange = (p: TablePaginationConfig, _f: unknown, sorter: SorterResult<Member> | SorterResult<Member>[]) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = typeof s?.field === 'string' && SORTABLE.includes(s.field) && s.order ? s.field : undefined;
    update({
      page: p.current ?? 1,
      pageSize: p.pageSize ?? state.pageSize,
      sort: field,
      order: field ? (s.order === 'descend' ? 'desc' : 'asc') : undefined,
    });
  };

  const sortOrder = (field: string) => (state.sort === field ? (state.order === 'desc' ? 'descend' as const : 'ascend' as const) : null);

  const exportExcel = async () => {
    setExporting(true);
    try {
      await download('/exports/members', filters, '党员信息.xlsx');
    } catch (err) {
      fb.error(err);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Card title={t('member.list')} data-testid="members-page"
      extra={<Space wrap>
        {can('member.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="member-new">{t('member.new')}</Button>}
        {can('export') && <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportExcel()} data-testid="member-export">{t('common.export')}</Button>}
      </Space>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <OrgTreeSelect value={filters.orgId ? Number(filters.orgId) : undefined} onChange={(id) => update({ orgId: id })}
          placeholder={t('common.org')} style={{ width: 240 }} data-testid="member-org" />
        <Input.Search allowClear placeholder={t('member.searchPlaceholder')} value={search} onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => update({ q: v.trim() })} style={{ width: 200 }} data-testid="member-search" />
        <Select allowClear placeholder={t('member.partyState')} value={filters.partyState} onChange={(v?: string) => update({ partyState: v })}
          options={valueOptions(PARTY_STATES, lang)} style={{ width: 140 }} data-testid="member-party-state" />
        <Select allowClear placeholder={t('member.categoryShort')} value={filters.category} onChange={(v?: string) => update({ category: v })}
          options={valueOptions(CATEGORIES, lang)} style={{ width: 140 }} data-testid="member-category" />
        <Button icon={<ReloadOutlined />} onClick={() => { setSearch(''); reset(); }}>{t('common.reset')}</Button>
      </Space>
      <Table<Member>
        rowKey="id" size="middle" loading={loading} dataSource={data.items} data-testid="member-table"
        scroll={{ x: 1100 }}
        onChange={onTableChange}
        onRow={(r) => ({ onClick: () => navigate(`/members/${r.id}`), style: { cursor: 'pointer' } })}
        pagination={{
          current: state.page, pageSize: state.pageSize, total: data.total, showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100], showTotal: (n) => t('common.total', { n }),
        }}
        columns={[
          { title: t('member.name'), dataIndex: 'name', key: 'name', sorter: true, sortOrder: sortOrder('name'), fixed: 'left', width: 100,
            render: (v: string, r) => <a onClick={(e) => { e.stopPropagation(); navigate(`/members/${r.id}`); }}>{v}</a> },
          { title: t('member.gender'), dataIndex: 'gender', width: 70, render: (v: string) => valueLabel(v, lang) },
          { title: t('member.birthDate'), dataIndex: 'birthDate', key: 'birthDate', sorter: true, sortOrder: sortOrder('birthDate'), width: 120 },
          { title: t('member.idMasked'), dataIndex: 'idMasked', width: 190 },
          { title: t('member.phoneMasked'), dataIndex: 'phoneMasked', width: 130 },
          { title: t('member.org'), dataIndex: 'orgName', ellipsis: true },
          { title: t('member.categoryShort'), dataIndex: 'category', width: 110,
            render: (v: string) => <Tag color={v === '预备党员' ? 'gold' : 'red'}>{valueLabel(v, lang)}</Tag> },
          { title: t('member.joinDate'), dataIndex: 'joinDate', key: 'joinDate', sorter: true, sortOrder: sortOrder('joinDate'), width: 120 },
          { title: t('member.partyStateShort'), dataIndex: 'partyState', width: 90,
            render: (v: string) => <Tag color={partyStateColor(v)}>{valueLabel(v, lang)}</Tag> },
        ]}
      />
      {creating && (
        <MemberFormDrawer open defaultOrgId={filters.orgId ? Number(filters.orgId) : undefined} onClose={() => setCreating(false)}
          onSaved={(id) => { setCreating(false); setTick((n) => n + 1); if (id) navigate(`/members/${id}`); }} />
      )}
    </Card>
  );
}
