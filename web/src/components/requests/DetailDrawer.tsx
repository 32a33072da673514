/**
 * 诉求详情: the request, its photos, the masked phone (查看完整号码, audited, for those allowed), the
 * steps (public notes and internal ones told apart), and buttons for exactly the steps the API lists.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Image, Rate, Space, Spin, Tag, Timeline, Tooltip, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { API_BASE, ApiError, api } from '../../api.ts';
import { formatTime } from '../../dates.ts';
import { errorText, useFeedback } from '../../feedback.ts';
import { useLang, useT, type MsgKey } from '../../i18n.ts';
import { useDrawerSize } from '../points/shared.tsx';
import { StepForm, type FormAction } from './StepForm.tsx';
import { DueDate, LevelTag, STEP_ACTIONS, StateTag, type RequestDetail, type RequestState, type Step, type StepAction } from './shared.tsx';

/** The drawer; `onChanged` after a step so the list reloads. */
export function DetailDrawer({ id, onClose, onChanged }: { id: number; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const { message } = App.useApp();
  const size = useDrawerSize(680);
  const [d, setD] = useState<RequestDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [mode, setMode] = useState<FormAction | null>(null);
  const [busy, setBusy] = useState<StepAction | null>(null);
  const [phone, setPhone] = useState<string | null>(null);

  const load = useCallback(() => {
    api.get<RequestDetail>(`/requests/${id}`).then((r) => { setD(r); setProblem(null); }).catch((err: unknown) => setProblem(errorText(err, lang)));
  }, [id, lang]);
  useEffect(load, [load]);

  const conflict = () => {
    void message.warning(t('rq.versionConflict'));
    setMode(null);
    load();
    onChanged();
  };
  const done = () => {
    fb.success();
    setMode(null);
    load();
    onChanged();
  };

  /** 签收 and 开始办理 take no input: one tap. */
  const quick = async (action: 'deliver' | 'start') => {
    if (!d) return;
    setBusy(action);
    try {
      await api.post(`/requests/${d.id}/steps`, { action, rowVersion: d.rowVersion });
      done();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') conflict();
      else fb.error(err);
    } finally {
      setBusy(null);
    }
  };

  const viewPhone = async () => {
    if (!d) return;
    try {
      setPhone((await api.get<{ phone: string | null }>(`/requests/${d.id}/contact`)).phone ?? '—');
    } catch (err) {
      fb.error(err);
    }
  };

  return (
    <Drawer open title={d ? `${t('rq.detail')} · ${d.trackingCode}` : t('rq.detail')} size={size} onClose={onClose} data-testid="rq-detail">
      {problem && <Alert type="error" showIcon message={problem} data-testid="rq-detail-problem" />}
      {!problem && !d && <div style={{ textAlign: 'center', padding: 40 }}><Spin /></div>}
      {d && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="rq-detail-body" data-state={d.state} data-id={d.id}>
          <Descriptions size="small" column={1} bordered items={[
            { key: 'title', label: t('rq.titleField'), children: <span data-testid="rq-detail-title">{d.title}</span> },
            { key: 'code', label: t('rq.code'), children: <Typography.Text code copyable data-testid="rq-detail-code">{d.trackingCode}</Typography.Text> },
            { key: 'state', label: t('rq.state'), children: <Space wrap size={4}>
              <StateTag state={d.state} overdue={d.overdue} t={t} testId="rq-detail-state" />
              {d.reopened > 0 && <Tag color="orange">{t('rq.reopened', { n: d.reopened })}</Tag>}
              {d.escalations > 0 && <Tag color="red">{t('rq.escalations', { n: d.escalations })}</Tag>}
            </Space> },
            { key: 'kind', label: `${t('rq.kind')} / ${t('rq.category')}`, children: `${d.kind} · ${d.categoryName}` },
            { key: 'place', label: t('rq.place'), children: `${d.communityName}${d.gridName ? ` / ${d.gridName}` : ''}${d.place ? ` · ${d.place}` : ''}` },
            { key: 'body', label: t('rq.body'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{d.body}</span> },
            { key: 'handler', label: t('rq.handler'), children: <Space wrap size={4}>
              <LevelTag level={d.level} t={t} testId="rq-detail-level" />
              <span data-testid="rq-detail-handler">{d.handlerName ?? '—'}</span>
              {d.handlerNote && <Typography.Text type="secondary">（{d.handlerNote}）</Typography.Text>}
            </Space> },
            { key: 'due', label: t('rq.dueOn'), children: <DueDate dueOn={d.dueOn} overdue={d.overdue} testId="rq-detail-due" /> },
            { key: 'raised', label: `${t('rq.raisedOn')} / ${t('rq.source')}`, children: `${d.raisedOn} · ${t(`rq.source.${d.source}` as MsgKey)}` },
            { key: 'contact', label: t('rq.contact'), children: <Space wrap>
              <span>{d.contactName ?? ''}</span>
              <span data-testid="rq-detail-phone">{phone ?? d.phoneMasked ?? '—'}</span>
              {d.canViewContact && !phone && d.phoneMasked && (
                <Tooltip title={t('rq.viewPhone.audited')}>
                  <Button size="small" icon={<EyeOutlined />} onClick={() => void viewPhone()} data-testid="rq-view-phone">{t('rq.viewPhone')}</Button>
                </Tooltip>
              )}
            </Space> },
            ...(d.outcome ? [{ key: 'outcome', label: t('rq.outcome'), children: <span data-testid="rq-detail-outcome">
              {d.outcomeNote}（{d.outcomeBy ?? ''} {d.outcomeOn ?? ''}）</span> }] : []),
            ...(d.satisfaction ? [{ key: 'sat', label: t('rq.satisfaction'), children: <span data-testid="rq-detail-satisfaction" data-value={d.satisfaction}>
              <Rate disabled value={d.satisfaction} /></span> }] : []),
            ...(d.mergedInto ? [{ key: 'into', label: t('rq.state.merged'), children: <Link to={`/requests/${d.mergedInto}`} data-testid="rq-detail-into">{t('rq.mergedInto', { id: d.mergedInto })}</Link> }] : []),
            ...(d.merged.length ? [{ key: 'merged', label: t('rq.mergedHere'), children: d.merged.map((m) => <div key={m.id}>{m.trackingCode} {m.title}</div>) }] : []),
          ]} />
          {d.photoIds.length > 0 && (
            <div data-testid="rq-detail-photos">
              <Typography.Title level={5}>{t('rq.photos')}</Typography.Title>
              <Image.PreviewGroup>
                <Space wrap>{d.photoIds.map((p) => <Image key={p} width={96} height={96} style={{ objectFit: 'cover' }} src={`${API_BASE}/files/${p}/content`} alt={t('rq.photos')} data-testid={`rq-photo-${p}`} />)}</Space>
              </Image.PreviewGroup>
            </div>
          )}
          {!mode && d.actions.length > 0 && (
            <Space wrap data-testid="rq-actions">
              {STEP_ACTIONS.filter((a) => d.actions.includes(a)).map((a) => (
                <Button key={a} data-testid={`rq-action-${a}`} type={a === 'resolve' || a === 'assign' ? 'primary' : 'default'} danger={a === 'close'} loading={busy === a}
                  onClick={() => (a === 'deliver' || a === 'start' ? void quick(a) : setMode(a))}>{t(`rq.act.${a}` as MsgKey)}</Button>
              ))}
            </Space>
          )}
          {mode && <StepForm key={mode} d={d} action={mode} onDone={done} onCancel={() => setMode(null)} onConflict={conflict} />}
          <Typography.Title level={5} style={{ margin: 0 }}>{t('rq.steps')}</Typography.Title>
          <Timeline data-testid="rq-steps" items={d.steps.map((s) => ({ key: s.id, color: s.action === 'escalated' ? 'red' : s.note && !s.publicNote ? 'gray' : 'blue', children: <StepItem s={s} /> }))} />
        </Space>
      )}
    </Drawer>
  );
}

/** One step: what, who, when, its public note and its internal note (marked, on a tinted ground). */
function StepItem({ s }: { s: Step }) {
  const t = useT();
  return (
    <div data-testid={`rq-step-${s.id}`} data-action={s.action}>
      <Space wrap size={4}>
        <Typography.Text strong>{t(`rq.step.${s.action}` as MsgKey)}</Typography.Text>
        <Tag>{t(`rq.state.${s.toState as RequestState}` as MsgKey)}</Tag>
        {s.level && <Tag color="geekblue">{t(`rq.level.${s.level}` as MsgKey)}</Tag>}
        <Typography.Text type="secondary">{s.actorName} · {formatTime(s.at)}</Typography.Text>
      </Space>
      {s.publicNote && <div data-testid={`rq-step-public-${s.id}`}><Tag color="green">{t('rq.public')}</Tag>{s.publicNote}</div>}
      {s.note && (
        <div data-testid={`rq-step-internal-${s.id}`} style={{ background: '#fff7e6', borderLeft: '3px solid #fa8c16', padding: '2px 6px', marginTop: 4 }}>
          <Tag color="orange">{t('rq.internal')}</Tag>{s.note}
        </div>
      )}
    </div>
  );
}
