/**
 * 研判: choose the level (网格 每周 / 社区 每半月 / 街道 每月), the organisation, the grid and the date;
 * the prepared agenda, the form to record the meeting, and the meetings held under the organisation.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Card, DatePicker, Radio, Select, Space, Spin, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { api } from '../api.ts';
import { errorText, useFeedback } from '../feedback.ts';
import { useLang, useT, type MsgKey } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { OrgTreeSelect } from '../components/OrgTreeSelect.tsx';
import { useWide } from '../components/points/shared.tsx';
import { Agenda, type AgendaData, type Decision } from '../components/requests/Agenda.tsx';
import { MeetingForm } from '../components/requests/MeetingForm.tsx';
import { LEVELS, managerOrg, useCommunityAreas, useServerToday, type Level } from '../components/requests/shared.tsx';

type Meeting = { id: number; level: Level; orgId: number; orgName: string; gridId: number | null; gridName: string | null; periodStart: string; periodEnd: string; heldOn: string; attendees: string; decisions: Decision[] };

/** The page. */
export function ReviewsPage() {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const wide = useWide();
  const { me } = useSession();
  const today = useServerToday();
  const [level, setLevel] = useState<Level>('community');
  const [orgId, setOrgId] = useState<number | undefined>(managerOrg(me?.grants) ?? me?.grants[0]?.orgId);
  const [gridId, setGridId] = useState<number | undefined>();
  const [on, setOn] = useState<string | null>(null);
  const [agenda, setAgenda] = useState<AgendaData | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [meetings, setMeetings] = useState<Meeting[]>([]);
  const [tick, setTick] = useState(0);
  const { grids } = useCommunityAreas(level === 'grid' ? orgId : undefined);
  const day = on ?? today;
  const ready = !!orgId && !!day && (level !== 'grid' || !!gridId);

  useEffect(() => {
    if (!ready) { setAgenda(null); return undefined; }
    const ctrl = new AbortController();
    setLoading(true);
    api.get<AgendaData>('/requests/agenda', { level, orgId, gridId: level === 'grid' ? gridId : undefined, on: day }, ctrl.signal)
      .then((a) => { setAgenda(a); setProblem(null); })
      .catch((err: unknown) => { if (!ctrl.signal.aborted) { setAgenda(null); setProblem(errorText(err, lang)); } })
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [ready, level, orgId, gridId, day, lang, tick]);

  useEffect(() => {
    if (!orgId) { setMeetings([]); return undefined; }
    const ctrl = new AbortController();
    api.get<{ items: Meeting[] }>('/requests/reviews', { orgId }, ctrl.signal).then((r) => setMeetings(r.items)).catch((err: unknown) => fb.error(err));
    return () => ctrl.abort();
  }, [orgId, fb, tick]);

  const recorded = agenda && meetings.find((m) => m.level === agenda.level && m.orgId === agenda.orgId && (m.gridId ?? null) === agenda.gridId && m.periodStart === agenda.period.start);
  const held = useCallback(() => { fb.success(t('rv.held')); setTick((n) => n + 1); }, [fb, t]);
  const selectable = (n: { kind: string }) => (level === 'street' ? ['street', 'town'] : ['community', 'village']).includes(n.kind);

  return (
    <Card title={t('rv.title')} data-testid="rv-page">
      <Space wrap style={{ marginBottom: 16 }} align="end">
        <Radio.Group value={level} onChange={(e) => { setLevel(e.target.value as Level); setGridId(undefined); }} optionType="button" data-testid="rv-level"
          options={LEVELS.map((l) => ({ value: l, label: <span data-testid={`rv-level-${l}`}>{t(`rv.level.${l}` as MsgKey)}</span> }))} />
        <OrgTreeSelect value={orgId} onChange={(v) => { setOrgId(v); setGridId(undefined); }} selectable={selectable} placeholder={t('rv.org')} style={{ width: wide ? 240 : '100%' }} data-testid="rv-org" />
        {level === 'grid' && (
          <Select value={gridId} onChange={(v: number) => setGridId(v)} placeholder={t('rv.grid')} style={{ width: 180 }} data-testid="rv-grid"
            options={grids.map((g) => ({ value: g.id, label: <span data-testid={`rv-grid-${g.id}`}>{g.name}（{g.kind}）</span> }))} />
        )}
        <DatePicker value={day ? dayjs(day) : null} allowClear={false} onChange={(d) => setOn(d ? d.format('YYYY-MM-DD') : null)} data-testid="rv-on" />
      </Space>
      {!ready && <Alert type="info" showIcon message={t('rv.pick')} />}
      {problem && <Alert type="error" showIcon message={problem} data-testid="rv-problem" />}
      {loading && !agenda && <div style={{ textAlign: 'center', padding: 40 }}><Spin /></div>}
      {agenda && ready && (
        <Spin spinning={loading}>
          <Agenda a={agenda} />
          {recorded ? <Alert type="success" showIcon message={t('rv.recorded', { d: recorded.heldOn })} style={{ marginTop: 16 }} data-testid="rv-recorded" />
            : agenda.canHold ? <MeetingForm key={`${agenda.level}-${agenda.orgId}-${agenda.gridId}-${agenda.on}-${tick}`} a={agenda} onHeld={held} />
            : <Alert type="info" showIcon message={t('rv.cannotHold')} style={{ marginTop: 16 }} />}
        </Spin>
      )}
      <Typography.Title level={5} style={{ marginTop: 24 }}>{t('rv.past')}</Typography.Title>
      <Table<Meeting> rowKey="id" size="small" dataSource={meetings} data-testid="rv-meetings" scroll={{ x: wide ? 900 : 480 }} pagination={{ pageSize: 10, showSizeChanger: false }}
        expandable={{ expandedRowRender: (m) => <ol style={{ margin: 0 }}>{m.decisions.map((d, i) => <li key={i}>{d.text}{d.requestId ? `（#${d.requestId}）` : ''}</li>)}</ol> }}
        columns={[
          { title: t('rv.past.heldOn'), dataIndex: 'heldOn', width: 110, render: (v: string, m) => <span data-testid={`rv-meeting-${m.id}`}>{v}</span> },
          { title: t('rv.level'), dataIndex: 'level', width: 130, render: (v: Level) => t(`rv.level.${v}` as MsgKey) },
          { title: t('rv.org'), key: 'org', width: 200, render: (_: unknown, m) => `${m.orgName}${m.gridName ? ` / ${m.gridName}` : ''}` },
          { title: t('rv.past.period'), key: 'period', width: 200, responsive: ['md'], render: (_: unknown, m) => `${m.periodStart} ~ ${m.periodEnd}` },
          { title: t('rv.attendees'), dataIndex: 'attendees', ellipsis: true, responsive: ['md'] },
          { title: t('rv.past.decisions'), key: 'n', width: 80, render: (_: unknown, m) => m.decisions.length },
        ]} />
    </Card>
  );
}
