/** 添加党员: puts a member of the chosen organisation on the year's list (an empty review, scored afterwards). */
import { useState } from 'react';
import { Alert, Form, Modal, Typography } from 'antd';
import { api } from '../../../api.ts';
import { useT } from '../../../i18n.ts';
import { withTestId } from '../../../testid.ts';
import { MemberSelect } from '../../points/MemberSelect.tsx';
import { useSubmit } from '../../stars/useSubmit.ts';
import type { Review } from './shared.tsx';

/** The dialog; `onAdded` gets the member's id (also when they were on the list already). */
export function AddMemberModal({ orgId, year, items, onClose, onAdded }: { orgId: number; year: number; items: Review[]; onClose: () => void; onAdded: (memberId: number) => void }) {
  const t = useT();
  const [form] = Form.useForm<{ memberId?: number }>();
  const { busy, error, run } = useSubmit(form);
  const [memberId, setMemberId] = useState<number | undefined>();
  const exists = memberId !== undefined && items.some((r) => r.memberId === memberId);

  const submit = (v: { memberId?: number }) => run(async () => {
    if (!v.memberId) return;
    if (!items.some((r) => r.memberId === v.memberId)) await api.put('/vanguard/reviews', { memberId: v.memberId, year });
    onAdded(v.memberId);
  });

  return (
    <Modal open onCancel={onClose} onOk={() => form.submit()} title={t('vg.add.title')} destroyOnHidden okText={t('vg.add.ok')}
      okButtonProps={withTestId({ loading: busy }, 'vg-add-ok')}>
      <div data-testid="vg-add-modal">
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="vg-add-error" />}
        <Typography.Paragraph type="secondary">{t('vg.add.hint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item name="memberId" label={t('vg.member')} rules={[{ required: true, message: t('points.form.memberHint') }]}
            extra={exists ? t('vg.add.exists') : undefined}>
            <MemberSelect orgId={orgId} style={{ width: '100%' }} onChange={(id) => setMemberId(id)} data-testid="vg-add-member" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
