/**
 * The standard of one county and year in four tabs (考评标准, 一票否决, 期限与提醒, 结果运用), as a
 * form: editors change it in place and 保存为新版本 (with a note); readers see the same without
 * inputs. The form's own checks and the server's problems show under their fields and in one
 * list naming each field in words; a click on one opens its tab and level.
 */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { Badge, Button, Form, Space, Tabs, Tag } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { ApiError, api } from '../../../api.ts';
import { fieldIssues, useFeedback } from '../../../feedback.ts';
import { useT } from '../../../i18n.ts';
import { CriteriaTab } from './CriteriaTab.tsx';
import { DeadlineTab } from './DeadlineTab.tsx';
import { DownloadJson, ImportJson } from './JsonButtons.tsx';
import { TABS, fieldOf, tabOf, toDefinition, toValues } from './model.ts';
import type { StandardDef, StandardResponse, StandardValues, Tab } from './model.ts';
import { ProblemAlert, SaveModal } from './SaveParts.tsx';
import type { Problem } from './SaveParts.tsx';
import { UseTab } from './UseTab.tsx';
import { VetoTab } from './VetoTab.tsx';

type Props = {
  data: StandardResponse;
  /** What the form starts from: the loaded definition, or an imported file. */
  initial: StandardDef;
  /** Whether `initial` came from a file (the form starts unsaved). */
  imported: boolean;
  tab: Tab;
  onTab: (t: Tab) => void;
  onImport: (d: StandardDef) => void;
  onSaved: (version: number) => void;
  /** Told when the form first differs from what was loaded (or imported). */
  onDirty: (dirty: boolean) => void;
  fileName: string;
};

type ErrorField = { name: (string | number)[]; errors: string[] };

/** The level key (star number) of a problem under levels, for opening its card. */
const levelKey = (p: Problem, levels: { stars: number }[]) => (p.path[0] === 'levels' && typeof p.path[1] === 'number' ? String(levels[p.path[1]]?.stars ?? p.path[1] + 1) : null);

/** The editor; give it a new `key` to start again from `initial`. */
export function StandardEditor({ data, initial, imported, tab, onTab, onImport, onSaved, onDirty, fileName }: Props) {
  const t = useT();
  const fb = useFeedback();
  const [form] = Form.useForm<StandardValues>();
  const [initialValues] = useState(() => toValues(initial));
  const [dirty, setDirty] = useState(imported);
  const [open, setOpen] = useState<string[]>([]);
  const [problems, setProblems] = useState<{ list: Problem[]; server: boolean }>({ list: [], server: false });
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const editable = data.actions.includes('edit');
  const levels = initialValues.levels.map((l) => ({ stars: l.stars }));
  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  /** Opens the tab and level card of a problem and scrolls to its field. */
  const go = (p: Problem) => {
    onTab(tabOf(p.path));
    const k = levelKey(p, levels);
    if (k) setOpen((o) => (o.includes(k) ? o : [...o, k]));
    window.setTimeout(() => form.scrollToField(fieldOf(p.path), { block: 'center' }), 200);
  };

  const show = (list: Problem[], server: boolean) => {
    setProblems({ list, server });
    const keys = [...new Set(list.map((p) => levelKey(p, levels)).filter((k): k is string => k !== null))];
    setOpen((o) => [...new Set([...o, ...keys])]);
    if (list[0]) onTab(tabOf(list[0].path));
  };

  /** The definition as the form stands, or null (with the problems shown) when the form's own checks fail. */
  const build = async (): Promise<StandardDef | null> => {
    try {
      await form.validateFields();
    } catch (err) {
      const fields = ((err as { errorFields?: ErrorField[] }).errorFields ?? []).filter((f) => f.errors.length);
      show(fields.map((f) => ({ path: f.name, message: f.errors[0] })), false);
      return null;
    }
    return toDefinition(form.getFieldsValue(true) as StandardValues, initial);
  };

  const ask = async () => {
    if (await build()) { setProblems({ list: [], server: false }); setAsking(true); }
  };

  const save = async (note: string) => {
    const definition = await build();
    if (!definition) { setAsking(false); return; }
    setBusy(true);
    try {
      const r = await api.put<{ version: number; year: number }>('/stars/standard', { countyId: data.countyId, year: data.year, definition, note: note || null });
      setAsking(false);
      fb.success(t('stars.std.saved', { n: r.version }));
      onSaved(r.version);
    } catch (err) {
      setAsking(false);
      const issues = fieldIssues(err);
      if (err instanceof ApiError && err.code === 'VALIDATION' && issues.length) {
        show(issues.map((i) => ({ path: i.path, message: i.message })), true);
        form.setFields(issues.map((i) => ({ name: fieldOf(i.path), errors: [i.message] })) as Parameters<typeof form.setFields>[0]);
      } else {
        fb.error(err);
      }
    } finally {
      setBusy(false);
    }
  };

  const count = (k: Tab) => problems.list.filter((p) => tabOf(p.path) === k).length;
  const label = (k: Tab) => (
    <span data-testid={`star-std-tab-${k}`}>
      <Badge count={count(k)} size="small" offset={[8, -2]}>{t(`stars.std.tab.${k}`)}</Badge>
    </span>
  );
  const panes: Record<Tab, ReactNode> = {
    criteria: <CriteriaTab levels={levels} editable={editable} open={open} onOpen={setOpen} />,
    vetoes: <VetoTab editable={editable} vetoFrom={initial.vetoFrom ?? 4} />,
    deadlines: <DeadlineTab editable={editable} />,
    use: <UseTab editable={editable} />,
  };

  return (
    <div data-testid="star-std-editor" data-editable={editable ? 'yes' : 'no'}>
      <Space wrap style={{ marginBottom: 12 }}>
        {editable && (
          <Button type="primary" icon={<SaveOutlined />} onClick={() => void ask()} data-testid="star-std-save">{t('stars.std.save')}</Button>
        )}
        <DownloadJson build={build} name={fileName} />
        {editable && <ImportJson onImport={onImport} />}
        {dirty && <Tag color="orange" data-testid="star-std-dirty">{t(imported ? 'stars.std.importedUnsaved' : 'stars.std.unsaved')}</Tag>}
      </Space>
      <ProblemAlert problems={problems.list} fromServer={problems.server} onGo={go} onClose={() => setProblems({ list: [], server: false })} />
      <Form<StandardValues> form={form} layout="vertical" initialValues={initialValues} onValuesChange={() => setDirty(true)} scrollToFirstError={false}>
        <Tabs activeKey={tab} onChange={(k) => onTab(k as Tab)}
          items={TABS.map((k) => ({ key: k, label: label(k), forceRender: true, children: panes[k] }))} />
      </Form>
      {asking && <SaveModal next={data.version + 1} busy={busy} onOk={(note) => void save(note)} onCancel={() => setAsking(false)} />}
    </div>
  );
}
