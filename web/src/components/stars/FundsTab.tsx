/**
 * 项目资金与创新奖: the project fund each rated community of a county (or of a street or community in
 * one) gets for its level in the year, the 党建创新奖 awards, and the sums; 导出Excel. When the county
 * may give awards and the year's standard has the award, 授予创新奖 and 撤销.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { Button, Card, Col, Empty, Popconfirm, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { TrophyOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useFeedback } from '../../feedback.ts';
import { useT } from '../../i18n.ts';
import { withTestId } from '../../testid.ts';
import { AwardModal } from './AwardModal.tsx';
import { ExportButton, ProblemCard, useResult, yuan } from './results.tsx';
import { Stars, levelText } from './shared.tsx';
import type { FundItem, StarFunds } from './types.ts';

/** A figure with its value for tests. */
const Num = ({ v, id }: { v: number; id: string }) => <span data-testid={id} data-value={v}>{yuan(v)}</span>;

/** The 项目资金与创新奖 tab; `toolbar` holds the scope and year pickers. */
export function FundsTab({ scopeId, year, toolbar }: { scopeId?: number; year: number; toolbar: ReactNode }) {
  const t = useT();
  const fb = useFeedback();
  const query = scopeId ? { orgId: scopeId, year } : null;
  const { data, problem, loading, reload } = useResult<StarFunds>('/stars/funds', query);
  const [giving, setGiving] = useState(false);
  const mayAward = data?.actions.includes('award') ?? false;
  const mayRevoke = data?.actions.includes('revoke') ?? false;

  const revoke = async (id: number) => {
    try {
      await api.del(`/stars/awards/${id}`);
      fb.success(t('stars.funds.revoked'));
      reload();
    } catch (err) {
      fb.error(err);
    }
  };

  const title = data && (data.scope.kind === 'county' ? t('stars.funds.tableTitle', { y: data.year }) : t('stars.funds.scopedTitle', { name: data.scope.name, y: data.year }));
  const sumAll = data ? data.totals.projectFunds + data.totals.awards : 0;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="star-results-funds">
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        {toolbar}
        <Space wrap>
          {mayAward && <Button type="primary" icon={<TrophyOutlined />} onClick={() => setGiving(true)} data-testid="star-funds-give">{t('stars.funds.give')}</Button>}
          <ExportButton path="/stars/funds" query={query ?? {}} disabled={!data} name={`${year}年度项目资金与创新奖.xlsx`} testId="star-funds-export" />
        </Space>
      </Space>
      {!data && <ProblemCard problem={problem} prompt={scopeId ? undefined : 'stars.results.chooseScopeHint'} hint="stars.results.scopeOnly" testId="star-funds" />}
      {!data && loading && <Card loading />}
      {data && (
        <Card size="small" title={t('stars.funds.standardTitle', { y: data.year })} loading={loading} data-testid="star-funds-standard">
          <Space wrap size={[8, 8]}>
            {[5, 4, 3, 2, 1].map((l) => (
              <Tag key={l} color={l >= 3 ? 'red' : 'default'} style={{ fontSize: 13, padding: '2px 8px' }}>
                {levelText(l, t)}：<Num v={data.projectFunds[String(l)] ?? 0} id={`star-funds-rate-${l}`} /> {t('stars.funds.yuan')}
              </Tag>
            ))}
            <Tag color={data.innovationAward.enabled ? 'gold' : 'default'} style={{ fontSize: 13, padding: '2px 8px' }} data-testid="star-funds-award-rule"
              data-enabled={data.innovationAward.enabled ? 'true' : 'false'}>
              {data.innovationAward.enabled ? t('stars.funds.awardOn', { amount: yuan(data.innovationAward.amount) }) : t('stars.funds.awardOff')}
            </Tag>
          </Space>
          <Row gutter={[16, 8]} style={{ marginTop: 12 }}>
            {([['sumFunds', data.totals.projectFunds], ['sumAwards', data.totals.awards], ['sumAll', sumAll]] as const).map(([k, v]) => (
              <Col key={k} xs={k === 'sumAll' ? 24 : 12} md={8}>
                <div data-testid={`star-funds-${k}`} data-value={v}><Statistic title={t(`stars.funds.${k}`)} value={yuan(v)} suffix={t('stars.funds.yuan')} /></div>
              </Col>
            ))}
          </Row>
        </Card>
      )}
      {data && (
        <Card size="small" title={title} loading={loading}
          extra={<Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="star-funds-count" data-count={data.items.length}>{t('common.total', { n: data.items.length })}</Typography.Text>}>
          {data.items.length === 0 ? <Empty description={t('stars.funds.empty')} data-testid="star-funds-empty" /> : (
            <Table<FundItem> rowKey="orgId" size="small" bordered dataSource={data.items} scroll={{ x: 860 }} data-testid="star-funds-table"
              pagination={{ defaultPageSize: 50, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200], showTotal: (n) => t('common.total', { n }), hideOnSinglePage: true }}
              onRow={(r) => withTestId({}, `star-funds-row-${r.orgId}`)}
              summary={() => (
                <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
                  <Table.Summary.Cell index={0} colSpan={3}>{t('stars.targets.total')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right"><Num v={data.totals.projectFunds} id="star-funds-total-funds" /></Table.Summary.Cell>
                  <Table.Summary.Cell index={4} />
                  <Table.Summary.Cell index={5} align="right"><Num v={data.totals.awards} id="star-funds-total-awards" /></Table.Summary.Cell>
                  <Table.Summary.Cell index={6} align="right"><Num v={sumAll} id="star-funds-total-all" /></Table.Summary.Cell>
                  {mayRevoke && <Table.Summary.Cell index={7} />}
                </Table.Summary.Row>
              )}
              columns={[
                { title: t('stars.street'), dataIndex: 'streetName', width: 130, render: (v: string | null) => v ?? '' },
                { title: t('stars.org'), dataIndex: 'orgName', width: 160 },
                { title: t('stars.pay.level'), dataIndex: 'level', width: 130,
                  render: (v: number | null, r) => (v == null ? <Tag data-testid={`star-funds-level-${r.orgId}`} data-level="">{t('stars.funds.unrated')}</Tag>
                    : <Stars value={v} small testId={`star-funds-level-${r.orgId}`} />) },
                { title: t('stars.funds.fund'), dataIndex: 'projectFund', width: 110, align: 'right', render: (v: number, r) => <Num v={v} id={`star-funds-fund-${r.orgId}`} /> },
                { title: t('stars.funds.awardTitle'), key: 'award', ellipsis: true,
                  render: (_v, r) => (r.award ? <span data-testid={`star-funds-award-${r.orgId}`} data-award={r.award.id}><TrophyOutlined style={{ color: '#faad14' }} /> {r.award.title}</span> : '') },
                { title: t('stars.funds.awardAmount'), key: 'amount', width: 110, align: 'right',
                  render: (_v, r) => (r.award ? <Num v={r.award.amount} id={`star-funds-award-amount-${r.orgId}`} /> : '') },
                { title: t('stars.funds.total'), dataIndex: 'total', width: 110, align: 'right', render: (v: number, r) => <Typography.Text strong><Num v={v} id={`star-funds-total-${r.orgId}`} /></Typography.Text> },
                ...(mayRevoke ? [{ title: t('common.actions'), key: 'actions', width: 80, fixed: 'right' as const,
                  render: (_v: unknown, r: FundItem) => (r.award ? (
                    <Popconfirm title={t('stars.funds.revokeConfirm', { title: r.award.title })} onConfirm={() => revoke(r.award!.id)}
                      okText={t('stars.funds.revoke')} okButtonProps={withTestId({ danger: true }, 'star-funds-revoke-ok')}>
                      <Button type="link" size="small" danger style={{ padding: 0 }} data-testid={`star-funds-revoke-${r.award.id}`}>{t('stars.funds.revoke')}</Button>
                    </Popconfirm>
                  ) : null) }] : []),
              ]} />
          )}
        </Card>
      )}
      {giving && data && scopeId && (
        <AwardModal scopeId={scopeId} year={year} amount={data.innovationAward.amount} items={data.items}
          onClose={() => setGiving(false)} onDone={() => { setGiving(false); fb.success(t('stars.funds.given')); reload(); }} />
      )}
    </Space>
  );
}
