/** 岗位详情: holders and duty records; 认领, 履职记录 and 撤岗 as `actions` allow. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Popconfirm, Radio, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { errorText, useFeedback } from '../../feedback.ts';
import { useLang, useT } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { useDrawerSize } from '../points/shared.tsx';
import { useSubmit } from '../stars/useSubmit.ts';
import { PersonPicker } from '../PersonPicker.tsx';
import type { Post } from './posts.ts';

type Holder = { id: number; personKind: string; personId: number; name: string; since: string; until: string | null };
type Duty = { id: number; holderId: number; name: string; on: string; hours: number; note: string };
/** Where the caller may search for people to take the post, by kind (null: not there). */
type PickFrom = { member: number | null; resident: number | null };
type Detail = Post & { holders: Holder[]; duties: Duty[]; pickFrom: PickFrom | null };
type Values = { personKind?: 'member' | 'resident'; personId?: number; holderId?: number; on?: Dayjs; hours?: number; note?: string };

/** The drawer. */
export function PostDetail({ id, onClose, onChanged }: { id: number; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const { me } = useSession();
  const size = useDrawerSize(640);
  const [d, setD] = useState<Detail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [mode, setMode] = useState<'claim' | 'duty' | null>(null);
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useSubmit(form);
  const personKind = Form.useWatch('personKind', form) ?? 'member';

  const load = useCallback(() => {
    api.get<Detail>(`/posts/${id}`).then((r) => { setD(r); setProblem(null); }).catch((err: unknown) => setProblem(errorText(err, lang)));
  }, [id, lang]);
  useEffect(load, [load]);
  const done = () => { fb.success(); setMode(null); form.resetFields(); load(); onChanged(); };

  const claimSelf = () => run(async () => { await api.post(`/posts/${id}/claims`, { personKind: 'member', personId: me?.user.memberId }); done(); });
  const close = () => run(async () => { await api.post(`/posts/${id}/close`, { rowVersion: d?.rowVersion }); done(); });
  const submit = (v: Values) => run(async () => {
    if (mode === 'claim') await api.post(`/posts/${id}/claims`, { personKind: v.personKind, personId: v.personId });
    else await api.post(`/posts/${id}/duties`, { holderId: v.holderId, on: v.on?.format('YYYY-MM-DD'), hours: v.hours, note: v.note?.trim() });
    done();
  });
  const current = d?.holders.filter((h) => !h.until) ?? [];
  const mine = current.filter((h) => h.personKind === 'member' && h.personId === me?.user.memberId);
  const dutyHolders = d?.actions.includes('duty') ? current : mine;

  return (
    <Drawer open title={t('post.detail')} size={size} onClose={onClose} data-testid="post-detail">
      {problem && <Alert type="error" showIcon message={problem} />}
      {!problem && !d && <div style={{ textAlign: 'center', padding: 40 }}><Spin /></div>}
      {d && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="post-detail-body" data-state={d.state}>
          {error && <Alert type="error" showIcon message={error} />}
          <Descriptions size="small" column={1} bordered items={[
            { key: 'name', label: t('post.name'), children: <>{d.name} {d.emergency && <Tag color="red">{t('post.emergencyTag')}</Tag>}</> },
            { key: 'type', label: t('post.type'), children: d.type },
            { key: 'org', label: t('post.org'), children: d.orgName },
            { key: 'places', label: t('post.places'), children: `${d.holders.filter((h) => !h.until).length}/${d.places}` },
            { key: 'duties', label: t('post.duties'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{d.duties}</span> },
          ]} />
          <Typography.Title level={5} style={{ margin: 0 }}>{t('post.holders')}</Typography.Title>
          <Table<Holder> rowKey="id" size="small" pagination={false} dataSource={d.holders} data-testid="post-holders" columns={[
            { title: t('post.holder'), dataIndex: 'name' }, { title: t('post.personKind'), dataIndex: 'personKind', render: (v: 'member' | 'resident') => t(`post.person.${v}`) },
            { title: t('post.since'), dataIndex: 'since' }, { title: '', dataIndex: 'until' },
          ]} />
          <Typography.Title level={5} style={{ margin: 0 }}>{t('post.dutyList')}</Typography.Title>
          <Table<Duty> rowKey="id" size="small" pagination={false} dataSource={d.duties} data-testid="post-duties" columns={[
            { title: t('post.on'), dataIndex: 'on', width: 110 }, { title: t('post.holder'), dataIndex: 'name', width: 100 },
            { title: t('post.hours'), dataIndex: 'hours', width: 80 }, { title: t('post.note'), dataIndex: 'note' },
          ]} />
          {!mode && (
            <Space wrap>
              {d.actions.includes('claimSelf') && mine.length === 0 && <Button type="primary" loading={busy} onClick={() => void claimSelf()} data-testid="post-claim-self">{t('post.claimSelf')}</Button>}
              {d.actions.includes('claim') && <Button onClick={() => setMode('claim')} data-testid="post-claim">{t('post.claim')}</Button>}
              {dutyHolders.length > 0 && d.state === 'open' && <Button onClick={() => setMode('duty')} data-testid="post-duty">{t('post.duty')}</Button>}
              {d.actions.includes('close') && (
                <Popconfirm title={t('post.closeConfirm')} onConfirm={() => void close()}>
                  <Button danger data-testid="post-close">{t('post.close')}</Button>
                </Popconfirm>
              )}
            </Space>
          )}
          {mode && (
            <Form form={form} layout="vertical" onFinish={submit} initialValues={{ personKind: 'member', on: dayjs(), hours: 1, holderId: dutyHolders[0]?.id }}
              onValuesChange={(changed: Values) => { if ('personKind' in changed) form.setFieldValue('personId', undefined); }}>
              {mode === 'claim' ? (
                <>
                  <Form.Item name="personKind" label={t('post.personKind')} extra={d.pickFrom?.resident === null ? t('post.noResidents') : undefined}>
                    <Radio.Group data-testid="post-claim-kind"
                      options={(['member', 'resident'] as const).map((k) => ({ value: k, label: t(`post.person.${k}`), disabled: d.pickFrom?.[k] === null }))} />
                  </Form.Item>
                  <Form.Item name="personId" label={t('post.person')} rules={[{ required: true }]}>
                    <PersonPicker kind={personKind} orgId={d.pickFrom?.[personKind] ?? undefined} disabled={!d.pickFrom?.[personKind]} data-testid="post-claim-person" />
                  </Form.Item>
                </>
              ) : (
                <>
                  <Form.Item name="holderId" label={t('post.holder')} rules={[{ required: true }]}>
                    <Select options={dutyHolders.map((h) => ({ value: h.id, label: h.name }))} data-testid="post-duty-holder" />
                  </Form.Item>
                  <Space wrap>
                    <Form.Item name="on" label={t('post.on')} rules={[{ required: true }]}><DatePicker /></Form.Item>
                    <Form.Item name="hours" label={t('post.hours')} rules={[{ required: true }]}><InputNumber min={0.5} max={24} step={0.5} /></Form.Item>
                  </Space>
                  <Form.Item name="note" label={t('post.note')} rules={[{ required: true, whitespace: true, max: 500 }]}><Input.TextArea rows={2} data-testid="post-duty-note" /></Form.Item>
                </>
              )}
              <Space>
                <Button onClick={() => { setMode(null); form.resetFields(); }}>{t('common.cancel')}</Button>
                <Button type="primary" htmlType="submit" loading={busy} data-testid="post-form-submit">{t('cm.submit')}</Button>
              </Space>
            </Form>
          )}
        </Space>
      )}
    </Drawer>
  );
}
