/** A need's drawer for the community's staff: the resident and the need, its services with their steps, 修改 and 关闭. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Form, Input, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { api } from '../../api.ts';
import { errorText, useFeedback } from '../../feedback.ts';
import { useLang, useT } from '../../i18n.ts';
import { useDrawerSize } from '../points/shared.tsx';
import { useSubmit } from '../stars/useSubmit.ts';
import { ServiceActions } from './ServiceActions.tsx';
import { NEED_KINDS, STATE_COLORS, stateKey, type Need, type Service } from './types.ts';

type Detail = Need & { services: Service[] };
type Values = { kind?: string; need?: string; reason?: string };

/** The drawer. */
export function NeedDetail({ id, onClose, onChanged }: { id: number; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const size = useDrawerSize(720);
  const [d, setD] = useState<Detail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [mode, setMode] = useState<'update' | 'close' | null>(null);
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useSubmit(form);

  const load = useCallback(() => {
    api.get<Detail>(`/service-needs/${id}`).then((r) => { setD(r); setProblem(null); }).catch((err: unknown) => setProblem(errorText(err, lang)));
  }, [id, lang]);
  useEffect(load, [load]);
  const changed = () => { load(); onChanged(); };
  const submit = (v: Values) => run(async () => {
    if (mode === 'close') await api.post(`/service-needs/${id}/close`, { rowVersion: d?.rowVersion, reason: v.reason?.trim() });
    else await api.patch(`/service-needs/${id}`, { rowVersion: d?.rowVersion, kind: v.kind, need: v.need?.trim() });
    fb.success();
    setMode(null);
    changed();
  });

  return (
    <Drawer open title={t('svc.needDetail')} size={size} onClose={onClose} data-testid="svc-need-detail">
      {problem && <Alert type="error" showIcon message={problem} />}
      {!problem && !d && <div style={{ textAlign: 'center', padding: 40 }}><Spin /></div>}
      {d && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="svc-need-body" data-state={d.state}>
          <Descriptions size="small" column={1} bordered items={[
            { key: 'r', label: t('svc.resident'), children: <>{d.residentName} <Tag>{d.kind}</Tag></> },
            { key: 'c', label: t('svc.community'), children: d.communityName },
            { key: 'a', label: t('svc.address'), children: d.address ?? '—' },
            { key: 'p', label: t('svc.phone'), children: d.phoneMasked ?? '—' },
            { key: 'n', label: t('svc.need'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{d.need}</span> },
            { key: 's', label: t('svc.state'), children: <Tag color={d.state === 'open' ? 'green' : 'default'}>{t(`svc.needState.${d.state}`)}</Tag> },
          ]} />
          <Typography.Title level={5} style={{ margin: 0 }}>{t('svc.history')}</Typography.Title>
          <Table<Service> rowKey="id" size="small" pagination={false} dataSource={d.services} locale={{ emptyText: t('svc.noServices') }} data-testid="svc-need-services" scroll={{ x: 640 }}
            columns={[
              { title: t('svc.member'), dataIndex: 'memberName', width: 90 },
              { title: t('svc.servedOn'), dataIndex: 'servedOn', width: 100 },
              { title: t('svc.record'), dataIndex: 'record', ellipsis: true },
              { title: t('svc.state'), dataIndex: 'state', width: 110, render: (v: Service['state']) => <Tag color={STATE_COLORS[v]}>{t(stateKey(v))}</Tag> },
              { title: t('common.actions'), key: 'x', width: 200, render: (_v, s) => <ServiceActions s={s} onChanged={changed} /> },
            ]} />
          {error && <Alert type="error" showIcon message={error} />}
          {!mode && (
            <Space wrap>
              {d.actions.includes('update') && <Button onClick={() => { form.setFieldsValue({ kind: d.kind, need: d.need }); setMode('update'); }} data-testid="svc-need-edit">{t('svc.edit')}</Button>}
              {d.actions.includes('close') && <Button danger onClick={() => setMode('close')} data-testid="svc-need-close">{t('svc.close')}</Button>}
            </Space>
          )}
          {mode && (
            <Form form={form} layout="vertical" onFinish={submit}>
              {mode === 'update' ? (
                <>
                  <Form.Item name="kind" label={t('svc.kind')} rules={[{ required: true }]}><Select options={NEED_KINDS.map((k) => ({ value: k, label: k }))} /></Form.Item>
                  <Form.Item name="need" label={t('svc.need')} rules={[{ required: true, whitespace: true, max: 500 }]}><Input.TextArea rows={3} /></Form.Item>
                </>
              ) : (
                <Form.Item name="reason" label={t('svc.closeReason')} rules={[{ required: true, whitespace: true, max: 200 }]}><Input data-testid="svc-need-close-reason" /></Form.Item>
              )}
              <Space>
                <Button onClick={() => setMode(null)}>{t('common.cancel')}</Button>
                <Button type="primary" danger={mode === 'close'} htmlType="submit" loading={busy} data-testid="svc-need-submit">{t('cm.submit')}</Button>
              </Space>
            </Form>
          )}
        </Space>
      )}
    </Drawer>
  );
}
