/**
 * 民主评议详情: the state, window, tellers and turnout (the only figure before the close), the
 * members on the ballot, the steps the caller may take, the rule, and after the count the results.
 * Issuing the codes turns the page into the printable code sheets until the manager leaves them.
 */
import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, api } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useLang, useT } from '../i18n.ts';
import { Forbidden, NotFound, PageSpinner } from '../components/Status.tsx';
import { ActionPanel } from '../components/evaluation/ActionPanel.tsx';
import { TurnoutChart } from '../components/evaluation/Charts.tsx';
import { CodeSheets } from '../components/evaluation/CodeSheets.tsx';
import { ResultsCard } from '../components/evaluation/Results.tsx';
import { EvalStateTag, ruleLines, useOrgNames, windowText } from '../components/evaluation/shared.tsx';
import type { CampaignDetail, Sheet } from '../components/evaluation/types.ts';
import { useWide } from '../components/stars/shared.tsx';

/** The campaign page. */
export function EvaluationCampaignPage() {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const navigate = useNavigate();
  const wide = useWide();
  const { id } = useParams();
  const campaignId = Number(id);
  const [detail, setDetail] = useState<CampaignDetail | null>(null);
  const [missing, setMissing] = useState<404 | 403 | null>(null);
  const [reloading, setReloading] = useState(false);
  const [sheets, setSheets] = useState<Sheet[] | null>(null);
  const names = useOrgNames(detail ? [detail.orgId] : []);

  const load = useCallback(async (signal?: AbortSignal) => {
    if (!Number.isInteger(campaignId) || campaignId <= 0) { setMissing(404); return; }
    setReloading(true);
    try {
      setDetail(await api.get<CampaignDetail>(`/eval/campaigns/${campaignId}`, undefined, signal));
      setMissing(null);
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      if (err instanceof ApiError && (err.status === 404 || err.status === 403)) setMissing(err.status);
      else fb.error(err);
    } finally {
      if (!signal?.aborted) setReloading(false);
    }
  }, [campaignId, fb]);

  useEffect(() => {
    const ctrl = new AbortController();
    setDetail(null);
    setSheets(null);
    void load(ctrl.signal);
    return () => ctrl.abort();
  }, [load]);
  const reload = useCallback(() => { void load(); }, [load]);

  if (missing === 404) return <NotFound />;
  if (missing === 403) return <Forbidden />;
  if (!detail || detail.id !== campaignId) return <PageSpinner />;
  const d = detail;
  if (sheets) return <CodeSheets campaign={{ id: d.id, name: d.name }} sheets={sheets} onDone={() => setSheets(null)} />;

  const graded = d.subjects.filter((s) => s.graded).length;
  const counted = d.state === 'counted' || d.state === 'published';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="eval-campaign" data-state={d.state} data-version={d.rowVersion}>
      <Card data-testid="eval-header"
        title={<Space wrap size={4}>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/evaluation')} aria-label={t('common.back')} data-testid="eval-back" />
          <span data-testid="eval-name">{d.name}</span>
          <EvalStateTag state={d.state} t={t} testId="eval-state" />
          {d.teller && <Tag color="purple" data-testid="eval-teller-tag">{t('eval.youAreTeller')}</Tag>}
        </Space>}
        extra={<Button icon={<ReloadOutlined />} loading={reloading} onClick={reload} data-testid="eval-reload">{wide ? t('common.refresh') : null}</Button>}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginBottom: 12 }} items={[
          { key: 'org', label: t('eval.org'), children: names[d.orgId] ?? '' },
          { key: 'year', label: t('eval.year'), children: t('eval.yearN', { y: d.year }) },
          { key: 'id', label: t('eval.campaignId'), children: <span data-testid="eval-id">{d.id}</span> },
          { key: 'window', label: t('eval.windowTitle'), children: <span data-testid="eval-window">{windowText(d.opensAt, d.closesAt, t)}</span> },
          { key: 'tellers', label: t('eval.tellers'), children: <span data-testid="eval-tellers">{t('eval.tellersText', { n: d.tellers, k: d.threshold })}</span> },
          { key: 'set', label: t('eval.gradeSet'), children: t(`eval.gradeSet.${d.rule.gradeSet}`) },
          ...(d.paperWaiting > 0 ? [{ key: 'paper', label: t('eval.paperWaiting'),
            children: <Typography.Text type="warning" data-testid="eval-paper-waiting-count">{t('eval.paperWaitingN', { n: d.paperWaiting })}</Typography.Text> }] : []),
        ]} />
        <TurnoutChart turnout={d.turnout} />
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: 12 }} data-testid="eval-turnout-note">
          {counted ? t('eval.turnout.opened') : t('eval.turnout.secret')}
        </Typography.Paragraph>
      </Card>

      <ActionPanel detail={d} onReload={reload} onSheets={setSheets} />

      {d.results && <ResultsCard detail={d} />}

      <Card size="small" title={t('eval.subjects', { n: d.subjects.length, graded })} data-testid="eval-subjects">
        <Space wrap size={[8, 8]}>
          {d.subjects.map((s) => (
            <Tag key={s.memberId} color={s.graded ? undefined : 'gold'} data-testid={`eval-subject-${s.memberId}`} data-graded={s.graded ? 'true' : 'false'}>
              {s.name}{s.graded ? '' : ` · ${t('eval.probationary')}`}
            </Tag>
          ))}
        </Space>
      </Card>

      <Card size="small" title={t('eval.rule')} data-testid="eval-rule">
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {ruleLines(d.rule, t, lang).map((line, i) => <li key={i}>{line}</li>)}
        </ul>
      </Card>
    </Space>
  );
}
