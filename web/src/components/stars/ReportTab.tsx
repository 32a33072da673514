/**
 * 年度通报: the year-end results of a county, or of a street or community in one, as a document: the
 * title, a summary against the targets, the organisations by level (five stars first) with last
 * year's level and the change, the five-star organisations to commend, and the 创新奖 when the
 * standard has one or any was given. 打印 prints the document alone (print CSS hides the menu,
 * header, tabs and buttons); 导出Excel downloads it.
 */
import type { ReactNode } from 'react';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useT } from '../../i18n.ts';
import { withTestId } from '../../testid.ts';
import { levelText } from './shared.tsx';
import { ChangeTag, ExportButton, ProblemCard, Rich, below, pct, useResult, yuan } from './results.tsx';
import type { Award, ReportOrg, StarReport } from './types.ts';

/** While the results page is open, printing shows only the document. */
const PRINT_CSS = `
@media print {
  .ant-layout-sider, .ant-layout-header, .ant-layout-footer, .ant-tabs-nav, .ant-btn, .ant-message, .ant-notification, .no-print { display: none !important; }
  .ant-layout, .ant-layout-content, body { background: #fff !important; padding: 0 !important; margin: 0 !important; }
  .star-results-card, .star-report-doc { border: none !important; box-shadow: none !important; }
  .star-results-card > .ant-card-body { padding: 0 !important; }
  .star-report-doc .ant-card-body { padding: 0 !important; }
  .star-report-doc tr { break-inside: avoid; }
  .star-report-doc h2, .star-report-doc h3 { break-after: avoid; }
  @page { size: A4; margin: 18mm 16mm; }
}`;

/** A heading of the document. */
function Heading({ children }: { children: ReactNode }) {
  return <Typography.Title level={5} style={{ marginTop: 20 }}>{children}</Typography.Title>;
}

/** The 年度通报 tab; `toolbar` holds the scope and year pickers. */
export function ReportTab({ scopeId, year, toolbar }: { scopeId?: number; year: number; toolbar: ReactNode }) {
  const t = useT();
  const query = scopeId ? { orgId: scopeId, year } : null;
  const { data, problem, loading } = useResult<StarReport>('/stars/report', query);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="star-results-report">
      <Space wrap className="no-print" style={{ width: '100%', justifyContent: 'space-between' }}>
        {toolbar}
        <Space wrap>
          <Button icon={<PrinterOutlined />} disabled={!data} onClick={() => window.print()} data-testid="star-report-print">{t('stars.report.print')}</Button>
          <ExportButton path="/stars/report" query={query ?? {}} disabled={!data} name={`${year}年度评星晋级结果通报.xlsx`} testId="star-report-export" />
        </Space>
      </Space>
      {!data && <ProblemCard problem={problem} prompt={scopeId ? undefined : 'stars.results.chooseScopeHint'} hint="stars.results.scopeOnly" testId="star-report" />}
      {!data && loading && <Card loading />}
      {data && <ReportDoc r={data} loading={loading} />}
    </Space>
  );
}

/** The document itself. */
function ReportDoc({ r, loading }: { r: StarReport; loading: boolean }) {
  const t = useT();
  const count = (min: number) => r.byLevel.filter((b) => b.level >= min).reduce((n, b) => n + b.orgs.length, 0);
  const met = (v: number | null, target: number, id: string) => {
    const low = below(v, target);
    return <Typography.Text type={low ? 'danger' : 'success'} data-testid={id} data-below={low ? 'true' : 'false'}>{t(low ? 'stars.report.notMet' : 'stars.report.met')}</Typography.Text>;
  };
  const num = (id: string, v: ReactNode) => <Typography.Text strong data-testid={id}>{v}</Typography.Text>;

  return (
    <Card className="star-report-doc" loading={loading} data-testid="star-report-doc" data-county={r.county.id} data-scope={r.scope.id} data-year={r.year}
      styles={{ body: { maxWidth: 900, margin: '0 auto', fontSize: 15, lineHeight: 1.9 } }}>
      <style>{PRINT_CSS}</style>
      <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }} data-testid="star-report-title">
        {r.scope.kind === 'county' ? t('stars.report.title', { y: r.year }) : t('stars.report.scopedTitle', { name: r.scope.name, y: r.year })}
      </Typography.Title>
      <div style={{ textAlign: 'center', color: '#666', marginBottom: 20 }} data-testid="star-report-county">{r.county.name}</div>

      <Typography.Paragraph style={{ textIndent: '2em', fontSize: 15 }} data-testid="star-report-summary">
        <Rich k="stars.report.summary" parts={{
          county: r.scope.name,
          y: r.year,
          communities: num('star-report-communities', r.communities),
          rated: num('star-report-count', r.rated),
          three: num('star-report-three-count', count(3)),
          threeShare: num('star-report-three-share', pct(r.threePlusShare)),
          threeTarget: <span data-testid="star-report-three-target">{pct(r.targets.threeStarShare)}</span>,
          threeMet: met(r.threePlusShare, r.targets.threeStarShare, 'star-report-three-met'),
          five: num('star-report-five-count', count(5)),
          fiveShare: num('star-report-five-share', pct(r.fiveShare)),
          fiveTarget: <span data-testid="star-report-five-target">{pct(r.targets.fiveStarShare)}</span>,
          fiveMet: met(r.fiveShare, r.targets.fiveStarShare, 'star-report-five-met'),
        }} />
      </Typography.Paragraph>
      {r.rated === 0 && <Typography.Paragraph type="secondary" data-testid="star-report-empty">{t('stars.report.empty')}</Typography.Paragraph>}

      <Heading>{t('stars.report.byLevel')}</Heading>
      {[...r.byLevel].sort((a, b) => b.level - a.level).map((b) => (
        <section key={b.level} data-testid={`star-report-section-${b.level}`} style={{ marginBottom: 12 }}>
          <Typography.Text strong>
            <Rich k="stars.report.levelHead" parts={{ level: levelText(b.level, t), n: <span data-testid={`star-report-level-${b.level}`}>{b.orgs.length}</span> }} />
          </Typography.Text>
          {b.orgs.length === 0 ? <div style={{ color: '#999' }}>{t('common.none')}</div> : <LevelTable orgs={b.orgs} />}
        </section>
      ))}

      <Heading>{t('stars.report.commendTitle')}</Heading>
      {r.commended.length === 0 ? (
        <Typography.Paragraph style={{ textIndent: '2em' }}>
          {t('stars.report.commendNone')}<span data-testid="star-report-commended" hidden>0</span>
        </Typography.Paragraph>
      ) : (
        <>
          <Typography.Paragraph style={{ textIndent: '2em', marginBottom: 4 }}>
            <Rich k="stars.report.commendText" parts={{ n: <span data-testid="star-report-commended">{r.commended.length}</span> }} />
          </Typography.Paragraph>
          <div style={{ paddingInlineStart: '2em' }} data-testid="star-report-commended-list">
            {r.commended.map((c) => (
              <Tag key={c.orgId} color="gold" style={{ marginBottom: 6, fontSize: 14 }} data-testid={`star-report-commended-${c.orgId}`}>
                {c.streetName ? `${c.streetName} ` : ''}{c.orgName}
              </Tag>
            ))}
          </div>
        </>
      )}

      {(r.innovationAward.enabled || r.awards.length > 0) && (
        <>
          <Heading>{t('stars.report.innovationTitle')}</Heading>
          {r.innovationAward.enabled && (
            <Typography.Paragraph style={{ textIndent: '2em' }} data-testid="star-report-innovation">
              <Rich k="stars.report.innovationText" parts={{ amount: <span data-testid="star-report-innovation-amount">{r.innovationAward.amount}</span> }} />
            </Typography.Paragraph>
          )}
          {r.awards.length === 0 ? (
            <Typography.Paragraph style={{ textIndent: '2em' }} data-testid="star-report-awards-none">{t('stars.report.awardsNone')}</Typography.Paragraph>
          ) : <AwardTable awards={r.awards} />}
        </>
      )}
    </Card>
  );
}

/** The organisations at one level. */
function LevelTable({ orgs }: { orgs: ReportOrg[] }) {
  const t = useT();
  return (
    <Table<ReportOrg> rowKey="orgId" size="small" bordered pagination={false} dataSource={orgs} style={{ marginTop: 6 }} scroll={{ x: 760 }}
      onRow={(o) => withTestId({}, `star-report-org-${o.orgId}`)}
      columns={[
        { title: '#', key: 'n', width: 48, align: 'right', render: (_v, _o, i) => i + 1 },
        { title: t('stars.street'), dataIndex: 'streetName', width: 150, render: (v: string | null) => v ?? '' },
        { title: t('stars.org'), dataIndex: 'orgName', width: 170 },
        { title: t('stars.report.previous'), dataIndex: 'previous', width: 100,
          render: (v: number | null, o) => <span data-testid={`star-report-previous-${o.orgId}`} data-level={v ?? ''}>{v == null ? '—' : levelText(v, t)}</span> },
        { title: t('stars.report.change'), dataIndex: 'change', width: 100, render: (v: ReportOrg['change'], o) => <ChangeTag change={v} testId={`star-report-change-${o.orgId}`} /> },
        { title: t('stars.docNumber'), dataIndex: 'docNumber', width: 190, render: (v: string | null) => v ?? '' },
      ]} />
  );
}

/** The year's 创新奖, one row each. */
function AwardTable({ awards }: { awards: Award[] }) {
  const t = useT();
  return (
    <>
      <Typography.Paragraph style={{ textIndent: '2em', marginBottom: 4 }}>
        <Rich k="stars.report.awardsText" parts={{ n: <span data-testid="star-report-awards-count">{awards.length}</span> }} />
      </Typography.Paragraph>
      <Table<Award> rowKey="id" size="small" bordered pagination={false} dataSource={awards} scroll={{ x: 760 }} data-testid="star-report-awards"
        onRow={(w) => withTestId({}, `star-report-award-${w.id}`)}
        columns={[
          { title: '#', key: 'n', width: 48, align: 'right', render: (_v, _w, i) => i + 1 },
          { title: t('stars.street'), dataIndex: 'streetName', width: 150, render: (v: string | null) => v ?? '' },
          { title: t('stars.org'), dataIndex: 'orgName', width: 180 },
          { title: t('stars.funds.awardTitle'), dataIndex: 'title', width: 240 },
          { title: t('stars.funds.awardAmount'), dataIndex: 'amount', width: 120, align: 'right', render: (v: number) => yuan(v) },
        ]} />
    </>
  );
}
