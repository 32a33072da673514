/**
 * 志愿服务: the activities of volunteer teams in scope (a member sees those around them and signs up),
 * 发布活动, an activity's sign-ups, attendance and cancellation, and the counts by organisation with
 * a chart and .xlsx.
 */
import { useEffect, useState } from 'react';
import { Button, Card, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { api } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useT } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { withTestId } from '../testid.ts';
import { OrgTreeSelect } from '../components/OrgTreeSelect.tsx';
import { yearOptions } from '../components/commitments/shared.tsx';
import { ActivityDrawer, NewActivityDrawer } from '../components/service/ActivityDrawers.tsx';
import { VolunteerStats } from '../components/service/VolunteerStats.tsx';
import { minuteText, type Activity } from '../components/service/types.ts';

type State = Activity['state'];

/** The page. */
export function VolunteerPage() {
  const t = useT();
  const fb = useFeedback();
  const { me, can } = useSession();
  const [items, setItems] = useState<Activity[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(false);
  const [orgId, setOrgId] = useState<number | undefined>();
  const [state, setState] = useState<State | undefined>();
  const [year, setYear] = useState(new Date().getFullYear());
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const [tick, setTick] = useState(0);
  const reader = can('org.read');
  // the counts show for the chosen organisation, else for the caller's own
  const statsOrg = orgId ?? (reader ? me?.grants.find((g) => g.role !== 'member')?.orgId : undefined);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api.get<{ items: Activity[]; total: number }>('/volunteer/activities', { orgId, state, page, pageSize: 20 }, ctrl.signal)
      .then((r) => { setItems(r.items); setTotal(r.total); })
      .catch((err: unknown) => fb.error(err))
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [orgId, state, page, fb, tick]);

  return (
    <Card title={t('vol.title')} data-testid="vol-page"
      extra={<Space wrap>
        {can('team.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="vol-new">{t('vol.new')}</Button>}
        <Button icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)} aria-label={t('common.refresh')} data-testid="vol-reload" />
      </Space>}>
      <Space wrap style={{ marginBottom: 16 }}>
        {reader && <OrgTreeSelect value={orgId} onChange={(v) => { setOrgId(v); setPage(1); }} placeholder={t('vol.pickOrg')} style={{ width: 240 }} data-testid="vol-org" />}
        {reader && <Select value={year} onChange={setYear} style={{ width: 120 }} options={yearOptions(t)} data-testid="vol-year" />}
        <Select allowClear value={state} onChange={(v?: State) => { setState(v); setPage(1); }} placeholder={t('svc.state')} style={{ width: 120 }} data-testid="vol-state"
          options={(['open', 'done', 'cancelled'] as const).map((s) => ({ value: s, label: t(`vol.state.${s}`) }))} />
      </Space>
      {reader && statsOrg && <VolunteerStats key={`${statsOrg}-${year}-${tick}`} orgId={statsOrg} year={year} />}
      <Table<Activity> rowKey="id" size="middle" loading={loading} dataSource={items} data-testid="vol-table" scroll={{ x: 860 }} locale={{ emptyText: t('vol.empty') }}
        pagination={{ current: page, total, pageSize: 20, showSizeChanger: false, onChange: setPage }}
        onRow={(r) => withTestId({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } }, `vol-row-${r.id}`)}
        columns={[
          { title: t('vol.titleField'), dataIndex: 'title', width: 180, ellipsis: true,
            render: (v: string, r) => <>{v} {r.mine !== null && <Tag color="blue">{t('vol.mine')}</Tag>}</> },
          { title: t('vol.time'), dataIndex: 'startsAt', width: 150, render: (v: string) => minuteText(v) },
          { title: t('vol.place'), dataIndex: 'place', width: 150, ellipsis: true },
          { title: t('vol.team'), dataIndex: 'teamName', width: 150, ellipsis: true },
          { title: t('vol.signed'), key: 'signed', width: 90, render: (_v, r) => `${r.signed}/${r.places}` },
          { title: t('svc.state'), dataIndex: 'state', width: 100,
            render: (v: State, r) => <Tag color={v === 'open' ? (r.full ? 'orange' : 'green') : 'default'}>{v === 'open' && r.full ? t('vol.state.full') : t(`vol.state.${v}`)}</Tag> },
        ]} />
      {creating && <NewActivityDrawer onClose={() => setCreating(false)} onDone={(id) => { setCreating(false); fb.success(); setTick((n) => n + 1); setOpen(id); }} />}
      {open !== null && <ActivityDrawer id={open} onClose={() => setOpen(null)} onChanged={() => setTick((n) => n + 1)} />}
    </Card>
  );
}
