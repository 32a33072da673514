/** 设置动态口令: where an administrator lands when the policy requires a second factor that is not set up yet. */
import { useEffect } from 'react';
import { Button, Card } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { LangSwitch } from '../components/LangSwitch.tsx';
import { TotpSetup } from '../components/TotpSetup.tsx';

/** Full-screen two-factor set-up. */
export function TotpSetupPage() {
  const t = useT();
  const navigate = useNavigate();
  const { me, logout } = useSession();
  const enabled = me?.user.totpEnabled ?? false;

  useEffect(() => {
    if (enabled) navigate('/', { replace: true });
  }, [enabled, navigate]);

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16 }}>
      <Card title={t('totp.title')} style={{ width: '100%', maxWidth: 520 }}
        extra={<><LangSwitch /> <Button type="link" onClick={() => void logout()}>{t('header.logout')}</Button></>}>
        <TotpSetup />
      </Card>
    </div>
  );
}
