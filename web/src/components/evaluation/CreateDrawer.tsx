/**
 * 新建民主评议: the organisation, year and name, the grade set (with its rule in one line), the
 * members on the ballot (all in good standing, or those chosen), the 党外群众代表 of the
 * organisation's community, the tellers and how many of them open the box, the voting window, and
 * optionally points into the ledger at publication. Refusals show at their fields.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, DatePicker, Drawer, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { errorText, fieldIssues } from '../../feedback.ts';
import { useLang, useT } from '../../i18n.ts';
import type { Lang } from '../../i18n.ts';
import type { OrgNode } from '../../types.ts';
import { OrgTreeSelect } from '../OrgTreeSelect.tsx';
import { useDrawerSize } from '../points/shared.tsx';
import { useSubmit } from '../stars/useSubmit.ts';
import { PointsSection } from './PointsSection.tsx';
import { GRADE_SET_GRADES } from './shared.tsx';
import { SubjectsField, type SubjectsMode } from './SubjectsField.tsx';
import type { TellerOption } from './types.ts';

/** A 党外群众代表 who may vote (GET /eval/resident-options). */
type Resident = { id: number; name: string; communityName: string };

type Values = {
  orgId?: number; year: number; name: string; gradeSet: 'seed003' | 'national'; subjects: SubjectsMode; memberIds?: number[]; residentIds: number[]; tellerIds: number[];
  threshold?: number | null; opensAt: Dayjs; closesAt: Dayjs;
  pointsOn?: boolean; points?: { schemeId?: number; indicators?: Record<string, string | undefined> };
};

/** Puts the server's refusals of the points option (paths under `points`) on their nested fields. */
function applyPointsErrors(form: FormInstance<Values>, err: unknown, lang: Lang): void {
  const fields = fieldIssues(err).filter((x) => x.path[0] === 'points' && x.path.length >= 2)
    .map((x) => ({ name: x.path.slice(0, x.path[1] === 'indicators' ? 3 : 2).map(String), errors: [lang === 'en' && x.messageEn ? x.messageEn : x.message] }));
  if (fields.length) form.setFields(fields as Parameters<typeof form.setFields>[0]);
}

/** Organisation kinds a campaign may be held in. */
const CAMPAIGN_KINDS = ['community', 'village', 'party_committee', 'general_branch', 'branch', 'joint_branch'];

/** The drawer; `onCreated` gets the new campaign's id. */
export function CreateDrawer({ onClose, onCreated }: { onClose: () => void; onCreated: (id: number) => void }) {
  const t = useT();
  const lang = useLang();
  const size = useDrawerSize(620);
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useSubmit(form);
  const [org, setOrg] = useState<{ id: number; name: string } | null>(null);
  const [residents, setResidents] = useState<Resident[] | null>(null);
  const [residentProblem, setResidentProblem] = useState<string | null>(null);
  const [tellers, setTellers] = useState<TellerOption[]>([]);
  const [nameTouched, setNameTouched] = useState(false);
  const year = Form.useWatch('year', form);
  const tellerIds = Form.useWatch('tellerIds', form) ?? [];
  const gradeSet = Form.useWatch('gradeSet', form) ?? 'seed003';
  const grades = GRADE_SET_GRADES[gradeSet];
  const thisYear = new Date().getFullYear();

  // the organisation decides who may vote as a resident (its community's 党外群众代表) and who may count
  useEffect(() => {
    if (!org) return undefined;
    let live = true;
    setResidents(null);
    setResidentProblem(null);
    setTellers([]);
    form.setFieldsValue({ residentIds: [], tellerIds: [] });
    api.get<{ items: TellerOption[] }>('/eval/teller-options', { orgId: org.id })
      .then((r) => { if (live) setTellers(r.items); })
      .catch(() => undefined);
    // the community's 党外群众代表, by the same rule the set-up checks (a branch secretary cannot list residents otherwise)
    api.get<{ items: Resident[] }>('/eval/resident-options', { orgId: org.id }).then((r) => r.items).then((list) => {
      if (!live) return;
      setResidents(list);
      form.setFieldsValue({ residentIds: list.map((r) => r.id) });
    }).catch((err: unknown) => {
      if (!live) return;
      setResidents([]);
      setResidentProblem(errorText(err, lang));
    });
    return () => { live = false; };
  }, [org, form, lang]);

  useEffect(() => {
    if (!nameTouched && org && year) form.setFieldValue('name', t('eval.new.defaultName', { y: year, org: org.name }));
  }, [org, year, nameTouched, form, t]);

  const submit = (v: Values) => run(async () => {
    // only the grades of the chosen set that were given an indicator
    const indicators = Object.fromEntries(grades.map((g) => [g, v.points?.indicators?.[g]]).filter((e): e is [string, string] => !!e[1]));
    if (v.pointsOn && v.points?.schemeId && Object.keys(indicators).length === 0) {
      form.setFields([{ name: ['points', 'indicators', grades[0]], errors: [t('eval.new.pointsNeedOne')] }]);
      return;
    }
    try {
      const r = await api.post<{ id: number }>('/eval/campaigns', {
        orgId: v.orgId, year: v.year, name: v.name.trim(), gradeSet: v.gradeSet, residentIds: v.residentIds ?? [], tellerIds: v.tellerIds,
        ...(v.subjects === 'some' ? { memberIds: v.memberIds ?? [] } : {}),
        ...(v.threshold ? { threshold: v.threshold } : {}), opensAt: v.opensAt.toISOString(), closesAt: v.closesAt.toISOString(),
        ...(v.pointsOn && v.points?.schemeId ? { points: { schemeId: v.points.schemeId, indicators } } : {}),
      });
      onCreated(r.id);
    } catch (err) {
      applyPointsErrors(form, err, lang);
      throw err;
    }
  });

  const majority = Math.floor(tellerIds.length / 2) + 1;
  return (
    <Drawer open onClose={onClose} size={size} destroyOnHidden title={t('eval.new.title')}
      extra={<Space>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="eval-new-ok">{t('eval.new.ok')}</Button>
      </Space>}>
      <div data-testid="eval-new-drawer">
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="eval-new-error" />}
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)}
          initialValues={{ year: thisYear, gradeSet: 'seed003', subjects: 'all', memberIds: [], residentIds: [], tellerIds: [], pointsOn: false, opensAt: dayjs().startOf('minute'), closesAt: dayjs().add(7, 'day').hour(18).startOf('hour') }}>
          <Form.Item name="orgId" label={t('eval.org')} rules={[{ required: true, message: t('eval.new.orgRequired') }]} extra={t('eval.new.orgHint')}>
            <OrgTreeSelect allowClear={false} selectable={(n) => CAMPAIGN_KINDS.includes(n.kind)} style={{ width: '100%' }} data-testid="eval-new-org"
              onChange={(id?: number, node?: OrgNode) => setOrg(id ? { id, name: node?.name ?? String(id) } : null)} />
          </Form.Item>
          <Space wrap size={16} style={{ width: '100%' }}>
            <Form.Item name="year" label={t('eval.year')} rules={[{ required: true }]}>
              <Select style={{ width: 140 }} data-testid="eval-new-year"
                options={[thisYear, thisYear - 1, thisYear + 1].map((y) => ({ value: y, label: t('eval.yearN', { y }) }))} />
            </Form.Item>
          </Space>
          <Form.Item name="name" label={t('eval.name')} rules={[{ required: true, whitespace: true, message: t('eval.new.nameRequired') }]}>
            <Input maxLength={100} onChange={() => setNameTouched(true)} data-testid="eval-new-name" />
          </Form.Item>
          <Form.Item name="gradeSet" label={t('eval.gradeSet')}>
            <Radio.Group data-testid="eval-new-grade-set" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
              {(['seed003', 'national'] as const).map((g) => (
                <Radio key={g} value={g} data-testid={`eval-new-grade-set-${g}`}>
                  <Typography.Text strong>{t(`eval.gradeSet.${g}`)}</Typography.Text>
                  <div style={{ color: '#666', fontSize: 13 }}>{t(`eval.gradeSet.${g}.rule`)}</div>
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <SubjectsField orgId={org?.id ?? null} />
          <Form.Item name="residentIds" label={t('eval.new.residents')} extra={t('eval.new.residentsHint')}>
            <Select mode="multiple" allowClear disabled={!org} loading={org !== null && residents === null} data-testid="eval-new-residents"
              placeholder={org ? undefined : t('eval.new.orgFirst')} optionFilterProp="label" maxTagCount="responsive"
              options={(residents ?? []).map((r) => ({ value: r.id, label: `${r.name}（${r.communityName}）` }))}
              optionRender={(o) => <span data-testid={`eval-new-resident-option-${String(o.value)}`}>{o.label}</span>} />
          </Form.Item>
          {residentProblem && <Alert type="warning" showIcon title={t('eval.new.residentsUnavailable')} description={residentProblem} style={{ marginBottom: 16 }} data-testid="eval-new-residents-problem" />}
          {residents && residents.length === 0 && !residentProblem && (
            <Alert type="info" showIcon title={t('eval.new.noResidents')} style={{ marginBottom: 16 }} data-testid="eval-new-no-residents" />
          )}
          <Form.Item name="tellerIds" label={t('eval.new.tellers')} extra={t('eval.new.tellersHint')}
            rules={[{ type: 'array', min: 2, max: 7, required: true, message: t('eval.new.tellersRequired') }]}>
            <Select mode="multiple" disabled={!org} data-testid="eval-new-tellers" optionFilterProp="label"
              options={tellers.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username} · ${u.orgName}）` }))}
              optionRender={(o) => <span data-testid={`eval-new-teller-option-${String(o.value)}`}>{o.label}</span>} />
          </Form.Item>
          <Form.Item name="threshold" label={t('eval.threshold')} extra={t('eval.new.thresholdHint', { n: majority })}>
            <InputNumber min={1} max={Math.max(1, tellerIds.length)} precision={0} placeholder={String(majority)} style={{ width: 140 }} data-testid="eval-new-threshold" />
          </Form.Item>
          <Space wrap size={16}>
            <Form.Item name="opensAt" label={t('eval.opensAt')} rules={[{ required: true }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowClear={false} data-testid="eval-new-opens" />
            </Form.Item>
            <Form.Item name="closesAt" label={t('eval.closesAt')} rules={[{ required: true }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowClear={false} data-testid="eval-new-closes" />
            </Form.Item>
          </Space>
          <PointsSection orgId={org?.id ?? null} year={year} grades={grades} />
        </Form>
      </div>
    </Drawer>
  );
}
