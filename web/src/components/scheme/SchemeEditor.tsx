/**
 * Editing a scheme's rules: the same four tabs as the read-only view, with editable tables (rows
 * added, removed and, where order matters, moved) and every problem the server reports shown under
 * its field. The 分层 tab (tier rules as JSON text with a parse check and their reading in words) is
 * TiersEditor.tsx; the tables' shared building blocks are edit-parts.tsx.
 */
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { Badge, Button, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useLang, useT } from '../../i18n.ts';
import { kindLabel, roleLabel } from '../../labels.ts';
import { bandInterval, fmtShare, tabOf } from './format.ts';
import type { TabKey } from './format.ts';
import { move, newRow } from './draft.ts';
import type { Draft } from './draft.ts';
import { FieldErrors, SubjectTag } from './parts.tsx';
import { CLASSIFICATIONS, RECORDER_ROLES, SCORED_ORG_KINDS } from './types.ts';
import { CodeInput, RowButtons, num, removeRow, setRow } from './edit-parts.tsx';
import type { Props } from './edit-parts.tsx';
import { TiersEditor } from './TiersEditor.tsx';

// ---------------------------------------------------------------- 指标

function IndicatorsEditor({ draft, onChange, errors, warnings }: Props) {
  const t = useT();
  const lang = useLang();
  const e = (k: string) => errors.get(k);
  const w = (k: string) => warnings.get(k);
  const st = (k: string) => (errors.has(k) ? 'error' as const : undefined);
  const set = (k: number, patch: Partial<Draft['indicators'][number]>) => setRow(onChange, 'indicators', k, patch);
  const dims = draft.dimensions.map((d) => ({ value: d.code, label: d.name ? `${d.name}（${d.code}）` : d.code }));
  const tiers = draft.tiers.map((x) => ({ value: x.code, label: x.name || x.code }));
  const roles = RECORDER_ROLES.map((r) => ({ value: r, label: roleLabel(r, lang) }));

  // 35 rows of a dozen controls are slow to render: a row re-renders only when its record or its
  // problems changed, or what every row shows (options, row count, language).
  const ctx = { dims: draft.dimensions, tiers: draft.tiers, n: draft.indicators.length, t };
  const sig = new Map(draft.indicators.map((r, i) => [r.__k, [...errors.entries(), ...warnings.entries()]
    .filter(([k]) => k === `indicators.${i}` || k.startsWith(`indicators.${i}.`)).map(([k, v]) => `${k}:${v.join('|')}`).join('\n')]));
  const prev = useRef({ ctx, sig });
  const ctxChanged = (Object.keys(ctx) as (keyof typeof ctx)[]).some((k) => ctx[k] !== prev.current.ctx[k]);
  const prevSig = prev.current.sig;
  useEffect(() => { prev.current = { ctx, sig }; });
  const shouldCellUpdate = (r: object, p: object) => r !== p || ctxChanged || sig.get((r as Row).__k) !== prevSig.get((r as Row).__k);

  type Row = Draft['indicators'][number];
  const p = (i: number, f: string) => `indicators.${i}.${f}`;
  return (
    <>
      <Typography.Title level={5}>{t('scheme.dimensions')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('scheme.edit.dimensionsHint')}</Typography.Paragraph>
      <Table<Draft['dimensions'][number]> rowKey="__k" size="small" pagination={false} dataSource={draft.dimensions} scroll={{ x: 640 }} data-testid="scheme-edit-dimensions"
        locale={{ emptyText: t('scheme.edit.noDimensions') }}
        columns={[
          { title: t('scheme.f.code'), dataIndex: 'code', width: 120, render: (v: string, r, i) => <><CodeInput value={v} list="dimensions" rowKey={r.__k} onChange={onChange} status={st(`dimensions.${i}.code`)} /><FieldErrors errors={e(`dimensions.${i}.code`)} /></> },
          { title: t('scheme.f.name'), dataIndex: 'name', width: 200, render: (v: string, r, i) => <><Input size="small" value={v} status={st(`dimensions.${i}.name`)} onChange={(ev) => setRow(onChange, 'dimensions', r.__k, { name: ev.target.value })} /><FieldErrors errors={[...(e(`dimensions.${i}.name`) ?? []), ...(e(`dimensions.${i}`) ?? [])]} /></> },
          { title: t('scheme.f.dimMin'), dataIndex: 'minPoints', width: 120, render: (v: number | null, r, i) => <><InputNumber size="small" value={v} placeholder="-∞" status={st(`dimensions.${i}.minPoints`)} onChange={(x) => setRow(onChange, 'dimensions', r.__k, { minPoints: num(x) })} style={{ width: '100%' }} /><FieldErrors errors={e(`dimensions.${i}.minPoints`)} /></> },
          { title: t('scheme.f.dimMax'), dataIndex: 'maxPoints', width: 120, render: (v: number | null, r, i) => <><InputNumber size="small" value={v} placeholder="+∞" status={st(`dimensions.${i}.maxPoints`)} onChange={(x) => setRow(onChange, 'dimensions', r.__k, { maxPoints: num(x) })} style={{ width: '100%' }} /><FieldErrors errors={e(`dimensions.${i}.maxPoints`)} /></> },
          { title: '', key: 'x', width: 50, render: (_v, r) => <RowButtons onRemove={() => removeRow(onChange, 'dimensions', r.__k)} testId="scheme-edit-dimension-remove" /> },
        ]} />
      <Button size="small" icon={<PlusOutlined />} style={{ margin: '8px 0 20px' }} data-testid="scheme-edit-dimension-add"
        onClick={() => onChange((d) => ({ ...d, dimensions: [...d.dimensions, newRow.dimension(d)] }))}>{t('scheme.edit.addDimension')}</Button>

      <Typography.Title level={5}>{t('scheme.indicators')}</Typography.Title>
      <FieldErrors errors={e('indicators')} />
      <Table<Row> rowKey="__k" size="small" pagination={false} dataSource={draft.indicators} scroll={{ x: 2060 }} data-testid="scheme-edit-indicators"
        columns={[
          { title: t('scheme.f.code'), dataIndex: 'code', width: 100, shouldCellUpdate,
            render: (v: string, r, i) => <><CodeInput value={v} list="indicators" rowKey={r.__k} onChange={onChange} status={st(p(i, 'code'))} testId="scheme-edit-indicator-code" /><FieldErrors errors={e(p(i, 'code'))} /></> },
          { title: t('scheme.f.name'), dataIndex: 'name', width: 200, shouldCellUpdate,
            render: (v: string, r, i) => <><Input size="small" value={v} status={st(p(i, 'name'))} maxLength={100} onChange={(ev) => set(r.__k, { name: ev.target.value })} data-testid="scheme-edit-indicator-name" /><FieldErrors errors={[...(e(p(i, 'name')) ?? []), ...(e(`indicators.${i}`) ?? [])]} /></> },
          { title: t('scheme.f.dimension'), dataIndex: 'dimension', width: 170, shouldCellUpdate,
            render: (v: string | null, r, i) => <><Select size="small" allowClear value={v ?? undefined} options={dims} status={st(p(i, 'dimension'))} style={{ width: '100%' }} popupMatchSelectWidth={false}
              placeholder={t('common.none')} onChange={(x?: string) => set(r.__k, { dimension: x ?? null })} /><FieldErrors errors={e(p(i, 'dimension'))} /></> },
          { title: t('scheme.f.kind'), dataIndex: 'kind', width: 90, shouldCellUpdate,
            render: (v: Row['kind'], r, i) => <><Select size="small" value={v} status={st(p(i, 'kind'))} style={{ width: '100%' }} onChange={(x: Row['kind']) => set(r.__k, { kind: x })}
              options={[{ value: 'add', label: t('scheme.kind.add') }, { value: 'subtract', label: t('scheme.kind.subtract') }]} data-testid="scheme-edit-indicator-kind" /><FieldErrors errors={e(p(i, 'kind'))} /></> },
          { title: t('scheme.f.points'), dataIndex: 'points', width: 100, shouldCellUpdate,
            render: (v: number | null, r, i) => <><InputNumber size="small" value={v} min={0} max={10000} status={st(p(i, 'points'))} style={{ width: '100%' }} onChange={(x) => set(r.__k, { points: num(x) })} data-testid="scheme-edit-indicator-points" /><FieldErrors errors={e(p(i, 'points'))} /></> },
          { title: t('scheme.f.adjustable'), dataIndex: 'adjustable', width: 80, shouldCellUpdate,
            render: (v: boolean, r, i) => <><Switch size="small" checked={v} onChange={(x) => set(r.__k, { adjustable: x })} /><FieldErrors errors={e(p(i, 'adjustable'))} /></> },
          ...(['capPerEntry', 'capPerMonth', 'capPerYear'] as const).map((f) => ({
            title: t(`scheme.f.${f}`), dataIndex: f, width: 110, shouldCellUpdate,
            render: (v: number | null, r: Row, i: number) => <><InputNumber size="small" value={v} min={0} max={10000} placeholder={t('scheme.noCap')} status={st(p(i, f))} style={{ width: '100%' }}
              onChange={(x) => set(r.__k, { [f]: num(x) })} data-testid={`scheme-edit-indicator-${f}`} /><FieldErrors errors={e(p(i, f))} /></>,
          })),
          { title: t('scheme.f.evidenceRequired'), dataIndex: 'evidenceRequired', width: 80, shouldCellUpdate,
            render: (v: boolean, r) => <Switch size="small" checked={v} onChange={(x) => set(r.__k, { evidenceRequired: x })} /> },
          { title: t('scheme.f.recorderRoles'), dataIndex: 'recorderRoles', width: 300, shouldCellUpdate,
            render: (v: string[], r, i) => <><Select size="small" mode="multiple" value={v} options={roles} status={st(p(i, 'recorderRoles'))} style={{ width: '100%' }} maxTagCount={3}
              onChange={(x: string[]) => set(r.__k, { recorderRoles: x })} /><FieldErrors errors={e(p(i, 'recorderRoles'))} /></> },
          ...(draft.subject === 'member' ? [{ title: t('scheme.f.tiers'), dataIndex: 'tiers', width: 260, shouldCellUpdate,
            render: (v: string[] | null, r: Row, i: number) => <><Select size="small" mode="multiple" value={v ?? []} options={tiers} status={st(p(i, 'tiers'))} style={{ width: '100%' }} maxTagCount={3}
              placeholder={t('scheme.allTiers')} onChange={(x: string[]) => set(r.__k, { tiers: x.length ? x : null })} /><FieldErrors errors={e(p(i, 'tiers'))} warnings={w(p(i, 'tiers'))} /></> }] : []),
          { title: t('scheme.f.description'), dataIndex: 'description', width: 220, shouldCellUpdate,
            render: (v: string | null, r, i) => <><Input size="small" value={v ?? ''} maxLength={500} status={st(p(i, 'description'))} onChange={(ev) => set(r.__k, { description: ev.target.value })} /><FieldErrors errors={e(p(i, 'description'))} /></> },
          { title: '', key: 'x', width: 50, shouldCellUpdate,
            render: (_v, r) => <RowButtons onRemove={() => removeRow(onChange, 'indicators', r.__k)} testId="scheme-edit-indicator-remove" /> },
        ]} />
      <Button size="small" type="dashed" icon={<PlusOutlined />} style={{ marginTop: 8 }} data-testid="scheme-edit-indicator-add"
        onClick={() => onChange((d) => ({ ...d, indicators: [...d.indicators, newRow.indicator(d)] }))}>{t('scheme.edit.addIndicator')}</Button>
    </>
  );
}

// ---------------------------------------------------------------- 等次与奖惩

function BandsEditor({ draft, onChange, errors }: Props) {
  const t = useT();
  const e = (k: string) => errors.get(k);
  const st = (k: string) => (errors.has(k) ? 'error' as const : undefined);
  type B = Draft['bands'][number];
  const set = (k: number, patch: Partial<B>) => setRow(onChange, 'bands', k, patch);
  const bandOptions = draft.bands.map((b) => ({ value: b.code, label: b.name ? `${b.name}（${b.code}）` : b.code }));
  const join = () => onChange((d) => ({
    ...d,
    bands: d.bands.map((b, i) => ({
      ...b,
      from: i === 0 ? null : d.bands[i - 1].to,
      fromInclusive: i === 0 ? false : !d.bands[i - 1].toInclusive,
      to: i === d.bands.length - 1 ? null : b.to,
    })),
  }));
  return (
    <>
      <Typography.Paragraph type="secondary">{t('scheme.edit.bandsHint')}</Typography.Paragraph>
      <FieldErrors errors={e('bands')} />
      <Table<B> rowKey="__k" size="small" pagination={false} dataSource={draft.bands} scroll={{ x: 1500 }} data-testid="scheme-edit-bands"
        columns={[
          { title: '#', key: 'i', width: 40, render: (_v, _r, i) => i + 1 },
          { title: t('scheme.f.code'), dataIndex: 'code', width: 110, render: (v: string, r, i) => <><CodeInput value={v} list="bands" rowKey={r.__k} onChange={onChange} status={st(`bands.${i}.code`)} testId="scheme-edit-band-code" /><FieldErrors errors={e(`bands.${i}.code`)} /></> },
          { title: t('scheme.f.name'), dataIndex: 'name', width: 130, render: (v: string, r, i) => <><Input size="small" value={v} status={st(`bands.${i}.name`)} onChange={(ev) => set(r.__k, { name: ev.target.value })} data-testid="scheme-edit-band-name" /><FieldErrors errors={[...(e(`bands.${i}.name`) ?? []), ...(e(`bands.${i}`) ?? [])]} /></> },
          { title: t('scheme.f.from'), dataIndex: 'from', width: 170, render: (v: number | null, r, i) => (
            <>
              <Space.Compact size="small" style={{ width: '100%' }}>
                <InputNumber size="small" value={v} placeholder="-∞" status={st(`bands.${i}.from`)} style={{ width: '100%' }} onChange={(x) => set(r.__k, { from: num(x) })} data-testid="scheme-edit-band-from" />
                <Checkbox checked={r.fromInclusive} onChange={(ev) => set(r.__k, { fromInclusive: ev.target.checked })} style={{ marginInlineStart: 6, whiteSpace: 'nowrap' }} data-testid="scheme-edit-band-from-inclusive">{t('scheme.edit.inclusive')}</Checkbox>
              </Space.Compact>
              <FieldErrors errors={[...(e(`bands.${i}.from`) ?? []), ...(e(`bands.${i}.fromInclusive`) ?? [])]} />
            </>
          ) },
          { title: t('scheme.f.to'), dataIndex: 'to', width: 170, render: (v: number | null, r, i) => (
            <>
              <Space.Compact size="small" style={{ width: '100%' }}>
                <InputNumber size="small" value={v} placeholder="+∞" status={st(`bands.${i}.to`)} style={{ width: '100%' }} onChange={(x) => set(r.__k, { to: num(x) })} data-testid="scheme-edit-band-to" />
                <Checkbox checked={r.toInclusive} onChange={(ev) => set(r.__k, { toInclusive: ev.target.checked })} style={{ marginInlineStart: 6, whiteSpace: 'nowrap' }} data-testid="scheme-edit-band-to-inclusive">{t('scheme.edit.inclusive')}</Checkbox>
              </Space.Compact>
              <FieldErrors errors={[...(e(`bands.${i}.to`) ?? []), ...(e(`bands.${i}.toInclusive`) ?? [])]} />
            </>
          ) },
          { title: t('scheme.interval'), key: 'interval', width: 110, render: (_v, r) => <Typography.Text code data-testid="scheme-edit-band-interval">{bandInterval(r)}</Typography.Text> },
          { title: t('scheme.f.award'), dataIndex: 'award', width: 120, render: (v: number | null, r, i) => <><InputNumber size="small" value={v} min={0} max={10000000} placeholder={t('common.none')} status={st(`bands.${i}.award`)} style={{ width: '100%' }} onChange={(x) => set(r.__k, { award: num(x) })} /><FieldErrors errors={e(`bands.${i}.award`)} /></> },
          { title: t('scheme.f.actions'), dataIndex: 'actions', width: 240, render: (v: string[], r, i) => <><Select size="small" mode="tags" value={v} open={false} suffixIcon={null} tokenSeparators={['、', '；', ';']} status={st(`bands.${i}.actions`)} style={{ width: '100%' }} placeholder={t('scheme.edit.tagsHint')} onChange={(x: string[]) => set(r.__k, { actions: x.map((s) => s.trim()).filter(Boolean) })} data-testid="scheme-edit-band-actions" /><FieldErrors errors={e(`bands.${i}.actions`)} /></> },
          { title: t('scheme.f.opensTask'), dataIndex: 'opensTask', width: 100, render: (v: boolean, r) => <Switch size="small" checked={v} onChange={(x) => set(r.__k, { opensTask: x })} data-testid="scheme-edit-band-task" /> },
          { title: t('scheme.f.classification'), dataIndex: 'classification', width: 110, render: (v: string | null, r, i) => <><Select size="small" allowClear value={v ?? undefined} style={{ width: '100%' }} placeholder={t('common.none')} options={CLASSIFICATIONS.map((c) => ({ value: c, label: c }))} onChange={(x?: string) => set(r.__k, { classification: (x ?? null) as B['classification'] })} /><FieldErrors errors={e(`bands.${i}.classification`)} /></> },
          { title: '', key: 'x', width: 100, render: (_v, r, i) => (
            <RowButtons movable testId="scheme-edit-band-remove" onRemove={() => removeRow(onChange, 'bands', r.__k)}
              onUp={i > 0 ? () => onChange((d) => ({ ...d, bands: move(d.bands, i, -1) })) : undefined}
              onDown={i < draft.bands.length - 1 ? () => onChange((d) => ({ ...d, bands: move(d.bands, i, 1) })) : undefined} />
          ) },
        ]} />
      <Space wrap style={{ marginTop: 8 }}>
        <Button size="small" type="dashed" icon={<PlusOutlined />} data-testid="scheme-edit-band-add" onClick={() => onChange((d) => ({ ...d, bands: [...d.bands, newRow.band(d)] }))}>{t('scheme.edit.addBand')}</Button>
        <Tooltip title={t('scheme.edit.joinHint')}><Button size="small" onClick={join} data-testid="scheme-edit-band-join">{t('scheme.edit.join')}</Button></Tooltip>
      </Space>

      <Typography.Title level={5} style={{ marginTop: 24 }}>{t('scheme.quotas')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('scheme.edit.quotasHint')}</Typography.Paragraph>
      <FieldErrors errors={e('quotas')} />
      <Table<Draft['quotas'][number]> rowKey="__k" size="small" pagination={false} dataSource={draft.quotas} scroll={{ x: 780 }} data-testid="scheme-edit-quotas"
        locale={{ emptyText: t('scheme.noQuotas') }}
        columns={[
          { title: t('scheme.f.band'), dataIndex: 'band', width: 160, render: (v: string, r, i) => <><Select size="small" value={v || undefined} options={bandOptions} status={st(`quotas.${i}.band`)} style={{ width: '100%' }} popupMatchSelectWidth={false} onChange={(x: string) => setRow(onChange, 'quotas', r.__k, { band: x })} /><FieldErrors errors={[...(e(`quotas.${i}.band`) ?? []), ...(e(`quotas.${i}`) ?? [])]} /></> },
          { title: t('scheme.f.maxShare'), dataIndex: 'maxShare', width: 230, render: (v: number | null, r, i) => (
            <>
              <Space.Compact size="small">
                <InputNumber size="small" value={v} min={0} max={1} step={0.05} status={st(`quotas.${i}.maxShare`)} style={{ width: 110 }} onChange={(x) => setRow(onChange, 'quotas', r.__k, { maxShare: num(x) })} data-testid="scheme-edit-quota-share" />
                <Tooltip title={t('scheme.edit.thirdHint')}><Button size="small" onClick={() => setRow(onChange, 'quotas', r.__k, { maxShare: 1 / 3 })}>1/3</Button></Tooltip>
              </Space.Compact>
              <div style={{ fontSize: 12 }}><Typography.Text type="secondary">{fmtShare(v)}</Typography.Text></div>
              <FieldErrors errors={e(`quotas.${i}.maxShare`)} />
            </>
          ) },
          { title: t('scheme.f.per'), dataIndex: 'per', width: 120, render: (v: 'run' | 'org', r) => <Select size="small" value={v} style={{ width: '100%' }} onChange={(x: 'run' | 'org') => setRow(onChange, 'quotas', r.__k, { per: x })} options={[{ value: 'org', label: t('scheme.per.org') }, { value: 'run', label: t('scheme.per.run') }]} /> },
          { title: t('scheme.f.demoteTo'), dataIndex: 'demoteTo', width: 160, render: (v: string, r, i) => <><Select size="small" value={v || undefined} options={bandOptions} status={st(`quotas.${i}.demoteTo`)} style={{ width: '100%' }} popupMatchSelectWidth={false} onChange={(x: string) => setRow(onChange, 'quotas', r.__k, { demoteTo: x })} /><FieldErrors errors={e(`quotas.${i}.demoteTo`)} /></> },
          { title: '', key: 'x', width: 50, render: (_v, r) => <RowButtons onRemove={() => removeRow(onChange, 'quotas', r.__k)} testId="scheme-edit-quota-remove" /> },
        ]} />
      <Button size="small" type="dashed" icon={<PlusOutlined />} style={{ marginTop: 8 }} data-testid="scheme-edit-quota-add" onClick={() => onChange((d) => ({ ...d, quotas: [...d.quotas, newRow.quota(d)] }))}>{t('scheme.edit.addQuota')}</Button>

      <Typography.Title level={5} style={{ marginTop: 24 }}>{t('scheme.multiYear')}</Typography.Title>
      <FieldErrors errors={e('multiYear')} />
      <Table<Draft['multiYear'][number]> rowKey="__k" size="small" pagination={false} dataSource={draft.multiYear} scroll={{ x: 780 }} data-testid="scheme-edit-multiyear"
        locale={{ emptyText: t('scheme.noMultiYear') }}
        columns={[
          { title: t('scheme.f.band'), dataIndex: 'band', width: 160, render: (v: string, r, i) => <><Select size="small" value={v || undefined} options={bandOptions} status={st(`multiYear.${i}.band`)} style={{ width: '100%' }} popupMatchSelectWidth={false} onChange={(x: string) => setRow(onChange, 'multiYear', r.__k, { band: x })} /><FieldErrors errors={[...(e(`multiYear.${i}.band`) ?? []), ...(e(`multiYear.${i}`) ?? [])]} /></> },
          { title: t('scheme.f.consecutiveYears'), dataIndex: 'consecutiveYears', width: 110, render: (v: number | null, r, i) => <><InputNumber size="small" value={v} min={2} max={5} precision={0} status={st(`multiYear.${i}.consecutiveYears`)} style={{ width: '100%' }} onChange={(x) => setRow(onChange, 'multiYear', r.__k, { consecutiveYears: num(x) })} /><FieldErrors errors={e(`multiYear.${i}.consecutiveYears`)} /></> },
          { title: t('scheme.f.action'), dataIndex: 'action', width: 150, render: (v: string, r, i) => <><Input size="small" value={v} maxLength={30} status={st(`multiYear.${i}.action`)} onChange={(ev) => setRow(onChange, 'multiYear', r.__k, { action: ev.target.value })} /><FieldErrors errors={e(`multiYear.${i}.action`)} /></> },
          { title: t('scheme.f.options'), dataIndex: 'options', width: 260, render: (v: string[], r, i) => <><Select size="small" mode="tags" value={v} open={false} suffixIcon={null} tokenSeparators={['、', '；', ';']} style={{ width: '100%' }} placeholder={t('scheme.edit.tagsHint')} onChange={(x: string[]) => setRow(onChange, 'multiYear', r.__k, { options: x.map((s) => s.trim()).filter(Boolean) })} /><FieldErrors errors={e(`multiYear.${i}.options`)} /></> },
          { title: '', key: 'x', width: 50, render: (_v, r) => <RowButtons onRemove={() => removeRow(onChange, 'multiYear', r.__k)} testId="scheme-edit-multiyear-remove" /> },
        ]} />
      <Button size="small" type="dashed" icon={<PlusOutlined />} style={{ marginTop: 8 }} data-testid="scheme-edit-multiyear-add" onClick={() => onChange((d) => ({ ...d, multiYear: [...d.multiYear, newRow.multiYear(d)] }))}>{t('scheme.edit.addMultiYear')}</Button>
    </>
  );
}

// ---------------------------------------------------------------- 基本设置

function BasicEditor({ draft, onChange, errors }: Props) {
  const t = useT();
  const lang = useLang();
  const item = (key: string, label: ReactNode, control: ReactNode, extra?: ReactNode) => (
    <Form.Item label={label} validateStatus={errors.has(key) ? 'error' : undefined} help={errors.get(key)?.join('；')} extra={extra}>{control}</Form.Item>
  );
  const set = (patch: Partial<Draft>) => onChange((d) => ({ ...d, ...patch }));
  return (
    <Form layout="vertical" style={{ maxWidth: 760 }} data-testid="scheme-edit-basic">
      {item('subject', t('scheme.f.subject'), <SubjectTag subject={draft.subject} />, t('scheme.edit.subjectFixed'))}
      {draft.subject === 'org' && item('orgKinds', t('scheme.f.orgKinds'),
        <Select mode="multiple" value={draft.orgKinds} onChange={(v: string[]) => set({ orgKinds: v })} options={SCORED_ORG_KINDS.map((k) => ({ value: k, label: kindLabel(k, lang) }))} data-testid="scheme-edit-orgkinds" />)}
      <Row gutter={16}>
        <Col xs={24} sm={8}>{item('baseScore', t('scheme.f.baseScore'), <InputNumber value={draft.baseScore} min={0} max={1000} style={{ width: '100%' }} onChange={(v) => set({ baseScore: num(v) })} data-testid="scheme-edit-base" />)}</Col>
        <Col xs={24} sm={8}>{item('minScore', t('scheme.f.minScore'), <InputNumber value={draft.minScore ?? null} min={-1000} max={1000} placeholder={t('scheme.noLimit')} style={{ width: '100%' }} onChange={(v) => set({ minScore: num(v) })} data-testid="scheme-edit-min" />)}</Col>
        <Col xs={24} sm={8}>{item('maxScore', t('scheme.f.maxScore'), <InputNumber value={draft.maxScore ?? null} min={0} max={2000} placeholder={t('scheme.noLimit')} style={{ width: '100%' }} onChange={(v) => set({ maxScore: num(v) })} data-testid="scheme-edit-max" />)}</Col>
      </Row>
      {draft.subject === 'member' && item('gradeProbationary', t('scheme.f.gradeProbationary'),
        <Switch checked={draft.gradeProbationary} onChange={(v) => set({ gradeProbationary: v })} data-testid="scheme-edit-probationary" />, t('scheme.edit.probationaryHint'))}
      {item('board.visibleTo', t('scheme.f.visibleTo'),
        <Radio.Group value={draft.board.visibleTo} onChange={(e) => set({ board: { ...draft.board, visibleTo: e.target.value as 'admins' | 'branch' } })} data-testid="scheme-edit-board"
          options={[{ value: 'branch', label: t('scheme.board.branch') }, { value: 'admins', label: t('scheme.board.admins') }]} />)}
      {item('board.showNames', t('scheme.f.showNames'),
        <Switch checked={draft.board.showNames} onChange={(v) => set({ board: { ...draft.board, showNames: v } })} data-testid="scheme-edit-shownames" />)}
    </Form>
  );
}

/** The editor in four tabs, each tab labelled with the number of its problems. */
export function SchemeEditor(props: Props) {
  const t = useT();
  const { draft, problems, tab, onTab } = props;
  const count = (k: TabKey) => problems.filter((p) => tabOf(p.path) === k).length;
  const label = (k: TabKey, text: string) => (
    <span data-testid={`scheme-edit-tab-${k}`}>{text}{count(k) > 0 && <Badge count={count(k)} size="small" style={{ marginInlineStart: 6 }} />}</span>
  );
  const items = [
    { key: 'indicators', label: label('indicators', t('scheme.tab.indicators')), children: <IndicatorsEditor {...props} /> },
    ...(draft.subject === 'member' ? [{ key: 'tiers', label: label('tiers', t('scheme.tab.tiers')), children: <TiersEditor {...props} /> }] : []),
    { key: 'bands', label: label('bands', t('scheme.tab.bands')), children: <BandsEditor {...props} /> },
    { key: 'basic', label: label('basic', t('scheme.tab.basic')), children: <BasicEditor {...props} /> },
  ];
  return (
    <>
      {draft.subject === 'org' && count('tiers') > 0 && <Tag color="red">{t('scheme.orgNoTiers')}</Tag>}
      <Tabs activeKey={draft.subject === 'org' && tab === 'tiers' ? 'indicators' : tab} onChange={(k) => onTab(k as TabKey)} items={items} data-testid="scheme-editor" />
    </>
  );
}
