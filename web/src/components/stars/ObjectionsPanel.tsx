/** 异议: the objections lodged during the public notice, and the county's 答复 (upheld: refuse or lower; dismissed: with a reason). */
import { useState } from 'react';
import { useSubmit } from './useSubmit.ts';
import { Alert, Button, Form, Input, Modal, Radio, Select, Space, Table, Tooltip, Typography } from 'antd';
import { api } from '../../api.ts';
import { formatTime } from '../../dates.ts';
import { useFeedback } from '../../feedback.ts';
import { useT } from '../../i18n.ts';
import { withTestId } from '../../testid.ts';
import { NOTICE_FROM, ObjectionStateTag, levelOptions, outcomeText } from './shared.tsx';
import type { Objection, StarDetail } from './types.ts';

type Values = { decision?: 'upheld' | 'dismissed'; answer?: string; outcome?: 'refuse' | 'lower'; lowerTo?: number };

function AnswerModal({ objection, level, onClose, onDone }: { objection: Objection; level: number; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useSubmit(form);
  const decision = Form.useWatch('decision', form);
  const outcome = Form.useWatch('outcome', form);
  const lowerTo = Form.useWatch('lowerTo', form);

  const submit = (v: Values) => run(async () => {
    const body: Record<string, unknown> = { decision: v.decision, answer: v.answer?.trim() };
    if (v.decision === 'upheld') body.outcome = v.outcome === 'lower' ? { kind: 'lower', level: v.lowerTo } : { kind: 'refuse' };
    await api.post(`/stars/objections/${objection.id}/answer`, body);
    onDone();
  });

  return (
    <Modal open onCancel={onClose} onOk={() => form.submit()} title={t('stars.answer.title')} destroyOnHidden width={560}
      okText={t('stars.answer.ok')} okButtonProps={withTestId({ loading: busy }, 'star-answer-ok')}>
      <div data-testid="star-answer-modal">
        <Typography.Paragraph style={{ background: '#fafafa', padding: 8, borderRadius: 6, whiteSpace: 'pre-wrap' }}>{objection.content}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="star-answer-error" />}
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ outcome: 'refuse', lowerTo: level > 1 ? level - 1 : undefined }}>
          <Form.Item name="decision" label={t('stars.answer.decision')} rules={[{ required: true, message: t('common.select') }]}>
            <Radio.Group data-testid="star-answer-decision">
              <Radio value="upheld"><span data-testid="star-answer-upheld">{t('stars.objection.upheld')}</span></Radio>
              <Radio value="dismissed"><span data-testid="star-answer-dismissed">{t('stars.objection.dismissed')}</span></Radio>
            </Radio.Group>
          </Form.Item>
          {decision === 'upheld' && (
            <Form.Item label={t('stars.answer.outcome')} required>
              <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
                <Form.Item name="outcome" noStyle>
                  <Radio.Group data-testid="star-answer-outcome">
                    <Radio value="refuse"><span data-testid="star-answer-refuse">{t('stars.answer.refuse')}</span></Radio>
                    <Radio value="lower" disabled={level <= 1}><span data-testid="star-answer-lower">{t('stars.answer.lower')}</span></Radio>
                  </Radio.Group>
                </Form.Item>
                {outcome === 'lower' && (
                  <Form.Item name="lowerTo" noStyle rules={[{ required: true, message: t('common.select') }]}>
                    <Select style={{ width: 120 }} data-testid="star-answer-level"
                      options={levelOptions(1, level - 1, t)} optionRender={(o) => <span data-testid={`star-answer-level-${String(o.value)}`}>{o.label}</span>} />
                  </Form.Item>
                )}
              </div>
              {outcome === 'lower' && lowerTo !== undefined && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {lowerTo >= NOTICE_FROM ? t('stars.answer.lowerStaysNotice') : t('stars.answer.lowerApproved')}
                </Typography.Text>
              )}
            </Form.Item>
          )}
          <Form.Item name="answer" label={t('stars.answer.text')} extra={t('stars.answer.textHint')}
            rules={[{ required: true, whitespace: true, min: 2, message: t('stars.answer.textRequired') }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount data-testid="star-answer-text" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

/** An objector's contact, masked; the full details on request (the server logs each look). */
function ContactCell({ objection, masked }: { objection: Objection; masked: string | null }) {
  const t = useT();
  const fb = useFeedback();
  const [full, setFull] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (full !== null) return <span data-testid={`star-objection-contact-${objection.id}`}>{full}</span>;
  return (
    <Space size={4} wrap>
      <span data-testid={`star-objection-contact-${objection.id}`}>{masked}</span>
      {objection.actions.includes('viewContact') && (
        <Tooltip title={t('stars.objection.viewContactHint')}>
          <Button type="link" size="small" loading={busy} style={{ padding: 0 }} data-testid={`star-objection-view-contact-${objection.id}`}
            onClick={() => {
              setBusy(true);
              api.get<{ contact: string }>(`/stars/objections/${objection.id}/contact`)
                .then((r) => setFull(r.contact)).catch((e: unknown) => fb.error(e)).finally(() => setBusy(false));
            }}>{t('stars.objection.viewContact')}</Button>
        </Tooltip>
      )}
    </Space>
  );
}

/** The objections table of an application. */
export function ObjectionsPanel({ detail, onReload }: { detail: StarDetail; onReload: () => void }) {
  const t = useT();
  const fb = useFeedback();
  const [open, setOpen] = useState<Objection | null>(null);
  const items = detail.objections;
  const showContact = items.some((o) => o.contact !== null);
  const canAnswer = items.some((o) => o.actions.includes('answer'));
  return (
    <div data-testid="star-objections">
      <Table<Objection> rowKey="id" size="small" pagination={false} dataSource={items} scroll={{ x: 1000 }} data-testid="star-objections-table"
        locale={{ emptyText: t('stars.objection.none') }}
        onRow={(r) => withTestId({}, `star-objection-row-${r.id}`)}
        columns={[
          { title: t('stars.objection.lodgedAt'), dataIndex: 'lodgedAt', width: 160, render: (v: string) => formatTime(v) },
          { title: t('stars.objection.name'), dataIndex: 'name', width: 100, render: (v: string | null) => v || <Typography.Text type="secondary">{t('stars.objection.anonymous')}</Typography.Text> },
          ...(showContact ? [{ title: t('stars.objection.contact'), dataIndex: 'contact', width: 170,
            render: (v: string | null, r: Objection) => <ContactCell objection={r} masked={v} /> }] : []),
          { title: t('stars.objection.content'), dataIndex: 'content', render: (v: string) => <div style={{ whiteSpace: 'pre-wrap', minWidth: 200 }}>{v}</div> },
          { title: t('common.status'), dataIndex: 'state', width: 110, render: (v: Objection['state'], r) => <span data-testid={`star-objection-state-${r.id}`}><ObjectionStateTag state={v} t={t} /></span> },
          { title: t('stars.objection.answer'), dataIndex: 'answer', width: 260,
            render: (v: string | null, r) => (v ? (
              <div data-testid={`star-objection-answer-text-${r.id}`}>
                {r.outcome && <div><Typography.Text strong>{outcomeText(r.outcome, t)}</Typography.Text></div>}
                <div style={{ whiteSpace: 'pre-wrap' }}>{v}</div>
                {r.answeredAt && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatTime(r.answeredAt)}</Typography.Text>}
              </div>
            ) : '') },
          ...(canAnswer ? [{ title: t('common.actions'), key: 'actions', width: 90,
            render: (_v: unknown, r: Objection) => (r.actions.includes('answer')
              ? <Button type="link" size="small" onClick={() => setOpen(r)} data-testid={`star-objection-answer-${r.id}`}>{t('stars.answer.button')}</Button> : null) }] : []),
        ]} />
      {open && (
        <AnswerModal objection={open} level={detail.level} onClose={() => setOpen(null)}
          onDone={() => { fb.success(t('stars.answer.done')); setOpen(null); onReload(); }} />
      )}
    </div>
  );
}
