/** 审计日志: filter the trail, read one event, export, and verify the hash chain. */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Drawer, Input, Select, Space, Table, Typography } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api, download } from '../api.ts';
import { eventLabel } from '../auditLabels.ts';
import { formatTime } from '../dates.ts';
import { useFeedback } from '../feedback.ts';
import { useLang, useT } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { OrgTreeSelect } from '../components/OrgTreeSelect.tsx';
import type { AuditEvent, AuditVerify, Items, Page } from '../types.ts';

/** A chain id as "county" or "county·lane" (each county's trail runs in several lanes; lane k adds k·2^40). */
const chainLabel = (chain: number) => (chain >= 2 ** 40 ? `${chain % 2 ** 40}·${Math.floor(chain / 2 ** 40)}` : String(chain));

type Filters = { type?: string; actor?: string; from?: string; to?: string; orgId?: number };

/** The audit log page. */
export function AuditPage() {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const { modal } = App.useApp();
  const { can } = useSession();
  const [filters, setFilters] = useState<Filters>({});
  const [draft, setDraft] = useState<{ type: string; actor: string; range: [Dayjs | null, Dayjs | null] | null; orgId?: number }>({ type: '', actor: '', range: null });
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [data, setData] = useState<Page<AuditEvent>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [verifying, setVerifying] = useState(false);
  const [open, setOpen] = useState<AuditEvent | null>(null);
  const [types, setTypes] = useState<string[]>([]);

  useEffect(() => {
    api.get<Items<string>>('/audit/types').then((r) => setTypes(r.items)).catch(() => undefined);
  }, []);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api.get<Page<AuditEvent>>('/audit', { ...filters, page, pageSize }, ctrl.signal)
      .then(setData)
      .catch((err: unknown) => fb.error(err))
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [filters, page, pageSize, fb]);

  const apply = () => {
    setPage(1);
    setFilters({
      type: draft.type.trim() || undefined,
      actor: draft.actor.trim() || undefined,
      from: draft.range?.[0]?.format('YYYY-MM-DD'),
      to: draft.range?.[1]?.format('YYYY-MM-DD'),
      orgId: draft.orgId,
    });
  };

  const verify = async () => {
    setVerifying(true);
    try {
      const r = await api.post<AuditVerify>('/audit/verify');
      if (r.ok) {
        modal.success({ title: t('audit.verify'), content: <span data-testid="audit-verify-result">{t('audit.verifyOk', { n: r.checked })}</span> });
      } else {
        modal.error({ title: t('audit.verify'), content: <span data-testid="audit-verify-result">{t('audit.verifyBad', {
          chain: r.firstBad ? chainLabel(r.firstBad.chain) : '-', seq: r.firstBad?.seq ?? '-', reason: r.firstBad?.reason ?? '', n: r.checked,
        })}</span> });
      }
    } catch (err) {
      fb.error(err);
    } finally {
      setVerifying(false);
    }
  };

  const exportExcel = async () => {
    try {
      await download('/exports/audit', filters, '审计日志.xlsx');
    } catch (err) {
      fb.error(err);
    }
  };

  return (
    <Card title={t('audit.title')} data-testid="audit-page"
      extra={<Space wrap>
        {can('export') && <Button icon={<DownloadOutlined />} onClick={() => void exportExcel()} data-testid="audit-export">{t('common.export')}</Button>}
        <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void verify()} data-testid="audit-verify">{t('audit.verify')}</Button>
      </Space>}>
      <Alert type="info" showIcon title={t('audit.retention')} style={{ marginBottom: 16 }} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Select showSearch={{ optionFilterProp: 'label' }} allowClear placeholder={t('audit.type')} value={draft.type || undefined} onChange={(v?: string) => setDraft({ ...draft, type: v ?? '' })}
          options={types.map((v) => ({ value: v, label: eventLabel(v, lang) }))} style={{ width: 200 }} popupMatchSelectWidth={false} data-testid="audit-type" />
        <Input placeholder={t('audit.actorHint')} value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} onPressEnter={apply} style={{ width: 140 }} allowClear data-testid="audit-actor" />
        <DatePicker.RangePicker value={draft.range} onChange={(v) => setDraft({ ...draft, range: v })} data-testid="audit-range" />
        <OrgTreeSelect value={draft.orgId} onChange={(id) => setDraft({ ...draft, orgId: id })} style={{ width: 220 }} data-testid="audit-org" />
        <Button type="primary" onClick={apply} data-testid="audit-search">{t('common.search')}</Button>
        <Button onClick={() => { setDraft({ type: '', actor: '', range: null }); setPage(1); setFilters({}); }}>{t('common.reset')}</Button>
      </Space>
      <Table<AuditEvent> rowKey={(r) => `${r.chain}-${r.seq}`} size="small" loading={loading} dataSource={data.items} data-testid="audit-table" scroll={{ x: 900 }}
        onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })}
        pagination={{ current: page, pageSize, total: data.total, showSizeChanger: true, showTotal: (n) => t('common.total', { n }),
          onChange: (p, s) => { setPage(p); setPageSize(s); } }}
        columns={[
          { title: t('common.time'), dataIndex: 'at', width: 170, render: (v: string) => formatTime(v) },
          { title: t('audit.type'), dataIndex: 'type', width: 200, render: (v: string) => <span title={v}>{eventLabel(v, lang)}</span> },
          { title: t('audit.actor'), dataIndex: 'actorName', width: 120 },
          { title: t('audit.target'), key: 'target', render: (_v, r) => (r.targetType ? `${r.targetType} #${r.targetId ?? ''}` : '') },
          { title: t('audit.ip'), dataIndex: 'ip', width: 140 },
          { title: t('audit.seq'), key: 'seq', width: 90, render: (_v, r) => `${chainLabel(r.chain)}/${r.seq}` },
        ]} />
      <Drawer open={open !== null} onClose={() => setOpen(null)} size={640} title={t('audit.detail')} data-testid="audit-detail">
        {open && (
          <>
            <Descriptions bordered size="small" column={1} items={[
              { key: 'at', label: t('common.time'), children: formatTime(open.at) },
              { key: 'type', label: t('audit.type'), children: <>{eventLabel(open.type, lang)} <Typography.Text type="secondary" code>{open.type}</Typography.Text></> },
              { key: 'actor', label: t('audit.actor'), children: open.actorName },
              { key: 'target', label: t('audit.target'), children: open.targetType ? `${open.targetType} #${open.targetId ?? ''}` : '' },
              { key: 'org', label: t('common.org'), children: open.orgId ?? '' },
              { key: 'ip', label: t('audit.ip'), children: open.ip },
              { key: 'seq', label: `${t('audit.chain')} / ${t('audit.seq')}`, children: `${chainLabel(open.chain)} / ${open.seq}` },
            ]} />
            <Typography.Title level={5} style={{ marginTop: 16 }}>{t('audit.data')}</Typography.Title>
            <pre style={{ background: '#fafafa', border: '1px solid #f0f0f0', padding: 12, borderRadius: 6, overflow: 'auto', fontSize: 12 }} data-testid="audit-data">
              {JSON.stringify(open.data, null, 2)}
            </pre>
          </>
        )}
      </Drawer>
    </Card>
  );
}
