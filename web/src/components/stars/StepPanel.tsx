/**
 * 办理: one button per step the caller may take now (from `actions`), each opening a dialog with
 * what the step needs — a comment; a level for assess/approve/accept; the veto items for assess
 * and accept; the document number for publish — always with the row version. The server's refusal
 * shows inside the dialog.
 */
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { ApiError, api } from '../../api.ts';
import { applyFieldErrors, errorText, useFeedback } from '../../feedback.ts';
import { useLang, useT } from '../../i18n.ts';
import type { MsgKey } from '../../i18n.ts';
import { withTestId } from '../../testid.ts';
import { NOTICE_FROM, STAR_STEPS, levelOptions, stepLabel } from './shared.tsx';
import type { StarDetail, StarStep } from './types.ts';

type Values = { comment?: string; level?: number; vetoes?: string[]; docNumber?: string };

const HINTS: Partial<Record<StarStep, MsgKey>> = {
  submit: 'stars.stepHint.submit', return: 'stars.stepHint.return', assess: 'stars.stepHint.assess', approve: 'stars.stepHint.approve',
  accept: 'stars.stepHint.accept', refuse: 'stars.stepHint.refuse', sendBack: 'stars.stepHint.sendBack', publish: 'stars.stepHint.publish',
};

/** Steps that must say why. */
const NEEDS_REASON: StarStep[] = ['return', 'refuse', 'sendBack'];

/** The level range a step may set, or null when it sets none. */
function levelRange(step: StarStep, level: number): [number, number] | null {
  if (step === 'assess') return [1, level];
  if (step === 'approve') return [1, Math.min(level, NOTICE_FROM - 1)];
  if (step === 'accept') return [NOTICE_FROM, level];
  return null;
}

function StepModal({ detail, step, onClose, onDone, onStale }: { detail: StarDetail; step: StarStep; onClose: () => void; onDone: () => void; onStale: () => void }) {
  const t = useT();
  const lang = useLang();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const range = levelRange(step, detail.level);
  const withVetoes = step === 'assess' || step === 'accept';
  const level = Form.useWatch('level', form) ?? detail.level;
  const vetoes = Form.useWatch('vetoes', form) ?? [];

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    const body: Record<string, unknown> = { step, rowVersion: detail.rowVersion, comment: v.comment?.trim() || null };
    if (range) body.level = v.level;
    if (withVetoes) body.vetoes = v.vetoes ?? [];
    if (step === 'publish') body.docNumber = v.docNumber?.trim();
    try {
      await api.post(`/stars/applications/${detail.id}/steps`, body);
      onDone();
    } catch (err) {
      applyFieldErrors(form, err, lang);
      setError(err instanceof ApiError && err.code === 'VERSION_CONFLICT' ? t('stars.conflict') : errorText(err, lang));
      if (err instanceof ApiError && err.status === 409) onStale();
    } finally {
      setBusy(false);
    }
  };

  const hint = HINTS[step];
  return (
    <Modal open onCancel={onClose} onOk={() => form.submit()} title={`${stepLabel(step, t)} · ${detail.orgName}`} destroyOnHidden width={560}
      okText={stepLabel(step, t)} okButtonProps={withTestId({ loading: busy, danger: step === 'refuse' }, 'star-step-ok')}>
      <div data-testid="star-step-modal" data-step={step}>
        {hint && <Typography.Paragraph type="secondary">{t(hint, { n: detail.standard.noticeWorkingDays })}</Typography.Paragraph>}
        {step === 'submit' && detail.evaluation.highestMet < detail.level && (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('stars.eval.belowLevel', { n: detail.level, m: detail.evaluation.highestMet })} />
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="star-step-error" />}
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)}
          initialValues={{ level: range ? Math.min(detail.level, range[1]) : undefined, vetoes: detail.vetoes }}>
          {range && (
            <Form.Item name="level" label={t('stars.step.level')} rules={[{ required: true, message: t('common.select') }]}
              extra={step === 'approve' && detail.level >= NOTICE_FROM ? t('stars.step.approveCap', { n: NOTICE_FROM }) : undefined}>
              <Select style={{ width: 160 }} data-testid="star-step-level"
                options={levelOptions(range[0], range[1], t)} optionRender={(o) => <span data-testid={`star-step-level-${String(o.value)}`}>{o.label}</span>} />
            </Form.Item>
          )}
          {withVetoes && detail.standard.vetoes.length > 0 && (
            <Form.Item name="vetoes" label={t('stars.step.vetoes')} extra={t('stars.eval.vetoHint', { n: detail.standard.vetoFrom })}>
              <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
                {detail.standard.vetoes.map((v) => <Checkbox key={v.code} value={v.code} data-testid={`star-step-veto-${v.code}`}>{v.text}</Checkbox>)}
              </Checkbox.Group>
            </Form.Item>
          )}
          {withVetoes && vetoes.length > 0 && (level ?? 0) >= detail.standard.vetoFrom && (
            <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('stars.step.vetoWarn', { n: detail.standard.vetoFrom })} data-testid="star-step-veto-warn" />
          )}
          {step === 'publish' && (
            <Form.Item name="docNumber" label={t('stars.docNumber')} rules={[{ required: true, whitespace: true, message: t('stars.step.docRequired') }]}>
              <Input maxLength={60} placeholder={t('stars.step.docHint')} data-testid="star-step-doc" />
            </Form.Item>
          )}
          <Form.Item name="comment" label={NEEDS_REASON.includes(step) ? t('stars.step.reason') : t('stars.step.comment')}
            rules={NEEDS_REASON.includes(step) ? [{ required: true, whitespace: true, message: t('stars.step.reasonRequired') }] : []}>
            <Input.TextArea rows={3} maxLength={2000} showCount data-testid="star-step-comment" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

/** The 办理 card: nothing when the caller may take no step. */
export function StepPanel({ detail, onReload }: { detail: StarDetail; onReload: () => void }) {
  const t = useT();
  const fb = useFeedback();
  const [open, setOpen] = useState<StarStep | null>(null);
  const steps = STAR_STEPS.filter((s) => detail.actions.includes(s));
  if (!steps.length && !open) return null;
  const primary: StarStep[] = ['submit', 'assess', 'approve', 'accept', 'publish'];
  return (
    <>
      {steps.length > 0 && (
        <Card size="small" title={t('stars.handle')} data-testid="star-steps-panel">
          <Space wrap>
            {steps.map((s) => (
              <Button key={s} type={primary.includes(s) ? 'primary' : 'default'} danger={s === 'refuse'} onClick={() => setOpen(s)} data-testid={`star-step-${s}`}>
                {stepLabel(s, t)}
              </Button>
            ))}
          </Space>
          {detail.state === 'notice' && !steps.includes('publish') && detail.noticeLast && (
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }} data-testid="star-publish-wait">
              {t('stars.publishWait', { last: detail.noticeLast, n: detail.objections.filter((o) => o.state === 'open').length })}
            </Typography.Paragraph>
          )}
        </Card>
      )}
      {open && (
        <StepModal detail={detail} step={open} onClose={() => setOpen(null)} onStale={onReload}
          onDone={() => { fb.success(t('stars.step.done', { step: stepLabel(open, t) })); setOpen(null); onReload(); }} />
      )}
    </>
  );
}
