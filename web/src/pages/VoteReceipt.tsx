/**
 * 核对选票 (public, no login): after the count, the campaign number and the receipt show the opened
 * ballot of that receipt, so a voter sees their ballot was counted as cast. Member names come from
 * this device when it was the one that voted; otherwise member numbers are shown.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Table, Tag, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { ApiError, api } from '../api.ts';
import { errorText } from '../feedback.ts';
import { useLang, useT } from '../i18n.ts';
import { GradeTag, constituencyLabel } from '../components/evaluation/shared.tsx';
import { rememberedNames } from '../components/evaluation/PublicParts.tsx';
import { PublicShell } from '../components/PublicShell.tsx';
import type { OpenedBallot } from '../components/evaluation/types.ts';

type Line = { memberId: string; name: string; grade: string | null; comment: string };

/** The receipt as typed: hex digits only, lower case. */
const cleanReceipt = (s: string) => s.toLowerCase().replace(/[^0-9a-f]/g, '');

/** The receipt page. */
export function VoteReceiptPage() {
  const t = useT();
  const lang = useLang();
  const [campaignId, setCampaignId] = useState<number | null>(null);
  const [receipt, setReceipt] = useState('');
  const [found, setFound] = useState<OpenedBallot | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const p = new URLSearchParams(window.location.hash.replace(/^#/, ''));
    const c = Number(p.get('c'));
    if (Number.isInteger(c) && c > 0) setCampaignId(c);
  }, []);

  const look = async () => {
    const r = cleanReceipt(receipt);
    if (!campaignId || r.length !== 64) return;
    setBusy(true);
    setError(null);
    setFound(null);
    try {
      setFound(await api.get<OpenedBallot>(`/public/eval/${campaignId}/receipts/${r}`));
    } catch (err) {
      setError(err instanceof ApiError && err.status === 404 ? t('vote.receipt.notFound') : errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  // the names on the ballot come with the answer; those remembered on this device are the fallback
  const names: Record<string, string> = found ? { ...rememberedNames(found.campaign.id), ...Object.fromEntries((found.subjects ?? []).map((x) => [String(x.memberId), x.name])) } : {};
  const lines: Line[] = found?.content ? [...new Set([...Object.keys(found.content.grades), ...Object.keys(found.content.comments ?? {})])]
    .map((id) => ({ memberId: id, name: names[id] ?? t('vote.receipt.member', { id }), grade: found.content!.grades[id] ?? null, comment: found.content!.comments?.[id] ?? '' }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')) : [];
  const length = cleanReceipt(receipt).length;

  return (
    <PublicShell title={t('vote.title')} subtitle={t('vote.receipt.title')} testId="vote-receipt-page">
      <Card size="small" title={t('vote.receipt.title')}>
        <Typography.Paragraph type="secondary">{t('vote.receipt.hint')}</Typography.Paragraph>
        <Form layout="vertical" onFinish={() => void look()}>
          <Form.Item label={t('eval.campaignId')} required>
            <InputNumber value={campaignId} onChange={(v) => setCampaignId(typeof v === 'number' ? v : null)} min={1} precision={0} inputMode="numeric"
              style={{ width: '100%' }} size="large" data-testid="vote-receipt-campaign" />
          </Form.Item>
          <Form.Item label={t('eval.receipt.label')} required extra={t('vote.receipt.length', { n: length })}>
            <Input.TextArea value={receipt} onChange={(e) => setReceipt(e.target.value)} autoSize={{ minRows: 2, maxRows: 4 }} spellCheck={false} autoComplete="off"
              style={{ fontFamily: 'monospace', fontSize: 16 }} data-testid="vote-receipt-input" />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block icon={<SearchOutlined />} loading={busy} disabled={!campaignId || length !== 64} data-testid="vote-receipt-submit">
            {t('vote.receipt.check')}
          </Button>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="vote-receipt-error" />}
      {found && (
        <Card size="small" style={{ marginTop: 12 }} data-testid="vote-receipt-found" data-constituency={found.constituency}
          title={<span>{found.campaign.name}</span>}>
          <div style={{ marginBottom: 8 }}>
            <Tag color="red">{constituencyLabel(found.constituency, t)}</Tag>
            {found.content ? <Tag color="green" data-testid="vote-receipt-counted">{t('vote.receipt.counted')}</Tag>
              : <Tag color="default" data-testid="vote-receipt-spoiled">{t('vote.receipt.spoiled')}</Tag>}
          </div>
          {found.content && (
            <Table<Line> rowKey="memberId" size="small" pagination={false} dataSource={lines} data-testid="vote-receipt-lines"
              columns={[
                { title: t('eval.member'), dataIndex: 'name', width: 100 },
                { title: t('eval.grade'), dataIndex: 'grade', width: 110,
                  render: (v: string | null, r) => (v ? <GradeTag grade={v} testId={`vote-receipt-grade-${r.memberId}`} /> : <Typography.Text type="secondary">{t('eval.notGraded')}</Typography.Text>) },
                { title: t('eval.comment'), dataIndex: 'comment', render: (v: string) => v },
              ]} />
          )}
          {!found.content && <Typography.Paragraph>{t('vote.receipt.spoiledText')}</Typography.Paragraph>}
        </Card>
      )}
    </PublicShell>
  );
}
