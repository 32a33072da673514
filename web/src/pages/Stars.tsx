/** 评星晋级: the applications in scope (year and state filters, server paging), a chart by level, 申报, Excel export and 结果运用. */
import { useEffect, useState } from 'react';
import { Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import type { TablePaginationConfig } from 'antd';
import { DownloadOutlined, FundOutlined, PlusOutlined, ReadOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { api, download } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useT } from '../i18n.ts';
import { useListParams } from '../listParams.ts';
import { useSession } from '../session.tsx';
import { withTestId } from '../testid.ts';
import type { Page } from '../types.ts';
import { ApplyModal } from '../components/stars/ApplyModal.tsx';
import { LevelChart } from '../components/stars/LevelChart.tsx';
import { STAR_STATES, StateTag, Stars, overdue, recentYears, stateLabel, useWide } from '../components/stars/shared.tsx';
import type { StarApplicationRow, StarState } from '../components/stars/types.ts';

const FILTERS = ['year', 'state'] as const;

/** States in which the level shown is a decision (the street's or the county's), not only the application. */
const DECIDED: StarState[] = ['assessed', 'approved', 'notice', 'published'];

/** The 评星晋级 list page. */
export function StarsPage() {
  const t = useT();
  const fb = useFeedback();
  const navigate = useNavigate();
  const { can } = useSession();
  const { state, filters, update, reset } = useListParams(FILTERS);
  const [data, setData] = useState<Page<StarApplicationRow>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [applying, setApplying] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [tick, setTick] = useState(0);
  const wide = useWide();
  const thisYear = new Date().getFullYear();
  const year = filters.year ? Number(filters.year) : undefined;
  const today = dayjs().format('YYYY-MM-DD');

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api.get<Page<StarApplicationRow>>('/stars/applications', { year, state: filters.state, page: state.page, pageSize: state.pageSize }, ctrl.signal)
      .then(setData)
      .catch((err: unknown) => fb.error(err))
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [year, filters.state, state.page, state.pageSize, fb, tick]);

  const onTableChange = (p: TablePaginationConfig) => update({ page: p.current ?? 1, pageSize: p.pageSize ?? state.pageSize });

  const exportExcel = async () => {
    setExporting(true);
    try {
      await download('/stars/applications/export', { year, state: filters.state }, `${year ?? ''}评星晋级.xlsx`);
    } catch (err) {
      fb.error(err);
    } finally {
      setExporting(false);
    }
  };

  const years = recentYears();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="stars-page">
      <LevelChart year={year ?? thisYear} tick={tick} />
      <Card title={t('stars.list')}
        extra={<Space wrap>
          {can('rating.apply') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setApplying(true)} data-testid="stars-apply">{t('stars.apply')}</Button>}
          <Button icon={<FundOutlined />} onClick={() => navigate('/stars/results')} data-testid="stars-results">{t('stars.results')}</Button>
          <Button icon={<ReadOutlined />} onClick={() => navigate('/stars/standard')} data-testid="stars-standard">{t('stars.std.title')}</Button>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportExcel()} data-testid="stars-export">{wide ? t('common.export') : null}</Button>
        </Space>}>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select allowClear value={year} onChange={(v?: number) => update({ year: v })} placeholder={t('stars.year')} style={{ width: 120 }} data-testid="stars-year"
            options={years.map((y) => ({ value: y, label: t('stars.yearN', { y }) }))} />
          <Select allowClear value={filters.state} onChange={(v?: string) => update({ state: v })} placeholder={t('common.status')} style={{ width: 220, maxWidth: '100%' }}
            popupMatchSelectWidth={false} data-testid="stars-state"
            options={STAR_STATES.map((s) => ({ value: s, label: stateLabel(s, t) }))}
            optionRender={(o) => <span data-testid={`stars-state-option-${String(o.value)}`}>{o.label}</span>} />
          <Button icon={<ReloadOutlined />} onClick={() => { reset(); setTick((n) => n + 1); }} data-testid="stars-reset">{t('common.reset')}</Button>
        </Space>
        <Table<StarApplicationRow> rowKey="id" size="middle" loading={loading} dataSource={data.items} data-testid="stars-table" scroll={{ x: 1250 }}
          onChange={onTableChange}
          onRow={(r) => withTestId({ onClick: () => navigate(`/stars/${r.id}`), style: { cursor: 'pointer' } }, `star-row-${r.id}`)}
          pagination={{ current: state.page, pageSize: state.pageSize, total: data.total, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100], showTotal: (n) => t('common.total', { n }) }}
          columns={[
            { title: t('stars.year'), dataIndex: 'year', width: 70 },
            { title: t('stars.street'), dataIndex: 'streetName', width: 140, ellipsis: true },
            { title: t('stars.org'), dataIndex: 'orgName', width: 200, ellipsis: true,
              render: (v: string, r) => <a onClick={(e) => { e.stopPropagation(); navigate(`/stars/${r.id}`); }}>{v}</a> },
            { title: t('stars.appliedLevel'), dataIndex: 'appliedLevel', width: 130, render: (v: number, r) => <Stars value={v} small testId={`star-row-applied-${r.id}`} /> },
            { title: t('stars.level'), dataIndex: 'level', width: 130,
              render: (v: number, r) => (DECIDED.includes(r.state) ? <Stars value={v} small testId={`star-row-level-${r.id}`} /> : <Typography.Text type="secondary">—</Typography.Text>) },
            { title: t('common.status'), dataIndex: 'state', width: 220, render: (_v, r) => <StateTag state={r.state} name={r.stateName} t={t} testId={`star-row-state-${r.id}`} /> },
            { title: t('stars.dueOn'), dataIndex: 'dueOn', width: 110,
              render: (v: string | null) => (v ? <Typography.Text type={overdue(v, today) ? 'danger' : undefined}>{v}</Typography.Text> : '') },
            { title: t('stars.noticePeriod'), key: 'notice', width: 190,
              render: (_v, r) => (r.noticeFirst ? t('stars.period', { from: r.noticeFirst, to: r.noticeLast ?? '' }) : '') },
            { title: t('stars.objections'), dataIndex: 'objections', width: 130,
              render: (v: number, r) => (v ? (
                <Space size={4} data-testid={`star-row-objections-${r.id}`}>
                  <span>{v}</span>
                  {r.openObjections > 0 && <Tag color="orange">{t('stars.openN', { n: r.openObjections })}</Tag>}
                </Space>
              ) : '') },
            { title: t('stars.docNumber'), dataIndex: 'docNumber', width: 160, ellipsis: true },
          ]} />
      </Card>
      {applying && (
        <ApplyModal open onClose={() => setApplying(false)}
          onCreated={(a) => { setApplying(false); fb.success(t('stars.apply.done')); navigate(`/stars/${a.id}`); }} />
      )}
    </Space>
  );
}
