/**
 * 亮分榜 (phone first): a branch's members ranked by their points so far, with grades and a bar of
 * grade counts. Members see their own branch; administrators pick one.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Result, Row, Select, Space, Spin, Typography } from 'antd';
import { AimOutlined, LockOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { ApiError, api } from '../api.ts';
import { errorText, useFeedback } from '../feedback.ts';
import { useLang, useT } from '../i18n.ts';
import { useListParams } from '../listParams.ts';
import { useSession } from '../session.tsx';
import { OrgTreeSelect } from '../components/OrgTreeSelect.tsx';
import { BoardList, MY_ROW_ID } from '../components/handbook/BoardList.tsx';
import { GradeChart } from '../components/handbook/GradeChart.tsx';
import { bandsAscending, fmt, recentYears, scrollToAndFlash } from '../components/handbook/shared.tsx';
import type { Board, HandbookBand } from '../components/handbook/shared.tsx';

const FILTERS = ['schemeId', 'year', 'orgId', 'tier'] as const;

type SchemeItem = { id: number; name: string; subject: string; orgPath?: string };
type SchemeDetail = { current?: { definition?: { bands?: HandbookBand[] } } };

/** Why there is no board to show. */
type Problem = { kind: 'forbidden' } | { kind: 'error'; err: unknown };

/** The 亮分榜 page. */
export function BoardPage() {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const navigate = useNavigate();
  const { me, can } = useSession();
  const { filters, update } = useListParams(FILTERS);
  const thisYear = new Date().getFullYear();
  const year = Number(filters.year) || thisYear;
  const isAdmin = can('points.read');
  const myMemberId = me?.user.memberId ?? null;
  const secretaryOf = me?.grants.find((g) => g.role === 'branch_secretary')?.orgId;
  const orgId = Number(filters.orgId) || (isAdmin && !myMemberId ? secretaryOf : undefined);
  const needOrg = isAdmin && !myMemberId && !orgId;

  const [schemes, setSchemes] = useState<SchemeItem[] | null>(null);
  const [bands, setBands] = useState<HandbookBand[]>([]);
  const [board, setBoard] = useState<Board | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    api.get<{ items: SchemeItem[] }>('/schemes', { subject: 'member' })
      // broadest locality first, then the oldest: the order in which 我的积分手册 picks its default scheme
      .then((r) => setSchemes(r.items.filter((s) => s.subject === 'member').sort((a, b) => (a.orgPath?.length ?? 0) - (b.orgPath?.length ?? 0) || a.id - b.id)))
      .catch((err: unknown) => { setSchemes([]); fb.error(err); });
  }, [fb]);

  const schemeId = schemes?.some((s) => s.id === Number(filters.schemeId)) ? Number(filters.schemeId) : schemes?.[0]?.id;

  useEffect(() => {
    if (!schemeId) return undefined;
    let live = true;
    setBands([]);
    api.get<SchemeDetail>(`/schemes/${schemeId}`)
      .then((d) => { if (live) setBands(d.current?.definition?.bands ?? []); })
      .catch(() => undefined);
    return () => { live = false; };
  }, [schemeId]);

  useEffect(() => {
    if (!schemeId || needOrg) {
      setBoard(null);
      setProblem(null);
      setLoading(false);
      return undefined;
    }
    const ctrl = new AbortController();
    setLoading(true);
    api.get<Board>('/points/board', { schemeId, year, orgId }, ctrl.signal)
      .then((b) => { setBoard(b); setProblem(null); })
      .catch((err: unknown) => {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        setBoard(null);
        if (err instanceof ApiError && err.code === 'FORBIDDEN') setProblem({ kind: 'forbidden' });
        else {
          if (!(err instanceof ApiError && err.status >= 400 && err.status < 500)) fb.error(err);
          setProblem({ kind: 'error', err });
        }
      })
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [schemeId, year, orgId, needOrg, fb]);

  const ascending = useMemo(() => bandsAscending(bands), [bands]);
  const tiers = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of board?.items ?? []) if (r.tier) m.set(r.tier, r.tierName ?? r.tier);
    return [...m.entries()];
  }, [board]);
  const tier = filters.tier && tiers.some(([code]) => code === filters.tier) ? filters.tier : undefined;
  const items = useMemo(() => (board?.items ?? []).filter((r) => !tier || r.tier === tier), [board, tier]);
  const mine = myMemberId !== null ? board?.items.find((r) => r.memberId === myMemberId) : undefined;
  const masked = board?.items.some((r) => r.memberId === null) ?? false;
  const years = recentYears();
  if (!years.includes(year)) years.push(year);

  return (
    <div data-testid="board-page" style={{ width: '100%', maxWidth: 960, marginInline: 'auto' }}>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
          <Typography.Title level={4} style={{ margin: 0, flex: '1 0 auto' }}>{t('board.title')}</Typography.Title>
          <Select data-testid="board-year" value={year} onChange={(y: number) => update({ year: y === thisYear ? undefined : y })}
            options={years.map((y) => ({ value: y, label: t('handbook.yearN', { y }) }))} style={{ width: 104 }} aria-label={t('board.year')} />
        </div>
        {schemes !== null && schemes.length > 0 && (
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
            <Select data-testid="board-scheme" value={schemeId} onChange={(id: number) => update({ schemeId: id, tier: undefined })}
              options={schemes.map((s) => ({ value: s.id, label: s.name }))} style={{ flex: '1 1 260px', minWidth: 0 }} aria-label={t('board.scheme')} />
            {isAdmin && (
              <OrgTreeSelect value={orgId} onChange={(id) => update({ orgId: id, tier: undefined })} placeholder={t('board.chooseOrg')}
                allowClear={Boolean(myMemberId)} style={{ flex: '1 1 220px', minWidth: 0 }} data-testid="board-org" />
            )}
          </div>
        )}

        {schemes === null && <Card loading />}
        {schemes !== null && schemes.length === 0 && (
          <Card data-testid="board-no-scheme"><Empty description={t('board.noScheme')} /></Card>
        )}
        {schemes !== null && schemes.length > 0 && needOrg && (
          <Card data-testid="board-choose-org"><Empty description={t('board.chooseOrgHint')} /></Card>
        )}
        {loading && !board && <Card loading />}
        {!loading && problem?.kind === 'forbidden' && (
          <Card data-testid="board-forbidden">
            <Result icon={<LockOutlined style={{ color: '#c8102e' }} />} title={<span style={{ fontSize: 18 }}>{t('board.adminsOnly')}</span>}
              subTitle={myMemberId ? t('board.adminsOnlyHint') : undefined}
              extra={can('self') ? <Button type="primary" onClick={() => navigate(`/my-points?schemeId=${schemeId ?? ''}${year === thisYear ? '' : `&year=${year}`}`)}>{t('board.toHandbook')}</Button> : undefined} />
          </Card>
        )}
        {!loading && problem?.kind === 'error' && (
          <Card data-testid="board-error">
            <Empty description={<>
              <div>{errorText(problem.err, lang)}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('handbook.noSchemeHint')}</Typography.Text>
            </>} />
          </Card>
        )}

        {board && (
          <Spin spinning={loading}>
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              <Card size="small" data-testid="board-summary">
                <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: '4px 8px' }}>
                  <Typography.Text strong style={{ fontSize: 16 }} data-testid="board-org-name">{board.org.name}</Typography.Text>
                  <Typography.Text type="secondary">{t('handbook.yearN', { y: board.year })} · {t('board.members', { n: board.items.length })}</Typography.Text>
                </div>
                {mine && (
                  <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginTop: 8, flexWrap: 'wrap' }}>
                    <Typography.Text style={{ color: '#c8102e', fontWeight: 600 }} data-testid="board-my-rank">
                      {t('board.myRank', { rank: mine.rank, total: fmt(mine.total) })}
                    </Typography.Text>
                    <Button size="small" icon={<AimOutlined />} onClick={() => scrollToAndFlash(MY_ROW_ID)} data-testid="board-locate"
                      disabled={Boolean(tier) && mine.tier !== tier}>
                      {t('board.locate')}
                    </Button>
                  </div>
                )}
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>{t('board.asOf')}</Typography.Paragraph>
              </Card>
              {masked && <Alert type="info" showIcon title={t('board.masked')} data-testid="board-masked" />}
              {board.items.length === 0 ? (
                <Card data-testid="board-empty"><Empty description={t('board.empty')} /></Card>
              ) : (
                <Row gutter={[12, 12]}>
                  <Col xs={24} lg={{ span: 10, order: 2 }}>
                    <Card size="small" title={t('board.gradeChart')} data-testid="board-chart-card" styles={{ body: { padding: '4px 8px' } }}>
                      <GradeChart items={items} ascending={ascending} />
                    </Card>
                  </Col>
                  <Col xs={24} lg={{ span: 14, order: 1 }}>
                    <Card size="small" styles={{ body: { padding: 0 } }} data-testid="board-list-card"
                      title={tiers.length > 1 ? (
                        <Select data-testid="board-tier" value={tier ?? ''} onChange={(v: string) => update({ tier: v || undefined })} size="small"
                          options={[{ value: '', label: t('board.allTiers') }, ...tiers.map(([code, name]) => ({ value: code, label: name }))]}
                          style={{ minWidth: 160 }} popupMatchSelectWidth={false} />
                      ) : t('board.rank')}
                      extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('board.members', { n: items.length })}</Typography.Text>}>
                      <BoardList items={items} myMemberId={myMemberId} ascending={ascending} />
                    </Card>
                  </Col>
                </Row>
              )}
            </Space>
          </Spin>
        )}
      </Space>
    </div>
  );
}
