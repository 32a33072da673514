/**
 * 结果运用: per star level the cadre pay coefficient (三星级 the base, 1.0) and the yearly project
 * funds; the 创新奖 (on/off and amount); the four targets as percentages.
 */
import { Card, Col, Form, InputNumber, Row, Space, Switch, Table, Tag, Typography } from 'antd';
import { useT } from '../../../i18n.ts';
import type { MsgKey } from '../../../i18n.ts';
import { withTestId } from '../../../testid.ts';
import { LEVELS, TARGET_KEYS } from './model.ts';
import { Plain, coef, yuan } from './parts.tsx';
import { STAR_KEYS } from './paths.ts';

const TARGET_LABELS: Record<(typeof TARGET_KEYS)[number], MsgKey> = {
  threeStarShare: 'stars.std.target.threeStarShare', fiveStarShare: 'stars.std.target.fiveStarShare',
  fiveGoodCommunityShare: 'stars.std.target.fiveGoodCommunityShare', fiveGoodOrganShare: 'stars.std.target.fiveGoodOrganShare',
};

/** The 结果运用 tab. */
export function UseTab({ editable }: { editable: boolean }) {
  const t = useT();
  const item = { style: { marginBottom: 0 } };
  const col = { xs: 24, sm: 12, lg: 6 };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('stars.std.payAndFunds')}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('stars.eval.payHint')}</Typography.Paragraph>
        <Table<{ level: string }> rowKey="level" size="small" bordered pagination={false} style={{ maxWidth: 640 }} scroll={{ x: 460 }} data-testid="star-std-pay"
          dataSource={LEVELS.map((n) => ({ level: String(n) }))} onRow={(r) => withTestId({}, `star-std-pay-row-${r.level}`)}
          columns={[
            { title: t('stars.pay.level'), dataIndex: 'level', width: 110, render: (n: string) => (
              <Space size={4}>{t(STAR_KEYS[n])}{n === '3' && <Tag color="red">{t('stars.pay.base')}</Tag>}</Space>
            ) },
            { title: t('stars.pay.coef'), key: 'pay', width: 170, render: (_v, r) => (
              <Form.Item name={['payCoefficients', r.level]} {...item} rules={[{ required: true, message: t('stars.std.numberRequired') }]}>
                {editable ? <InputNumber min={0.01} max={10} step={0.05} style={{ width: 130 }} data-testid={`star-std-pay-${r.level}`} />
                  : <Plain render={coef} testId={`star-std-pay-${r.level}`} />}
              </Form.Item>
            ) },
            { title: t('stars.std.fundsYuan'), key: 'funds', width: 180, render: (_v, r) => (
              <Form.Item name={['projectFunds', r.level]} {...item} rules={[{ required: true, message: t('stars.std.numberRequired') }]}>
                {editable ? <InputNumber min={0} max={100_000_000} step={1000} precision={0} style={{ width: 150 }} data-testid={`star-std-fund-${r.level}`} />
                  : <Plain render={yuan} testId={`star-std-fund-${r.level}`} />}
              </Form.Item>
            ) },
          ]} />
      </Card>
      <Card size="small" title={t('stars.std.award')}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('stars.std.awardHint')}</Typography.Paragraph>
        <Space wrap align="start" size="large">
          <Form.Item name={['innovationAward', 'enabled']} label={t('stars.std.award.enabled')} valuePropName="checked" {...item}>
            <Switch disabled={!editable} checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} data-testid="star-std-award-enabled" />
          </Form.Item>
          <Form.Item name={['innovationAward', 'amount']} label={t('stars.std.award.amount')} {...item} rules={[{ required: true, message: t('stars.std.numberRequired') }]}>
            {editable ? <InputNumber min={0} max={10_000_000} step={1000} precision={2} suffix={t('stars.std.yuan')} style={{ width: 180 }} data-testid="star-std-award-amount" />
              : <Plain render={(v) => `${yuan(v)} ${t('stars.std.yuan')}`} testId="star-std-award-amount" />}
          </Form.Item>
        </Space>
      </Card>
      <Card size="small" title={t('stars.std.targets')}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('stars.std.targetsHint')}</Typography.Paragraph>
        <Row gutter={16}>
          {TARGET_KEYS.map((k) => (
            <Col key={k} {...col}>
              <Form.Item name={['targets', k]} label={t(TARGET_LABELS[k])} rules={[{ required: true, message: t('stars.std.numberRequired') }]}>
                {editable ? <InputNumber min={0} max={100} step={5} suffix="%" style={{ width: 140 }} data-testid={`star-std-target-${k}`} />
                  : <Plain render={(v) => `${String(v)}%`} testId={`star-std-target-${k}`} />}
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Card>
    </Space>
  );
}
