/**
 * 积分台账: the entries of a scheme, filtered by year, organisation, status (incl. 待确认), indicator,
 * name and dates; 冲正 and 确认/退回 on a row; 记一笔; Excel import and export; and a chart panel of the
 * month-by-month trend and points by child organisation.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TablePaginationConfig } from 'antd';
import { DownloadOutlined, FileExcelOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, download } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useT } from '../i18n.ts';
import { useListParams } from '../listParams.ts';
import { useSession } from '../session.tsx';
import { withTestId } from '../testid.ts';
import { OrgTreeSelect } from '../components/OrgTreeSelect.tsx';
import { EntryFormDrawer } from '../components/points/EntryFormDrawer.tsx';
import { EntryDetailDrawer } from '../components/points/EntryDetailDrawer.tsx';
import { EntryActionModal } from '../components/points/EntryActions.tsx';
import type { EntryAction } from '../components/points/EntryActions.tsx';
import { LedgerCharts } from '../components/points/LedgerCharts.tsx';
import { LedgerImportDrawer } from '../components/points/LedgerImportDrawer.tsx';
import { EntryStatusTag, PointsText, homeOrgFor, recentYears, sourceLabel, useSchemeDetail, useSchemes, useWide } from '../components/points/shared.tsx';
import type { Entry, Run } from '../components/points/types.ts';
import type { Page } from '../types.ts';

const FILTERS = ['schemeId', 'year', 'orgId', 'status', 'indicator', 'q', 'from', 'to', 'subjectKind', 'subjectId', 'subject'] as const;
const STATUSES = ['confirmed', 'pending', 'rejected'] as const;

/** The ledger page. */
export function LedgerPage() {
  const t = useT();
  const fb = useFeedback();
  const { can, me } = useSession();
  const { state, filters, update, reset } = useListParams(FILTERS);
  const { schemes, loaded } = useSchemes(fb.error);
  const [data, setData] = useState<Page<Entry>>({ items: [], total: 0 });
  const [pending, setPending] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [search, setSearch] = useState(filters.q ?? '');
  const [tick, setTick] = useState(0);
  const [openId, setOpenId] = useState<number | null>(null);
  const [action, setAction] = useState<EntryAction | null>(null);
  const [frozen, setFrozen] = useState<Run[]>([]);

  const schemeId = filters.schemeId ? Number(filters.schemeId) : undefined;
  const scheme = schemes.find((s) => s.id === schemeId);
  const detail = useSchemeDetail(schemeId, fb.error);
  const def = detail?.current.definition ?? null;
  const thisYear = new Date().getFullYear();
  const year = filters.year === 'all' ? undefined : filters.year ? Number(filters.year) : thisYear;
  const orgId = filters.orgId ? Number(filters.orgId) : undefined;
  const canRead = can('points.read');
  const canRecord = can('points.record');
  const wide = useWide();

  useEffect(() => { setSearch(filters.q ?? ''); }, [filters.q]);

  // a scheme is always chosen: the first one, unless the address names one
  useEffect(() => {
    if (loaded && schemes.length && !schemes.some((s) => s.id === schemeId)) update({ schemeId: schemes[0].id });
  }, [loaded, schemes, schemeId, update]);

  const query = useMemo(() => ({
    schemeId, year, orgId, status: filters.status, indicator: filters.indicator, q: filters.q, from: filters.from, to: filters.to,
    subjectKind: filters.subjectKind, subjectId: filters.subjectId,
  }), [schemeId, year, orgId, filters]);

  useEffect(() => {
    if (!schemeId) return undefined;
    const ctrl = new AbortController();
    setLoading(true);
    api.get<Page<Entry>>('/points/entries', { ...query, page: state.page, pageSize: state.pageSize }, ctrl.signal)
      .then(setData)
      .catch((err: unknown) => fb.error(err))
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [query, state.page, state.pageSize, schemeId, fb, tick]);

  // how many wait for confirmation under the same filters (status aside)
  useEffect(() => {
    if (!schemeId || !canRead) return undefined;
    const ctrl = new AbortController();
    api.get<Page<Entry>>('/points/entries', { ...query, status: 'pending', page: 1, pageSize: 1 }, ctrl.signal)
      .then((r) => setPending(r.total))
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [query, schemeId, canRead, tick]);

  // published runs of the scheme and year: the ledger is frozen under their organisations
  useEffect(() => {
    setFrozen([]);
    if (!schemeId || !year) return undefined;
    const ctrl = new AbortController();
    api.get<{ items: Run[] }>('/runs', { schemeId, year, pageSize: 200 }, ctrl.signal)
      .then((r) => setFrozen(r.items.filter((x) => x.status === 'published')))
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [schemeId, year]);

  const indicatorName = useCallback((code: string) => def?.indicators.find((x) => x.code === code)?.name ?? code, [def]);
  const dimensionName = useCallback((code: string) => def?.dimensions.find((x) => x.code === code)?.name ?? code, [def]);

  const onTableChange = (p: TablePaginationConfig) => update({ page: p.current ?? 1, pageSize: p.pageSize ?? state.pageSize });

  const exportExcel = async () => {
    setExporting(true);
    try {
      await download('/points/entries/export', query, '积分台账.xlsx');
    } catch (err) {
      fb.error(err);
    } finally {
      setExporting(false);
    }
  };

  const act = (kind: EntryAction['kind'], entry: Entry) => setAction({ kind, entry, indicatorName: indicatorName(entry.indicator) });
  const range: [dayjs.Dayjs | null, dayjs.Dayjs | null] | null = filters.from || filters.to
    ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null] : null;
  const pendingOn = filters.status === 'pending';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="ledger-page">
      <Card title={t('points.title')}
        extra={<Space wrap>
          {canRecord && scheme && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="ledger-new">{t('points.new')}</Button>
          )}
          {canRecord && scheme && (
            <Button icon={<FileExcelOutlined />} onClick={() => setImporting(true)} data-testid="ledger-import">{t('points.import.button')}</Button>
          )}
          {can('export') && <Button icon={<DownloadOutlined />} loading={exporting} disabled={!schemeId} onClick={() => void exportExcel()} data-testid="ledger-export">{t('common.export')}</Button>}
        </Space>}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select value={schemeId} onChange={(v: number) => update({ schemeId: v, indicator: undefined })} placeholder={t('points.scheme')}
            loading={!loaded} style={{ width: 260, maxWidth: '100%' }} popupMatchSelectWidth={false} data-testid="ledger-scheme"
            notFoundContent={t('points.noScheme')}
            options={schemes.map((s) => ({ value: s.id, label: `${s.name}（${s.subject === 'org' ? t('points.subject.org') : t('points.subject.member')}）` }))} />
          <Select value={filters.year === 'all' ? 'all' : String(year)} onChange={(v: string) => update({ year: v === String(thisYear) ? undefined : v })}
            style={{ width: 120 }} data-testid="ledger-year"
            options={[{ value: 'all', label: t('points.allYears') }, ...recentYears().map((y) => ({ value: String(y), label: t('points.yearN', { y }) }))]} />
          <OrgTreeSelect value={orgId} onChange={(id) => update({ orgId: id })} placeholder={t('points.allOrgs')} style={{ width: 240, maxWidth: '100%' }} data-testid="ledger-org" />
        </Space>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select allowClear value={filters.status} onChange={(v?: string) => update({ status: v })} placeholder={t('common.status')} style={{ width: 120 }} data-testid="ledger-status"
            options={STATUSES.map((s) => ({ value: s, label: t(`points.status.${s}`) }))} />
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} value={filters.indicator} onChange={(v?: string) => update({ indicator: v })}
            placeholder={t('points.indicator')} style={{ width: 220, maxWidth: '100%' }} popupMatchSelectWidth={false} data-testid="ledger-indicator"
            options={(def?.indicators ?? []).map((x) => ({ value: x.code, label: `${x.name}（${x.code}）` }))} />
          <Input.Search allowClear placeholder={t('points.searchName')} value={search} onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => update({ q: v.trim() })} style={{ width: 180 }} data-testid="ledger-search" />
          <DatePicker.RangePicker value={range} allowEmpty={[true, true]} style={{ width: 260, maxWidth: '100%' }} data-testid="ledger-range"
            onChange={(v) => update({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })} />
          {canRead && (
            <Button type={pendingOn ? 'primary' : 'default'} onClick={() => update({ status: pendingOn ? undefined : 'pending' })} data-testid="ledger-pending"
              style={pendingOn ? undefined : { borderColor: pending ? '#fa8c16' : undefined, color: pending ? '#d46b08' : undefined }}>
              {t('points.pendingN', { n: pending ?? '…' })}
            </Button>
          )}
          <Button icon={<ReloadOutlined />} onClick={() => { setSearch(''); reset(); }} data-testid="ledger-reset">{t('common.reset')}</Button>
        </Space>
        {filters.subjectId && (
          <div style={{ marginBottom: 12 }}>
            <Tag closable color="red" onClose={() => update({ subjectKind: undefined, subjectId: undefined, subject: undefined })} data-testid="ledger-subject-filter">
              {t('points.onlySubject', { name: filters.subject ?? filters.subjectId })}
            </Tag>
          </div>
        )}
        {frozen.length > 0 && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="ledger-frozen"
            title={t('points.frozen', { year: year ?? '', orgs: frozen.map((r) => t('points.frozenRun', { org: r.orgName, id: r.id })).join(t('points.listSep')) })} />
        )}
        {!canRead && <Typography.Paragraph type="secondary">{t('points.recordOnly')}</Typography.Paragraph>}
        <Table<Entry>
          rowKey="id" size="middle" loading={loading} dataSource={data.items} data-testid="ledger-table" scroll={{ x: 1400 }}
          onChange={onTableChange}
          onRow={(r) => withTestId({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } }, `entry-row-${r.id}`)}
          rowClassName={(r) => (r.status === 'rejected' || r.correctedBy ? 'xf-entry-void' : '')}
          pagination={{
            current: state.page, pageSize: state.pageSize, total: data.total, showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100], showTotal: (n) => t('common.total', { n }),
          }}
          columns={[
            { title: t('points.date'), dataIndex: 'occurredOn', width: 110, fixed: wide ? 'left' : undefined },
            { title: t('points.subject'), dataIndex: 'subjectName', width: 110,
              render: (v: string, r) => <a onClick={(e) => { e.stopPropagation(); update({ subjectKind: r.subjectKind, subjectId: r.subjectId, subject: v }); }} title={t('points.onlyThis')}>{v}</a> },
            { title: t('common.org'), dataIndex: 'orgName', ellipsis: true, width: 180 },
            { title: t('points.indicator'), dataIndex: 'indicator', width: 200, ellipsis: true,
              render: (v: string) => <Tooltip title={v}>{indicatorName(v)}</Tooltip> },
            { title: t('points.points'), dataIndex: 'points', width: 80, align: 'right',
              render: (v: number, r) => (
                <span style={r.status === 'rejected' ? { textDecoration: 'line-through' } : undefined}><PointsText value={v} testId={`entry-points-${r.id}`} /></span>
              ) },
            { title: t('common.status'), dataIndex: 'status', width: 90, render: (v: Entry['status']) => <EntryStatusTag status={v} t={t} /> },
            { title: t('points.reversal'), key: 'reversal', width: 130,
              render: (_v, r) => (
                <Space size={4} wrap onClick={(e) => e.stopPropagation()}>
                  {r.correctsId && <Tag color="purple" style={{ cursor: 'pointer' }} onClick={() => setOpenId(r.correctsId)} data-testid={`entry-corrects-${r.id}`}>{t('points.correctsTag', { id: r.correctsId })}</Tag>}
                  {r.correctedBy && <Tag style={{ cursor: 'pointer' }} onClick={() => setOpenId(r.correctedBy)} data-testid={`entry-corrected-${r.id}`}>{t('points.correctedTag', { id: r.correctedBy })}</Tag>}
                </Space>
              ) },
            { title: t('points.evidence'), dataIndex: 'evidence', ellipsis: true, width: 180,
              render: (v: string | null) => (v ? <Tooltip title={v}>{v}</Tooltip> : '') },
            { title: t('points.source'), dataIndex: 'source', width: 80, render: (v: string) => sourceLabel(v, t) },
            { title: t('points.recorder'), dataIndex: 'recordedByName', width: 110, render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('points.system')}</Typography.Text> },
            { title: t('common.actions'), key: 'actions', width: 130, fixed: wide ? 'right' : undefined,
              render: (_v, r) => (
                <Space size={0} onClick={(e) => e.stopPropagation()}>
                  {r.actions.includes('reverse') && <Button type="link" size="small" danger onClick={() => act('reverse', r)} data-testid={`entry-reverse-${r.id}`}>{t('points.reverse')}</Button>}
                  {r.actions.includes('decide') && <Button type="link" size="small" onClick={() => act('confirm', r)} data-testid={`entry-confirm-${r.id}`}>{t('points.confirm')}</Button>}
                  {r.actions.includes('decide') && <Button type="link" size="small" danger onClick={() => act('reject', r)} data-testid={`entry-reject-${r.id}`}>{t('points.reject')}</Button>}
                </Space>
              ) },
          ]}
        />
      </Card>
      {canRead && schemeId && (orgId ?? homeOrgFor(me)) && (
        <Card title={t('points.stats')} size="small" data-testid="ledger-charts">
          <LedgerCharts schemeId={schemeId} year={year ?? thisYear} orgId={(orgId ?? homeOrgFor(me))!} tick={tick} indicatorName={indicatorName}
            onChildClick={(id) => update({ orgId: id })} />
        </Card>
      )}
      <style>{'.xf-entry-void td { color: #8c8c8c; }'}</style>
      {creating && scheme && (
        <EntryFormDrawer open scheme={scheme} def={def} orgId={orgId} onClose={() => setCreating(false)}
          onSaved={() => { setCreating(false); setTick((n) => n + 1); }} />
      )}
      {importing && scheme && (
        <LedgerImportDrawer scheme={scheme} year={year ?? thisYear} onClose={() => setImporting(false)}
          onImported={() => setTick((n) => n + 1)} />
      )}
      <EntryDetailDrawer id={openId} tick={tick} indicatorName={indicatorName} dimensionName={dimensionName}
        onOpen={setOpenId} onClose={() => setOpenId(null)} onAction={act} />
      <EntryActionModal action={action} onClose={(done) => { setAction(null); if (done) setTick((n) => n + 1); }} />
    </Space>
  );
}
