/**
 * The pure rules of generated people: valid ID numbers (GB 11643), mobile numbers, dates of
 * birth, joining and full membership, and the attributes of the national member record.
 * No I/O; every draw comes from the given Rng.
 */
import { Rng, WeightedTable } from './random.js';
import { personName } from './names.js';

/** Gender as the member record stores it. */
export type Gender = '男' | '女';
/** Urban community (社区) or village (村): work and age patterns differ. */
export type Settlement = 'community' | 'village';

// ---- dates (ISO 'YYYY-MM-DD', computed in UTC) ----

const DAY = 86_400_000;

/** Days since 1970-01-01 of an ISO date. */
export function toDays(iso: string): number {
  return Math.floor(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY);
}

/** The ISO date of a day number. */
export function fromDays(days: number): string {
  return new Date(days * DAY).toISOString().slice(0, 10);
}

/** The same calendar day `years` later (29 February becomes 28 February in common years). */
export function addYears(iso: string, years: number): string {
  const y = +iso.slice(0, 4) + years;
  const m = +iso.slice(5, 7);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const d = Math.min(+iso.slice(8, 10), last);
  return `${String(y).padStart(4, '0')}-${iso.slice(5, 7)}-${String(d).padStart(2, '0')}`;
}

/** Whole years from `birth` to `on`. */
export function ageOn(birth: string, on: string): number {
  const years = +on.slice(0, 4) - +birth.slice(0, 4);
  return on.slice(5) >= birth.slice(5) ? years : years - 1;
}

// ---- ID numbers (GB 11643-1999) ----

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character of the first 17 digits of an ID number. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** True when `id` is an 18-character ID number with a real birth date and a correct check character. */
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (fromDays(toDays(birth)) !== birth) return false;
  return idCheckChar(id.slice(0, 17)) === id[17];
}

/** The gender an ID number encodes (odd 17th digit: male). */
export function idGender(id: string): Gender {
  return (id.charCodeAt(16) - 48) % 2 === 1 ? '男' : '女';
}

/** An ID number for a person of `region` (6-digit county code), unique within `taken`, which records it. */
export function uniqueIdNumber(rng: Rng, region: string, birth: string, gender: Gender, taken: Set<string>): string {
  const head = region + birth.replaceAll('-', '');
  for (let attempt = 0; attempt < 2000; attempt++) {
    const seq = rng.int(0, 499) * 2 + (gender === '男' ? 1 : 0);
    const first17 = head + String(seq).padStart(3, '0');
    const id = first17 + idCheckChar(first17);
    if (!taken.has(id)) { taken.add(id); return id; }
  }
  throw new Error(`no free ID number left for ${region} ${birth}`);
}

// ---- phones ----

const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158', '159', '166', '173', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '198', '199'];

/** A mainland mobile number (11 digits with a real operator prefix). */
export function mobileNumber(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

/** A landline office number with the given area code, e.g. 0571-86123456. */
export function landline(rng: Rng, areaCode: string): string {
  return `${areaCode}-${rng.int(5, 8)}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
}

// ---- people ----

/** Ages of party members: grassroots rolls skew old (many retirees). */
const MEMBER_AGES = new WeightedTable<readonly [number, number]>([
  [[18, 22], 1.5], [[23, 30], 10], [[31, 40], 16], [[41, 50], 16], [[51, 60], 18],
  [[61, 70], 18], [[71, 80], 13], [[81, 95], 7.5],
]);
const RESIDENT_AGES = new WeightedTable<readonly [number, number]>([
  [[18, 30], 14], [[31, 45], 26], [[46, 60], 28], [[61, 75], 22], [[76, 90], 10],
]);

export type Person = { name: string; gender: Gender; birthDate: string; idNumber: string; phone: string | null };

/** A person of the given kind living in `region`, with a unique ID number. */
export function person(rng: Rng, kind: 'member' | 'resident', asOf: string, region: string, taken: Set<string>): Person {
  const gender: Gender = rng.chance(kind === 'member' ? 0.7 : 0.48) ? '男' : '女';
  const [lo, hi] = (kind === 'member' ? MEMBER_AGES : RESIDENT_AGES).draw(rng);
  const age = rng.int(lo, hi);
  // A birthday between (asOf − age − 1 year, asOf − age], so the age on asOf is exactly `age`.
  const latest = toDays(addYears(asOf, -age));
  const earliest = toDays(addYears(asOf, -age - 1)) + 1;
  const birthDate = fromDays(rng.int(earliest, latest));
  const name = personName(rng, gender, +birthDate.slice(0, 4));
  const idNumber = uniqueIdNumber(rng, region, birthDate, gender, taken);
  const phone = rng.chance(age >= 80 ? 0.7 : 0.97) ? mobileNumber(rng) : null;
  return { name, gender, birthDate, idNumber, phone };
}

const ETHNICITIES = new WeightedTable<string>([
  ['汉族', 930], ['壮族', 12], ['回族', 8], ['满族', 8], ['维吾尔族', 5], ['苗族', 6], ['彝族', 6],
  ['土家族', 6], ['藏族', 4], ['蒙古族', 5], ['侗族', 2], ['布依族', 2], ['瑶族', 2], ['白族', 2], ['朝鲜族', 2],
]);

/** Education levels of the national record, from low to high. */
export const EDUCATIONS = ['小学及以下', '初中', '高中', '中专', '大学专科', '大学本科', '研究生'] as const;
/** One education level. */
export type Education = (typeof EDUCATIONS)[number];

const EDUCATION_BY_ERA: readonly (readonly [number, WeightedTable<Education>])[] = [
  [1950, new WeightedTable<Education>([['小学及以下', 30], ['初中', 35], ['高中', 20], ['中专', 8], ['大学专科', 5], ['大学本科', 2]])],
  [1970, new WeightedTable<Education>([['小学及以下', 8], ['初中', 28], ['高中', 25], ['中专', 13], ['大学专科', 15], ['大学本科', 10], ['研究生', 1]])],
  [1985, new WeightedTable<Education>([['初中', 10], ['高中', 16], ['中专', 10], ['大学专科', 26], ['大学本科', 33], ['研究生', 5]])],
  [9999, new WeightedTable<Education>([['高中', 4], ['中专', 5], ['大学专科', 24], ['大学本科', 52], ['研究生', 15]])],
];

/** Work states of the national record (the schema's CHECK values). */
export const WORK_STATES = ['在职', '离退休', '务农', '学生', '无固定职业', '其他'] as const;
/** One work state. */
export type WorkState = (typeof WORK_STATES)[number];

/** What a member's record says beyond the person: dates, category, education, work and party state. */
export type MemberRecord = {
  ethnicity: string;
  education: Education;
  category: '正式党员' | '预备党员';
  joinDate: string;
  fullDate: string | null;
  partyState: '正常' | '保留' | '恢复' | '停止';
  partyStateDate: string | null;
  workState: WorkState;
  flowing: boolean;
};

/** The record of a member born on `birth`, as it stands on `asOf`. */
export function memberRecord(rng: Rng, p: Pick<Person, 'gender' | 'birthDate'>, asOf: string, settlement: Settlement): MemberRecord {
  const age = ageOn(p.birthDate, asOf);
  const adult = toDays(addYears(p.birthDate, 18));
  const fullBy = toDays(addYears(asOf, -1));
  const probationary = adult > fullBy || rng.chance(age < 35 ? 0.07 : 0.01);
  let join: number;
  if (probationary) {
    join = rng.int(Math.max(adult, fullBy + 1), toDays(asOf));
  } else {
    join = toDays(addYears(p.birthDate, 18 + Math.floor(rng.exponential(8)))) + rng.int(0, 364);
    if (join > fullBy || join < adult) join = rng.int(adult, fullBy);
  }
  const joinDate = fromDays(join);
  const fullDate = probationary ? null : addYears(joinDate, 1);
  const birthYear = +p.birthDate.slice(0, 4);
  const education = (EDUCATION_BY_ERA.find(([until]) => birthYear < until) ?? EDUCATION_BY_ERA[3])[1].draw(rng);
  const retired = age >= (p.gender === '男' ? 60 : 55);
  let workState: WorkState;
  if (retired) {
    workState = settlement === 'village' ? rng.weighted([['务农', 50], ['离退休', 42], ['其他', 8]]) : rng.weighted([['离退休', 92], ['其他', 5], ['无固定职业', 3]]);
  } else if (age <= 24) {
    workState = rng.weighted([['学生', 40], ['在职', 50], ['无固定职业', 10]]);
  } else if (settlement === 'village') {
    workState = rng.weighted([['务农', 42], ['在职', 46], ['无固定职业', 8], ['其他', 4]]);
  } else {
    workState = rng.weighted([['在职', 84], ['无固定职业', 7], ['其他', 5], ['离退休', 4]]);
  }
  const state = probationary ? '正常' : rng.weighted<MemberRecord['partyState']>([['正常', 994], ['停止', 3], ['保留', 2], ['恢复', 1]]);
  const partyStateDate = state === '正常' ? null : fromDays(rng.int(toDays(fullDate ?? joinDate), toDays(asOf)));
  return {
    ethnicity: ETHNICITIES.draw(rng),
    education,
    category: probationary ? '预备党员' : '正式党员',
    joinDate,
    fullDate,
    partyState: state,
    partyStateDate,
    workState,
    flowing: rng.chance(age < 50 && workState !== '离退休' ? 0.055 : 0.008),
  };
}
