/**
 * 网上投票 (public, no login, phone first): the campaign and code come from the slip's QR link
 * (`/vote#c=<campaign>&k=<code>`; after `#`, so no server log sees them; the address is cleared once
 * read) or are typed. The code opens its ballot; every member gets a grade (probationary members only
 * a comment, if any); the cast answers with the receipt to check after the count.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Spin, Tag, Typography } from 'antd';
import { api } from '../api.ts';
import { errorText } from '../feedback.ts';
import { useLang, useT } from '../i18n.ts';
import { withTestId } from '../testid.ts';
import { BallotCards, ballotBody, emptyBallot, missingGrades } from '../components/evaluation/BallotCards.tsx';
import type { BallotValue } from '../components/evaluation/BallotCards.tsx';
import { ReceiptBox, rememberNames } from '../components/evaluation/PublicParts.tsx';
import { PublicShell } from '../components/PublicShell.tsx';
import { constituencyLabel, minute } from '../components/evaluation/shared.tsx';
import type { Ballot } from '../components/evaluation/types.ts';

/** The campaign and code of the link, if any. */
function fromHash(): { c: number | null; k: string } {
  const p = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const c = Number(p.get('c'));
  return { c: Number.isInteger(c) && c > 0 ? c : null, k: (p.get('k') ?? '').trim() };
}

/** The voting page. */
export function VotePage() {
  const t = useT();
  const lang = useLang();
  const { modal } = App.useApp();
  const [campaignId, setCampaignId] = useState<number | null>(null);
  const [code, setCode] = useState('');
  const [ballot, setBallot] = useState<Ballot | null>(null);
  const [value, setValue] = useState<BallotValue>(emptyBallot);
  const [receipt, setReceipt] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const openBallot = async (c: number, k: string) => {
    setBusy(true);
    setError(null);
    try {
      const b = await api.post<Ballot>('/public/eval/ballot', { campaignId: c, code: k });
      rememberNames(b.campaign.id, b.subjects);
      setValue(emptyBallot());
      setBallot(b);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  // the link's campaign and code, on opening and whenever another link is followed in this tab
  useEffect(() => {
    const take = () => {
      const { c, k } = fromHash();
      if (!c && !k) return;
      // the code leaves the address bar and the history once read
      window.history.replaceState(null, '', window.location.pathname);
      setReceipt(null);
      setBallot(null);
      if (c) setCampaignId(c);
      if (k) setCode(k);
      if (c && k) void openBallot(c, k);
    };
    take();
    window.addEventListener('hashchange', take);
    return () => window.removeEventListener('hashchange', take);
  }, []);

  const cast = async () => {
    if (!ballot) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<{ receipt: string }>('/public/eval/cast', { campaignId: ballot.campaign.id, code, constituency: ballot.constituency, ...ballotBody(ballot.subjects, value) });
      setReceipt(r.receipt);
      setCode('');
      window.scrollTo(0, 0);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const confirmCast = () => modal.confirm({
    title: t('vote.confirmTitle'), content: t('vote.confirmText'), okText: t('vote.submit'), cancelText: t('common.cancel'),
    okButtonProps: withTestId({}, 'vote-confirm-ok'), onOk: cast,
  });

  const missing = ballot ? missingGrades(ballot.subjects, value) : 0;
  return (
    <PublicShell title={t('vote.title')} subtitle={ballot?.campaign.name ?? t('vote.subtitle')} testId="vote-page">
      {receipt && ballot && <ReceiptBox campaignId={ballot.campaign.id} receipt={receipt} />}

      {!receipt && !ballot && (
        <Card size="small" title={t('vote.enter')} data-testid="vote-enter">
          <Typography.Paragraph type="secondary">{t('vote.enterHint')}</Typography.Paragraph>
          {error !== null && <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 12 }} data-testid="vote-error" />}
          <Form layout="vertical" onFinish={() => { if (campaignId && code.trim()) void openBallot(campaignId, code.trim()); }}>
            <Form.Item label={t('eval.campaignId')} required>
              <InputNumber value={campaignId} onChange={(v) => setCampaignId(typeof v === 'number' ? v : null)} min={1} precision={0} inputMode="numeric"
                style={{ width: '100%' }} size="large" data-testid="vote-campaign" />
            </Form.Item>
            <Form.Item label={t('eval.slip.code')} required>
              <Input value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} maxLength={20} size="large" autoComplete="off" spellCheck={false}
                placeholder="XXXXX-XXXXX" style={{ fontFamily: 'monospace' }} data-testid="vote-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" block loading={busy} disabled={!campaignId || code.trim().length < 4} data-testid="vote-open">
              {t('vote.open')}
            </Button>
          </Form>
          {busy && <div style={{ textAlign: 'center', marginTop: 12 }}><Spin /></div>}
        </Card>
      )}

      {!receipt && ballot && (
        <Space orientation="vertical" size={12} style={{ width: '100%', paddingBottom: 96 }} data-testid="vote-ballot" data-constituency={ballot.constituency}>
          <Card size="small">
            <Typography.Title level={5} style={{ marginTop: 0 }} data-testid="vote-campaign-name">{ballot.campaign.name}</Typography.Title>
            <Tag color="red" style={{ fontSize: 15, padding: '4px 10px' }} data-testid="vote-constituency">{constituencyLabel(ballot.constituency, t)}</Tag>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('vote.closesAt', { at: minute(ballot.campaign.closesAt) })}
            </Typography.Paragraph>
            <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>{t('vote.howTo')}</Typography.Paragraph>
          </Card>
          <BallotCards subjects={ballot.subjects} grades={ballot.grades} value={value} onChange={setValue} prefix="vote" large />
        </Space>
      )}

      {!receipt && ballot && (
        <div style={{ position: 'fixed', left: 0, right: 0, bottom: 0, background: '#fff', borderTop: '1px solid #f0f0f0', padding: '10px 12px', zIndex: 10 }}>
          <div style={{ maxWidth: 640, margin: '0 auto' }}>
            {error !== null && <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 8 }} data-testid="vote-error" />}
            <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
              <Typography.Text style={{ flex: 1 }} data-testid="vote-progress" data-missing={missing}>
                {missing > 0 ? t('eval.ballot.missing', { n: missing }) : t('vote.ready')}
              </Typography.Text>
              <Button type="primary" size="large" disabled={missing > 0} loading={busy} onClick={confirmCast} data-testid="vote-submit">{t('vote.submit')}</Button>
            </div>
          </div>
        </div>
      )}
    </PublicShell>
  );
}
