/**
 * 点对点服务 · 积分卡: for the community's staff, the needs archive, the claims and confirmations (the
 * slip's code, 回访确认) and the point rules; for an in-service member on a phone, the open needs near
 * them and their own services. The tab is kept in the address.
 */
import { useState } from 'react';
import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useT } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { NeedsTab } from '../components/service/NeedsTab.tsx';
import { ServicesTab } from '../components/service/ServicesTab.tsx';
import { RulesTab } from '../components/service/RulesTab.tsx';
import { MyServicesTab, OpenNeedsTab } from '../components/service/MemberTabs.tsx';

/** The page. */
export function ServiceNeedsPage() {
  const t = useT();
  const { me, can } = useSession();
  const [params, setParams] = useSearchParams();
  const [tick, setTick] = useState(0);
  const staff = can('request.read') || can('resident.write');
  const member = !!me?.user.memberId && can('self');
  const tabs = [
    ...(member ? [
      { key: 'open', label: t('svc.tab.open'), children: <OpenNeedsTab onClaimed={() => setTick((n) => n + 1)} /> },
      { key: 'mine', label: t('svc.tab.mine'), children: <MyServicesTab tick={tick} /> },
    ] : []),
    ...(staff ? [
      { key: 'needs', label: t('svc.tab.needs'), children: <NeedsTab /> },
      { key: 'services', label: t('svc.tab.services'), children: <ServicesTab /> },
      { key: 'rules', label: t('svc.tab.rules'), children: <RulesTab /> },
    ] : []),
  ];
  const asked = params.get('tab');
  const active = tabs.some((x) => x.key === asked) ? asked! : tabs[0]?.key;
  return (
    <Card title={t('svc.title')} data-testid="svc-page" styles={{ body: { paddingTop: 4 } }}>
      <Tabs activeKey={active} destroyOnHidden onChange={(k) => setParams({ tab: k }, { replace: true })} items={tabs.map((x) => ({ ...x, label: <span data-testid={`svc-tab-${x.key}`}>{x.label}</span> }))} />
    </Card>
  );
}
