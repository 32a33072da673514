/** 队伍: the typed teams of an organisation ("1+4+1", grid service teams, volunteers) and their people. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Form, Input, Modal, Row, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useLang, useT, valueLabel, valueOptions } from '../i18n.ts';
import { TEAM_KINDS } from '../labels.ts';
import { useSession } from '../session.tsx';
import { OrgTreeSelect } from '../components/OrgTreeSelect.tsx';
import { TeamPeople } from '../components/TeamPeople.tsx';
import { useCommunityAreas } from '../components/requests/shared.tsx';
import { withTestId } from '../testid.ts';
import type { Items, Team } from '../types.ts';

const KIND_COLORS: Record<string, string> = { 两委班子: 'red', 财务监督小组: 'purple', 网格服务团队: 'cyan', 志愿服务队: 'green' };

/** The teams page. */
export function TeamsPage() {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const { can, me } = useSession();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ? Number(params.get('orgId')) : (me?.grants[0]?.orgId);
  const teamId = params.get('team') ? Number(params.get('team')) : undefined;
  const [teams, setTeams] = useState<Team[]>([]);
  const [loading, setLoading] = useState(false);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ kind: string; name: string; gridId?: number }>();
  const kind = Form.useWatch('kind', form);
  const { grids } = useCommunityAreas(creating ? orgId : undefined);

  const load = useCallback(async () => {
    if (!orgId) return;
    setLoading(true);
    try {
      setTeams((await api.get<Items<Team>>('/teams', { orgId })).items);
    } catch (err) {
      fb.error(err);
    } finally {
      setLoading(false);
    }
  }, [orgId, fb]);

  useEffect(() => { void load(); }, [load]);

  const setOrg = (id?: number) => setParams(id ? { orgId: String(id) } : {}, { replace: true });
  const selectTeam = (id: number) => setParams({ ...(orgId ? { orgId: String(orgId) } : {}), team: String(id) }, { replace: true });

  const create = async (v: { kind: string; name: string; gridId?: number }) => {
    setBusy(true);
    try {
      const res = await api.post<{ team?: Team; id?: number }>('/teams', { orgId, kind: v.kind, name: v.name.trim(), gridId: v.gridId ?? null });
      fb.success();
      setCreating(false);
      form.resetFields();
      await load();
      const id = res.team?.id ?? res.id;
      if (id) selectTeam(id);
    } catch (err) {
      fb.error(err, form);
    } finally {
      setBusy(false);
    }
  };

  const selected = teams.find((x) => x.id === teamId);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <span>{t('common.org')}：</span>
          <OrgTreeSelect value={orgId} onChange={setOrg} allowClear={false} style={{ width: 320, maxWidth: '80vw' }} data-testid="team-org" />
        </Space>
      </Card>
      <Alert type="info" showIcon title={t('team.onePlusFour')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t('team.list')} size="small"
            extra={can('team.write') && orgId ? <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="team-new">{t('team.new')}</Button> : null}>
            {!orgId ? <Empty description={t('team.pickOrg')} /> : (
              <Table<Team> size="small" rowKey="id" loading={loading} dataSource={teams} data-testid="team-table"
                pagination={{ pageSize: 15, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
                onRow={(r) => ({ onClick: () => selectTeam(r.id), style: { cursor: 'pointer', background: r.id === teamId ? '#fff1f0' : undefined } })}
                columns={[
                  { title: t('team.kind'), dataIndex: 'kind', width: 140, render: (v: string) => <Tag color={KIND_COLORS[v] ?? 'blue'}>{valueLabel(v, lang)}</Tag> },
                  { title: t('team.name'), dataIndex: 'name', render: (v: string, r) => <>{v}{r.gridName && <Tag style={{ marginLeft: 6 }} data-testid={`team-grid-${r.id}`}>{r.gridName}</Tag>}</> },
                  { title: t('team.size'), dataIndex: 'size', width: 70, align: 'right' },
                ]} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          {selected ? <TeamPeople team={selected} canEdit={selected.actions ? selected.actions.includes('team.write') : can('team.write')} onChanged={() => void load()} />
            : <Card size="small" title={t('team.people')}><Empty description={t('team.pickTeam')} /></Card>}
        </Col>
      </Row>
      <Modal open={creating} title={t('team.new')} onCancel={() => setCreating(false)} onOk={() => form.submit()}
        okButtonProps={withTestId({ loading: busy }, 'team-form-submit')} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => void create(v)} initialValues={{ kind: TEAM_KINDS[0] }}>
          <Form.Item name="kind" label={t('team.kind')} rules={[{ required: true }]}>
            <Select options={valueOptions(TEAM_KINDS, lang)} data-testid="team-form-kind" />
          </Form.Item>
          <Form.Item name="name" label={t('team.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('team.name') }) }, { max: 100 }]}>
            <Input data-testid="team-form-name" />
          </Form.Item>
          {kind === '网格服务团队' && grids.length > 0 && (
            <Form.Item name="gridId" label={t('team.grid')} extra={t('team.gridHelp')}>
              <Select allowClear data-testid="team-form-grid" options={grids.map((g) => ({ value: g.id, label: `${g.name}（${g.kind}）` }))} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
