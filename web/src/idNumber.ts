/** 公民身份号码 (GB 11643): the check digit, and the birth date and gender it carries; and the phone format the server accepts. */
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** True for an 18-character number whose check digit and birth date are valid. */
export function isValidIdNumber(raw: string): boolean {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  if (CHECK[sum % 11] !== id[17]) return false;
  return idBirthDate(id) !== null;
}

function idBirthDate(id: string): Dayjs | null {
  const s = id.slice(6, 14);
  const d = dayjs(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`);
  return d.isValid() && d.format('YYYYMMDD') === s && d.isBefore(dayjs()) ? d : null;
}

/** Birth date and gender read from a valid number, or null. */
export function idNumberInfo(raw: string): { birthDate: Dayjs; gender: '男' | '女' } | null {
  const id = raw.trim().toUpperCase();
  if (!isValidIdNumber(id)) return null;
  const birthDate = idBirthDate(id);
  if (!birthDate) return null;
  return { birthDate, gender: Number(id[16]) % 2 === 1 ? '男' : '女' };
}

/** A mobile number, or a landline with its area code (as the server accepts). */
export const PHONE_RE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
