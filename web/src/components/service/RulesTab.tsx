/** 服务积分规则: which scheme and indicator a confirmed service earns, per organisation (the nearest rule above a member's branch applies). */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { api } from '../../api.ts';
import { useFeedback } from '../../feedback.ts';
import { useT } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { OrgTreeSelect } from '../OrgTreeSelect.tsx';
import { useSubmit } from '../stars/useSubmit.ts';
import type { Rule } from './types.ts';

type Options = { schemes: { id: number; name: string; indicators: { code: string; name: string; points: number }[] }[] };
type Values = { orgId?: number; schemeId?: number; indicator?: string };

/** The tab. */
export function RulesTab() {
  const t = useT();
  const fb = useFeedback();
  const { can } = useSession();
  const [items, setItems] = useState<Rule[]>([]);
  const [options, setOptions] = useState<Options | null>(null);
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useSubmit(form);
  const orgId = Form.useWatch('orgId', form);
  const schemeId = Form.useWatch('schemeId', form);

  const load = useCallback(() => { api.get<{ items: Rule[] }>('/service-needs/rules').then((r) => setItems(r.items)).catch((err: unknown) => fb.error(err)); }, [fb]);
  useEffect(load, [load]);
  useEffect(() => {
    setOptions(null);
    if (!orgId) return;
    api.get<Options>('/service-needs/rule-options', { orgId }).then(setOptions).catch((err: unknown) => fb.error(err));
  }, [orgId, fb]);

  const save = (v: Values) => run(async () => { await api.put('/service-needs/rules', v); fb.success(); form.resetFields(); load(); });
  const remove = (id: number) => api.del(`/service-needs/rules/${id}`).then(() => { fb.success(); load(); }).catch((err: unknown) => fb.error(err));
  const scheme = options?.schemes.find((s) => s.id === schemeId);
  const manager = can('request.manage');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="svc-rules">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('svc.rules.hint')}</Typography.Paragraph>
      <Table<Rule> rowKey="id" size="small" pagination={false} dataSource={items} locale={{ emptyText: t('svc.rules.none') }} data-testid="svc-rules-table"
        columns={[
          { title: t('svc.rules.org'), dataIndex: 'orgName' },
          { title: t('svc.rules.scheme'), dataIndex: 'schemeName' },
          { title: t('svc.rules.indicator'), dataIndex: 'indicator', render: (v: string, r) => `${v} ${r.indicatorName ?? ''}` },
          ...(manager ? [{ title: t('common.actions'), key: 'x', width: 90, render: (_v: unknown, r: Rule) => (
            <Popconfirm title={t('common.delete')} onConfirm={() => remove(r.id)}><Button size="small" danger>{t('common.delete')}</Button></Popconfirm>
          ) }] : []),
        ]} />
      {manager && (
        <Card size="small">
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="inline" onFinish={save} onValuesChange={(c: Values) => {
            if ('orgId' in c) form.setFieldsValue({ schemeId: undefined, indicator: undefined });
            if ('schemeId' in c) form.setFieldValue('indicator', undefined);
          }}>
            <Form.Item name="orgId" label={t('svc.rules.org')} rules={[{ required: true }]}><OrgTreeSelect style={{ width: 220 }} data-testid="svc-rule-org" /></Form.Item>
            <Form.Item name="schemeId" label={t('svc.rules.scheme')} rules={[{ required: true }]} extra={options && !options.schemes.length ? t('svc.rules.noSchemes') : undefined}>
              <Select style={{ width: 220 }} disabled={!options} options={(options?.schemes ?? []).map((s) => ({ value: s.id, label: s.name }))} data-testid="svc-rule-scheme" />
            </Form.Item>
            <Form.Item name="indicator" label={t('svc.rules.indicator')} rules={[{ required: true }]}>
              <Select style={{ width: 240 }} disabled={!scheme} showSearch optionFilterProp="label" data-testid="svc-rule-indicator"
                options={(scheme?.indicators ?? []).map((x) => ({ value: x.code, label: `${x.code} ${x.name}（+${x.points}）` }))} />
            </Form.Item>
            <Form.Item><Button type="primary" htmlType="submit" loading={busy} data-testid="svc-rule-save">{t('svc.rules.save')}</Button></Form.Item>
          </Form>
        </Card>
      )}
    </Space>
  );
}
