/**
 * 历年星级: an organisation's published stars year by year (a step line and a table with the
 * document numbers and whether the level went up or down), from GET /stars/history.
 */
import { useEffect, useMemo, useState } from 'react';
import { Empty, Table, Tag } from 'antd';
import { api } from '../../api.ts';
import { useFeedback } from '../../feedback.ts';
import { useT } from '../../i18n.ts';
import { EChart } from '../EChart.tsx';
import type { ChartOption } from '../EChart.tsx';
import { Stars } from './shared.tsx';

/** 晋级 / 降级 / 保持 from one level to the next, or 首次评定 when there was none before. */
export function LevelChangeTag({ from, to }: { from: number | null; to: number }) {
  const t = useT();
  if (from === null) return <Tag>{t('stars.history.first')}</Tag>;
  if (to > from) return <Tag color="green" data-testid="star-change-up">{t('stars.history.up')}</Tag>;
  if (to < from) return <Tag color="orange" data-testid="star-change-down">{t('stars.history.down')}</Tag>;
  return <Tag data-testid="star-change-same">{t('stars.history.same')}</Tag>;
}

type Item = { year: number; level: number; docNumber: string | null; publishedAt: string | null };

/** The star history of one organisation; `year` marks the year of the application shown. */
export function StarHistory({ orgId, year }: { orgId: number; year: number }) {
  const t = useT();
  const fb = useFeedback();
  const [items, setItems] = useState<Item[] | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    api.get<{ items: Item[] }>('/stars/history', { orgId }, ctrl.signal)
      .then((r) => setItems(r.items))
      .catch((err: unknown) => { if (!(err instanceof DOMException && err.name === 'AbortError')) { fb.error(err); setItems([]); } });
    return () => ctrl.abort();
  }, [orgId, fb]);

  const option = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 36, right: 16, top: 16, bottom: 28 },
    xAxis: { type: 'category', data: (items ?? []).map((i) => String(i.year)) },
    yAxis: { type: 'value', min: 0, max: 5, interval: 1, name: '★' },
    series: [{ type: 'line', step: 'middle', name: t('stars.currentLevel'), data: (items ?? []).map((i) => i.level), itemStyle: { color: '#c8102e' }, label: { show: true } }],
  }), [items, t]);

  if (items === null) return <Table loading dataSource={[]} />;
  if (!items.length) return <Empty description={t('stars.history.none')} data-testid="star-history-empty" />;
  const rows = [...items].reverse();
  return (
    <div data-testid="star-history">
      {items.length > 1 && <EChart option={option} style={{ height: 180 }} testId="star-history-chart" />}
      <Table<Item> rowKey="year" size="small" pagination={false} dataSource={rows} scroll={{ x: 480 }}
        rowClassName={(r) => (r.year === year ? 'ant-table-row-selected' : '')}
        columns={[
          { title: t('stars.year'), dataIndex: 'year', width: 90, render: (y: number) => t('stars.yearN', { y }) },
          { title: t('stars.currentLevel'), dataIndex: 'level', width: 140, render: (v: number, r) => <span data-testid={`star-history-level-${r.year}`}><Stars value={v} /></span> },
          { title: t('stars.history.change'), key: 'change', width: 90, render: (_v, r) => <LevelChangeTag from={items.find((i) => i.year === r.year - 1)?.level ?? null} to={r.level} /> },
          { title: t('stars.docNumber'), dataIndex: 'docNumber', render: (v: string | null) => v ?? '' },
        ]} />
    </div>
  );
}
