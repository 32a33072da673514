/** Pure rules of people's records: Chinese ID numbers (GB 11643), phone numbers, and the dates of a member's record. */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character of the first 17 digits of an ID number. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** What an ID number tells: birth date and gender; or the reason it is invalid. */
export function parseIdNumber(raw: string): { ok: true; id: string; birthDate: string; gender: '男' | '女' } | { ok: false; zh: string; en: string } {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, zh: '身份证号应为18位（最后一位可为X）', en: 'an ID number has 18 characters' };
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const d = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== birth || birth < '1900-01-01') return { ok: false, zh: '身份证号中的出生日期无效', en: 'the birth date inside the ID number is invalid' };
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, zh: '身份证号校验位错误', en: 'the ID number check digit is wrong' };
  return { ok: true, id, birthDate: birth, gender: Number(id[16]) % 2 === 1 ? '男' : '女' };
}

/** Mainland mobile numbers: 11 digits starting with 1; or a landline with area code. */
export const PHONE_RE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** Full years between two ISO dates. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export type MemberDates = {
  birthDate: string; joinDate: string; fullDate?: string | null; category: string;
  idNumber?: string | null; gender?: string; partyStateDate?: string | null;
};

/** Problems with a member's record as a whole, each with the field it concerns. */
export function memberProblems(m: MemberDates, today: string): { path: string; zh: string; en: string }[] {
  const out: { path: string; zh: string; en: string }[] = [];
  if (m.birthDate > today) out.push({ path: 'birthDate', zh: '出生日期不能晚于今天', en: 'birth date is in the future' });
  if (m.joinDate > today) out.push({ path: 'joinDate', zh: '入党日期不能晚于今天', en: 'join date is in the future' });
  if (ageOn(m.birthDate, m.joinDate) < 18) out.push({ path: 'joinDate', zh: '入党时须年满18周岁', en: 'a member joins at 18 or older' });
  if (m.joinDate < '1921-07-01') out.push({ path: 'joinDate', zh: '入党日期早于建党日期', en: 'join date before 1921' });
  if (m.category === '正式党员' && !m.fullDate) out.push({ path: 'fullDate', zh: '正式党员须填写转正日期', en: 'a full member needs a 转正 date' });
  if (m.category === '预备党员' && m.fullDate) out.push({ path: 'fullDate', zh: '预备党员不应有转正日期', en: 'a probationary member has no 转正 date' });
  if (m.fullDate && m.fullDate < m.joinDate) out.push({ path: 'fullDate', zh: '转正日期不能早于入党日期', en: '转正 date before the join date' });
  if (m.fullDate && m.fullDate > today) out.push({ path: 'fullDate', zh: '转正日期不能晚于今天', en: '转正 date is in the future' });
  if (m.partyStateDate && m.partyStateDate > today) out.push({ path: 'partyStateDate', zh: '党籍状态日期不能晚于今天', en: 'party-state date is in the future' });
  if (m.idNumber) {
    const p = parseIdNumber(m.idNumber);
    if (!p.ok) out.push({ path: 'idNumber', zh: p.zh, en: p.en });
    else {
      if (p.birthDate !== m.birthDate) out.push({ path: 'birthDate', zh: '出生日期与身份证号不一致', en: 'birth date differs from the ID number' });
      if (m.gender && p.gender !== m.gender) out.push({ path: 'gender', zh: '性别与身份证号不一致', en: 'gender differs from the ID number' });
    }
  }
  return out;
}
