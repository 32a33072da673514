/** The import templates: a data sheet with Chinese headers, drop-downs and one example row; a 填写说明 sheet; a hidden sheet of options. */
import ExcelJS from 'exceljs';
import { ORG_KIND_LABELS } from '../org/rules.js';
import {
  DATA_SHEET, FIVE_GOOD_COLUMNS, HOUSEHOLD_COLUMNS, IMPORTABLE_ORG_KINDS, MAX_FILE_BYTES, MAX_IMPORT_ROWS, MEMBER_COLUMNS, ORG_COLUMNS, POINTS_COLUMNS, type Column, type ImportKind,
} from './schema.js';

const OPTIONS_SHEET = '选项';
/** Drop-downs cover this many rows: more would slow every later reading of the file (exceljs expands them per cell). */
const LAST_ROW = 10_001;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE9E7' } };

/** The columns of each template, with the organisation kinds of the orgs template filled in. */
export function templateColumns(kind: ImportKind): Column[] {
  if (kind === 'members') return MEMBER_COLUMNS;
  if (kind === 'points') return POINTS_COLUMNS;
  if (kind === 'five_good') return FIVE_GOOD_COLUMNS;
  if (kind === 'households') return HOUSEHOLD_COLUMNS;
  return ORG_COLUMNS.map((c) => (c.key === 'kind' ? { ...c, options: IMPORTABLE_ORG_KINDS.map((k) => ORG_KIND_LABELS[k].zh) } : c));
}

type Validations = { add: (range: string, v: ExcelJS.DataValidation) => void };
// exceljs supports worksheet.dataValidations (whole ranges) but leaves it out of its typings.
const validations = (ws: ExcelJS.Worksheet) => (ws as unknown as { dataValidations: Validations }).dataValidations;

const colLetter = (n: number): string => (n <= 26 ? String.fromCharCode(64 + n) : colLetter(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)));

/** Writes a list into a column of the hidden options sheet and returns its absolute range. */
function optionRange(opts: ExcelJS.Worksheet, col: number, title: string, values: readonly string[]): string {
  opts.getCell(1, col).value = title;
  values.forEach((v, i) => { opts.getCell(i + 2, col).value = v; });
  const L = colLetter(col);
  return `'${OPTIONS_SHEET}'!$${L}$2:$${L}$${values.length + 1}`;
}

/** The drop-down of one column: inline when short, else a range of the options sheet; strict for enumerations, a suggestion otherwise. */
function addDropDown(ws: ExcelJS.Worksheet, opts: ExcelJS.Worksheet, c: Column, index: number, values: readonly string[]): void {
  const inline = `"${values.join(',')}"`;
  const formula = inline.length <= 100 && values.every((v) => !v.includes(',')) ? inline : optionRange(opts, index, c.header, values);
  const strict = c.kind === 'enum' || c.kind === 'bool';
  validations(ws).add(`${colLetter(index)}2:${colLetter(index)}${LAST_ROW}`, {
    type: 'list', allowBlank: true, formulae: [formula], showErrorMessage: strict, errorStyle: 'stop',
    errorTitle: '输入值无效', error: `请从下拉列表中选择：${c.note}`,
  });
}

/** The 填写说明 sheet: the rules of the import and, per column, whether it is required, what to enter and the allowed values. */
function addInstructions(wb: ExcelJS.Workbook, kind: ImportKind, columns: Column[]): void {
  const ws = wb.addWorksheet('填写说明');
  ws.columns = [{ width: 16 }, { width: 10 }, { width: 60 }, { width: 50 }];
  const what = kind === 'members' ? '党员' : kind === 'points' ? '积分记录' : kind === 'five_good' ? '党组织的“五好”评定' : kind === 'households' ? '住户' : '组织';
  const lines = [
    `${what}信息导入说明`,
    `1. 在“${DATA_SHEET[kind]}”工作表中从第3行起逐行填写，每行一个${what}；第2行为示例，导入时自动跳过，可删除。`,
    '2. 请勿修改表头；列的顺序可以调整，多余的列会被忽略。',
    '3. 日期可填写为 Excel 日期，或文本 1980-01-01、1980/1/1、1980.01.01、1980年1月1日。',
    '4. 导入前系统先检查全部行：只要有一处错误，整个文件都不会导入，并列出每处错误所在的行和列；改正后重新上传即可。',
    `5. 文件须为 .xlsx 格式，不超过 ${MAX_FILE_BYTES / 1024 / 1024} MB，至多 ${MAX_IMPORT_ROWS} 行。`,
    kind === 'members'
      ? '6. 身份证号请按文本格式填写（模板中已设为文本）；出生日期、性别不填时按身份证号自动填写。同一县（区）内身份证号不得重复。'
      : kind === 'points'
        ? '6. 党员考核方案按身份证号或党员编号找到党员，组织考核方案填写被考核组织。每行按手工记分的同样规则检查（指标、层次、封顶分、佐证），同一文件各行合并计算封顶分；非本支部人员导入的记录须经支部确认。'
        : kind === 'five_good'
          ? '6. 每个党组织一行，五项均填“是”才算达到“五好”标准；已评定的组织以本次导入为准（原结果被替换，留有审计记录）。同一文件中同一组织只能出现一次。'
          : kind === 'households'
            ? '6. 每户一行，导入到所选的社区。网格须是该社区已建的网格；同一社区内地址不得重复，已登记过的地址会列为错误，不会重复导入。居民归户请在住户的民情档案中办理。'
          : '6. 上级组织可填写本表上方各行新建的组织，因此请先填写上级、再填写下级。组织代码全系统唯一。',
  ];
  lines.forEach((t, i) => {
    const row = ws.getRow(i + 1);
    row.getCell(1).value = t;
    ws.mergeCells(i + 1, 1, i + 1, 4);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) row.font = { bold: true, size: 14 };
  });
  const head = ws.getRow(lines.length + 2);
  head.values = ['列名', '是否必填', '填写要求', '可选值'];
  head.font = { bold: true };
  head.eachCell((cell) => { cell.fill = HEADER_FILL; });
  columns.forEach((c, i) => {
    const r = ws.getRow(lines.length + 3 + i);
    r.values = [c.header, c.required ? '必填' : '选填', c.note, c.options ? (c.options.length > 12 ? `${c.options.slice(0, 12).join('、')} 等` : c.options.join('、')) : ''];
    r.alignment = { wrapText: true, vertical: 'top' };
  });
}

/**
 * An import template as .xlsx bytes. `orgNames` (the organisations of the chosen subtree) fill
 * the drop-down of 所在党组织 / 上级组织; a name or code may still be typed.
 */
export async function buildTemplate(kind: ImportKind, orgNames: string[] = [], options: Record<string, string[]> = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '先锋';
  wb.created = new Date();
  const columns = templateColumns(kind);
  const ws = wb.addWorksheet(DATA_SHEET[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
  addInstructions(wb, kind, columns);
  const opts = wb.addWorksheet(OPTIONS_SHEET, { state: 'hidden' });

  ws.columns = columns.map((c) => ({ key: c.key, width: c.width ?? 12 }));
  const header = ws.getRow(1);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true, color: { argb: c.required ? 'FFC00000' : 'FF000000' } };
    cell.fill = HEADER_FILL;
    cell.alignment = { horizontal: 'center' };
    cell.note = `${c.required ? '必填。' : ''}${c.note}`;
    const column = ws.getColumn(i + 1);
    if (c.kind === 'date') column.numFmt = 'yyyy-mm-dd';
    else if (c.kind !== 'bool' && c.kind !== 'enum') column.numFmt = '@';
    const values = options[c.key] ?? (c.kind === 'org' ? orgNames : c.options);
    if (values?.length) addDropDown(ws, opts, c, i + 1, values);
  });
  const example = ws.getRow(2);
  columns.forEach((c, i) => {
    const cell = example.getCell(i + 1);
    cell.value = c.kind === 'date' && c.example ? new Date(`${c.example}T00:00:00Z`) : c.example || null;
    cell.font = { italic: true, color: { argb: 'FF808080' } };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
