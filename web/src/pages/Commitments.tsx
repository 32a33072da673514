/** 公开承诺: the commitments in scope (a member sees their own), filters, export, 作出承诺, details and the chart by organisation. */
import { useEffect, useState } from 'react';
import { Button, Card, Select, Space, Table } from 'antd';
import { DownloadOutlined, PlusOutlined, ReloadOutlined, ShopOutlined } from '@ant-design/icons';
import { api, download } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useT } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { withTestId } from '../testid.ts';
import { OrgTreeSelect } from '../components/OrgTreeSelect.tsx';
import { CommitmentStats } from '../components/commitments/Charts.tsx';
import { DetailDrawer } from '../components/commitments/DetailDrawer.tsx';
import { MakeDrawer } from '../components/commitments/MakeDrawer.tsx';
import { CommitmentTag, MAKER_KINDS, STATES, yearOptions, type Commitment } from '../components/commitments/shared.tsx';

/** The page. */
export function CommitmentsPage() {
  const t = useT();
  const fb = useFeedback();
  const { me, can } = useSession();
  const [items, setItems] = useState<Commitment[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(false);
  const [year, setYear] = useState<number | undefined>(new Date().getFullYear());
  const [state, setState] = useState<string | undefined>();
  const [makerKind, setMakerKind] = useState<string | undefined>();
  const [orgId, setOrgId] = useState<number | undefined>();
  const [making, setMaking] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const [tick, setTick] = useState(0);
  const reader = can('commit.read');
  const wallOrg = orgId ?? me?.grants[0]?.orgId;
  const filters = { year, state, makerKind, orgId };

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api.get<{ items: Commitment[]; total: number }>('/commitments', { year, state, makerKind, orgId, page, pageSize: 20 }, ctrl.signal)
      .then((r) => { setItems(r.items); setTotal(r.total); })
      .catch((err: unknown) => fb.error(err))
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [year, state, makerKind, orgId, page, fb, tick]);

  const exportXlsx = () => { download('/commitments/export', filters, 'commitments.xlsx').catch((err: unknown) => fb.error(err)); };
  return (
    <Card title={t('cm.title')} data-testid="cm-page"
      extra={<Space wrap>
        {(can('commit.manage') || me?.user.memberId) && <Button type="primary" icon={<PlusOutlined />} onClick={() => setMaking(true)} data-testid="cm-new">{t('cm.new')}</Button>}
        <Button icon={<DownloadOutlined />} onClick={exportXlsx} data-testid="cm-export">{t('cm.export')}</Button>
        {wallOrg && <Button icon={<ShopOutlined />} href={`/public/commitments/${wallOrg}${year ? `?year=${year}` : ''}`} target="_blank" data-testid="cm-wall">{t('cm.wall')}</Button>}
        <Button icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)} aria-label={t('common.refresh')} data-testid="cm-reload" />
      </Space>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select allowClear value={year} onChange={(v?: number) => { setYear(v); setPage(1); }} placeholder={t('cm.year')} style={{ width: 130 }} data-testid="cm-year" options={yearOptions(t)} />
        <Select allowClear value={state} onChange={(v?: string) => { setState(v); setPage(1); }} placeholder={t('cm.state')} style={{ width: 130 }} data-testid="cm-state"
          options={[...STATES, 'overdue'].map((s) => ({ value: s, label: t(`cm.state.${s as 'made'}`) }))} />
        <Select allowClear value={makerKind} onChange={(v?: string) => { setMakerKind(v); setPage(1); }} placeholder={t('cm.makerKind')} style={{ width: 130 }} data-testid="cm-maker-kind"
          options={MAKER_KINDS.map((k) => ({ value: k, label: t(`cm.maker.${k}`) }))} />
        {reader && <OrgTreeSelect value={orgId} onChange={(v) => { setOrgId(v); setPage(1); }} placeholder={t('cm.pickOrg')} style={{ width: 240 }} data-testid="cm-org" />}
      </Space>
      {orgId && year && <CommitmentStats key={`${orgId}-${year}-${tick}`} orgId={orgId} year={year} />}
      <Table<Commitment> rowKey="id" size="middle" loading={loading} dataSource={items} data-testid="cm-table" scroll={{ x: 1000 }}
        pagination={{ current: page, total, pageSize: 20, showSizeChanger: false, onChange: setPage }}
        onRow={(r) => withTestId({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } }, `cm-row-${r.id}`)}
        columns={[
          { title: t('cm.titleField'), dataIndex: 'title', width: 220, ellipsis: true },
          { title: t('cm.makerName'), dataIndex: 'makerName', width: 140, render: (v: string, r) => `${v}（${t(`cm.maker.${r.makerKind}`)}）` },
          { title: t('cm.org'), dataIndex: 'orgName', width: 160, ellipsis: true },
          { title: t('cm.kind'), dataIndex: 'kind', width: 70 },
          { title: t('cm.year'), dataIndex: 'year', width: 70 },
          { title: t('cm.dueOn'), dataIndex: 'dueOn', width: 110 },
          { title: t('cm.state'), dataIndex: 'state', width: 150, render: (v: string, r) => <CommitmentTag state={v} overdue={r.overdue} t={t} testId={`cm-row-state-${r.id}`} /> },
          { title: t('cm.updates'), dataIndex: 'updates', width: 70 },
        ]} />
      {making && <MakeDrawer orgId={orgId} onClose={() => setMaking(false)} onMade={(c) => { setMaking(false); fb.success(t('cm.new.done')); setTick((n) => n + 1); setOpen(c.id); }} />}
      {open !== null && <DetailDrawer id={open} onClose={() => setOpen(null)} onChanged={() => setTick((n) => n + 1)} />}
    </Card>
  );
}
