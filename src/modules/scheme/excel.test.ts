/** Schemes as .xlsx: every template survives export and import; unreadable cells and files are problems, not exceptions. */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parseScheme, type SchemeDefinition } from './model.js';
import { exportSchemeXlsx, importSchemeXlsx, SCHEME_SHEETS } from './excel.js';
import { TEMPLATES } from './templates.js';

/** A definition without null or absent optional fields: an empty cell reads as null where the template left the key out. */
function canon(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canon);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null && x !== undefined).map(([k, x]) => [k, canon(x)]));
  return v;
}

function parsed(input: unknown): SchemeDefinition {
  const r = parseScheme(input);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

const meta = { name: '测试方案', code: 'T-1', source: '某镇', year: 2010, version: 3 };

/** Loads a workbook, lets `edit` change it, and writes it back. */
async function edited(buf: Buffer, edit: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(buf).buffer);
  edit(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('scheme workbook', () => {
  it.each(TEMPLATES.map((t) => [t.key, t] as const))('round-trips the template %s', async (_key, t) => {
    const def = parsed(t.definition);
    const buf = await exportSchemeXlsx({ name: t.name, code: t.key.slice(0, 24), source: t.source, year: t.year }, def);
    const back = await importSchemeXlsx(buf);
    expect(back.problems).toEqual([]);
    expect(back.meta).toEqual({ name: t.name, code: t.key.slice(0, 24), source: t.source, year: t.year });
    const again = parsed(back.definition);
    expect(canon(again)).toEqual(canon(def));
    // the same in every list, in the same order
    expect(again.indicators.map((x) => x.code)).toEqual(def.indicators.map((x) => x.code));
  });

  it('writes the sheets in order with readable values', async () => {
    const t = TEMPLATES.find((x) => x.key === 'cangqian-member-tiered')!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(await exportSchemeXlsx(meta, parsed(t.definition))).buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.values(SCHEME_SHEETS));
    const head = wb.getWorksheet('方案')!;
    const rows = new Map<string, unknown>();
    head.eachRow((r, n) => { if (n > 1) rows.set(String(r.getCell(1).value), r.getCell(2).value); });
    expect(rows.get('考核对象')).toBe('党员');
    expect(rows.get('基础分')).toBe(60);
    expect(rows.get('版本')).toBe(3);
    expect(rows.get('预备党员评定等次')).toBe('否');
    const ind = wb.getWorksheet('指标')!;
    expect(ind.getRow(1).values).toEqual([undefined, '代码', '名称', '维度', '加减', '分值', '可调整', '单次上限', '每月上限', '每年上限', '须佐证', '记分角色', '适用层次', '说明']);
    expect(ind.rowCount).toBe(36);
    expect(ind.getRow(2).getCell(4).value).toBe('加分');
    expect(ind.getRow(2).getCell(11).value).toBe('branch_secretary,community_admin,street_admin,county_admin');
    expect(JSON.parse(String(wb.getWorksheet('层次')!.getRow(6).getCell(4).value))).toEqual({ all: [] });
  });

  it('reports a cell it cannot read by sheet and row, and keeps reading', async () => {
    const t = TEMPLATES.find((x) => x.key === 'cangqian-branch-100')!;
    const buf = await edited(await exportSchemeXlsx(meta, parsed(t.definition)), (wb) => {
      wb.getWorksheet('指标')!.getRow(4).getCell(5).value = '五分';
      wb.getWorksheet('等次')!.getRow(3).getCell(4).value = '也许';
      wb.getWorksheet('方案')!.getRow(5).getCell(2).value = '二〇一〇';
    });
    const r = await importSchemeXlsx(buf);
    expect(r.problems).toEqual([
      { sheet: '方案', row: 5, message: '“年度”应为整数，而不是“二〇一〇”' },
      { sheet: '指标', row: 4, message: '“分值”应为数字，而不是“五分”' },
      { sheet: '等次', row: 3, message: '“含下限”应填“是”或“否”，而不是“也许”' },
    ]);
    expect((r.definition as { indicators: unknown[] }).indicators).toHaveLength(t.definition.indicators.length);
  });

  it('reads numbers typed as text, shifted columns, and 是/否 variants', async () => {
    const t = TEMPLATES.find((x) => x.key === 'national-democratic-review')!;
    const buf = await edited(await exportSchemeXlsx(meta, parsed(t.definition)), (wb) => {
      const ws = wb.getWorksheet('指标')!;
      ws.spliceColumns(1, 0, []); // an empty first column: headers now start in column B
      ws.getRow(2).getCell(6).value = ' 20 ';
      ws.getRow(2).getCell(7).value = 'Y';
    });
    const r = await importSchemeXlsx(buf);
    expect(r.problems).toEqual([]);
    expect(canon(parsed(r.definition))).toEqual(canon(parsed(t.definition)));
  });

  it('names a missing column and a bad tier rule, and lets parseScheme name the rest', async () => {
    const t = TEMPLATES.find((x) => x.key === 'pengbu-shuangbaifen')!;
    const buf = await edited(await exportSchemeXlsx(meta, parsed(t.definition)), (wb) => {
      wb.getWorksheet('层次')!.getRow(2).getCell(4).value = '{post notEmpty';
      wb.getWorksheet('等次')!.spliceColumns(9, 1);
      wb.getWorksheet('方案')!.getRow(7).getCell(2).value = '社区';
    });
    const r = await importSchemeXlsx(buf);
    expect(r.problems).toEqual([
      { sheet: '方案', row: 7, message: '“考核对象”应为 党员/组织 之一，而不是“社区”' },
      { sheet: '层次', row: 2, message: '“规则”不是有效的 JSON' },
      { sheet: '等次', row: 1, message: '缺少“立整改任务”列' },
    ]);
  });

  it('refuses what is not an .xlsx file with a problem instead of an exception', async () => {
    for (const bytes of [Buffer.from('代码,名称\nA,甲\n'), Buffer.alloc(0), Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(300, 7)])]) {
      const r = await importSchemeXlsx(bytes);
      expect(r.problems).toEqual([{ sheet: '', row: 0, message: '不是有效的 Excel (.xlsx) 文件' }]);
      expect(r.definition).toBeNull();
    }
  });

  it('names missing required sheets', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['x']);
    const r = await importSchemeXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(r.problems.map((p) => p.sheet)).toEqual(['方案', '指标', '等次']);
  });
});
