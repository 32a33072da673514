/**
 * Pure reading of spreadsheet cells: dates as Excel dates or text, enumerations with their usual
 * variants, headers, and the mapping of one row to a member or organisation record with every
 * problem named by its Chinese column header. No I/O: organisation names are resolved by the caller.
 */
import type { CellValue } from 'exceljs';
import type { z } from 'zod';
import { PARTY_STATES, WORK_STATES } from '../../platform/db/schema.js';
import { MemberFields, type MemberInput } from '../people/schema.js';
import { memberProblems, parseIdNumber } from '../people/rules.js';
import { OrgFields } from '../org/schema.js';
import { ORG_KIND_LABELS } from '../org/rules.js';
import { CATEGORIES, ETHNICITIES, GENDERS, IMPORTABLE_ORG_KINDS, MEMBER_COLUMNS, ORG_COLUMNS, type Column } from './schema.js';

/** A problem of one cell (or of the row, under its most relevant column). */
export type Problem = { column: string; message: string; messageEn: string };
/** A cell reduced to a plain value. */
export type Primitive = string | number | boolean | Date | null;

const DAY = 86_400_000;
const EXCEL_EPOCH_OFFSET = 25_569; // days from 1899-12-30 to 1970-01-01

/** A cell's value without rich text, formulas or hyperlinks. */
export function unwrap(v: CellValue): Primitive {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return v.result === undefined ? null : unwrap(v.result as CellValue);
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : unwrap(v.text as CellValue);
  if ('error' in v) return String(v.error);
  return null;
}

/** The calendar day (UTC) of a date as YYYY-MM-DD, tolerant of the float noise in Excel serials. */
export function isoDay(d: Date): string {
  return new Date(Math.floor((d.getTime() + 1000) / DAY) * DAY).toISOString().slice(0, 10);
}

/** A cell as trimmed text ('' when empty); dates become YYYY-MM-DD. */
export function cellText(v: Primitive): string {
  if (v === null) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : isoDay(v);
  return String(v).replace(/[\u3000\u00a0]/g, ' ').trim();
}

function validDay(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d ? t.toISOString().slice(0, 10) : null;
}

/**
 * A date cell as YYYY-MM-DD: an Excel date, an Excel serial number, 8 digits YYYYMMDD, or text
 * 'YYYY-MM-DD', 'YYYY/M/D', 'YYYY.MM.DD', 'YYYY年M月D日'. Empty gives null; anything else ok: false.
 */
export function parseDate(v: Primitive): { ok: true; value: string | null } | { ok: false } {
  if (v === null || v === '') return { ok: true, value: null };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { ok: false } : { ok: true, value: isoDay(v) };
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 19_000_101 && v <= 21_001_231) {
      const value = validDay(Math.floor(v / 10_000), Math.floor(v / 100) % 100, v % 100);
      return value ? { ok: true, value } : { ok: false };
    }
    if (v >= 61 && v < 73_051) return { ok: true, value: isoDay(new Date((v - EXCEL_EPOCH_OFFSET) * DAY)) };
    return { ok: false };
  }
  if (typeof v !== 'string') return { ok: false };
  const s = cellText(v);
  if (!s) return { ok: true, value: null };
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  const value = m ? validDay(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  return value ? { ok: true, value } : { ok: false };
}

/** One of `options` (after removing spaces and applying `aliases`); null when empty; undefined when not allowed. */
export function parseEnum<T extends string>(v: Primitive, options: readonly T[], aliases: Record<string, T> = {}): T | null | undefined {
  const s = cellText(v).replace(/\s+/g, '');
  if (!s) return null;
  if ((options as readonly string[]).includes(s)) return s as T;
  return aliases[s] ?? aliases[s.toUpperCase()];
}

const YES = new Set(['是', 'Y', 'YES', 'TRUE', '1', '√']);
const NO = new Set(['否', 'N', 'NO', 'FALSE', '0', '×']);

/** 是/否 (or a boolean cell, Y/N, 1/0); null when empty; undefined when neither. */
export function parseYesNo(v: Primitive): boolean | null | undefined {
  if (typeof v === 'boolean') return v;
  const s = cellText(v).replace(/\s+/g, '').toUpperCase();
  if (!s) return null;
  return YES.has(s) ? true : NO.has(s) ? false : undefined;
}

/** A header without spaces, required-markers and parenthesised hints: '党员类别（正式/预备）*' → '党员类别'. */
export function normHeader(h: string): string {
  return h.replace(/[（(][^）)]*[）)]/g, '').replace(/[\s*＊]/g, '');
}

/** Which sheet column (1-based) holds each field; problems for missing required and repeated headers. */
export function mapHeaders(headers: string[], columns: Column[]): { at: Map<string, number>; problems: Problem[] } {
  const at = new Map<string, number>();
  const problems: Problem[] = [];
  const byHeader = new Map(columns.map((c) => [c.header, c]));
  headers.forEach((h, i) => {
    const col = byHeader.get(normHeader(h ?? ''));
    if (!col) return;
    if (at.has(col.key)) problems.push({ column: col.header, message: `表头“${col.header}”重复`, messageEn: `the header ${col.header} appears twice` });
    else at.set(col.key, i);
  });
  for (const c of columns) {
    if (c.required && !at.has(c.key)) problems.push({ column: c.header, message: `缺少“${c.header}”列，请使用导入模板`, messageEn: `the column ${c.header} is missing: use the template` });
  }
  return { at, problems };
}

/** True for the template's example row, which imports skip. */
export function isExampleRow(firstText: string): boolean {
  return /[（(]示例[)）]$/.test(firstText) || firstText.startsWith('示例');
}

const GENDER_ALIASES: Record<string, '男' | '女'> = { 男性: '男', 女性: '女', M: '男', F: '女' };
const CATEGORY_ALIASES: Record<string, (typeof CATEGORIES)[number]> = { 正式: '正式党员', 预备: '预备党员' };
const WORK_ALIASES: Record<string, (typeof WORK_STATES)[number]> = { 退休: '离退休', 离休: '离退休', 无业: '无固定职业' };

function issueZh(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': return issue.input === undefined || issue.input === null ? '必填' : '格式不正确';
    case 'too_big': return `不能超过${String(issue.maximum)}个字`;
    case 'too_small': return '不能为空';
    case 'invalid_value': return `应为 ${issue.values.map(String).join('/')} 之一`;
    default: return /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : '格式不正确';
  }
}

/** Zod issues as problems, one per column, skipping columns that already have one. */
function schemaProblems(issues: z.core.$ZodIssue[], columns: Column[], seen: Set<string>): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) {
    const header = columns.find((c) => c.key === issue.path[0])?.header ?? String(issue.path[0] ?? '');
    if (seen.has(header)) continue;
    seen.add(header);
    out.push({ column: header, message: issueZh(issue), messageEn: issue.message });
  }
  return out;
}

/** Reads one row's cells by field key, into typed values and problems; shared by both imports. */
function readCells(get: (key: string) => Primitive, columns: Column[]) {
  const problems: Problem[] = [];
  const values: Record<string, string | boolean | null> = {};
  const bad = (c: Column, zh: string, en: string) => problems.push({ column: c.header, message: zh, messageEn: en });
  for (const c of columns) {
    const raw = get(c.key);
    const text = cellText(raw);
    values[c.key] = text || null;
    if (c.kind === 'date') {
      const d = parseDate(raw);
      if (d.ok) values[c.key] = d.value;
      else bad(c, `日期无法识别：“${text}”，请填写如 1980-01-01`, `not a date: ${text}`);
    } else if (c.kind === 'bool') {
      const b = parseYesNo(raw);
      if (b === undefined) bad(c, '应填写 是 或 否', 'should be 是 or 否');
      else values[c.key] = b;
    } else if (c.kind === 'idNumber') {
      if (typeof raw === 'number') bad(c, '身份证号须按文本格式填写（数字格式会丢失末位）', 'enter ID numbers as text: a number loses digits');
      values[c.key] = text ? text.replace(/\s+/g, '').toUpperCase() : null;
    } else if (c.kind === 'phone') {
      values[c.key] = text ? text.replace(/\s+/g, '') : null;
    }
  }
  for (const c of columns) {
    if (c.required && values[c.key] === null && !problems.some((p) => p.column === c.header)) bad(c, '必填', 'required');
  }
  return { values, problems, bad };
}

/** Resolves the text of an organisation cell to an id, or explains why it cannot. */
export type OrgResolver = (text: string) => { id: number } | { message: string; messageEn: string };

const MemberRowFields = MemberFields.omit({ orgId: true });
const col = (key: string) => MEMBER_COLUMNS.find((c) => c.key === key) as Column;

/**
 * One row of the member sheet as the API's MemberInput, checked with the API's rules
 * (MemberFields and memberProblems). Birth date and gender, when left blank, come from the ID number.
 */
export function parseMemberRow(get: (key: string) => Primitive, opts: { today: string; resolveOrg: OrgResolver }): { input: MemberInput | null; problems: Problem[] } {
  const { values: v, problems, bad } = readCells(get, MEMBER_COLUMNS);
  const enumOf = <T extends string>(key: string, options: readonly T[], aliases: Record<string, T> = {}): T | null => {
    const r = parseEnum(get(key), options, aliases);
    if (r === undefined) bad(col(key), `应为 ${options.join('/')} 之一`, `should be one of ${options.join('/')}`);
    return r ?? null;
  };
  const gender = enumOf('gender', GENDERS, GENDER_ALIASES);
  const category = enumOf('category', CATEGORIES, CATEGORY_ALIASES);
  const partyState = enumOf('partyState', PARTY_STATES);
  const workState = enumOf('workState', WORK_STATES, WORK_ALIASES);
  const id = typeof v.idNumber === 'string' ? parseIdNumber(v.idNumber) : null;
  const fromId = id?.ok ? id : null;
  // A wrong ID number is the row's problem: say so, rather than that the fields it would fill are missing.
  if (id && !id.ok && !problems.some((p) => p.column === col('idNumber').header)) bad(col('idNumber'), id.zh, id.en);
  let ethnicity = typeof v.ethnicity === 'string' ? v.ethnicity : null;
  if (ethnicity && !ethnicity.endsWith('族') && ETHNICITIES.includes(`${ethnicity}族`)) ethnicity = `${ethnicity}族`;
  const seen = new Set(problems.map((p) => p.column));
  const need = (key: string, derived: unknown, hint = '') => {
    if (v[key] === null && derived == null && !seen.has(col(key).header)) bad(col(key), `必填${hint}`, 'required');
  };
  if (!id || id.ok) {
    need('gender', gender ?? fromId?.gender, '（或填写身份证号）');
    need('birthDate', fromId?.birthDate, '（或填写身份证号）');
  }
  const orgText = typeof v.org === 'string' ? v.org : '';
  const org = opts.resolveOrg(orgText);
  if (!('id' in org)) bad(col('org'), org.message, org.messageEn);
  const candidate = {
    name: v.name ?? undefined, gender: gender ?? fromId?.gender, ethnicity: ethnicity ?? undefined, birthDate: v.birthDate ?? fromId?.birthDate,
    idNumber: v.idNumber, phone: v.phone, education: v.education, category: category ?? undefined, joinDate: v.joinDate ?? undefined, fullDate: v.fullDate,
    post: v.post, workplace: v.workplace, partyState: partyState ?? undefined, workState: workState ?? undefined, flowing: v.flowing ?? undefined, tier: v.tier,
  };
  const parsed = MemberRowFields.safeParse(candidate);
  const already = new Set(problems.map((p) => p.column));
  if (!parsed.success) problems.push(...schemaProblems(parsed.error.issues, MEMBER_COLUMNS, already));
  if (!parsed.success || !('id' in org) || problems.length) return { input: null, problems };
  const input: MemberInput = { ...parsed.data, orgId: org.id };
  for (const p of memberProblems(input, opts.today)) {
    const header = col(p.path)?.header ?? p.path;
    if (!already.has(header)) problems.push({ column: header, message: p.zh, messageEn: p.en });
  }
  return problems.length ? { input: null, problems } : { input, problems };
}

const KIND_BY_LABEL: Record<string, string> = Object.fromEntries(IMPORTABLE_ORG_KINDS.map((k) => [ORG_KIND_LABELS[k].zh, k]));
const KIND_ALIASES: Record<string, string> = { 支部: 'branch', 党总支部: 'general_branch', 总支: 'general_branch', 基层党委: 'party_committee', 联合支部: 'joint_branch', 小组: 'group', 乡镇: 'town', 乡: 'town' };

/** The organisation kind of a Chinese label (党支部 → branch), or undefined. */
export function orgKindOf(label: string): string | undefined {
  const s = label.replace(/\s+/g, '');
  return KIND_BY_LABEL[s] ?? KIND_ALIASES[s];
}

/** The fields of a new organisation as OrgCreate takes them (without parent). */
export type OrgRowValues = z.infer<typeof OrgFields> & { kind: string };

/** One row of the organisation sheet: checked fields, the kind, the parent's text (resolved by the caller), and problems. */
export function parseOrgRow(get: (key: string) => Primitive): { values: OrgRowValues | null; parent: string; problems: Problem[] } {
  const { values: v, problems, bad } = readCells(get, ORG_COLUMNS);
  const kindCol = ORG_COLUMNS[1];
  const kind = typeof v.kind === 'string' ? orgKindOf(v.kind) : undefined;
  if (v.kind && !kind) bad(kindCol, `组织类别无法识别：“${v.kind}”，应为 ${IMPORTABLE_ORG_KINDS.map((k) => ORG_KIND_LABELS[k].zh).join('/')} 之一`, `unknown kind ${v.kind}`);
  const parsed = OrgFields.safeParse({
    name: v.name ?? undefined, code: v.code, establishedOn: v.establishedOn, secretaryName: v.secretaryName, contactPhone: v.contactPhone, address: v.address,
  });
  if (!parsed.success) problems.push(...schemaProblems(parsed.error.issues, ORG_COLUMNS, new Set(problems.map((p) => p.column))));
  const parent = typeof v.parent === 'string' ? v.parent : '';
  if (!parsed.success || !kind || problems.length) return { values: null, parent, problems };
  return { values: { ...parsed.data, kind }, parent, problems };
}
