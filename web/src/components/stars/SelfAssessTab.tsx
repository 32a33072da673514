/**
 * 自评: the facts and the per-criterion claims. Editable while `actions` includes selfAssess
 * (saved with PUT …/self-assessment and the row version); otherwise the same, read-only.
 */
import { useState } from 'react';
import { Alert, Button, Form, Space, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { ApiError, api } from '../../api.ts';
import { errorText, useFeedback } from '../../feedback.ts';
import { useLang, useT } from '../../i18n.ts';
import { ClaimsFields, claimValues, claimsOut } from './ClaimsFields.tsx';
import type { ClaimValues } from './ClaimsFields.tsx';
import { FactsFields, factValues, factsOut } from './FactsFields.tsx';
import type { FactValues } from './FactsFields.tsx';
import type { StarDetail } from './types.ts';

type Values = FactValues & { claims?: Record<string, ClaimValues> };

function SelfAssessForm({ detail, onSaved, onConflict }: { detail: StarDetail; onSaved: () => void; onConflict: (message: string) => void }) {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const editable = detail.actions.includes('selfAssess');
  const criteria = detail.standard.level.criteria;

  const save = async () => {
    // the whole store: an evidence row's kind (and a file's id) has no field of its own, so onFinish would drop it
    const v = form.getFieldsValue(true) as Values;
    setBusy(true);
    try {
      // claims of criteria outside this level (saved before the level changed) are kept as they were
      const claims = { ...detail.claims, ...claimsOut(v.claims) };
      await api.put(`/stars/applications/${detail.id}/self-assessment`, { facts: factsOut(v), claims, rowVersion: detail.rowVersion });
      fb.success(t('stars.self.saved'));
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        onConflict(err.code === 'VERSION_CONFLICT' ? t('stars.conflict') : errorText(err, lang));
        onSaved();
      } else {
        fb.error(err, form);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" disabled={!editable} data-testid="star-self-form" scrollToFirstError
      initialValues={{ ...factValues(detail.facts), claims: claimValues(criteria, detail.claims) }}
      onFinish={() => void save()}>
      <FactsFields form={form} editable={editable} />
      <ClaimsFields criteria={criteria} claims={detail.claims} outcomes={detail.evaluation.criteria} editable={editable} form={form} orgId={detail.orgId} />
      {editable && (
        <div style={{ position: 'sticky', bottom: 0, background: '#fff', padding: '12px 0', marginTop: 12, borderTop: '1px solid #f0f0f0', zIndex: 2 }}>
          <Space wrap>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={busy} data-testid="star-self-save">{t('stars.self.save')}</Button>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('stars.self.saveHint')}</Typography.Text>
          </Space>
        </div>
      )}
    </Form>
  );
}

/** The 自评 tab; the form is rebuilt from the server whenever the row version changes. */
export function SelfAssessTab({ detail, onReload }: { detail: StarDetail; onReload: () => void }) {
  const t = useT();
  const [conflict, setConflict] = useState<string | null>(null);
  const editable = detail.actions.includes('selfAssess');
  return (
    <div data-testid="star-self">
      {conflict && <Alert type="warning" showIcon title={conflict} style={{ marginBottom: 12 }} closable={{ onClose: () => setConflict(null) }} data-testid="star-self-conflict" />}
      <Alert type={editable ? 'info' : 'success'} showIcon style={{ marginBottom: 12 }} data-testid="star-self-mode"
        title={editable ? t('stars.self.editHint', { n: detail.level }) : t('stars.self.readOnly')} />
      <SelfAssessForm key={detail.rowVersion} detail={detail} onSaved={onReload} onConflict={setConflict} />
    </div>
  );
}
