/** 整改处置: tasks opened by published runs and 民主评议 campaigns (整改 / 组织处置), with filters and the 办理 drawer. */
import { useEffect, useState } from 'react';
import { Button, Card, Select, Space, Table, Typography } from 'antd';
import type { TablePaginationConfig } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api } from '../api.ts';
import { formatTime } from '../dates.ts';
import { useFeedback } from '../feedback.ts';
import { useLang, useT } from '../i18n.ts';
import { useListParams } from '../listParams.ts';
import { withTestId } from '../testid.ts';
import { OrgTreeSelect } from '../components/OrgTreeSelect.tsx';
import { TaskDrawer } from '../components/points/TaskDrawer.tsx';
import { TaskSource } from '../components/points/TaskSource.tsx';
import { TASK_STATUSES, TaskKindTag, TaskStatusTag, taskStatusLabel, useWide } from '../components/points/shared.tsx';
import type { Task } from '../components/points/types.ts';
import type { Page } from '../types.ts';

const FILTERS = ['status', 'kind', 'orgId'] as const;

/** The tasks page. */
export function TasksPage() {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const { state, filters, update, reset } = useListParams(FILTERS);
  const [data, setData] = useState<Page<Task>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [open, setOpen] = useState<Task | null>(null);
  const [tick, setTick] = useState(0);
  const wide = useWide();

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api.get<Page<Task>>('/tasks', { ...filters, page: state.page, pageSize: state.pageSize }, ctrl.signal)
      .then(setData)
      .catch((err: unknown) => fb.error(err))
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [filters, state.page, state.pageSize, fb, tick]);

  const onTableChange = (p: TablePaginationConfig) => update({ page: p.current ?? 1, pageSize: p.pageSize ?? state.pageSize });
  const today = dayjs().format('YYYY-MM-DD');

  return (
    <Card title={t('task.list')} data-testid="tasks-page">
      <Space wrap style={{ marginBottom: 16 }}>
        <Select allowClear value={filters.status} onChange={(v?: string) => update({ status: v })} placeholder={t('common.status')} style={{ width: 130 }} data-testid="tasks-status"
          options={TASK_STATUSES.map((s) => ({ value: s, label: taskStatusLabel(s, lang) }))} />
        <Select allowClear value={filters.kind} onChange={(v?: string) => update({ kind: v })} placeholder={t('common.kind')} style={{ width: 130 }} data-testid="tasks-kind"
          options={[{ value: 'rectification', label: t('task.kind.rectification') }, { value: 'disposal', label: t('task.kind.disposal') }, { value: 'accountability', label: t('task.kind.accountability') }]} />
        <OrgTreeSelect value={filters.orgId ? Number(filters.orgId) : undefined} onChange={(id) => update({ orgId: id })} placeholder={t('points.allOrgs')}
          style={{ width: 240, maxWidth: '100%' }} data-testid="tasks-org" />
        <Button icon={<ReloadOutlined />} onClick={() => reset()}>{t('common.reset')}</Button>
      </Space>
      <Table<Task> rowKey="id" size="middle" loading={loading} dataSource={data.items} data-testid="tasks-table" scroll={{ x: 1470 }}
        onChange={onTableChange}
        onRow={(r) => withTestId({ onClick: () => setOpen(r), style: { cursor: 'pointer' } }, `task-row-${r.id}`)}
        pagination={{ current: state.page, pageSize: state.pageSize, total: data.total, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100], showTotal: (n) => t('common.total', { n }) }}
        columns={[
          { title: t('common.kind'), dataIndex: 'kind', width: 100, fixed: wide ? 'left' : undefined, render: (v: Task['kind']) => <TaskKindTag kind={v} t={t} /> },
          { title: t('task.title'), dataIndex: 'title', ellipsis: true, width: 300 },
          { title: t('common.org'), dataIndex: 'orgName', ellipsis: true, width: 180 },
          { title: t('points.year'), dataIndex: 'year', width: 70 },
          { title: t('task.source'), key: 'source', width: 220, ellipsis: true, render: (_v, r) => <TaskSource task={r} /> },
          { title: t('common.status'), dataIndex: 'status', width: 90, render: (v: Task['status']) => <TaskStatusTag status={v} t={t} /> },
          { title: t('task.dueOn'), dataIndex: 'dueOn', width: 110,
            render: (v: string | null, r) => (v ? <Typography.Text type={v < today && r.status !== 'done' && r.status !== 'cancelled' ? 'danger' : undefined}>{v}</Typography.Text> : '') },
          { title: t('task.outcome'), dataIndex: 'outcome', width: 110, render: (v: string | null, r) => v ?? (r.options.length ? <Typography.Text type="secondary">{t('task.undecided')}</Typography.Text> : '') },
          { title: t('task.resolution'), dataIndex: 'resolution', ellipsis: true, width: 200 },
          { title: t('common.createdAt'), dataIndex: 'createdAt', width: 165, render: (v: string) => formatTime(v) },
          { title: t('common.actions'), key: 'actions', width: 90, fixed: wide ? 'right' : undefined,
            render: (_v, r) => (
              <Button type="link" size="small" onClick={(e) => { e.stopPropagation(); setOpen(r); }} data-testid={`task-handle-${r.id}`}>
                {r.actions.includes('task.manage') && r.status !== 'done' && r.status !== 'cancelled' ? t('task.handle') : t('common.detail')}
              </Button>
            ) },
        ]} />
      {open && <TaskDrawer key={`${open.id}-${open.version}`} task={open} onClose={() => setOpen(null)} onSaved={() => { setOpen(null); setTick((n) => n + 1); }} />}
    </Card>
  );
}
