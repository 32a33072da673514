/**
 * 评星结果 (结果运用): five tabs over the year's results: 目标完成 (shares against the targets by year
 * and by child organisation), 年度通报 (the printable year-end report), 报酬系数 (the cadre pay
 * coefficients), 项目资金与创新奖 (the funds by level and the county's innovation awards) and 五好评定
 * (the 五好 standard by organisation). The last four are drawn up for a county or for a street or
 * community in one. The tab, organisation, scope, year and filters stay in the address; the scope
 * defaults to the user's own organisation and the year to last year.
 */
import type { ReactNode } from 'react';
import { Button, Card, Select, Space, Tabs } from 'antd';
import { ArrowLeftOutlined, ReadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useT } from '../i18n.ts';
import { useListParams } from '../listParams.ts';
import type { OrgNode } from '../types.ts';
import { OrgTreeSelect } from '../components/OrgTreeSelect.tsx';
import { FiveGoodTab } from '../components/stars/FiveGoodTab.tsx';
import { FundsTab } from '../components/stars/FundsTab.tsx';
import { PayTab } from '../components/stars/PayTab.tsx';
import { ReportTab } from '../components/stars/ReportTab.tsx';
import { MAX_YEARS, TargetsTab } from '../components/stars/TargetsTab.tsx';
import { SCOPE_KINDS, useHomeCounty } from '../components/stars/results.tsx';
import { recentYears } from '../components/stars/shared.tsx';

/** `countyId` is the scope's older name, still read so that old links open. */
const FILTERS = ['tab', 'orgId', 'from', 'to', 'scopeId', 'countyId', 'year', 'category', 'state'] as const;
const TABS = ['targets', 'report', 'pay', 'funds', 'fivegood'] as const;
type Tab = (typeof TABS)[number];

const isScope = (n: OrgNode) => SCOPE_KINDS.includes(n.kind);

/** The 评星结果 page. */
export function StarResultsPage() {
  const t = useT();
  const navigate = useNavigate();
  const home = useHomeCounty();
  const { filters, update } = useListParams(FILTERS);
  const lastYear = new Date().getFullYear() - 1;

  const tab: Tab = TABS.includes(filters.tab as Tab) ? (filters.tab as Tab) : 'targets';
  const scopeId = Number(filters.scopeId) || Number(filters.countyId) || home.scopeId;
  const orgId = Number(filters.orgId) || home.orgId;
  const year = Number(filters.year) || lastYear;
  const askedFrom = Number(filters.from);
  const askedTo = Number(filters.to);
  const rangeOk = askedFrom >= 2000 && askedTo >= askedFrom && askedTo - askedFrom < MAX_YEARS;
  const from = rangeOk ? askedFrom : lastYear - 4;
  const to = rangeOk ? askedTo : lastYear;
  const waiting = !home.ready;

  const years = recentYears();
  if (!years.includes(year)) years.push(year);

  const toolbar = (
    <Space wrap>
      <OrgTreeSelect value={scopeId} onChange={(id) => update({ scopeId: id, countyId: undefined })} allowClear={false} selectable={isScope}
        valueLabel={scopeId === home.scopeId ? home.scopeName : undefined}
        placeholder={t('stars.results.chooseScope')} style={{ width: 260, maxWidth: '100%' }} data-testid="star-results-county" />
      <Select value={year} onChange={(y: number) => update({ year: y === lastYear ? undefined : y })} style={{ width: 120 }} aria-label={t('stars.year')}
        options={years.map((y) => ({ value: y, label: t('stars.yearN', { y }) }))} data-testid="star-results-year" />
    </Space>
  );

  const body = (node: ReactNode) => (waiting ? <Card loading variant="borderless" /> : node);
  const label = (k: Tab) => <span data-testid={`star-results-tab-${k}`}>{t(`stars.results.tab.${k}`)}</span>;

  return (
    <Card data-testid="star-results-page" className="star-results-card" classNames={{ header: 'no-print' }} styles={{ body: { paddingTop: 4 } }}
      extra={<Button icon={<ReadOutlined />} onClick={() => navigate(`/stars/standard?year=${year}`)} data-testid="star-results-standard">{t('stars.std.title')}</Button>}
      title={<Space size={4}>
        <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/stars')} aria-label={t('common.back')} data-testid="star-results-back" />
        <span>{t('stars.results.title')}</span>
      </Space>}>
      <Tabs activeKey={tab} onChange={(k) => update({ tab: k === 'targets' ? undefined : k })} destroyOnHidden items={[
        { key: 'targets', label: label('targets'), children: body(
          <TargetsTab orgId={orgId} from={from} to={to} onOrg={(id) => update({ orgId: id })}
            onRange={(f, l) => update({ from: f === lastYear - 4 && l === lastYear ? undefined : f, to: f === lastYear - 4 && l === lastYear ? undefined : l })} />,
        ) },
        { key: 'report', label: label('report'), children: body(<ReportTab scopeId={scopeId} year={year} toolbar={toolbar} />) },
        { key: 'pay', label: label('pay'), children: body(<PayTab scopeId={scopeId} year={year} toolbar={toolbar} />) },
        { key: 'funds', label: label('funds'), children: body(<FundsTab scopeId={scopeId} year={year} toolbar={toolbar} />) },
        { key: 'fivegood', label: label('fivegood'), children: body(
          <FiveGoodTab scopeId={scopeId} year={year} toolbar={toolbar} category={filters.category} state={filters.state}
            onFilter={(f) => update(f)} />,
        ) },
      ]} />
    </Card>
  );
}
