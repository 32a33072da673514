/**
 * A scheme as an .xlsx workbook, and back: a 方案 sheet of key/value rows, then one sheet per
 * list (维度, 层次, 指标, 等次, 名额, 连续年度) with Chinese headers and one row per item. The
 * import reads the same layout into a plain object for `parseScheme`; a cell it cannot read is a
 * problem naming its sheet and row, never an exception.
 */
import ExcelJS from 'exceljs';
import { ORG_KIND_LABELS } from '../org/rules.js';
import { cellText, normHeader, parseYesNo, unwrap, type Primitive } from '../excel/parse.js';
import type { SchemeDefinition } from './model.js';

/** What describes a scheme beside its definition. */
export type SchemeMeta = { name: string; code: string; source: string | null; year: number; version?: number };
/** A problem of an imported workbook: the sheet, the 1-based row (0: the file or sheet as a whole) and what is wrong. */
export type SheetProblem = { sheet: string; row: number; message: string };
/** What an import read: the meta fields present, the definition to give to `parseScheme`, and the cells it could not read. */
export type SchemeImport = {
  meta: { name?: string; code?: string; source?: string | null; year?: number; version?: number };
  definition: unknown;
  problems: SheetProblem[];
};

/** The sheet names, in workbook order. */
export const SCHEME_SHEETS = { scheme: '方案', dimensions: '维度', tiers: '层次', indicators: '指标', bands: '等次', quotas: '名额', multiYear: '连续年度' } as const;

/** Separator of free-text lists (后果, 可选结果): a 后果 may itself contain “、”. */
const TEXT_SEP = '；';
const SPLIT_TEXT = /[；;\n]/;
const SPLIT_CODES = /[,，、;；\s]+/;

type Kind =
  | { t: 'text' } // '' → null
  | { t: 'num' } // '' → null
  | { t: 'int' } // '' → null
  | { t: 'bool' } // 是/否; '' → null
  | { t: 'boolOr' } // 是/否; '' → left out (the schema's default applies)
  | { t: 'codes'; emptyNull: boolean } // comma-separated codes; '' → null or []
  | { t: 'texts' } // ；-separated text; '' → []
  | { t: 'enum'; labels: Record<string, string> } // code written as its label; label or code read
  | { t: 'json' };
type Col = { key: string; header: string; width: number; kind: Kind };

const TEXT: Kind = { t: 'text' };
const NUM: Kind = { t: 'num' };
const BOOL: Kind = { t: 'bool' };
const BOOL_DEFAULT: Kind = { t: 'boolOr' };
const col = (key: string, header: string, width: number, kind: Kind = TEXT): Col => ({ key, header, width, kind });

const SUBJECTS = { member: '党员', org: '组织' };
const VISIBLE = { admins: '仅管理员', branch: '本支部党员' };
const SIGNS = { add: '加分', subtract: '减分' };
const PER = { run: '全体', org: '按组织' };
const ORG_KINDS: Record<string, string> = Object.fromEntries(Object.entries(ORG_KIND_LABELS).map(([k, v]) => [k, v.zh]));

/** The rows of the 方案 sheet; keys with a dot belong to `board`, keys under `meta.` to the meta. */
const SCHEME_ROWS: Col[] = [
  col('meta.name', '名称', 0), col('meta.code', '代码', 0), col('meta.source', '来源', 0), col('meta.year', '年度', 0, { t: 'int' }),
  col('meta.version', '版本', 0, { t: 'int' }), col('subject', '考核对象', 0, { t: 'enum', labels: SUBJECTS }),
  col('orgKinds', '考核组织类别', 0, { t: 'enum', labels: ORG_KINDS }), col('baseScore', '基础分', 0, NUM), col('minScore', '最低分', 0, NUM),
  col('maxScore', '最高分', 0, NUM), col('gradeProbationary', '预备党员评定等次', 0, BOOL_DEFAULT),
  col('board.visibleTo', '亮分范围', 0, { t: 'enum', labels: VISIBLE }), col('board.showNames', '亮分显示姓名', 0, BOOL),
];

/** The columns of each list sheet, by the definition's key. */
const LISTS: { key: 'dimensions' | 'tiers' | 'indicators' | 'bands' | 'quotas' | 'multiYear'; required: boolean; cols: Col[] }[] = [
  { key: 'dimensions', required: false, cols: [col('code', '代码', 12), col('name', '名称', 20), col('maxPoints', '上限', 8, NUM), col('minPoints', '下限', 8, NUM)] },
  { key: 'tiers', required: false, cols: [col('code', '代码', 12), col('name', '名称', 20), col('description', '说明', 30), col('rule', '规则', 60, { t: 'json' })] },
  {
    key: 'indicators', required: true, cols: [
      col('code', '代码', 10), col('name', '名称', 30), col('dimension', '维度', 10), col('kind', '加减', 6, { t: 'enum', labels: SIGNS }),
      col('points', '分值', 6, NUM), col('adjustable', '可调整', 7, BOOL_DEFAULT), col('capPerEntry', '单次上限', 9, NUM), col('capPerMonth', '每月上限', 9, NUM),
      col('capPerYear', '每年上限', 9, NUM), col('evidenceRequired', '须佐证', 7, BOOL_DEFAULT), col('recorderRoles', '记分角色', 40, { t: 'codes', emptyNull: false }),
      col('tiers', '适用层次', 20, { t: 'codes', emptyNull: true }), col('description', '说明', 30),
    ],
  },
  {
    key: 'bands', required: true, cols: [
      col('code', '代码', 12), col('name', '名称', 10), col('from', '下限', 8, NUM), col('fromInclusive', '含下限', 7, BOOL), col('to', '上限', 8, NUM),
      col('toInclusive', '含上限', 7, BOOL), col('award', '奖励金额', 10, NUM), col('actions', '后果', 30, { t: 'texts' }),
      col('opensTask', '立整改任务', 10, BOOL_DEFAULT), col('classification', '分类', 8),
    ],
  },
  { key: 'quotas', required: false, cols: [col('band', '等次', 12), col('maxShare', '比例上限', 10, NUM), col('per', '范围', 8, { t: 'enum', labels: PER }), col('demoteTo', '调入等次', 12)] },
  {
    key: 'multiYear', required: false, cols: [
      col('band', '等次', 12), col('consecutiveYears', '连续年数', 10, { t: 'int' }), col('action', '处置', 14), col('options', '可选结果', 30, { t: 'texts' }),
    ],
  },
];

// ---------------------------------------------------------------- export

/** One value as a cell; empty lists give an empty cell. */
function toCell(k: Kind, v: unknown): string | number | null {
  if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) return null;
  switch (k.t) {
    case 'bool': case 'boolOr': return v ? '是' : '否';
    case 'codes': return Array.isArray(v) ? v.join(',') : String(v);
    case 'texts': return Array.isArray(v) ? v.join(TEXT_SEP) : String(v);
    case 'enum': return Array.isArray(v) ? v.map((x) => k.labels[String(x)] ?? String(x)).join('、') : (k.labels[String(v)] ?? String(v));
    case 'json': return JSON.stringify(v);
    default: return typeof v === 'number' ? v : String(v);
  }
}

const boldHeader = (ws: ExcelJS.Worksheet) => {
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
};

/** A scheme as one .xlsx workbook (sheets 方案, 维度, 层次, 指标, 等次, 名额, 连续年度). */
export async function exportSchemeXlsx(meta: SchemeMeta, def: SchemeDefinition): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '先锋';
  const head = wb.addWorksheet(SCHEME_SHEETS.scheme);
  head.columns = [{ header: '项目', width: 18 }, { header: '内容', width: 60 }];
  const metaValues: Record<string, unknown> = { name: meta.name, code: meta.code, source: meta.source, year: meta.year, version: meta.version };
  const defValues: Record<string, unknown> = def;
  for (const c of SCHEME_ROWS) {
    const [first, second] = c.key.split('.');
    const v = first === 'meta' ? metaValues[second] : first === 'board' ? def.board[second as keyof SchemeDefinition['board']] : defValues[first];
    head.addRow([c.header, toCell(c.kind, v)]);
  }
  boldHeader(head);
  for (const list of LISTS) {
    const ws = wb.addWorksheet(SCHEME_SHEETS[list.key]);
    ws.columns = list.cols.map((c) => ({ header: c.header, width: c.width }));
    const items: Record<string, unknown>[] = def[list.key];
    for (const item of items) ws.addRow(list.cols.map((c) => toCell(c.kind, item[c.key])));
    boldHeader(ws);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------- import

/** A cell read: the value to set, `skip` to leave the key out, or a problem message. */
type Read = { ok: true; value: unknown } | { ok: true; skip: true } | { ok: false; message: string };
const ok = (value: unknown): Read => ({ ok: true, value });

/** Reads one cell by its column's kind. */
function fromCell(c: Col, v: Primitive): Read {
  const text = cellText(v);
  const k = c.kind;
  if (k.t === 'boolOr' && text === '') return { ok: true, skip: true };
  if (k.t === 'codes') return ok(text === '' ? (k.emptyNull ? null : []) : text.split(SPLIT_CODES).filter(Boolean));
  if (k.t === 'texts') return ok(text.split(SPLIT_TEXT).map((s) => s.trim()).filter(Boolean));
  if (text === '') return ok(null);
  switch (k.t) {
    case 'num': case 'int': {
      const n = typeof v === 'number' ? v : /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : NaN;
      const want = k.t === 'int' ? '整数' : '数字';
      if (!Number.isFinite(n) || (k.t === 'int' && !Number.isInteger(n))) return { ok: false, message: `“${c.header}”应为${want}，而不是“${text}”` };
      return ok(n);
    }
    case 'bool': case 'boolOr': {
      const b = parseYesNo(v);
      return typeof b === 'boolean' ? ok(b) : { ok: false, message: `“${c.header}”应填“是”或“否”，而不是“${text}”` };
    }
    case 'enum': {
      const byLabel = new Map(Object.entries(k.labels).map(([code, label]) => [label, code]));
      const one = (s: string) => (Object.hasOwn(k.labels, s) ? s : byLabel.get(s));
      if (c.key === 'orgKinds') {
        const parts = text.split(SPLIT_CODES).filter(Boolean);
        const bad = parts.filter((p) => !one(p));
        return bad.length ? { ok: false, message: `“${c.header}”中的“${bad.join('、')}”不是组织类别` } : ok(parts.map(one));
      }
      const code = one(text.replace(/\s+/g, ''));
      return code ? ok(code) : { ok: false, message: `“${c.header}”应为 ${Object.values(k.labels).join('/')} 之一，而不是“${text}”` };
    }
    case 'json':
      try {
        return ok(JSON.parse(text));
      } catch {
        return { ok: false, message: `“${c.header}”不是有效的 JSON` };
      }
    default: return ok(text);
  }
}

const refused = (message: string): SchemeImport => ({ meta: {}, definition: null, problems: [{ sheet: '', row: 0, message }] });

/** Reads the 方案 sheet into the meta and the definition's scalar fields. */
function readHead(ws: ExcelJS.Worksheet, meta: SchemeImport['meta'], def: Record<string, unknown>, problems: SheetProblem[]): void {
  const board: Record<string, unknown> = {};
  const byHeader = new Map(SCHEME_ROWS.map((c) => [c.header, c]));
  const seen = new Set<string>();
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const label = normHeader(cellText(unwrap(row.getCell(1).value)));
    const value = unwrap(row.getCell(2).value);
    if (!label && cellText(value) === '') return;
    const c = byHeader.get(label);
    const at = (message: string) => problems.push({ sheet: ws.name, row: n, message });
    if (!c) return void at(`未知项目“${label}”`);
    if (seen.has(label)) return void at(`项目“${label}”重复`);
    seen.add(label);
    const r = fromCell(c, value);
    if (!r.ok) return void at(r.message);
    if ('skip' in r) return;
    const [first, second] = c.key.split('.');
    if (first === 'meta') {
      if (r.value !== null) Object.assign(meta, { [second]: r.value });
      else if (second === 'source') meta.source = null;
    } else if (first === 'board') {
      board[second] = r.value;
    } else def[first] = c.key === 'orgKinds' && r.value === null ? [] : r.value;
  });
  if (Object.values(board).some((v) => v !== null)) def.board = board;
}

/** Reads a list sheet: headers mapped by name (any order), one item per non-empty row. */
function readList(ws: ExcelJS.Worksheet, cols: Col[], problems: SheetProblem[]): Record<string, unknown>[] {
  const at = new Map<string, number>();
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, i) => {
    const c = cols.find((x) => x.header === normHeader(cellText(unwrap(cell.value))));
    if (c && !at.has(c.key)) at.set(c.key, i);
  });
  for (const c of cols) if (!at.has(c.key)) problems.push({ sheet: ws.name, row: 1, message: `缺少“${c.header}”列` });
  const out: Record<string, unknown>[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const cells = cols.map((c) => (at.has(c.key) ? unwrap(row.getCell(at.get(c.key)!).value) : null));
    if (cells.every((v) => cellText(v) === '')) return;
    const item: Record<string, unknown> = {};
    cols.forEach((c, i) => {
      if (!at.has(c.key)) return;
      const r = fromCell(c, cells[i]);
      if (!r.ok) problems.push({ sheet: ws.name, row: n, message: r.message });
      else if (!('skip' in r)) item[c.key] = r.value;
    });
    out.push(item);
  });
  return out;
}

/**
 * Reads a workbook written by `exportSchemeXlsx` (or edited from one) into a plain definition for
 * `parseScheme`: numbers as numbers, empty cells as null (or left out where the scheme has a
 * default), 是/否 as booleans, tier rules parsed from JSON. Files that are not .xlsx give a problem.
 */
export async function importSchemeXlsx(buf: Buffer): Promise<SchemeImport> {
  const notXlsx = '不是有效的 Excel (.xlsx) 文件';
  if (buf.length < 4 || buf.readUInt32BE(0) !== 0x504b0304) return refused(notXlsx);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(new Uint8Array(buf).buffer);
  } catch {
    return refused(notXlsx);
  }
  const problems: SheetProblem[] = [];
  const meta: SchemeImport['meta'] = {};
  const def: Record<string, unknown> = {};
  const head = wb.getWorksheet(SCHEME_SHEETS.scheme);
  if (head) readHead(head, meta, def, problems);
  else problems.push({ sheet: SCHEME_SHEETS.scheme, row: 0, message: `缺少“${SCHEME_SHEETS.scheme}”工作表` });
  for (const list of LISTS) {
    const ws = wb.getWorksheet(SCHEME_SHEETS[list.key]);
    if (ws) def[list.key] = readList(ws, list.cols, problems);
    else if (list.required) problems.push({ sheet: SCHEME_SHEETS[list.key], row: 0, message: `缺少“${SCHEME_SHEETS[list.key]}”工作表` });
  }
  return { meta, definition: def, problems };
}
