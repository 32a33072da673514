/** 民情档案: one household with its residents (masked), visits, requests, linked members and hall cases; 居民归户 by name. */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Drawer, Empty, List, Space, Spin, Table, Tag, Typography } from 'antd';
import { EditOutlined, UserAddOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { errorText, useFeedback } from '../../feedback.ts';
import { useLang, useT } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { PersonPicker } from '../PersonPicker.tsx';
import { useDrawerSize } from '../points/shared.tsx';
import { HallStateTag, REQUEST_STATE_ZH, type Archive } from './shared.tsx';

/** The drawer of household `id` in `communityId`; `onChanged` after a resident is placed; `onRecordVisit` opens the visit form for it. */
export function ArchiveDrawer({ id, communityId, tick = 0, onClose, onChanged, onRecordVisit }: {
  id: number; communityId: number; tick?: number; onClose: () => void; onChanged: () => void; onRecordVisit?: (householdId: number) => void;
}) {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const size = useDrawerSize(720);
  const { can } = useSession();
  const [a, setA] = useState<Archive | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [own, setOwn] = useState(0);
  const [resident, setResident] = useState<number | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const ctrl = new AbortController();
    api.get<Archive>(`/households/${id}`, undefined, ctrl.signal)
      .then((r) => { setA(r); setProblem(null); })
      .catch((err: unknown) => { if (!ctrl.signal.aborted) setProblem(errorText(err, lang)); });
    return () => ctrl.abort();
  }, [id, tick, own, lang]);

  const place = async () => {
    if (!resident) return;
    setBusy(true);
    try {
      await api.post(`/households/${id}/residents`, { residentId: resident });
      fb.success(t('gw.ar.place.done'));
      setResident(undefined);
      setOwn((n) => n + 1);
      onChanged();
    } catch (err) {
      fb.error(err);
    } finally {
      setBusy(false);
    }
  };

  const h = a?.household;
  return (
    <Drawer open title={t('gw.ar.title')} size={size} onClose={onClose} destroyOnHidden data-testid="gw-archive"
      extra={onRecordVisit && can('visit.write') && <Button type="primary" icon={<EditOutlined />} onClick={() => onRecordVisit(id)} data-testid="gw-archive-visit">{t('gw.ar.recordVisit')}</Button>}>
      {problem && <Alert type="error" showIcon message={problem} data-testid="gw-archive-error" />}
      {!a && !problem && <Spin />}
      {a && h && (
        <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="gw-archive-body" data-household={h.id}>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
            <Descriptions.Item label={t('gw.hh.address')}><span data-testid="gw-archive-address">{h.address}</span></Descriptions.Item>
            <Descriptions.Item label={t('gw.hh.head')}>{h.headName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('gw.community')}>{h.communityName}</Descriptions.Item>
            <Descriptions.Item label={t('gw.grid')}>{h.gridName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('gw.hh.tags')} span={2}>{h.tags.length ? h.tags.map((x) => <Tag key={x}>{x}</Tag>) : '—'}</Descriptions.Item>
          </Descriptions>

          <Card size="small" title={t('gw.ar.residents')} data-testid="gw-archive-residents">
            <Table rowKey="id" size="small" pagination={false} dataSource={a.residents} scroll={{ x: 420 }} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
              columns={[
                { title: t('gw.ar.name'), dataIndex: 'name' },
                { title: t('gw.ar.gender'), dataIndex: 'gender', width: 60 },
                { title: t('gw.ar.phone'), dataIndex: 'phoneMasked', render: (v: string | null) => v ?? '—' },
                { title: t('gw.ar.representative'), dataIndex: 'isRepresentative', width: 90, render: (v: boolean) => (v ? <Tag color="red">✓</Tag> : '') },
              ]} />
            {can('resident.write') && (
              <Space.Compact style={{ width: '100%', marginTop: 12 }}>
                <PersonPicker kind="resident" orgId={communityId} value={resident} onChange={(v) => setResident(v)} data-testid="gw-archive-place-person" />
                <Button icon={<UserAddOutlined />} disabled={!resident} loading={busy} onClick={() => void place()} data-testid="gw-archive-place">{t('gw.ar.place.do')}</Button>
              </Space.Compact>
            )}
          </Card>

          <Card size="small" title={t('gw.ar.visits')} data-testid="gw-archive-visits">
            <List size="small" dataSource={a.visits} locale={{ emptyText: t('gw.v.empty') }}
              renderItem={(v) => (
                <List.Item key={v.id} data-testid={`gw-archive-visit-${v.id}`}>
                  <List.Item.Meta
                    title={<Space wrap size={4}><Tag color="blue">{v.kind}</Tag><span>{v.visitedOn}</span><Typography.Text type="secondary">{v.liaisonName} → {v.whom}</Typography.Text></Space>}
                    description={<>
                      <div style={{ whiteSpace: 'pre-wrap', color: 'rgba(0,0,0,0.88)' }}>{v.heard}</div>
                      {v.followUp && <div><Typography.Text type="secondary">{t('gw.v.followUp')}：</Typography.Text>{v.followUp}</div>}
                    </>} />
                </List.Item>
              )} />
          </Card>

          <Card size="small" title={t('gw.ar.requests')} data-testid="gw-archive-requests">
            <Table rowKey="id" size="small" pagination={false} dataSource={a.requests} scroll={{ x: 480 }} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
              columns={[
                { title: t('gw.h.acceptedOn'), dataIndex: 'raisedOn', width: 110 },
                { title: t('gw.h.matter'), dataIndex: 'title', ellipsis: true },
                { title: t('gw.h.state'), dataIndex: 'state', width: 110, render: (v: string) => <Tag>{REQUEST_STATE_ZH[v]?.[lang === 'en' ? 1 : 0] ?? v}</Tag> },
                { title: t('gs.satisfaction'), dataIndex: 'satisfaction', width: 80, render: (v: number | null) => v ?? '—' },
              ]} />
          </Card>

          <Card size="small" title={t('gw.ar.links')} data-testid="gw-archive-links">
            {a.links.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
              <Space wrap>{a.links.map((l) => <Tag key={l.id} color="red" data-testid={`gw-archive-link-${l.id}`}>{l.memberName} · {l.kind} · {l.since}</Tag>)}</Space>
            )}
          </Card>

          <Card size="small" title={t('gw.ar.hall')} data-testid="gw-archive-hall">
            <Table rowKey="id" size="small" pagination={false} dataSource={a.hallCases} scroll={{ x: 480 }} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
              columns={[
                { title: t('gw.h.kind'), dataIndex: 'kind', width: 110 },
                { title: t('gw.h.matter'), dataIndex: 'matter', ellipsis: true },
                { title: t('gw.h.acceptedOn'), dataIndex: 'acceptedOn', width: 110 },
                { title: t('gw.h.state'), dataIndex: 'state', width: 90, render: (v: Archive['hallCases'][number]['state']) => <HallStateTag state={v} t={t} /> },
              ]} />
          </Card>
        </Space>
      )}
    </Drawer>
  );
}
