/**
 * 记一笔: choose the member (or organisation), then one of the indicators the caller may record for
 * that subject (GET /points/subject-options: tier, points, caps, evidence), points when adjustable,
 * the date and the evidence. The server's refusal (cap exceeded, tier, frozen year …) is shown in full.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, DatePicker, Descriptions, Drawer, Empty, Form, Input, InputNumber, Select, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { applyFieldErrors, errorText, fieldIssues, useFeedback } from '../../feedback.ts';
import { useLang, useT } from '../../i18n.ts';
import { OrgTreeSelect } from '../OrgTreeSelect.tsx';
import { MemberSelect } from './MemberSelect.tsx';
import { fmtPoints, indicatorRules, signed, useDrawerSize } from './shared.tsx';
import type { IndicatorDef, SchemeDefinition, SchemeRow, SubjectOptions } from './types.ts';
import type { OrgNode } from '../../types.ts';

type Props = {
  open: boolean;
  scheme: SchemeRow;
  def: SchemeDefinition | null;
  /** Where to search members first. */
  orgId?: number;
  onClose: () => void;
  onSaved: (r: { id: number; status: string; points: number }) => void;
};

type Values = { subjectId?: number; indicator?: string; points?: number | null; occurredOn?: Dayjs; evidence?: string };

/** The 记一笔 drawer. */
export function EntryFormDrawer({ open, scheme, def, orgId, onClose, onSaved }: Props) {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const [form] = Form.useForm<Values>();
  const size = useDrawerSize(640);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ title: string; items: string[] } | null>(null);
  const [opts, setOpts] = useState<SubjectOptions | null>(null);
  const [optsLoading, setOptsLoading] = useState(false);
  const [optsError, setOptsError] = useState<string | null>(null);
  const subjectId = Form.useWatch('subjectId', form);
  const occurredOn = Form.useWatch('occurredOn', form);
  const indicatorCode = Form.useWatch('indicator', form);
  const year = occurredOn ? occurredOn.year() : new Date().getFullYear();
  const isOrg = scheme.subject === 'org';

  useEffect(() => {
    setOpts(null);
    setOptsError(null);
    if (!subjectId) return undefined;
    const ctrl = new AbortController();
    setOptsLoading(true);
    api.get<SubjectOptions>('/points/subject-options', { schemeId: scheme.id, [isOrg ? 'orgId' : 'memberId']: subjectId, year }, ctrl.signal)
      .then((o) => {
        setOpts(o);
        const current = form.getFieldValue('indicator') as string | undefined;
        if (current && !o.indicators.some((x) => x.code === current)) form.setFieldsValue({ indicator: undefined, points: null });
      })
      .catch((err: unknown) => {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        setOptsError(errorText(err, lang));
      })
      .finally(() => { if (!ctrl.signal.aborted) setOptsLoading(false); });
    return () => ctrl.abort();
  }, [subjectId, year, scheme.id, isOrg, form, lang]);

  const indicator: IndicatorDef | undefined = opts?.indicators.find((x) => x.code === indicatorCode);
  const tierName = useMemo(() => (code: string) => def?.tiers.find((x) => x.code === code)?.name ?? code, [def]);
  const dimName = (code?: string | null) => (code ? def?.dimensions.find((d) => d.code === code)?.name ?? code : '');
  const noTier = !isOrg && opts !== null && (def?.tiers.length ?? 0) > 0 && !opts.tier;

  const submit = async (v: Values) => {
    if (!v.subjectId || !v.indicator || !v.occurredOn) return;
    setBusy(true);
    setProblem(null);
    const body: Record<string, unknown> = {
      schemeId: scheme.id,
      [isOrg ? 'orgId' : 'memberId']: v.subjectId,
      indicator: v.indicator,
      occurredOn: v.occurredOn.format('YYYY-MM-DD'),
      evidence: v.evidence?.trim() || null,
    };
    if (indicator?.adjustable && v.points != null) body.points = indicator.kind === 'subtract' ? -Math.abs(v.points) : Math.abs(v.points);
    try {
      const r = await api.post<{ id: number; status: string; points: number }>('/points/entries', body);
      fb.success(r.status === 'pending' ? t('points.form.savedPending') : t('points.form.saved'));
      onSaved(r);
    } catch (err) {
      const issues = fieldIssues(err);
      applyFieldErrors(form, err, lang);
      // field paths of the API → form names
      const byPath = issues.filter((i) => ['memberId', 'orgId'].includes(String(i.path[i.path.length - 1])));
      if (byPath.length) form.setFields([{ name: 'subjectId', errors: byPath.map((i) => i.message) }]);
      const title = errorText(err, lang);
      const items = lang === 'en' ? [] : issues.map((i) => i.message).filter((m, k, a) => a.indexOf(m) === k && m !== title);
      setProblem({ title, items });
    } finally {
      setBusy(false);
    }
  };

  const req = (field: string) => [{ required: true, message: t('common.required', { field }) }];

  return (
    <Drawer open={open} onClose={onClose} size={size} destroyOnHidden data-testid="entry-drawer"
      title={t('points.form.title')}
      extra={<Space>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" loading={busy} disabled={noTier} onClick={() => form.submit()} data-testid="entry-submit">{t('common.save')}</Button>
      </Space>}>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }} data-testid="entry-scheme">{t('points.scheme')}{t('points.colon')}{scheme.name}</Typography.Paragraph>
      {problem && (
        <Alert type="error" showIcon closable={{ onClose: () => setProblem(null) }} style={{ marginBottom: 16 }} data-testid="entry-error"
          title={problem.title}
          description={problem.items.length > 1 ? <ul style={{ margin: 0, paddingInlineStart: 18 }}>{problem.items.map((m) => <li key={m}>{m}</li>)}</ul> : undefined} />
      )}
      <Form<Values> form={form} layout="vertical" initialValues={{ occurredOn: dayjs() }} onFinish={(v) => void submit(v)} data-testid="entry-form"
        onValuesChange={(changed: Partial<Values>) => {
          if ('subjectId' in changed || 'indicator' in changed) setProblem(null);
          if ('indicator' in changed) form.setFieldsValue({ points: null });
        }}>
        <Form.Item name="subjectId" label={isOrg ? t('points.form.org') : t('points.form.member')} rules={req(isOrg ? t('points.form.org') : t('points.form.member'))}
          extra={isOrg && def ? t('points.form.orgKinds') : undefined}>
          {isOrg
            ? <OrgTreeSelect style={{ width: '100%' }} selectable={(n: OrgNode) => (def?.orgKinds ?? []).includes(n.kind)} data-testid="entry-org" />
            : <MemberSelect orgId={orgId} style={{ width: '100%' }} data-testid="entry-member" />}
        </Form.Item>
        <Form.Item name="occurredOn" label={t('points.form.date')} rules={req(t('points.form.date'))}
          extra={t('points.form.dateHint')}>
          <DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="entry-date" />
        </Form.Item>
        {subjectId && (
          <Spin spinning={optsLoading}>
            {optsError && <Alert type="error" showIcon title={optsError} style={{ marginBottom: 16 }} data-testid="entry-options-error" />}
            {opts && (
              <div style={{ marginBottom: 12 }} data-testid="entry-tier">
                {!isOrg && (def?.tiers.length ?? 0) > 0 && (
                  opts.tier
                    ? <Space size={4}><span>{t('points.form.tier')}{t('points.colon')}</span><Tag color="purple">{opts.tierName ?? opts.tier}</Tag><Typography.Text type="secondary">{t('points.form.version', { year, v: opts.version })}</Typography.Text></Space>
                    : <Alert type="warning" showIcon title={t('points.form.noTier')} />
                )}
              </div>
            )}
            <Form.Item name="indicator" label={t('points.indicator')} rules={req(t('points.indicator'))}>
              <Select showSearch={{ optionFilterProp: 'label' }} placeholder={t('points.form.indicatorHint')} disabled={!opts || noTier} data-testid="entry-indicator"
                notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('points.form.noIndicator')} />}
                options={(opts?.indicators ?? []).map((x) => ({ value: x.code, label: `${x.name}（${x.code}）`, x }))}
                optionRender={(o) => {
                  const x = (o.data as { x: IndicatorDef }).x;
                  return (
                    <div data-testid={`indicator-option-${x.code}`} style={{ whiteSpace: 'normal' }}>
                      <Space size={6}>
                        <span style={{ color: x.kind === 'add' ? '#389e0d' : '#cf1322', fontWeight: 600, minWidth: 36, display: 'inline-block' }}>{signed(x.kind === 'add' ? x.points : -x.points)}</span>
                        <span>{x.name}</span>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{x.code}</Typography.Text>
                        {x.evidenceRequired && <Tag color="orange" style={{ fontSize: 11 }}>{t('points.rule.evidenceShort')}</Tag>}
                      </Space>
                      <div style={{ fontSize: 12, color: '#8c8c8c', paddingInlineStart: 42 }}>{indicatorRules(x, t).slice(1).join(t('points.sep'))}</div>
                    </div>
                  );
                }} />
            </Form.Item>
          </Spin>
        )}
        {indicator && (
          <Descriptions size="small" bordered column={1} style={{ marginBottom: 16 }} data-testid="entry-indicator-rules" items={[
            { key: 'kind', label: t('points.form.kind'), children: indicator.kind === 'add' ? <Tag color="green">{t('points.kind.add')}</Tag> : <Tag color="red">{t('points.kind.subtract')}</Tag> },
            { key: 'dim', label: t('points.dimension'), children: dimName(indicator.dimension) || '—' },
            { key: 'rules', label: t('points.form.rules'), children: indicatorRules(indicator, t, tierName).join(t('points.sep')) },
            ...(indicator.description ? [{ key: 'desc', label: t('points.form.description'), children: indicator.description }] : []),
          ]} />
        )}
        {indicator?.adjustable && (
          <Form.Item name="points" label={t('points.form.points')} extra={t('points.form.pointsHint', { points: fmtPoints(indicator.points), cap: fmtPoints(indicator.capPerEntry ?? indicator.points) })}>
            <InputNumber min={0.01} max={indicator.capPerEntry ?? undefined} step={0.5} precision={2} style={{ width: 200 }}
              prefix={indicator.kind === 'add' ? '+' : '−'} placeholder={fmtPoints(indicator.points)} data-testid="entry-points" />
          </Form.Item>
        )}
        <Form.Item name="evidence" label={t('points.evidence')}
          rules={indicator?.evidenceRequired ? [{ required: true, whitespace: true, message: t('points.form.evidenceRequired') }, { max: 1000 }] : [{ max: 1000 }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('points.form.evidenceHint')} data-testid="entry-evidence" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
