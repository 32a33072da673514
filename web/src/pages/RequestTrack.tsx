/**
 * 诉求进度查询 (public, no login, phone first): the tracking code (from the link's #code=…, which no
 * server log sees, or typed) and the phone (always typed) show the request as its resident may see
 * it: state, category, community and grid, time limit, outcome and the steps with their public notes.
 * Once it is resolved or closed the resident rates it in one tap, or asks for it to be handled again
 * with a reason. A merged request shows the one it was merged into.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Divider, Form, Input, Space, Tag, Timeline, Typography } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useLocation } from 'react-router-dom';
import dayjs from 'dayjs';
import { api } from '../api.ts';
import { errorText, fieldIssues } from '../feedback.ts';
import { useLang, useT } from '../i18n.ts';
import type { MsgKey, TFunction } from '../i18n.ts';
import { requestsPublicMessages } from '../messages/requests-public.ts';
import { PHONE_RE } from './PublicRequest.tsx';
import { PublicShell } from '../components/PublicShell.tsx';

type Step = { action: string; state: string; levelName: string | null; note: string | null; at: string };
type View = {
  trackingCode: string; kind: string; title: string; body: string; place: string | null; categoryName: string; communityName: string; gridName: string | null;
  state: string; stateName: string; levelName: string | null; dueOn: string | null; raisedOn: string; outcome: 'fixed' | 'not_fixed' | null; outcomeNote: string | null;
  outcomeOn: string | null; satisfaction: number | null; reopened: number; mergedInto: { trackingCode: string; state: string; stateName: string } | null; canConfirm: boolean; steps: Step[];
};
type Who = { code: string; phone: string };

const STATE_COLORS: Record<string, string> = { triage: 'default', assigned: 'blue', in_progress: 'processing', resolved: 'green', closed: 'orange', confirmed: 'success', merged: 'purple' };
const STEP_COLORS: Record<string, string> = { resolved: 'green', confirmed: 'green', closed: 'gray', reopened: 'red', escalated: 'red' };

/** A label of this page's dictionary when it has one, else the server's Chinese text. */
const known = (t: TFunction, key: string, fallback: string) => (key in requestsPublicMessages ? t(key as MsgKey) : fallback);
/** The state's name in the language shown. */
export const stateLabel = (t: TFunction, state: string, fallback = state) => known(t, `rt.state.${state}`, fallback);

/** The level's name (网格, 社区, 街道) in the language shown. */
const levelLabel = (t: TFunction, name: string) => known(t, `rt.level.${name}`, name);

/** The code in the address: `#code=K7M3-XPA9Q2` or just `#K7M3-XPA9Q2`. */
function codeFromHash(hash: string): string {
  const raw = hash.replace(/^#/, '');
  const p = new URLSearchParams(raw);
  return (p.get('code') ?? (raw.includes('=') ? '' : decodeURIComponent(raw))).trim().toUpperCase();
}

const cleanCode = (s: string) => s.toUpperCase().replace(/[\s-]/g, '');

/** The tracking page. */
export function RequestTrackPage() {
  const t = useT();
  const lang = useLang();
  const location = useLocation();
  const [code, setCode] = useState(() => codeFromHash(location.hash));
  const [phone, setPhone] = useState('');
  const [who, setWho] = useState<Who | null>(null);
  const [view, setView] = useState<View | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<'thanks' | 'reopened' | null>(null);
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);

  useEffect(() => { const c = codeFromHash(location.hash); if (c) setCode(c); }, [location.hash]);

  const look = async (w: Who, keepError = false) => {
    setBusy('track');
    if (!keepError) setError(null);
    try {
      setView(await api.post<View>('/public/requests/track', w));
      setWho(w);
    } catch (err) {
      setView(null);
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const act = async (action: 'confirm' | 'reopen', body: Record<string, unknown>) => {
    if (!who) return;
    setBusy(action);
    setError(null);
    setNotice(null);
    try {
      setView(await api.post<View>(`/public/requests/${action}`, { ...who, ...body }));
      setNotice(action === 'confirm' ? 'thanks' : 'reopened');
      setReason('');
      setComment('');
    } catch (err) {
      const r = fieldIssues(err).find((i) => i.path[0] === 'reason');
      if (r) setReasonError(lang === 'en' && r.messageEn ? r.messageEn : r.message);
      else setError(err);
      // the page may be out of date (rated in another tab): show what the server holds now, with its message
      if (!r) await look(who, true);
    } finally {
      setBusy(null);
    }
  };

  const reopen = () => {
    if (!reason.trim()) { setReasonError(t('rt.reopenReason')); return; }
    setReasonError(null);
    void act('reopen', { reason: reason.trim() });
  };

  const valid = cleanCode(code).length === 10 && PHONE_RE.test(phone);
  const errorBox = error !== null && <Alert type="error" showIcon title={errorText(error, lang)} style={{ margin: '12px 0' }} data-testid="track-error" />;
  return (
    <PublicShell title={t('rp.title')} subtitle={t('rt.title')} testId="track-page">
      <Card size="small" title={t('rt.title')}>
        <Typography.Paragraph type="secondary">{t('rt.hint')}</Typography.Paragraph>
        <Form layout="vertical" onFinish={() => { if (valid) void look({ code: code.trim(), phone }); }}>
          <Form.Item label={t('rt.code')} required>
            <Input size="large" value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} maxLength={20} autoComplete="off" spellCheck={false} autoCapitalize="characters"
              placeholder={t('rt.codePh')} style={{ fontFamily: 'monospace' }} data-testid="track-code" />
          </Form.Item>
          <Form.Item label={t('rt.phone')} required>
            <Input size="large" type="tel" inputMode="numeric" autoComplete="tel" maxLength={11} value={phone} onChange={(e) => setPhone(e.target.value.replace(/\D/g, '').slice(0, 11))}
              data-testid="track-phone" />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block icon={<SearchOutlined />} loading={busy === 'track'} disabled={!valid} data-testid="track-submit">{t('rt.submit')}</Button>
        </Form>
        {!view && errorBox}
      </Card>

      {view && (
        <Space orientation="vertical" size={12} style={{ width: '100%', marginTop: 12 }} data-testid="track-result" data-state={view.state}>
          {errorBox}
          {notice === 'thanks' && view.satisfaction !== null && (
            <Alert type="success" showIcon data-testid="track-thanks" title={t('rt.thanks')}
              description={t('rt.yourRating', { label: known(t, `rt.rate.${view.satisfaction}`, String(view.satisfaction)) })} />
          )}
          {notice === 'reopened' && <Alert type="info" showIcon title={t('rt.reopened')} data-testid="track-reopened" />}
          <Card size="small" title={<span style={{ whiteSpace: 'normal', wordBreak: 'break-all' }}>{view.title}</span>}
            extra={<Button size="small" type="text" icon={<ReloadOutlined />} aria-label={t('rt.refresh')} loading={busy === 'track'} onClick={() => who && void look(who)} data-testid="track-refresh" />}>
            <div style={{ marginBottom: 8, display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
              <Tag color={STATE_COLORS[view.state] ?? 'default'} style={{ fontSize: 15, padding: '4px 10px' }} data-state={view.state}>
                <span data-testid="track-state">{stateLabel(t, view.state, view.stateName)}</span>
              </Tag>
              <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>{view.trackingCode}</Typography.Text>
            </div>
            {view.mergedInto && (
              <Alert type="info" showIcon style={{ marginBottom: 8 }} data-testid="track-merged" data-code={view.mergedInto.trackingCode}
                title={t('rt.merged', { code: view.mergedInto.trackingCode, state: stateLabel(t, view.mergedInto.state, view.mergedInto.stateName) })} />
            )}
            <Descriptions size="small" column={1} data-testid="track-details" items={[
              { key: 'kind', label: t('rt.kind'), children: known(t, `rp.kind.${view.kind}`, view.kind) },
              { key: 'category', label: t('rt.category'), children: <span data-testid="track-category">{view.categoryName}</span> },
              { key: 'where', label: t('rt.where'), children: <span data-testid="track-where">{[view.communityName, view.gridName].filter(Boolean).join(' · ')}</span> },
              ...(view.place ? [{ key: 'place', label: t('rt.place'), children: view.place }] : []),
              { key: 'raised', label: t('rt.raisedOn'), children: view.raisedOn },
              ...(view.dueOn ? [{ key: 'due', label: t('rt.dueOn'), children: <span data-testid="track-due">{view.dueOn}</span> }] : []),
              ...(view.levelName && !['confirmed', 'merged'].includes(view.state) ? [{ key: 'level', label: t('rt.level'), children: levelLabel(t, view.levelName) }] : []),
              ...(view.outcome ? [{ key: 'outcome', label: t('rt.outcome'), children: (
                <span data-testid="track-outcome" style={{ wordBreak: 'break-all' }}>
                  <Tag color={view.outcome === 'fixed' ? 'green' : 'orange'}>{t(`rt.outcome.${view.outcome}`)}</Tag>{view.outcomeOn} {view.outcomeNote}
                </span>
              ) }] : []),
              ...(view.satisfaction !== null ? [{ key: 'rating', label: t('rt.rating'), children: <span data-testid="track-rating" data-satisfaction={view.satisfaction}>{known(t, `rt.rate.${view.satisfaction}`, String(view.satisfaction))}</span> }] : []),
              ...(view.reopened > 0 ? [{ key: 'reopened', label: t('rt.reopenedLabel'), children: <span data-testid="track-reopened-count">{t('rt.reopenedTimes', { n: view.reopened })}</span> }] : []),
            ]} />
          </Card>

          {view.canConfirm && (
            <Card size="small" title={t('rt.rateTitle')} data-testid="track-rate">
              <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>{t('rt.rateHint')}</Typography.Paragraph>
              <Input maxLength={200} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('rt.comment')} style={{ marginBottom: 8 }} data-testid="track-comment" />
              <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                {[5, 4, 3, 2, 1].map((n) => (
                  <Button key={n} block size="large" type={n === 5 ? 'primary' : 'default'} danger={n <= 2} loading={busy === 'confirm'} disabled={busy !== null && busy !== 'confirm'}
                    onClick={() => void act('confirm', { satisfaction: n, comment: comment.trim() || null })} data-testid={`track-rate-${n}`}>
                    {t(`rt.rate.${n}` as MsgKey)}
                  </Button>
                ))}
              </Space>
              <Divider style={{ margin: '16px 0 12px' }}>{t('rt.reopenTitle')}</Divider>
              <Typography.Text>{t('rt.reopenReason')}</Typography.Text>
              <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 6 }} value={reason} placeholder={t('rt.reopenPh')} status={reasonError ? 'error' : undefined}
                style={{ fontSize: 16, marginTop: 4 }} data-testid="track-reopen-reason"
                onChange={(e) => { setReason(e.target.value); if (e.target.value.trim()) setReasonError(null); }} />
              <div style={{ minHeight: 8, margin: '4px 0' }}>{reasonError && <Typography.Text type="danger" data-testid="track-reopen-error">{reasonError}</Typography.Text>}</div>
              <Button block size="large" danger loading={busy === 'reopen'} disabled={busy !== null && busy !== 'reopen'} onClick={reopen} data-testid="track-reopen">{t('rt.reopen')}</Button>
            </Card>
          )}

          <Card size="small" title={t('rt.steps')}>
            <div data-testid="track-steps" data-count={view.steps.length}>
              <Timeline items={view.steps.map((s, i) => ({
                key: i,
                color: STEP_COLORS[s.action] ?? 'blue',
                content: (
                  <div data-testid={`track-step-${i}`} data-action={s.action} style={{ wordBreak: 'break-all' }}>
                    <Typography.Text strong>{known(t, `rt.action.${s.action}`, s.action)}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>{dayjs(s.at).format('YYYY-MM-DD HH:mm')}</Typography.Text>
                    {s.levelName && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('rt.levelName', { level: levelLabel(t, s.levelName) })}</Typography.Text></div>}
                    {s.note && <div style={{ whiteSpace: 'pre-wrap' }}>{s.note}</div>}
                  </div>
                ),
              }))} />
            </div>
          </Card>
        </Space>
      )}
    </PublicShell>
  );
}
