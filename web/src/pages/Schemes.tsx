/** 考核方案: the schemes in scope, and 新建 from a built-in template, blank, or an imported JSON/Excel file. */
import { useEffect, useState } from 'react';
import { Button, Card, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { FileAddOutlined, ImportOutlined, ProfileOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { api } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useLang, useT } from '../i18n.ts';
import { useListParams } from '../listParams.ts';
import { useSession } from '../session.tsx';
import { withTestId } from '../testid.ts';
import { CreateSchemeDrawer } from '../components/scheme/CreateSchemeDrawer.tsx';
import type { CreateMode } from '../components/scheme/CreateSchemeDrawer.tsx';
import { SubjectTag } from '../components/scheme/parts.tsx';
import type { SchemeNavState, SchemeRow, SchemeTemplate } from '../components/scheme/types.ts';
import type { Items } from '../types.ts';

const FILTERS = ['subject', 'archived'] as const;

/** The schemes list page. */
export function SchemesPage() {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const navigate = useNavigate();
  const { can } = useSession();
  const { filters, update } = useListParams(FILTERS);
  const [items, setItems] = useState<SchemeRow[]>([]);
  const [loading, setLoading] = useState(false);
  const [templates, setTemplates] = useState<SchemeTemplate[] | null>(null);
  const [creating, setCreating] = useState<CreateMode | null>(null);
  const manage = can('scheme.manage');

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api.get<Items<SchemeRow>>('/schemes', { subject: filters.subject, archived: filters.archived === '1' ? '1' : undefined }, ctrl.signal)
      .then((r) => setItems(r.items))
      .catch((err: unknown) => fb.error(err))
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [filters.subject, filters.archived, fb]);

  useEffect(() => {
    const ctrl = new AbortController();
    api.get<Items<SchemeTemplate>>('/schemes/templates', undefined, ctrl.signal).then((r) => setTemplates(r.items)).catch(() => setTemplates([]));
    return () => ctrl.abort();
  }, []);

  const tplName = (key: string | null) => {
    if (!key) return null;
    const x = templates?.find((y) => y.key === key);
    return x ? (lang === 'en' ? x.nameEn : x.name) : key;
  };

  const created = (id: number, warnings: SchemeNavState['warnings'], mode: CreateMode) => {
    setCreating(null);
    fb.success(t('scheme.created'));
    navigate(`/schemes/${id}`, { state: { warnings, created: true, edit: mode === 'blank' } satisfies SchemeNavState });
  };

  return (
    <Card title={t('scheme.list')} data-testid="schemes-page">
      <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Select allowClear placeholder={t('scheme.f.subject')} value={filters.subject} onChange={(v?: string) => update({ subject: v })} style={{ width: 140 }} data-testid="schemes-subject"
            options={[{ value: 'member', label: t('scheme.subject.memberLong') }, { value: 'org', label: t('scheme.subject.orgLong') }]} />
          <Space size={6}>
            <Switch size="small" checked={filters.archived === '1'} onChange={(v) => update({ archived: v ? '1' : undefined })} data-testid="schemes-archived" />
            <Typography.Text>{t('scheme.showArchived')}</Typography.Text>
          </Space>
        </Space>
        {manage && (
          <Space wrap>
            <Button type="primary" icon={<ProfileOutlined />} onClick={() => setCreating('template')} data-testid="scheme-new-template">{t('scheme.new.fromTemplate')}</Button>
            <Button icon={<FileAddOutlined />} onClick={() => setCreating('blank')} data-testid="scheme-new-blank">{t('scheme.new.blank')}</Button>
            <Button icon={<ImportOutlined />} onClick={() => setCreating('import')} data-testid="scheme-new-import">{t('scheme.new.import')}</Button>
          </Space>
        )}
      </Space>
      <Table<SchemeRow> rowKey="id" size="middle" loading={loading} dataSource={items} data-testid="schemes-table" scroll={{ x: 980 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
        onRow={(r) => withTestId({ onClick: () => navigate(`/schemes/${r.id}`), style: { cursor: 'pointer' } }, `scheme-row-${r.id}`)}
        locale={{ emptyText: manage ? t('scheme.emptyManage') : t('scheme.empty') }}
        columns={[
          { title: t('scheme.name'), dataIndex: 'name', fixed: 'left', width: 220,
            render: (v: string, r) => (
              <>
                <a onClick={(e) => { e.stopPropagation(); navigate(`/schemes/${r.id}`); }} data-testid="scheme-link">{v}</a>
                <div><Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>{r.code}</Typography.Text></div>
              </>
            ) },
          { title: t('scheme.locality'), dataIndex: 'orgName', width: 160, ellipsis: true },
          { title: t('scheme.f.subject'), dataIndex: 'subject', width: 90, render: (v: SchemeRow['subject']) => <SubjectTag subject={v} /> },
          { title: t('scheme.latest'), key: 'latest', width: 150,
            render: (_v, r) => <span data-testid="scheme-latest">{t('scheme.versionYear', { v: r.latestVersion, y: r.latestYear })}</span> },
          { title: t('scheme.template'), dataIndex: 'templateKey', ellipsis: true,
            render: (v: string | null) => (v ? tplName(v) : <Typography.Text type="secondary">{t('scheme.noTemplate')}</Typography.Text>) },
          { title: t('common.status'), dataIndex: 'archived', width: 90,
            render: (v: boolean) => (v ? <Tag data-testid="scheme-archived-tag">{t('scheme.archived')}</Tag> : <Tag color="green">{t('scheme.active')}</Tag>) },
        ]} />
      {creating && <CreateSchemeDrawer mode={creating} templates={templates} onClose={() => setCreating(null)} onCreated={created} />}
    </Card>
  );
}
