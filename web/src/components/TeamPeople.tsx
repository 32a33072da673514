/** The people of one team: list, add a member or resident with a role, remove. */
import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Form, Input, Modal, Popconfirm, Radio, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useT } from '../i18n.ts';
import { withTestId } from '../testid.ts';
import type { Member, Page, Resident, Team, TeamPerson } from '../types.ts';

type AddValues = { personKind: 'member' | 'resident'; personId: number; role?: string };
type Option = { value: number; label: string };

/** People of a team. */
export function TeamPeople({ team, canEdit, onChanged }: { team: Team; canEdit: boolean; onChanged: () => void }) {
  const t = useT();
  const fb = useFeedback();
  const [people, setPeople] = useState<TeamPerson[]>([]);
  const [loading, setLoading] = useState(false);
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [options, setOptions] = useState<Option[]>([]);
  const [form] = Form.useForm<AddValues>();
  const personKind = Form.useWatch('personKind', form) ?? 'member';

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setPeople((await api.get<{ team: Team; people: TeamPerson[] }>(`/teams/${team.id}`)).people);
    } catch (err) {
      fb.error(err);
    } finally {
      setLoading(false);
    }
  }, [team.id, fb]);

  useEffect(() => { void load(); }, [load]);

  const searchPeople = async (q: string) => {
    if (!q.trim()) { setOptions([]); return; }
    try {
      if (personKind === 'member') {
        const res = await api.get<Page<Member>>('/members', { q: q.trim(), orgId: team.orgId, pageSize: 20 });
        setOptions(res.items.map((m) => ({ value: m.id, label: `${m.name}（${m.orgName ?? ''} ${m.idMasked ?? ''}）` })));
      } else {
        const res = await api.get<Page<Resident>>('/residents', { q: q.trim(), pageSize: 20 });
        setOptions(res.items.map((r) => ({ value: r.id, label: `${r.name}（${r.communityName ?? ''} ${r.idMasked ?? ''}）` })));
      }
    } catch (err) {
      fb.error(err);
    }
  };

  const add = async (v: AddValues) => {
    setBusy(true);
    try {
      await api.post(`/teams/${team.id}/people`, { personKind: v.personKind, personId: v.personId, role: v.role?.trim() || undefined });
      fb.success();
      setAdding(false);
      form.resetFields();
      await load();
      onChanged();
    } catch (err) {
      fb.error(err, form);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (p: TeamPerson) => {
    try {
      await api.del(`/teams/${team.id}/people/${p.personKind}/${p.personId}`);
      await load();
      onChanged();
    } catch (err) {
      fb.error(err);
    }
  };

  return (
    <Card size="small" title={`${t('team.people')}：${team.name}`} data-testid="team-people"
      extra={canEdit && <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="team-add-person">{t('team.addPerson')}</Button>}>
      <Table<TeamPerson> size="small" rowKey={(r) => `${r.personKind}-${r.personId}`} loading={loading} dataSource={people}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('member.name'), dataIndex: 'name' },
          { title: t('team.personKind'), dataIndex: 'personKind', width: 110,
            render: (v: string) => <Tag color={v === 'member' ? 'red' : 'default'}>{v === 'member' ? t('team.member') : t('team.resident')}</Tag> },
          { title: t('team.role'), dataIndex: 'role', width: 140 },
          ...(canEdit ? [{
            title: t('common.actions'), key: 'actions', width: 90,
            render: (_v: unknown, p: TeamPerson) => (
              <Popconfirm title={t('team.removeConfirm')} onConfirm={() => void remove(p)}>
                <Button type="link" size="small" danger>{t('common.remove')}</Button>
              </Popconfirm>
            ),
          }] : []),
        ]} />
      <Modal open={adding} title={t('team.addPerson')} onCancel={() => setAdding(false)} onOk={() => form.submit()}
        okButtonProps={withTestId({ loading: busy }, 'team-person-submit')} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ personKind: 'member' }} onFinish={(v) => void add(v)}
          onValuesChange={(c: Partial<AddValues>) => { if (c.personKind) { form.setFieldValue('personId', undefined); setOptions([]); } }}>
          <Form.Item name="personKind" label={t('team.personKind')}>
            <Radio.Group options={[{ value: 'member', label: t('team.member') }, { value: 'resident', label: t('team.resident') }]} />
          </Form.Item>
          <Form.Item name="personId" label={t('team.person')} rules={[{ required: true, message: t('common.select') }]}>
            <Select showSearch={{ filterOption: false, onSearch: (q) => void searchPeople(q) }} options={options}
              placeholder={t('team.personSearch')} notFoundContent={null} data-testid="team-person-select" />
          </Form.Item>
          <Form.Item name="role" label={t('team.role')}><Input placeholder={t('team.rolePlaceholder')} maxLength={30} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
