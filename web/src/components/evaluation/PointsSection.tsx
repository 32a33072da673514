/**
 * 公布结果时记入积分 in the set-up drawer (optional): a member points scheme that applies to the
 * organisation (set by it or an organisation above it) with a version in force in the campaign's
 * year, then for each grade of the grade set an indicator of that version, or none.
 * Form fields: `pointsOn`, `points.schemeId`, `points.indicators.<grade>`.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Form, Select, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../api.ts';
import { useT } from '../../i18n.ts';
import type { Items, OrgDetail } from '../../types.ts';
import type { Indicator, SchemeDetail, SchemeRow } from '../scheme/types.ts';
import { GradeTag } from './shared.tsx';

/** The version of a scheme in force in a year, with its indicators (or `none` when no version is). */
type InForce = { schemeId: number; year: number; version: number; indicators: Indicator[] } | { schemeId: number; year: number; none: true };

/** Member schemes in scope that apply to the organisation: set by it or by one of its ancestors. */
function useSchemesFor(orgId: number | null, on: boolean): SchemeRow[] | null {
  const [list, setList] = useState<SchemeRow[] | null>(null);
  useEffect(() => {
    setList(null);
    if (!orgId || !on) return undefined;
    const ctrl = new AbortController();
    void Promise.all([
      api.get<Items<SchemeRow>>('/schemes', { subject: 'member' }, ctrl.signal),
      api.get<OrgDetail>(`/orgs/${orgId}`, undefined, ctrl.signal),
    ]).then(([schemes, org]) => {
      const line = new Set([orgId, ...org.ancestors.map((a) => a.id)]);
      setList(schemes.items.filter((s) => !s.archived && line.has(s.orgId)));
    }).catch(() => { if (!ctrl.signal.aborted) setList([]); });
    return () => ctrl.abort();
  }, [orgId, on]);
  return list;
}

/** The version of the scheme in force in the year: the newest whose year is that year or earlier. */
function useInForce(schemeId: number | undefined, year: number | undefined): InForce | null {
  const [found, setFound] = useState<InForce | null>(null);
  useEffect(() => {
    setFound(null);
    if (!schemeId || !year) return undefined;
    const ctrl = new AbortController();
    (async () => {
      const d = await api.get<SchemeDetail>(`/schemes/${schemeId}`, undefined, ctrl.signal);
      const v = d.versions.filter((x) => x.year <= year).sort((a, b) => b.version - a.version)[0];
      if (!v) return setFound({ schemeId, year, none: true });
      const def = v.version === d.current.version ? d.current.definition : (await api.get<SchemeDetail>(`/schemes/${schemeId}`, { version: v.version }, ctrl.signal)).current.definition;
      setFound({ schemeId, year, version: v.version, indicators: def.indicators });
    })().catch(() => undefined);
    return () => ctrl.abort();
  }, [schemeId, year]);
  return found;
}

/** "+5" / "−10" / "+5，可调": what an indicator gives. */
function pointsText(x: Indicator, adjustable: string): string {
  const n = x.points == null ? '' : `${x.kind === 'add' ? '+' : '−'}${x.points}`;
  return [n, x.adjustable ? adjustable : ''].filter(Boolean).join('，');
}

/** The section; `grades` are the grade set's, best first. */
export function PointsSection({ orgId, year, grades }: { orgId: number | null; year: number | undefined; grades: string[] }) {
  const t = useT();
  const form = Form.useFormInstance();
  const on = Form.useWatch('pointsOn', form) === true;
  const schemeId = Form.useWatch(['points', 'schemeId'], form) as number | undefined;
  const schemes = useSchemesFor(orgId, on);
  const inForce = useInForce(on ? schemeId : undefined, year);
  const current = inForce && inForce.schemeId === schemeId && inForce.year === year ? inForce : null;

  // a scheme no longer offered (another organisation) is cleared
  useEffect(() => {
    if (schemes && schemeId && !schemes.some((s) => s.id === schemeId)) form.setFieldValue(['points', 'schemeId'], undefined);
  }, [schemes, schemeId, form]);

  // indicators the version in force does not have are cleared; a scheme with no version in force says so at its field
  useEffect(() => {
    if (!current) return;
    if ('none' in current) {
      form.setFields([{ name: ['points', 'schemeId'], errors: [t('eval.new.pointsNoVersion', { y: current.year })] }]);
      return;
    }
    form.setFields([{ name: ['points', 'schemeId'], errors: [] }]);
    for (const g of grades) {
      const code = form.getFieldValue(['points', 'indicators', g]) as string | undefined;
      if (code && !current.indicators.some((x) => x.code === code)) form.setFieldValue(['points', 'indicators', g], undefined);
    }
  }, [current, grades, form, t]);

  const indicatorOptions = useMemo(() => (current && !('none' in current) ? current.indicators : []).map((x) => ({
    value: x.code, label: `${x.name}（${x.code}${pointsText(x, t('eval.new.pointsAdjustable')) ? `，${pointsText(x, t('eval.new.pointsAdjustable'))}` : ''}）`,
  })), [current, t]);
  const dated = year ? `${year}-12-31` : null;
  const early = dated !== null && dated > dayjs().format('YYYY-MM-DD');

  return (
    <div data-testid="eval-new-points-section">
      <Form.Item name="pointsOn" label={t('eval.new.points')} valuePropName="checked" extra={t('eval.new.pointsHint')} style={{ marginBottom: on ? 12 : undefined }}>
        <Switch disabled={!orgId} data-testid="eval-new-points-on" />
      </Form.Item>
      {on && (
        <div style={{ borderInlineStart: '3px solid #f0f0f0', paddingInlineStart: 12, marginBottom: 16 }}>
          <Form.Item name={['points', 'schemeId']} label={t('eval.new.pointsScheme')} rules={[{ required: true, message: t('eval.new.pointsSchemeRequired') }]}
            extra={current && !('none' in current) ? t('eval.new.pointsVersion', { y: year ?? '', v: current.version }) : undefined}>
            <Select allowClear loading={schemes === null} data-testid="eval-new-points-scheme" optionFilterProp="label"
              notFoundContent={schemes?.length === 0 ? t('eval.new.pointsNoSchemes') : undefined}
              options={(schemes ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.orgName}）` }))}
              optionRender={(o) => <span data-testid={`eval-new-points-scheme-option-${String(o.value)}`}>{o.label}</span>} />
          </Form.Item>
          {schemeId && current && !('none' in current) && (
            <>
              <Typography.Text strong>{t('eval.new.pointsIndicators')}</Typography.Text>
              <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 8 }}>{t('eval.new.pointsIndicatorsHint')}</Typography.Paragraph>
              {grades.map((g) => (
                <Form.Item key={g} name={['points', 'indicators', g]} label={<GradeTag grade={g} />} style={{ marginBottom: 12 }}>
                  <Select allowClear placeholder={t('eval.new.pointsIndicatorNone')} options={indicatorOptions} optionFilterProp="label" showSearch
                    data-testid={`eval-new-points-indicator-${g}`}
                    optionRender={(o) => <span data-testid={`eval-new-points-ind-${g}-${String(o.value)}`}>{o.label}</span>} />
                </Form.Item>
              ))}
              {early && <Alert type="info" showIcon title={t('eval.new.pointsDate', { date: dated })} data-testid="eval-new-points-date" />}
            </>
          )}
        </div>
      )}
    </div>
  );
}
