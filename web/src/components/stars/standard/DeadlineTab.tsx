/** 期限与提醒: the public notice's length, each step's deadline and how early the person responsible is reminded, in working days. */
import { Col, Form, InputNumber, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../../i18n.ts';
import type { MsgKey } from '../../../i18n.ts';
import { STEP_KEYS } from './model.ts';
import { Plain } from './parts.tsx';

const STEP_LABELS: Record<(typeof STEP_KEYS)[number], MsgKey> = {
  streetAssess: 'stars.std.step.streetAssess', countyReview: 'stars.std.step.countyReview', answerObjection: 'stars.std.step.answerObjection',
};

/** A number of working days: an input for editors, text for readers. */
function Days({ name, label, min, max, extra, editable, testId }: {
  name: (string | number)[] | string; label: string; min: number; max: number; extra?: ReactNode; editable: boolean; testId: string;
}) {
  const t = useT();
  const rules = [{ required: true, message: t('stars.std.numberRequired') }, { type: 'integer' as const, min, max, message: t('stars.std.daysRule', { min, max }) }];
  return (
    <Form.Item name={name} label={label} extra={extra} rules={rules}>
      {editable
        ? <InputNumber min={min} max={max} precision={0} suffix={t('stars.std.workingDays')} style={{ width: 180 }} data-testid={testId} />
        : <Plain testId={testId} render={(v) => t('stars.std.daysN', { n: String(v) })} />}
    </Form.Item>
  );
}

/** The 期限与提醒 tab. */
export function DeadlineTab({ editable }: { editable: boolean }) {
  const t = useT();
  const col = { xs: 24, sm: 12, lg: 8 };
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('stars.std.deadlineHint')}</Typography.Paragraph>
      <Row gutter={16}>
        <Col {...col}>
          <Days name="noticeWorkingDays" label={t('stars.std.notice')} min={1} max={30} extra={t('stars.std.noticeHint')} editable={editable} testId="star-std-notice" />
        </Col>
        <Col {...col}>
          <Days name="remindBeforeWorkingDays" label={t('stars.std.remind')} min={0} max={30} extra={t('stars.std.remindHint')} editable={editable} testId="star-std-remind" />
        </Col>
      </Row>
      <Typography.Title level={5} style={{ marginTop: 0 }}>{t('stars.std.steps')}</Typography.Title>
      <Row gutter={16}>
        {STEP_KEYS.map((k) => (
          <Col key={k} {...col}>
            <Days name={['stepWorkingDays', k]} label={t(STEP_LABELS[k])} min={1} max={60} editable={editable} testId={`star-std-step-${k}`} />
          </Col>
        ))}
      </Row>
    </>
  );
}
