/** 设岗 and 开设突发事件处置岗 drawers. */
import { useEffect, useState } from 'react';
import { Alert, Button, Drawer, Form, Input, InputNumber, Select, Space } from 'antd';
import { api } from '../../api.ts';
import { useT } from '../../i18n.ts';
import { OrgTreeSelect } from '../OrgTreeSelect.tsx';
import { useDrawerSize } from '../points/shared.tsx';
import { useSubmit } from '../stars/useSubmit.ts';

type Values = { orgId?: number; type?: string; name: string; duties?: string; places?: number };

/** Opens a post (`emergency`: the one-step 突发事件处置岗). */
export function OpenPostDrawer({ emergency, onClose, onOpened }: { emergency: boolean; onClose: () => void; onOpened: (id: number) => void }) {
  const t = useT();
  const size = useDrawerSize(520);
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useSubmit(form);
  const [types, setTypes] = useState<{ name: string; emergency: boolean }[]>([]);
  useEffect(() => { if (!emergency) api.get<{ items: { name: string; emergency: boolean }[] }>('/posts/types').then((r) => setTypes(r.items)).catch(() => undefined); }, [emergency]);

  const submit = (v: Values) => run(async () => {
    const r = emergency
      ? await api.post<{ id: number }>('/posts/emergency', { orgId: v.orgId, name: v.name.trim() })
      : await api.post<{ id: number }>('/posts', { orgId: v.orgId, type: v.type, name: v.name.trim(), duties: v.duties?.trim(), places: v.places ?? 1 });
    onOpened(r.id);
  });

  return (
    <Drawer open title={emergency ? t('post.emergency') : t('post.new')} size={size} onClose={onClose} destroyOnHidden data-testid="post-open-drawer"
      extra={<Space>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" danger={emergency} loading={busy} onClick={() => form.submit()} data-testid="post-open-submit">{t('cm.submit')}</Button>
      </Space>}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ places: 1 }}>
        <Form.Item name="orgId" label={t('post.org')} rules={[{ required: true }]}><OrgTreeSelect data-testid="post-open-org" /></Form.Item>
        {!emergency && (
          <Form.Item name="type" label={t('post.type')} rules={[{ required: true }]}>
            <Select showSearch data-testid="post-open-type" options={types.filter((x) => !x.emergency).map((x) => ({ value: x.name, label: x.name }))} />
          </Form.Item>
        )}
        <Form.Item name="name" label={emergency ? t('post.emergencyName') : t('post.name')} rules={[{ required: true, whitespace: true, max: 60 }]}>
          <Input data-testid="post-open-name" />
        </Form.Item>
        {!emergency && (
          <>
            <Form.Item name="duties" label={t('post.duties')} rules={[{ required: true, whitespace: true, max: 1000 }]}><Input.TextArea rows={3} data-testid="post-open-duties" /></Form.Item>
            <Form.Item name="places" label={t('post.placesField')}><InputNumber min={1} max={500} precision={0} data-testid="post-open-places" /></Form.Item>
          </>
        )}
      </Form>
    </Drawer>
  );
}
