/**
 * 录入三方评价: the self score, one score per peer sheet, the organisation's score and the three
 * weights (as percentages summing to 100). Only what changed is sent; the server's refusals land
 * at their fields.
 */
import { useState } from 'react';
import { Alert, Button, Form, InputNumber, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../../api.ts';
import { errorText, fieldIssues } from '../../../feedback.ts';
import { useLang, useT } from '../../../i18n.ts';
import type { Lang, TFunction } from '../../../i18n.ts';
import { DEFAULT_WEIGHTS, previewTotal, type Review, type Weights } from './shared.tsx';

type Percent = { self: number | null; peer: number | null; org: number | null };
type Values = { self: number | null; peers: (number | null)[]; org: number | null; weights: Percent };

const KEYS = ['self', 'peer', 'org'] as const;
const toPercent = (w: Weights): Percent => ({ self: Math.round(w.self * 100), peer: Math.round(w.peer * 100), org: Math.round(w.org * 100) });
const toWeights = (p: Percent): Weights => ({ self: (p.self ?? 0) / 100, peer: (p.peer ?? 0) / 100, org: (p.org ?? 0) / 100 });
const sumOf = (p: Percent) => (p.self ?? 0) + (p.peer ?? 0) + (p.org ?? 0);
const num = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function scoreRule(t: TFunction, required: boolean) {
  return {
    validator: async (_r: unknown, v: unknown) => {
      if (v === null || v === undefined || v === '') { if (required) throw new Error(t('vg.scoreRange')); return; }
      if (typeof v !== 'number' || v < 0 || v > 100) throw new Error(t('vg.scoreRange'));
    },
  };
}

/** Three percentage inputs for the weights: the value of Form.Item "weights". */
function WeightsInput({ value, onChange, disabled }: { value?: Percent; onChange?: (v: Percent) => void; disabled?: boolean }) {
  const t = useT();
  const v = value ?? { self: null, peer: null, org: null };
  return (
    <Space wrap>
      {KEYS.map((k) => (
        <InputNumber key={k} value={v[k]} disabled={disabled} precision={0} style={{ width: 150 }} prefix={t(k === 'self' ? 'vg.self' : k === 'peer' ? 'vg.peer' : 'vg.orgScore')} suffix="%"
          onChange={(x) => onChange?.({ ...v, [k]: num(x) })} data-testid={`vg-weight-${k}`} />
      ))}
    </Space>
  );
}

/** Puts the server's field issues on the form: self, org, weights, peers (or one peer sheet). */
function showIssues(form: FormInstance<Values>, err: unknown, lang: Lang): void {
  const fields: { name: ['self'] | ['org'] | ['weights'] | ['peers', number]; errors: string[] }[] = [];
  for (const issue of fieldIssues(err)) {
    const [head, index] = issue.path.map(String);
    const message = lang === 'en' && issue.messageEn ? issue.messageEn : issue.message;
    if (head === 'peers' && index !== undefined && /^\d+$/.test(index)) fields.push({ name: ['peers', Number(index)], errors: [message] });
    else if (head === 'self' || head === 'org' || head === 'weights') fields.push({ name: [head] as ['self'] | ['org'] | ['weights'], errors: [message] });
  }
  if (fields.length) form.setFields(fields);
}

/** The form; `onSaved` after the server took the scores. */
export function ScoreForm({ review, year, onSaved }: { review: Review; year: number; onSaved: () => void }) {
  const t = useT();
  const lang = useLang();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const watched = Form.useWatch([], form) as Values | undefined;
  const initial: Values = { self: review.selfScore, peers: review.peerScores, org: review.orgScore, weights: toPercent(review.weights) };

  const live = watched ?? initial;
  const peers = (live.peers ?? []).map(num).filter((x): x is number => x !== null);
  const w = live.weights ?? initial.weights;
  const preview = sumOf(w) === 100 ? previewTotal(toWeights(w), num(live.self), peers, num(live.org)) : null;

  const submit = async (v: Values) => {
    const body: Record<string, unknown> = { memberId: review.memberId, year };
    const self = num(v.self);
    const org = num(v.org);
    const list = (v.peers ?? []).map(num).filter((x): x is number => x !== null);
    const weights = toWeights(v.weights);
    if (self !== review.selfScore) body.self = self;
    if (org !== review.orgScore) body.org = org;
    if (list.join(',') !== review.peerScores.join(',')) body.peers = list;
    if (KEYS.some((k) => Math.abs(weights[k] - review.weights[k]) > 1e-9)) body.weights = weights;
    if (Object.keys(body).length === 2) { setError(t('vg.noChange')); return; }
    setBusy(true);
    setError(null);
    try {
      await api.put('/vanguard/reviews', body);
      onSaved();
    } catch (err) {
      showIssues(form, err, lang);
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={initial} data-testid="vg-score-form">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="vg-score-error" />}
      <Space wrap size="large">
        <Form.Item name="self" label={t('vg.self')} rules={[scoreRule(t, false)]} validateTrigger={['onChange', 'onBlur']}>
          <InputNumber placeholder={t('vg.scoreRange')} style={{ width: 150 }} data-testid="vg-in-self" />
        </Form.Item>
        <Form.Item name="org" label={t('vg.orgScore')} rules={[scoreRule(t, false)]}>
          <InputNumber placeholder={t('vg.scoreRange')} style={{ width: 150 }} data-testid="vg-in-org" />
        </Form.Item>
      </Space>
      <Form.List name="peers">
        {(fields, { add, remove }, { errors }) => (
          <Form.Item label={t('vg.peers')} required={false}>
            <Space wrap data-testid="vg-peers">
              {fields.map((f, i) => (
                <Space.Compact key={f.key}>
                  <Form.Item name={f.name} noStyle rules={[scoreRule(t, true)]}>
                    <InputNumber placeholder={t('vg.peerN', { n: i + 1 })} style={{ width: 110 }} data-testid={`vg-in-peer-${i}`} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} data-testid={`vg-in-peer-remove-${i}`} />
                </Space.Compact>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add(null)} data-testid="vg-in-peer-add">{t('vg.addPeer')}</Button>
            </Space>
            <Form.ErrorList errors={errors} />
          </Form.Item>
        )}
      </Form.List>
      <Form.Item name="weights" label={t('vg.weights')} extra={t('vg.weights.hint')}
        rules={[{ validator: async (_r, v: Percent) => { if (sumOf(v) !== 100) throw new Error(t('vg.weights.sum', { sum: sumOf(v) })); } }]}>
        <WeightsInput />
      </Form.Item>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button size="small" onClick={() => form.setFieldValue('weights', toPercent(DEFAULT_WEIGHTS))} data-testid="vg-weight-reset">{t('vg.weights.reset')}</Button>
        <Typography.Text type="secondary" data-testid="vg-preview" data-total={preview ?? ''}>{t('vg.preview', { total: preview ?? '—' })}</Typography.Text>
      </Space>
      <div><Button type="primary" htmlType="submit" loading={busy} data-testid="vg-score-submit">{t('vg.saveScores')}</Button></div>
    </Form>
  );
}
