/** 认领与确认 for the community's staff: claims and services in scope (those awaiting the resident first), with the slip's code, 回访确认 and 撤销. */
import { useEffect, useState } from 'react';
import { Button, Select, Space, Table, Tag } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useFeedback } from '../../feedback.ts';
import { useT } from '../../i18n.ts';
import type { MsgKey } from '../../i18n.ts';
import { withTestId } from '../../testid.ts';
import { OrgTreeSelect } from '../OrgTreeSelect.tsx';
import { ServiceActions } from './ServiceActions.tsx';
import { SERVICE_STATES, STATE_COLORS, stateKey, type Service, type ServiceState } from './types.ts';

/** The tab. */
export function ServicesTab() {
  const t = useT();
  const fb = useFeedback();
  const [items, setItems] = useState<Service[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(false);
  const [communityId, setCommunityId] = useState<number | undefined>();
  const [state, setState] = useState<ServiceState | undefined>('served');
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api.get<{ items: Service[]; total: number }>('/service-needs/services', { communityId, state, page, pageSize: 20 }, ctrl.signal)
      .then((r) => { setItems(r.items); setTotal(r.total); })
      .catch((err: unknown) => fb.error(err))
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [communityId, state, page, fb, tick]);

  return (
    <div data-testid="svc-services">
      <Space wrap style={{ marginBottom: 16 }}>
        <OrgTreeSelect value={communityId} onChange={(v) => { setCommunityId(v); setPage(1); }} placeholder={t('svc.pickCommunity')} style={{ width: 220 }} />
        <Select allowClear value={state} onChange={(v?: ServiceState) => { setState(v); setPage(1); }} placeholder={t('svc.filterState')} style={{ width: 150 }} data-testid="svc-services-state"
          options={SERVICE_STATES.map((s) => ({ value: s, label: t(stateKey(s)) }))} />
        <Button icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)} aria-label={t('common.refresh')} data-testid="svc-services-reload" />
      </Space>
      <Table<Service> rowKey="id" size="middle" loading={loading} dataSource={items} data-testid="svc-services-table" scroll={{ x: 1100 }}
        pagination={{ current: page, total, pageSize: 20, showSizeChanger: false, onChange: setPage }}
        onRow={(r) => withTestId({}, `svc-service-row-${r.id}`)}
        columns={[
          { title: t('svc.member'), dataIndex: 'memberName', width: 100 },
          { title: t('svc.resident'), dataIndex: 'residentName', width: 100, render: (v: string, r) => <>{v} <Tag>{r.kind}</Tag></> },
          { title: t('svc.community'), dataIndex: 'communityName', width: 130, ellipsis: true },
          { title: t('svc.servedOn'), dataIndex: 'servedOn', width: 105 },
          { title: t('svc.record'), dataIndex: 'record', ellipsis: true },
          { title: t('svc.hours'), dataIndex: 'hours', width: 90 },
          { title: t('svc.state'), dataIndex: 'state', width: 120, render: (v: ServiceState) => <Tag color={STATE_COLORS[v]}>{t(stateKey(v))}</Tag> },
          { title: t('svc.satisfaction'), dataIndex: 'satisfaction', width: 100, render: (v: number | null) => (v ? t(`svcConfirm.sat.${v}` as MsgKey) : '') },
          { title: t('svc.points'), dataIndex: 'points', width: 70, render: (v: number | null) => (v === null ? '' : `+${v}`) },
          { title: t('common.actions'), key: 'x', width: 210, fixed: 'right', render: (_v, s) => <ServiceActions s={s} onChanged={() => setTick((n) => n + 1)} /> },
        ]} />
    </div>
  );
}
