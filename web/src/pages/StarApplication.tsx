/**
 * 评星申报详情: the organisation, year, stars and state; the path of the procedure with the current
 * step; the deadline and the public notice; 办理 (the steps the caller may take); tabs for 自评,
 * 评估, 办理记录, 历年星级 and 异议.
 */
import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Card, Descriptions, Space, Steps, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, api } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useT } from '../i18n.ts';
import { Forbidden, NotFound, PageSpinner } from '../components/Status.tsx';
import { EvaluationPanel } from '../components/stars/EvaluationPanel.tsx';
import { ObjectionsPanel } from '../components/stars/ObjectionsPanel.tsx';
import { SelfAssessTab } from '../components/stars/SelfAssessTab.tsx';
import { StepPanel } from '../components/stars/StepPanel.tsx';
import { StepTimeline } from '../components/stars/StepTimeline.tsx';
import { LevelChangeTag, StarHistory } from '../components/stars/StarHistory.tsx';
import { NOTICE_FROM, StateTag, Stars, overdue, pathOf, pathPosition, useWide } from '../components/stars/shared.tsx';
import type { StarDetail } from '../components/stars/types.ts';

/** The application page. */
export function StarApplicationPage() {
  const t = useT();
  const fb = useFeedback();
  const navigate = useNavigate();
  const wide = useWide();
  const { id } = useParams();
  const appId = Number(id);
  const [detail, setDetail] = useState<StarDetail | null>(null);
  const [missing, setMissing] = useState<404 | 403 | null>(null);
  const [tab, setTab] = useState<string | null>(null);
  const [reloading, setReloading] = useState(false);

  // a reload keeps the page (and any open dialog) while the new detail comes
  const load = useCallback(async (signal?: AbortSignal) => {
    if (!Number.isInteger(appId) || appId <= 0) { setMissing(404); return; }
    setReloading(true);
    try {
      const d = await api.get<StarDetail>(`/stars/applications/${appId}`, undefined, signal);
      setDetail(d);
      setMissing(null);
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      if (err instanceof ApiError && (err.status === 404 || err.status === 403)) setMissing(err.status);
      else fb.error(err);
    } finally {
      if (!signal?.aborted) setReloading(false);
    }
  }, [appId, fb]);

  useEffect(() => {
    const ctrl = new AbortController();
    setDetail(null);
    void load(ctrl.signal);
    return () => ctrl.abort();
  }, [load]);

  const reload = useCallback(() => { void load(); }, [load]);

  if (missing === 404) return <NotFound />;
  if (missing === 403) return <Forbidden />;
  if (!detail || detail.id !== appId) return <PageSpinner />;

  const d = detail;
  const path = pathOf(d.level);
  const pos = pathPosition(d.state, d.level, d.steps);
  const openObjections = d.objections.filter((o) => o.state === 'open').length;
  const showObjections = d.level >= NOTICE_FROM || d.objections.length > 0;
  const activeTab = tab ?? (d.actions.includes('selfAssess') ? 'self' : 'evaluation');
  const publicPath = `/public/stars/${d.countyId}`;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="star-page">
      <Card data-testid="star-header"
        title={<Space wrap size={4}>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/stars')} aria-label={t('common.back')} data-testid="star-back" />
          <span data-testid="star-org">{d.orgName}</span>
          <StateTag state={d.state} name={d.stateName} t={t} testId="star-state" />
        </Space>}
        extra={<Button icon={<ReloadOutlined />} loading={reloading} onClick={reload} data-testid="star-reload">{wide ? t('common.refresh') : null}</Button>}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginBottom: 16 }} items={[
          { key: 'year', label: t('stars.year'), children: <span data-testid="star-year">{t('stars.yearN', { y: d.year })}</span> },
          { key: 'previous', label: t('stars.previousLevel'), children: d.previousLevel === null
            ? <Typography.Text type="secondary" data-testid="star-previous">{t('stars.previousNone')}</Typography.Text>
            : <Stars value={d.previousLevel} testId="star-previous" /> },
          { key: 'applied', label: t('stars.appliedLevel'), children: (
            <Space size={4} wrap>
              <Stars value={d.appliedLevel} testId="star-applied" />
              {d.previousLevel !== null && <LevelChangeTag from={d.previousLevel} to={d.appliedLevel} />}
            </Space>
          ) },
          { key: 'level', label: t('stars.currentLevel'), children: <Stars value={d.level} testId="star-level" /> },
          ...(d.dueOn ? [{ key: 'due', label: t('stars.dueOn'), children: (
            <Typography.Text type={overdue(d.dueOn, d.today) ? 'danger' : undefined} data-testid="star-due">
              {d.dueOn}{overdue(d.dueOn, d.today) ? ` ${t('stars.overdue')}` : ''}
            </Typography.Text>
          ) }] : []),
          ...(d.noticeFirst ? [{ key: 'notice', label: t('stars.noticePeriod'), children: (
            <Space wrap size={8}>
              <span data-testid="star-notice">{t('stars.period', { from: d.noticeFirst, to: d.noticeLast ?? '' })}</span>
              {d.state === 'notice' && <Link to={publicPath} target="_blank" data-testid="star-public-link">{t('stars.publicPage')}</Link>}
            </Space>
          ) }] : []),
          ...(d.docNumber ? [{ key: 'doc', label: t('stars.docNumber'), children: <span data-testid="star-doc">{d.docNumber}</span> }] : []),
        ]} />
        <Steps size="small" current={pos.current} status={pos.status} data-testid="star-path" data-current={pos.current}
          items={path.map((k, i) => ({
            title: t(k),
            content: i === pos.current && d.state === 'returned' ? t('stars.state.returned')
              : i === pos.current && d.state === 'refused' ? t('stars.state.refused')
                : i === pos.current && d.state === 'notice' && d.noticeFirst ? t('stars.period', { from: d.noticeFirst, to: d.noticeLast ?? '' }) : undefined,
          }))} />
      </Card>

      <StepPanel detail={d} onReload={reload} />

      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs activeKey={activeTab} onChange={setTab} items={[
          { key: 'self', label: <span data-testid="star-tab-self">{t('stars.tab.self')}</span>, children: <SelfAssessTab detail={d} onReload={reload} /> },
          { key: 'evaluation', label: <span data-testid="star-tab-evaluation">{t('stars.tab.evaluation')}</span>, children: <EvaluationPanel detail={d} /> },
          { key: 'steps', label: <span data-testid="star-tab-steps">{t('stars.tab.steps')}</span>, children: <StepTimeline steps={d.steps} /> },
          { key: 'history', label: <span data-testid="star-tab-history">{t('stars.tab.history')}</span>, children: <StarHistory orgId={d.orgId} year={d.year} /> },
          ...(showObjections ? [{
            key: 'objections',
            label: <span data-testid="star-tab-objections"><Badge count={openObjections} size="small" offset={[8, -2]}>{t('stars.tab.objections')}</Badge></span>,
            children: <ObjectionsPanel detail={d} onReload={reload} />,
          }] : []),
        ]} />
      </Card>
    </Space>
  );
}
