/** 评估: the evaluation of the level against the facts and claims, the highest level met, veto items and the pay coefficient. */
import { Alert, Card, Col, Descriptions, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useT } from '../../i18n.ts';
import { withTestId } from '../../testid.ts';
import { OutcomeTag, Stars } from './shared.tsx';
import type { CriterionOutcome, StarDetail } from './types.ts';

/** The evaluation panel. */
export function EvaluationPanel({ detail }: { detail: StarDetail }) {
  const t = useT();
  const { evaluation: ev, standard: std } = detail;
  const textOf = (code: string) => std.level.criteria.find((c) => c.code === code)?.text ?? '';
  const codes = (list: string[]) => (list.length
    ? <Space wrap size={[4, 4]}>{list.map((c) => <Tag key={c} title={textOf(c)}>{c}</Tag>)}</Space>
    : <Typography.Text type="secondary">{t('common.none')}</Typography.Text>);
  const met = ev.criteria.filter((c) => c.met === true).length;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="star-evaluation">
      <Row gutter={[12, 12]}>
        <Col xs={24} sm={12} lg={8}>
          <Card size="small" style={{ height: '100%' }} data-testid="star-eval-highest" data-level={ev.highestMet}>
            <Statistic title={t('stars.eval.highestTitle')} value={ev.highestMet} suffix={t('stars.eval.starSuffix')} />
            <Typography.Text>{ev.highestMet > 0 ? t('stars.eval.highest', { n: ev.highestMet }) : t('stars.eval.highestNone')}</Typography.Text>
            {ev.highestMet > 0 && <div><Stars value={ev.highestMet} small /></div>}
          </Card>
        </Col>
        <Col xs={12} sm={6} lg={8}>
          <Card size="small" style={{ height: '100%' }} data-testid="star-eval-count">
            <Statistic title={t('stars.eval.metOf', { n: detail.level })} value={met} suffix={`/ ${ev.criteria.length}`} />
          </Card>
        </Col>
        <Col xs={12} sm={6} lg={8}>
          <Card size="small" style={{ height: '100%' }} data-testid="star-eval-pay">
            <Statistic title={t('stars.eval.pay', { n: detail.level })} value={std.payCoefficient} precision={2} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('stars.eval.payHint')}</Typography.Text>
          </Card>
        </Col>
      </Row>
      {ev.highestMet < detail.level && (
        <Alert type="warning" showIcon title={t('stars.eval.belowLevel', { n: detail.level, m: ev.highestMet })} description={ev.unmet.length === 0 && ev.missing.length === 0 ? t('stars.eval.lowerUnclaimed', { n: detail.level }) : t('stars.eval.climbHint')} data-testid="star-eval-below" />
      )}

      <Card size="small" title={t('stars.eval.criteria', { n: detail.level })}>
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }} items={[
          { key: 'unmet', label: <span style={{ color: '#cf1322' }}>{t('stars.eval.unmetList')}</span>, children: <span data-testid="star-eval-unmet">{codes(ev.unmet)}</span> },
          { key: 'missing', label: <span style={{ color: '#d46b08' }}>{t('stars.eval.missingList')}</span>, children: <span data-testid="star-eval-missing">{codes(ev.missing)}</span> },
        ]} />
        <Table<CriterionOutcome> rowKey="code" size="small" pagination={false} dataSource={ev.criteria} scroll={{ x: 760 }} data-testid="star-eval-table"
          onRow={(r) => withTestId({}, `star-eval-row-${r.code}`)}
          columns={[
            { title: t('stars.eval.code'), dataIndex: 'code', width: 90 },
            { title: t('stars.eval.text'), key: 'text', render: (_v, r) => textOf(r.code) },
            { title: t('stars.eval.result'), dataIndex: 'met', width: 100, render: (v: boolean | null, r) => <OutcomeTag met={v} t={t} testId={`star-eval-met-${r.code}`} /> },
            { title: t('stars.eval.reasons'), dataIndex: 'reasons', width: 300,
              render: (v: string[]) => <div style={{ fontSize: 12 }}>{v.map((x, i) => <div key={i}>{x}</div>)}</div> },
          ]} />
      </Card>

      <Card size="small" title={t('stars.eval.vetoes', { n: std.vetoFrom })} data-testid="star-eval-vetoes">
        <Space orientation="vertical" size={6} style={{ width: '100%' }}>
          {std.vetoes.map((v) => {
            const holds = detail.vetoes.includes(v.code);
            return (
              <div key={v.code} data-testid={`star-veto-${v.code}`} data-holds={holds ? '1' : '0'}>
                {holds ? <Tag color="red">{t('stars.eval.vetoHolds')}</Tag> : <Tag>{t('stars.eval.vetoClear')}</Tag>}
                <Typography.Text>{v.text}</Typography.Text>
              </div>
            );
          })}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('stars.eval.vetoHint', { n: std.vetoFrom })}</Typography.Text>
        </Space>
      </Card>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('stars.eval.standard', { name: std.name, v: std.version, y: std.year })}</Typography.Text>
    </Space>
  );
}
