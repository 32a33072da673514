/**
 * 考评结果: one run — summary cards, charts (grades, histogram, by child organisation), top and
 * bottom ten, the results table (with the published run's totals when comparing), the
 * explanation drawer, 发布 (freezes the year, opens tasks) and Excel export.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { Alert, App, Button, Card, Col, Empty, Input, Row, Select, Space, Statistic, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { TablePaginationConfig } from 'antd';
import { ArrowLeftOutlined, CheckCircleOutlined, DownloadOutlined, RedoOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { api, download } from '../api.ts';
import { formatTime } from '../dates.ts';
import { errorText, useFeedback } from '../feedback.ts';
import { useLang, useT } from '../i18n.ts';
import { useListParams } from '../listParams.ts';
import { useSession } from '../session.tsx';
import { withTestId } from '../testid.ts';
import { NotFound, PageSpinner } from '../components/Status.tsx';
import { OrgTreeSelect } from '../components/OrgTreeSelect.tsx';
import { RunChartsPanel } from '../components/points/RunCharts.tsx';
import { ExplanationDrawer } from '../components/points/ExplanationDrawer.tsx';
import { GradeTag, RunStatusTag, fmtMs, fmtMoney, fmtPoints, useSchemeDetail, useWide } from '../components/points/shared.tsx';
import type { RankRow, RunCharts, RunDetail, RunResultRow } from '../components/points/types.ts';
import type { Page } from '../types.ts';

const FILTERS = ['grade', 'orgId', 'q', 'changed'] as const;

/** Flags of a result in words. */
function flagText(f: string, run: RunDetail, t: ReturnType<typeof useT>): string {
  if (f === 'ungraded') return t('run.flag.ungraded');
  const m = /^multiYear:([^:]+):(\d+)$/.exec(f);
  if (m) return t('run.flag.multiYear', { n: m[2], band: run.bands.find((b) => b.code === m[1])?.name ?? m[1] });
  return f;
}

/** The top or bottom ten. */
function RankList({ title, rows, run, onOpen, testId }: { title: string; rows: RankRow[]; run: RunDetail; onOpen: (id: number) => void; testId: string }) {
  const t = useT();
  return (
    <Card size="small" title={title}>
      <Table<RankRow> size="small" rowKey="subjectId" pagination={false} dataSource={rows} data-testid={testId} scroll={{ x: 420 }}
        onRow={(r) => withTestId({ onClick: () => onOpen(r.subjectId), style: { cursor: 'pointer' } }, `${testId}-${r.subjectId}`)}
        columns={[
          { title: t('run.rank'), dataIndex: 'rank', width: 56 },
          { title: t('run.name'), dataIndex: 'name', width: 110, ellipsis: true },
          { title: t('common.org'), dataIndex: 'orgName', ellipsis: true },
          { title: t('run.total'), dataIndex: 'total', width: 64, align: 'right', render: (v: number) => <b>{fmtPoints(v)}</b> },
          { title: t('run.grade'), dataIndex: 'grade', width: 90, render: (v: string | null) => <GradeTag code={v} bands={run.bands} t={t} /> },
        ]} />
    </Card>
  );
}

/** The run page. */
export function RunDetailPage() {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const { can } = useSession();
  const { id } = useParams();
  const runId = Number(id);
  const { state, filters, update, reset } = useListParams(FILTERS);
  const [run, setRun] = useState<RunDetail | null>(null);
  const [missing, setMissing] = useState(false);
  const [charts, setCharts] = useState<RunCharts | null>(null);
  const [results, setResults] = useState<Page<RunResultRow>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [search, setSearch] = useState(filters.q ?? '');
  const [open, setOpen] = useState<number | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [publishError, setPublishError] = useState<string | null>(null);
  const [rerunning, setRerunning] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [tick, setTick] = useState(0);
  const wide = useWide();

  useEffect(() => { setSearch(filters.q ?? ''); }, [filters.q]);

  useEffect(() => {
    if (!Number.isInteger(runId) || runId <= 0) { setMissing(true); return undefined; }
    const ctrl = new AbortController();
    setMissing(false);
    api.get<RunDetail>(`/runs/${runId}`, undefined, ctrl.signal)
      .then(setRun)
      .catch((err: unknown) => {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        if ((err as { status?: number }).status === 404) setMissing(true);
        else fb.error(err);
      });
    api.get<RunCharts>(`/runs/${runId}/charts`, undefined, ctrl.signal).then(setCharts).catch(() => undefined);
    return () => ctrl.abort();
  }, [runId, fb, tick]);

  const detail = useSchemeDetail(run?.schemeId, fb.error, run?.version);
  const dimensionName = useCallback((code: string) => detail?.current.definition.dimensions.find((d) => d.code === code)?.name ?? code, [detail]);

  const query = useMemo(() => ({ grade: filters.grade, orgId: filters.orgId, q: filters.q, changed: filters.changed }), [filters]);

  useEffect(() => {
    if (!run || run.id !== runId) return undefined;
    const ctrl = new AbortController();
    setLoading(true);
    api.get<Page<RunResultRow>>(`/runs/${runId}/results`, { ...query, page: state.page, pageSize: state.pageSize }, ctrl.signal)
      .then(setResults)
      .catch((err: unknown) => fb.error(err))
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [run, runId, query, state.page, state.pageSize, fb]);

  if (missing) return <NotFound />;
  if (!run || run.id !== runId) return <PageSpinner />;

  const s = run.summary;
  const comparing = run.comparesWith !== null;
  const tierName = (c: string | null) => (c ? run.tiers.find((x) => x.code === c)?.name ?? c : '');

  const publish = () => {
    modal.confirm({
      title: t('run.publish.title'),
      width: 520,
      content: (
        <div data-testid="run-publish-confirm">
          <Typography.Paragraph>{t('run.publish.freeze', { year: run.year, org: run.orgName, scheme: run.schemeName })}</Typography.Paragraph>
          <Typography.Paragraph>{s.tasks ? t('run.publish.tasks', { n: s.tasks }) : t('run.publish.noTasks')}</Typography.Paragraph>
          <Typography.Paragraph type="danger" style={{ marginBottom: 0 }}>{t('run.publish.final')}</Typography.Paragraph>
        </div>
      ),
      okText: t('run.publish'),
      okButtonProps: withTestId({ danger: true }, 'run-publish-ok'),
      onOk: async () => {
        setPublishing(true);
        setPublishError(null);
        try {
          const r = await api.post<{ id: number; tasks: number }>(`/runs/${run.id}/publish`);
          fb.success(t('run.publish.done', { n: r.tasks }));
          setTick((n) => n + 1);
        } catch (err) {
          setPublishError(errorText(err, lang));
        } finally {
          setPublishing(false);
        }
      },
    });
  };

  const rerun = async () => {
    setRerunning(true);
    try {
      const r = await api.post<{ id: number; ms: number }>('/runs', { schemeId: run.schemeId, year: run.year, orgId: run.orgId });
      fb.success(t('run.created', { id: r.id, time: fmtMs(r.ms) }));
      setPublishError(null);
      navigate(`/runs/${r.id}`);
    } catch (err) {
      fb.error(err);
    } finally {
      setRerunning(false);
    }
  };

  const exportExcel = async () => {
    setExporting(true);
    try {
      await download(`/runs/${run.id}/export`, query, `${run.year}年度考评结果.xlsx`);
    } catch (err) {
      fb.error(err);
    } finally {
      setExporting(false);
    }
  };

  const onTableChange = (p: TablePaginationConfig) => update({ page: p.current ?? 1, pageSize: p.pageSize ?? state.pageSize });
  const gradeCodes = [...run.bands].reverse();
  const classes = Object.entries(s.classification ?? {});

  const buttons = (
    <Space wrap>
      {can('run.manage') && <Button icon={<RedoOutlined />} loading={rerunning} onClick={() => void rerun()} data-testid="run-rerun">{t('run.rerun')}</Button>}
      {can('export') && <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportExcel()} data-testid="run-export">{t('common.export')}</Button>}
      {run.actions.includes('publish') && <Button type="primary" icon={<CheckCircleOutlined />} loading={publishing} onClick={publish} data-testid="run-publish">{t('run.publish')}</Button>}
    </Space>
  );

  const stat = (key: string, title: string, value: string | number, extra?: ReactNode) => (
    <Col xs={12} sm={8} lg={6} xl={4} key={key}>
      <Card size="small" style={{ height: '100%' }} data-testid={`run-stat-${key}`}>
        <Statistic title={title} value={value} />
        {extra && <div style={{ marginTop: 4, fontSize: 12 }}>{extra}</div>}
      </Card>
    </Col>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="run-page">
      <Card data-testid="run-header"
        title={<Space wrap size={4}>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/runs')} aria-label={t('common.back')} />
          <span>{t('run.titleN', { id: run.id })}</span>
          <RunStatusTag run={run} t={t} />
        </Space>}
        extra={wide && buttons}>
        {!wide && <div style={{ marginBottom: 12 }}>{buttons}</div>}
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          <Typography.Text strong>{run.schemeName}</Typography.Text>
          <Typography.Text type="secondary">{t('run.headerLine', { year: run.year, org: run.orgName, v: run.version })}</Typography.Text>
        </Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('run.createdLine', { at: formatTime(run.createdAt), by: run.createdByName ?? '', time: fmtMs(run.ms) })}
          {run.publishedAt && ` · ${t('run.publishedLine', { at: formatTime(run.publishedAt), by: run.publishedByName ?? '' })}`}
        </Typography.Text>
        {publishError && (
          <Alert type="error" showIcon style={{ marginTop: 12 }} title={t('run.publish.failed')} description={<span data-testid="run-publish-error">{publishError}</span>}
            closable={{ onClose: () => setPublishError(null) }}
            action={<Space orientation="vertical" size={4}>
              <Button size="small" onClick={() => navigate(`/points?${new URLSearchParams({ schemeId: String(run.schemeId), year: String(run.year), orgId: String(run.orgId), status: 'pending' }).toString()}`)}
                data-testid="run-publish-pending">{t('run.publish.toPending')}</Button>
              {can('run.manage') && <Button size="small" onClick={() => void rerun()}>{t('run.rerun')}</Button>}
            </Space>} />
        )}
        {comparing && (
          <Alert type="info" showIcon style={{ marginTop: 12 }} data-testid="run-compare"
            title={t('run.compareInfo', { id: run.comparesWith ?? '', n: run.changed ?? 0 })}
            action={<Button size="small" onClick={() => navigate(`/runs/${run.comparesWith}`)}>{t('run.openPublished')}</Button>} />
        )}
        {run.status === 'published' && <Alert type="success" showIcon style={{ marginTop: 12 }} title={t('run.frozen', { year: run.year })}
          action={<Button size="small" onClick={() => navigate('/tasks')}>{t('run.toTasks')}</Button>} />}
      </Card>

      <Row gutter={[12, 12]}>
        {stat('subjects', t('run.subjects'), run.subjects, s.ungraded ? <Typography.Text type="secondary">{t('run.ungradedN', { n: s.ungraded })}</Typography.Text> : undefined)}
        {stat('entries', t('run.entriesCounted'), run.entries.toLocaleString(), <Typography.Text type="secondary">{t('run.ledgerSum', { sum: fmtPoints(run.ledgerSum) })}</Typography.Text>)}
        {stat('awards', t('run.awards'), fmtMoney(s.awards, lang))}
        {stat('tasks', run.status === 'published' ? t('run.tasksOpened') : t('run.tasksToOpen'), s.tasks)}
        {stat('quota', t('run.quotaN'), s.quotaAdjusted)}
        <Col xs={12} sm={8} lg={6} xl={4}>
          <Card size="small" style={{ height: '100%' }} data-testid="run-stat-hash">
            <Statistic title={t('run.hash')} value={run.resultHash.slice(0, 12)} styles={{ content: { fontFamily: 'monospace', fontSize: 18 } }} />
            <Typography.Text copyable={{ text: run.resultHash }} type="secondary" style={{ fontSize: 12 }}>{t('run.hashHint')}</Typography.Text>
          </Card>
        </Col>
      </Row>

      <Card size="small" title={t('run.gradeCounts')} data-testid="run-grade-counts">
        <Space wrap size={[8, 8]}>
          {gradeCodes.map((b) => (
            <div key={b.code} role="button" tabIndex={0} onClick={() => update({ grade: b.code })} onKeyDown={(e) => { if (e.key === 'Enter') update({ grade: b.code }); }}
              style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '4px 10px', cursor: 'pointer', background: filters.grade === b.code ? '#fff1f0' : '#fafafa' }}
              data-testid={`run-grade-${b.code}`}>
              <GradeTag code={b.code} bands={run.bands} t={t} /><b data-testid={`run-grade-count-${b.code}`}>{s.grades[b.code] ?? 0}</b>
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>{b.interval}</Typography.Text>
            </div>
          ))}
          {s.grades['—'] ? <div style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '4px 10px', background: '#fafafa' }}><Tag>{t('run.ungraded')}</Tag><b>{s.grades['—']}</b></div> : null}
          {classes.map(([k, n]) => (
            <div key={k} style={{ border: '1px solid #ffccc7', borderRadius: 6, padding: '4px 10px', background: '#fff1f0' }} data-testid={`run-class-${k}`}>
              {t(`run.class.${k as '先进' | '中间' | '后进'}`)} <b>{n}</b>
            </div>
          ))}
        </Space>
      </Card>

      <RunChartsPanel run={run} charts={charts} onGrade={(c) => update({ grade: c })} onChild={(orgId) => update({ orgId })} />

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          {charts ? <RankList title={t('run.top10')} rows={charts.top} run={run} onOpen={setOpen} testId="run-top" /> : <Card size="small" title={t('run.top10')}><Empty /></Card>}
        </Col>
        <Col xs={24} lg={12}>
          {charts ? <RankList title={t('run.bottom10')} rows={charts.bottom} run={run} onOpen={setOpen} testId="run-bottom" /> : <Card size="small" title={t('run.bottom10')}><Empty /></Card>}
        </Col>
      </Row>

      <Card title={t('run.results')} data-testid="run-results">
        <Space wrap style={{ marginBottom: 16 }}>
          <Select allowClear value={filters.grade} onChange={(v?: string) => update({ grade: v })} placeholder={t('run.grade')} style={{ width: 140 }} data-testid="run-filter-grade"
            options={gradeCodes.map((b) => ({ value: b.code, label: b.name }))} />
          <OrgTreeSelect value={filters.orgId ? Number(filters.orgId) : undefined} onChange={(v) => update({ orgId: v })} placeholder={t('points.allOrgs')}
            style={{ width: 220, maxWidth: '100%' }} data-testid="run-filter-org" />
          <Input.Search allowClear placeholder={t('points.searchName')} value={search} onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => update({ q: v.trim() })} style={{ width: 180 }} data-testid="run-filter-q" />
          {comparing && (
            <Space size={6}>
              <Switch checked={filters.changed === '1'} onChange={(on) => update({ changed: on ? '1' : undefined })} data-testid="run-filter-changed" />
              <span>{t('run.onlyChanged')}</span>
            </Space>
          )}
          <Button icon={<ReloadOutlined />} onClick={() => { setSearch(''); reset(); }}>{t('common.reset')}</Button>
        </Space>
        <Table<RunResultRow> rowKey="subjectId" size="middle" loading={loading} dataSource={results.items} data-testid="run-results-table"
          scroll={{ x: comparing ? 1400 : 1200 }} onChange={onTableChange}
          onRow={(r) => withTestId({ onClick: () => setOpen(r.subjectId), style: { cursor: 'pointer' } }, `result-row-${r.subjectId}`)}
          pagination={{ current: state.page, pageSize: state.pageSize, total: results.total, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100], showTotal: (n) => t('common.total', { n }) }}
          columns={[
            { title: t('run.rank'), dataIndex: 'rank', width: 70, fixed: wide ? 'left' as const : undefined,
              render: (v: number, r) => <Tooltip title={t('run.groupRank', { n: r.groupRank })}>{v}</Tooltip> },
            { title: t('run.name'), dataIndex: 'name', width: 110, fixed: wide ? 'left' as const : undefined, render: (v: string) => <a>{v}</a> },
            { title: t('common.org'), dataIndex: 'orgName', ellipsis: true, width: 180 },
            ...(run.tiers.length ? [{ title: t('run.tier'), dataIndex: 'tier', width: 130, ellipsis: true, render: (v: string | null) => tierName(v) }] : []),
            { title: t('run.total'), dataIndex: 'total', width: 80, align: 'right' as const, render: (v: number) => <b>{fmtPoints(v)}</b> },
            { title: t('run.grade'), dataIndex: 'grade', width: 100, render: (v: string | null) => <GradeTag code={v} bands={run.bands} t={t} /> },
            { title: t('run.quotaAdjusted'), dataIndex: 'quotaAdjusted', width: 130,
              render: (v: boolean, r) => (v ? <Tooltip title={t('run.quotaFrom', { from: run.bands.find((b) => b.code === r.scoreGrade)?.name ?? '' })}><Tag color="magenta" data-testid={`result-quota-${r.subjectId}`}>{t('run.quotaTag')}</Tag></Tooltip> : '') },
            { title: t('run.award'), dataIndex: 'award', width: 100, align: 'right' as const, render: (v: number) => (v ? fmtMoney(v, lang) : '') },
            { title: t('run.actionsFlags'), key: 'actions', width: 240,
              render: (_v, r) => (
                <Space size={[4, 4]} wrap>
                  {r.actions.map((a) => <Tag key={a}>{a}</Tag>)}
                  {r.flags.map((f) => <Tag key={f} color={f === 'ungraded' ? 'default' : 'volcano'}>{flagText(f, run, t)}</Tag>)}
                </Space>
              ) },
            ...(comparing ? [
              { title: t('run.publishedTotal'), dataIndex: 'publishedTotal', width: 100, align: 'right' as const,
                render: (v: number | null, r: RunResultRow) => (v === null ? <Tag color="cyan">{t('run.newSubject')}</Tag>
                  : <span style={{ color: v !== r.total ? '#d46b08' : undefined }}>{fmtPoints(v)}</span>) },
              { title: t('run.publishedGrade'), dataIndex: 'publishedGrade', width: 110,
                render: (v: string | null, r: RunResultRow) => (r.publishedTotal === null ? '' : <GradeTag code={v} bands={run.bands} t={t} />) },
            ] : []),
          ]} />
      </Card>

      <ExplanationDrawer run={run} subjectId={open} dimensionName={dimensionName} onClose={() => setOpen(null)} />
    </Space>
  );
}
