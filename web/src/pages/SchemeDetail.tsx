/**
 * 方案详情: header (locality, source, version, year), the rules in four tabs, export, 停用, and
 * 编辑 — which edits a working copy of the newest version, checks it on the server as it changes,
 * and saves it as the next version (saved versions never change).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, CheckCircleFilled, DownloadOutlined, EditOutlined, LoadingOutlined, SaveOutlined, StopOutlined } from '@ant-design/icons';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, download } from '../api.ts';
import { formatTime } from '../dates.ts';
import { errorText, fieldIssues, useFeedback } from '../feedback.ts';
import { useLang, useT } from '../i18n.ts';
import { withTestId } from '../testid.ts';
import { NotFound, PageSpinner } from '../components/Status.tsx';
import { SchemeView } from '../components/scheme/SchemeView.tsx';
import { SchemeEditor } from '../components/scheme/SchemeEditor.tsx';
import { ProblemList, SubjectTag } from '../components/scheme/parts.tsx';
import { fromDraft, localProblems, toDraft } from '../components/scheme/draft.ts';
import type { Draft } from '../components/scheme/draft.ts';
import { problemsByField, stripDefinition, tabOf } from '../components/scheme/format.ts';
import type { TabKey } from '../components/scheme/format.ts';
import { useDefinitionCheck } from '../components/scheme/useDefinitionCheck.ts';
import type { Problem, SchemeDetail, SchemeNavState, SchemeRow, SchemeTemplate, VersionResult } from '../components/scheme/types.ts';
import type { Items } from '../types.ts';

type SaveValues = { year: number; source?: string; note?: string };

/** The scheme detail page. */
export function SchemeDetailPage() {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const { id } = useParams();
  const schemeId = Number(id);
  const [params, setParams] = useSearchParams();
  const versionParam = Number(params.get('version')) || undefined;
  const [detail, setDetail] = useState<SchemeDetail | null>(null);
  const [missing, setMissing] = useState(false);
  const [row, setRow] = useState<SchemeRow | null>(null);
  const [tplName, setTplName] = useState<string | null>(null);
  const [tab, setTab] = useState<TabKey>('indicators');
  const [tick, setTick] = useState(0);
  const [notice, setNotice] = useState<{ warnings: Problem[]; title: string } | null>(null);
  const [wantEdit, setWantEdit] = useState(false);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [baseJson, setBaseJson] = useState('');
  const [saveOpen, setSaveOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveProblems, setSaveProblems] = useState<Problem[]>([]);
  const [exporting, setExporting] = useState<string | null>(null);
  const [saveForm] = Form.useForm<SaveValues>();

  // what the previous page handed over (warnings of a new scheme; open the editor) is read once
  useEffect(() => {
    const st = location.state as SchemeNavState | null;
    if (!st) return;
    if (st.warnings?.length || st.created) setNotice({ warnings: st.warnings ?? [], title: t('scheme.created') });
    if (st.edit) setWantEdit(true);
    navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
  }, [location, navigate, t]);

  useEffect(() => {
    if (!Number.isInteger(schemeId) || schemeId <= 0) { setMissing(true); return undefined; }
    const ctrl = new AbortController();
    setMissing(false);
    api.get<SchemeDetail>(`/schemes/${schemeId}`, { version: versionParam }, ctrl.signal)
      .then(setDetail)
      .catch((err: unknown) => {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        if ((err as { status?: number }).status === 404) setMissing(true);
        else fb.error(err);
      });
    return () => ctrl.abort();
  }, [schemeId, versionParam, fb, tick]);

  // the locality's name and the template's name come with the list
  useEffect(() => {
    const ctrl = new AbortController();
    api.get<Items<SchemeRow>>('/schemes', { archived: '1' }, ctrl.signal)
      .then((r) => setRow(r.items.find((x) => x.id === schemeId) ?? null)).catch(() => undefined);
    return () => ctrl.abort();
  }, [schemeId, tick]);

  useEffect(() => {
    if (!detail?.templateKey) { setTplName(null); return undefined; }
    const ctrl = new AbortController();
    api.get<Items<SchemeTemplate>>('/schemes/templates', undefined, ctrl.signal).then((r) => {
      const x = r.items.find((y) => y.key === detail.templateKey);
      setTplName(x ? (lang === 'en' ? x.nameEn : x.name) : detail.templateKey);
    }).catch(() => undefined);
    return () => ctrl.abort();
  }, [detail?.templateKey, lang]);

  const latest = detail ? Math.max(...detail.versions.map((v) => v.version)) : 0;
  const isLatest = !!detail && detail.current.version === latest;
  const canManage = !!detail && detail.actions.includes('scheme.manage');
  const canEdit = canManage && isLatest && !detail.archived;
  const editing = draft !== null;

  const startEdit = useCallback(() => {
    if (!detail) return;
    setDraft(toDraft(detail.current.definition));
    setBaseJson(JSON.stringify(fromDraft(toDraft(detail.current.definition))));
    setSaveProblems([]);
  }, [detail]);

  useEffect(() => {
    if (wantEdit && detail && canEdit && !editing) { setWantEdit(false); startEdit(); }
  }, [wantEdit, detail, canEdit, editing, startEdit]);

  const definition = useMemo(() => (draft ? fromDraft(draft) : null), [draft]);
  const dirty = !!definition && JSON.stringify(definition) !== baseJson;
  const check = useDefinitionCheck(definition, { orgId: detail?.orgId, year: detail?.current.year });
  const local = useMemo(() => (draft ? localProblems(draft) : []), [draft]);
  const serverProblems = useMemo(() => check.result?.problems ?? [], [check.result]);
  const problems = useMemo(() => {
    const seen = new Set<string>();
    return [...local, ...serverProblems, ...saveProblems].filter((p) => {
      const k = `${p.path.join('.')}|${p.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }, [local, serverProblems, saveProblems]);
  const warnings = useMemo(() => (check.status === 'done' ? check.result?.warnings ?? [] : []), [check.status, check.result]);
  // the maps keep their identity while the problems stay the same, so unchanged rows need not re-render
  const problemsKey = JSON.stringify(problems);
  const warningsKey = JSON.stringify(warnings);
  const errorMap = useMemo(() => problemsByField(problems, lang), [problemsKey, lang]);
  const warningMap = useMemo(() => problemsByField(warnings, lang), [warningsKey, lang]);
  const checked = check.status === 'done' && local.length === 0;
  const canSave = checked && problems.length === 0;

  useEffect(() => { setSaveProblems((p) => (p.length ? [] : p)); }, [definition]);

  useEffect(() => {
    if (!dirty) return undefined;
    const warn = (e: BeforeUnloadEvent) => { e.preventDefault(); };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  if (missing) return <NotFound />;
  if (!detail || detail.id !== schemeId) return <PageSpinner />;

  const cur = detail.current;
  const orgName = row?.orgName ?? `#${detail.orgId}`;

  const stopEdit = () => {
    if (!dirty) { setDraft(null); return; }
    modal.confirm({
      title: t('scheme.edit.discardTitle'), content: t('scheme.edit.discard'), okText: t('scheme.edit.discardOk'), okButtonProps: withTestId({ danger: true }, 'scheme-discard-ok'),
      onOk: () => setDraft(null),
    });
  };

  const selectVersion = (v: number) => {
    const apply = () => {
      setDraft(null);
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        if (v === latest) next.delete('version'); else next.set('version', String(v));
        return next;
      }, { replace: true });
    };
    if (dirty) modal.confirm({ title: t('scheme.edit.discardTitle'), content: t('scheme.edit.discard'), okText: t('scheme.edit.discardOk'), onOk: apply });
    else apply();
  };

  const exportAs = async (format: 'json' | 'xlsx') => {
    setExporting(format);
    try {
      await download(`/schemes/${detail.id}/export`, { format, version: cur.version }, `${detail.name}-v${cur.version}.${format}`);
    } catch (err) {
      fb.error(err);
    } finally {
      setExporting(null);
    }
  };

  const archive = () => {
    modal.confirm({
      title: t('scheme.archive.title', { name: detail.name }),
      content: <span data-testid="scheme-archive-confirm">{t('scheme.archive.text')}</span>,
      okText: t('scheme.archive'),
      okButtonProps: withTestId({ danger: true }, 'scheme-archive-ok'),
      onOk: async () => {
        try {
          await api.post(`/schemes/${detail.id}/archive`);
          fb.success(t('scheme.archive.done'));
          setDraft(null);
          setTick((n) => n + 1);
        } catch (err) {
          fb.error(err);
        }
      },
    });
  };

  const openSave = () => {
    saveForm.setFieldsValue({ year: cur.year, source: cur.source ?? '', note: '' });
    setSaveOpen(true);
  };

  const save = async (v: SaveValues) => {
    if (!definition) return;
    setSaving(true);
    try {
      const r = await api.post<VersionResult>(`/schemes/${detail.id}/versions`, {
        year: v.year, source: v.source?.trim() || null, note: v.note?.trim() || null, definition,
      });
      setSaveOpen(false);
      setDraft(null);
      fb.success(t('scheme.save.done', { v: r.version }));
      setNotice(r.warnings?.length ? { warnings: r.warnings.map(stripDefinition), title: t('scheme.save.done', { v: r.version }) } : null);
      setParams((prev) => { const next = new URLSearchParams(prev); next.delete('version'); return next; }, { replace: true });
      setTick((n) => n + 1);
    } catch (err) {
      const defProblems = fieldIssues(err).filter((p) => p.path[0] === 'definition').map(stripDefinition);
      if (defProblems.length) {
        setSaveProblems(defProblems);
        setSaveOpen(false);
        setTab(tabOf(defProblems[0].path));
      }
      fb.error(err, saveForm);
    } finally {
      setSaving(false);
    }
  };

  const versionOptions = detail.versions.map((v) => ({
    value: v.version,
    label: `v${v.version} · ${t('scheme.yearN', { y: v.year })}${v.version === latest ? ` · ${t('scheme.latestTag')}` : ''}`,
  }));
  const curInfo = detail.versions.find((v) => v.version === cur.version);

  const editToolbar = (suffix = '') => (
    <Space wrap>
      <Button onClick={stopEdit} data-testid={`scheme-edit-cancel${suffix}`}>{t('scheme.edit.cancel')}</Button>
      <Tooltip title={!canSave ? (problems.length ? t('scheme.save.fixFirst', { n: problems.length }) : t('scheme.check.running')) : undefined}>
        <Button type="primary" icon={<SaveOutlined />} disabled={!canSave} onClick={openSave} data-testid={`scheme-save${suffix}`}>{t('scheme.save.asVersion', { v: latest + 1 })}</Button>
      </Tooltip>
    </Space>
  );
  const toolbar = editing ? editToolbar() : (
    <Space wrap>
      {canEdit && <Button type="primary" icon={<EditOutlined />} onClick={startEdit} data-testid="scheme-edit">{t('common.edit')}</Button>}
      <Button icon={<DownloadOutlined />} loading={exporting === 'json'} onClick={() => void exportAs('json')} data-testid="scheme-export-json">{t('scheme.export.json')}</Button>
      <Button icon={<DownloadOutlined />} loading={exporting === 'xlsx'} onClick={() => void exportAs('xlsx')} data-testid="scheme-export-xlsx">{t('scheme.export.xlsx')}</Button>
      {canManage && !detail.archived && <Button danger icon={<StopOutlined />} onClick={archive} data-testid="scheme-archive">{t('scheme.archive')}</Button>}
    </Space>
  );

  return (
    <Card data-testid="scheme-detail-page"
      title={(
        <Space wrap size={6} style={{ whiteSpace: 'normal', padding: '8px 0' }}>
          <Button type="text" size="small" icon={<ArrowLeftOutlined />} onClick={() => navigate('/schemes')} aria-label={t('common.back')} data-testid="scheme-back" />
          <span data-testid="scheme-name">{detail.name}</span>
          <SubjectTag subject={detail.subject} />
          {detail.archived && <Tag data-testid="scheme-archived-tag">{t('scheme.archived')}</Tag>}
        </Space>
      )}>
      <div style={{ marginBottom: 16 }}>{toolbar}</div>
      {notice && (
        <Alert type={notice.warnings.length ? 'warning' : 'success'} showIcon closable={{ onClose: () => setNotice(null) }} style={{ marginBottom: 16 }} data-testid="scheme-notice"
          title={notice.title}
          description={notice.warnings.length ? (
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {notice.warnings.map((w, i) => <li key={i} data-testid="scheme-notice-warning">{lang === 'en' && w.messageEn ? w.messageEn : w.message}</li>)}
            </ul>
          ) : undefined} />
      )}
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginBottom: 16 }} styles={{ label: { whiteSpace: 'nowrap' } }} data-testid="scheme-header" items={[
        { key: 'code', label: t('scheme.code'), children: <Typography.Text style={{ fontFamily: 'monospace' }}>{detail.code}</Typography.Text> },
        { key: 'org', label: t('scheme.locality'), children: <span data-testid="scheme-locality">{orgName}</span> },
        { key: 'version', label: t('scheme.version'), children: (
          <Space wrap size={4}>
            <Select size="small" value={cur.version} options={versionOptions} onChange={selectVersion} style={{ minWidth: 170 }} popupMatchSelectWidth={false} data-testid="scheme-version" />
            {cur.inUse && <Tooltip title={t('scheme.inUseHint')}><Tag color="blue" data-testid="scheme-in-use">{t('scheme.inUse')}</Tag></Tooltip>}
          </Space>
        ) },
        { key: 'year', label: t('scheme.year'), children: <span data-testid="scheme-year">{t('scheme.fromYear', { y: cur.year })}</span> },
        { key: 'saved', label: t('scheme.savedAt'), children: curInfo ? formatTime(curInfo.createdAt) : '' },
        { key: 'tpl', label: t('scheme.template'), children: tplName ?? <Typography.Text type="secondary">{t('scheme.noTemplate')}</Typography.Text> },
        { key: 'source', label: t('scheme.source'), span: 'filled', children: cur.source
          ? <Typography.Paragraph style={{ marginBottom: 0 }} data-testid="scheme-source" ellipsis={{ rows: 3, expandable: 'collapsible', symbol: (open: boolean) => (open ? t('scheme.tpl.less') : t('scheme.tpl.more')) }}>{cur.source}</Typography.Paragraph>
          : <Typography.Text type="secondary" data-testid="scheme-source">{t('common.none')}</Typography.Text> },
        ...(cur.note ? [{ key: 'note', label: t('scheme.versionNote'), span: 'filled' as const, children: cur.note }] : []),
      ]} />

      {!isLatest && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="scheme-old-version"
          title={t('scheme.oldVersion', { v: cur.version, latest })}
          action={<Button size="small" onClick={() => selectVersion(latest)} data-testid="scheme-to-latest">{t('scheme.toLatest')}</Button>} />
      )}
      {detail.archived && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('scheme.archivedHint')} />}

      {editing && draft ? (
        <div data-testid="scheme-editing">
          <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="scheme-edit-immutable"
            title={t('scheme.edit.banner', { v: latest + 1 })}
            description={t('scheme.edit.immutable', { cur: cur.version })} />
          <div style={{ marginBottom: 12 }} data-testid="scheme-check" data-status={local.length ? 'local' : check.status}>
            {check.status === 'checking' && <Typography.Text type="secondary"><LoadingOutlined /> {t('scheme.check.running')}</Typography.Text>}
            {check.status === 'failed' && <Typography.Text type="danger">{t('scheme.check.failed', { msg: errorText(check.error, lang) })}</Typography.Text>}
            {check.status === 'done' && problems.length === 0 && (
              <Typography.Text type="success"><CheckCircleFilled /> {dirty ? t('scheme.check.okSave') : t('scheme.check.unchanged')}</Typography.Text>
            )}
          </div>
          <ProblemList problems={problems} def={definition} onGo={(p) => setTab(tabOf(p))} testId="scheme-problems" />
          <ProblemList problems={warnings} kind="warning" def={definition} onGo={(p) => setTab(tabOf(p))} testId="scheme-warnings" />
          <SchemeEditor draft={draft} onChange={(fn) => setDraft((d) => (d ? fn(d) : d))} errors={errorMap} warnings={warningMap}
            problems={problems} tab={tab} onTab={setTab} />
          <div style={{ marginTop: 16 }}>{editToolbar('-bottom')}</div>
        </div>
      ) : (
        <SchemeView def={cur.definition} tab={tab} onTab={setTab} />
      )}

      <Modal open={saveOpen} title={t('scheme.save.asVersion', { v: latest + 1 })} onCancel={() => setSaveOpen(false)} destroyOnHidden
        okText={t('scheme.save.ok', { v: latest + 1 })} confirmLoading={saving} onOk={() => saveForm.submit()}
        okButtonProps={withTestId({}, 'scheme-save-ok')} data-testid="scheme-save-modal">
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('scheme.save.immutable', { v: latest + 1, cur: cur.version })} />
        <Form<SaveValues> form={saveForm} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="year" label={t('scheme.save.year')} extra={t('scheme.save.yearHint')} rules={[{ required: true, message: t('common.required', { field: t('scheme.year') }) }]}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} data-testid="scheme-save-year" />
          </Form.Item>
          <Form.Item name="note" label={t('scheme.save.note')} rules={[{ max: 500 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} placeholder={t('scheme.save.notePlaceholder')} data-testid="scheme-save-note" />
          </Form.Item>
          <Form.Item name="source" label={t('scheme.source')} rules={[{ max: 300 }]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={300} data-testid="scheme-save-source" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
