/** 工作台: member counts by 党籍状态 and 类别 for the caller's scope or a chosen organisation. */
import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Col, Empty, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ApartmentOutlined, UserOutlined } from '@ant-design/icons';
import { api } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useLang, useT, valueLabel } from '../i18n.ts';
import type { MsgKey } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { EChart } from '../components/EChart.tsx';
import type { ChartOption } from '../components/EChart.tsx';
import { OrgTreeSelect } from '../components/OrgTreeSelect.tsx';
import { CATEGORIES, PARTY_STATES, WORK_STATES, roleLabel } from '../labels.ts';
import type { Overview } from '../types.ts';

const PALETTE = ['#c8102e', '#fa8c16', '#1677ff', '#52c41a', '#8c8c8c'];

const SHORTCUTS: { path: string; label: MsgKey; caps: string[] }[] = [
  { path: '/orgs', label: 'nav.orgs', caps: ['org.read'] },
  { path: '/users', label: 'nav.users', caps: ['user.manage', 'user.unlock'] },
  { path: '/security', label: 'nav.security', caps: ['security.manage'] },
  { path: '/audit', label: 'nav.audit', caps: ['audit.read'] },
  { path: '/me', label: 'nav.me', caps: [] },
];

/** The home of users who manage no members (三员, members themselves): who they are and where to go. */
function Welcome() {
  const t = useT();
  const lang = useLang();
  const navigate = useNavigate();
  const { me, can } = useSession();
  if (!me) return null;
  return (
    <Card data-testid="home-welcome">
      <Typography.Title level={4} style={{ marginTop: 0 }}>{t('home.hello', { name: me.user.displayName })}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('common.welcome')}</Typography.Paragraph>
      <Space size={[4, 4]} wrap style={{ marginBottom: 16 }}>
        {me.grants.map((g) => <Tag key={g.id} color="red">{roleLabel(g.role, lang)} · {g.orgName}</Tag>)}
      </Space>
      <Typography.Title level={5}>{t('home.quick')}</Typography.Title>
      <Space wrap>
        {SHORTCUTS.filter((x) => x.caps.length === 0 || x.caps.some(can)).map((x) => (
          <Button key={x.path} onClick={() => navigate(x.path)}>{t(x.label)}</Button>
        ))}
      </Space>
    </Card>
  );
}

/** The home page. */
export function DashboardPage() {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const { can } = useSession();
  const [orgId, setOrgId] = useState<number | undefined>();
  const [data, setData] = useState<Overview | null>(null);
  const [loading, setLoading] = useState(false);
  const canStats = can('member.read');

  useEffect(() => {
    if (!canStats) return undefined;
    const ctrl = new AbortController();
    setLoading(true);
    api.get<Overview>('/stats/overview', { orgId }, ctrl.signal)
      .then(setData)
      .catch((err: unknown) => fb.error(err))
      .finally(() => setLoading(false));
    return () => ctrl.abort();
  }, [orgId, canStats, fb]);

  const stateOption = useMemo<ChartOption>(() => {
    const by = data?.byPartyState ?? {};
    const keys = [...PARTY_STATES, ...Object.keys(by).filter((k) => !(PARTY_STATES as readonly string[]).includes(k))];
    return {
      color: PALETTE,
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 24, bottom: 32 },
      xAxis: { type: 'category', data: keys.map((k) => valueLabel(k, lang)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: t('home.count'), data: keys.map((k) => by[k] ?? 0), barMaxWidth: 48, label: { show: true, position: 'top' } }],
    };
  }, [data, lang, t]);

  const workOption = useMemo<ChartOption>(() => {
    const by = data?.byWorkState ?? {};
    const keys = [...WORK_STATES, ...Object.keys(by).filter((k) => !(WORK_STATES as readonly string[]).includes(k))];
    return {
      color: ['#1677ff'],
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 24, bottom: 32 },
      xAxis: { type: 'category', data: keys.map((k) => valueLabel(k, lang)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: t('home.count'), data: keys.map((k) => by[k] ?? 0), barMaxWidth: 48, label: { show: true, position: 'top' } }],
    };
  }, [data, lang, t]);

  const categoryOption = useMemo<ChartOption>(() => {
    const by = data?.byCategory ?? {};
    const keys = [...CATEGORIES, ...Object.keys(by).filter((k) => !(CATEGORIES as readonly string[]).includes(k))];
    return {
      color: PALETTE,
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0 },
      series: [{ type: 'pie', radius: ['45%', '70%'], center: ['50%', '45%'], data: keys.map((k) => ({ name: valueLabel(k, lang), value: by[k] ?? 0 })), label: { formatter: '{b}\n{c}' } }],
    };
  }, [data, lang]);

  if (!canStats) return <Welcome />;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <span>{t('home.scope')}：</span>
          <OrgTreeSelect value={orgId} onChange={(id) => setOrgId(id)} placeholder={t('home.scopeAll')} style={{ width: 320, maxWidth: '80vw' }} data-testid="home-org" />
        </Space>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}><Card loading={loading}><Statistic title={t('home.members')} value={data?.members ?? 0} prefix={<UserOutlined />} /></Card></Col>
        <Col xs={12} md={6}><Card loading={loading}><Statistic title={t('home.orgs')} value={data?.orgs ?? 0} prefix={<ApartmentOutlined />} /></Card></Col>
        <Col xs={12} md={6}><Card loading={loading}><Statistic title={t('home.full')} value={data?.byCategory['正式党员'] ?? 0} /></Card></Col>
        <Col xs={12} md={6}><Card loading={loading}><Statistic title={t('home.probationary')} value={data?.byCategory['预备党员'] ?? 0} /></Card></Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('home.byPartyState')}>
            {data && data.members > 0 ? <EChart option={stateOption} testId="chart-party-state" /> : <Empty />}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('home.byCategory')}>
            {data && data.members > 0 ? <EChart option={categoryOption} testId="chart-category" /> : <Empty />}
          </Card>
        </Col>
        {data?.byWorkState && (
          <Col xs={24}>
            <Card title={t('home.byWorkState')}>
              {data.members > 0 ? <EChart option={workOption} style={{ height: 260 }} testId="chart-work-state" /> : <Empty />}
            </Card>
          </Col>
        )}
      </Row>
    </Space>
  );
}
