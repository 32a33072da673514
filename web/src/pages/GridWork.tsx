/** 网格走访: a community's households and their 民情档案, the 民情日记 with its 记录走访 form, the 四联 links and the hall's 办事档案. */
import { useEffect, useState } from 'react';
import { Alert, Card, Select, Space, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useT } from '../i18n.ts';
import { useSession } from '../session.tsx';
import type { OrgDetail } from '../types.ts';
import { OrgTreeSelect } from '../components/OrgTreeSelect.tsx';
import { ArchiveDrawer } from '../components/grid/ArchiveDrawer.tsx';
import { HallTab } from '../components/grid/HallTab.tsx';
import { HouseholdDrawer } from '../components/grid/HouseholdDrawer.tsx';
import { HouseholdsTab } from '../components/grid/HouseholdsTab.tsx';
import { LinksTab } from '../components/grid/LinksTab.tsx';
import { VisitDrawer } from '../components/grid/VisitDrawer.tsx';
import { VisitsTab } from '../components/grid/VisitsTab.tsx';
import { gridOptions, useGrids, useHouseholds } from '../components/grid/shared.tsx';

const TABS = ['households', 'visits', 'links', 'hall'] as const;
type Tab = (typeof TABS)[number];
const isCommunity = (n: { kind: string }) => ['community', 'village'].includes(n.kind);

/** The page; `?communityId=`, `?tab=` and `?household=` may preselect. */
export function GridWorkPage() {
  const t = useT();
  const fb = useFeedback();
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const fromUrl = Number(params.get('communityId')) || undefined;
  const [communityId, setCommunityId] = useState<number | undefined>(fromUrl);
  const [gridId, setGridId] = useState<number | undefined>();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'households';
  const [tick, setTick] = useState(0);
  const [adding, setAdding] = useState(false);
  const [archive, setArchive] = useState<number | null>(Number(params.get('household')) || null);
  const [visitFor, setVisitFor] = useState<{ householdId?: number } | null>(null);
  const grids = useGrids(communityId);
  const households = useHouseholds(communityId, tick);
  const reload = () => setTick((n) => n + 1);

  // by default the community the user's first grant is on, when it is one
  useEffect(() => {
    if (communityId || fromUrl) return undefined;
    const first = me?.grants[0]?.orgId;
    if (!first) return undefined;
    let live = true;
    api.get<OrgDetail>(`/orgs/${first}`).then((d) => { if (live && isCommunity(d.org)) setCommunityId(d.org.id); }).catch(() => undefined);
    return () => { live = false; };
  }, [me, communityId, fromUrl]);

  const setParam = (k: string, v: string | undefined) => setParams((p) => { const n = new URLSearchParams(p); if (v) n.set(k, v); else n.delete(k); return n; }, { replace: true });

  return (
    <Card title={t('gw.title')} data-testid="gw-page" styles={{ body: { paddingTop: 12 } }}>
      <Space wrap style={{ marginBottom: 8, width: '100%' }}>
        <OrgTreeSelect value={communityId} selectable={isCommunity} allowClear={false} placeholder={t('gw.pickCommunity')} style={{ width: 240, maxWidth: '100%' }} data-testid="gw-community"
          onChange={(v) => { setCommunityId(v); setGridId(undefined); setArchive(null); setParam('communityId', v ? String(v) : undefined); }} />
        <Select allowClear value={gridId} onChange={(v?: number) => setGridId(v)} placeholder={t('gw.allGrids')} style={{ width: 200, maxWidth: '100%' }} disabled={!communityId}
          showSearch={{ optionFilterProp: 'label' }} options={gridOptions(grids)} data-testid="gw-grid" />
      </Space>
      {!communityId ? <Alert type="info" showIcon message={t('gw.pickCommunity')} data-testid="gw-pick" /> : (
        <Tabs activeKey={tab} onChange={(k) => setParam('tab', k)} data-testid="gw-tabs" destroyOnHidden
          items={[
            { key: 'households', label: <span data-testid="gw-tab-households">{t('gw.tab.households')}</span>,
              children: <HouseholdsTab communityId={communityId} gridId={gridId} tick={tick} onAdd={() => setAdding(true)} onOpen={setArchive} /> },
            { key: 'visits', label: <span data-testid="gw-tab-visits">{t('gw.tab.visits')}</span>,
              children: <VisitsTab communityId={communityId} gridId={gridId} tick={tick} onRecord={() => setVisitFor({})} onOpenHousehold={setArchive} /> },
            { key: 'links', label: <span data-testid="gw-tab-links">{t('gw.tab.links')}</span>,
              children: <LinksTab communityId={communityId} gridId={gridId} households={households} grids={grids} tick={tick} /> },
            { key: 'hall', label: <span data-testid="gw-tab-hall">{t('gw.tab.hall')}</span>,
              children: <HallTab communityId={communityId} households={households} tick={tick} onChanged={reload} /> },
          ]} />
      )}
      {adding && communityId && <HouseholdDrawer communityId={communityId} gridId={gridId} grids={grids} onClose={() => setAdding(false)}
        onAdded={(id) => { setAdding(false); fb.success(t('gw.hh.new.done')); reload(); setArchive(id); }} />}
      {archive !== null && communityId && <ArchiveDrawer id={archive} communityId={communityId} tick={tick} onClose={() => setArchive(null)} onChanged={reload}
        onRecordVisit={(householdId) => setVisitFor({ householdId })} />}
      {visitFor && communityId && <VisitDrawer communityId={communityId} gridId={gridId} householdId={visitFor.householdId} households={households} onClose={() => setVisitFor(null)}
        onDone={() => { setVisitFor(null); fb.success(t('gw.v.done')); reload(); }} />}
    </Card>
  );
}
