/** 调整隶属关系: move an organisation (and everything under it) under a new parent. */
import { useState } from 'react';
import { Alert, Form, Modal } from 'antd';
import { api } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useT } from '../i18n.ts';
import { OrgTreeSelect } from './OrgTreeSelect.tsx';
import { withTestId } from '../testid.ts';
import type { OrgRecord } from '../types.ts';

/** The move dialog. */
export function OrgMoveModal({ org, open, onClose, onMoved }: { org: OrgRecord; open: boolean; onClose: () => void; onMoved: (newParentId: number) => void }) {
  const t = useT();
  const fb = useFeedback();
  const [parentId, setParentId] = useState<number | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!parentId) return;
    setBusy(true);
    try {
      await api.post(`/orgs/${org.id}/move`, { parentId });
      fb.success(t('org.moved'));
      onMoved(parentId);
    } catch (err) {
      fb.error(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} onCancel={onClose} onOk={() => void submit()} title={`${t('org.move')}：${org.name}`}
      okButtonProps={withTestId({ disabled: !parentId || parentId === org.parentId, loading: busy }, 'org-move-submit')}
      destroyOnHidden>
      <Alert type="warning" showIcon title={t('org.moveHint', { name: org.name })} style={{ marginBottom: 16 }} />
      <Form layout="vertical">
        <Form.Item label={t('org.moveTo')} required>
          <OrgTreeSelect value={parentId} onChange={(id) => setParentId(id)} selectable={(n) => n.id !== org.id}
            style={{ width: '100%' }} data-testid="org-move-parent" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
