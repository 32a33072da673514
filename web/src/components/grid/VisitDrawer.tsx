/**
 * 记录走访, made to be filled on a phone in under a minute: the kind (one tap), the household
 * (or whom, typed), what was heard, the follow-up; the date is today unless changed.
 */
import { Alert, Button, DatePicker, Drawer, Form, Input, Segmented, Select } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { useT } from '../../i18n.ts';
import { useDrawerSize } from '../points/shared.tsx';
import { useSubmit } from '../stars/useSubmit.ts';
import { householdLabel, useToday, VISIT_KINDS, type Household, type VisitKind } from './shared.tsx';

type Values = { kind: VisitKind; householdId?: number; whom: string; heard: string; followUp?: string; visitedOn?: Dayjs };

/** The drawer; `onDone` gets the new visit's id. */
export function VisitDrawer({ communityId, gridId, householdId, households, onClose, onDone }: {
  communityId: number; gridId?: number; householdId?: number; households: Household[]; onClose: () => void; onDone: (id: number) => void;
}) {
  const t = useT();
  const size = useDrawerSize(520);
  const today = useToday();
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useSubmit(form);
  const head = (id?: number) => households.find((h) => h.id === id)?.headName ?? '';

  const submit = (v: Values) => run(async () => {
    const h = households.find((x) => x.id === v.householdId);
    const day = v.visitedOn?.format('YYYY-MM-DD');
    const r = await api.post<{ id: number }>('/visits', {
      communityId, gridId: h ? h.gridId : gridId ?? null, householdId: v.householdId ?? null, kind: v.kind, whom: v.whom.trim(), heard: v.heard.trim(),
      followUp: v.followUp?.trim() ? v.followUp.trim() : null,
      // the server's today is the default: a phone in another time zone must not make the day "in the future"
      ...(day && day !== today && day !== dayjs().format('YYYY-MM-DD') ? { visitedOn: day } : {}),
    });
    onDone(r.id);
  });

  // picking a household fills "whom" with its head, unless something else was typed
  const onValuesChange = (changed: Partial<Values>) => {
    if (!('householdId' in changed)) return;
    const whom = form.getFieldValue('whom') as string | undefined;
    if (!whom || households.some((h) => h.headName === whom)) form.setFieldValue('whom', head(changed.householdId));
  };

  return (
    <Drawer open title={t('gw.v.record')} size={size} onClose={onClose} destroyOnHidden data-testid="gw-visit-drawer" styles={{ body: { paddingTop: 12 } }}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="gw-visit-error" />}
      <Form form={form} layout="vertical" onFinish={submit} onValuesChange={onValuesChange} requiredMark={false}
        initialValues={{ kind: '走访', householdId, whom: head(householdId), visitedOn: dayjs() }}>
        <Form.Item name="kind" label={t('gw.v.kind')} style={{ marginBottom: 12 }}>
          <Segmented<VisitKind> style={{ maxWidth: '100%', overflowX: 'auto' }} data-testid="gw-visit-kind"
            options={VISIT_KINDS.map((k) => ({ value: k, label: <span data-testid={`gw-visit-kind-${k}`}>{k}</span> }))} />
        </Form.Item>
        <Form.Item name="householdId" label={t('gw.v.household')} style={{ marginBottom: 12 }}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('gw.v.householdHint')} size="large" data-testid="gw-visit-household"
            options={households.map((h) => ({ value: h.id, label: householdLabel(h) }))}
            optionRender={(o) => <span data-testid={`gw-visit-household-option-${String(o.value)}`}>{o.label}</span>} />
        </Form.Item>
        <Form.Item name="whom" label={t('gw.v.whom')} rules={[{ required: true, whitespace: true, message: '请填写走访对象' }, { max: 100 }]} style={{ marginBottom: 12 }}>
          <Input size="large" placeholder={t('gw.v.whomHint')} data-testid="gw-visit-whom" />
        </Form.Item>
        <Form.Item name="heard" label={t('gw.v.heard')} rules={[{ required: true, whitespace: true, message: '请填写听到的情况' }, { max: 2000 }]} style={{ marginBottom: 12 }}>
          <Input.TextArea rows={4} placeholder={t('gw.v.heardHint')} data-testid="gw-visit-heard" />
        </Form.Item>
        <Form.Item name="followUp" label={t('gw.v.followUp')} rules={[{ max: 1000 }]} style={{ marginBottom: 12 }}>
          <Input.TextArea rows={2} data-testid="gw-visit-follow-up" />
        </Form.Item>
        <Form.Item name="visitedOn" label={t('gw.v.visitedOn')} style={{ marginBottom: 16 }}>
          <DatePicker allowClear={false} inputReadOnly style={{ width: '100%' }} size="large" data-testid="gw-visit-date"
            disabledDate={(d) => d.isAfter(today ? dayjs(today) : dayjs(), 'day')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="gw-visit-submit">{t('gw.v.save')}</Button>
      </Form>
    </Drawer>
  );
}
