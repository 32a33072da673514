/** The 设置提醒 and 驻区单位/网格 tabs of an organisation. */
import { useEffect, useState } from 'react';
import { Alert, Card, Table, Tag, Typography } from 'antd';
import { api } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { translate, useLang, useT, valueLabel } from '../i18n.ts';
import type { Lang, MsgKey } from '../i18n.ts';
import type { Grid, Items, OrgFlag, Unit } from '../types.ts';

const FLAG_RULES = ['too_few', 'upgrade_general_branch', 'upgrade_committee', 'committee_required', 'term_expired'];
const FLAG_COLORS: Record<string, string> = { too_few: 'orange', upgrade_general_branch: 'blue', upgrade_committee: 'purple', committee_required: 'gold', term_expired: 'red' };

function flagRuleLabel(rule: string, lang: Lang): string {
  return FLAG_RULES.includes(rule) ? translate(`flag.${rule}` as MsgKey, undefined, lang) : rule;
}

function useItems<T>(path: string): { items: T[]; loading: boolean } {
  const fb = useFeedback();
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api.get<Items<T>>(path, undefined, ctrl.signal)
      .then((r) => setItems(r.items))
      .catch((err: unknown) => fb.error(err))
      .finally(() => setLoading(false));
    return () => ctrl.abort();
  }, [path, fb]);
  return { items, loading };
}

/** Organisation-setting reminders (upgrade candidates) in the subtree. */
export function OrgFlagsTab({ orgId, onSelect }: { orgId: number; onSelect: (id: number) => void }) {
  const t = useT();
  const lang = useLang();
  const { items, loading } = useItems<OrgFlag>(`/orgs/${orgId}/flags`);
  return (
    <>
      <Alert type="info" showIcon title={t('org.flagsDesc')} style={{ marginBottom: 12 }} />
      <Table<OrgFlag> size="small" rowKey={(r) => `${r.orgId}-${r.rule}`} loading={loading} dataSource={items} pagination={false}
        locale={{ emptyText: t('org.noFlags') }} data-testid="org-flags"
        columns={[
          { title: t('org.name'), dataIndex: 'orgName', render: (v: string, r) => <a onClick={() => onSelect(r.orgId)}>{v}</a> },
          { title: t('org.flagRule'), dataIndex: 'rule', width: 170, render: (v: string) => <Tag color={FLAG_COLORS[v] ?? 'default'}>{flagRuleLabel(v, lang)}</Tag> },
          { title: t('org.flagMessage'), dataIndex: 'message', render: (v: string, r) => (lang === 'en' && r.messageEn ? r.messageEn : v) },
        ]} />
    </>
  );
}

/** 驻区单位 and 网格 of a community. */
export function OrgUnitsTab({ orgId }: { orgId: number }) {
  const t = useT();
  const lang = useLang();
  const units = useItems<Unit>(`/orgs/${orgId}/units`);
  const grids = useItems<Grid>(`/orgs/${orgId}/grids`);
  return (
    <>
      <Card size="small" title={t('org.units')} style={{ marginBottom: 16 }} extra={<Typography.Text type="secondary">{t('common.total', { n: units.items.length })}</Typography.Text>}>
        <Table<Unit> size="small" rowKey="id" loading={units.loading} dataSource={units.items} pagination={{ pageSize: 10, hideOnSinglePage: true }} data-testid="org-units"
          columns={[
            { title: t('common.name'), dataIndex: 'name' },
            { title: t('org.unitKind'), dataIndex: 'kind', width: 120, render: (v: string) => valueLabel(v, lang) },
            { title: t('org.contactName'), dataIndex: 'contactName', width: 120 },
            { title: t('org.address'), dataIndex: 'address' },
          ]} />
      </Card>
      <Card size="small" title={t('org.grids')} extra={<Typography.Text type="secondary">{t('common.total', { n: grids.items.length })}</Typography.Text>}>
        <Table<Grid> size="small" rowKey="id" loading={grids.loading} dataSource={grids.items} pagination={{ pageSize: 10, hideOnSinglePage: true }} data-testid="org-grids"
          columns={[
            { title: t('common.name'), dataIndex: 'name' },
            { title: t('org.gridKind'), dataIndex: 'kind', width: 100, render: (v: string) => valueLabel(v, lang) },
            { title: t('org.households'), dataIndex: 'households', width: 100, align: 'right' },
          ]} />
      </Card>
    </>
  );
}
