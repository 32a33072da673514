/** 我的自评: a member scores their own year's commitments (0–100) until the branch decides; peers and the organisation are entered by the branch. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Form, InputNumber, Select, Space, Spin, Typography } from 'antd';
import { api } from '../../../api.ts';
import { errorText, useFeedback } from '../../../feedback.ts';
import { useLang, useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { useSubmit } from '../../stars/useSubmit.ts';
import { DecisionTag, defaultYear, yearOptions, type MyReview } from './shared.tsx';

/** The card of the signed-in member. */
export function MySelfCard() {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const memberId = useSession().me?.user.memberId ?? null;
  const [year, setYear] = useState(defaultYear());
  const [mine, setMine] = useState<MyReview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [form] = Form.useForm<{ self: number | null }>();
  const { busy, error, run } = useSubmit(form);

  const load = useCallback(() => {
    const ctrl = new AbortController();
    setMine(null);
    api.get<MyReview>('/me/vanguard', { year }, ctrl.signal)
      .then((r) => { setMine(r); setProblem(null); form.setFieldsValue({ self: r.review?.selfScore ?? null }); })
      .catch((err: unknown) => { if (!ctrl.signal.aborted) setProblem(errorText(err, lang)); });
    return () => ctrl.abort();
  }, [year, lang, form]);
  useEffect(load, [load]);

  const submit = (v: { self: number | null }) => run(async () => {
    await api.put('/vanguard/reviews', { memberId, year, self: v.self });
    fb.success();
    load();
  });
  const decided = mine?.review?.excellent != null;

  return (
    <Card title={t('vg.mine')} style={{ marginBottom: 16 }} data-testid="vg-mine"
      extra={<Select value={year} onChange={setYear} options={yearOptions(t)} style={{ width: 130 }} data-testid="vg-mine-year"
        optionRender={(o) => <span data-testid={`vg-mine-year-${String(o.value)}`}>{o.label}</span>} />}>
      {problem && <Alert type="error" showIcon title={problem} />}
      {!problem && !mine && <Spin />}
      {mine && !mine.applicable && <Alert type="info" showIcon title={t('vg.mine.na')} data-testid="vg-mine-na" />}
      {mine && mine.applicable && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('vg.mine.hint')}</Typography.Paragraph>
          {mine.review?.selfScore != null && <Typography.Text data-testid="vg-mine-current">{t('vg.mine.current', { score: mine.review.selfScore })}</Typography.Text>}
          {decided && <Space><DecisionTag excellent={mine.review!.excellent} t={t} testId="vg-mine-decision" />{mine.review!.decisionNote}</Space>}
          {!decided && (
            <Form form={form} layout="inline" onFinish={submit}>
              {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12, width: '100%' }} />}
              <Form.Item name="self" label={t('vg.self')} rules={[{ required: true, type: 'number', min: 0, max: 100, message: t('vg.scoreRange') }]}>
                <InputNumber style={{ width: 140 }} placeholder={t('vg.scoreRange')} data-testid="vg-mine-self" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="vg-mine-submit">{t('vg.mine.save')}</Button>
            </Form>
          )}
        </Space>
      )}
    </Card>
  );
}
