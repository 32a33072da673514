/**
 * 新建考核方案 in a drawer, three ways: from a built-in template (cards with their source), blank
 * (the smallest valid definition, to edit next), or imported from a JSON or Excel file. The
 * definition is checked against the chosen locality before creating, so problems and warnings
 * (a tier no current member falls in) show first.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Drawer, Empty, Form, Input, InputNumber, Radio, Row, Space, Spin, Tag, Typography, Upload } from 'antd';
import { CheckCircleFilled, InboxOutlined, LoadingOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { errorText, fieldIssues, useFeedback } from '../../feedback.ts';
import { useLang, useT } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { OrgTreeSelect } from '../OrgTreeSelect.tsx';
import { blankDefinition } from './draft.ts';
import { stripDefinition } from './format.ts';
import { ProblemList, SheetProblemList, SubjectTag } from './parts.tsx';
import { useDefinitionCheck } from './useDefinitionCheck.ts';
import type { CreateResult, ParsedXlsx, Problem, SchemeDefinition, SchemeTemplate, SheetProblem, Subject } from './types.ts';

export type CreateMode = 'template' | 'blank' | 'import';

type Props = {
  mode: CreateMode;
  templates: SchemeTemplate[] | null;
  onClose: () => void;
  onCreated: (id: number, warnings: Problem[], mode: CreateMode) => void;
};

type Values = { orgId?: number; code?: string; name?: string; year?: number; source?: string; note?: string };

const MAX_BYTES = 10 * 1024 * 1024; // as the server checks (MAX_FILE_BYTES)
const CODE_RE = /^[A-Za-z0-9_.-]{1,40}$/;
const SCHEME_ADMIN_ROLES = ['county_admin', 'street_admin'];

/** What an imported file gave: its definition, what describes it, and what is wrong with it. */
type Imported = { fileName: string; definition: unknown; meta: Values; fileProblems: SheetProblem[]; problems: Problem[] };

/** Reads a JSON file: an exported scheme ({name, code, year, source, definition}) or a bare definition. */
async function readJsonFile(file: File): Promise<Imported> {
  const text = await file.text();
  const data: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error('JSON');
  const o = data as Record<string, unknown>;
  const wrapped = 'definition' in o && o.definition && typeof o.definition === 'object';
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    fileName: file.name,
    definition: wrapped ? o.definition : o,
    meta: wrapped ? { name: str(o.name), code: str(o.code), year: typeof o.year === 'number' ? o.year : undefined, source: str(o.source) } : {},
    fileProblems: [],
    problems: [],
  };
}

/** The drawer. */
export function CreateSchemeDrawer({ mode, templates, onClose, onCreated }: Props) {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const { me } = useSession();
  const [form] = Form.useForm<Values>();
  const [tplKey, setTplKey] = useState<string | null>(null);
  const [subject, setSubject] = useState<Subject>('member');
  const [imported, setImported] = useState<Imported | null>(null);
  const [reading, setReading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [createProblems, setCreateProblems] = useState<Problem[]>([]);
  const orgId = Form.useWatch('orgId', form);
  const year = Form.useWatch('year', form);

  const tpl = templates?.find((x) => x.key === tplKey) ?? null;
  const definition = useMemo<unknown>(() => {
    if (mode === 'template') return tpl?.definition ?? null;
    if (mode === 'blank') return blankDefinition(subject);
    return imported && !imported.fileProblems.length ? imported.definition : null;
  }, [mode, tpl, subject, imported]);
  const check = useDefinitionCheck(definition, { orgId, year });
  const problems = check.status === 'done' && check.result ? check.result.problems : [];
  const warnings = check.status === 'done' && check.result ? check.result.warnings : [];

  // the locality where the user manages schemes, as a starting point
  const homeOrg = me?.grants.find((g) => SCHEME_ADMIN_ROLES.includes(g.role))?.orgId;
  const initial: Values = { orgId: homeOrg, year: new Date().getFullYear() };

  useEffect(() => { setCreateProblems([]); }, [definition]);

  const pickTemplate = (x: SchemeTemplate) => {
    setTplKey(x.key);
    form.setFieldsValue({ code: x.key.slice(0, 40), name: x.name });
  };

  const readFile = async (file: File) => {
    setReading(true);
    setImported(null);
    try {
      let r: Imported;
      if (file.name.toLowerCase().endsWith('.json')) {
        try {
          r = await readJsonFile(file);
        } catch {
          throw new Error(t('scheme.import.badJson'));
        }
      } else {
        const fd = new FormData();
        fd.append('file', file, file.name);
        const p = await api.upload<ParsedXlsx>('/schemes/parse-xlsx', fd);
        r = { fileName: file.name, definition: p.definition, meta: { name: p.meta.name, code: p.meta.code, year: p.meta.year, source: p.meta.source ?? undefined }, fileProblems: p.fileProblems, problems: p.problems };
      }
      setImported(r);
      const m = Object.fromEntries(Object.entries(r.meta).filter(([, v]) => v != null && v !== '')) as Values;
      if (m.code && !CODE_RE.test(m.code)) delete m.code;
      form.setFieldsValue(m);
    } catch (err) {
      fb.error(err);
    } finally {
      setReading(false);
    }
  };

  const submit = async (v: Values) => {
    if (!definition) return;
    setBusy(true);
    setCreateProblems([]);
    const body: Record<string, unknown> = { orgId: v.orgId, code: v.code?.trim(), name: v.name?.trim(), year: v.year, note: v.note?.trim() || null };
    if (mode === 'template') body.templateKey = tpl?.key;
    else {
      body.definition = definition;
      body.source = v.source?.trim() || null;
    }
    try {
      const r = await api.post<CreateResult>('/schemes', body);
      onCreated(r.id, (r.warnings ?? []).map(stripDefinition), mode);
    } catch (err) {
      const defProblems = fieldIssues(err).filter((p) => p.path[0] === 'definition').map(stripDefinition);
      setCreateProblems(defProblems);
      fb.error(err, form);
    } finally {
      setBusy(false);
    }
  };

  const title = mode === 'template' ? t('scheme.new.fromTemplate') : mode === 'blank' ? t('scheme.new.blank') : t('scheme.new.import');
  const blocked = !definition || problems.length > 0 || (imported?.fileProblems.length ?? 0) > 0;
  const shownProblems = createProblems.length ? createProblems : problems;

  const checkLine = definition != null && (
    <div style={{ marginBottom: 12 }} data-testid="scheme-create-check" data-status={check.status}>
      {check.status === 'checking' && <Typography.Text type="secondary"><LoadingOutlined /> {t('scheme.check.running')}</Typography.Text>}
      {check.status === 'done' && check.result?.ok && (
        <Typography.Text type="success"><CheckCircleFilled /> {orgId ? t('scheme.check.okOrg') : t('scheme.check.ok')}</Typography.Text>
      )}
      {check.status === 'failed' && <Typography.Text type="danger">{t('scheme.check.failed', { msg: errorText(check.error, lang) })}</Typography.Text>}
    </div>
  );

  return (
    <Drawer open onClose={onClose} size={880} title={title} destroyOnHidden data-testid="scheme-create"
      extra={<Space>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" loading={busy} disabled={blocked} onClick={() => form.submit()} data-testid="scheme-create-submit">{t('scheme.new.create')}</Button>
      </Space>}>
      {mode === 'template' && (
        <>
          <Typography.Paragraph type="secondary">{t('scheme.new.templateHint')}</Typography.Paragraph>
          {!templates ? <Spin /> : templates.length === 0 ? <Empty /> : (
            <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="scheme-templates">
              {templates.map((x) => {
                const on = x.key === tplKey;
                return (
                  <Col xs={24} md={12} key={x.key}>
                    <Card size="small" hoverable onClick={() => pickTemplate(x)} data-testid={`scheme-template-${x.key}`} data-selected={on ? 'true' : 'false'}
                      style={{ height: '100%', borderColor: on ? '#c8102e' : undefined, boxShadow: on ? '0 0 0 2px rgba(200,16,46,0.25)' : undefined }}
                      title={<Space size={4} wrap style={{ whiteSpace: 'normal', padding: '6px 0' }}>
                        {on && <CheckCircleFilled style={{ color: '#c8102e' }} />}
                        <span>{lang === 'en' ? x.nameEn : x.name}</span>
                      </Space>}>
                      <Space size={4} wrap style={{ marginBottom: 8 }}>
                        <SubjectTag subject={x.subject} />
                        <Tag>{t('scheme.tpl.indicators', { n: x.indicators })}</Tag>
                        {x.subject === 'member' && <Tag>{x.tiers ? t('scheme.tpl.tiers', { n: x.tiers }) : t('scheme.tpl.noTiers')}</Tag>}
                        <Tag>{t('scheme.tpl.year', { y: x.year })}</Tag>
                      </Space>
                      <div style={{ background: '#fff7e6', border: '1px solid #ffd591', borderRadius: 6, padding: '6px 8px', marginBottom: 8 }} data-testid="scheme-template-source">
                        <Typography.Text strong style={{ color: '#ad4e00' }}>{t('scheme.tpl.source')}：</Typography.Text>
                        <Typography.Text style={{ fontSize: 13 }}>{lang === 'en' ? x.sourceEn : x.source}</Typography.Text>
                      </div>
                      <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 0 }}
                        ellipsis={{ rows: 3, expandable: 'collapsible', symbol: (open: boolean) => (open ? t('scheme.tpl.less') : t('scheme.tpl.more')) }}>
                        {x.description}
                      </Typography.Paragraph>
                    </Card>
                  </Col>
                );
              })}
            </Row>
          )}
        </>
      )}

      {mode === 'blank' && (
        <Form.Item label={t('scheme.f.subject')} layout="vertical">
          <Radio.Group value={subject} onChange={(e) => setSubject(e.target.value as Subject)} optionType="button" buttonStyle="solid" data-testid="scheme-create-subject"
            options={[{ value: 'member', label: t('scheme.subject.memberLong') }, { value: 'org', label: t('scheme.subject.orgLong') }]} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('scheme.new.blankHint')}</Typography.Paragraph>
        </Form.Item>
      )}

      {mode === 'import' && (
        <div style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{t('scheme.import.hint')}</Typography.Paragraph>
          <div data-testid="scheme-import-upload">
            <Upload.Dragger accept=".json,.xlsx,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" multiple={false} maxCount={1}
              fileList={imported ? [{ uid: '1', name: imported.fileName, status: 'done' }] : []}
              onRemove={() => { setImported(null); return true; }}
              beforeUpload={(f) => {
                const n = f.name.toLowerCase();
                if (!n.endsWith('.json') && !n.endsWith('.xlsx')) { fb.error(new Error(t('scheme.import.onlyTypes'))); return Upload.LIST_IGNORE; }
                if (f.size > MAX_BYTES) { fb.error(new Error(t('scheme.import.tooBig'))); return Upload.LIST_IGNORE; }
                void readFile(f);
                return false;
              }}>
              <p className="ant-upload-drag-icon">{reading ? <LoadingOutlined /> : <InboxOutlined />}</p>
              <p className="ant-upload-text">{t('scheme.import.drag')}</p>
              <p className="ant-upload-hint">{t('scheme.import.dragSub')}</p>
            </Upload.Dragger>
          </div>
          {imported && (
            <div style={{ marginTop: 12 }} data-testid="scheme-import-result">
              <SheetProblemList problems={imported.fileProblems} />
              {imported.problems.length > 0 && check.status !== 'done' && (
                <ProblemList problems={imported.problems} def={imported.definition as Partial<SchemeDefinition>} testId="scheme-import-problems" />
              )}
              {!imported.fileProblems.length && (
                <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('scheme.import.read', {
                  subject: (imported.definition as { subject?: string })?.subject === 'org' ? t('scheme.subject.org') : t('scheme.subject.member'),
                  n: Array.isArray((imported.definition as { indicators?: unknown })?.indicators) ? (imported.definition as { indicators: unknown[] }).indicators.length : 0,
                })} />
              )}
            </div>
          )}
        </div>
      )}

      {checkLine}
      <ProblemList problems={shownProblems} def={definition as Partial<SchemeDefinition> | null} testId="scheme-create-problems"
        title={t('scheme.new.problems', { n: shownProblems.length })} />
      <ProblemList problems={warnings} kind="warning" def={definition as Partial<SchemeDefinition> | null} testId="scheme-create-warnings"
        title={t('scheme.new.warnings', { n: warnings.length })} />

      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} data-testid="scheme-create-form"
        disabled={mode === 'template' && !tpl}>
        {mode === 'template' && !tpl && templates && templates.length > 0 && <Alert type="info" showIcon title={t('scheme.new.pickFirst')} style={{ marginBottom: 16 }} />}
        <Form.Item name="orgId" label={t('scheme.locality')} extra={t('scheme.localityHint')} rules={[{ required: true, message: t('scheme.localityRequired') }]}>
          <OrgTreeSelect allowClear={false} style={{ width: '100%' }} data-testid="scheme-create-org" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('scheme.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('scheme.name') }) }, { max: 100 }]}>
              <Input maxLength={100} data-testid="scheme-create-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={7}>
            <Form.Item name="code" label={t('scheme.code')} extra={t('scheme.codeHint')}
              rules={[{ required: true, message: t('common.required', { field: t('scheme.code') }) }, { pattern: CODE_RE, message: t('scheme.codeInvalid') }]}>
              <Input maxLength={40} style={{ fontFamily: 'monospace' }} data-testid="scheme-create-code" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={5}>
            <Form.Item name="year" label={t('scheme.year')} rules={[{ required: true, message: t('common.required', { field: t('scheme.year') }) }]}>
              <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} data-testid="scheme-create-year" />
            </Form.Item>
          </Col>
        </Row>
        {mode === 'template' ? (
          tpl && <Form.Item label={t('scheme.source')} extra={t('scheme.new.sourceFromTemplate')}><Typography.Text>{tpl.source}</Typography.Text></Form.Item>
        ) : (
          <Form.Item name="source" label={t('scheme.source')} extra={t('scheme.sourceHint')} rules={[{ max: 300 }]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={300} data-testid="scheme-create-source" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('scheme.note')} rules={[{ max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} data-testid="scheme-create-note" />
        </Form.Item>
        {mode !== 'template' && definition != null && problems.length === 0 && (
          <Typography.Paragraph type="secondary">{mode === 'blank' ? t('scheme.new.blankNext') : t('scheme.new.importNext')}</Typography.Paragraph>
        )}
        <Button type="primary" htmlType="submit" loading={busy} disabled={blocked} data-testid="scheme-create-submit-bottom">{t('scheme.new.create')}</Button>
      </Form>
    </Drawer>
  );
}
