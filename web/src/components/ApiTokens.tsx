/** The caller's API tokens: list, create (the secret shown once), revoke. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Popconfirm, Space, Typography } from 'antd';
import { api } from '../api.ts';
import { formatTime } from '../dates.ts';
import { useFeedback } from '../feedback.ts';
import { useT } from '../i18n.ts';
import { ItemList } from './ItemList.tsx';
import type { ApiToken, Items } from '../types.ts';

/** API tokens of the signed-in user. */
export function ApiTokens() {
  const t = useT();
  const fb = useFeedback();
  const [items, setItems] = useState<ApiToken[]>([]);
  const [created, setCreated] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ name: string }>();

  const load = useCallback(async () => {
    try {
      setItems((await api.get<Items<ApiToken>>('/auth/tokens')).items);
    } catch (err) {
      fb.error(err);
    }
  }, [fb]);

  useEffect(() => { void load(); }, [load]);

  const create = async (v: { name: string }) => {
    setBusy(true);
    try {
      const res = await api.post<{ token: string | ApiToken; secret?: string }>('/auth/tokens', { name: v.name.trim() });
      const secret = typeof res.token === 'string' ? res.token : (res.secret ?? res.token.token ?? null);
      setCreated(secret);
      form.resetFields();
      await load();
    } catch (err) {
      fb.error(err, form);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (id: number) => {
    try {
      await api.del(`/auth/tokens/${id}`);
      await load();
    } catch (err) {
      fb.error(err);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="api-tokens">
      <Typography.Text type="secondary">{t('tokens.desc')}</Typography.Text>
      {created && (
        <Alert type="success" showIcon closable={{ onClose: () => setCreated(null) }} title={t('tokens.created')}
          description={<Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="token-secret">{created}</Typography.Text>} />
      )}
      <Form form={form} layout="inline" onFinish={(v) => void create(v)} style={{ rowGap: 8 }}>
        <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('tokens.name') }) }]}>
          <Input placeholder={t('tokens.name')} maxLength={50} style={{ width: 200 }} data-testid="token-name" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="token-create">{t('tokens.create')}</Button>
      </Form>
      <ItemList bordered items={items} rowKey={(tk) => tk.id} data-testid="token-list"
        render={(tk) => ({
          title: <>{tk.name} {tk.prefix && <Typography.Text code>{tk.prefix}…</Typography.Text>}</>,
          description: `${t('common.createdAt')} ${formatTime(tk.createdAt)} · ${t('tokens.lastUsed')} ${tk.lastUsedAt ? formatTime(tk.lastUsedAt) : t('tokens.never')}`,
          actions: (
            <Popconfirm title={t('tokens.revokeConfirm')} onConfirm={() => void revoke(tk.id)}>
              <Button type="link" danger size="small">{t('tokens.revoke')}</Button>
            </Popconfirm>
          ),
        })} />
    </Space>
  );
}
