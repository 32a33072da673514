/**
 * 得分说明: how one subject's total and grade were reached (GET /runs/:id/results/:subjectId) —
 * the base score and each dimension line, every entry of the year counted or not, the grade
 * reason with its band interval, a quota adjustment, multi-year rules, and whether the total
 * recomputed from the ledger now matches the stored one.
 */
import { useEffect, useState } from 'react';
import { Alert, Descriptions, Drawer, Space, Spin, Table, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, WarningFilled } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useFeedback } from '../../feedback.ts';
import { withTestId } from '../../testid.ts';
import { useLang, useT } from '../../i18n.ts';
import { EntryStatusTag, GradeTag, PointsText, fmtMoney, fmtPoints, signed, useDrawerSize } from './shared.tsx';
import type { Explanation, RunDetail } from './types.ts';

type Props = {
  run: RunDetail;
  subjectId: number | null;
  dimensionName: (code: string) => string;
  onClose: () => void;
};

/** The explanation drawer. */
export function ExplanationDrawer({ run, subjectId, dimensionName, onClose }: Props) {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const size = useDrawerSize(820);
  const [data, setData] = useState<Explanation | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (subjectId === null) { setData(null); return undefined; }
    const ctrl = new AbortController();
    setLoading(true);
    api.get<Explanation>(`/runs/${run.id}/results/${subjectId}`, undefined, ctrl.signal)
      .then(setData)
      .catch((err: unknown) => fb.error(err))
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [run.id, subjectId, fb]);

  const d = data && data.result.subjectId === subjectId ? data : null;
  const r = d?.result;
  const tierName = (c: string | null) => (c ? run.tiers.find((x) => x.code === c)?.name ?? c : '');
  const counted = d ? d.entries.filter((e) => e.counted) : [];
  const countedSum = counted.reduce((n, e) => n + Math.round(e.points * 100), 0) / 100;
  const lineLabel = (l: Explanation['lines'][number]) => (l.kind === 'base' ? t('run.explain.base') : l.kind === 'clamp' ? t('run.explain.clamp') : l.label);

  return (
    <Drawer open={subjectId !== null} onClose={onClose} size={size} data-testid="run-explain"
      title={r ? t('run.explain.title', { name: r.name }) : t('run.explain.titleEmpty')}>
      <Spin spinning={loading}>
        {d && r && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }} data-testid="run-explain-summary" items={[
              { key: 'name', label: run.subject === 'member' ? t('points.member') : t('points.orgSubject'), children: r.name },
              { key: 'org', label: t('common.org'), children: r.orgName },
              ...(r.tier ? [{ key: 'tier', label: t('run.tier'), children: tierName(r.tier) }] : []),
              { key: 'rank', label: t('run.rank'), children: t('run.rankText', { rank: r.rank, group: r.groupRank }) },
              { key: 'total', label: t('run.total'), children: <Typography.Text strong data-testid="run-explain-total">{fmtPoints(r.total)}</Typography.Text> },
              { key: 'grade', label: t('run.grade'), children: <GradeTag code={r.grade} bands={run.bands} t={t} /> },
              ...(r.award ? [{ key: 'award', label: t('run.award'), children: fmtMoney(r.award, lang) }] : []),
              ...(r.actions.length ? [{ key: 'actions', label: t('run.actions'), children: r.actions.map((a) => <Tag key={a}>{a}</Tag>) }] : []),
              ...(run.comparesWith ? [{ key: 'pub', label: t('run.published'), children: r.publishedTotal === null ? t('run.notInPublished') : <>{fmtPoints(r.publishedTotal)} <GradeTag code={r.publishedGrade} bands={run.bands} t={t} /></> }] : []),
            ]} />

            <div>
              <Typography.Title level={5}>{t('run.explain.score')}</Typography.Title>
              <Table size="small" pagination={false} rowKey={(l) => `${l.kind}-${l.label}`} dataSource={d.lines} data-testid="run-explain-lines"
                columns={[
                  { title: t('run.explain.item'), key: 'label', render: (_v, l) => lineLabel(l) },
                  { title: t('points.points'), dataIndex: 'points', width: 100, align: 'right',
                    render: (v: number, l) => (l.kind === 'base' ? <b>{fmtPoints(v)}</b> : <PointsText value={v} />) },
                  { title: t('run.explain.note'), dataIndex: 'note', render: (v?: string) => v ?? '' },
                ]}
                summary={() => (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}><b>{t('run.total')}</b></Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right"><b>{fmtPoints(d.recomputedTotal)}</b></Table.Summary.Cell>
                    <Table.Summary.Cell index={2}>
                      {d.matches
                        ? <Typography.Text type="success" data-testid="run-explain-match"><CheckCircleFilled /> {t('run.explain.matches', { total: fmtPoints(r.total) })}</Typography.Text>
                        : <Typography.Text type="danger" data-testid="run-explain-match"><CloseCircleFilled /> {t('run.explain.mismatch', { total: fmtPoints(r.total), now: fmtPoints(d.recomputedTotal) })}</Typography.Text>}
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                )} />
              {!d.matches && <Alert type="warning" showIcon icon={<WarningFilled />} style={{ marginTop: 8 }} title={t('run.explain.mismatchHint')} />}
            </div>

            <div data-testid="run-explain-grade">
              <Typography.Title level={5}>{t('run.explain.grade')}</Typography.Title>
              <Descriptions bordered size="small" column={1} items={[
                { key: 'reason', label: t('run.explain.reason'), children: d.reason },
                ...(d.band ? [{ key: 'band', label: t('run.explain.band'), children: <>{d.band.name} <Typography.Text code>{d.band.interval}</Typography.Text></> }] : []),
                ...(r.quotaAdjusted ? [{ key: 'quota', label: t('run.quotaAdjusted'), children: (
                  <span data-testid="run-explain-quota">{t('run.explain.quota', { from: run.bands.find((b) => b.code === r.scoreGrade)?.name ?? r.scoreGrade ?? '', to: run.bands.find((b) => b.code === r.grade)?.name ?? r.grade ?? '' })}</span>
                ) }] : []),
                { key: 'multi', label: t('run.explain.multiYear'), children: d.multiYear.length
                  ? <Space orientation="vertical" size={2} data-testid="run-explain-multiyear">{d.multiYear.map((m) => <Typography.Text key={m} type="danger">{m}</Typography.Text>)}</Space>
                  : <Typography.Text type="secondary">{t('run.explain.noMultiYear')}</Typography.Text> },
              ]} />
            </div>

            <div>
              <Typography.Title level={5}>
                {t('run.explain.entries', { n: d.entries.length, counted: counted.length })}
                <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal', marginInlineStart: 8 }}>{t('run.explain.countedSum', { sum: signed(countedSum) })}</Typography.Text>
              </Typography.Title>
              <Table size="small" rowKey="id" dataSource={d.entries} data-testid="run-explain-entries" scroll={{ x: 760 }}
                pagination={{ pageSize: 50, hideOnSinglePage: true, size: 'small' }}
                rowClassName={(e) => (e.counted ? '' : 'xf-entry-void')}
                onRow={(e) => withTestId({}, `explain-entry-${e.id}`)}
                columns={[
                  { title: t('points.date'), dataIndex: 'occurredOn', width: 100 },
                  { title: t('points.indicator'), dataIndex: 'indicatorName', ellipsis: true },
                  { title: t('points.dimension'), dataIndex: 'dimension', width: 120, ellipsis: true, render: (v: string) => (v ? dimensionName(v) : '') },
                  { title: t('points.points'), dataIndex: 'points', width: 70, align: 'right', render: (v: number) => <PointsText value={v} /> },
                  { title: t('common.status'), dataIndex: 'status', width: 86, render: (v: Explanation['entries'][number]['status']) => <EntryStatusTag status={v} t={t} /> },
                  { title: t('run.explain.counted'), dataIndex: 'counted', width: 70, align: 'center',
                    render: (v: boolean) => (v ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <CloseCircleFilled style={{ color: '#bfbfbf' }} />) },
                  { title: t('points.evidence'), dataIndex: 'evidence', ellipsis: true, width: 140,
                    render: (v: string | null, e) => <>{e.correctsId ? <Tag color="purple">{t('points.correctsTag', { id: e.correctsId })}</Tag> : null}{v ?? ''}</> },
                ]} />
              <style>{'.xf-entry-void td { color: #8c8c8c; }'}</style>
            </div>
          </Space>
        )}
      </Spin>
    </Drawer>
  );
}
