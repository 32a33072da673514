/** 承诺详情: the commitment, its progress, 记录进展 and 核实践诺 as `actions` allow. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Empty, Form, Input, Radio, Space, Spin, Timeline, Typography } from 'antd';
import { api } from '../../api.ts';
import { errorText, useFeedback } from '../../feedback.ts';
import { useLang, useT } from '../../i18n.ts';
import { useDrawerSize } from '../points/shared.tsx';
import { useSubmit } from '../stars/useSubmit.ts';
import { CommitmentTag, type CommitmentDetail } from './shared.tsx';

type Mode = 'update' | 'verify' | null;

/** The drawer; `onChanged` after a write so the list reloads. */
export function DetailDrawer({ id, onClose, onChanged }: { id: number; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const size = useDrawerSize(620);
  const [d, setD] = useState<CommitmentDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>(null);
  const [form] = Form.useForm<{ note: string; outcome?: 'kept' | 'unkept' | 'withdrawn' }>();
  const { busy, error, run } = useSubmit(form);

  const load = useCallback(() => {
    api.get<CommitmentDetail>(`/commitments/${id}`).then((r) => { setD(r); setProblem(null); }).catch((err: unknown) => setProblem(errorText(err, lang)));
  }, [id, lang]);
  useEffect(load, [load]);

  const submit = (v: { note: string; outcome?: 'kept' | 'unkept' | 'withdrawn' }) => run(async () => {
    if (!d) return;
    if (mode === 'update') await api.post(`/commitments/${d.id}/updates`, { note: v.note.trim() });
    else await api.post(`/commitments/${d.id}/verify`, { outcome: v.outcome, note: v.note.trim(), rowVersion: d.rowVersion });
    fb.success();
    setMode(null);
    form.resetFields();
    load();
    onChanged();
  });

  return (
    <Drawer open title={t('cm.detail')} size={size} onClose={onClose} data-testid="cm-detail">
      {problem && <Alert type="error" showIcon message={problem} />}
      {!problem && !d && <div style={{ textAlign: 'center', padding: 40 }}><Spin /></div>}
      {d && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="cm-detail-body" data-state={d.state}>
          <Descriptions size="small" column={1} bordered items={[
            { key: 'title', label: t('cm.titleField'), children: <span data-testid="cm-detail-title">{d.title}</span> },
            { key: 'state', label: t('cm.state'), children: <CommitmentTag state={d.state} overdue={d.overdue} t={t} testId="cm-detail-state" /> },
            { key: 'maker', label: t('cm.makerName'), children: `${d.makerName}（${t(`cm.maker.${d.makerKind}`)}）` },
            { key: 'org', label: t('cm.org'), children: d.orgName },
            { key: 'kind', label: t('cm.kind'), children: d.kind },
            { key: 'target', label: t('cm.target'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{d.target}</span> },
            { key: 'dates', label: t('cm.dueOn'), children: `${d.madeOn} → ${d.dueOn}` },
            ...(d.docKind ? [{ key: 'doc', label: t('cm.docKind'), children: d.docKind }] : []),
            ...(d.verifyNote ? [{ key: 'vn', label: t('cm.verifyNote'), children: `${d.verifyNote}（${d.verifiedOn ?? ''}）` }] : []),
          ]} />
          <Typography.Title level={5} style={{ margin: 0 }}>{t('cm.progress')}</Typography.Title>
          {d.progress.length === 0 ? <Empty description={t('cm.noProgress')} /> : (
            <Timeline data-testid="cm-progress" items={d.progress.map((p) => ({
              key: p.id, children: <div data-testid={`cm-progress-${p.id}`}><Typography.Text type="secondary">{p.on} {p.byName ?? ''}</Typography.Text><div>{p.note}</div></div>,
            }))} />
          )}
          {!mode && (
            <Space wrap>
              {d.actions.includes('update') && <Button onClick={() => setMode('update')} data-testid="cm-action-update">{t('cm.addUpdate')}</Button>}
              {d.actions.includes('verify') && <Button type="primary" onClick={() => setMode('verify')} data-testid="cm-action-verify">{t('cm.verify')}</Button>}
            </Space>
          )}
          {mode && (
            <Form form={form} layout="vertical" onFinish={submit} initialValues={{ outcome: 'kept' }} data-testid={`cm-form-${mode}`}>
              {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
              {mode === 'verify' && (
                <Form.Item name="outcome" label={t('cm.outcome')}>
                  <Radio.Group data-testid="cm-verify-outcome" options={(['kept', 'unkept', 'withdrawn'] as const).map((o) => ({ value: o, label: t(`cm.state.${o}`) }))} />
                </Form.Item>
              )}
              <Form.Item name="note" label={mode === 'verify' ? t('cm.verifyNote') : t('cm.note')} rules={[{ required: true, whitespace: true, min: mode === 'verify' ? 2 : 1 }]}>
                <Input.TextArea rows={3} data-testid="cm-form-note" />
              </Form.Item>
              <Space>
                <Button onClick={() => { setMode(null); form.resetFields(); }}>{t('common.cancel')}</Button>
                <Button type="primary" htmlType="submit" loading={busy} data-testid="cm-form-submit">{t('cm.submit')}</Button>
              </Space>
            </Form>
          )}
        </Space>
      )}
    </Drawer>
  );
}
