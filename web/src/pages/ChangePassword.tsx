/** 修改密码 page: where a user who must change their password lands after login. */
import { Alert, Button, Card } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { ChangePasswordForm } from '../components/ChangePasswordForm.tsx';
import { LangSwitch } from '../components/LangSwitch.tsx';

/** Full-screen change-password page. */
export function ChangePasswordPage() {
  const t = useT();
  const navigate = useNavigate();
  const { me, refresh, logout } = useSession();
  const must = me?.user.mustChangePassword ?? false;

  const done = async () => {
    await refresh();
    navigate('/', { replace: true });
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16 }}>
      <Card title={t('password.title')} style={{ width: '100%', maxWidth: 480 }}
        extra={<><LangSwitch /> <Button type="link" onClick={() => void logout()}>{t('header.logout')}</Button></>}>
        {must && <Alert type="warning" showIcon title={t('password.mustChange')} style={{ marginBottom: 16 }} />}
        <ChangePasswordForm onDone={() => void done()} />
        {!must && <Button type="link" style={{ paddingLeft: 0, marginTop: 8 }} onClick={() => navigate(-1)}>{t('common.back')}</Button>}
      </Card>
    </div>
  );
}
