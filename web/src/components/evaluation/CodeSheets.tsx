/**
 * 投票码打印页: one slip per voter, laid out for A4, each with a stub (the voter's name, to hand it
 * out) above the cut line and below it the campaign, the constituency, the code and a QR code of
 * the voting link. The code travels after `#`, so it never reaches a server log. The codes exist
 * only in this page's memory: nothing keeps them, so the page says to print them now.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Space, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import QRCode from 'qrcode';
import { useT } from '../../i18n.ts';
import { withTestId } from '../../testid.ts';
import { constituencyLabel } from './shared.tsx';
import type { Sheet } from './types.ts';

/** Printing shows the slips alone. */
const PRINT_CSS = `
.eval-slips { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 12px; }
.eval-slip { border: 1px dashed #8c8c8c; border-radius: 4px; background: #fff; break-inside: avoid; page-break-inside: avoid; }
@media print {
  .ant-layout-sider, .ant-layout-header, .ant-layout-footer, .ant-message, .ant-notification, .no-print { display: none !important; }
  .ant-layout, .ant-layout-content, body { background: #fff !important; padding: 0 !important; margin: 0 !important; }
  .eval-slips { grid-template-columns: 1fr 1fr; gap: 0; }
  .eval-slip { height: 66mm; border-radius: 0; overflow: hidden; }
  @page { size: A4; margin: 10mm; }
}`;

/** The voting link of a code: the campaign and the code after `#`. */
export function voteLink(campaignId: number, code: string): string {
  return `${window.location.origin}/vote#c=${campaignId}&k=${encodeURIComponent(code)}`;
}

/** The printable sheet; `onDone` leaves it (the codes are gone then). */
export function CodeSheets({ campaign, sheets, onDone }: { campaign: { id: number; name: string }; sheets: Sheet[]; onDone: () => void }) {
  const t = useT();
  const { modal } = App.useApp();
  const [qrs, setQrs] = useState<string[] | null>(null);

  useEffect(() => {
    let live = true;
    void Promise.all(sheets.map((s) => QRCode.toDataURL(voteLink(campaign.id, s.code), { margin: 1, width: 180, errorCorrectionLevel: 'M' })))
      .then((urls) => { if (live) setQrs(urls); });
    return () => { live = false; };
  }, [sheets, campaign.id]);

  const leave = () => modal.confirm({
    title: t('eval.sheets.leaveTitle'), content: t('eval.sheets.leaveText'), okText: t('eval.sheets.leaveOk'), cancelText: t('common.cancel'),
    okButtonProps: withTestId({ danger: true }, 'eval-sheets-leave-ok'), onOk: onDone,
  });
  const count = (c: Sheet['constituency']) => sheets.filter((s) => s.constituency === c).length;

  return (
    <div data-testid="eval-sheets" data-count={sheets.length}>
      <style>{PRINT_CSS}</style>
      <div className="no-print" style={{ marginBottom: 16 }}>
        <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="eval-sheets-warning"
          title={t('eval.sheets.once')} description={t('eval.sheets.onceText')} />
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Text data-testid="eval-sheets-count">
            {t('eval.sheets.count', { n: sheets.length, members: count('members'), residents: count('residents') })}
          </Typography.Text>
          <Space wrap>
            <Button type="primary" icon={<PrinterOutlined />} disabled={!qrs} onClick={() => window.print()} data-testid="eval-sheets-print">{t('eval.sheets.print')}</Button>
            <Button onClick={leave} data-testid="eval-sheets-leave">{t('eval.sheets.leave')}</Button>
          </Space>
        </Space>
      </div>
      <div className="eval-slips">
        {sheets.map((s, i) => (
          <div key={`${s.constituency}-${i}`} className="eval-slip" data-testid="eval-slip" data-constituency={s.constituency}>
            <div style={{ padding: '6px 12px', fontSize: 13, color: '#595959' }} data-testid={`eval-slip-stub-${i}`}>
              {t('eval.slip.stub')}：<b data-testid={`eval-slip-name-${i}`}>{s.name}</b> · {constituencyLabel(s.constituency, t)}
            </div>
            <div style={{ borderTop: '1px dashed #8c8c8c', display: 'flex', gap: 12, padding: 10, alignItems: 'center' }}>
              {qrs ? <img src={qrs[i]} alt={t('eval.slip.qr')} width={120} height={120} data-testid={`eval-slip-qr-${i}`} style={{ flex: 'none' }} />
                : <div style={{ width: 120, height: 120, flex: 'none', background: '#fafafa' }} />}
              <div style={{ flex: 1, minWidth: 0, lineHeight: 1.6 }}>
                <div style={{ fontWeight: 600 }}>{campaign.name}</div>
                <div>{constituencyLabel(s.constituency, t)} · {t('eval.slip.campaignId', { id: campaign.id })}</div>
                <div>{t('eval.slip.code')}：<span style={{ fontFamily: 'monospace', fontSize: 18, fontWeight: 700 }} data-testid={`eval-slip-code-${i}`}>{s.code}</span></div>
                <div style={{ fontSize: 12, color: '#595959', wordBreak: 'break-all' }}>{t('eval.slip.how', { url: `${window.location.origin}/vote` })}</div>
              </div>
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
