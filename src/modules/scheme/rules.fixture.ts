/** The scheme the rules' unit tests share: two dimensions, two tiers, four bands, a quota and a multi-year rule. */
import { parseScheme, type SchemeDefinition, type SchemeDefinitionInput } from './model.js';
import { toCents, type RunSubject } from './rules.js';

export type Fixture = SchemeDefinitionInput & Required<Pick<SchemeDefinitionInput, 'dimensions' | 'tiers' | 'quotas' | 'multiYear'>>;

export const input = (): Fixture => ({
  subject: 'member',
  baseScore: 100,
  minScore: 0,
  maxScore: 150,
  dimensions: [
    { code: 'study', name: '学习', maxPoints: 20, minPoints: -30 },
    { code: 'duty', name: '履职' },
  ],
  tiers: [
    { code: 'senior', name: '老党员', rule: { fact: 'age', op: 'gte', value: 70 } },
    { code: 'all', name: '一般党员', rule: { all: [] } },
  ],
  indicators: [
    { code: 'S1', name: '参加学习', dimension: 'study', kind: 'add', points: 2, capPerMonth: 4, capPerYear: 20, recorderRoles: ['branch_secretary'] },
    { code: 'S2', name: '缺席学习', dimension: 'study', kind: 'subtract', points: 3, capPerMonth: 6, recorderRoles: ['branch_secretary'] },
    { code: 'D1', name: '志愿服务', dimension: 'duty', kind: 'add', points: 1, adjustable: true, capPerEntry: 5, evidenceRequired: true, recorderRoles: ['branch_secretary', 'grid_liaison'], tiers: ['all'] },
    { code: 'D2', name: '结对帮扶', dimension: 'duty', kind: 'add', points: 2, recorderRoles: ['community_admin'], tiers: ['senior'] },
  ],
  bands: [
    { code: 'poor', name: '不合格', from: null, fromInclusive: false, to: 60, toInclusive: false, actions: ['限期整顿'], opensTask: true },
    { code: 'ok', name: '合格', from: 60, fromInclusive: true, to: 85, toInclusive: false },
    { code: 'good', name: '良好', from: 85, fromInclusive: true, to: 95, toInclusive: false, award: 200, actions: ['教育勉励'] },
    { code: 'best', name: '优秀', from: 95, fromInclusive: true, to: null, toInclusive: false, award: 500, actions: ['表彰'] },
  ],
  quotas: [{ band: 'best', maxShare: 0.3, per: 'run', demoteTo: 'good' }],
  multiYear: [{ band: 'poor', consecutiveYears: 2, action: '组织处置', options: ['限期整改', '劝退'] }],
});

export const scheme = (change?: (s: Fixture) => void): SchemeDefinition => {
  const s = structuredClone(input());
  change?.(s);
  const r = parseScheme(s);
  if (!r.ok) throw new Error(`fixture scheme refused: ${JSON.stringify(r.problems)}`);
  return r.value;
};
export const D = scheme();
export const BAND_CODES = D.bands.map((b) => b.code);
/** A subject whose total is `score` (through the unclamped duty dimension). */
export const subj = (id: number, score: number, more: Partial<RunSubject> = {}): RunSubject => ({
  id, groupId: 1, tier: null, ungraded: false, sums: new Map([['duty', toCents(score - D.baseScore)]]), history: [], ...more,
});
export const byId = <T extends { id: number }>(list: T[], id: number) => list.find((r) => r.id === id)!;
