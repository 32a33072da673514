/** 安全策略: password rules, lockout, idle logout and two factors for administrators (等保2.0 三级). */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Form, InputNumber, Row, Switch } from 'antd';
import { api } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useT } from '../i18n.ts';
import { PageSpinner } from '../components/Status.tsx';
import type { SecurityPolicy } from '../types.ts';

/** The security policy page. */
export function SecurityPage() {
  const t = useT();
  const fb = useFeedback();
  const [form] = Form.useForm<SecurityPolicy>();
  const [policy, setPolicy] = useState<SecurityPolicy | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.get<SecurityPolicy | { policy: SecurityPolicy }>('/security/policy')
      .then((p) => setPolicy('policy' in p ? p.policy : p))
      .catch((err: unknown) => fb.error(err));
  }, [fb]);

  const save = async (v: SecurityPolicy) => {
    setBusy(true);
    try {
      const next: SecurityPolicy = { ...policy, ...v };
      await api.put('/security/policy', next);
      setPolicy(next);
      fb.success(t('common.saved'));
    } catch (err) {
      fb.error(err, form);
    } finally {
      setBusy(false);
    }
  };

  if (!policy) return <PageSpinner />;

  const num = (name: keyof SecurityPolicy, label: string, min: number, max: number, extra?: string) => (
    <Col xs={24} md={12}>
      <Form.Item name={name} label={label} extra={extra} rules={[{ required: true, type: 'number', min, max }]}>
        <InputNumber min={min} max={max} precision={0} style={{ width: '100%' }} data-testid={`policy-${name}`} />
      </Form.Item>
    </Col>
  );

  return (
    <Form form={form} layout="vertical" initialValues={policy} onFinish={(v) => void save(v)} data-testid="security-form">
      <Alert type="info" showIcon title={t('security.desc')} style={{ marginBottom: 16 }} />
      <Card title={t('security.password')} size="small" style={{ marginBottom: 16 }}>
        <Row gutter={24}>
          {num('minLength', t('security.minLength'), 8, 64)}
          {num('classes', t('security.classes'), 1, 4, t('security.classesHint'))}
          {num('maxAgeDays', t('security.maxAgeDays'), 0, 3650, t('security.maxAgeHint'))}
        </Row>
      </Card>
      <Card title={t('security.login')} size="small" style={{ marginBottom: 16 }}>
        <Row gutter={24}>
          {num('lockoutThreshold', t('security.lockoutThreshold'), 3, 20)}
          {num('lockoutMinutes', t('security.lockoutMinutes'), 1, 1440)}
          {num('idleTimeoutMinutes', t('security.idleTimeoutMinutes'), 5, 480)}
          <Col xs={24} md={12}>
            <Form.Item name="requireTotpForAdmins" label={t('security.requireTotpForAdmins')} valuePropName="checked" extra={t('security.requireTotpHint')}>
              <Switch data-testid="policy-requireTotpForAdmins" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="policy-save">{t('common.save')}</Button>
    </Form>
  );
}
