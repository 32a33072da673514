/** 作出承诺: who makes it (a member makes their own), the kind, the commitment and its target, the due date, public or not. */
import { Alert, Button, DatePicker, Drawer, Form, Input, InputNumber, Radio, Select, Space, Switch } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { useT } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { OrgTreeSelect } from '../OrgTreeSelect.tsx';
import { PersonPicker } from '../PersonPicker.tsx';
import { useDrawerSize } from '../points/shared.tsx';
import { useSubmit } from '../stars/useSubmit.ts';
import { KINDS, MAKER_KINDS, yearOptions, type Commitment, type MakerKind } from './shared.tsx';

type Values = {
  makerKind: MakerKind; self: boolean; makerId?: number; year: number; kind: (typeof KINDS)[number]; title: string; target: string;
  dueOn: Dayjs; public: boolean; docKind?: '承诺书' | '责任状';
};

/** The drawer; `onMade` gets the new commitment. A member is searched by name inside `orgId` when given, else inside the caller's scope. */
export function MakeDrawer({ orgId, onClose, onMade }: { orgId?: number; onClose: () => void; onMade: (c: Commitment) => void }) {
  const t = useT();
  const size = useDrawerSize(560);
  const { me, can } = useSession();
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useSubmit(form);
  const memberId = me?.user.memberId ?? null;
  const manager = can('commit.manage');
  const makerKind = Form.useWatch('makerKind', form) ?? 'member';
  const self = Form.useWatch('self', form) ?? !manager;

  const submit = (v: Values) => run(async () => {
    const makerId = v.makerKind === 'member' && v.self && memberId ? memberId : v.makerId;
    const c = await api.post<Commitment>('/commitments', {
      makerKind: v.makerKind, makerId, year: v.year, kind: v.kind, title: v.title.trim(), target: v.target.trim(),
      dueOn: v.dueOn.format('YYYY-MM-DD'), public: v.public, ...(v.docKind ? { docKind: v.docKind } : {}),
    });
    onMade(c);
  });

  return (
    <Drawer open title={t('cm.new')} size={size} onClose={onClose} destroyOnHidden data-testid="cm-make-drawer"
      extra={<Space>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="cm-make-submit">{t('cm.submit')}</Button>
      </Space>}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="cm-make-error" />}
      <Form form={form} layout="vertical" onFinish={submit} onValuesChange={(changed: Partial<Values>) => { if ('makerKind' in changed) form.setFieldValue('makerId', undefined); }}
        initialValues={{ makerKind: 'member', self: !manager && memberId !== null, year: new Date().getFullYear(), kind: '具体', public: true,
          dueOn: dayjs().endOf('year').startOf('day') }}>
        {manager && (
          <Form.Item name="makerKind" label={t('cm.makerKind')}>
            <Radio.Group data-testid="cm-make-maker-kind" options={MAKER_KINDS.map((k) => ({ value: k, label: t(`cm.maker.${k}`) }))} />
          </Form.Item>
        )}
        {makerKind === 'member' && memberId !== null && (
          <Form.Item name="self" valuePropName="checked" label={t('cm.self', { name: me?.user.displayName ?? '' })}>
            <Switch data-testid="cm-make-self" />
          </Form.Item>
        )}
        {!(makerKind === 'member' && self && memberId !== null) && (
          <Form.Item name="makerId" label={t(makerKind === 'member' ? 'cm.maker' : 'cm.makerId')} rules={[{ required: true }]}>
            {makerKind === 'org' ? <OrgTreeSelect data-testid="cm-make-org" />
              : makerKind === 'member' ? <PersonPicker kind="member" orgId={orgId} data-testid="cm-make-member" />
              : <InputNumber min={1} precision={0} style={{ width: '100%' }} data-testid="cm-make-maker-id" />}
          </Form.Item>
        )}
        <Space wrap>
          <Form.Item name="year" label={t('cm.year')}><Select options={yearOptions(t)} style={{ width: 130 }} data-testid="cm-make-year" /></Form.Item>
          <Form.Item name="kind" label={t('cm.kind')}><Radio.Group data-testid="cm-make-kind" options={KINDS.map((k) => ({ value: k, label: k }))} /></Form.Item>
        </Space>
        <Form.Item name="title" label={t('cm.titleField')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="cm-make-title" />
        </Form.Item>
        <Form.Item name="target" label={t('cm.target')} rules={[{ required: true, whitespace: true, max: 1000 }]}>
          <Input.TextArea rows={3} data-testid="cm-make-target" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="dueOn" label={t('cm.dueOn')} rules={[{ required: true }]}><DatePicker data-testid="cm-make-due" /></Form.Item>
          <Form.Item name="public" label={t('cm.public')} valuePropName="checked"><Switch data-testid="cm-make-public" /></Form.Item>
          <Form.Item name="docKind" label={t('cm.docKind')}>
            <Select allowClear style={{ width: 140 }} options={[{ value: '承诺书', label: '承诺书' }, { value: '责任状', label: '责任状' }]} data-testid="cm-make-doc" />
          </Form.Item>
        </Space>
      </Form>
    </Drawer>
  );
}
