/** 记录本次研判: the attendees and the decisions, each optionally linked to a request on the agenda (POST /requests/reviews). */
import { Alert, Button, Card, Form, Input, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useT } from '../../i18n.ts';
import { useSubmit } from '../stars/useSubmit.ts';
import type { AgendaData, Decision } from './Agenda.tsx';

type Values = { attendees: string; decisions: Decision[] };

/** The form; `onHeld` after the meeting is recorded. */
export function MeetingForm({ a, onHeld }: { a: AgendaData; onHeld: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useSubmit(form);
  const items = [...a.overdue, ...a.open.filter((x) => !a.overdue.some((o) => o.id === x.id))];

  const submit = (v: Values) => run(async () => {
    await api.post('/requests/reviews', {
      level: a.level, orgId: a.orgId, gridId: a.gridId, heldOn: a.on, attendees: v.attendees.trim(),
      decisions: v.decisions.map((d) => ({ requestId: d.requestId ?? null, text: d.text.trim() })),
    });
    form.resetFields();
    onHeld();
  });

  return (
    <Card size="small" title={t('rv.hold')} data-testid="rv-hold" style={{ marginTop: 16 }}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="rv-hold-error" />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ decisions: [{ text: '' }] }}>
        <Form.Item name="attendees" label={t('rv.attendees')} rules={[{ required: true, whitespace: true, max: 500 }]}>
          <Input.TextArea rows={2} data-testid="rv-attendees" />
        </Form.Item>
        <Form.List name="decisions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" wrap style={{ display: 'flex', marginBottom: 8 }} data-testid={`rv-decision-${i}`}>
                  <Form.Item name={[f.name, 'requestId']} label={i === 0 ? t('rv.decision.request') : undefined} style={{ marginBottom: 0 }}>
                    <Select allowClear showSearch optionFilterProp="search" style={{ width: 'min(260px, 80vw)' }} data-testid={`rv-decision-request-${i}`}
                      options={items.map((x) => ({ value: x.id, search: `${x.trackingCode} ${x.title}`, label: <span data-testid={`rv-decision-${i}-option-${x.id}`}>{x.trackingCode} {x.title}</span> }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'text']} label={i === 0 ? t('rv.decision.text') : undefined} rules={[{ required: true, whitespace: true, max: 500 }]} style={{ marginBottom: 0 }}>
                    <Input style={{ width: 'min(320px, 80vw)' }} data-testid={`rv-decision-text-${i}`} />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} style={{ marginTop: i === 0 ? 38 : 8 }} data-testid={`rv-decision-remove-${i}`} />}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ text: '' })} style={{ marginBottom: 12 }} data-testid="rv-decision-add">{t('rv.decision.add')}</Button>
            </>
          )}
        </Form.List>
        <div><Button type="primary" htmlType="submit" loading={busy} data-testid="rv-hold-submit">{t('rv.hold')}</Button></div>
      </Form>
    </Card>
  );
}
