/**
 * The building blocks of the scheme editor's tables: the props every tab editor takes, setting and
 * removing a row by its key, a code input that carries a rename over to the references, the move and
 * remove buttons of a row, and a number input's value as a number or null.
 */
import { useRef } from 'react';
import { Button, Input, Space, Tooltip } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { useT } from '../../i18n.ts';
import type { TabKey } from './format.ts';
import type { Draft } from './draft.ts';
import type { Problem } from './types.ts';

type Update = (fn: (d: Draft) => Draft) => void;
type Msgs = Map<string, string[]>;
type ListName = 'dimensions' | 'tiers' | 'indicators' | 'bands' | 'quotas' | 'multiYear';

export type Props = {
  draft: Draft;
  onChange: Update;
  errors: Msgs;
  warnings: Msgs;
  /** Every problem, to count them on the tabs. */
  problems: Problem[];
  tab: TabKey;
  onTab: (k: TabKey) => void;
};

/** Sets fields of the row with key `k` of a list. */
export function setRow<L extends ListName>(onChange: Update, list: L, k: number, patch: Partial<Draft[L][number]>) {
  onChange((d) => ({ ...d, [list]: (d[list] as { __k: number }[]).map((x) => (x.__k === k ? { ...x, ...patch } : x)) }));
}

/** Removes the row with key `k`. */
export function removeRow(onChange: Update, list: ListName, k: number) {
  onChange((d) => ({ ...d, [list]: (d[list] as { __k: number }[]).filter((x) => x.__k !== k) }));
}

/** Renames a code everywhere it is referred to (after the code field loses focus). */
function renameRefs(d: Draft, list: 'dimensions' | 'tiers' | 'bands', from: string, to: string): Draft {
  if (!from || !to || from === to) return d;
  // a name already taken stays a duplicate for the validator to report, rather than merging two items' references
  if ((d[list] as { code: string }[]).filter((x) => x.code === to).length > 1) return d;
  if (list === 'dimensions') return { ...d, indicators: d.indicators.map((x) => (x.dimension === from ? { ...x, dimension: to } : x)) };
  if (list === 'tiers') return { ...d, indicators: d.indicators.map((x) => (x.tiers?.includes(from) ? { ...x, tiers: x.tiers.map((c) => (c === from ? to : c)) } : x)) };
  return {
    ...d,
    quotas: d.quotas.map((q) => ({ ...q, band: q.band === from ? to : q.band, demoteTo: q.demoteTo === from ? to : q.demoteTo })),
    multiYear: d.multiYear.map((m) => (m.band === from ? { ...m, band: to } : m)),
  };
}

/** A code input that carries renames over to the references when it loses focus. */
export function CodeInput({ value, list, rowKey, onChange, status, testId }: {
  value: string; list: 'dimensions' | 'tiers' | 'bands' | 'indicators'; rowKey: number; onChange: Update; status?: 'error'; testId?: string;
}) {
  const before = useRef(value);
  return (
    <Input size="small" value={value} status={status} maxLength={24} data-testid={testId} style={{ fontFamily: 'monospace' }}
      onFocus={() => { before.current = value; }}
      onChange={(e) => setRow(onChange, list, rowKey, { code: e.target.value } as never)}
      onBlur={(e) => {
        const to = e.target.value.trim();
        const from = before.current;
        onChange((d) => {
          const trimmed = { ...d, [list]: (d[list] as { __k: number; code: string }[]).map((x) => (x.__k === rowKey ? { ...x, code: to } : x)) } as Draft;
          return list === 'indicators' ? trimmed : renameRefs(trimmed, list, from, to);
        });
      }} />
  );
}

/** Move up / down / remove buttons of a row. */
export function RowButtons({ movable, onUp, onDown, onRemove, testId }: { movable?: boolean; onUp?: () => void; onDown?: () => void; onRemove: () => void; testId: string }) {
  const t = useT();
  return (
    <Space size={0}>
      {movable && <Tooltip title={t('scheme.edit.up')}><Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={!onUp} onClick={onUp} aria-label={t('scheme.edit.up')} /></Tooltip>}
      {movable && <Tooltip title={t('scheme.edit.down')}><Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={!onDown} onClick={onDown} aria-label={t('scheme.edit.down')} /></Tooltip>}
      <Tooltip title={t('common.delete')}><Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('common.delete')} data-testid={testId} /></Tooltip>
    </Space>
  );
}

export const num = (v: number | string | null | undefined): number | null => (v === '' || v == null ? null : Number(v));
