/**
 * 报酬系数: the standard's pay coefficient per level (three stars the base, 1.0) and the community
 * cadres of a county (or of a street or community in one) with their community's stars and
 * coefficient for the year; 导出Excel.
 */
import type { ReactNode } from 'react';
import { Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { useT } from '../../i18n.ts';
import { withTestId } from '../../testid.ts';
import { Stars, levelText } from './shared.tsx';
import { ExportButton, ProblemCard, useResult } from './results.tsx';
import type { StarPay } from './types.ts';

type Item = StarPay['items'][number];

/** A coefficient with one decimal at least (1 → "1.0"). */
const coef = (v: number | undefined) => (v == null ? '—' : Number.isInteger(v) ? v.toFixed(1) : String(v));

/** The 报酬系数 tab; `toolbar` holds the scope and year pickers. */
export function PayTab({ scopeId, year, toolbar }: { scopeId?: number; year: number; toolbar: ReactNode }) {
  const t = useT();
  const query = scopeId ? { orgId: scopeId, year } : null;
  const { data, problem, loading } = useResult<StarPay>('/stars/pay', query);
  const levels = [5, 4, 3, 2, 1];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="star-results-pay">
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        {toolbar}
        <ExportButton path="/stars/pay" query={query ?? {}} disabled={!data} name={`${year}年度社区干部报酬系数.xlsx`} testId="star-pay-export" />
      </Space>
      {!data && <ProblemCard problem={problem} prompt={scopeId ? undefined : 'stars.results.chooseScopeHint'} hint="stars.results.scopeOnly" testId="star-pay" />}
      {!data && loading && <Card loading />}
      {data && (
        <Card size="small" title={t('stars.pay.coefTitle')} loading={loading}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('stars.eval.payHint')}</Typography.Paragraph>
          <Table<{ level: number; value: number | undefined }> rowKey="level" size="small" bordered pagination={false} style={{ maxWidth: 420 }}
            data-testid="star-pay-coefs" dataSource={levels.map((level) => ({ level, value: data.coefficients[String(level)] }))}
            onRow={(r) => withTestId({}, `star-pay-coef-row-${r.level}`)}
            columns={[
              { title: t('stars.pay.level'), dataIndex: 'level', render: (v: number) => levelText(v, t) },
              { title: t('stars.pay.coef'), dataIndex: 'value', align: 'right', width: 160,
                render: (v: number | undefined, r) => (
                  <Space size={6}>
                    {r.level === data.base && <Tag color="red" data-testid="star-pay-base">{t('stars.pay.base')}</Tag>}
                    <Typography.Text strong={r.level === data.base} data-testid={`star-pay-coef-${r.level}`} data-value={v ?? ''}>{coef(v)}</Typography.Text>
                  </Space>
                ) },
            ]} />
        </Card>
      )}
      {data && (
        <Card size="small" loading={loading} data-testid="star-pay-card" data-scope={data.scope.id}
          title={<span data-testid="star-pay-title">{data.scope.kind === 'county' ? t('stars.pay.tableTitle', { y: data.year }) : t('stars.pay.scopedTitle', { name: data.scope.name, y: data.year })}</span>}
          extra={<Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="star-pay-count" data-count={data.items.length}>{t('common.total', { n: data.items.length })}</Typography.Text>}>
          {data.items.length === 0 ? <Empty description={t('stars.pay.empty')} data-testid="star-pay-empty" /> : (
            <Table<Item> rowKey={(r) => `${r.orgId}-${r.memberId}`} size="small" bordered dataSource={data.items} scroll={{ x: 720 }} data-testid="star-pay-table"
              pagination={{ defaultPageSize: 50, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200], showTotal: (n) => t('common.total', { n }), hideOnSinglePage: true }}
              onRow={(r) => withTestId({}, `star-pay-row-${r.memberId}`)}
              columns={[
                { title: t('stars.org'), dataIndex: 'orgName', ellipsis: true },
                { title: t('stars.pay.level'), dataIndex: 'level', width: 130, render: (v: number, r) => <Stars value={v} small testId={`star-pay-level-${r.memberId}`} /> },
                { title: t('stars.pay.coef'), dataIndex: 'coefficient', width: 100, align: 'right',
                  render: (v: number, r) => <span data-testid={`star-pay-coefficient-${r.memberId}`} data-value={v}>{coef(v)}</span> },
                { title: t('stars.pay.name'), dataIndex: 'name', width: 120, render: (v: string, r) => <span data-testid={`star-pay-name-${r.memberId}`}>{v}</span> },
                { title: t('stars.pay.post'), dataIndex: 'post', width: 180, ellipsis: true },
              ]} />
          )}
        </Card>
      )}
    </Space>
  );
}
