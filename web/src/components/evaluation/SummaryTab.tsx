/**
 * 年度汇总: a year's counted and published campaigns under an organisation, recounted from the
 * opened ballots (GET /eval/summary): how many campaigns and graded members, members per grade, a
 * chart and a table by organisation, a warning when the recount disagrees with the stored results,
 * and 导出Excel.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Empty, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { api, download } from '../../api.ts';
import { useFeedback } from '../../feedback.ts';
import { useLang, useT, valueLabel } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { withTestId } from '../../testid.ts';
import { OrgTreeSelect } from '../OrgTreeSelect.tsx';
import { SummaryChart } from './Charts.tsx';
import { EvalStateTag, GRADE_SET_GRADES, GradeTag } from './shared.tsx';
import type { Summary, SummaryItem } from './types.ts';

/** Roles that read campaigns: the first one's organisation is where the summary starts. */
const EVAL_READ_ROLES = ['county_admin', 'street_admin', 'community_admin', 'branch_secretary', 'inspector'];
const UNGRADED = '未评定';

/** One organisation's row: its campaigns of the year and their members per grade, summed. */
type OrgRow = { orgId: number; orgName: string; campaigns: SummaryItem[]; members: number; grades: Record<string, number>; mismatches: number };

/** Sums the campaigns by organisation, in the API's order (by organisation name). */
function byOrg(items: SummaryItem[]): OrgRow[] {
  const rows = new Map<number, OrgRow>();
  for (const c of items) {
    const r = rows.get(c.orgId) ?? { orgId: c.orgId, orgName: c.orgName, campaigns: [], members: 0, grades: {}, mismatches: 0 };
    r.campaigns.push(c);
    r.members += c.members;
    r.mismatches += c.mismatches;
    for (const [g, n] of Object.entries(c.grades)) r.grades[g] = (r.grades[g] ?? 0) + n;
    rows.set(c.orgId, r);
  }
  return [...rows.values()];
}

/** The tab. */
export function SummaryTab() {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const navigate = useNavigate();
  const { me } = useSession();
  const thisYear = new Date().getFullYear();
  const [orgId, setOrgId] = useState<number | undefined>(() => me?.grants.find((g) => EVAL_READ_ROLES.includes(g.role))?.orgId);
  const [year, setYear] = useState(thisYear);
  const [data, setData] = useState<Summary | null>(null);
  const [loading, setLoading] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    setData(null);
    if (!orgId) return undefined;
    const ctrl = new AbortController();
    setLoading(true);
    api.get<Summary>('/eval/summary', { orgId, year }, ctrl.signal)
      .then(setData)
      .catch((err: unknown) => fb.error(err))
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [orgId, year, tick, fb]);

  const rows = useMemo(() => byOrg(data?.items ?? []), [data]);
  // every grade of the five, and 未评定 only when some member has none
  const grades = useMemo(() => [...GRADE_SET_GRADES.seed003, ...(data?.byGrade[UNGRADED] ? [UNGRADED] : [])], [data]);
  const gradeLabel = (g: string) => (g === UNGRADED ? t('eval.summary.ungraded') : valueLabel(g, lang));

  const exportExcel = async () => {
    if (!orgId) return;
    setExporting(true);
    try {
      await download('/eval/summary/export', { orgId, year }, `${year}-evaluation-summary.xlsx`);
    } catch (err) {
      fb.error(err);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<OrgRow> = [
    { title: t('eval.org'), dataIndex: 'orgName', width: 150, fixed: 'left', render: (v: string, r) => <span data-testid={`eval-summary-org-name-${r.orgId}`}>{v}</span> },
    { title: t('eval.summary.campaignNames'), key: 'campaigns', width: 260,
      render: (_v, r) => (
        <Space orientation="vertical" size={2} data-testid={`eval-summary-org-campaigns-${r.orgId}`} data-count={r.campaigns.length}>
          {r.campaigns.map((c) => (
            <span key={c.id}>
              <a onClick={() => navigate(`/evaluation/${c.id}`)} data-testid={`eval-summary-campaign-${c.id}`}>{c.name}</a>{' '}
              <EvalStateTag state={c.state} t={t} />
              {c.mismatches > 0 && <Tag color="error">{t('eval.summary.checkBad', { n: c.mismatches })}</Tag>}
            </span>
          ))}
        </Space>
      ) },
    { title: t('eval.summary.members'), dataIndex: 'members', width: 90, align: 'right',
      render: (v: number, r) => <span data-testid={`eval-summary-org-members-${r.orgId}`}>{v}</span> },
    ...grades.map((g) => ({
      title: gradeLabel(g), key: g, width: 76, align: 'right' as const,
      render: (_v: unknown, r: OrgRow) => <span data-testid={`eval-summary-org-${r.orgId}-${g}`}>{r.grades[g] ?? 0}</span>,
    })),
    { title: t('eval.summary.check'), dataIndex: 'mismatches', width: 100,
      render: (v: number, r) => <Tag color={v ? 'error' : 'success'} data-testid={`eval-summary-org-check-${r.orgId}`} data-mismatches={v}>
        {v ? t('eval.summary.checkBad', { n: v }) : t('eval.summary.checkOk')}
      </Tag> },
  ];

  return (
    <div data-testid="eval-summary">
      <Space wrap style={{ marginBottom: 16 }}>
        <OrgTreeSelect value={orgId} onChange={(id) => setOrgId(id)} allowClear={false} placeholder={t('eval.summary.chooseOrg')}
          style={{ width: 260, maxWidth: '100%' }} data-testid="eval-summary-org" />
        <Select value={year} onChange={(v: number) => setYear(v)} style={{ width: 130 }} aria-label={t('eval.year')} data-testid="eval-summary-year"
          options={Array.from({ length: 6 }, (_, i) => thisYear + 1 - i).map((y) => ({ value: y, label: t('eval.yearN', { y }) }))} />
        <Button icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)} aria-label={t('common.refresh')} data-testid="eval-summary-reload" />
        <Button icon={<DownloadOutlined />} disabled={!data} loading={exporting} onClick={() => void exportExcel()} data-testid="eval-summary-export">{t('eval.summary.export')}</Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>{t('eval.summary.hint')}</Typography.Paragraph>
      {!orgId && <Empty description={t('eval.summary.chooseOrg')} />}
      {orgId && loading && !data && <Card loading variant="borderless" />}
      {data && (
        <div data-testid="eval-summary-body" data-year={data.year} data-org={data.org.id}>
          {data.mismatches > 0
            ? <Alert type="error" showIcon style={{ marginBottom: 16 }} data-testid="eval-summary-mismatch" data-mismatches={data.mismatches}
                title={t('eval.summary.mismatch', { n: data.mismatches })} description={t('eval.summary.mismatchText')} />
            : data.campaigns > 0 && <Alert type="success" showIcon style={{ marginBottom: 16 }} data-testid="eval-summary-consistent" title={t('eval.summary.consistent')} />}
          <Space wrap size={[32, 12]} style={{ marginBottom: 16 }}>
            <Statistic title={t('eval.summary.campaigns')} value={data.campaigns} valueRender={() => <span data-testid="eval-summary-campaigns">{data.campaigns}</span>} />
            <Statistic title={t('eval.summary.members')} value={data.members} valueRender={() => <span data-testid="eval-summary-members">{data.members}</span>} />
            {grades.map((g) => (
              <Statistic key={g} title={g === UNGRADED ? t('eval.summary.ungraded') : <GradeTag grade={g} />} value={data.byGrade[g] ?? 0}
                valueRender={() => <span data-testid={`eval-summary-grade-${g}`}>{data.byGrade[g] ?? 0}</span>} />
            ))}
          </Space>
          {data.campaigns === 0 ? <Empty description={t('eval.summary.empty', { y: data.year })} data-testid="eval-summary-empty" /> : (
            <>
              <SummaryChart bars={rows.map((r) => ({ name: r.orgName, grades: r.grades }))} grades={grades} />
              <Table<OrgRow> rowKey="orgId" size="small" bordered pagination={false} dataSource={rows} columns={columns} data-testid="eval-summary-table"
                style={{ marginTop: 16 }} scroll={{ x: 700 + grades.length * 76 }}
                onRow={(r) => withTestId({ style: r.mismatches ? { background: '#fff1f0' } : undefined }, `eval-summary-org-${r.orgId}`)} />
            </>
          )}
        </div>
      )}
    </div>
  );
}
