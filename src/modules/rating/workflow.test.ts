/** The 评星晋级 procedure: every step only from its states, by its role, and no path to four or five stars around the public notice. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { STEPS, STEP_ROLE, nextState, objectionAllowed, openSteps, upheldEffect, type Situation, type State, type Step } from './workflow.js';

const at = (state: State, more: Partial<Situation> = {}): Situation => ({ state, level: 3, vetoes: 0, openObjections: 0, noticeOver: false, ...more });
const go = (s: Situation, step: Step, level?: number) => {
  const r = nextState(s, step, level);
  if (!r.ok) throw new Error(r.refusal.zh);
  return { ...s, state: r.state, level: r.level };
};

describe('the procedure for one to three stars', () => {
  it('goes 自评申报 → 街道考核评定 → 县办审定 → 发文公布', () => {
    let s = at('draft', { level: 3 });
    s = go(s, 'submit');
    expect(s.state).toBe('submitted');
    s = go(s, 'assess', 2);
    expect(s).toMatchObject({ state: 'assessed', level: 2 });
    s = go(s, 'approve');
    expect(s.state).toBe('approved');
    s = go(s, 'publish');
    expect(s).toMatchObject({ state: 'published', level: 2 });
  });

  it('lets the street return an application for more evidence, and the community submit again', () => {
    const s = go(go(go(at('draft'), 'submit'), 'return'), 'submit');
    expect(s.state).toBe('submitted');
  });

  it('refuses steps out of order, with the state named', () => {
    const r = nextState(at('draft'), 'approve');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.refusal.zh).toMatch(/自评中/);
    expect(nextState(at('submitted'), 'publish').ok).toBe(false);
    expect(nextState(at('published'), 'submit').ok).toBe(false);
    expect(nextState(at('refused'), 'assess').ok).toBe(false);
  });

  it('never sets a level above the one applied for or outside 1–5', () => {
    expect(nextState(at('submitted', { level: 2 }), 'assess', 3).ok).toBe(false);
    expect(nextState(at('submitted', { level: 2 }), 'assess', 0).ok).toBe(false);
    expect(nextState(at('submitted', { level: 2 }), 'assess', 1.5).ok).toBe(false);
  });
});

describe('the procedure for four and five stars', () => {
  it('needs 验收 and a public notice that has ended with every objection answered', () => {
    let s = go(go(at('draft', { level: 5 }), 'submit'), 'assess');
    expect(nextState(s, 'approve').ok).toBe(false); // five stars cannot be approved directly
    s = go(s, 'accept');
    expect(s.state).toBe('notice');
    expect(nextState(s, 'publish').ok).toBe(false); // period running
    expect(nextState({ ...s, noticeOver: true, openObjections: 1 }, 'publish').ok).toBe(false);
    expect(go({ ...s, noticeOver: true }, 'publish')).toMatchObject({ state: 'published', level: 5 });
  });

  it('bars four and five stars while a veto item holds, at 验收 and at publication', () => {
    const s = go(go(at('draft', { level: 4 }), 'submit'), 'assess');
    expect(nextState({ ...s, vetoes: 1 }, 'accept').ok).toBe(false);
    const n = go(s, 'accept');
    expect(nextState({ ...n, vetoes: 1, noticeOver: true }, 'publish').ok).toBe(false);
    // the county may still approve a lower level
    expect(go({ ...s, vetoes: 1 }, 'approve', 3)).toMatchObject({ state: 'approved', level: 3 });
  });

  it('accepts objections only within the notice period', () => {
    expect(objectionAllowed('notice', '2026-03-02', '2026-03-02', '2026-03-06')).toBeNull();
    expect(objectionAllowed('notice', '2026-03-06', '2026-03-02', '2026-03-06')).toBeNull();
    expect(objectionAllowed('notice', '2026-03-07', '2026-03-02', '2026-03-06')?.zh).toMatch(/已于 2026-03-06 结束/);
    expect(objectionAllowed('notice', '2026-03-01', '2026-03-02', '2026-03-06')?.zh).toMatch(/尚未开始/);
    expect(objectionAllowed('published', '2026-03-03', '2026-03-02', '2026-03-06')).not.toBeNull();
  });

  it('an upheld objection refuses the rating or lowers it; a lowered level below four needs no notice', () => {
    expect(upheldEffect(5, { kind: 'refuse' })).toMatchObject({ ok: true, state: 'refused' });
    expect(upheldEffect(5, { kind: 'lower', level: 4 })).toMatchObject({ ok: true, state: 'notice', level: 4 });
    expect(upheldEffect(5, { kind: 'lower', level: 3 })).toMatchObject({ ok: true, state: 'approved', level: 3 });
    expect(upheldEffect(4, { kind: 'lower', level: 4 }).ok).toBe(false);
  });
});

describe('roles', () => {
  it('offers each role only its own steps', () => {
    expect(openSteps(at('draft'), 'community')).toEqual(['submit']);
    expect(openSteps(at('draft'), 'county')).toEqual([]);
    expect(openSteps(at('submitted'), 'street').sort()).toEqual(['assess', 'return']);
    expect(openSteps(at('assessed', { level: 3 }), 'county').sort()).toEqual(['approve', 'refuse', 'sendBack']);
    expect(openSteps(at('assessed', { level: 5 }), 'county').sort()).toEqual(['accept', 'approve', 'refuse', 'sendBack']);
    expect(openSteps(at('assessed', { level: 5 }), 'street')).toEqual([]);
  });
});

describe('properties', () => {
  const arbStep = fc.record({
    step: fc.constantFrom(...STEPS), level: fc.integer({ min: 0, max: 6 }), vetoes: fc.integer({ min: 0, max: 1 }),
    openObjections: fc.integer({ min: 0, max: 2 }), noticeOver: fc.boolean(),
  });

  it('no sequence of steps publishes four or five stars without a finished notice, answered objections and no veto', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5 }), fc.array(arbStep, { maxLength: 12 }), (applied, steps) => {
      let s = at('draft', { level: applied });
      let sawNotice = false;
      for (const x of steps) {
        const here: Situation = { ...s, vetoes: x.vetoes, openObjections: x.openObjections, noticeOver: x.noticeOver };
        const r = nextState(here, x.step, x.level);
        if (!r.ok) continue;
        if (r.state === 'published' && r.level >= 4) {
          expect(sawNotice).toBe(true);
          expect(here.state).toBe('notice');
          expect(here.noticeOver && here.openObjections === 0 && here.vetoes === 0).toBe(true);
        }
        if (r.state === 'notice') sawNotice = true;
        // a level only ever goes down, and stays within 1–5
        expect(r.level).toBeLessThanOrEqual(s.level);
        expect(r.level).toBeGreaterThanOrEqual(1);
        s = { ...here, state: r.state, level: r.level };
      }
    }));
  });

  it('a step refused changes nothing, and ended applications take no step', () => {
    fc.assert(fc.property(fc.constantFrom<State>('published', 'refused'), fc.constantFrom(...STEPS), fc.integer({ min: 1, max: 5 }), (state, step, level) => {
      expect(nextState(at(state, { level: 5, noticeOver: true }), step, level).ok).toBe(false);
    }));
    for (const step of STEPS) expect(['community', 'street', 'county']).toContain(STEP_ROLE[step]);
  });
});
