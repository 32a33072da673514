/** 设岗定责: the posts in scope (a member sees those of their branch and above), filters, export, 设岗, 突发事件处置岗, details and the chart by type. */
import { useEffect, useState } from 'react';
import { Button, Card, Select, Space, Table, Tag } from 'antd';
import { AlertOutlined, DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { api, download } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useT } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { withTestId } from '../testid.ts';
import { OrgTreeSelect } from '../components/OrgTreeSelect.tsx';
import { PostStats } from '../components/commitments/Charts.tsx';
import { OpenPostDrawer } from '../components/commitments/PostDrawers.tsx';
import { PostDetail } from '../components/commitments/PostDetail.tsx';
import type { Post } from '../components/commitments/posts.ts';

/** The page. */
export function PostsPage() {
  const t = useT();
  const fb = useFeedback();
  const { can } = useSession();
  const [items, setItems] = useState<Post[]>([]);
  const [loading, setLoading] = useState(false);
  const [orgId, setOrgId] = useState<number | undefined>();
  const [state, setState] = useState<'open' | 'closed' | undefined>('open');
  const [opening, setOpening] = useState<'post' | 'emergency' | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [tick, setTick] = useState(0);
  const manager = can('commit.manage');

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api.get<{ items: Post[] }>('/posts', { orgId, state }, ctrl.signal)
      .then((r) => setItems(r.items))
      .catch((err: unknown) => fb.error(err))
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [orgId, state, fb, tick]);

  const exportXlsx = () => { download('/posts/export', { orgId, state }, 'posts.xlsx').catch((err: unknown) => fb.error(err)); };
  return (
    <Card title={t('post.title')} data-testid="post-page"
      extra={<Space wrap>
        {manager && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening('post')} data-testid="post-new">{t('post.new')}</Button>}
        {manager && <Button type="primary" danger icon={<AlertOutlined />} onClick={() => setOpening('emergency')} data-testid="post-emergency">{t('post.emergency')}</Button>}
        <Button icon={<DownloadOutlined />} onClick={exportXlsx} data-testid="post-export">{t('post.export')}</Button>
        <Button icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)} aria-label={t('common.refresh')} data-testid="post-reload" />
      </Space>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select allowClear value={state} onChange={(v?: 'open' | 'closed') => setState(v)} placeholder={t('cm.state')} style={{ width: 130 }} data-testid="post-state"
          options={(['open', 'closed'] as const).map((s) => ({ value: s, label: t(`post.state.${s}`) }))} />
        {can('commit.read') && <OrgTreeSelect value={orgId} onChange={(v) => setOrgId(v)} placeholder={t('cm.pickOrg')} style={{ width: 240 }} data-testid="post-org" />}
      </Space>
      {orgId && <PostStats key={`${orgId}-${tick}`} orgId={orgId} />}
      <Table<Post> rowKey="id" size="middle" loading={loading} dataSource={items} data-testid="post-table" scroll={{ x: 900 }} pagination={{ pageSize: 20, showSizeChanger: false }}
        onRow={(r) => withTestId({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } }, `post-row-${r.id}`)}
        columns={[
          { title: t('post.type'), dataIndex: 'type', width: 150 },
          { title: t('post.name'), dataIndex: 'name', width: 200, ellipsis: true,
            render: (v: string, r) => <>{v} {r.emergency && <Tag color="red">{t('post.emergencyTag')}</Tag>}</> },
          { title: t('post.org'), dataIndex: 'orgName', width: 160, ellipsis: true },
          { title: t('post.places'), key: 'places', width: 100, render: (_v, r) => `${r.holders}/${r.places}` },
          { title: t('cm.state'), dataIndex: 'state', width: 90, render: (v: 'open' | 'closed') => <Tag color={v === 'open' ? 'green' : 'default'}>{t(`post.state.${v}`)}</Tag> },
        ]} />
      {opening && <OpenPostDrawer emergency={opening === 'emergency'} onClose={() => setOpening(null)}
        onOpened={(id) => { setOpening(null); fb.success(); setTick((n) => n + 1); setOpen(id); }} />}
      {open !== null && <PostDetail id={open} onClose={() => setOpen(null)} onChanged={() => setTick((n) => n + 1)} />}
    </Card>
  );
}
