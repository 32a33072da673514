/** Small parts of the 评星标准 editor: a form value shown as text for readers, and a coefficient's format. */
import type { ReactNode } from 'react';
import { Typography } from 'antd';

/** A form field's value as text (what readers see where editors see an input); `testId` and `data-value` for tests. */
export function Plain({ value, render, testId }: { value?: unknown; render?: (v: unknown) => ReactNode; testId?: string }) {
  const shown = render ? render(value) : value == null || value === '' ? '—' : String(value);
  return <Typography.Text style={{ whiteSpace: 'pre-wrap' }} data-testid={testId} data-value={value == null ? '' : String(value)}>{shown}</Typography.Text>;
}

/** A coefficient with one decimal at least (1 → "1.0"). */
export const coef = (v: unknown) => (typeof v !== 'number' ? '—' : Number.isInteger(v) ? v.toFixed(1) : String(v));

/** An amount in yuan with thousands separators. */
export const yuan = (v: unknown) => (typeof v !== 'number' ? '—' : v.toLocaleString('zh-CN'));
