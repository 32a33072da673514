/** A community's public link for residents (/public/requests/new/<communityId>) and its QR code, to print or show on a phone. */
import { useEffect, useState } from 'react';
import { Button, Modal, Space, Typography } from 'antd';
import { QrcodeOutlined } from '@ant-design/icons';
import QRCode from 'qrcode';
import { api } from '../../api.ts';
import { useFeedback } from '../../feedback.ts';
import { useT } from '../../i18n.ts';
import type { OrgDetail } from '../../types.ts';

/** The residents' form link of a community. */
export const publicRequestLink = (communityId: number): string => `${window.location.origin}/public/requests/new/${communityId}`;

/** A button, shown only when `orgId` is a community or village, opening the link and its QR code. */
export function PublicLink({ orgId }: { orgId: number }) {
  const t = useT();
  const fb = useFeedback();
  const [org, setOrg] = useState<{ id: number; name: string } | null>(null);
  const [open, setOpen] = useState(false);
  const [qr, setQr] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setOrg(null);
    api.get<OrgDetail>(`/orgs/${orgId}`)
      .then((d) => { if (live && ['community', 'village'].includes(d.org.kind)) setOrg({ id: d.org.id, name: d.org.name }); })
      .catch(() => undefined);
    return () => { live = false; };
  }, [orgId]);

  useEffect(() => {
    if (!open || !org) return undefined;
    let live = true;
    void QRCode.toDataURL(publicRequestLink(org.id), { margin: 1, width: 240, errorCorrectionLevel: 'M' }).then((u) => { if (live) setQr(u); });
    return () => { live = false; };
  }, [open, org]);

  if (!org) return null;
  const link = publicRequestLink(org.id);
  const copy = () => {
    navigator.clipboard?.writeText(link).then(() => fb.success(t('rq.qr.copied')), (err: unknown) => fb.error(err));
  };
  return (
    <>
      <Button icon={<QrcodeOutlined />} onClick={() => setOpen(true)} data-testid="rq-qr">{t('rq.qr')}</Button>
      <Modal open={open} title={`${t('rq.qr')} · ${org.name}`} footer={null} onCancel={() => setOpen(false)} data-testid="rq-qr-modal">
        <Space orientation="vertical" align="center" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('rq.qr.hint', { name: org.name })}</Typography.Text>
          {qr ? <img src={qr} alt={t('rq.qr')} width={240} height={240} data-testid="rq-qr-image" /> : <div style={{ width: 240, height: 240 }} />}
          <Typography.Link href={link} target="_blank" data-testid="rq-qr-link" style={{ wordBreak: 'break-all' }}>{link}</Typography.Link>
          <Button onClick={copy} data-testid="rq-qr-copy">{t('rq.qr.copy')}</Button>
        </Space>
      </Modal>
    </>
  );
}
