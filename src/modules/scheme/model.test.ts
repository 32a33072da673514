import { describe, expect, it } from 'vitest';
import { bandInterval, parseScheme, schemeProblems, SchemeDefinition, type SchemeDefinitionInput, type SchemeProblem } from './model.js';

/** The input with the optional lists present, so that tests may change them in place. */
type Fixture = SchemeDefinitionInput & Required<Pick<SchemeDefinitionInput, 'dimensions' | 'tiers' | 'quotas' | 'multiYear'>>;

/** A complete scheme that passes every check; each test breaks one part of a copy. */
const valid = (): Fixture => ({
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
    { code: 'S2', name: '缺席学习', dimension: 'study', kind: 'subtract', points: 3, recorderRoles: ['branch_secretary'] },
    { code: 'D1', name: '志愿服务', dimension: 'duty', kind: 'add', points: 1, adjustable: true, capPerEntry: 5, evidenceRequired: true, recorderRoles: ['branch_secretary', 'grid_liaison'], tiers: ['all'] },
    { code: 'D2', name: '结对帮扶', dimension: 'duty', kind: 'add', points: 2, recorderRoles: ['community_admin'], tiers: ['senior'] },
  ],
  bands: [
    { code: 'poor', name: '不合格', from: null, fromInclusive: false, to: 60, toInclusive: false, actions: ['限期整顿'], opensTask: true },
    { code: 'ok', name: '合格', from: 60, fromInclusive: true, to: 85, toInclusive: false },
    { code: 'good', name: '良好', from: 85, fromInclusive: true, to: 95, toInclusive: false, award: 200 },
    { code: 'best', name: '优秀', from: 95, fromInclusive: true, to: null, toInclusive: false, award: 500, actions: ['表彰'] },
  ],
  quotas: [{ band: 'best', maxShare: 0.3, per: 'run', demoteTo: 'good' }],
  multiYear: [{ band: 'poor', consecutiveYears: 2, action: '组织处置', options: ['限期整改', '劝退'] }],
});

/** A copy of the valid scheme with one change. */
const broken = (change: (s: Fixture) => void): Fixture => {
  const s = structuredClone(valid());
  change(s);
  return s;
};

const problemsOf = (input: unknown): SchemeProblem[] => {
  const r = parseScheme(input);
  if (r.ok) throw new Error('expected the scheme to be refused');
  for (const p of r.problems) {
    expect(typeof p.message).toBe('string');
    expect(p.message.trim().length).toBeGreaterThan(0);
  }
  return r.problems;
};
const pathsOf = (input: unknown) => problemsOf(input).map((p) => p.path);

describe('parseScheme: valid schemes', () => {
  it('accepts a minimal scheme and fills the defaults', () => {
    const r = parseScheme({
      subject: 'member', baseScore: 100,
      indicators: [{ code: 'x', name: '指标', kind: 'add', points: 1, recorderRoles: ['inspector'] }],
      bands: [{ code: 'all', name: '合格', from: null, fromInclusive: false, to: null, toInclusive: false }],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.orgKinds).toEqual([]);
    expect(r.value.dimensions).toEqual([]);
    expect(r.value.tiers).toEqual([]);
    expect(r.value.quotas).toEqual([]);
    expect(r.value.multiYear).toEqual([]);
    expect(r.value.gradeProbationary).toBe(false);
    expect(r.value.board).toEqual({ visibleTo: 'branch', showNames: true });
    expect(r.value.indicators[0].adjustable).toBe(false);
    expect(r.value.indicators[0].evidenceRequired).toBe(false);
    expect(r.value.bands[0].actions).toEqual([]);
    expect(r.value.bands[0].opensTask).toBe(false);
  });

  it('accepts the complete fixture scheme', () => {
    const r = parseScheme(valid());
    expect(r.ok ? [] : r.problems).toEqual([]);
  });

  it('accepts an organisation scheme with kinds and no tiers', () => {
    const r = parseScheme(broken((s) => {
      s.subject = 'org';
      s.orgKinds = ['branch', 'community'];
      s.tiers = [];
      s.indicators.forEach((x) => { delete x.tiers; });
    }));
    expect(r.ok ? [] : r.problems).toEqual([]);
  });

  it('accepts a one-point band between two exclusive neighbours', () => {
    const r = parseScheme(broken((s) => {
      s.bands = [
        { code: 'low', name: '低', from: null, fromInclusive: false, to: 60, toInclusive: false },
        { code: 'mid', name: '刚好', from: 60, fromInclusive: true, to: 60, toInclusive: true },
        { code: 'high', name: '高', from: 60, fromInclusive: false, to: null, toInclusive: false },
      ];
      s.quotas = [];
      s.multiYear = [];
    }));
    expect(r.ok ? [] : r.problems).toEqual([]);
  });
});

describe('parseScheme: grade bands', () => {
  it('refuses overlapping bands at the later band’s lower end', () => {
    expect(pathsOf(broken((s) => { s.bands[2].from = 80; }))).toEqual([['bands', 2, 'from']]);
  });

  it('refuses a gap between bands at the later band’s lower end', () => {
    const ps = problemsOf(broken((s) => { s.bands[2].from = 88; }));
    expect(ps.map((p) => p.path)).toEqual([['bands', 2, 'from']]);
    expect(ps[0].message).toContain('(85, 88)');
  });

  it('refuses bands out of order', () => {
    const ps = pathsOf(broken((s) => {
      s.bands = [
        { code: 'a', name: 'A', from: null, fromInclusive: false, to: 60, toInclusive: false },
        { code: 'c', name: 'C', from: 80, fromInclusive: true, to: null, toInclusive: false },
        { code: 'b', name: 'B', from: 60, fromInclusive: true, to: 80, toInclusive: false },
      ];
      s.quotas = [];
      s.multiYear = [];
    }));
    // B (last) has an upper end; a gap (60, 80) lies between A and C; C (not last) has no upper end
    expect(ps).toEqual([['bands', 2, 'to'], ['bands', 1, 'from'], ['bands', 1, 'to']]);
  });

  it('refuses a boundary score claimed by both bands (both ends inclusive)', () => {
    const ps = problemsOf(broken((s) => { s.bands[1].toInclusive = true; }));
    expect(ps.map((p) => p.path)).toEqual([['bands', 2, 'fromInclusive']]);
    expect(ps[0].message).toContain('85');
  });

  it('refuses a boundary score claimed by no band (both ends exclusive)', () => {
    const ps = problemsOf(broken((s) => { s.bands[2].fromInclusive = false; }));
    expect(ps.map((p) => p.path)).toEqual([['bands', 2, 'fromInclusive']]);
    expect(ps[0].message).toContain('85');
  });

  it('refuses a lowest band with a lower end', () => {
    expect(pathsOf(broken((s) => { s.bands[0].from = 0; s.bands[0].fromInclusive = true; }))).toEqual([['bands', 0, 'from']]);
  });

  it('refuses a highest band with an upper end', () => {
    expect(pathsOf(broken((s) => { s.bands[3].to = 100; s.bands[3].toInclusive = true; }))).toEqual([['bands', 3, 'to']]);
  });

  it('refuses a middle band without an upper end', () => {
    expect(pathsOf(broken((s) => { s.bands[1].to = null; }))).toEqual([['bands', 1, 'to']]);
  });

  it('refuses a middle band without a lower end', () => {
    expect(pathsOf(broken((s) => { s.bands[2].from = null; }))).toEqual([['bands', 2, 'from']]);
  });

  it('refuses an empty band (and reports only that)', () => {
    expect(pathsOf(broken((s) => { s.bands[2].from = 95; s.bands[2].to = 85; }))).toEqual([['bands', 2]]);
    expect(pathsOf(broken((s) => { s.bands[2].from = 85; s.bands[2].to = 85; }))).toEqual([['bands', 2]]);
  });

  it('refuses duplicate band codes', () => {
    const ps = pathsOf(broken((s) => { s.bands[2].code = 'ok'; s.quotas = []; }));
    expect(ps).toEqual([['bands', 2, 'code']]);
  });
});

describe('parseScheme: indicators', () => {
  it('refuses a negative or zero cap at the cap itself', () => {
    expect(pathsOf(broken((s) => { s.indicators[0].capPerYear = -5; }))).toEqual([['indicators', 0, 'capPerYear']]);
    expect(pathsOf(broken((s) => { s.indicators[2].capPerEntry = 0; }))).toEqual([['indicators', 2, 'capPerEntry']]);
    expect(pathsOf(broken((s) => { s.indicators[0].capPerMonth = -1; }))).toEqual([['indicators', 0, 'capPerMonth']]);
  });

  it('refuses a per-entry cap smaller than the points of one entry', () => {
    const ps = problemsOf(broken((s) => { s.indicators[1].capPerEntry = 2; }));
    expect(ps.map((p) => p.path)).toEqual([['indicators', 1, 'capPerEntry']]);
    expect(ps[0].message).toContain('3');
  });

  it('refuses month and year caps smaller than one entry, and a month cap above the year cap', () => {
    expect(pathsOf(broken((s) => { s.indicators[1].capPerMonth = 1; }))).toEqual([['indicators', 1, 'capPerMonth']]);
    expect(pathsOf(broken((s) => { s.indicators[1].capPerYear = 1; }))).toEqual([['indicators', 1, 'capPerYear']]);
    expect(pathsOf(broken((s) => { s.indicators[0].capPerMonth = 30; }))).toEqual([['indicators', 0, 'capPerMonth']]);
  });

  it('refuses an adjustable indicator without a per-entry cap', () => {
    expect(pathsOf(broken((s) => { s.indicators[2].capPerEntry = null; }))).toEqual([['indicators', 2, 'capPerEntry']]);
  });

  it('refuses duplicate indicator codes at the later one', () => {
    const ps = problemsOf(broken((s) => { s.indicators[3].code = 'S1'; }));
    expect(ps.map((p) => p.path)).toEqual([['indicators', 3, 'code']]);
    expect(ps[0].message).toContain('S1');
  });

  it('refuses an unknown dimension, and a missing one when the scheme has dimensions', () => {
    expect(pathsOf(broken((s) => { s.indicators[0].dimension = 'nope'; }))).toEqual([['indicators', 0, 'dimension']]);
    expect(pathsOf(broken((s) => { s.indicators[0].dimension = null; }))).toEqual([['indicators', 0, 'dimension']]);
  });

  it('refuses an unknown tier at its position in the list', () => {
    const ps = problemsOf(broken((s) => { s.indicators[2].tiers = ['all', 'ghost']; }));
    expect(ps.map((p) => p.path)).toEqual([['indicators', 2, 'tiers', 1]]);
    expect(ps[0].message).toContain('ghost');
  });

  it('refuses malformed codes and points with more than two decimals (shape errors)', () => {
    expect(pathsOf(broken((s) => { s.indicators[0].code = 'a b'; }))).toEqual([['indicators', 0, 'code']]);
    expect(pathsOf(broken((s) => { s.indicators[0].points = 1.005; }))).toEqual([['indicators', 0, 'points']]);
    expect(pathsOf(broken((s) => { s.indicators[0].recorderRoles = []; }))).toEqual([['indicators', 0, 'recorderRoles']]);
  });

  it('refuses an empty indicator list and unknown keys', () => {
    expect(pathsOf(broken((s) => { s.indicators = []; }))).toEqual([['indicators']]);
    expect(parseScheme({ ...valid(), extra: 1 }).ok).toBe(false);
  });
});

describe('parseScheme: tiers, subject, quotas, multi-year', () => {
  it('refuses a tier listed after the catch-all tier', () => {
    const ps = problemsOf(broken((s) => { s.tiers = [s.tiers[1], s.tiers[0]]; }));
    expect(ps.map((p) => p.path)).toEqual([['tiers', 1, 'rule']]);
  });

  it('refuses a tier that no indicator applies to', () => {
    const ps = problemsOf(broken((s) => {
      s.indicators[0].tiers = ['all'];
      s.indicators[1].tiers = ['all'];
      s.indicators[3].tiers = ['all'];
    }));
    expect(ps.map((p) => p.path)).toEqual([['tiers', 0]]);
    expect(ps[0].message).toContain('老党员');
  });

  it('refuses tiers in an organisation scheme', () => {
    const ps = pathsOf(broken((s) => {
      s.subject = 'org';
      s.orgKinds = ['branch'];
      s.indicators.forEach((x) => { x.tiers = null; });
    }));
    expect(ps).toEqual([['tiers']]);
  });

  it('refuses indicator tiers in an organisation scheme', () => {
    const ps = pathsOf(broken((s) => {
      s.subject = 'org';
      s.orgKinds = ['branch'];
      s.tiers = [];
      s.indicators.forEach((x) => { x.tiers = null; });
      s.indicators[2].tiers = [];
    }));
    expect(ps).toEqual([['indicators', 2, 'tiers']]);
  });

  it('asks an organisation scheme for its kinds and refuses kinds in a member scheme', () => {
    const org = broken((s) => { s.subject = 'org'; s.tiers = []; s.indicators.forEach((x) => { x.tiers = null; }); });
    expect(pathsOf(org)).toEqual([['orgKinds']]);
    expect(pathsOf(broken((s) => { s.orgKinds = ['branch']; }))).toEqual([['orgKinds']]);
  });

  it('refuses a maximum score not above the minimum, and dimension limits the wrong way round', () => {
    expect(pathsOf(broken((s) => { s.minScore = 150; }))).toEqual([['maxScore']]);
    expect(pathsOf(broken((s) => { s.dimensions[0].minPoints = 20; }))).toEqual([['dimensions', 0, 'maxPoints']]);
  });

  it('refuses a quota on an unknown band, or into an unknown band', () => {
    expect(pathsOf(broken((s) => { s.quotas[0].band = 'ghost'; }))).toEqual([['quotas', 0, 'band']]);
    expect(pathsOf(broken((s) => { s.quotas[0].demoteTo = 'ghost'; }))).toEqual([['quotas', 0, 'demoteTo']]);
  });

  it('refuses a quota that demotes into the same or a higher band', () => {
    expect(pathsOf(broken((s) => { s.quotas[0] = { band: 'good', maxShare: 0.5, per: 'org', demoteTo: 'best' }; }))).toEqual([['quotas', 0, 'demoteTo']]);
    expect(pathsOf(broken((s) => { s.quotas[0] = { band: 'good', maxShare: 0.5, per: 'org', demoteTo: 'good' }; }))).toEqual([['quotas', 0, 'demoteTo']]);
  });

  it('refuses a quota share outside (0, 1]', () => {
    expect(pathsOf(broken((s) => { s.quotas[0].maxShare = 0; }))).toEqual([['quotas', 0, 'maxShare']]);
    expect(pathsOf(broken((s) => { s.quotas[0].maxShare = 1.1; }))).toEqual([['quotas', 0, 'maxShare']]);
  });

  it('refuses a multi-year rule on an unknown band', () => {
    expect(pathsOf(broken((s) => { s.multiYear[0].band = 'ghost'; }))).toEqual([['multiYear', 0, 'band']]);
  });

  it('reports every problem at once, each with its own path', () => {
    const ps = pathsOf(broken((s) => {
      s.indicators[0].dimension = 'nope';
      s.indicators[1].capPerEntry = 1;
      s.bands[0].from = 0;
      s.quotas[0].demoteTo = 'ghost';
      s.multiYear[0].band = 'ghost';
    }));
    expect(ps).toEqual([
      ['indicators', 0, 'dimension'],
      ['indicators', 1, 'capPerEntry'],
      ['bands', 0, 'from'],
      ['quotas', 0, 'demoteTo'],
      ['multiYear', 0, 'band'],
    ]);
  });

  it('schemeProblems is empty for the valid fixture', () => {
    expect(schemeProblems(SchemeDefinition.parse(valid()))).toEqual([]);
  });
});

describe('bandInterval', () => {
  it('writes each end with its inclusion', () => {
    expect(bandInterval({ from: 85, fromInclusive: true, to: 95, toInclusive: false })).toBe('[85, 95)');
    expect(bandInterval({ from: 60, fromInclusive: false, to: 85, toInclusive: true })).toBe('(60, 85]');
    expect(bandInterval({ from: null, fromInclusive: true, to: 60, toInclusive: false })).toBe('(-∞, 60)');
    expect(bandInterval({ from: 95, fromInclusive: true, to: null, toInclusive: true })).toBe('[95, +∞)');
  });
});
