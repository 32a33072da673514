/**
 * 办理: the steps the server offers the caller on a campaign (its `actions`), each a button. The
 * manager's steps (发放投票码, 开启投票, 结束投票, 开箱计票, 公布结果) ask first and send the
 * campaign's rowVersion from the latest read; the tellers' (领取/提交开箱密钥, 录入纸质选票) open
 * their own dialogs. Every write reloads the campaign.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { App, Button, Card, Space, Typography } from 'antd';
import {
  CheckCircleOutlined, DeleteOutlined, EditOutlined, KeyOutlined, LockOutlined, NotificationOutlined, PlayCircleOutlined, QrcodeOutlined, UnlockOutlined,
} from '@ant-design/icons';
import { api } from '../../api.ts';
import { useFeedback } from '../../feedback.ts';
import { useT } from '../../i18n.ts';
import type { MsgKey } from '../../i18n.ts';
import { withTestId } from '../../testid.ts';
import { DiscardPaperModal, PaperDrawer } from './PaperDrawer.tsx';
import { BringShareModal, ShareModal } from './ShareModals.tsx';
import type { CampaignDetail, EvalAction, Sheet } from './types.ts';

type Confirmed = 'issueCodes' | 'open' | 'close' | 'count' | 'publish';

const ICONS: Record<EvalAction, ReactNode> = {
  issueCodes: <QrcodeOutlined />, open: <PlayCircleOutlined />, collectShare: <KeyOutlined />, close: <LockOutlined />,
  enterPaper: <EditOutlined />, bringShare: <UnlockOutlined />, count: <CheckCircleOutlined />, publish: <NotificationOutlined />,
};
const ORDER: EvalAction[] = ['issueCodes', 'open', 'collectShare', 'enterPaper', 'close', 'bringShare', 'count', 'publish'];
const PATHS: Record<Confirmed, string> = { issueCodes: 'codes', open: 'open', close: 'close', count: 'count', publish: 'publish' };

/** The action card; `onSheets` gets the code sheets just issued. */
export function ActionPanel({ detail, onReload, onSheets }: { detail: CampaignDetail; onReload: () => void; onSheets: (s: Sheet[]) => void }) {
  const t = useT();
  const fb = useFeedback();
  const { modal } = App.useApp();
  const [share, setShare] = useState<string | null>(null);
  const [bringing, setBringing] = useState(false);
  const [paper, setPaper] = useState(false);
  const [discarding, setDiscarding] = useState(false);
  const [busy, setBusy] = useState<EvalAction | null>(null);
  const actions = ORDER.filter((a) => detail.actions.includes(a));
  const manages = detail.actions.includes('close') || detail.actions.includes('count');

  const write = async (a: Confirmed) => {
    try {
      const r = await api.post<Record<string, unknown>>(`/eval/campaigns/${detail.id}/${PATHS[a]}`, { rowVersion: detail.rowVersion });
      if (a === 'issueCodes') onSheets(r.sheets as Sheet[]);
      else if (a === 'count') fb.success(t('eval.count.done', { ballots: Number(r.ballots), spoiled: Number(r.spoiled) }));
      else if (a === 'publish') fb.success(t('eval.publish.done', { n: Number(r.proceedings) }) + (Number(r.points) > 0 ? t('eval.publish.points', { n: Number(r.points) }) : ''));
      else fb.success();
    } catch (err) {
      fb.error(err);
    } finally {
      onReload();
    }
  };

  const confirm = (a: Confirmed) => modal.confirm({
    title: t(`eval.action.${a}` as MsgKey), content: <div data-testid="eval-confirm">{t(`eval.confirm.${a}` as MsgKey)}</div>,
    okText: t('common.confirm'), cancelText: t('common.cancel'), okButtonProps: withTestId({}, 'eval-confirm-ok'), onOk: () => write(a),
  });

  const collect = () => modal.confirm({
    title: t('eval.action.collectShare'), content: <div data-testid="eval-confirm">{t('eval.confirm.collectShare')}</div>,
    okText: t('common.confirm'), cancelText: t('common.cancel'), okButtonProps: withTestId({}, 'eval-confirm-ok'),
    onOk: async () => {
      setBusy('collectShare');
      try {
        setShare((await api.post<{ share: string }>(`/eval/campaigns/${detail.id}/my-share`)).share);
      } catch (err) {
        fb.error(err);
      } finally {
        setBusy(null);
      }
    },
  });

  const click = (a: EvalAction) => {
    if (a === 'collectShare') collect();
    else if (a === 'bringShare') setBringing(true);
    else if (a === 'enterPaper') setPaper(true);
    else confirm(a);
  };

  return (
    <Card size="small" title={t('eval.actions')} data-testid="eval-actions" className="no-print">
      {actions.length === 0 && !manages && <Typography.Text type="secondary" data-testid="eval-no-actions">{t('eval.noActions')}</Typography.Text>}
      <Space wrap>
        {actions.map((a) => (
          <Button key={a} type={a === 'enterPaper' ? 'default' : 'primary'} icon={ICONS[a]} loading={busy === a} onClick={() => click(a)} data-testid={`eval-action-${a}`}>
            {t(`eval.action.${a}` as MsgKey)}
          </Button>
        ))}
        {manages && detail.paperWaiting > 0 && (
          <Button danger icon={<DeleteOutlined />} onClick={() => setDiscarding(true)} data-testid="eval-action-discardPaper">{t('eval.discard.title')}</Button>
        )}
      </Space>
      {detail.actions.includes('collectShare') && <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('eval.share.hint')}</Typography.Paragraph>}
      {detail.shares && (detail.state === 'open' || detail.state === 'closed') && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }} data-testid="eval-share-status"
          data-collected={detail.shares.collected} data-brought={detail.shares.brought}>
          {detail.state === 'open'
            ? t('eval.share.collectedOf', { n: detail.shares.collected, of: detail.shares.tellers })
            : t('eval.share.broughtOf', { n: detail.shares.brought, of: detail.shares.threshold })}
        </Typography.Paragraph>
      )}
      {share && <ShareModal share={share} onClose={() => setShare(null)} />}
      {bringing && <BringShareModal campaignId={detail.id} onClose={() => setBringing(false)} onBrought={onReload} />}
      {paper && <PaperDrawer detail={detail} onClose={() => setPaper(false)} onEntered={onReload} />}
      {discarding && <DiscardPaperModal campaignId={detail.id} onClose={() => setDiscarding(false)} onDone={() => { setDiscarding(false); fb.success(); onReload(); }} />}
    </Card>
  );
}
