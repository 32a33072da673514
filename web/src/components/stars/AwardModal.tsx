/**
 * 授予创新奖: the county names a community of the scope (rated that year or not; those already
 * awarded are shown but cannot be chosen), the innovation project's title and a note. The amount
 * is the year's standard's; the server refuses when the standard has the award switched off or the
 * community already has one.
 */
import { useEffect, useState } from 'react';
import { useSubmit } from './useSubmit.ts';
import { Alert, Form, Input, Modal, Select, Tag, Typography } from 'antd';
import { api } from '../../api.ts';
import { errorText } from '../../feedback.ts';
import { useLang, useT } from '../../i18n.ts';
import { withTestId } from '../../testid.ts';
import { yuan } from './results.tsx';
import { levelText } from './shared.tsx';
import type { FiveGoodList, FundItem } from './types.ts';

type Values = { orgId?: number; title?: string; note?: string };
type Community = { orgId: number; orgName: string; parentName: string | null };

/** Every community of the scope that existed in the year (the 五好 list by category, page by page). */
async function communitiesOf(scopeId: number, year: number): Promise<Community[]> {
  const out: Community[] = [];
  for (let page = 1; page <= 50; page++) {
    const r = await api.get<FiveGoodList>('/stars/five-good', { orgId: scopeId, year, category: 'community', page, pageSize: 200 });
    out.push(...r.items.map((x) => ({ orgId: x.orgId, orgName: x.orgName, parentName: x.parentName })));
    if (out.length >= r.total || r.items.length === 0) break;
  }
  return out;
}

type Props = { scopeId: number; year: number; amount: number; items: FundItem[]; onClose: () => void; onDone: () => void };

/** The award dialog (mounted while open). */
export function AwardModal({ scopeId, year, amount, items, onClose, onDone }: Props) {
  const t = useT();
  const lang = useLang();
  const [form] = Form.useForm<Values>();
  const { busy, error, setError, run } = useSubmit(form);
  const [list, setList] = useState<Community[] | null>(null);

  useEffect(() => {
    let live = true;
    communitiesOf(scopeId, year).then((l) => { if (live) setList(l); }).catch((err: unknown) => { if (live) { setList([]); setError(errorText(err, lang)); } });
    return () => { live = false; };
  }, [scopeId, year, lang]);

  const byOrg = new Map(items.map((x) => [x.orgId, x]));
  const options = (list ?? []).map((c) => {
    const row = byOrg.get(c.orgId);
    return { value: c.orgId, label: `${c.parentName ? `${c.parentName} ` : ''}${c.orgName}`, level: row?.level ?? null, awarded: Boolean(row?.award), disabled: Boolean(row?.award) };
  }).sort((a, b) => (b.level ?? 0) - (a.level ?? 0));

  const submit = (v: Values) => run(async () => {
    await api.post('/stars/awards', { orgId: v.orgId, year, title: v.title?.trim(), note: v.note?.trim() || undefined });
    onDone();
  });

  return (
    <Modal open onCancel={onClose} onOk={() => form.submit()} title={t('stars.funds.giveTitle', { y: year })} destroyOnHidden width={560}
      okText={t('stars.funds.giveOk')} okButtonProps={withTestId({ loading: busy }, 'star-award-ok')}>
      <div data-testid="star-award-modal">
        <Typography.Paragraph type="secondary">{t('stars.funds.giveHint', { amount: yuan(amount) })}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="star-award-error" />}
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item name="orgId" label={t('stars.org')} rules={[{ required: true, message: t('stars.funds.orgRequired') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} loading={list === null} options={options} placeholder={t('stars.funds.chooseCommunity')}
              style={{ width: '100%' }} data-testid="star-award-org"
              optionRender={(o) => (
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 6 }} data-testid={`star-award-org-${String(o.value)}`}>
                  <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{o.label}</span>
                  <span style={{ flex: 'none' }}>
                    {o.data.awarded ? <Tag color="gold" style={{ marginInlineEnd: 0 }}>{t('stars.funds.awarded')}</Tag>
                      : <Tag color={o.data.level != null ? 'red' : undefined} style={{ marginInlineEnd: 0 }}>{o.data.level != null ? levelText(o.data.level, t) : t('stars.funds.unrated')}</Tag>}
                  </span>
                </div>
              )} />
          </Form.Item>
          <Form.Item name="title" label={t('stars.funds.awardTitle')} rules={[{ required: true, whitespace: true, message: t('stars.funds.titleRequired') }, { max: 100 }]}>
            <Input maxLength={100} showCount placeholder={t('stars.funds.titlePlaceholder')} data-testid="star-award-title" />
          </Form.Item>
          <Form.Item name="note" label={t('stars.funds.note')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="star-award-note" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
