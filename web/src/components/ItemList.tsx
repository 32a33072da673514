/** A plain bordered list (title, description, actions), in place of antd's deprecated List. */
import type { Key, ReactNode } from 'react';
import { Empty, theme } from 'antd';

/** What one row shows. */
export type ItemView = { title: ReactNode; description?: ReactNode; actions?: ReactNode; onClick?: () => void; active?: boolean };

type Props<T> = {
  items: T[];
  rowKey: (item: T) => Key;
  render: (item: T) => ItemView;
  header?: ReactNode;
  empty?: ReactNode;
  bordered?: boolean;
  maxHeight?: number;
  'data-testid'?: string;
};

/** Renders items as rows; empty shows an Empty with the given text. */
export function ItemList<T>({ items, rowKey, render, header, empty, bordered = false, maxHeight, ...rest }: Props<T>) {
  const { token } = theme.useToken();
  return (
    <div data-testid={rest['data-testid']} style={{ border: bordered ? `1px solid ${token.colorBorderSecondary}` : undefined, borderRadius: token.borderRadius }}>
      {header && <div style={{ padding: '8px 12px', borderBottom: `1px solid ${token.colorBorderSecondary}` }}>{header}</div>}
      {items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> : (
        <div style={{ maxHeight, overflow: maxHeight ? 'auto' : undefined }}>
          {items.map((item, i) => {
            const v = render(item);
            return (
              <div key={rowKey(item)} className="xf-item" onClick={v.onClick} role={v.onClick ? 'button' : undefined}
                style={{
                  display: 'flex', alignItems: 'center', gap: 12, padding: '8px 12px', cursor: v.onClick ? 'pointer' : undefined,
                  borderTop: i === 0 ? undefined : `1px solid ${token.colorBorderSecondary}`,
                  background: v.active ? token.colorPrimaryBg : undefined,
                }}>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <div>{v.title}</div>
                  {v.description && <div style={{ color: token.colorTextSecondary, fontSize: 12, marginTop: 2 }}>{v.description}</div>}
                </div>
                {v.actions && <div onClick={(e) => e.stopPropagation()}>{v.actions}</div>}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
