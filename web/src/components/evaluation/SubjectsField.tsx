/**
 * 参评党员 in the set-up drawer: 全体党员 (every member of the organisation in good standing, with
 * how many are probationary) or 指定党员, chosen from the organisation's roster by name (searched on
 * the server as the user types). Probationary members are marked: on the ballot, not graded.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Form, Radio, Select, Space, Tag, Typography } from 'antd';
import { api } from '../../api.ts';
import { errorText } from '../../feedback.ts';
import { useLang, useT } from '../../i18n.ts';
import type { Page } from '../../types.ts';
import type { MemberOption } from './types.ts';

/** Party states of members in good standing: the ones a campaign puts on its ballot. */
const GOOD_STANDING = ['正常', '恢复'];
const PROBATIONARY = '预备党员';
/** How long typing must pause before the roster is searched. */
const DEBOUNCE_MS = 300;

/** Who is on the ballot: everybody, or the members chosen. */
export type SubjectsMode = 'all' | 'some';

/** Members in good standing of the organisation, and how many of them are probationary (four counts, one member each). */
function useGoodStandingCounts(orgId: number | null): { total: number; probationary: number } | null {
  const [counts, setCounts] = useState<{ total: number; probationary: number } | null>(null);
  useEffect(() => {
    setCounts(null);
    if (!orgId) return undefined;
    const ctrl = new AbortController();
    const count = (partyState: string, category?: string) => api.get<Page<MemberOption>>('/members', { orgId, partyState, category, pageSize: 1 }, ctrl.signal).then((r) => r.total);
    void Promise.all(GOOD_STANDING.flatMap((s) => [count(s), count(s, PROBATIONARY)]))
      .then(([a, ap, b, bp]) => setCounts({ total: a + b, probationary: ap + bp }))
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [orgId]);
  return counts;
}

/** The two form fields `subjects` and `memberIds` of the drawer's form, for the organisation chosen. */
export function SubjectsField({ orgId }: { orgId: number | null }) {
  const t = useT();
  const lang = useLang();
  const form = Form.useFormInstance();
  const mode = (Form.useWatch('subjects', form) ?? 'all') as SubjectsMode;
  const chosen = (Form.useWatch('memberIds', form) ?? []) as number[];
  const counts = useGoodStandingCounts(orgId);
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<MemberOption[]>([]);
  const [known, setKnown] = useState<Record<number, MemberOption>>({});
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  // another organisation: another roster, nobody chosen
  useEffect(() => {
    setSearch('');
    setKnown({});
    form.setFieldValue('memberIds', []);
  }, [orgId, form]);

  // the roster page matching what was typed, after a pause; members not in good standing are not offered
  useEffect(() => {
    if (!orgId || mode !== 'some') return undefined;
    const ctrl = new AbortController();
    const timer = window.setTimeout(() => {
      setLoading(true);
      setProblem(null);
      api.get<Page<MemberOption>>('/members', { orgId, q: search.trim() || undefined, pageSize: 50 }, ctrl.signal)
        .then((r) => {
          const list = r.items.filter((m) => GOOD_STANDING.includes(m.partyState));
          setFound(list);
          setKnown((prev) => ({ ...prev, ...Object.fromEntries(list.map((m) => [m.id, m])) }));
        })
        .catch((err: unknown) => { if (!ctrl.signal.aborted) setProblem(errorText(err, lang)); })
        .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    }, search.trim() ? DEBOUNCE_MS : 0);
    return () => { window.clearTimeout(timer); ctrl.abort(); };
  }, [orgId, mode, search, lang]);

  // the members found, and those chosen before (so their tags keep their names)
  const options = useMemo(() => {
    const list = [...found, ...chosen.filter((id) => !found.some((m) => m.id === id)).map((id) => known[id]).filter((m): m is MemberOption => !!m)];
    return list.map((m) => ({ value: m.id, label: m.name, member: m }));
  }, [found, chosen, known]);

  const probationary = chosen.map((id) => known[id]).filter((m) => m?.category === PROBATIONARY);
  return (
    <>
      <Form.Item name="subjects" label={t('eval.new.subjects')} extra={t('eval.new.subjects.votersHint')} style={{ marginBottom: mode === 'all' ? 8 : 12 }}>
        <Radio.Group data-testid="eval-new-subjects" optionType="button" disabled={!orgId}
          options={(['all', 'some'] as const).map((m) => ({ value: m, label: <span data-testid={`eval-new-subjects-${m}`}>{t(`eval.new.subjects.${m}`)}</span> }))} />
      </Form.Item>
      {mode === 'all' && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }} data-testid="eval-new-subjects-count"
          data-total={counts?.total ?? ''} data-probationary={counts?.probationary ?? ''}>
          {orgId && counts ? t('eval.new.subjects.allCount', { n: counts.total, p: counts.probationary }) : t('eval.new.subjectsHint')}
        </Typography.Paragraph>
      )}
      {mode === 'some' && (
        <>
          <Form.Item name="memberIds" label={t('eval.new.members')} validateTrigger={['onChange', 'onBlur']}
            rules={[{
              validator: async (_r, ids?: number[]) => {
                if (!ids?.length) throw new Error(t('eval.new.membersRequired'));
                if (!ids.some((id) => known[id] && known[id].category !== PROBATIONARY)) throw new Error(t('eval.new.membersNeedFull'));
              },
            }]}>
            <Select mode="multiple" allowClear disabled={!orgId} loading={loading} data-testid="eval-new-members" placeholder={t('eval.new.membersPlaceholder')}
              showSearch={{ filterOption: false, searchValue: search, onSearch: setSearch }}
              onSelect={() => setSearch('')} onOpenChange={(open) => { if (!open) setSearch(''); }}
              notFoundContent={loading ? null : undefined} options={options}
              optionRender={(o) => {
                const m = (o.data as { member: MemberOption }).member;
                return (
                  <Space size={4} wrap data-testid={`eval-new-member-option-${m.id}`} data-category={m.category}>
                    <span>{m.name}</span>
                    {m.category === PROBATIONARY && <Tag color="gold" style={{ marginInlineEnd: 0 }}>{t('eval.probationary')}</Tag>}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.orgName}</Typography.Text>
                  </Space>
                );
              }} />
          </Form.Item>
          {problem && <Alert type="warning" showIcon title={t('eval.new.membersUnavailable')} description={problem} style={{ marginBottom: 16 }} />}
          {chosen.length > 0 && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginTop: -8 }} data-testid="eval-new-members-summary" data-chosen={chosen.length} data-probationary={probationary.length}>
              {t('eval.new.membersChosen', { n: chosen.length })}
              {probationary.length > 0 && t('eval.new.membersProbationary', { p: probationary.length, names: probationary.map((m) => m.name).join(t('eval.sep')) })}
            </Typography.Paragraph>
          )}
        </>
      )}
    </>
  );
}
