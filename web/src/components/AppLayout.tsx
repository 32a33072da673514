/** The admin shell: left menu (only what the user may use), header with name, language, notifications and logout. */
import { Suspense, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Drawer, Grid, Layout, Menu, Space, Tooltip, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  ApartmentOutlined, AuditOutlined, BarChartOutlined, BookOutlined, CheckSquareOutlined, CloudUploadOutlined, DashboardOutlined, FlagOutlined, FundOutlined, HomeOutlined, IdcardOutlined,
  LockOutlined, LogoutOutlined, MenuOutlined, MessageOutlined, ProfileOutlined, ReadOutlined, RiseOutlined, ScheduleOutlined, SmileOutlined, SolutionOutlined, StarOutlined, TeamOutlined, TrophyOutlined, UserOutlined, UserSwitchOutlined,
  WalletOutlined,
  HeartOutlined, CarryOutOutlined,
  EnvironmentOutlined, PieChartOutlined,
} from '@ant-design/icons';
import { useT } from '../i18n.ts';
import type { MsgKey } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { PageSpinner } from './Status.tsx';
import { LangSwitch } from './LangSwitch.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { useTellerOnly } from './evaluation/shared.tsx';

/** A menu entry; entries of one `group` show under its heading, in NAV's order. */
type NavItem = { path: string; label: MsgKey; icon: ReactNode; cap?: string[]; group?: NavGroup };
type NavGroup = 'people' | 'points' | 'stars' | 'evaluation' | 'grid' | 'system';

const NAV: NavItem[] = [
  { path: '/', label: 'nav.home', icon: <DashboardOutlined /> },
  { path: '/orgs', label: 'nav.orgs', icon: <ApartmentOutlined />, cap: ['org.read'], group: 'people' },
  { path: '/members', label: 'nav.members', icon: <UserOutlined />, cap: ['member.read'], group: 'people' },
  { path: '/residents', label: 'nav.residents', icon: <HomeOutlined />, cap: ['resident.read'], group: 'people' },
  { path: '/teams', label: 'nav.teams', icon: <TeamOutlined />, cap: ['member.read', 'resident.read'], group: 'people' },
  { path: '/schemes', label: 'nav.schemes', icon: <ProfileOutlined />, cap: ['scheme.manage', 'points.read', 'run.manage'], group: 'points' },
  { path: '/points', label: 'nav.points', icon: <WalletOutlined />, cap: ['points.read', 'points.record'], group: 'points' },
  { path: '/runs', label: 'nav.runs', icon: <BarChartOutlined />, cap: ['run.manage', 'points.read'], group: 'points' },
  { path: '/tasks', label: 'nav.tasks', icon: <CheckSquareOutlined />, cap: ['task.manage', 'points.read'], group: 'points' },
  { path: '/my-points', label: 'nav.myPoints', icon: <BookOutlined />, cap: ['self'], group: 'points' },
  { path: '/board', label: 'nav.board', icon: <TrophyOutlined />, cap: ['points.read', 'self'], group: 'points' },
  { path: '/stars', label: 'nav.stars', icon: <StarOutlined />, cap: ['rating.read'], group: 'stars' },
  { path: '/stars/results', label: 'nav.starResults', icon: <FundOutlined />, cap: ['rating.read'], group: 'stars' },
  { path: '/stars/standard', label: 'nav.starStandard', icon: <ReadOutlined />, cap: ['rating.decide'], group: 'stars' },
  { path: '/evaluation', label: 'nav.evaluation', icon: <SolutionOutlined />, cap: ['eval.read'], group: 'evaluation' },
  { path: '/vanguard', label: 'nav.vanguard', icon: <RiseOutlined />, cap: ['eval.read', 'self'], group: 'evaluation' },
  { path: '/commitments', label: 'nav.commitments', icon: <FlagOutlined />, cap: ['commit.read', 'self'], group: 'evaluation' },
  { path: '/posts', label: 'nav.posts', icon: <IdcardOutlined />, cap: ['commit.read', 'self'], group: 'evaluation' },
  { path: '/requests', label: 'nav.requests', icon: <MessageOutlined />, cap: ['request.read'], group: 'grid' },
  { path: '/reviews', label: 'nav.reviews', icon: <ScheduleOutlined />, cap: ['request.read'], group: 'grid' },
  { path: '/grid', label: 'nav.grid', icon: <EnvironmentOutlined />, cap: ['request.read'], group: 'grid' },
  { path: '/requests/stats', label: 'nav.requestStats', icon: <PieChartOutlined />, cap: ['request.read'], group: 'grid' },
  { path: '/service-needs', label: 'nav.serviceNeeds', icon: <HeartOutlined />, cap: ['request.read', 'resident.write', 'self'], group: 'grid' },
  { path: '/volunteer', label: 'nav.volunteer', icon: <CarryOutOutlined />, cap: ['member.read', 'resident.read', 'self'], group: 'grid' },
  { path: '/import', label: 'nav.import', icon: <CloudUploadOutlined />, cap: ['import'], group: 'system' },
  { path: '/users', label: 'nav.users', icon: <UserSwitchOutlined />, cap: ['user.manage', 'user.unlock'], group: 'system' },
  { path: '/security', label: 'nav.security', icon: <LockOutlined />, cap: ['security.manage'], group: 'system' },
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, cap: ['audit.read'], group: 'system' },
  { path: '/me', label: 'nav.me', icon: <SmileOutlined /> },
];

function selectedKey(pathname: string): string {
  // the longest match wins: /stars/results and /stars/standard are their own entries, /stars/12 belongs to /stars
  const match = NAV.filter((n) => n.path !== '/' && (pathname === n.path || pathname.startsWith(`${n.path}/`)))
    .sort((a, b) => b.path.length - a.path.length);
  return match[0]?.path ?? '/';
}

function Brand({ compact }: { compact?: boolean }) {
  const t = useT();
  if (compact) {
    return (
      <span style={{ display: 'flex', alignItems: 'center', gap: 6, fontWeight: 600, fontSize: 16, whiteSpace: 'nowrap' }}>
        <span style={{ color: '#c8102e' }}>★</span>{t('app.title')}
      </span>
    );
  }
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 10, padding: '14px 20px', color: '#fff' }}>
      <span style={{ fontSize: 24, color: '#ffd700', lineHeight: 1 }}>★</span>
      <div style={{ lineHeight: 1.3 }}>
        <div style={{ fontWeight: 600, fontSize: 17 }}>{t('app.title')}</div>
        <div style={{ fontSize: 12, opacity: 0.75, whiteSpace: 'nowrap' }}>{t('app.subtitle')}</div>
      </div>
    </div>
  );
}

/** The layout around every signed-in page. */
export function AppLayout() {
  const t = useT();
  const { me, can, logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const wide = screens.lg ?? true;
  const [drawerOpen, setDrawerOpen] = useState(false);
  // a teller without eval.read still sees 民主评议 when they count in a campaign
  const teller = useTellerOnly(me !== null && !can('eval.read'));

  const items: MenuProps['items'] = useMemo(
    () => {
      const entry = (n: NavItem) => ({ key: n.path, icon: n.icon, label: <span data-testid={`nav-${n.path === '/' ? 'home' : n.path.slice(1).replace(/\//g, '-')}`}>{t(n.label)}</span> });
      const shown = NAV.filter((n) => !n.cap || n.cap.some(can) || (n.path === '/evaluation' && teller));
      // consecutive entries of a group under one heading; a group with a single entry needs no heading
      const out: NonNullable<MenuProps['items']> = [];
      for (let i = 0; i < shown.length;) {
        const g = shown[i].group;
        let j = i + 1;
        while (g && j < shown.length && shown[j].group === g) j++;
        if (g && j - i > 1) out.push({ type: 'group', key: `group-${g}`, label: t(`nav.group.${g}`), children: shown.slice(i, j).map(entry) });
        else out.push(...shown.slice(i, j).map(entry));
        i = j;
      }
      return out;
    },
    [can, t, teller],
  );

  const menu = (
    <Menu theme="dark" mode="inline" items={items} selectedKeys={[selectedKey(location.pathname)]}
      onClick={({ key }) => { setDrawerOpen(false); navigate(key); }} data-testid="nav-menu" />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {wide && (
        <Layout.Sider width={232} className="no-print" style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}>
          <Brand />
          {menu}
        </Layout.Sider>
      )}
      {!wide && (
        <Drawer placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} size={260}
          styles={{ body: { padding: 0, background: '#001529' }, header: { display: 'none' } }}>
          <Brand />
          {menu}
        </Drawer>
      )}
      <Layout>
        <Layout.Header className="no-print" style={{ padding: wide ? '0 24px' : '0 12px', display: 'flex', alignItems: 'center', gap: 8, borderBottom: '1px solid #f0f0f0', position: 'sticky', top: 0, zIndex: 10 }}>
          {!wide && <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawerOpen(true)} aria-label="menu" data-testid="nav-open" />}
          {!wide && <Brand compact />}
          <div style={{ flex: 1 }} />
          <Space size={wide ? 'middle' : 'small'}>
            <LangSwitch />
            <NotificationBell />
            {wide && (
              <Typography.Text data-testid="header-user">
                <UserOutlined /> {me?.user.displayName ?? ''}
              </Typography.Text>
            )}
            <Tooltip title={t('header.logout')}>
              <Button type="text" icon={<LogoutOutlined />} onClick={() => void logout()} data-testid="logout">
                {wide ? t('header.logout') : null}
              </Button>
            </Tooltip>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: wide ? 24 : 12 }}>
          <Suspense fallback={<PageSpinner />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
        <Layout.Footer className="no-print" style={{ textAlign: 'center', color: '#999', padding: '12px 24px' }}>
          {t('app.title')} · {t('app.subtitle')}
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
