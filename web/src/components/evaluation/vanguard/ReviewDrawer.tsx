/** One member's review: the three parts and the total, the scores to enter or adjust, and the 优秀党员 decision (with the row version read). */
import { Alert, Button, Descriptions, Divider, Drawer, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import { api } from '../../../api.ts';
import { useFeedback } from '../../../feedback.ts';
import { useT } from '../../../i18n.ts';
import { useDrawerSize } from '../../points/shared.tsx';
import { useSubmit } from '../../stars/useSubmit.ts';
import { ScoreForm } from './ScoreForm.tsx';
import { DecisionTag, weightsText, type Review } from './shared.tsx';

type Decision = { excellent: boolean; note?: string };

function DecisionForm({ review, onDecided }: { review: Review; onDecided: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Decision>();
  const { busy, error, run } = useSubmit(form);
  const submit = (v: Decision) => run(async () => {
    await api.post(`/vanguard/reviews/${review.id}/decide`, { excellent: v.excellent, note: v.note?.trim() || null, rowVersion: review.rowVersion });
    onDecided();
  });
  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ excellent: review.recommended }} data-testid="vg-decide-form">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="vg-decide-error" />}
      {!review.complete && <Alert type="info" showIcon title={t('vg.decide.needAll')} style={{ marginBottom: 12 }} />}
      <Form.Item name="excellent" label={t('vg.decide.excellent')}>
        <Radio.Group data-testid="vg-decide-excellent" options={[
          { value: true, label: t('vg.decision.yes'), disabled: !review.complete },
          { value: false, label: t('vg.decision.no') },
        ]} />
      </Form.Item>
      <Form.Item name="note" label={t('vg.decide.note')} rules={[{ max: 500 }]}>
        <Input.TextArea rows={2} data-testid="vg-decide-note" />
      </Form.Item>
      <Typography.Paragraph type="secondary">{t('vg.decide.final')}</Typography.Paragraph>
      <Button type="primary" danger htmlType="submit" loading={busy} data-testid="vg-decide-submit">{t('vg.decide.submit')}</Button>
    </Form>
  );
}

/** The drawer; `onChanged` after a write, so the list reloads (and hands the drawer the new row). */
export function ReviewDrawer({ review, year, onClose, onChanged }: { review: Review; year: number; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const fb = useFeedback();
  const size = useDrawerSize(640);
  const done = () => { fb.success(); onChanged(); };
  const score = review.actions.includes('score');
  const decide = review.actions.includes('decide');
  return (
    <Drawer open title={t('vg.drawer', { name: review.memberName })} size={size} onClose={onClose} destroyOnHidden data-testid="vg-drawer">
      <Descriptions size="small" column={1} bordered data-testid="vg-drawer-summary" items={[
        { key: 'org', label: t('vg.org'), children: review.orgName },
        { key: 'self', label: t('vg.self'), children: review.selfScore ?? '—' },
        { key: 'peer', label: t('vg.peerMean'), children: review.peerMean === null ? '—' : `${review.peerMean}（${t('vg.peerCount', { n: review.peers })}）` },
        { key: 'org-score', label: t('vg.orgScore'), children: review.orgScore ?? '—' },
        { key: 'weights', label: t('vg.weights'), children: weightsText(review.weights) },
        { key: 'total', label: t('vg.total'), children: <Space>
          <strong data-testid="vg-drawer-total">{review.total ?? '—'}</strong>
          {review.rank !== null && <span>{t('vg.rank')} {review.rank}</span>}
          {review.recommended && <Tag color="gold">{t('vg.recommended')}</Tag>}
          {!review.complete && <Tag>{t('vg.incomplete')}</Tag>}
        </Space> },
        { key: 'decision', label: t('vg.decision'), children: <Space wrap><DecisionTag excellent={review.excellent} t={t} testId="vg-drawer-decision" />{review.decisionNote}</Space> },
      ]} />
      {!score && !decide && <Alert type="info" showIcon title={t('vg.readonly')} style={{ marginTop: 16 }} />}
      {score && (
        <>
          <Divider titlePlacement="start">{t('vg.scores')}</Divider>
          {/* a new row version remounts the form with the values the server now holds */}
          <ScoreForm key={review.rowVersion} review={review} year={year} onSaved={done} />
        </>
      )}
      {decide && (
        <>
          <Divider titlePlacement="start">{t('vg.decide')}</Divider>
          <DecisionForm key={review.rowVersion} review={review} onDecided={done} />
        </>
      )}
    </Drawer>
  );
}
