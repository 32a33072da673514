/** 登录: username and password, then a 6-digit 动态口令 when the server asks for a second factor. */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError, api, setCsrfToken } from '../api.ts';
import { errorText } from '../feedback.ts';
import { useLang, useT } from '../i18n.ts';
import { dutyPath, useSession } from '../session.tsx';
import { LangSwitch } from '../components/LangSwitch.tsx';
import type { SessionUser } from '../types.ts';

type LoginForm = { username: string; password: string; totp?: string };
type LoginState = { from?: string; reason?: 'idle' | 'expired' } | null;

/** The login page. */
export function LoginPage() {
  const t = useT();
  const lang = useLang();
  const navigate = useNavigate();
  const location = useLocation();
  const { me, refresh } = useSession();
  const [form] = Form.useForm<LoginForm>();
  const [needTotp, setNeedTotp] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const state = location.state as LoginState;

  if (me && !busy) return <Navigate to={dutyPath(me) ?? (state?.from || '/')} replace />;

  const submit = async (values: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<{ user?: SessionUser; userId?: number; csrfToken: string }>('/auth/login', {
        username: values.username.trim(), password: values.password, ...(needTotp && values.totp ? { totp: values.totp } : {}),
      }, { allow401: true });
      setCsrfToken(res.csrfToken);
      const session = await refresh();
      navigate(dutyPath(session) ?? (state?.from || '/'), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'SECOND_FACTOR_REQUIRED') {
        if (needTotp) setError(err);
        setNeedTotp(true);
        form.setFieldValue('totp', '');
      } else {
        setError(err);
        if (err instanceof ApiError && err.code === 'BAD_CREDENTIALS') form.setFieldValue(needTotp ? 'totp' : 'password', '');
      }
    } finally {
      setBusy(false);
    }
  };

  const notice = state?.reason === 'idle' ? t('common.idleLogout') : state?.reason === 'expired' ? t('common.sessionExpired') : null;

  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', padding: 16,
      background: 'linear-gradient(160deg, #a8071a 0%, #c8102e 45%, #f5f5f5 45.1%)' }}>
      <div style={{ position: 'absolute', top: 16, right: 16 }}><LangSwitch /></div>
      <div style={{ color: '#fff', textAlign: 'center', marginBottom: 24 }}>
        <div style={{ fontSize: 40, color: '#ffd700', lineHeight: 1 }}>★</div>
        <Typography.Title level={2} style={{ color: '#fff', margin: '8px 0 0' }}>{t('app.title')}</Typography.Title>
        <div style={{ fontSize: 16, opacity: 0.9 }}>{t('app.subtitle')}</div>
      </div>
      <Card style={{ width: '100%', maxWidth: 400, boxShadow: '0 6px 24px rgba(0,0,0,0.12)' }} title={t('login.title')}>
        {notice && !error && <Alert type="info" showIcon title={notice} style={{ marginBottom: 16 }} />}
        {error !== null && <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} autoComplete="on">
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('login.username') }) }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" data-testid="login-username" disabled={needTotp} />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" data-testid="login-password" disabled={needTotp} />
          </Form.Item>
          {needTotp && (
            <Form.Item name="totp" label={t('login.totp')} extra={t('login.totpHint')}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpInvalid') }]}>
              <Input prefix={<SafetyOutlined />} size="large" maxLength={6} inputMode="numeric" autoComplete="one-time-code" autoFocus data-testid="login-totp" />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">{t('login.submit')}</Button>
          {needTotp && (
            <Button type="link" block style={{ marginTop: 8 }} onClick={() => { setNeedTotp(false); setError(null); form.resetFields(['totp', 'password']); }}>
              {t('common.back')}
            </Button>
          )}
        </Form>
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 24, fontSize: 12 }}>{t('login.footer')}</Typography.Text>
    </div>
  );
}
