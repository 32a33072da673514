/**
 * 评星晋级公示栏 (public, no login, phone first): the notices under way with their periods and an
 * 提出异议 form for each open one (the receipt shown prominently), 查询答复 by receipt, and the
 * county's star board grouped by street with each organisation's history by year.
 */
import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Empty, Result, Space, Spin, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { ApiError, api } from '../api.ts';
import { errorText } from '../feedback.ts';
import { useLang, useT } from '../i18n.ts';
import { LangSwitch } from '../components/LangSwitch.tsx';
import { ObjectionForm, ReceiptLookup } from '../components/stars/PublicParts.tsx';
import { Stars, levelText } from '../components/stars/shared.tsx';
import type { PublicBoard } from '../components/stars/types.ts';

type Notice = PublicBoard['notices'][number];

function NoticeCard({ n, today, objecting, onObject, onReceipt }: { n: Notice; today: string; objecting: boolean; onObject: (open: boolean) => void; onReceipt: (r: string) => void }) {
  const t = useT();
  const status = n.open ? <Tag color="red">{t('public.notice.open')}</Tag>
    : today < n.noticeFirst ? <Tag>{t('public.notice.notYet')}</Tag> : <Tag>{t('public.notice.over')}</Tag>;
  return (
    <Card size="small" data-testid={`public-notice-${n.id}`} style={{ borderColor: n.open ? '#ffccc7' : undefined }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '4px 8px' }}>
        <Typography.Text strong style={{ fontSize: 16 }}>{n.orgName}</Typography.Text>
        {status}
      </div>
      {n.streetName && <Typography.Text type="secondary">{n.streetName}</Typography.Text>}
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '4px 12px', marginTop: 6 }}>
        <span>{t('public.notice.proposed', { y: n.year })}</span>
        <Stars value={n.level} testId={`public-notice-level-${n.id}`} />
        <Typography.Text>{levelText(n.level, t)}</Typography.Text>
      </div>
      <div style={{ marginTop: 4 }} data-testid={`public-notice-period-${n.id}`}>{t('public.notice.period', { from: n.noticeFirst, to: n.noticeLast })}</div>
      {n.open && !objecting && (
        <Button style={{ marginTop: 10 }} onClick={() => onObject(true)} data-testid={`public-object-${n.id}`}>{t('public.objection.open')}</Button>
      )}
      {n.open && objecting && <ObjectionForm noticeId={n.id} onReceipt={onReceipt} onCancel={() => onObject(false)} />}
    </Card>
  );
}

/** The public page. */
export function PublicStarsPage() {
  const t = useT();
  const lang = useLang();
  const { countyId } = useParams();
  const id = Number(countyId);
  const [board, setBoard] = useState<PublicBoard | null>(null);
  const [problem, setProblem] = useState<{ notFound: boolean; err?: unknown } | null>(null);
  const [objecting, setObjecting] = useState<number | null>(null);
  const [receipt, setReceipt] = useState('');

  useEffect(() => {
    if (!Number.isInteger(id) || id <= 0) { setProblem({ notFound: true }); return undefined; }
    const ctrl = new AbortController();
    setBoard(null);
    setProblem(null);
    api.get<PublicBoard>(`/public/stars/${id}`, undefined, ctrl.signal)
      .then(setBoard)
      .catch((err: unknown) => {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        setProblem({ notFound: err instanceof ApiError && err.status === 404, err });
      });
    return () => ctrl.abort();
  }, [id]);

  const streets = useMemo(() => {
    const m = new Map<string, PublicBoard['orgs']>();
    for (const o of board?.orgs ?? []) {
      const k = o.streetName ?? '';
      m.set(k, [...(m.get(k) ?? []), o]);
    }
    return [...m.entries()];
  }, [board]);

  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5', overflowX: 'hidden' }} data-testid="public-stars-page">
      <div style={{ background: '#c8102e', color: '#fff', padding: '12px 16px' }}>
        <div style={{ maxWidth: 760, margin: '0 auto', display: 'flex', alignItems: 'center', gap: 8 }}>
          <span style={{ fontSize: 24, color: '#ffd700', lineHeight: 1 }}>★</span>
          <div style={{ flex: 1, minWidth: 0 }}>
            <div style={{ fontWeight: 600, fontSize: 17, lineHeight: 1.3 }} data-testid="public-county-name">{board?.county.name ?? ''}</div>
            <div style={{ fontSize: 13, opacity: 0.9 }}>{t('public.title')}</div>
          </div>
          <LangSwitch />
        </div>
      </div>
      <div style={{ maxWidth: 760, margin: '0 auto', padding: 12 }}>
        {problem && (
          <Result status={problem.notFound ? '404' : 'error'} title={problem.notFound ? t('public.notFound') : errorText(problem.err, lang)} data-testid="public-error" />
        )}
        {!problem && !board && <div style={{ textAlign: 'center', padding: 60 }}><Spin size="large" /></div>}
        {board && (
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small" title={t('public.notices')} data-testid="public-notices"
              extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('public.today', { d: board.today })}</Typography.Text>}>
              {board.notices.length === 0 ? <Empty description={t('public.noNotices')} /> : (
                <Space orientation="vertical" size={10} style={{ width: '100%' }}>
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: 13 }}>{t('public.noticeHint')}</Typography.Paragraph>
                  {board.notices.map((n) => (
                    <NoticeCard key={n.id} n={n} today={board.today} objecting={objecting === n.id}
                      onObject={(open) => setObjecting(open ? n.id : null)} onReceipt={setReceipt} />
                  ))}
                </Space>
              )}
            </Card>

            <ReceiptLookup receipt={receipt} onReceipt={setReceipt} />

            <Card size="small" title={t('public.board')} data-testid="public-board">
              {streets.length === 0 ? <Empty description={t('public.noRatings')} /> : (
                <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                  {streets.map(([street, orgs]) => (
                    <div key={street} data-testid="public-street">
                      <Typography.Text strong style={{ display: 'block', borderLeft: '3px solid #c8102e', paddingLeft: 8, marginBottom: 6 }}>
                        {street || t('public.noStreet')}
                      </Typography.Text>
                      {orgs.map((o) => (
                        <div key={o.orgId} data-testid={`public-org-${o.orgId}`} data-level={o.current.level}
                          style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
                          <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: '2px 8px' }}>
                            <Typography.Text style={{ minWidth: 0, wordBreak: 'break-all' }}>{o.orgName}</Typography.Text>
                            <Stars value={o.current.level} small />
                          </div>
                          <div style={{ fontSize: 12, color: '#8c8c8c' }} data-testid={`public-org-history-${o.orgId}`}>
                            {o.history.map((h) => t('public.historyItem', { y: h.year, n: h.level })).join(t('public.historySep'))}
                          </div>
                        </div>
                      ))}
                    </div>
                  ))}
                </Space>
              )}
            </Card>
            <Typography.Paragraph type="secondary" style={{ textAlign: 'center', fontSize: 12 }}>{t('app.title')} · {t('app.subtitle')}</Typography.Paragraph>
          </Space>
        )}
      </div>
    </div>
  );
}
