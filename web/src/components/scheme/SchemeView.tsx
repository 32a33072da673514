/** A scheme's rules, read only, in four tabs: 指标, 分层, 等次与奖惩, 基本设置. */
import { useMemo, useState } from 'react';
import { Descriptions, Empty, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useLang, useT } from '../../i18n.ts';
import type { TFunction } from '../../i18n.ts';
import { kindLabel, roleLabel } from '../../labels.ts';
import { bandInterval, fmtShare, fmtYuan, ruleText } from './format.ts';
import type { TabKey } from './format.ts';
import { SubjectTag } from './parts.tsx';
import type { Band, Indicator, SchemeDefinition, Tier } from './types.ts';

/** The caps of an indicator in words: 单次≤10 · 每月≤2 · 每年≤12. */
export function capsText(x: Indicator, t: TFunction): string {
  const parts: string[] = [];
  if (x.capPerEntry != null) parts.push(t('scheme.cap.entry', { n: x.capPerEntry }));
  if (x.capPerMonth != null) parts.push(t('scheme.cap.month', { n: x.capPerMonth }));
  if (x.capPerYear != null) parts.push(t('scheme.cap.year', { n: x.capPerYear }));
  return parts.join(' · ');
}

/** 加分 / 减分. */
export function KindTag({ kind }: { kind: Indicator['kind'] }) {
  const t = useT();
  return kind === 'add' ? <Tag color="green">{t('scheme.kind.add')}</Tag> : <Tag color="volcano">{t('scheme.kind.subtract')}</Tag>;
}

function IndicatorsTab({ def }: { def: SchemeDefinition }) {
  const t = useT();
  const [q, setQ] = useState('');
  const [dim, setDim] = useState<string | undefined>();
  const dimName = (c?: string | null) => (c ? def.dimensions.find((d) => d.code === c)?.name ?? c : '');
  const tierName = (c: string) => def.tiers.find((x) => x.code === c)?.name ?? c;
  const rows = def.indicators.filter((x) => (!dim || x.dimension === dim) && (!q.trim() || x.name.includes(q.trim()) || x.code.toLowerCase().includes(q.trim().toLowerCase())));
  return (
    <>
      {def.dimensions.length > 0 && (
        <div style={{ marginBottom: 12 }} data-testid="scheme-view-dimensions">
          <Typography.Text type="secondary">{t('scheme.dimensions')}：</Typography.Text>
          {def.dimensions.map((d) => (
            <Tag key={d.code} style={{ marginBottom: 4 }}>
              {d.name} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{d.code}</Typography.Text>
              {(d.maxPoints != null || d.minPoints != null) && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {' '}[{d.minPoints ?? '-∞'}, {d.maxPoints ?? '+∞'}]
                </Typography.Text>
              )}
            </Tag>
          ))}
        </div>
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('scheme.searchIndicator')} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 200 }} data-testid="scheme-indicator-search" />
        {def.dimensions.length > 0 && (
          <Select allowClear placeholder={t('scheme.f.dimension')} value={dim} onChange={setDim} style={{ width: 180 }} popupMatchSelectWidth={false}
            options={def.dimensions.map((d) => ({ value: d.code, label: d.name }))} data-testid="scheme-indicator-dimension" />
        )}
        <Typography.Text type="secondary">{t('scheme.indicatorCount', { n: rows.length, total: def.indicators.length })}</Typography.Text>
      </Space>
      <Table<Indicator> rowKey="code" size="small" dataSource={rows} scroll={{ x: def.subject === 'member' ? 1360 : 1140 }} data-testid="scheme-indicators"
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          { title: t('scheme.f.code'), dataIndex: 'code', width: 80, fixed: 'left' },
          { title: t('scheme.f.name'), dataIndex: 'name', width: 200,
            render: (v: string, r) => <>{v}{r.description && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.description}</Typography.Text></div>}</> },
          ...(def.dimensions.length ? [{ title: t('scheme.f.dimension'), dataIndex: 'dimension', width: 120, render: (v: string | null) => dimName(v) }] : []),
          { title: t('scheme.f.kind'), dataIndex: 'kind', width: 70, render: (v: Indicator['kind']) => <KindTag kind={v} /> },
          { title: t('scheme.f.points'), dataIndex: 'points', width: 130,
            render: (v: number, r) => <>{r.kind === 'add' ? '+' : '−'}{v}{r.adjustable && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('scheme.adjustableUpTo', { n: r.capPerEntry ?? v })}</Typography.Text></div>}</> },
          { title: t('scheme.caps'), key: 'caps', width: 170, render: (_v, r) => capsText(r, t) || <Typography.Text type="secondary">{t('scheme.noCap')}</Typography.Text> },
          { title: t('scheme.f.evidenceRequired'), dataIndex: 'evidenceRequired', width: 80, render: (v: boolean) => (v ? <Tag color="orange">{t('scheme.evidence.yes')}</Tag> : '') },
          { title: t('scheme.f.recorderRoles'), dataIndex: 'recorderRoles', width: 260,
            render: (v: string[]) => v.map((r) => <Tag key={r} style={{ marginBottom: 2 }}>{roleLabel(r)}</Tag>) },
          ...(def.subject === 'member' ? [{ title: t('scheme.f.tiers'), dataIndex: 'tiers', width: 220,
            render: (v: string[] | null) => (v?.length ? v.map((c) => <Tag key={c} color="purple" style={{ marginBottom: 2 }}>{tierName(c)}</Tag>) : <Typography.Text type="secondary">{t('scheme.allTiers')}</Typography.Text>) }] : []),
        ]} />
    </>
  );
}

function TiersTab({ def }: { def: SchemeDefinition }) {
  const t = useT();
  const lang = useLang();
  if (!def.tiers.length) return <Empty description={t('scheme.noTiers')} data-testid="scheme-tiers-empty" />;
  const applying = (code: string) => def.indicators.filter((x) => !x.tiers || x.tiers.includes(code)).length;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('scheme.tiersOrder')}</Typography.Paragraph>
      <Table<Tier> rowKey="code" size="small" pagination={false} dataSource={def.tiers} scroll={{ x: 820 }} data-testid="scheme-tiers"
        columns={[
          { title: '#', key: 'i', width: 44, render: (_v, _r, i) => i + 1 },
          { title: t('scheme.f.code'), dataIndex: 'code', width: 90 },
          { title: t('scheme.f.name'), dataIndex: 'name', width: 160,
            render: (v: string, r) => <>{v}{r.description && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.description}</Typography.Text></div>}</> },
          { title: t('scheme.f.rule'), dataIndex: 'rule', render: (v: Tier['rule']) => <span data-testid="scheme-tier-rule">{ruleText(v, t, lang)}</span> },
          { title: t('scheme.tierIndicators'), key: 'n', width: 110, render: (_v, r) => applying(r.code) },
        ]} />
    </>
  );
}

function BandsTab({ def }: { def: SchemeDefinition }) {
  const t = useT();
  const lang = useLang();
  const bandName = (c: string) => def.bands.find((b) => b.code === c)?.name ?? c;
  return (
    <>
      <Table<Band> rowKey="code" size="small" pagination={false} dataSource={def.bands} scroll={{ x: 860 }} data-testid="scheme-bands"
        columns={[
          { title: t('scheme.f.name'), dataIndex: 'name', width: 130, render: (v: string, r) => <>{v} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.code}</Typography.Text></> },
          { title: t('scheme.interval'), key: 'interval', width: 120, render: (_v, r) => <Typography.Text code data-testid="scheme-band-interval">{bandInterval(r)}</Typography.Text> },
          { title: t('scheme.f.award'), dataIndex: 'award', width: 110, render: (v: number | null) => fmtYuan(v, lang) },
          { title: t('scheme.f.actions'), dataIndex: 'actions', render: (v: string[]) => v.map((a) => <Tag key={a} style={{ marginBottom: 2 }}>{a}</Tag>) },
          { title: t('scheme.f.opensTask'), dataIndex: 'opensTask', width: 110, render: (v: boolean) => (v ? <Tag color="red">{t('scheme.opensTask.yes')}</Tag> : '') },
          { title: t('scheme.f.classification'), dataIndex: 'classification', width: 90, render: (v: string | null) => (v ? <Tag color={v === '先进' ? 'green' : v === '后进' ? 'red' : 'default'}>{v}</Tag> : '') },
        ]} />
      <Typography.Title level={5} style={{ marginTop: 20 }}>{t('scheme.quotas')}</Typography.Title>
      {def.quotas.length ? (
        <ul data-testid="scheme-quotas" style={{ paddingInlineStart: 20 }}>
          {def.quotas.map((q, i) => (
            <li key={i}>{t(q.per === 'org' ? 'scheme.quotaText.org' : 'scheme.quotaText.run', { band: bandName(q.band), share: fmtShare(q.maxShare), to: bandName(q.demoteTo) })}</li>
          ))}
        </ul>
      ) : <Typography.Paragraph type="secondary">{t('scheme.noQuotas')}</Typography.Paragraph>}
      <Typography.Title level={5}>{t('scheme.multiYear')}</Typography.Title>
      {def.multiYear.length ? (
        <ul data-testid="scheme-multiyear" style={{ paddingInlineStart: 20 }}>
          {def.multiYear.map((m, i) => (
            <li key={i}>
              {t('scheme.multiYearText', { n: m.consecutiveYears ?? '', band: bandName(m.band), action: m.action })}
              {m.options.length > 0 && t('scheme.multiYearOptions', { options: m.options.join(lang === 'en' ? ', ' : '、') })}
            </li>
          ))}
        </ul>
      ) : <Typography.Paragraph type="secondary">{t('scheme.noMultiYear')}</Typography.Paragraph>}
    </>
  );
}

function BasicTab({ def }: { def: SchemeDefinition }) {
  const t = useT();
  const lang = useLang();
  const none = <Typography.Text type="secondary">{t('scheme.noLimit')}</Typography.Text>;
  return (
    <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} data-testid="scheme-basic" items={[
      { key: 'subject', label: t('scheme.f.subject'), children: <SubjectTag subject={def.subject} /> },
      ...(def.subject === 'org' ? [{ key: 'orgKinds', label: t('scheme.f.orgKinds'), children: def.orgKinds.map((k) => <Tag key={k}>{kindLabel(k, lang)}</Tag>) }] : []),
      { key: 'base', label: t('scheme.f.baseScore'), children: def.baseScore },
      { key: 'min', label: t('scheme.f.minScore'), children: def.minScore ?? none },
      { key: 'max', label: t('scheme.f.maxScore'), children: def.maxScore ?? none },
      ...(def.subject === 'member' ? [{ key: 'prob', label: t('scheme.f.gradeProbationary'), children: def.gradeProbationary ? t('scheme.prob.yes') : t('scheme.prob.no') }] : []),
      { key: 'board', label: t('scheme.f.visibleTo'), children: def.board.visibleTo === 'admins' ? t('scheme.board.admins') : t('scheme.board.branch') },
      { key: 'names', label: t('scheme.f.showNames'), children: def.board.showNames ? t('common.yes') : t('common.no') },
    ]} />
  );
}

/** The four tabs over a definition. */
export function SchemeView({ def, tab, onTab }: { def: SchemeDefinition; tab: TabKey; onTab: (k: TabKey) => void }) {
  const t = useT();
  const items = useMemo(() => [
    { key: 'indicators', label: <span data-testid="scheme-tab-indicators">{t('scheme.tab.indicators')} ({def.indicators.length})</span>, children: <IndicatorsTab def={def} /> },
    ...(def.subject === 'member' ? [{ key: 'tiers', label: <span data-testid="scheme-tab-tiers">{t('scheme.tab.tiers')} ({def.tiers.length})</span>, children: <TiersTab def={def} /> }] : []),
    { key: 'bands', label: <span data-testid="scheme-tab-bands">{t('scheme.tab.bands')}</span>, children: <BandsTab def={def} /> },
    { key: 'basic', label: <span data-testid="scheme-tab-basic">{t('scheme.tab.basic')}</span>, children: <BasicTab def={def} /> },
  ], [def, t]);
  return <Tabs activeKey={def.subject === 'org' && tab === 'tiers' ? 'indicators' : tab} onChange={(k) => onTab(k as TabKey)} items={items} data-testid="scheme-view" />;
}
