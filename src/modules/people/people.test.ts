import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ageOn, idCheckChar, memberProblems, parseIdNumber } from './rules.js';

describe('ID numbers (GB 11643)', () => {
  it('accepts a valid number and reads birth date and gender from it', () => {
    expect(parseIdNumber('110101198001010010')).toEqual({ ok: true, id: '110101198001010010', birthDate: '1980-01-01', gender: '男' });
    expect(parseIdNumber('11010119900909003x')).toMatchObject({ ok: true, gender: '男' });
  });
  it('refuses a wrong check digit, a bad date and a wrong length', () => {
    expect(parseIdNumber('110101198001010011').ok).toBe(false);
    expect(parseIdNumber('110101198002300010').ok).toBe(false);
    expect(parseIdNumber('11010119800101001').ok).toBe(false);
  });
  it('any 17 digits with a date inside get exactly one valid check character', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1920-01-01'), max: new Date('2010-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }), (d, seq) => {
      const first17 = `330106${d.toISOString().slice(0, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
      const valid = [...'0123456789X'].filter((c) => parseIdNumber(first17 + c).ok);
      expect(valid).toEqual([idCheckChar(first17)]);
    }));
  });
});

describe('member record dates', () => {
  const base = { birthDate: '1980-01-01', joinDate: '2005-07-01', fullDate: '2006-07-01', category: '正式党员' };
  it('accepts a consistent record', () => expect(memberProblems(base, '2026-11-22')).toEqual([]));
  it('refuses joining before 18, 转正 before joining, and future dates', () => {
    expect(memberProblems({ ...base, joinDate: '1997-12-31' }, '2026-11-22').map((p) => p.path)).toContain('joinDate');
    expect(memberProblems({ ...base, fullDate: '2005-01-01' }, '2026-11-22').map((p) => p.path)).toContain('fullDate');
    expect(memberProblems({ ...base, birthDate: '2030-01-01' }, '2026-11-22').map((p) => p.path)).toContain('birthDate');
    expect(memberProblems({ ...base, category: '预备党员' }, '2026-11-22').map((p) => p.path)).toContain('fullDate');
  });
  it('checks birth date and gender against the ID number', () => {
    const p = memberProblems({ ...base, birthDate: '1980-01-02', idNumber: '110101198001010010', gender: '女' }, '2026-11-22').map((x) => x.path);
    expect(p).toEqual(expect.arrayContaining(['birthDate', 'gender']));
  });
  it('counts age in whole years', () => {
    expect(ageOn('2000-02-29', '2018-02-28')).toBe(17);
    expect(ageOn('2000-02-29', '2018-03-01')).toBe(18);
  });
});
