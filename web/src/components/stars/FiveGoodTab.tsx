/**
 * 五好评定: every organisation the 五好 standard counts under a county, street or community (社区,
 * 企业, 机关, 事业单位 party organisations that existed in the year), with the year's five parts and
 * result; the two group shares against their targets; filters by category and result; 评定 for
 * those the user may assess; 导出Excel.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { Button, Card, Select, Space, Table, Tag, Tooltip } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, UploadOutlined } from '@ant-design/icons';
import { formatTime } from '../../dates.ts';
import { useFeedback } from '../../feedback.ts';
import { useT } from '../../i18n.ts';
import { withTestId } from '../../testid.ts';
import { FiveGoodModal } from './FiveGoodModal.tsx';
import { FiveGoodSummary } from './FiveGoodSummary.tsx';
import { ExportButton, ProblemCard, useResult } from './results.tsx';
import { FiveGoodImportDrawer } from './FiveGoodImportDrawer.tsx';
import { FIVE_GOOD_PARTS } from './types.ts';
import type { FiveGoodCategory, FiveGoodItem, FiveGoodList, FiveGoodPart, TargetsResult } from './types.ts';

const CATEGORIES: FiveGoodCategory[] = ['community', 'enterprise', 'organ', 'institution'];
const STATES = ['met', 'notMet', 'unassessed'] as const;
type State = (typeof STATES)[number];
const CATEGORY_COLORS: Record<FiveGoodCategory, string> = { community: 'red', enterprise: 'orange', organ: 'blue', institution: 'cyan' };

type Props = {
  scopeId?: number;
  year: number;
  toolbar: ReactNode;
  category?: string;
  state?: string;
  onFilter: (f: { category?: string; state?: string }) => void;
};

/** A part as a check, a cross or a dash (not assessed); `data-value` for tests. */
function PartIcon({ v, id }: { v: boolean | null; id: string }) {
  if (v === true) return <CheckCircleFilled style={{ color: '#52c41a', fontSize: 16 }} data-testid={id} data-value="true" />;
  if (v === false) return <CloseCircleFilled style={{ color: '#ff4d4f', fontSize: 16 }} data-testid={id} data-value="false" />;
  return <span style={{ color: '#bbb' }} data-testid={id} data-value="">—</span>;
}

/** The 五好评定 tab; `toolbar` holds the scope and year pickers. */
export function FiveGoodTab({ scopeId, year, toolbar, category: askedCategory, state: askedState, onFilter }: Props) {
  const t = useT();
  const fb = useFeedback();
  const category = CATEGORIES.includes(askedCategory as FiveGoodCategory) ? (askedCategory as FiveGoodCategory) : undefined;
  const state = STATES.includes(askedState as State) ? (askedState as State) : undefined;
  // the page belongs to the filters it was chosen under: a change of any goes back to the first
  const filterKey = `${scopeId}|${year}|${category}|${state}`;
  const [paging, setPaging] = useState({ key: filterKey, page: 1, pageSize: 50 });
  const page = { page: paging.key === filterKey ? paging.page : 1, pageSize: paging.pageSize };
  const [editing, setEditing] = useState<FiveGoodItem | null>(null);
  const [importing, setImporting] = useState(false);

  const query = scopeId ? { orgId: scopeId, year, category, state, page: page.page, pageSize: page.pageSize } : null;
  const { data, problem, loading, reload } = useResult<FiveGoodList>('/stars/five-good', query);
  const goals = useResult<TargetsResult>('/stars/targets', scopeId ? { orgId: scopeId, from: year, to: year } : null).data?.targets;

  const partColumns = FIVE_GOOD_PARTS.map((k: FiveGoodPart) => ({
    title: t(`stars.fg.part.${k}`), dataIndex: k, width: 92, align: 'center' as const,
    render: (v: boolean | null, r: FiveGoodItem) => <PartIcon v={v} id={`star-fg-${k}-${r.orgId}`} />,
  }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="star-results-fivegood">
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        {toolbar}
        <Space wrap>
          {data?.actions.includes('import') && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="star-fg-import">{t('stars.fg.import')}</Button>
          )}
          <ExportButton path="/stars/five-good/export" plain query={scopeId ? { orgId: scopeId, year, category } : {}} disabled={!data}
            name={`${year}年度五好党组织评定.xlsx`} testId="star-fg-export" />
        </Space>
      </Space>
      {importing && data && (
        <FiveGoodImportDrawer scope={data.node} year={year} onClose={() => setImporting(false)} onImported={reload} />
      )}
      {!data && <ProblemCard problem={problem} prompt={scopeId ? undefined : 'stars.results.chooseScopeHint'} testId="star-fg" />}
      {!data && loading && <Card loading />}
      {data && <FiveGoodSummary data={data} targets={{ community: goals?.fiveGoodCommunityShare, organ: goals?.fiveGoodOrganShare }} />}
      {data && (
        <Card size="small" title={<span style={{ whiteSpace: 'normal' }}>{t('stars.fg.tableTitle', { name: data.node.name, y: data.year })}</span>}>
          <Space wrap style={{ marginBottom: 12 }}>
            <Select allowClear value={category} onChange={(v?: string) => onFilter({ category: v })} placeholder={t('stars.fg.allCategories')}
              style={{ width: 170 }} data-testid="star-fg-category" aria-label={t('stars.fg.category')}
              options={CATEGORIES.map((c) => ({ value: c, label: t(`stars.fg.cat.${c}`) }))}
              optionRender={(o) => <span data-testid={`star-fg-category-${String(o.value)}`}>{o.label}</span>} />
            <Select allowClear value={state} onChange={(v?: string) => onFilter({ state: v })} placeholder={t('stars.fg.allStates')}
              style={{ width: 120 }} data-testid="star-fg-state" aria-label={t('stars.fg.result')}
              options={STATES.map((s) => ({ value: s, label: t(`stars.fg.${s}`) }))}
              optionRender={(o) => <span data-testid={`star-fg-state-${String(o.value)}`}>{o.label}</span>} />
          </Space>
          <Table<FiveGoodItem> rowKey="orgId" size="small" bordered dataSource={data.items} loading={loading} scroll={{ x: 1180 }} data-testid="star-fg-table"
            onRow={(r) => withTestId({}, `star-fg-row-${r.orgId}`)}
            pagination={{ current: data.page, pageSize: data.pageSize, total: data.total, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200],
              showTotal: (n) => t('common.total', { n }), onChange: (p, s) => setPaging({ key: filterKey, page: s !== page.pageSize ? 1 : p, pageSize: s }) }}
            columns={[
              { title: t('stars.fg.parent'), dataIndex: 'parentName', width: 130, ellipsis: true, render: (v: string | null) => v ?? '' },
              { title: t('stars.fg.org'), dataIndex: 'orgName', width: 180, ellipsis: true },
              { title: t('stars.fg.category'), dataIndex: 'category', width: 130,
                render: (v: FiveGoodCategory) => <Tag color={CATEGORY_COLORS[v]}>{t(`stars.fg.cat.${v}`)}</Tag> },
              ...partColumns,
              { title: t('stars.fg.result'), key: 'result', width: 90, align: 'center',
                render: (_v, r) => {
                  const s: State = !r.assessed ? 'unassessed' : r.met ? 'met' : 'notMet';
                  return <Tag color={s === 'met' ? 'green' : s === 'notMet' ? 'red' : 'default'} data-testid={`star-fg-result-${r.orgId}`} data-met={s}>{t(`stars.fg.${s}`)}</Tag>;
                } },
              { title: t('stars.fg.assessedBy'), key: 'by', width: 150,
                render: (_v, r) => (r.assessed ? (
                  <Tooltip title={r.note || undefined}>
                    <span style={{ fontSize: 12 }}>{r.assessorName ?? ''}<br /><span style={{ color: '#999' }}>{r.updatedAt ? formatTime(r.updatedAt) : ''}</span></span>
                  </Tooltip>
                ) : '') },
              { title: t('common.actions'), key: 'actions', width: 76, fixed: 'right',
                render: (_v, r) => (r.actions.includes('set')
                  ? <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setEditing(r)} data-testid={`star-fg-set-${r.orgId}`}>{t('stars.fg.set')}</Button>
                  : null) },
            ]} />
        </Card>
      )}
      {editing && (
        <FiveGoodModal item={editing} year={year} onClose={() => setEditing(null)}
          onDone={() => { setEditing(null); fb.success(t('stars.fg.saved')); reload(); }} />
      )}
    </Space>
  );
}
