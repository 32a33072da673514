/**
 * Parts of the public voting pages (no login, phone first): the page shell, the receipt shown after
 * a cast, and the names of the members on a ballot remembered on the voter's own device so that a
 * receipt checked after the count can show names (the public receipt answer carries member ids).
 * Nothing else is kept: not the code, not the receipt, not the grades.
 */
import { Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../i18n.ts';
import type { Subject } from './types.ts';


const namesKey = (campaignId: number) => `xf.eval.names.${campaignId}`;

/** Remembers the names on a ballot (public anyway: the ballot lists them) on this device. */
export function rememberNames(campaignId: number, subjects: Subject[]): void {
  try {
    localStorage.setItem(namesKey(campaignId), JSON.stringify(Object.fromEntries(subjects.map((s) => [s.memberId, s.name]))));
  } catch {
    // storage unavailable: the receipt page shows member numbers instead
  }
}

/** The names remembered for a campaign, by member id. */
export function rememberedNames(campaignId: number): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem(namesKey(campaignId)) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

/** A receipt in groups of eight, easier to copy by hand. */
export const groupReceipt = (r: string) => (r.match(/.{1,8}/g) ?? []).join(' ');

/** The receipt after a cast: large, grouped, with a copy button, and how to check it after the count. */
export function ReceiptBox({ campaignId, receipt }: { campaignId: number; receipt: string }) {
  const t = useT();
  return (
    <div data-testid="vote-receipt-box" style={{ border: '2px solid #52c41a', borderRadius: 8, padding: 16, background: '#f6ffed' }}>
      <Typography.Title level={4} style={{ marginTop: 0, textAlign: 'center' }} data-testid="vote-done">{t('vote.done')}</Typography.Title>
      <Typography.Text type="secondary">{t('eval.receipt.label')}</Typography.Text>
      <div style={{ margin: '8px 0 12px' }}>
        <Typography.Text copyable={{ text: receipt }} data-testid="vote-receipt" data-receipt={receipt}
          style={{ fontFamily: 'monospace', fontSize: 18, fontWeight: 700, wordBreak: 'break-word', lineHeight: 1.7 }}>
          {groupReceipt(receipt)}
        </Typography.Text>
      </div>
      <Typography.Paragraph style={{ marginBottom: 8 }}>{t('vote.receiptKeep')}</Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        {t('vote.receiptHow', { id: campaignId })} <Link to={`/vote/receipt#c=${campaignId}`} data-testid="vote-receipt-link">{t('vote.receiptCheck')}</Link>
      </Typography.Paragraph>
    </div>
  );
}
