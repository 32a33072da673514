/** The measurable facts of the self-assessment (调处率, 居务公开, titles, incidents, petitions) as form fields. */
import { Button, Checkbox, Col, Divider, Form, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useT } from '../../i18n.ts';
import type { MsgKey } from '../../i18n.ts';
import type { PetitionLevel, StarFacts, TitleLevel } from './types.ts';

/** Titles with ranks 县级 … 国家级 (culture has grades). */
export const RANKED_TITLES = ['civilised', 'health', 'learningParty', 'countyReport', 'harmony', 'integrityModel'] as const;
/** Every title, in the order the form shows them. */
export const TITLES = ['civilised', 'culture', 'health', 'learningParty', 'countyReport', 'harmony', 'integrityModel'] as const;
/** Incidents counted over the year. */
export const INCIDENTS = ['homicide', 'majorCriminalCase', 'safetyAccident', 'viceCase'] as const;
const PETITIONS: PetitionLevel[] = ['none', 'county', 'city', 'province', 'beijing'];
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

const TITLE_KEYS: Record<(typeof TITLES)[number], MsgKey> = {
  civilised: 'stars.title.civilised', culture: 'stars.title.culture', health: 'stars.title.health', learningParty: 'stars.title.learningParty',
  countyReport: 'stars.title.countyReport', harmony: 'stars.title.harmony', integrityModel: 'stars.title.integrityModel',
};
const INCIDENT_KEYS: Record<(typeof INCIDENTS)[number], MsgKey> = {
  homicide: 'stars.incident.homicide', majorCriminalCase: 'stars.incident.majorCriminalCase', safetyAccident: 'stars.incident.safetyAccident', viceCase: 'stars.incident.viceCase',
};
const RANK_KEYS: Record<string, MsgKey> = { none: 'stars.rank.none', county: 'stars.rank.county', city: 'stars.rank.city', province: 'stars.rank.province', national: 'stars.rank.national' };
const GRADE_KEYS: Record<string, MsgKey> = { none: 'stars.rank.none', 3: 'stars.grade.3', 2: 'stars.grade.2', 1: 'stars.grade.1' };
const PETITION_KEYS: Record<PetitionLevel, MsgKey> = {
  none: 'stars.petition.none', county: 'stars.petition.county', city: 'stars.petition.city', province: 'stars.petition.province', beijing: 'stars.petition.beijing',
};

/** The facts as form values. */
export type FactValues = {
  mediationRate?: number | null;
  mediationSuccessRate?: number | null;
  disclosureMonths?: number[];
  titles?: Partial<Record<string, TitleLevel>>;
  incidents?: Partial<Record<string, number | null>>;
  deaths?: number | null;
  seriousInjuries?: number | null;
  petitionFurthest?: PetitionLevel;
  petitionBeijing?: boolean;
};

/** Stored facts → form values. */
export function factValues(f: StarFacts): FactValues {
  const titles: Partial<Record<string, TitleLevel>> = {};
  for (const k of TITLES) {
    const v = f.titles?.[k];
    if (v !== undefined && v !== null) titles[k] = v;
  }
  return {
    mediationRate: f.metrics?.mediationRate ?? null,
    mediationSuccessRate: f.metrics?.mediationSuccessRate ?? null,
    disclosureMonths: f.disclosureMonths ?? [],
    titles,
    incidents: Object.fromEntries(INCIDENTS.map((k) => [k, f.incidents?.[k] ?? null])),
    deaths: f.safetyAccident?.deaths ?? null,
    seriousInjuries: f.safetyAccident?.seriousInjuries ?? null,
    petitionFurthest: f.petitions?.furthestCollective,
    petitionBeijing: f.petitions?.beijingIndividual ?? false,
  };
}

const num = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Form values → the facts the API takes (an empty field is a missing fact). */
export function factsOut(v: FactValues): Required<StarFacts> {
  return {
    metrics: { mediationRate: num(v.mediationRate), mediationSuccessRate: num(v.mediationSuccessRate) },
    disclosureMonths: [...new Set(v.disclosureMonths ?? [])].sort((a, b) => a - b),
    // a title not given is left out (absent, not null: the evaluation names a missing title more plainly)
    titles: Object.fromEntries(TITLES.filter((k) => v.titles?.[k] !== undefined && v.titles?.[k] !== null).map((k) => [k, v.titles?.[k]])),
    incidents: Object.fromEntries(INCIDENTS.map((k) => [k, num(v.incidents?.[k])])),
    safetyAccident: num(v.deaths) !== null && num(v.seriousInjuries) !== null ? { deaths: v.deaths as number, seriousInjuries: v.seriousInjuries as number } : null,
    petitions: v.petitionFurthest ? { furthestCollective: v.petitionFurthest, beijingIndividual: Boolean(v.petitionBeijing) } : null,
  };
}

const Section = ({ title }: { title: string }) => <Divider titlePlacement="start" style={{ margin: '8px 0 12px' }}>{title}</Divider>;

/** The facts fields; put inside a Form whose values extend FactValues. */
export function FactsFields({ form, editable }: { form: FormInstance; editable: boolean }) {
  const t = useT();
  const pct = (name: 'mediationRate' | 'mediationSuccessRate', label: MsgKey) => (
    <Col xs={24} sm={12}>
      <Form.Item name={name} label={t(label)}>
        <InputNumber min={0} max={100} precision={2} suffix="%" style={{ width: '100%', maxWidth: 200 }} placeholder={t('stars.fact.notGiven')} data-testid={`star-fact-${name}`} />
      </Form.Item>
    </Col>
  );
  return (
    <div data-testid="star-facts">
      <Section title={t('stars.fact.mediation')} />
      <Row gutter={16}>
        {pct('mediationRate', 'stars.fact.mediationRate')}
        {pct('mediationSuccessRate', 'stars.fact.mediationSuccessRate')}
      </Row>

      <Section title={t('stars.fact.disclosure')} />
      <Form.Item name="disclosureMonths" label={t('stars.fact.disclosureMonths')} extra={t('stars.fact.disclosureHint')}>
        <Checkbox.Group style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 0' }}>
          {MONTHS.map((m) => <Checkbox key={m} value={m} style={{ width: 76 }} data-testid={`star-fact-month-${m}`}>{t('stars.fact.monthN', { m })}</Checkbox>)}
        </Checkbox.Group>
      </Form.Item>
      {editable && (
        <Space style={{ marginTop: -12, marginBottom: 12 }}>
          <Button size="small" onClick={() => form.setFieldValue('disclosureMonths', MONTHS)} data-testid="star-fact-months-all">{t('stars.fact.allMonths')}</Button>
          <Button size="small" onClick={() => form.setFieldValue('disclosureMonths', [])}>{t('stars.fact.noMonths')}</Button>
        </Space>
      )}

      <Section title={t('stars.fact.titles')} />
      <Row gutter={16}>
        {TITLES.map((k) => (
          <Col xs={24} sm={12} lg={8} key={k}>
            <Form.Item name={['titles', k]} label={t(TITLE_KEYS[k])}>
              <Select<string | number> allowClear placeholder={t('stars.fact.notGiven')} style={{ width: '100%' }} data-testid={`star-fact-title-${k}`}
                options={(k === 'culture' ? ['none', 3, 2, 1] : ['none', 'county', 'city', 'province', 'national']).map((v) => ({
                  value: v, label: t(k === 'culture' ? GRADE_KEYS[String(v)] : RANK_KEYS[String(v)]),
                }))}
                optionRender={(o) => <span data-testid={`star-fact-title-${k}-${String(o.value)}`}>{o.label}</span>} />
            </Form.Item>
          </Col>
        ))}
      </Row>

      <Section title={t('stars.fact.incidents')} />
      <Row gutter={16}>
        {INCIDENTS.map((k) => (
          <Col xs={12} sm={12} lg={6} key={k}>
            <Form.Item name={['incidents', k]} label={t(INCIDENT_KEYS[k])}>
              <InputNumber min={0} max={10000} precision={0} style={{ width: '100%' }} placeholder={t('stars.fact.notGiven')} data-testid={`star-fact-incident-${k}`} />
            </Form.Item>
          </Col>
        ))}
        <Col xs={12} sm={12} lg={6}>
          <Form.Item name="deaths" label={t('stars.fact.deaths')} dependencies={['seriousInjuries']}
            rules={[({ getFieldValue }) => ({ validator: (_r, v) => (v == null && getFieldValue('seriousInjuries') != null ? Promise.reject(new Error(t('stars.fact.bothNeeded'))) : Promise.resolve()) })]}>
            <InputNumber min={0} max={10000} precision={0} style={{ width: '100%' }} placeholder={t('stars.fact.notGiven')} data-testid="star-fact-accident-deaths" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={12} lg={6}>
          <Form.Item name="seriousInjuries" label={t('stars.fact.seriousInjuries')} dependencies={['deaths']}
            rules={[({ getFieldValue }) => ({ validator: (_r, v) => (v == null && getFieldValue('deaths') != null ? Promise.reject(new Error(t('stars.fact.bothNeeded'))) : Promise.resolve()) })]}>
            <InputNumber min={0} max={10000} precision={0} style={{ width: '100%' }} placeholder={t('stars.fact.notGiven')} data-testid="star-fact-accident-injuries" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -8 }}>{t('stars.fact.accidentHint')}</Typography.Paragraph>

      <Section title={t('stars.fact.petitions')} />
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="petitionFurthest" label={t('stars.fact.petitionFurthest')}>
            <Select<PetitionLevel> allowClear placeholder={t('stars.fact.notGiven')} style={{ width: '100%' }} data-testid="star-fact-petition-furthest"
              options={PETITIONS.map((p) => ({ value: p, label: t(PETITION_KEYS[p]) }))}
              optionRender={(o) => <span data-testid={`star-fact-petition-${String(o.value)}`}>{o.label}</span>} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="petitionBeijing" label={t('stars.fact.petitionBeijing')} valuePropName="checked">
            <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} data-testid="star-fact-petition-beijing" />
          </Form.Item>
        </Col>
      </Row>
    </div>
  );
}
