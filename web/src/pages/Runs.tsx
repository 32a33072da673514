/** 年终考评: the runs in scope, and the form that runs a scheme for a year over an organisation. */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Form, Select, Space, Spin, Table, Typography } from 'antd';
import type { TablePaginationConfig } from 'antd';
import { PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { api } from '../api.ts';
import { formatTime } from '../dates.ts';
import { errorText, useFeedback } from '../feedback.ts';
import { useLang, useT } from '../i18n.ts';
import { useListParams } from '../listParams.ts';
import { useSession } from '../session.tsx';
import { withTestId } from '../testid.ts';
import { OrgTreeSelect } from '../components/OrgTreeSelect.tsx';
import { RunStatusTag, fmtMs, homeOrgFor, recentYears, useSchemes, useWide } from '../components/points/shared.tsx';
import type { Run, SchemeRow } from '../components/points/types.ts';

const FILTERS = ['schemeId', 'year'] as const;

type NewRun = { schemeId?: number; year?: number; orgId?: number };

/** The form that starts a run; shows a progress state while the server computes. */
function NewRunCard({ schemes, onCreated }: { schemes: SchemeRow[]; onCreated: (id: number) => void }) {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const { me } = useSession();
  const [form] = Form.useForm<NewRun>();
  const [busy, setBusy] = useState(false);
  const [elapsed, setElapsed] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const wide = useWide();

  useEffect(() => () => window.clearInterval(timer.current), []);
  useEffect(() => {
    if (schemes.length && !form.getFieldValue('schemeId')) form.setFieldsValue({ schemeId: schemes[0].id });
  }, [schemes, form]);

  const submit = async (v: NewRun) => {
    setBusy(true);
    setError(null);
    const t0 = Date.now();
    setElapsed(0);
    timer.current = window.setInterval(() => setElapsed(Math.floor((Date.now() - t0) / 1000)), 250);
    try {
      const r = await api.post<{ id: number; ms: number }>('/runs', { schemeId: v.schemeId, year: v.year, orgId: v.orgId });
      fb.success(t('run.created', { id: r.id, time: fmtMs(r.ms) }));
      onCreated(r.id);
    } catch (err) {
      setError(errorText(err, lang));
      fb.error(err, form);
    } finally {
      window.clearInterval(timer.current);
      setBusy(false);
    }
  };

  const lastYear = new Date().getFullYear() - 1;
  return (
    <Card title={t('run.new')} size="small" data-testid="run-new">
      <Spin spinning={busy} description={<span data-testid="run-progress">{t('run.computing', { s: elapsed })}</span>} size="large">
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('run.newHint')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} closable={{ onClose: () => setError(null) }} data-testid="run-new-error" />}
        <Form<NewRun> form={form} layout={wide ? 'inline' : 'vertical'} initialValues={{ year: lastYear, orgId: homeOrgFor(me, 'run') }} onFinish={(v) => void submit(v)}
          style={{ rowGap: 12 }} data-testid="run-form">
          <Form.Item name="schemeId" label={t('points.scheme')} rules={[{ required: true, message: t('common.select') }]}>
            <Select style={{ width: wide ? 260 : '100%' }} popupMatchSelectWidth={false} data-testid="run-form-scheme"
              options={schemes.map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
          <Form.Item name="year" label={t('points.year')} rules={[{ required: true, message: t('common.select') }]}>
            <Select style={{ width: 110 }} data-testid="run-form-year" options={recentYears().map((y) => ({ value: y, label: String(y) }))} />
          </Form.Item>
          <Form.Item name="orgId" label={t('run.scope')} rules={[{ required: true, message: t('common.chooseOrg') }]}>
            <OrgTreeSelect style={{ width: wide ? 240 : '100%' }} allowClear={false} data-testid="run-form-org" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<PlayCircleOutlined />} loading={busy} data-testid="run-form-submit">{t('run.start')}</Button>
          </Form.Item>
        </Form>
      </Spin>
    </Card>
  );
}

/** The runs page. */
export function RunsPage() {
  const t = useT();
  const fb = useFeedback();
  const navigate = useNavigate();
  const { can } = useSession();
  const { state, filters, update, reset } = useListParams(FILTERS);
  const { schemes } = useSchemes(fb.error);
  const [items, setItems] = useState<Run[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const wide = useWide();

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api.get<{ items: Run[]; total: number }>('/runs', { schemeId: filters.schemeId, year: filters.year, page: state.page, pageSize: state.pageSize }, ctrl.signal)
      .then((r) => { setItems(r.items); setTotal(r.total); })
      .catch((err: unknown) => fb.error(err))
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [filters, state.page, state.pageSize, fb, tick]);
  const onTableChange = (p: TablePaginationConfig) => update({ page: p.current ?? 1, pageSize: p.pageSize ?? state.pageSize });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="runs-page">
      {can('run.manage') && <NewRunCard schemes={schemes} onCreated={(id) => navigate(`/runs/${id}`)} />}
      <Card title={t('run.list')}>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select allowClear value={filters.schemeId ? Number(filters.schemeId) : undefined} onChange={(v?: number) => update({ schemeId: v })}
            placeholder={t('points.scheme')} style={{ width: 260, maxWidth: '100%' }} popupMatchSelectWidth={false} data-testid="runs-scheme"
            options={schemes.map((s) => ({ value: s.id, label: s.name }))} />
          <Select allowClear value={filters.year ? Number(filters.year) : undefined} onChange={(v?: number) => update({ year: v })}
            placeholder={t('points.year')} style={{ width: 120 }} data-testid="runs-year"
            options={recentYears().map((y) => ({ value: y, label: String(y) }))} />
          <Button icon={<ReloadOutlined />} onClick={() => { reset(); setTick((n) => n + 1); }}>{t('common.reset')}</Button>
        </Space>
        <Table<Run> rowKey="id" size="middle" loading={loading} dataSource={items} data-testid="runs-table" scroll={{ x: 1200 }}
          onChange={onTableChange}
          pagination={{ current: state.page, pageSize: state.pageSize, total, hideOnSinglePage: true, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100], showTotal: (n) => t('common.total', { n }) }}
          onRow={(r) => withTestId({ onClick: () => navigate(`/runs/${r.id}`), style: { cursor: 'pointer' } }, `run-row-${r.id}`)}
          columns={[
            { title: '#', dataIndex: 'id', width: 60, fixed: wide ? 'left' : undefined },
            { title: t('points.scheme'), dataIndex: 'schemeName', ellipsis: true, width: 220,
              render: (v: string, r) => <a onClick={(e) => { e.stopPropagation(); navigate(`/runs/${r.id}`); }}>{v}</a> },
            { title: t('points.year'), dataIndex: 'year', width: 70 },
            { title: t('run.scope'), dataIndex: 'orgName', ellipsis: true, width: 160 },
            { title: t('common.status'), key: 'status', width: 140, render: (_v, r) => <RunStatusTag run={r} t={t} /> },
            { title: t('run.subjects'), dataIndex: 'subjects', width: 90, align: 'right' },
            { title: t('run.entries'), dataIndex: 'entries', width: 100, align: 'right', render: (v: number) => v.toLocaleString() },
            { title: t('run.tasks'), key: 'tasks', width: 90, align: 'right', render: (_v, r) => r.summary?.tasks ?? 0 },
            { title: t('common.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string, r) => <span title={r.createdByName ?? ''}>{formatTime(v)}</span> },
            { title: t('run.createdBy'), dataIndex: 'createdByName', width: 110 },
            { title: t('run.time'), dataIndex: 'ms', width: 90, align: 'right', render: (v: number) => fmtMs(v) },
            { title: t('run.publishedAt'), dataIndex: 'publishedAt', width: 170, render: (v: string | null) => formatTime(v) },
          ]} />
      </Card>
    </Space>
  );
}
