/** A searchable picker of one party member: server-side search over GET /members by name. */
import { useEffect, useRef, useState } from 'react';
import type { CSSProperties } from 'react';
import { Select, Space, Tag, Typography } from 'antd';
import { api } from '../../api.ts';
import { useLang, useT, valueLabel } from '../../i18n.ts';
import { partyStateColor } from '../../labels.ts';
import type { Member, Page } from '../../types.ts';

type Props = {
  value?: number;
  onChange?: (id: number | undefined, member?: Member) => void;
  /** Search inside this organisation only. */
  orgId?: number;
  style?: CSSProperties;
  'data-testid'?: string;
};

/** Select over members; typing searches by name (debounced). */
export function MemberSelect({ value, onChange, orgId, style, ...rest }: Props) {
  const t = useT();
  const lang = useLang();
  const [search, setSearch] = useState('');
  const [items, setItems] = useState<Member[]>([]);
  const [loading, setLoading] = useState(false);
  const chosen = useRef<Member | undefined>(undefined);

  useEffect(() => {
    const ctrl = new AbortController();
    const timer = window.setTimeout(() => {
      setLoading(true);
      api.get<Page<Member>>('/members', { q: search.trim(), orgId, pageSize: 30 }, ctrl.signal)
        .then((r) => setItems(r.items))
        .catch(() => undefined)
        .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    }, search ? 300 : 0);
    return () => { window.clearTimeout(timer); ctrl.abort(); };
  }, [search, orgId]);

  const list = chosen.current && chosen.current.id === value && !items.some((m) => m.id === value) ? [chosen.current, ...items] : items;

  return (
    <Select<number>
      {...rest}
      value={value}
      allowClear
      loading={loading}
      placeholder={t('points.form.memberHint')}
      style={style}
      showSearch={{ searchValue: search, onSearch: setSearch, filterOption: false }}
      notFoundContent={loading ? t('common.loading') : t('points.form.noMember')}
      onChange={(id) => {
        const m = list.find((x) => x.id === id);
        chosen.current = m;
        setSearch('');
        onChange?.(id, m);
      }}
      options={list.map((m) => ({
        value: m.id,
        label: `${m.name}（${m.orgName ?? ''}）`,
        member: m,
      }))}
      optionRender={(o) => {
        const m = (o.data as { member: Member }).member;
        return (
          <Space size={4} wrap data-testid={`member-option-${m.id}`}>
            <span>{m.name}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.orgName}</Typography.Text>
            {m.category === '预备党员' && <Tag color="gold" style={{ fontSize: 11 }}>{valueLabel(m.category, lang)}</Tag>}
            {!['正常', '恢复'].includes(m.partyState) && <Tag color={partyStateColor(m.partyState)} style={{ fontSize: 11 }}>{valueLabel(m.partyState, lang)}</Tag>}
          </Space>
        );
      }}
    />
  );
}
