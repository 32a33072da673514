/**
 * The member's side of 点对点服务, phone first: the open needs of their communities (身边需求) with one
 * tap to claim, and their own services (我的服务): where to go, 记录服务 (date, what was done, hours),
 * 撤销 before recording, and the resident's confirmation with the points once it comes.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Drawer, Empty, Form, Input, InputNumber, List, Popconfirm, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { useFeedback } from '../../feedback.ts';
import { useT } from '../../i18n.ts';
import { useDrawerSize } from '../points/shared.tsx';
import { useSubmit } from '../stars/useSubmit.ts';
import { ServiceFacts } from './ServiceActions.tsx';
import { STATE_COLORS, stateKey, type OpenNeed, type Service } from './types.ts';

/** 身边需求: open, unclaimed needs of the member's communities. */
export function OpenNeedsTab({ onClaimed }: { onClaimed: () => void }) {
  const t = useT();
  const fb = useFeedback();
  const [items, setItems] = useState<OpenNeed[] | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const load = useCallback(() => { api.get<{ items: OpenNeed[] }>('/service-needs/open').then((r) => setItems(r.items)).catch((err: unknown) => fb.error(err)); }, [fb]);
  useEffect(load, [load]);
  const claim = (id: number) => {
    setBusy(id);
    api.post(`/service-needs/${id}/claim`).then(() => { fb.success(t('svc.claimed')); load(); onClaimed(); })
      .catch((err: unknown) => { fb.error(err); load(); }).finally(() => setBusy(null));
  };
  if (items && !items.length) return <Empty description={t('svc.open.empty')} data-testid="svc-open-empty" />;
  return (
    <List<OpenNeed> loading={!items} dataSource={items ?? []} data-testid="svc-open" renderItem={(n) => (
      <List.Item key={n.id} data-testid={`svc-open-${n.id}`} style={{ display: 'block' }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
          <div style={{ minWidth: 0 }}>
            <Space size={4} wrap><Typography.Text strong>{n.residentName}</Typography.Text><Tag color="volcano">{n.kind}</Tag><Typography.Text type="secondary">{n.communityName}</Typography.Text></Space>
            <div style={{ marginTop: 4, wordBreak: 'break-all' }}>{n.need}</div>
          </div>
          <Button type="primary" loading={busy === n.id} onClick={() => claim(n.id)} data-testid={`svc-claim-${n.id}`}>{t('svc.claim')}</Button>
        </Space>
      </List.Item>
    )} />
  );
}

type ServeValues = { servedOn: Dayjs; record: string; hours: number };

/** 记录服务: the date, what was done and how long; the code then goes to the community, not to the member. */
function ServeDrawer({ s, onClose, onDone }: { s: Service; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const size = useDrawerSize(480);
  const [form] = Form.useForm<ServeValues>();
  const { busy, error, run } = useSubmit(form);
  const submit = (v: ServeValues) => run(async () => {
    await api.post(`/service-needs/services/${s.id}/serve`, { servedOn: v.servedOn.format('YYYY-MM-DD'), record: v.record.trim(), hours: v.hours });
    onDone();
  });
  return (
    <Drawer open title={`${t('svc.serve')} · ${s.residentName}`} size={size} onClose={onClose} destroyOnHidden data-testid="svc-serve-drawer">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ servedOn: dayjs(), hours: 1 }}>
        <Form.Item name="servedOn" label={t('svc.servedOn')} rules={[{ required: true }]}>
          <DatePicker inputReadOnly disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} data-testid="svc-serve-date" />
        </Form.Item>
        <Form.Item name="record" label={t('svc.record')} rules={[{ required: true, whitespace: true, max: 1000 }]}>
          <Input.TextArea rows={4} showCount maxLength={1000} data-testid="svc-serve-record" />
        </Form.Item>
        <Form.Item name="hours" label={t('svc.hours')} rules={[{ required: true }]}>
          <InputNumber min={0.5} max={24} step={0.5} style={{ width: '100%' }} data-testid="svc-serve-hours" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="svc-serve-submit">{t('cm.submit')}</Button>
      </Form>
    </Drawer>
  );
}

/** 我的服务: the member's claims and services, newest first. */
export function MyServicesTab({ tick }: { tick: number }) {
  const t = useT();
  const fb = useFeedback();
  const [items, setItems] = useState<Service[] | null>(null);
  const [serving, setServing] = useState<Service | null>(null);
  const load = useCallback(() => { api.get<{ items: Service[] }>('/service-needs/my-services').then((r) => setItems(r.items)).catch((err: unknown) => fb.error(err)); }, [fb]);
  useEffect(load, [load, tick]);
  const withdraw = (id: number) => api.post(`/service-needs/services/${id}/withdraw`, {}).then(() => { fb.success(); load(); }).catch((err: unknown) => fb.error(err));
  if (items && !items.length) return <Empty description={t('svc.mine.empty')} />;
  return (
    <>
      <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="svc-mine">
        {(items ?? []).map((s) => (
          <Card key={s.id} size="small" data-testid={`svc-mine-${s.id}`} data-state={s.state}
            title={<Space size={4} wrap><span>{s.residentName}</span><Tag color="volcano">{s.kind}</Tag></Space>}
            extra={<Tag color={STATE_COLORS[s.state]}>{t(stateKey(s.state))}</Tag>}>
            <div style={{ wordBreak: 'break-all' }}>{s.need}</div>
            <Typography.Text type="secondary">{s.communityName}{s.address ? ` · ${s.address}` : ''}</Typography.Text>
            {s.state !== 'claimed' && <ServiceFacts s={s} />}
            {s.state === 'served' && <Alert type="info" showIcon message={t('svc.served')} style={{ marginTop: 8 }} />}
            {(s.actions.includes('serve') || s.actions.includes('withdraw')) && (
              <Space style={{ marginTop: 8 }}>
                {s.actions.includes('serve') && <Button type="primary" onClick={() => setServing(s)} data-testid={`svc-serve-${s.id}`}>{t('svc.serve')}</Button>}
                {s.actions.includes('withdraw') && (
                  <Popconfirm title={t('svc.withdrawConfirm')} onConfirm={() => withdraw(s.id)}><Button data-testid={`svc-mine-withdraw-${s.id}`}>{t('svc.withdraw')}</Button></Popconfirm>
                )}
              </Space>
            )}
          </Card>
        ))}
      </Space>
      {serving && <ServeDrawer s={serving} onClose={() => setServing(null)} onDone={() => { setServing(null); fb.success(t('svc.served')); load(); }} />}
    </>
  );
}
