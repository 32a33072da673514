/**
 * A searchable picker of one party member or one resident: typing searches GET /members or
 * GET /residents by the start of the name (debounced, on the server), inside one organisation.
 * Options show the name, the branch or community and the phone number as the lists give it,
 * masked; never a full ID or phone number.
 */
import { useEffect, useRef, useState } from 'react';
import type { CSSProperties } from 'react';
import { Select, Space, Typography } from 'antd';
import { api } from '../api.ts';
import { errorText } from '../feedback.ts';
import { useLang, useT } from '../i18n.ts';
import type { Member, Page, Resident } from '../types.ts';

/** Who may be picked. */
export type PersonKind = 'member' | 'resident';

/** A person as the picker shows them. */
export type PickedPerson = { id: number; name: string; where: string; phoneMasked: string | null };

type Props = {
  kind: PersonKind;
  /** Search inside this organisation only (members: orgId; residents: communityId); undefined: the caller's whole scope. */
  orgId?: number;
  value?: number;
  onChange?: (id: number | undefined, person?: PickedPerson) => void;
  disabled?: boolean;
  style?: CSSProperties;
  /** Also prefixes each option's test id: `${testid}-option-${id}`. */
  'data-testid'?: string;
};

const PAGE_SIZE = 20;
const DEBOUNCE_MS = 300;

function picked(kind: PersonKind, x: Member | Resident): PickedPerson {
  const where = kind === 'member' ? (x as Member).orgName : (x as Resident).communityName;
  return { id: x.id, name: x.name, where: where ?? '', phoneMasked: x.phoneMasked ?? null };
}

/** Select over members or residents; typing searches by name. */
export function PersonPicker({ kind, orgId, value, onChange, disabled, style, 'data-testid': testId = 'person-picker' }: Props) {
  const t = useT();
  const lang = useLang();
  const [search, setSearch] = useState('');
  const [items, setItems] = useState<PickedPerson[]>([]);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const chosen = useRef<PickedPerson | undefined>(undefined);

  // another kind or organisation: another list, and ids that mean other people
  useEffect(() => { chosen.current = undefined; setSearch(''); }, [kind, orgId]);

  useEffect(() => {
    if (disabled) return undefined;
    const ctrl = new AbortController();
    const q = search.trim();
    const timer = window.setTimeout(() => {
      setLoading(true);
      const request = kind === 'member'
        ? api.get<Page<Member>>('/members', { q: q || undefined, orgId, pageSize: PAGE_SIZE }, ctrl.signal)
        : api.get<Page<Resident>>('/residents', { q: q || undefined, communityId: orgId, pageSize: PAGE_SIZE }, ctrl.signal);
      request
        .then((r) => { setItems(r.items.map((x) => picked(kind, x))); setProblem(null); })
        .catch((err: unknown) => { if (!ctrl.signal.aborted) { setItems([]); setProblem(errorText(err, lang)); } })
        .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    }, q ? DEBOUNCE_MS : 0);
    return () => { window.clearTimeout(timer); ctrl.abort(); };
  }, [kind, orgId, search, disabled, lang]);

  // the chosen person stays an option (and so keeps its label) while another search runs
  const list = chosen.current && chosen.current.id === value && !items.some((p) => p.id === value) ? [chosen.current, ...items] : items;

  return (
    <Select<number>
      data-testid={testId}
      data-kind={kind}
      value={value}
      allowClear
      disabled={disabled}
      loading={loading}
      placeholder={t(kind === 'member' ? 'person.memberHint' : 'person.residentHint')}
      style={{ width: '100%', ...style }}
      showSearch={{ searchValue: search, onSearch: setSearch, filterOption: false }}
      notFoundContent={loading ? t('common.loading') : (problem ?? t(kind === 'member' ? 'person.noMember' : 'person.noResident'))}
      onChange={(id) => {
        const p = list.find((x) => x.id === id);
        chosen.current = p;
        setSearch('');
        onChange?.(id, p);
      }}
      options={list.map((p) => ({ value: p.id, label: p.where ? `${p.name}（${p.where}）` : p.name, person: p }))}
      optionRender={(o) => {
        const p = (o.data as { person: PickedPerson }).person;
        return (
          <Space size={6} wrap data-testid={`${testId}-option-${p.id}`}>
            <span>{p.name}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.where}</Typography.Text>
            {p.phoneMasked && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.phoneMasked}</Typography.Text>}
          </Space>
        );
      }}
    />
  );
}
