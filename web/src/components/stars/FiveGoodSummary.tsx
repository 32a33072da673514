/**
 * The two 五好 target groups of a year as cards: 社区和企业党组织 (target 60% in seed 003) and
 * 机关和事业单位党组织 (70%): the share that met the standard, red below the target, and the counts
 * behind it; below them the count by category.
 */
import { Card, Col, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useT } from '../../i18n.ts';
import { below, pct } from './results.tsx';
import type { FiveGoodGroup, FiveGoodList } from './types.ts';

type Props = { data: FiveGoodList; targets: { community?: number; organ?: number } };

/** One group's card; `data-*` carry the figures for tests. */
function GroupCard({ group, g, target }: { group: 'community' | 'organ'; g: FiveGoodGroup; target?: number }) {
  const t = useT();
  const low = target !== undefined && g.orgs > 0 && below(g.share, target);
  const color = target === undefined || g.orgs === 0 ? undefined : low ? '#cf1322' : '#389e0d';
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={`star-fg-group-${group}`} data-share={g.share ?? ''} data-met={g.met} data-orgs={g.orgs}
      data-assessed={g.assessed} data-target={target ?? ''} data-below={low ? 'true' : 'false'}>
      <Statistic title={t(`stars.fg.group.${group}`)} value={pct(g.share)} styles={{ content: { color } }} />
      <Space wrap size={[8, 0]} style={{ fontSize: 12 }}>
        <Typography.Text type="secondary">{t('stars.fg.groupCounts', { met: g.met, orgs: g.orgs, assessed: g.assessed })}</Typography.Text>
        <Typography.Text type={low ? 'danger' : 'secondary'} data-testid={`star-fg-target-${group}`}>
          {target === undefined ? '' : t('stars.fg.target', { v: pct(target) })}
          {target !== undefined && g.orgs > 0 ? `（${t(low ? 'stars.report.notMet' : 'stars.report.met')}）` : ''}
        </Typography.Text>
      </Space>
    </Card>
  );
}

/** The summary cards. */
export function FiveGoodSummary({ data, targets }: Props) {
  const t = useT();
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}><GroupCard group="community" g={data.groups.community} target={targets.community} /></Col>
        <Col xs={24} md={12}><GroupCard group="organ" g={data.groups.organ} target={targets.organ} /></Col>
      </Row>
      <Space wrap size={[6, 6]} data-testid="star-fg-categories">
        {data.byCategory.map((c) => (
          <Tag key={c.category} data-testid={`star-fg-cat-${c.category}`} data-orgs={c.orgs} data-met={c.met} data-assessed={c.assessed}>
            {t(`stars.fg.cat.${c.category}`)}：{t('stars.fg.catCounts', { orgs: c.orgs, assessed: c.assessed, met: c.met })}
          </Tag>
        ))}
      </Space>
    </Space>
  );
}
