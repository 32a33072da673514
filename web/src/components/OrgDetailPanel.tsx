/** The selected organisation: its record, 设置提醒 for its subtree, and its 驻区单位 and 网格. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Breadcrumb, Button, Card, Descriptions, Space, Tabs, Tag } from 'antd';
import { EditOutlined, PlusOutlined, SwapOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import dayjs from 'dayjs';
import { api } from '../api.ts';
import { allows } from '../actions.ts';
import { useFeedback } from '../feedback.ts';
import { useLang, useT } from '../i18n.ts';
import { kindColor, kindLabel } from '../labels.ts';
import { OrgFormDrawer } from './OrgFormDrawer.tsx';
import { OrgMoveModal } from './OrgMoveModal.tsx';
import { OrgFlagsTab, OrgUnitsTab } from './OrgTabs.tsx';
import { StarHistory } from './stars/StarHistory.tsx';
import { useSession } from '../session.tsx';
import type { OrgDetail } from '../types.ts';

/** Kinds that hold 驻区单位 and 网格. */
const AREA_WITH_UNITS = ['community', 'village'];

type Props = {
  orgId: number;
  /** Called after a change with the parents whose children should be re-read. */
  onChanged: (parentIds: (number | null | undefined)[]) => void;
  onSelect: (id: number) => void;
  onLoaded?: (detail: OrgDetail) => void;
  /** Roots of the caller's scope: ancestors above them are shown but not opened. */
  scopeRootIds?: number[];
};

/** Details and actions of one organisation. */
export function OrgDetailPanel({ orgId, onChanged, onSelect, onLoaded, scopeRootIds }: Props) {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const navigate = useNavigate();
  const { can } = useSession();
  const [detail, setDetail] = useState<OrgDetail | null>(null);
  const [loading, setLoading] = useState(false);
  const [drawer, setDrawer] = useState<'edit' | 'create' | null>(null);
  const [moving, setMoving] = useState(false);
  const [tab, setTab] = useState('info');
  const loadedRef = useRef(onLoaded);
  loadedRef.current = onLoaded;

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const d = await api.get<OrgDetail>(`/orgs/${orgId}`);
      setDetail(d);
      loadedRef.current?.(d);
    } catch (err) {
      fb.error(err);
    } finally {
      setLoading(false);
    }
  }, [orgId, fb]);

  useEffect(() => { void load(); }, [load]);
  useEffect(() => { setTab('info'); }, [orgId]);

  const org = detail?.org.id === orgId ? detail.org : null;
  const actions = detail?.actions ?? [];
  const ancestors = detail?.ancestors ?? [];
  const firstInScope = scopeRootIds ? ancestors.findIndex((x) => scopeRootIds.includes(x.id)) : 0;
  const crumbs = ancestors.map((x, i) => ({ ...x, open: firstInScope >= 0 && i >= firstInScope }));
  const termEnds = org?.electedOn && org.termYears ? dayjs(org.electedOn).add(org.termYears, 'year').format('YYYY-MM-DD') : null;

  const info = org && (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        {allows(actions, 'orgEdit') && <Button icon={<EditOutlined />} onClick={() => setDrawer('edit')} data-testid="org-edit">{t('org.edit')}</Button>}
        {allows(actions, 'orgAddChild') && (detail?.childKinds ?? ['?']).length > 0 && <Button icon={<PlusOutlined />} onClick={() => setDrawer('create')} data-testid="org-add-child">{t('org.addChild')}</Button>}
        {allows(actions, 'orgMove') && org.parentId !== null && <Button icon={<SwapOutlined />} onClick={() => setMoving(true)} data-testid="org-move">{t('org.move')}</Button>}
        {actions.includes('member.read') && <Button type="link" icon={<UserOutlined />} onClick={() => navigate(`/members?orgId=${org.id}`)} data-testid="org-members">{t('org.viewMembers')}</Button>}
        {actions.includes('member.read') && <Button type="link" icon={<TeamOutlined />} onClick={() => navigate(`/teams?orgId=${org.id}`)} data-testid="org-teams">{t('org.viewTeams')}</Button>}
      </Space>
      <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} data-testid="org-record" styles={{ label: { width: 130 } }}
        items={[
          { key: 'name', label: t('org.name'), children: org.name, span: 'filled' },
          { key: 'shortName', label: t('org.shortName'), children: org.shortName },
          { key: 'kind', label: t('org.kind'), children: <Tag color={kindColor(org.kind)}>{kindLabel(org.kind, lang)}</Tag> },
          { key: 'code', label: t('org.code'), children: org.code },
          { key: 'establishedOn', label: t('org.establishedOn'), children: org.establishedOn },
          { key: 'unitName', label: t('org.unitName'), children: org.unitName },
          { key: 'unitNature', label: t('org.unitNature'), children: org.unitNature },
          { key: 'secretaryName', label: t('org.secretaryName'), children: org.secretaryName },
          { key: 'contactPhone', label: t('org.contactPhone'), children: org.contactPhone },
          { key: 'electedOn', label: t('org.electedOn'), children: org.electedOn },
          { key: 'termYears', label: t('org.termYears'), children: org.termYears ? `${org.termYears}${termEnds ? `（${t('org.termEnds')} ${termEnds}）` : ''}` : null },
          { key: 'address', label: t('org.address'), children: org.address, span: 'filled' },
        ]} />
    </>
  );

  return (
    <Card loading={loading && !org} size="small" data-testid="org-detail"
      title={org ? (
        <Space orientation="vertical" size={0}>
          <Breadcrumb items={crumbs.map((a) => ({
            title: a.open ? <a onClick={() => onSelect(a.id)}>{a.name}</a> : a.name,
          }))} style={{ fontSize: 12, fontWeight: 'normal' }} />
          <span>{org.name}</span>
        </Space>
      ) : ' '}>
      {org && (
        <Tabs activeKey={tab} onChange={setTab} destroyOnHidden items={[
          { key: 'info', label: t('org.tabInfo'), children: info },
          { key: 'flags', label: <span data-testid="org-tab-flags">{t('org.tabFlags')}</span>, children: <OrgFlagsTab orgId={org.id} onSelect={onSelect} /> },
          ...(AREA_WITH_UNITS.includes(org.kind)
            ? [{ key: 'units', label: <span data-testid="org-tab-units">{t('org.tabUnits')}</span>, children: <OrgUnitsTab orgId={org.id} /> }]
            : []),
          ...((org.kind === 'community' || org.kind === 'village') && can('rating.read')
            ? [{ key: 'stars', label: <span data-testid="org-tab-stars">{t('stars.tab.history')}</span>, children: <StarHistory orgId={org.id} year={0} /> }]
            : []),
        ]} />
      )}
      {org && drawer && (
        <OrgFormDrawer mode={drawer} org={org} childKinds={detail?.childKinds} open onClose={() => setDrawer(null)}
          onSaved={(created) => {
            setDrawer(null);
            if (created) {
              onChanged([org.id]);
              onSelect(created);
            } else {
              void load();
              onChanged([org.parentId]);
            }
          }} />
      )}
      {org && moving && (
        <OrgMoveModal org={org} open onClose={() => setMoving(false)}
          onMoved={(newParentId) => {
            setMoving(false);
            onChanged([org.parentId, newParentId]);
            void load();
          }} />
      )}
    </Card>
  );
}
