/** The change-password form, used on its own page and on 我的. */
import { useState } from 'react';
import { Button, Form, Input, Typography } from 'antd';
import { api } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useT } from '../i18n.ts';

type Values = { current: string; next: string; confirm: string };

/** Asks for the current password and a new one twice; calls onDone after success. */
export function ChangePasswordForm({ onDone }: { onDone?: () => void }) {
  const t = useT();
  const fb = useFeedback();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      await api.post('/auth/password', { current: v.current, next: v.next });
      fb.success(t('password.changed'));
      form.resetFields();
      onDone?.();
    } catch (err) {
      fb.error(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} style={{ maxWidth: 420 }} data-testid="password-form">
      <Typography.Paragraph type="secondary">{t('password.hint')}</Typography.Paragraph>
      <Form.Item name="current" label={t('password.current')} rules={[{ required: true, message: t('common.required', { field: t('password.current') }) }]}>
        <Input.Password autoComplete="current-password" data-testid="password-current" />
      </Form.Item>
      <Form.Item name="next" label={t('password.next')} rules={[{ required: true, message: t('common.required', { field: t('password.next') }) }]}>
        <Input.Password autoComplete="new-password" data-testid="password-next" />
      </Form.Item>
      <Form.Item name="confirm" label={t('password.confirm')} dependencies={['next']}
        rules={[{ required: true, message: t('common.required', { field: t('password.confirm') }) },
          ({ getFieldValue }) => ({ validator: (_r, value) => (!value || value === getFieldValue('next') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))) })]}>
        <Input.Password autoComplete="new-password" data-testid="password-confirm" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="password-submit">{t('common.save')}</Button>
    </Form>
  );
}
