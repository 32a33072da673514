/** Parts of the public 评星晋级 page: lodging an objection (with its receipt) and reading the answer by receipt. No session needed. */
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { formatTime } from '../../dates.ts';
import { applyFieldErrors, errorText } from '../../feedback.ts';
import { useLang, useT } from '../../i18n.ts';
import { ObjectionStateTag, levelText } from './shared.tsx';
import type { ObjectionStatus } from './types.ts';

/** What a receipt looks like (12 characters of base64url). */
export const RECEIPT = /^[A-Za-z0-9_-]{12}$/;

type ObjectionValues = { name?: string; contact?: string; content?: string };

/** The 提出异议 form of one notice; shows the receipt once lodged. */
export function ObjectionForm({ noticeId, onReceipt, onCancel }: { noticeId: number; onReceipt: (receipt: string) => void; onCancel: () => void }) {
  const t = useT();
  const lang = useLang();
  const [form] = Form.useForm<ObjectionValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<string | null>(null);

  const submit = async (v: ObjectionValues) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<{ receipt: string }>(`/public/stars/notices/${noticeId}/objections`, {
        name: v.name?.trim() || null, contact: v.contact?.trim() ?? '', content: v.content?.trim() ?? '',
      });
      setReceipt(r.receipt);
      onReceipt(r.receipt);
    } catch (err) {
      applyFieldErrors(form, err, lang);
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  if (receipt) {
    return (
      <div data-testid="public-receipt-box" style={{ border: '2px solid #52c41a', borderRadius: 8, padding: 16, background: '#f6ffed', textAlign: 'center' }}>
        <Typography.Text strong style={{ fontSize: 16 }}>{t('public.receipt.lodged')}</Typography.Text>
        <div style={{ margin: '12px 0' }}>
          <Typography.Text type="secondary">{t('public.receipt.label')}</Typography.Text>
          <div>
            <Typography.Text copyable={{ text: receipt }} data-testid="public-receipt"
              style={{ fontFamily: 'monospace', fontSize: 26, fontWeight: 700, letterSpacing: 2, wordBreak: 'break-all' }}>{receipt}</Typography.Text>
          </div>
        </div>
        <Typography.Paragraph style={{ marginBottom: 0, color: '#c8102e', fontWeight: 600 }} data-testid="public-receipt-keep">{t('public.receipt.keep')}</Typography.Paragraph>
      </div>
    );
  }

  return (
    <Form<ObjectionValues> form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid={`public-objection-form-${noticeId}`}
      style={{ borderTop: '1px dashed #d9d9d9', paddingTop: 12, marginTop: 12 }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="public-objection-error" />}
      <Form.Item name="name" label={t('public.objection.name')} extra={t('public.objection.nameHint')}>
        <Input maxLength={50} autoComplete="name" data-testid="public-objection-name" />
      </Form.Item>
      <Form.Item name="contact" label={t('public.objection.contact')} extra={t('public.objection.contactHint')}
        rules={[{ required: true, whitespace: true, message: t('public.objection.contactRequired') }, { min: 5, message: t('public.objection.contactRequired') }]}>
        <Input maxLength={100} autoComplete="tel" inputMode="tel" data-testid="public-objection-contact" />
      </Form.Item>
      <Form.Item name="content" label={t('public.objection.content')}
        rules={[{ required: true, whitespace: true, message: t('public.objection.contentRequired') }, { min: 5, message: t('public.objection.contentRequired') }]}>
        <Input.TextArea rows={5} maxLength={2000} showCount data-testid="public-objection-content" />
      </Form.Item>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="public-objection-submit">{t('public.objection.submit')}</Button>
        <Button onClick={onCancel} data-testid="public-objection-cancel">{t('common.cancel')}</Button>
      </div>
    </Form>
  );
}

/** 查询答复: a receipt in, the objection's state and answer out. */
export function ReceiptLookup({ receipt, onReceipt }: { receipt: string; onReceipt: (r: string) => void }) {
  const t = useT();
  const lang = useLang();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ObjectionStatus | null>(null);

  const look = async () => {
    const r = receipt.trim();
    setResult(null);
    if (!RECEIPT.test(r)) { setError(t('public.query.bad')); return; }
    setBusy(true);
    setError(null);
    try {
      setResult(await api.get<ObjectionStatus>(`/public/stars/objections/${encodeURIComponent(r)}`));
    } catch (err) {
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('public.query.title')} data-testid="public-query">
      <div style={{ display: 'flex', gap: 8 }}>
        <Input value={receipt} onChange={(e) => onReceipt(e.target.value)} onPressEnter={() => void look()} maxLength={12} allowClear
          placeholder={t('public.query.placeholder')} style={{ flex: 1, minWidth: 0, fontFamily: 'monospace' }} data-testid="public-query-input" />
        <Button type="primary" icon={<SearchOutlined />} loading={busy} onClick={() => void look()} data-testid="public-query-submit">{t('public.query.submit')}</Button>
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="public-query-error" />}
      {result && (
        <Descriptions size="small" column={1} bordered style={{ marginTop: 12 }} styles={{ label: { whiteSpace: 'nowrap' } }} data-testid="public-query-result" items={[
          { key: 'org', label: t('public.query.org'), children: `${result.orgName} · ${levelText(result.level, t)}` },
          { key: 'lodged', label: t('public.query.lodgedAt'), children: formatTime(result.lodgedAt) },
          { key: 'state', label: t('common.status'), children: <span data-testid="public-query-state"><ObjectionStateTag state={result.state} t={t} /></span> },
          { key: 'answer', label: t('public.query.answer'), children: (
            <div data-testid="public-query-answer" style={{ whiteSpace: 'pre-wrap' }}>
              {result.answer ?? <Typography.Text type="secondary">{t('public.query.pending')}</Typography.Text>}
            </div>
          ) },
          ...(result.answeredAt ? [{ key: 'answered', label: t('public.query.answeredAt'), children: formatTime(result.answeredAt) }] : []),
        ]} />
      )}
    </Card>
  );
}
