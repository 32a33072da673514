/** 登记住户: grid, building, entrance, room, address, head of household and tags. */
import { Alert, Button, Drawer, Form, Input, Select, Space } from 'antd';
import { api } from '../../api.ts';
import { useT } from '../../i18n.ts';
import { useDrawerSize } from '../points/shared.tsx';
import { useSubmit } from '../stars/useSubmit.ts';
import type { Grid } from '../../types.ts';
import { gridOptions } from './shared.tsx';

type Values = { gridId?: number; building?: string; unitNo?: string; room?: string; address: string; headName?: string; tags?: string[] };

/** The drawer; `onAdded` gets the new household's id. */
export function HouseholdDrawer({ communityId, gridId, grids, onClose, onAdded }: { communityId: number; gridId?: number; grids: Grid[]; onClose: () => void; onAdded: (id: number) => void }) {
  const t = useT();
  const size = useDrawerSize(520);
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useSubmit(form);

  const submit = (v: Values) => run(async () => {
    const blank = (s?: string) => (s?.trim() ? s.trim() : null);
    const r = await api.post<{ id: number }>('/households', {
      communityId, gridId: v.gridId ?? null, building: blank(v.building), unitNo: blank(v.unitNo), room: blank(v.room), address: v.address.trim(), headName: blank(v.headName), tags: v.tags ?? [],
    });
    onAdded(r.id);
  });

  // the address follows building, entrance and room until typed by hand
  const onValuesChange = (changed: Partial<Values>, all: Values) => {
    if (!('building' in changed || 'unitNo' in changed || 'room' in changed) || form.isFieldTouched('address')) return;
    form.setFieldValue('address', [all.building, all.unitNo, all.room].filter(Boolean).join(''));
  };

  return (
    <Drawer open title={t('gw.hh.new')} size={size} onClose={onClose} destroyOnHidden data-testid="gw-hh-drawer"
      extra={<Space>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="gw-hh-submit">{t('common.save')}</Button>
      </Space>}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="gw-hh-error" />}
      <Form form={form} layout="vertical" onFinish={submit} onValuesChange={onValuesChange} initialValues={{ gridId, tags: [] }}>
        <Form.Item name="gridId" label={t('gw.grid')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={gridOptions(grids)} data-testid="gw-hh-grid" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="building" label={t('gw.hh.building')} rules={[{ max: 20 }]}><Input style={{ width: 110 }} data-testid="gw-hh-building" /></Form.Item>
          <Form.Item name="unitNo" label={t('gw.hh.unitNo')} rules={[{ max: 20 }]}><Input style={{ width: 110 }} data-testid="gw-hh-unit" /></Form.Item>
          <Form.Item name="room" label={t('gw.hh.room')} rules={[{ max: 20 }]}><Input style={{ width: 110 }} data-testid="gw-hh-room" /></Form.Item>
        </Space>
        <Form.Item name="address" label={t('gw.hh.address')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input data-testid="gw-hh-address" />
        </Form.Item>
        <Form.Item name="headName" label={t('gw.hh.head')} rules={[{ max: 50 }]}><Input data-testid="gw-hh-head" /></Form.Item>
        <Form.Item name="tags" label={t('gw.hh.tags')} rules={[{ type: 'array', max: 10 }]}>
          <Select mode="tags" placeholder={t('gw.hh.tagsHint')} options={['独居', '空巢', '残疾', '低保', '优抚', '留守'].map((v) => ({ value: v, label: v }))} data-testid="gw-hh-tags" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
