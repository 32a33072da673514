/**
 * A teller's share of the box key: 领取 shows it once, large, with a copy button and the warning that
 * nobody keeps it; 提交 takes it back after the close and says how many of the needed shares are in.
 */
import { useState } from 'react';
import { Alert, Button, Input, Modal, Typography } from 'antd';
import { api } from '../../api.ts';
import { errorText } from '../../feedback.ts';
import { useLang, useT } from '../../i18n.ts';

/** The share just collected; it cannot be shown again. */
export function ShareModal({ share, onClose }: { share: string; onClose: () => void }) {
  const t = useT();
  return (
    <Modal open closable={false} maskClosable={false} keyboard={false} title={t('eval.share.title')} width={560}
      footer={<Button type="primary" onClick={onClose} data-testid="eval-share-done">{t('eval.share.kept')}</Button>}>
      <div data-testid="eval-share-modal">
        <Alert type="warning" showIcon title={t('eval.share.once')} description={t('eval.share.keep')} style={{ marginBottom: 16 }} />
        <div style={{ border: '2px dashed #c8102e', borderRadius: 8, padding: 16, background: '#fffbe6', textAlign: 'center' }}>
          <Typography.Text copyable={{ text: share }} data-testid="eval-share-text" data-share={share}
            style={{ fontFamily: 'monospace', fontSize: 22, fontWeight: 700, letterSpacing: 1, wordBreak: 'break-all', lineHeight: 1.6 }}>
            {share}
          </Typography.Text>
        </div>
      </div>
    </Modal>
  );
}

/** 提交开箱密钥: the teller types or pastes their share. */
export function BringShareModal({ campaignId, onClose, onBrought }: { campaignId: number; onClose: () => void; onBrought: () => void }) {
  const t = useT();
  const lang = useLang();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [brought, setBrought] = useState<{ brought: number; threshold: number } | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<{ brought: number; threshold: number }>(`/eval/campaigns/${campaignId}/shares`, { share: text.trim() });
      setBrought(r);
      onBrought();
    } catch (err) {
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open onCancel={onClose} title={t('eval.bring.title')} destroyOnHidden
      footer={brought
        ? <Button type="primary" onClick={onClose} data-testid="eval-bring-close">{t('common.close')}</Button>
        : [<Button key="c" onClick={onClose}>{t('common.cancel')}</Button>,
          <Button key="ok" type="primary" loading={busy} disabled={text.trim().length < 8} onClick={() => void submit()} data-testid="eval-bring-ok">{t('eval.bring.ok')}</Button>]}>
      <div data-testid="eval-bring-modal">
        {brought ? (
          <Alert type="success" showIcon data-testid="eval-bring-done" data-brought={brought.brought} data-threshold={brought.threshold}
            title={t('eval.bring.done', { n: brought.brought, k: brought.threshold })}
            description={brought.brought >= brought.threshold ? t('eval.bring.enough') : t('eval.bring.more', { n: brought.threshold - brought.brought })} />
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('eval.bring.hint')}</Typography.Paragraph>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="eval-bring-error" />}
            <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 3, maxRows: 6 }} maxLength={400}
              style={{ fontFamily: 'monospace', fontSize: 16 }} spellCheck={false} autoComplete="off" data-testid="eval-bring-text" />
          </>
        )}
      </div>
    </Modal>
  );
}
