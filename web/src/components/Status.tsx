/** Result screens for 403 and 404. */
import { Button, Result, Spin } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../i18n.ts';

/** Shown when the user lacks the capability for a page. */
export function Forbidden() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result status="403" title="403" subTitle={t('common.noPermission')}
      extra={<Button type="primary" onClick={() => navigate('/')}>{t('common.toHome')}</Button>} />
  );
}

/** Shown for an unknown address. */
export function NotFound() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result status="404" title="404" subTitle={t('common.notFound')}
      extra={<Button type="primary" onClick={() => navigate('/')}>{t('common.toHome')}</Button>} />
  );
}

/** A centred spinner while a chunk or data loads. */
export function PageSpinner() {
  return <div style={{ display: 'flex', justifyContent: 'center', padding: 80 }}><Spin size="large" /></div>;
}
