/**
 * 服务确认 (public, no login, phone first): the resident types the code from the 积分卡 slip (or
 * follows its QR link, the code after `#`) and the last four digits of their registered phone, sees
 * who served them and what was done, and confirms with one tap on how satisfied they are.
 */
import { PublicShell } from '../components/PublicShell.tsx';
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Space, Typography } from 'antd';
import { api } from '../api.ts';
import { errorText } from '../feedback.ts';
import { useLang, useT } from '../i18n.ts';
import type { MsgKey } from '../i18n.ts';

type View = { communityName: string; memberName: string; residentName: string; servedOn: string; record: string; hours: number; state: 'served' | 'confirmed' | 'withdrawn' | 'claimed';
  stateName: string; satisfaction: number | null; canConfirm: boolean; pointsGiven?: boolean };
type Values = { code: string; phone4: string };

/** The code of the link, if any (then removed from the address bar and history). */
function codeFromHash(): string {
  const p = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const code = (p.get('code') ?? '').trim();
  if (code) window.history.replaceState(null, '', window.location.pathname);
  return code;
}

const COLORS: Record<number, string> = { 5: '#389e0d', 4: '#52c41a', 3: '#d4b106', 2: '#fa8c16', 1: '#cf1322' };

/** The public page. */
export function ServiceConfirmPage() {
  const t = useT();
  const lang = useLang();
  const [form] = Form.useForm<Values>();
  const [asked, setAsked] = useState<Values | null>(null);
  const [view, setView] = useState<View | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => { const code = codeFromHash(); if (code) form.setFieldValue('code', code); }, [form]);

  const call = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try { await work(); } catch (err) { setError(err); } finally { setBusy(false); }
  };
  const lookup = (v: Values) => call(async () => {
    const body = { code: v.code.trim(), phone4: v.phone4.trim() };
    setView(await api.post<View>('/public/services/lookup', body));
    setAsked(body);
  });
  const confirm = (satisfaction: number) => call(async () => {
    setView(await api.post<View>('/public/services/confirm', { ...asked, satisfaction }));
    setDone(true);
  });

  return (
    <PublicShell title={t('svcConfirm.title')} testId="svc-confirm-page">
      <div>
        {error !== null && <Alert type="error" showIcon message={errorText(error, lang)} style={{ marginBottom: 12 }} data-testid="svc-confirm-error" />}
        {!view && (
          <Card>
            <Typography.Paragraph>{t('svcConfirm.intro')}</Typography.Paragraph>
            <Form form={form} layout="vertical" onFinish={lookup} requiredMark={false}>
              <Form.Item name="code" label={t('svcConfirm.code')} rules={[{ required: true, whitespace: true, message: t('svcConfirm.codeRequired') }]}>
                <Input size="large" autoComplete="off" placeholder="K7M3-XPA9" style={{ textTransform: 'uppercase', letterSpacing: 2 }} data-testid="svc-confirm-code" />
              </Form.Item>
              <Form.Item name="phone4" label={t('svcConfirm.phone4')} rules={[{ required: true, pattern: /^\d{4}$/, message: t('svcConfirm.phoneRequired') }]}>
                <Input size="large" inputMode="numeric" maxLength={4} autoComplete="off" data-testid="svc-confirm-phone4" />
              </Form.Item>
              <Button type="primary" htmlType="submit" size="large" block loading={busy} data-testid="svc-confirm-lookup">{t('svcConfirm.lookup')}</Button>
            </Form>
          </Card>
        )}
        {view && (
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Card data-testid="svc-confirm-view" data-state={view.state}>
              <Typography.Title level={4} style={{ marginTop: 0 }}>{t('svcConfirm.by', { member: view.memberName })}</Typography.Title>
              <Descriptions size="small" column={1} items={[
                { key: 'c', label: t('svc.community'), children: view.communityName },
                { key: 'd', label: t('svc.servedOn'), children: view.servedOn },
                { key: 'r', label: t('svc.record'), children: view.record },
                { key: 'h', label: t('svc.hours'), children: view.hours },
              ]} />
            </Card>
            {view.canConfirm && !done && (
              <Card title={t('svcConfirm.rate')}>
                <Space orientation="vertical" style={{ width: '100%' }}>
                  {[5, 4, 3, 2, 1].map((n) => (
                    <Button key={n} block size="large" disabled={busy} onClick={() => void confirm(n)} data-testid={`svc-confirm-sat-${n}`}
                      style={{ borderColor: COLORS[n], color: COLORS[n], height: 52, fontSize: 17 }}>{t(`svcConfirm.sat.${n}` as MsgKey)}</Button>
                  ))}
                </Space>
              </Card>
            )}
            {done && <Result status="success" title={t('svcConfirm.done')} subTitle={t('svcConfirm.doneText')} data-testid="svc-confirm-done" />}
            {!done && view.state === 'confirmed' && <Result status="info" title={t('svcConfirm.already')} data-testid="svc-confirm-already" />}
            {view.state === 'withdrawn' && <Result status="warning" title={t('svcConfirm.withdrawn')} />}
          </Space>
        )}
      </div>
    </PublicShell>
  );
}
