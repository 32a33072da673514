/** The indicators that apply to the member's tier, in a collapsible panel: 加分/减分, points, yearly cap and how much is used. */
import { useMemo } from 'react';
import { Collapse, Empty, Progress, Tag, Typography } from 'antd';
import { useT } from '../../i18n.ts';
import { ADD_COLOUR, SUBTRACT_COLOUR, fmt } from './shared.tsx';
import type { HandbookEntry, HandbookIndicator } from './shared.tsx';

function Row({ x, used }: { x: HandbookIndicator; used: number }) {
  const t = useT();
  const add = x.kind === 'add';
  const colour = add ? ADD_COLOUR : SUBTRACT_COLOUR;
  return (
    <div data-testid="handbook-indicator" data-code={x.code} data-kind={x.kind} style={{ padding: '8px 0', borderBottom: '1px solid #f5f5f5' }}>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 8 }}>
        <Typography.Text style={{ flex: 1, minWidth: 0 }}>{x.name}</Typography.Text>
        <span style={{ color: colour, fontWeight: 600, whiteSpace: 'nowrap' }}>{add ? '+' : '−'}{fmt(Math.abs(x.points))}</span>
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0 12px', fontSize: 12, color: '#8c8c8c' }}>
        <span>{t('handbook.perTime', { p: fmt(Math.abs(x.points)) })}</span>
        <span>{x.capPerYear !== null ? t('handbook.capYear', { n: fmt(x.capPerYear) }) : t('handbook.noCap')}</span>
        {used > 0 && <span style={{ color: colour }}>{t(add ? 'handbook.usedAdd' : 'handbook.usedSubtract', { n: fmt(used) })}</span>}
      </div>
      {x.capPerYear !== null && x.capPerYear > 0 && used > 0 && (
        <Progress percent={Math.min(100, Math.round((used / x.capPerYear) * 100))} size="small" showInfo={false} strokeColor={colour} style={{ margin: 0 }} />
      )}
    </div>
  );
}

/** The collapsible indicator list. */
export function IndicatorList({ indicators, entries, tierName }: { indicators: HandbookIndicator[]; entries: HandbookEntry[]; tierName: string | null }) {
  const t = useT();
  const used = useMemo(() => {
    const m = new Map<string, number>();
    for (const e of entries) if (e.status === 'confirmed') m.set(e.indicator, (m.get(e.indicator) ?? 0) + e.points);
    return m;
  }, [entries]);
  const adds = indicators.filter((x) => x.kind === 'add');
  const subtracts = indicators.filter((x) => x.kind !== 'add');
  const usedOf = (x: HandbookIndicator) => Math.max(0, Math.round((x.kind === 'add' ? 1 : -1) * (used.get(x.code) ?? 0) * 100) / 100);

  const body = indicators.length === 0 ? <Empty description={t('handbook.noIndicators')} /> : (
    <div>
      {adds.length > 0 && (
        <div data-testid="handbook-indicators-add">
          <Tag color="green" style={{ marginBottom: 4 }}>{t('handbook.add')} · {adds.length}</Tag>
          {adds.map((x) => <Row key={x.code} x={x} used={usedOf(x)} />)}
        </div>
      )}
      {subtracts.length > 0 && (
        <div data-testid="handbook-indicators-subtract" style={{ marginTop: adds.length ? 12 : 0 }}>
          <Tag color="red" style={{ marginBottom: 4 }}>{t('handbook.subtract')} · {subtracts.length}</Tag>
          {subtracts.map((x) => <Row key={x.code} x={x} used={usedOf(x)} />)}
        </div>
      )}
    </div>
  );

  return (
    <Collapse data-testid="handbook-indicators" bordered={false} style={{ background: '#fff' }} items={[{
      key: 'indicators',
      label: <span data-testid="handbook-indicators-toggle">{t('handbook.indicators')}{t('handbook.indicatorsN', { n: indicators.length })}</span>,
      extra: tierName ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{tierName}</Typography.Text> : undefined,
      children: body,
    }]} />
  );
}
