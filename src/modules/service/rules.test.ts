/** The pure rules of 点对点服务 and volunteering: the confirmation code, names, phones and an activity's phases. */
import { describe, expect, it } from 'vitest';
import { activityHours, activityPhase, confirmCode, lastFour, maskName, normaliseCode } from './rules.js';

const key = Buffer.alloc(32, 3);

describe('the confirmation code', () => {
  it('is the same for the same service and date, different otherwise, and needs the key', () => {
    const s = { countyId: 1, id: 42, servedOn: '2026-05-01' };
    const code = confirmCode(key, s);
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(confirmCode(key, s)).toBe(code);
    expect(confirmCode(key, { ...s, id: 43 })).not.toBe(code);
    expect(confirmCode(key, { ...s, servedOn: '2026-05-02' })).not.toBe(code);
    expect(confirmCode(Buffer.alloc(32, 4), s)).not.toBe(code);
  });
  it('is read back whatever the case, spaces or dash, and refuses what cannot be one', () => {
    const code = confirmCode(key, { countyId: 1, id: 7, servedOn: '2026-01-01' });
    for (const typed of [code, code.toLowerCase(), code.replace('-', ''), ` ${code.replace('-', ' ')} `]) expect(normaliseCode(typed)).toBe(code);
    for (const bad of ['', 'ABCD-EFG', 'ABCD-EFGHJ', 'ABCD-EFG0', 'IIII-OOOO']) expect(normaliseCode(bad)).toBeNull();
  });
});

describe('small helpers', () => {
  it('masks names and reads the last four digits of a masked phone', () => {
    expect(maskName('王大妈')).toBe('王**');
    expect(maskName('欧阳娜娜娜')).toBe('欧***');
    expect(maskName('李')).toBe('李');
    expect(lastFour('139****5678')).toBe('5678');
    expect(lastFour(null)).toBeNull();
  });
  it('opens sign-up until the end, attendance from the start, cancellation while open', () => {
    const a = { state: 'open', startsAt: new Date('2026-05-01T01:00:00Z'), endsAt: new Date('2026-05-01T03:30:00Z') };
    expect(activityHours(a.startsAt, a.endsAt)).toBe(2.5);
    expect(activityPhase(a, Date.parse('2026-05-01T00:00:00Z'))).toEqual({ signUp: true, attendance: false, cancel: true });
    expect(activityPhase(a, Date.parse('2026-05-01T02:00:00Z'))).toEqual({ signUp: true, attendance: true, cancel: true });
    expect(activityPhase(a, Date.parse('2026-05-01T04:00:00Z'))).toEqual({ signUp: false, attendance: true, cancel: true });
    expect(activityPhase({ ...a, state: 'done' }, Date.parse('2026-05-01T04:00:00Z'))).toEqual({ signUp: false, attendance: true, cancel: false });
    expect(activityPhase({ ...a, state: 'cancelled' }, Date.parse('2026-05-01T04:00:00Z'))).toEqual({ signUp: false, attendance: false, cancel: false });
    expect(activityHours(new Date(0), new Date(3 * 86_400_000))).toBe(24);
  });
});
