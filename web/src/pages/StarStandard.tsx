/**
 * 评星标准: a county's star standard for a year — the built-in one until the county saves its own,
 * then its latest version. County and year (the user's county and this year by default) and the
 * tab stay in the address; those who may decide ratings edit it and save a new version.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { App, Button, Card, Result, Select, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, LockOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { ApiError, api } from '../api.ts';
import { errorText, useFeedback } from '../feedback.ts';
import { useLang, useT } from '../i18n.ts';
import { useListParams } from '../listParams.ts';
import type { OrgNode } from '../types.ts';
import { OrgTreeSelect } from '../components/OrgTreeSelect.tsx';
import { useHomeCounty } from '../components/stars/results.tsx';
import { recentYears } from '../components/stars/shared.tsx';
import { StandardEditor } from '../components/stars/standard/StandardEditor.tsx';
import { TABS } from '../components/stars/standard/model.ts';
import type { StandardDef, StandardResponse, Tab } from '../components/stars/standard/model.ts';

const FILTERS = ['countyId', 'year', 'tab'] as const;
const isCounty = (n: OrgNode) => n.kind === 'county';

type Loaded = { data: StandardResponse | null; error: unknown; loading: boolean };

/** The 评星标准 page. */
export function StarStandardPage() {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const navigate = useNavigate();
  const home = useHomeCounty();
  const { filters, update } = useListParams(FILTERS);
  const thisYear = new Date().getFullYear();
  const countyId = Number(filters.countyId) || home.countyId;
  const year = Number(filters.year) || thisYear;
  const tab: Tab = TABS.includes(filters.tab as Tab) ? (filters.tab as Tab) : 'criteria';
  const [loaded, setLoaded] = useState<Loaded>({ data: null, error: null, loading: false });
  const [draft, setDraft] = useState<{ def: StandardDef; n: number } | null>(null);
  const [tick, setTick] = useState(0);
  const { modal } = App.useApp();
  const dirty = useRef(false);
  const onDirty = useCallback((d: boolean) => { dirty.current = d; }, []);
  /** Moves to another county or year, after asking when there are unsaved changes. */
  const move = (changes: Record<string, number | undefined>) => {
    const go = () => { dirty.current = false; update(changes); };
    if (!dirty.current) { go(); return; }
    modal.confirm({ title: t('stars.std.leaveTitle'), content: t('stars.std.leaveHint'), okText: t('stars.std.leaveOk'), cancelText: t('common.cancel'), onOk: go });
  };

  useEffect(() => {
    if (!countyId) return undefined;
    const ctrl = new AbortController();
    setLoaded((s) => ({ ...s, loading: true }));
    api.get<StandardResponse>('/stars/standard', { countyId, year }, ctrl.signal)
      .then((data) => { setDraft(null); setLoaded({ data, error: null, loading: false }); })
      .catch((err: unknown) => {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        if (!(err instanceof ApiError && err.status >= 400 && err.status < 500)) fb.error(err);
        setLoaded({ data: null, error: err, loading: false });
      });
    return () => ctrl.abort();
  }, [countyId, year, tick, fb]);

  const years = [thisYear + 1, ...recentYears()];
  if (!years.includes(year)) years.push(year);
  const { data, error, loading } = loaded;
  const current = data && data.countyId === countyId && data.year === year ? data : null;
  const denied = error instanceof ApiError && (error.status === 403 || error.status === 404);

  const toolbar = (
    <Space wrap>
      <OrgTreeSelect value={countyId} onChange={(id) => move({ countyId: id })} allowClear={false} selectable={isCounty}
        valueLabel={countyId === home.countyId ? home.countyName : undefined}
        placeholder={t('stars.results.chooseCounty')} style={{ width: 260, maxWidth: '100%' }} data-testid="star-std-county" />
      <Select value={year} onChange={(y: number) => move({ year: y === thisYear ? undefined : y })} style={{ width: 120 }} aria-label={t('stars.year')}
        options={years.map((y) => ({ value: y, label: t('stars.yearN', { y }) }))} data-testid="star-std-year" />
      {current && (current.builtIn
        ? <Tag color="gold" data-testid="star-std-version" data-version={0}>{t('stars.std.builtIn')}</Tag>
        : <Tag color="blue" data-testid="star-std-version" data-version={current.version}>{t('stars.std.versionN', { n: current.version })}</Tag>)}
    </Space>
  );

  let body;
  if (!countyId) body = home.ready ? <Result status="info" subTitle={t('stars.results.chooseCountyHint')} data-testid="star-std-prompt" /> : <Card loading variant="borderless" />;
  else if (!current && denied) body = <Result icon={<LockOutlined style={{ color: '#c8102e' }} />} subTitle={t('stars.std.forbidden')} data-testid="star-std-forbidden" />;
  else if (!current && error) body = <Result status="warning" subTitle={errorText(error, lang)} data-testid="star-std-error" />;
  else if (!current || loading) body = <Card loading variant="borderless" />;
  else {
    body = (
      <>
        {current.note && <Typography.Paragraph type="secondary" data-testid="star-std-note-shown">{t('stars.std.noteShown', { note: current.note })}</Typography.Paragraph>}
        <StandardEditor key={`${current.countyId}-${current.year}-${current.version}-${draft?.n ?? 0}`} data={current} initial={draft?.def ?? current.definition}
          imported={draft !== null} tab={tab} onTab={(k) => update({ tab: k === 'criteria' ? undefined : k })}
          onImport={(def) => setDraft((d) => ({ def, n: (d?.n ?? 0) + 1 }))} onSaved={() => setTick((n) => n + 1)} onDirty={onDirty}
          fileName={`评星标准-${current.countyId}-${current.year}-${current.builtIn ? '内置' : `v${current.version}`}.json`} />
      </>
    );
  }

  return (
    <Card data-testid="star-std-page" styles={{ body: { paddingTop: 12 } }}
      title={<Space size={4}>
        <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/stars')} aria-label={t('common.back')} data-testid="star-std-back" />
        <span>{t('stars.std.title')}</span>
      </Space>}>
      <div style={{ marginBottom: 12 }}>{toolbar}</div>
      {body}
    </Card>
  );
}
