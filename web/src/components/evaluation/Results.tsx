/**
 * 评议结果: after the count, each graded member's counts per constituency and grade, the score, the
 * grade and the reasons the rule gave, with a chart of the counts and 导出Excel.
 */
import { useState } from 'react';
import { Button, Card, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { download } from '../../api.ts';
import { useFeedback } from '../../feedback.ts';
import { useLang, useT, valueLabel } from '../../i18n.ts';
import { withTestId } from '../../testid.ts';
import { ResultsChart } from './Charts.tsx';
import { CONSTITUENCIES, GradeTag, constituencyLabel } from './shared.tsx';
import type { CampaignDetail, ResultRow } from './types.ts';

/** The results card (shown when the API sends results: to the manager after the count, to every reader once published). */
export function ResultsCard({ detail }: { detail: CampaignDetail }) {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const [exporting, setExporting] = useState(false);
  const results = detail.results ?? [];
  const exportExcel = async () => {
    setExporting(true);
    try {
      await download(`/eval/campaigns/${detail.id}/results/export`, undefined, `${detail.name}.xlsx`);
    } catch (err) {
      fb.error(err);
    } finally {
      setExporting(false);
    }
  };
  const columns: TableColumnsType<ResultRow> = [
    { title: t('eval.member'), dataIndex: 'name', width: 100, fixed: 'left' },
    ...CONSTITUENCIES.map((c) => ({
      title: constituencyLabel(c, t),
      children: detail.grades.map((g) => ({
        title: valueLabel(g, lang), key: `${c}-${g}`, width: 64, align: 'right' as const,
        render: (_v: unknown, r: ResultRow) => <span data-testid={`eval-result-count-${r.memberId}-${c}-${g}`}>{r.counts[c]?.[g] ?? 0}</span>,
      })),
    })),
    { title: t('eval.score'), dataIndex: 'score', width: 80, align: 'right',
      render: (v: number | null, r) => <span data-testid={`eval-result-score-${r.memberId}`}>{v ?? '—'}</span> },
    { title: t('eval.grade'), dataIndex: 'grade', width: 110, render: (v: string | null, r) => <GradeTag grade={v} testId={`eval-result-grade-${r.memberId}`} /> },
    { title: t('eval.reasons'), dataIndex: 'reasons', width: 380,
      render: (v: string[], r) => (
        <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid={`eval-result-reasons-${r.memberId}`}>
          {v.map((x, i) => <li key={i}>{x}</li>)}
        </ul>
      ) },
  ];
  return (
    <Card size="small" title={t('eval.results')} data-testid="eval-results-card"
      extra={<Space wrap>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{detail.state === 'published' ? t('eval.results.published') : t('eval.results.notYet')}</Typography.Text>
        <Button size="small" icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportExcel()} data-testid="eval-results-export">{t('eval.results.export')}</Button>
      </Space>}>
      <Table<ResultRow> rowKey="memberId" size="small" bordered pagination={false} dataSource={results} columns={columns} data-testid="eval-results"
        scroll={{ x: 700 + detail.grades.length * 128 }} onRow={(r) => withTestId({}, `eval-result-${r.memberId}`)} />
      {results.length > 0 && <div style={{ marginTop: 16 }}><ResultsChart results={results} grades={detail.grades} /></div>}
    </Card>
  );
}
