/** Edit an organisation's record, or add a sub-organisation under it, in a Drawer. */
import { useState } from 'react';
import { Button, Col, DatePicker, Drawer, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { ApiError, api } from '../api.ts';
import { datesIn, datesOut } from '../dates.ts';
import { useFeedback } from '../feedback.ts';
import { useLang, useT, valueOptions } from '../i18n.ts';
import { CHILD_KINDS, UNIT_NATURES, kindLabel } from '../labels.ts';
import type { OrgRecord } from '../types.ts';

const DATE_FIELDS = ['establishedOn', 'electedOn'] as const;
const FIELDS = ['name', 'shortName', 'code', 'establishedOn', 'unitName', 'unitNature', 'secretaryName', 'contactPhone', 'address', 'electedOn', 'termYears'] as const;

type Props = {
  mode: 'edit' | 'create';
  /** The organisation edited, or the parent of the new one. */
  org: OrgRecord;
  /** Kinds allowed under `org` (from the server); a built-in table otherwise. */
  childKinds?: string[];
  open: boolean;
  onClose: () => void;
  /** After saving; gets the new organisation's id when one was created. */
  onSaved: (createdId?: number) => void;
};

function emptyToNull(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = typeof v === 'string' && v.trim() === '' ? null : v;
  return out;
}

/** The organisation form. */
export function OrgFormDrawer({ mode, org, childKinds: allowed, open, onClose, onSaved }: Props) {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const childKinds = allowed ?? CHILD_KINDS[org.kind] ?? [];
  const initial = mode === 'edit' ? datesIn(org, DATE_FIELDS) : { kind: childKinds.includes('branch') ? 'branch' : childKinds[0] };

  const submit = async (values: Record<string, unknown>) => {
    setBusy(true);
    try {
      const body = emptyToNull(datesOut(values, DATE_FIELDS));
      if (mode === 'edit') {
        const changed: Record<string, unknown> = { version: org.version };
        for (const f of FIELDS) if (body[f] !== (org[f] ?? null)) changed[f] = body[f];
        await api.patch(`/orgs/${org.id}`, changed);
        fb.success(t('common.saved'));
        onSaved();
      } else {
        const res = await api.post<{ org?: { id: number }; id?: number }>('/orgs', { ...body, parentId: org.id });
        fb.success(t('org.created'));
        onSaved(res.org?.id ?? res.id);
      }
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') {
        fb.error(err);
        onSaved();
        return;
      }
      fb.error(err, form);
    } finally {
      setBusy(false);
    }
  };

  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];

  return (
    <Drawer open={open} onClose={onClose} size={640} destroyOnHidden
      title={mode === 'edit' ? `${t('org.edit')}：${org.name}` : `${t('org.addChild')}：${org.name}`}
      extra={<Space><Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="org-form-submit">{t('common.save')}</Button></Space>}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v: Record<string, unknown>) => void submit(v)} data-testid="org-form">
        {mode === 'create' && (
          <Form.Item name="kind" label={t('org.kind')} rules={[{ required: true, message: t('common.select') }]}>
            <Select options={childKinds.map((k) => ({ value: k, label: kindLabel(k, lang) }))} data-testid="org-form-kind" />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('org.name')} rules={[...required(t('org.name')), { max: 100 }]}>
          <Input data-testid="org-form-name" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}><Form.Item name="shortName" label={t('org.shortName')}><Input maxLength={50} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="code" label={t('org.code')}><Input maxLength={50} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="establishedOn" label={t('org.establishedOn')}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="secretaryName" label={t('org.secretaryName')}><Input maxLength={50} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="unitName" label={t('org.unitName')}><Input maxLength={100} /></Form.Item></Col>
          <Col xs={24} sm={12}>
            <Form.Item name="unitNature" label={t('org.unitNature')}>
              <Select allowClear options={valueOptions(UNIT_NATURES, lang)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}><Form.Item name="contactPhone" label={t('org.contactPhone')}><Input maxLength={30} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="electedOn" label={t('org.electedOn')}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={24} sm={12}>
            <Form.Item name="termYears" label={t('org.termYears')}>
              <InputNumber min={1} max={10} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label={t('org.address')}><Input maxLength={200} /></Form.Item>
      </Form>
    </Drawer>
  );
}
