/**
 * 志愿服务活动: 发布活动 (a volunteer team the caller manages, time, place, places) and an activity's
 * drawer: 我要报名 / 取消报名 for a member, 代为报名 for members and residents by the team's managers,
 * 记录考勤 (who came, their hours) once it has begun, and 取消活动.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Checkbox, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Radio, Select, Space, Spin, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { errorText, useFeedback } from '../../feedback.ts';
import { useLang, useT } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { PersonPicker } from '../PersonPicker.tsx';
import { useDrawerSize } from '../points/shared.tsx';
import { useSubmit } from '../stars/useSubmit.ts';
import { minuteText, type ActivityDetail, type Signup } from './types.ts';

type NewValues = { teamId?: number; title: string; place: string; time?: [Dayjs, Dayjs]; places: number; note?: string };

/** 发布活动. */
export function NewActivityDrawer({ onClose, onDone }: { onClose: () => void; onDone: (id: number) => void }) {
  const t = useT();
  const size = useDrawerSize(520);
  const [form] = Form.useForm<NewValues>();
  const { busy, error, run } = useSubmit(form);
  const [teams, setTeams] = useState<{ id: number; name: string; orgName: string }[] | null>(null);
  useEffect(() => { api.get<{ items: { id: number; name: string; orgName: string }[] }>('/volunteer/teams').then((r) => setTeams(r.items)).catch(() => setTeams([])); }, []);
  const submit = (v: NewValues) => run(async () => {
    const r = await api.post<{ id: number }>('/volunteer/activities', {
      teamId: v.teamId, title: v.title.trim(), place: v.place.trim(), startsAt: v.time?.[0].toISOString(), endsAt: v.time?.[1].toISOString(), places: v.places, note: v.note?.trim() || null,
    });
    onDone(r.id);
  });
  return (
    <Drawer open title={t('vol.new')} size={size} onClose={onClose} destroyOnHidden data-testid="vol-new-drawer"
      extra={<Space><Button onClick={onClose}>{t('common.cancel')}</Button><Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="vol-new-submit">{t('cm.submit')}</Button></Space>}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {teams && !teams.length && <Alert type="warning" showIcon message={t('vol.noTeams')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ places: 20 }}>
        <Form.Item name="teamId" label={t('vol.team')} rules={[{ required: true }]}>
          <Select loading={!teams} options={(teams ?? []).map((x) => ({ value: x.id, label: `${x.name}（${x.orgName}）` }))} data-testid="vol-new-team" />
        </Form.Item>
        <Form.Item name="title" label={t('vol.titleField')} rules={[{ required: true, whitespace: true, max: 60 }]}><Input data-testid="vol-new-title" /></Form.Item>
        <Form.Item name="place" label={t('vol.place')} rules={[{ required: true, whitespace: true, max: 200 }]}><Input data-testid="vol-new-place" /></Form.Item>
        <Form.Item name="time" label={t('vol.time')} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="vol-new-time" />
        </Form.Item>
        <Form.Item name="places" label={t('vol.places')} rules={[{ required: true }]}><InputNumber min={1} max={1000} precision={0} data-testid="vol-new-places" /></Form.Item>
        <Form.Item name="note" label={t('vol.note')} rules={[{ max: 500 }]}><Input.TextArea rows={2} /></Form.Item>
      </Form>
    </Drawer>
  );
}

type Row = { signupId: number; attended: boolean; hours: number | null };

/** An activity's drawer. */
export function ActivityDrawer({ id, onClose, onChanged }: { id: number; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const { me } = useSession();
  const size = useDrawerSize(680);
  const [d, setD] = useState<ActivityDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [mode, setMode] = useState<'other' | 'attendance' | 'cancel' | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [form] = Form.useForm<{ personKind: 'member' | 'resident'; personId?: number; reason?: string }>();
  const { busy, error, run } = useSubmit(form);
  const kind = Form.useWatch('personKind', form) ?? 'member';

  const load = useCallback(() => {
    api.get<ActivityDetail>(`/volunteer/activities/${id}`).then((r) => { setD(r); setProblem(null); }).catch((err: unknown) => setProblem(errorText(err, lang)));
  }, [id, lang]);
  useEffect(load, [load]);
  const done = () => { fb.success(); setMode(null); form.resetFields(); load(); onChanged(); };
  const act = (work: () => Promise<unknown>) => run(async () => { await work(); done(); });

  const signup = () => act(() => api.post(`/volunteer/activities/${id}/signups`, { personKind: 'member', personId: me?.user.memberId }));
  const cancelSignup = () => act(() => api.del(`/volunteer/activities/${id}/signups/${d?.mine}`));
  const startAttendance = () => {
    setRows((d?.signups ?? []).map((s) => ({ signupId: s.id, attended: s.attended ?? true, hours: s.attended === false ? null : (s.hours ?? d?.maxHours ?? null) })));
    setMode('attendance');
  };
  const setRow = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const submit = (v: { personKind: 'member' | 'resident'; personId?: number; reason?: string }) => act(() => (mode === 'other'
    ? api.post(`/volunteer/activities/${id}/signups`, { personKind: v.personKind, personId: v.personId })
    : api.post(`/volunteer/activities/${id}/cancel`, { rowVersion: d?.rowVersion, reason: v.reason?.trim() })));
  const saveAttendance = () => act(() => api.post(`/volunteer/activities/${id}/attendance`, {
    rowVersion: d?.rowVersion, items: rows.map((r) => ({ signupId: r.signupId, attended: r.attended, hours: r.attended ? r.hours : null })),
  }));

  return (
    <Drawer open title={t('vol.detail')} size={size} onClose={onClose} data-testid="vol-detail">
      {problem && <Alert type="error" showIcon message={problem} />}
      {!problem && !d && <div style={{ textAlign: 'center', padding: 40 }}><Spin /></div>}
      {d && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="vol-detail-body" data-state={d.state}>
          {error && <Alert type="error" showIcon message={error} />}
          <Descriptions size="small" column={1} bordered items={[
            { key: 'title', label: t('vol.titleField'), children: <>{d.title} <Tag color={d.state === 'open' ? 'green' : 'default'}>{t(`vol.state.${d.state}`)}</Tag></> },
            { key: 'team', label: t('vol.team'), children: `${d.teamName}（${d.orgName}）` },
            { key: 'place', label: t('vol.place'), children: d.place },
            { key: 'time', label: t('vol.time'), children: `${minuteText(d.startsAt)} — ${minuteText(d.endsAt)}` },
            { key: 'places', label: t('vol.signed'), children: <span data-testid="vol-detail-signed">{`${d.signed}/${d.places}`}</span> },
            ...(d.note ? [{ key: 'note', label: t('vol.note'), children: d.note }] : []),
          ]} />
          {!mode && (
            <Space wrap>
              {d.actions.includes('signup') && <Button type="primary" loading={busy} onClick={() => void signup()} data-testid="vol-signup">{t('vol.signup')}</Button>}
              {d.actions.includes('cancelSignup') && <Button loading={busy} onClick={() => void cancelSignup()} data-testid="vol-cancel-signup">{t('vol.cancelSignup')}</Button>}
              {d.actions.includes('signupOther') && <Button onClick={() => setMode('other')} data-testid="vol-signup-other">{t('vol.signupOther')}</Button>}
              {d.actions.includes('attendance') && d.signups.length > 0 && <Button type="primary" onClick={startAttendance} data-testid="vol-attendance">{t('vol.attendance')}</Button>}
              {d.actions.includes('cancel') && <Button danger onClick={() => setMode('cancel')} data-testid="vol-cancel">{t('vol.cancel')}</Button>}
            </Space>
          )}
          {mode === 'attendance' ? (
            <>
              <Alert type="info" showIcon message={t('vol.attendanceHint')} />
              <Table<Row> rowKey="signupId" size="small" pagination={false} dataSource={rows} data-testid="vol-attendance-table" columns={[
                { title: t('vol.person'), key: 'name', render: (_v, r) => d.signups.find((s) => s.id === r.signupId)?.name },
                { title: t('vol.attended'), key: 'a', width: 70, render: (_v, r, i) => <Checkbox checked={r.attended} onChange={(e) => setRow(i, { attended: e.target.checked, hours: e.target.checked ? d.maxHours : null })} data-testid={`vol-att-${r.signupId}`} /> },
                { title: t('svc.hours'), key: 'h', width: 130, render: (_v, r, i) => <InputNumber min={0.5} max={d.maxHours} step={0.5} disabled={!r.attended} value={r.hours} onChange={(v) => setRow(i, { hours: v })} data-testid={`vol-hours-${r.signupId}`} /> },
              ]} />
              <Space>
                <Button onClick={() => setMode(null)}>{t('common.cancel')}</Button>
                <Button type="primary" loading={busy} onClick={() => void saveAttendance()} data-testid="vol-attendance-submit">{t('cm.submit')}</Button>
              </Space>
            </>
          ) : (
            <Table<Signup> rowKey="id" size="small" pagination={false} dataSource={d.signups} data-testid="vol-signups" columns={[
              { title: t('vol.person'), dataIndex: 'name' },
              { title: t('vol.personKind'), dataIndex: 'personKind', width: 80, render: (v: 'member' | 'resident') => t(`vol.person.${v}`) },
              { title: t('vol.attended'), dataIndex: 'attended', width: 70, render: (v: boolean | null) => (v === null ? '' : v ? '✓' : '✗') },
              { title: t('svc.hours'), dataIndex: 'hours', width: 90 },
            ]} />
          )}
          <Form form={form} layout="vertical" onFinish={submit} initialValues={{ personKind: 'member' }} onValuesChange={(c: { personKind?: string }) => { if ('personKind' in c) form.setFieldValue('personId', undefined); }}>
            {(mode === 'other' || mode === 'cancel') && (<>
              {mode === 'other' ? (
                <>
                  <Form.Item name="personKind" label={t('vol.personKind')}>
                    <Radio.Group options={(['member', 'resident'] as const).map((k) => ({ value: k, label: t(`vol.person.${k}`) }))} data-testid="vol-other-kind" />
                  </Form.Item>
                  <Form.Item name="personId" label={t('vol.person')} rules={[{ required: true }]}>
                    <PersonPicker kind={kind} orgId={d.orgId} data-testid="vol-other-person" />
                  </Form.Item>
                </>
              ) : (
                <Form.Item name="reason" label={t('vol.cancelReason')} rules={[{ required: true, whitespace: true, max: 200 }]}><Input data-testid="vol-cancel-reason" /></Form.Item>
              )}
              <Space>
                <Button onClick={() => setMode(null)}>{t('common.cancel')}</Button>
                <Button type="primary" danger={mode === 'cancel'} htmlType="submit" loading={busy} data-testid="vol-form-submit">{t('cm.submit')}</Button>
              </Space>
            </>)}
          </Form>
        </Space>
      )}
    </Drawer>
  );
}
