/** 申报: a community organisation applies for a level for a year. */
import { useEffect, useState } from 'react';
import { useSubmit } from './useSubmit.ts';
import { Alert, Form, Modal, Radio, Select, Typography } from 'antd';
import { api } from '../../api.ts';
import { useT } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { withTestId } from '../../testid.ts';
import { OrgTreeSelect } from '../OrgTreeSelect.tsx';
import { NOTICE_FROM, levelText } from './shared.tsx';
import type { StarApplicationRow } from './types.ts';

/** The organisation kinds that apply for stars. */
const RATED_KINDS = ['community', 'village'];

type Values = { orgId?: number; year: number; level: number };

/** The apply dialog; `onCreated` gets the new application. */
export function ApplyModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (a: StarApplicationRow) => void }) {
  const t = useT();
  const { me } = useSession();
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useSubmit(form);
  const level = Form.useWatch('level', form);
  const thisYear = new Date().getFullYear();
  const home = me?.grants.find((g) => g.role === 'community_admin')?.orgId;

  const orgId = Form.useWatch('orgId', form);
  const year = Form.useWatch('year', form);
  // a year starts from last year's level: offer it, unless the level was already chosen by hand
  const [previous, setPrevious] = useState<{ key: string; level: number | null } | null>(null);
  useEffect(() => {
    if (!open || !orgId || !year) return undefined;
    const ctrl = new AbortController();
    api.get<{ items: { year: number; level: number }[] }>('/stars/history', { orgId }, ctrl.signal)
      .then((r) => {
        const last = r.items.find((i) => i.year === year - 1)?.level ?? null;
        setPrevious({ key: `${orgId}:${year}`, level: last });
        if (last !== null && !form.isFieldTouched('level')) form.setFieldValue('level', last);
      })
      .catch(() => setPrevious(null));
    return () => ctrl.abort();
  }, [open, orgId, year, form]);
  const known = previous && previous.key === `${orgId}:${year}` ? previous : null;

  const submit = (v: Values) => run(async () => {
    const a = await api.post<StarApplicationRow>('/stars/applications', { orgId: v.orgId, year: v.year, level: v.level });
    onCreated(a);
  });

  return (
    <Modal open={open} onCancel={onClose} onOk={() => form.submit()} title={t('stars.apply.title')} destroyOnHidden
      okText={t('stars.apply.ok')} okButtonProps={withTestId({ loading: busy }, 'star-apply-ok')}>
      <div data-testid="star-apply-modal">
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="star-apply-error" />}
        <Form<Values> form={form} layout="vertical" preserve={false} onFinish={(v) => void submit(v)}
          initialValues={{ orgId: home, year: thisYear, level: 3 }}>
          <Form.Item name="orgId" label={t('stars.org')} rules={[{ required: true, message: t('stars.apply.orgRequired') }]}
            extra={t('stars.apply.orgHint')}>
            <OrgTreeSelect allowClear={false} selectable={(n) => RATED_KINDS.includes(n.kind)} style={{ width: '100%' }} data-testid="star-apply-org" />
          </Form.Item>
          <Form.Item name="year" label={t('stars.year')} rules={[{ required: true }]}>
            <Select style={{ width: 140 }} data-testid="star-apply-year"
              options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: t('stars.yearN', { y }) }))}
              optionRender={(o) => <span data-testid={`star-apply-year-${String(o.value)}`}>{o.label}</span>} />
          </Form.Item>
          <Form.Item name="level" label={t('stars.appliedLevel')} rules={[{ required: true }]}>
            <Radio.Group optionType="button" buttonStyle="solid" data-testid="star-apply-level">
              {[1, 2, 3, 4, 5].map((n) => <Radio.Button key={n} value={n}><span data-testid={`star-apply-level-${n}`}>{levelText(n, t)}</span></Radio.Button>)}
            </Radio.Group>
          </Form.Item>
          {known && (
            <Typography.Paragraph style={{ marginBottom: 8 }} data-testid="star-apply-previous" data-level={known.level ?? ''}>
              {known.level !== null ? t('stars.apply.startsFrom', { y: year - 1, level: levelText(known.level, t) }) : t('stars.apply.noPrevious')}
            </Typography.Paragraph>
          )}
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {(level ?? 0) >= NOTICE_FROM ? t('stars.apply.pathHigh') : t('stars.apply.pathLow')}
          </Typography.Paragraph>
        </Form>
      </div>
    </Modal>
  );
}
