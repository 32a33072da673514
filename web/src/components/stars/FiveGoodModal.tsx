/**
 * 评定五好: the five parts of the 五好 standard for one organisation and year, each a switch, and a
 * note. All five make the organisation “五好”. Saving sends the row version the form was opened on
 * (none for a first assessment), so that a change made meanwhile is refused rather than lost.
 */
import { useSubmit } from './useSubmit.ts';
import { Alert, Form, Input, Modal, Switch, Tag, Typography } from 'antd';
import { api } from '../../api.ts';
import { useT } from '../../i18n.ts';
import { withTestId } from '../../testid.ts';
import { FIVE_GOOD_PARTS } from './types.ts';
import type { FiveGoodItem, FiveGoodPart } from './types.ts';

type Values = Record<FiveGoodPart, boolean> & { note?: string };

type Props = { item: FiveGoodItem; year: number; onClose: () => void; onDone: () => void };

/** The dialog (mounted while open). */
export function FiveGoodModal({ item, year, onClose, onDone }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useSubmit(form);
  const values = Form.useWatch([], form) as Partial<Values> | undefined;
  const met = FIVE_GOOD_PARTS.every((k) => values?.[k] === true);

  const initial = Object.fromEntries(FIVE_GOOD_PARTS.map((k) => [k, item[k] === true])) as Record<FiveGoodPart, boolean>;

  const submit = (v: Values) => run(async () => {
    const parts = Object.fromEntries(FIVE_GOOD_PARTS.map((k) => [k, v[k] === true]));
    const body = { orgId: item.orgId, year, ...parts, note: v.note?.trim() || null, ...(item.assessed && item.rowVersion != null ? { rowVersion: item.rowVersion } : {}) };
    await api.put('/stars/five-good', body);
    onDone();
  });

  return (
    <Modal open onCancel={onClose} onOk={() => form.submit()} destroyOnHidden width={520}
      title={t('stars.fg.setTitle', { name: item.orgName, y: year })}
      okText={t('common.save')} okButtonProps={withTestId({ loading: busy }, 'star-fg-save')}>
      <div data-testid="star-fg-modal" data-org={item.orgId}>
        <Typography.Paragraph type="secondary">{t('stars.fg.setHint')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="star-fg-error" />}
        <Form<Values> form={form} layout="horizontal" labelCol={{ flex: '120px' }} labelAlign="left" colon={false}
          initialValues={{ ...initial, note: item.note ?? '' }} onFinish={(v) => void submit(v)}>
          {FIVE_GOOD_PARTS.map((k) => (
            <Form.Item key={k} name={k} label={t(`stars.fg.part.${k}`)} valuePropName="checked" style={{ marginBottom: 10 }}>
              <Switch checkedChildren={t('stars.fg.yes')} unCheckedChildren={t('stars.fg.no')} data-testid={`star-fg-part-${k}`} />
            </Form.Item>
          ))}
          <Form.Item label={t('stars.fg.result')} style={{ marginBottom: 10 }}>
            <Tag color={met ? 'green' : 'red'} data-testid="star-fg-preview" data-met={met ? 'met' : 'notMet'}>{t(met ? 'stars.fg.met' : 'stars.fg.notMet')}</Tag>
          </Form.Item>
          <Form.Item name="note" label={t('stars.fg.note')} rules={[{ max: 500 }]} style={{ marginBottom: 0 }}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('stars.fg.notePlaceholder')} data-testid="star-fg-note" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
