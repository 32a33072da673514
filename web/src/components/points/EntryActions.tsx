/** 冲正 (reverse with a reason) and 确认/退回 (decide a pending entry) as small modals. */
import { useState } from 'react';
import { Alert, Descriptions, Form, Input, Modal } from 'antd';
import { api } from '../../api.ts';
import { errorText, useFeedback } from '../../feedback.ts';
import { useLang, useT } from '../../i18n.ts';
import { withTestId } from '../../testid.ts';
import { PointsText, signed } from './shared.tsx';
import type { Entry } from './types.ts';

/** What the modal acts on. */
export type EntryAction = { kind: 'reverse' | 'confirm' | 'reject'; entry: Entry; indicatorName: string };

/** The reverse / confirm / reject modal; closes with `done` true after success. */
export function EntryActionModal({ action, onClose }: { action: EntryAction | null; onClose: (done: boolean) => void }) {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const [form] = Form.useForm<{ text?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!action) return null;
  const { kind, entry } = action;

  const submit = async ({ text }: { text?: string }) => {
    setBusy(true);
    setError(null);
    try {
      if (kind === 'reverse') {
        await api.post(`/points/entries/${entry.id}/reverse`, { reason: (text ?? '').trim() });
        fb.success(t('points.reverse.done'));
      } else {
        await api.post(`/points/entries/${entry.id}/decide`, { decision: kind, note: text?.trim() || null });
        fb.success(kind === 'confirm' ? t('points.decide.confirmed') : t('points.decide.rejected'));
      }
      form.resetFields();
      onClose(true);
    } catch (err) {
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  const title = kind === 'reverse' ? t('points.reverse.title') : kind === 'confirm' ? t('points.decide.confirmTitle') : t('points.decide.rejectTitle');
  return (
    <Modal open title={title} onCancel={() => { form.resetFields(); setError(null); onClose(false); }} destroyOnHidden
      onOk={() => form.submit()} confirmLoading={busy}
      okText={kind === 'reverse' ? t('points.reverse') : kind === 'confirm' ? t('points.confirm') : t('points.reject')}
      okButtonProps={withTestId({ danger: kind !== 'confirm' }, 'entry-action-ok')}>
      <div data-testid="entry-action-modal">
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }} items={[
        { key: 'who', label: t('points.subject'), children: `${entry.subjectName}（${entry.orgName}）` },
        { key: 'ind', label: t('points.indicator'), children: action.indicatorName },
        { key: 'pts', label: t('points.points'), children: <PointsText value={entry.points} /> },
        { key: 'date', label: t('points.date'), children: entry.occurredOn },
        ...(entry.evidence ? [{ key: 'ev', label: t('points.evidence'), children: entry.evidence }] : []),
      ]} />
      {kind === 'reverse' && <Alert type="info" showIcon title={t('points.reverse.hint', { points: signed(-entry.points) })} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="entry-action-error" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="text" label={kind === 'reverse' ? t('points.reverse.reason') : t('points.decide.note')}
          rules={kind === 'reverse' ? [{ required: true, whitespace: true, message: t('points.reverse.reasonRequired') }, { min: 2, message: t('points.reverse.reasonRequired') }] : []}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="entry-action-text"
            placeholder={kind === 'reverse' ? t('points.reverse.reasonHint') : t('points.decide.noteHint')} />
        </Form.Item>
      </Form>
      </div>
    </Modal>
  );
}
