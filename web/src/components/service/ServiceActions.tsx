/**
 * What the community's staff do with a recorded service: show the 积分卡 slip with the confirmation
 * code (printable, with a QR code of the public page; each showing is logged), record 回访确认 (who
 * called, when, the resident's rating), or withdraw the claim.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Descriptions, Form, Input, Modal, Popconfirm, Radio, Space, Spin, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import QRCode from 'qrcode';
import { api } from '../../api.ts';
import { errorText } from '../../feedback.ts';
import { useLang, useT } from '../../i18n.ts';
import type { MsgKey } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { withTestId } from '../../testid.ts';
import { useSubmit } from '../stars/useSubmit.ts';
import { confirmLink, type Award, type Service } from './types.ts';

type Slip = { id: number; code: string; residentName: string; memberName: string; servedOn: string; record: string; hours: number; communityName: string; phoneMasked: string | null };

const PRINT_CSS = `@media print {
  body * { visibility: hidden !important; }
  .svc-slip, .svc-slip * { visibility: visible !important; }
  .svc-slip { position: fixed; left: 0; top: 0; width: 90mm; border: 1px dashed #888; padding: 4mm; }
}`;

/** The 积分卡 slip of a service: fetched (and logged) when opened. */
export function CodeSlipModal({ id, onClose }: { id: number; onClose: () => void }) {
  const t = useT();
  const lang = useLang();
  const [slip, setSlip] = useState<Slip | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    api.get<Slip>(`/service-needs/services/${id}/code`).then(async (s) => {
      setSlip(s);
      setQr(await QRCode.toDataURL(confirmLink(s.code), { margin: 1, width: 180, errorCorrectionLevel: 'M' }));
    }).catch((err: unknown) => setProblem(errorText(err, lang)));
  }, [id, lang]);
  return (
    <Modal open title={t('svc.slip.title')} onCancel={onClose} footer={<Space>
      <Button onClick={onClose}>{t('common.close')}</Button>
      <Button type="primary" icon={<PrinterOutlined />} disabled={!slip} onClick={() => window.print()} data-testid="svc-slip-print">{t('svc.slip.print')}</Button>
    </Space>} data-testid="svc-slip-modal">
      <style>{PRINT_CSS}</style>
      {problem && <Alert type="error" showIcon message={problem} />}
      {!problem && !slip && <div style={{ textAlign: 'center', padding: 24 }}><Spin /></div>}
      {slip && (
        <>
          <Alert type="warning" showIcon message={t('svc.slip.once')} style={{ marginBottom: 12 }} />
          <div className="svc-slip" data-testid="svc-slip">
            <Typography.Title level={5} style={{ marginTop: 0 }}>{slip.communityName} · {t('svc.slip.title')}</Typography.Title>
            <div style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
              <div style={{ flex: 1, minWidth: 0 }}>
                <div>{t('svc.resident')}：{slip.residentName}</div>
                <div>{t('svc.member')}：{slip.memberName}</div>
                <div>{t('svc.servedOn')}：{slip.servedOn}（{slip.hours} h）</div>
                <div style={{ wordBreak: 'break-all' }}>{t('svc.record')}：{slip.record}</div>
                <div style={{ marginTop: 8 }}>{t('svc.code')}：<Typography.Text strong style={{ fontSize: 22, letterSpacing: 2 }} data-testid="svc-slip-code">{slip.code}</Typography.Text></div>
              </div>
              {qr && <img src={qr} alt="QR" width={110} height={110} style={{ flex: 'none' }} />}
            </div>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
              {t('svc.slip.hint')} {t('svc.slip.where')}：{window.location.origin}/public/services/confirm
            </Typography.Paragraph>
          </div>
        </>
      )}
    </Modal>
  );
}

type CallValues = { calledBy: string; calledAt: Dayjs; satisfaction: number; note?: string };

/** 回访确认: the resident's word by phone, with who called and when. */
export function ConfirmCallModal({ id, onClose, onDone }: { id: number; onClose: () => void; onDone: (award: Award) => void }) {
  const t = useT();
  const { me } = useSession();
  const [form] = Form.useForm<CallValues>();
  const { busy, error, run } = useSubmit(form);
  const submit = (v: CallValues) => run(async () => {
    const r = await api.post<{ award: Award }>(`/service-needs/services/${id}/confirm-call`, { calledBy: v.calledBy.trim(), calledAt: v.calledAt.toISOString(), satisfaction: v.satisfaction, note: v.note?.trim() || null });
    onDone(r.award);
  });
  return (
    <Modal open title={t('svc.callConfirm')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okButtonProps={withTestId({}, 'svc-call-submit')} data-testid="svc-call-modal">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ calledBy: me?.user.displayName ?? '', calledAt: dayjs(), satisfaction: 5 }}>
        <Form.Item name="calledBy" label={t('svc.calledBy')} rules={[{ required: true, whitespace: true, max: 50 }]}><Input data-testid="svc-call-by" /></Form.Item>
        <Form.Item name="calledAt" label={t('svc.calledAt')} rules={[{ required: true }]}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" /></Form.Item>
        <Form.Item name="satisfaction" label={t('svc.satisfaction')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={[5, 4, 3, 2, 1].map((n) => ({ value: n, label: t(`svcConfirm.sat.${n}` as MsgKey) }))} data-testid="svc-call-sat" />
        </Form.Item>
        <Form.Item name="note" label={t('svc.callNote')} rules={[{ max: 200 }]}><Input.TextArea rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** The staff's buttons on one service, as its `actions` allow. */
export function ServiceActions({ s, onChanged }: { s: Service; onChanged: () => void }) {
  const t = useT();
  const lang = useLang();
  const { message } = App.useApp();
  const [mode, setMode] = useState<'code' | 'call' | null>(null);
  const withdraw = () => api.post(`/service-needs/services/${s.id}/withdraw`, {}).then(() => { void message.success(t('common.done')); onChanged(); })
    .catch((err: unknown) => { void message.error(errorText(err, lang)); });
  const confirmed = (a: Award) => {
    setMode(null);
    if (a.given) void message.success(t('svc.pointsGiven', { p: a.points }));
    else void message.warning(t('svc.noPoints', { reason: lang === 'en' ? a.reasonEn : a.reason }));
    onChanged();
  };
  return (
    <Space size={4} wrap onClick={(e) => e.stopPropagation()}>
      {s.actions.includes('code') && <Button size="small" onClick={() => setMode('code')} data-testid={`svc-code-${s.id}`}>{t('svc.code')}</Button>}
      {s.actions.includes('confirmCall') && <Button size="small" onClick={() => setMode('call')} data-testid={`svc-call-${s.id}`}>{t('svc.callConfirm')}</Button>}
      {s.actions.includes('withdraw') && (
        <Popconfirm title={t('svc.withdrawConfirm')} onConfirm={() => withdraw()}>
          <Button size="small" danger data-testid={`svc-withdraw-${s.id}`}>{t('svc.withdraw')}</Button>
        </Popconfirm>
      )}
      {mode === 'code' && <CodeSlipModal id={s.id} onClose={() => setMode(null)} />}
      {mode === 'call' && <ConfirmCallModal id={s.id} onClose={() => setMode(null)} onDone={confirmed} />}
    </Space>
  );
}

/** The descriptions of one service (what, when, how long, the resident's word). */
export function ServiceFacts({ s }: { s: Service }) {
  const t = useT();
  return (
    <Descriptions size="small" column={1} items={[
      { key: 'on', label: t('svc.servedOn'), children: s.servedOn ?? '—' },
      { key: 'record', label: t('svc.record'), children: s.record ?? '—' },
      { key: 'hours', label: t('svc.hours'), children: s.hours ?? '—' },
      ...(s.satisfaction ? [{ key: 'sat', label: t('svc.satisfaction'), children: t(`svcConfirm.sat.${s.satisfaction}` as MsgKey) }] : []),
      ...(s.points !== null ? [{ key: 'pts', label: t('svc.points'), children: `+${s.points}` }] : []),
    ]} />
  );
}
