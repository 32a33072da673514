/** A review meeting's prepared agenda: the counts, a bar of open and overdue by category, the overdue and open lists, recurring issues, the last meeting's decisions. */
import { useMemo } from 'react';
import { Card, Col, Empty, List, Row, Statistic, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT, type MsgKey } from '../../i18n.ts';
import { EChart, type ChartOption } from '../EChart.tsx';
import { DueDate, LevelTag, StateTag, type Level, type RequestState } from './shared.tsx';

export type AgendaItem = { id: number; trackingCode: string; title: string; categoryName: string; gridName: string | null; state: RequestState; level: Level | null; dueOn: string | null; raisedOn: string; overdue: boolean };
export type Decision = { requestId?: number | null; text: string };
/** GET /requests/agenda */
export type AgendaData = {
  level: Level; orgId: number; gridId: number | null; on: string; period: { start: string; end: string };
  counts: { open: number; overdue: number; raised: number; fixed: number; notFixed: number; confirmed: number; satisfaction: number | null };
  overdue: AgendaItem[]; open: AgendaItem[];
  recurring: { categoryId: number; categoryName: string; gridId: number | null; gridName: string | null; count: number; open: number }[];
  lastMeeting: { id: number; heldOn: string; decisions: Decision[] } | null;
  canHold: boolean;
};

const COUNTS = ['open', 'overdue', 'raised', 'fixed', 'notFixed', 'confirmed'] as const;

/** The agenda. */
export function Agenda({ a }: { a: AgendaData }) {
  const t = useT();
  const byId = useMemo(() => new Map([...a.open, ...a.overdue].map((x) => [x.id, x])), [a]);
  const option = useMemo<ChartOption>(() => {
    const cats = [...new Set(a.open.map((x) => x.categoryName))];
    return {
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 16, top: 36, bottom: 40 },
      xAxis: { type: 'category', data: cats, axisLabel: { interval: 0, rotate: cats.length > 3 ? 30 : 0 } }, yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('rv.count.open'), type: 'bar', data: cats.map((c) => a.open.filter((x) => x.categoryName === c).length) },
        { name: t('rv.count.overdue'), type: 'bar', color: '#cf1322', data: cats.map((c) => a.open.filter((x) => x.categoryName === c && x.overdue).length) },
      ],
    };
  }, [a, t]);
  const columns = [
    { title: t('rq.code'), dataIndex: 'trackingCode', width: 130, render: (v: string, r: AgendaItem) => <Link to={`/requests/${r.id}`}>{v}</Link> },
    { title: t('rq.titleField'), dataIndex: 'title', ellipsis: true },
    { title: t('rq.category'), dataIndex: 'categoryName', width: 100, responsive: ['md' as const] },
    { title: t('rq.grid'), dataIndex: 'gridName', width: 110, responsive: ['md' as const], render: (v: string | null) => v ?? '—' },
    { title: t('rq.state'), dataIndex: 'state', width: 150, render: (v: RequestState, r: AgendaItem) => <StateTag state={v} overdue={r.overdue} t={t} /> },
    { title: t('rq.level'), dataIndex: 'level', width: 80, responsive: ['md' as const], render: (v: Level | null) => <LevelTag level={v} t={t} /> },
    { title: t('rq.dueOn'), dataIndex: 'dueOn', width: 110, render: (v: string | null, r: AgendaItem) => <DueDate dueOn={v} overdue={r.overdue} /> },
  ];

  return (
    <div data-testid="rv-agenda" data-period={`${a.period.start}..${a.period.end}`}>
      <Typography.Title level={5} data-testid="rv-period">{t('rv.agenda', { start: a.period.start, end: a.period.end })}</Typography.Title>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {COUNTS.map((k) => (
          <Col key={k} xs={12} sm={8} md={6} lg={3}>
            <Card size="small"><Statistic title={t(`rv.count.${k}` as MsgKey)} value={a.counts[k]} valueStyle={k === 'overdue' && a.counts.overdue > 0 ? { color: '#cf1322' } : undefined}
              formatter={(v) => <span data-testid={`rv-count-${k}`} data-value={a.counts[k]}>{v}</span>} /></Card>
          </Col>
        ))}
        <Col xs={12} sm={8} md={6} lg={3}>
          <Card size="small"><Statistic title={t('rv.count.satisfaction')} value={a.counts.satisfaction ?? '—'} precision={a.counts.satisfaction ? 2 : undefined} /></Card>
        </Col>
      </Row>
      {a.open.length > 0 && <Card size="small" title={t('rv.chart')} style={{ marginBottom: 16 }}><EChart option={option} testId="rv-chart" style={{ height: 260 }} /></Card>}
      <Typography.Title level={5}>{t('rv.overdueList')}</Typography.Title>
      <Table<AgendaItem> rowKey="id" size="small" dataSource={a.overdue} columns={columns} pagination={false} scroll={{ x: 560 }} data-testid="rv-overdue" style={{ marginBottom: 16 }} />
      <Typography.Title level={5}>{t('rv.openList')}</Typography.Title>
      <Table<AgendaItem> rowKey="id" size="small" dataSource={a.open} columns={columns} pagination={{ pageSize: 10, showSizeChanger: false }} scroll={{ x: 560 }} data-testid="rv-open" style={{ marginBottom: 16 }} />
      <Typography.Title level={5}>{t('rv.recurring')}</Typography.Title>
      <Table rowKey={(r) => `${r.categoryId}-${r.gridId ?? 'c'}`} size="small" dataSource={a.recurring} pagination={false} data-testid="rv-recurring" style={{ marginBottom: 16 }}
        columns={[
          { title: t('rq.category'), dataIndex: 'categoryName' },
          { title: t('rq.grid'), dataIndex: 'gridName', render: (v: string | null) => v ?? '—' },
          { title: t('rv.recurring.count'), dataIndex: 'count', width: 80 },
          { title: t('rv.recurring.open'), dataIndex: 'open', width: 80 },
        ]} />
      {a.lastMeeting ? (
        <Card size="small" title={t('rv.last', { d: a.lastMeeting.heldOn })} data-testid="rv-last">
          <List size="small" dataSource={a.lastMeeting.decisions} renderItem={(x, i) => (
            <List.Item key={i}>{x.text}{x.requestId ? <Typography.Text type="secondary">（{byId.get(x.requestId)?.trackingCode ?? `#${x.requestId}`}）</Typography.Text> : null}</List.Item>
          )} />
        </Card>
      ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rv.noLast')} />}
    </div>
  );
}
