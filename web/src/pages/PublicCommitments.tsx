/** 承诺公示墙 (public, no login, phone first): an organisation's public commitments of a year as cards with their state and latest progress. */
import { useEffect, useState } from 'react';
import { Card, Empty, Result, Space, Spin, Tag, Typography } from 'antd';
import { useParams, useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../api.ts';
import { errorText } from '../feedback.ts';
import { useLang, useT } from '../i18n.ts';
import { LangSwitch } from '../components/LangSwitch.tsx';
import { CommitmentTag } from '../components/commitments/shared.tsx';

type Item = { id: number; orgName: string; makerName: string; makerKind: 'member' | 'org' | 'unit'; kind: string; title: string; target: string; madeOn: string; dueOn: string;
  state: string; stateName: string; lastNote: string | null; lastOn: string | null };
type Wall = { org: { id: number; name: string }; year: number; today: string; counts: { made: number; kept: number }; items: Item[] };

/** The public page. */
export function PublicCommitmentsPage() {
  const t = useT();
  const lang = useLang();
  const { orgId } = useParams();
  const [params] = useSearchParams();
  const id = Number(orgId);
  const year = params.get('year') ?? undefined;
  const [wall, setWall] = useState<Wall | null>(null);
  const [problem, setProblem] = useState<{ notFound: boolean; err?: unknown } | null>(null);

  useEffect(() => {
    if (!Number.isInteger(id) || id <= 0) { setProblem({ notFound: true }); return undefined; }
    const ctrl = new AbortController();
    setWall(null);
    setProblem(null);
    api.get<Wall>(`/public/commitments/${id}`, { year }, ctrl.signal)
      .then(setWall)
      .catch((err: unknown) => {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        setProblem({ notFound: err instanceof ApiError && err.status === 404, err });
      });
    return () => ctrl.abort();
  }, [id, year]);

  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5', overflowX: 'hidden' }} data-testid="wall-page">
      <div style={{ background: '#c8102e', color: '#fff', padding: '12px 16px' }}>
        <div style={{ maxWidth: 760, margin: '0 auto', display: 'flex', alignItems: 'center', gap: 8 }}>
          <span style={{ fontSize: 24, color: '#ffd700', lineHeight: 1 }}>★</span>
          <div style={{ flex: 1, minWidth: 0 }}>
            <div style={{ fontWeight: 600, fontSize: 17, lineHeight: 1.3, wordBreak: 'break-all' }} data-testid="wall-org">{wall?.org.name ?? ''}</div>
            <div style={{ fontSize: 13, opacity: 0.9 }}>{t('wall.title')}{wall ? ` · ${t('cm.yearN', { y: wall.year })}` : ''}</div>
          </div>
          <LangSwitch />
        </div>
      </div>
      <div style={{ maxWidth: 760, margin: '0 auto', padding: 12 }}>
        {problem && <Result status={problem.notFound ? '404' : 'error'} title={problem.notFound ? t('wall.notFound') : errorText(problem.err, lang)} data-testid="wall-error" />}
        {!problem && !wall && <div style={{ textAlign: 'center', padding: 60 }}><Spin size="large" /></div>}
        {wall && (
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small">
              <Typography.Text strong style={{ fontSize: 16 }} data-testid="wall-counts">{t('wall.counts', wall.counts)}</Typography.Text>
            </Card>
            {wall.items.length === 0 ? <Card size="small"><Empty description={t('wall.empty')} /></Card> : wall.items.map((c) => (
              <Card key={c.id} size="small" data-testid={`wall-item-${c.id}`} data-state={c.state}>
                <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '4px 8px' }}>
                  <Typography.Text strong style={{ fontSize: 15, wordBreak: 'break-all' }}>{c.title}</Typography.Text>
                  <CommitmentTag state={c.state} overdue={(c.state === 'made' || c.state === 'in_progress') && c.dueOn < wall.today} t={t} testId={`wall-state-${c.id}`} />
                </div>
                <div style={{ marginTop: 4 }}>
                  <Tag>{c.kind}</Tag>
                  <Typography.Text>{c.makerName}</Typography.Text>
                  <Typography.Text type="secondary">（{t(`cm.maker.${c.makerKind}`)} · {c.orgName}）</Typography.Text>
                </div>
                <Typography.Paragraph style={{ margin: '6px 0', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{c.target}</Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('wall.due', { d: c.dueOn })}</Typography.Text>
                {c.lastNote && (
                  <div style={{ marginTop: 6, padding: '6px 8px', background: '#fafafa', borderLeft: '3px solid #c8102e', wordBreak: 'break-all' }} data-testid={`wall-last-${c.id}`}>
                    {t('wall.last', { d: c.lastOn ?? '', note: c.lastNote })}
                  </div>
                )}
              </Card>
            ))}
            <Typography.Paragraph type="secondary" style={{ textAlign: 'center', fontSize: 12 }}>{t('app.title')} · {t('app.subtitle')}</Typography.Paragraph>
          </Space>
        )}
      </div>
    </div>
  );
}
