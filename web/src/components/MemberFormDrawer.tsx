/** Add a party member, or edit one (the record's `version` goes back so a concurrent edit is refused). */
import { useState } from 'react';
import { Button, Col, DatePicker, Drawer, Form, Input, Radio, Row, Select, Space, Switch } from 'antd';
import { ApiError, api } from '../api.ts';
import { datesIn, datesOut } from '../dates.ts';
import { PHONE_RE, idNumberInfo, isValidIdNumber } from '../idNumber.ts';
import { useFeedback } from '../feedback.ts';
import { useLang, useT, valueOptions } from '../i18n.ts';
import { CATEGORIES, EDUCATIONS, GENDERS, PARTY_STATES, WORK_STATES } from '../labels.ts';
import { OrgTreeSelect } from './OrgTreeSelect.tsx';
import type { Member, OrgNode } from '../types.ts';

const DATE_FIELDS = ['birthDate', 'joinDate', 'fullDate', 'partyStateDate'] as const;
const EDITABLE = ['orgId', 'name', 'gender', 'ethnicity', 'birthDate', 'education', 'category', 'joinDate', 'fullDate', 'post',
  'workplace', 'partyState', 'partyStateDate', 'workState', 'flowing', 'tier'] as const;

const MEMBER_HOLDING = ['party_committee', 'general_branch', 'branch', 'joint_branch', 'group'];
const holdsMembers = (n: OrgNode) => MEMBER_HOLDING.includes(n.kind);

type Props = {
  open: boolean;
  member?: Member;
  defaultOrgId?: number;
  onClose: () => void;
  /** After saving; gets the id of a new member. */
  onSaved: (id?: number) => void;
};

/** The member form in a Drawer. */
export function MemberFormDrawer({ open, member, defaultOrgId, onClose, onSaved }: Props) {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const category = Form.useWatch('category', form) as string | undefined;
  const initial = member ? datesIn(member, DATE_FIELDS)
    : { orgId: defaultOrgId, gender: '男', ethnicity: '汉族', category: '正式党员', partyState: '正常', workState: '在职', flowing: false };

  const submit = async (values: Record<string, unknown>) => {
    setBusy(true);
    const body = datesOut(values, DATE_FIELDS);
    for (const k of ['idNumber', 'phone']) {
      const v = typeof body[k] === 'string' ? (body[k] as string).trim() : '';
      if (v) body[k] = k === 'idNumber' ? v.toUpperCase() : v;
      else delete body[k];
    }
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && v.trim() === '') body[k] = null;
    try {
      if (member) {
        const changed: Record<string, unknown> = { version: member.version };
        for (const f of EDITABLE) if (body[f] !== undefined && body[f] !== (member[f] ?? null)) changed[f] = body[f];
        if (body.idNumber) changed.idNumber = body.idNumber;
        if (body.phone) changed.phone = body.phone;
        await api.patch(`/members/${member.id}`, changed);
        fb.success(t('common.saved'));
        onSaved();
      } else {
        const res = await api.post<{ member?: { id: number }; id?: number }>('/members', body);
        fb.success(t('member.created'));
        onSaved(res.member?.id ?? res.id);
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

  const req = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  const blankHint = member ? t('common.leaveBlank') : undefined;

  return (
    <Drawer open={open} onClose={onClose} size={720} destroyOnHidden
      title={member ? `${t('member.edit')}：${member.name}` : t('member.new')}
      extra={<Space><Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="member-form-submit">{t('common.save')}</Button></Space>}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v: Record<string, unknown>) => void submit(v)} data-testid="member-form"
        onValuesChange={(changed: Record<string, unknown>) => {
          if (changed.category === '预备党员') form.setFieldValue('fullDate', null);
          const info = typeof changed.idNumber === 'string' ? idNumberInfo(changed.idNumber) : null;
          if (info) form.setFieldsValue({ birthDate: info.birthDate, gender: info.gender });
        }}>
        <Form.Item name="orgId" label={t('member.org')} rules={[{ required: true, message: t('member.orgRequired') }]}>
          <OrgTreeSelect allowClear={false} style={{ width: '100%' }} selectable={holdsMembers} data-testid="member-form-org" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}><Form.Item name="name" label={t('member.name')} rules={[...req(t('member.name')), { max: 50 }]}><Input data-testid="member-form-name" /></Form.Item></Col>
          <Col xs={24} sm={12}>
            <Form.Item name="gender" label={t('member.gender')} rules={req(t('member.gender'))}>
              <Radio.Group options={valueOptions(GENDERS, lang)} data-testid="member-form-gender" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}><Form.Item name="ethnicity" label={t('member.ethnicity')}><Input maxLength={20} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="birthDate" label={t('member.birthDate')} rules={req(t('member.birthDate'))}><DatePicker style={{ width: '100%' }} data-testid="member-form-birth" /></Form.Item></Col>
          <Col xs={24} sm={12}>
            <Form.Item name="idNumber" label={t('member.idNumber')} extra={member ? `${member.idMasked ?? ''} ${blankHint}` : undefined}
              rules={[{ validator: (_r, v?: string) => (!v || isValidIdNumber(v) ? Promise.resolve() : Promise.reject(new Error(t('member.idInvalid')))) }]}>
              <Input maxLength={18} autoComplete="off" data-testid="member-form-id" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t('member.phone')} extra={member ? `${member.phoneMasked ?? ''} ${blankHint}` : undefined}
              rules={[{ pattern: PHONE_RE, message: t('member.phoneInvalid') }]}>
              <Input maxLength={13} autoComplete="off" data-testid="member-form-phone" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}><Form.Item name="education" label={t('member.education')}><Select allowClear options={valueOptions(EDUCATIONS, lang)} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="category" label={t('member.category')} rules={req(t('member.category'))}><Select options={valueOptions(CATEGORIES, lang)} data-testid="member-form-category" /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="joinDate" label={t('member.joinDate')} rules={req(t('member.joinDate'))}><DatePicker style={{ width: '100%' }} data-testid="member-form-join" /></Form.Item></Col>
          <Col xs={24} sm={12}>
            <Form.Item name="fullDate" label={t('member.fullDate')} dependencies={['category']}
              rules={[{ validator: (_r, v) => {
                if (category === '正式党员' && !v) return Promise.reject(new Error(t('member.fullDateRequired')));
                if (category === '预备党员' && v) return Promise.reject(new Error(t('member.fullDateNotAllowed')));
                return Promise.resolve();
              } }]}>
              <DatePicker style={{ width: '100%' }} disabled={category === '预备党员'} data-testid="member-form-full" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}><Form.Item name="partyState" label={t('member.partyState')} rules={req(t('member.partyState'))}><Select options={valueOptions(PARTY_STATES, lang)} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="partyStateDate" label={t('member.partyStateDate')}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="workState" label={t('member.workState')}><Select options={valueOptions(WORK_STATES, lang)} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="post" label={t('member.post')}><Input maxLength={50} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="tier" label={t('member.tier')}><Input maxLength={30} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="flowing" label={t('member.flowing')} valuePropName="checked"><Switch /></Form.Item></Col>
        </Row>
        <Form.Item name="workplace" label={t('member.workplace')}><Input maxLength={100} /></Form.Item>
      </Form>
    </Drawer>
  );
}
