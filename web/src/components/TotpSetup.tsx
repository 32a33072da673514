/** Set up 动态口令 (TOTP): get a secret, scan the QR code or type the secret, confirm with a code. */
import { useState } from 'react';
import { Alert, Button, Form, Input, QRCode, Space, Tag, Typography } from 'antd';
import { api } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useT } from '../i18n.ts';
import { useSession } from '../session.tsx';

/** The two-factor card body. */
export function TotpSetup() {
  const t = useT();
  const fb = useFeedback();
  const { me, refresh } = useSession();
  const [setup, setSetup] = useState<{ secret: string; uri: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ code: string }>();
  const enabled = me?.user.totpEnabled ?? false;

  const begin = async () => {
    setBusy(true);
    try {
      setSetup(await api.post<{ secret: string; uri: string }>('/auth/totp/setup'));
    } catch (err) {
      fb.error(err);
    } finally {
      setBusy(false);
    }
  };

  const enable = async (v: { code: string }) => {
    setBusy(true);
    try {
      await api.post('/auth/totp/enable', { code: v.code });
      fb.success(t('totp.enabledOk'));
      setSetup(null);
      await refresh();
    } catch (err) {
      fb.error(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="totp-setup">
      <div>{enabled ? <Tag color="green">{t('totp.enabled')}</Tag> : <Tag>{t('totp.disabled')}</Tag>}</div>
      {!enabled && me?.user.totpRequired && <Alert type="warning" showIcon title={t('totp.required')} />}
      {!setup && (
        <Button onClick={() => void begin()} loading={busy} data-testid="totp-begin">{t('totp.setup')}</Button>
      )}
      {setup && (
        <>
          <Typography.Paragraph>{t('totp.scan')}</Typography.Paragraph>
          <QRCode value={setup.uri} size={180} errorLevel="M" data-testid="totp-qr" />
          <Typography.Text>{t('totp.secret')}：<Typography.Text code copyable data-testid="totp-secret">{setup.secret}</Typography.Text></Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
            {t('totp.uri')}：<Typography.Text copyable style={{ fontSize: 12 }} data-testid="totp-uri">{setup.uri}</Typography.Text>
          </Typography.Text>
          <Form form={form} layout="inline" onFinish={(v) => void enable(v)} style={{ marginTop: 8, rowGap: 8 }}>
            <Form.Item name="code" rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpInvalid') }]}>
              <Input placeholder={t('totp.code')} maxLength={6} inputMode="numeric" autoComplete="one-time-code" style={{ width: 140 }} data-testid="totp-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="totp-enable">{t('totp.enable')}</Button>
          </Form>
        </>
      )}
    </Space>
  );
}
