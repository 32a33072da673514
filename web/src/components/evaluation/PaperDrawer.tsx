/**
 * 录入纸质选票: a teller types a paper ballot with the code on its slip; a second teller types it
 * again and, when both agree, it goes into the box (a disagreeing entry is refused with the reason).
 * 撤销第一次录入: the manager withdraws a first entry that was wrong.
 */
import { useState } from 'react';
import { Alert, Button, Drawer, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { api } from '../../api.ts';
import { errorText } from '../../feedback.ts';
import { useLang, useT } from '../../i18n.ts';
import { useDrawerSize } from '../points/shared.tsx';
import { BallotCards, ballotBody, emptyBallot, missingGrades } from './BallotCards.tsx';
import type { BallotValue } from './BallotCards.tsx';
import { CONSTITUENCIES, constituencyLabel } from './shared.tsx';
import type { CampaignDetail, Constituency } from './types.ts';

type Outcome = { status: 'waiting' } | { status: 'cast'; receipt: string };

/** The code as typed, upper case and without spaces. */
const cleanCode = (s: string) => s.toUpperCase().replace(/\s+/g, '');

function CodeFields({ code, onCode, constituency, onConstituency, prefix }: {
  code: string; onCode: (s: string) => void; constituency: Constituency; onConstituency: (c: Constituency) => void; prefix: string;
}) {
  const t = useT();
  return (
    <Form layout="vertical">
      <Form.Item label={t('eval.paper.code')} required>
        <Input value={code} onChange={(e) => onCode(cleanCode(e.target.value))} maxLength={20} autoComplete="off" spellCheck={false}
          style={{ fontFamily: 'monospace', fontSize: 16, maxWidth: 260 }} placeholder="XXXXX-XXXXX" data-testid={`${prefix}-code`} />
      </Form.Item>
      <Form.Item label={t('eval.paper.constituency')} required>
        <Radio.Group value={constituency} onChange={(e) => onConstituency(e.target.value as Constituency)} optionType="button" buttonStyle="solid">
          {CONSTITUENCIES.map((c) => <Radio.Button key={c} value={c}><span data-testid={`${prefix}-con-${c}`}>{constituencyLabel(c, t)}</span></Radio.Button>)}
        </Radio.Group>
      </Form.Item>
    </Form>
  );
}

/** The entry drawer of a teller. */
export function PaperDrawer({ detail, onClose, onEntered }: { detail: CampaignDetail; onClose: () => void; onEntered: () => void }) {
  const t = useT();
  const lang = useLang();
  const size = useDrawerSize(680);
  const [code, setCode] = useState('');
  const [constituency, setConstituency] = useState<Constituency>('members');
  const [ballot, setBallot] = useState<BallotValue>(emptyBallot);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const missing = missingGrades(detail.subjects, ballot);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<Outcome>(`/eval/campaigns/${detail.id}/paper`, { code, constituency, ...ballotBody(detail.subjects, ballot) });
      setOutcome(r);
      onEntered();
    } catch (err) {
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };
  const next = () => { setOutcome(null); setError(null); setCode(''); setBallot(emptyBallot()); };

  return (
    <Drawer open onClose={onClose} size={size} destroyOnHidden title={t('eval.paper.title')}
      extra={outcome ? <Button type="primary" onClick={next} data-testid="eval-paper-next">{t('eval.paper.next')}</Button> : (
        <Button type="primary" loading={busy} disabled={code.length < 4 || missing > 0} onClick={() => void submit()} data-testid="eval-paper-ok">{t('eval.paper.ok')}</Button>
      )}>
      <div data-testid="eval-paper-drawer">
        {outcome?.status === 'waiting' && <Alert type="info" showIcon title={t('eval.paper.waiting')} data-testid="eval-paper-waiting" style={{ marginBottom: 16 }} />}
        {outcome?.status === 'cast' && (
          <Alert type="success" showIcon title={t('eval.paper.cast')} data-testid="eval-paper-cast" style={{ marginBottom: 16 }}
            description={<span>{t('eval.receipt.label')}：<Typography.Text code copyable data-testid="eval-paper-receipt" style={{ wordBreak: 'break-all' }}>{outcome.receipt}</Typography.Text></span>} />
        )}
        {!outcome && (
          <>
            <Typography.Paragraph type="secondary">{t('eval.paper.hint')}</Typography.Paragraph>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="eval-paper-error" />}
            <CodeFields code={code} onCode={setCode} constituency={constituency} onConstituency={setConstituency} prefix="eval-paper" />
            <BallotCards subjects={detail.subjects} grades={detail.grades} value={ballot} onChange={setBallot} prefix="paper" />
            {missing > 0 && <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>{t('eval.ballot.missing', { n: missing })}</Typography.Paragraph>}
          </>
        )}
      </div>
    </Drawer>
  );
}

/** The manager's 撤销第一次录入. */
export function DiscardPaperModal({ campaignId, onClose, onDone }: { campaignId: number; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const lang = useLang();
  const [code, setCode] = useState('');
  const [constituency, setConstituency] = useState<Constituency>('members');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.del(`/eval/campaigns/${campaignId}/paper`, { constituency, code });
      onDone();
    } catch (err) {
      setError(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open onCancel={onClose} title={t('eval.discard.title')} destroyOnHidden
      footer={<Space>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button danger type="primary" loading={busy} disabled={code.length < 4} onClick={() => void submit()} data-testid="eval-discard-ok">{t('eval.discard.ok')}</Button>
      </Space>}>
      <div data-testid="eval-discard-modal">
        <Typography.Paragraph type="secondary">{t('eval.discard.hint')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="eval-discard-error" />}
        <CodeFields code={code} onCode={setCode} constituency={constituency} onConstituency={setConstituency} prefix="eval-discard" />
      </div>
    </Modal>
  );
}
