/** Add or edit a resident (群众), with the 居民代表 / 党外群众代表 flags. */
import { useState } from 'react';
import { Button, Checkbox, Col, DatePicker, Drawer, Form, Input, Radio, Row, Space } from 'antd';
import { ApiError, api } from '../api.ts';
import { datesIn, datesOut } from '../dates.ts';
import { PHONE_RE, idNumberInfo, isValidIdNumber } from '../idNumber.ts';
import { useFeedback } from '../feedback.ts';
import { useLang, useT, valueOptions } from '../i18n.ts';
import { GENDERS } from '../labels.ts';
import { OrgTreeSelect } from './OrgTreeSelect.tsx';
import type { Resident } from '../types.ts';

const DATE_FIELDS = ['birthDate'] as const;
const EDITABLE = ['communityId', 'name', 'gender', 'birthDate', 'address', 'isRepresentative', 'isNonpartyRep'] as const;

type Props = { open: boolean; resident?: Resident; defaultCommunityId?: number; onClose: () => void; onSaved: (id?: number) => void };

/** The resident form in a Drawer. */
export function ResidentFormDrawer({ open, resident, defaultCommunityId, onClose, onSaved }: Props) {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const initial = resident ? datesIn(resident, DATE_FIELDS) : { communityId: defaultCommunityId, gender: '男', isRepresentative: false, isNonpartyRep: false };

  const submit = async (values: Record<string, unknown>) => {
    setBusy(true);
    const body = datesOut(values, DATE_FIELDS);
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && v.trim() === '') body[k] = null;
    for (const k of ['idNumber', 'phone']) if (!body[k]) delete body[k];
    try {
      if (resident) {
        const changed: Record<string, unknown> = { version: resident.version };
        for (const f of EDITABLE) if (body[f] !== undefined && body[f] !== (resident[f] ?? null)) changed[f] = body[f];
        if (body.idNumber) changed.idNumber = body.idNumber;
        if (body.phone) changed.phone = body.phone;
        await api.patch(`/residents/${resident.id}`, changed);
        fb.success(t('common.saved'));
        onSaved();
      } else {
        const res = await api.post<{ resident?: { id: number }; id?: number }>('/residents', body);
        fb.success(t('resident.created'));
        onSaved(res.resident?.id ?? res.id);
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

  const blankHint = resident ? t('common.leaveBlank') : undefined;

  return (
    <Drawer open={open} onClose={onClose} size={640} destroyOnHidden
      title={resident ? `${t('resident.edit')}：${resident.name}` : t('resident.new')}
      extra={<Space><Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="resident-form-submit">{t('common.save')}</Button></Space>}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v: Record<string, unknown>) => void submit(v)} data-testid="resident-form"
        onValuesChange={(changed: Record<string, unknown>) => {
          const info = typeof changed.idNumber === 'string' ? idNumberInfo(changed.idNumber) : null;
          if (info) form.setFieldsValue({ birthDate: info.birthDate, gender: info.gender });
        }}>
        <Form.Item name="communityId" label={t('resident.community')} rules={[{ required: true, message: t('resident.communityRequired') }]}>
          <OrgTreeSelect allowClear={false} style={{ width: '100%' }} selectable={(n) => n.kind === 'community' || n.kind === 'village'} data-testid="resident-form-community" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('member.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('member.name') }) }, { max: 50 }]}>
              <Input data-testid="resident-form-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}><Form.Item name="gender" label={t('member.gender')} rules={[{ required: true }]}><Radio.Group options={valueOptions(GENDERS, lang)} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="birthDate" label={t('member.birthDate')}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={24} sm={12}>
            <Form.Item name="idNumber" label={t('member.idNumber')} extra={resident ? `${resident.idMasked ?? ''} ${blankHint}` : undefined}
              rules={[{ validator: (_r, v?: string) => (!v || isValidIdNumber(v) ? Promise.resolve() : Promise.reject(new Error(t('member.idInvalid')))) }]}>
              <Input maxLength={18} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t('member.phone')} extra={resident ? `${resident.phoneMasked ?? ''} ${blankHint}` : undefined}
              rules={[{ pattern: PHONE_RE, message: t('member.phoneInvalid') }]}>
              <Input maxLength={13} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label={t('resident.address')}><Input maxLength={200} /></Form.Item>
        <Space size="large">
          <Form.Item name="isRepresentative" valuePropName="checked"><Checkbox data-testid="resident-form-rep">{t('resident.isRepresentative')}</Checkbox></Form.Item>
          <Form.Item name="isNonpartyRep" valuePropName="checked"><Checkbox data-testid="resident-form-nonparty">{t('resident.isNonpartyRep')}</Checkbox></Form.Item>
        </Space>
      </Form>
    </Drawer>
  );
}
