/** Pure parts of the Excel module: dates, enumerations, headers, row → record mapping, and the templates read back. */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { cellText, isExampleRow, mapHeaders, normHeader, parseDate, parseEnum, parseMemberRow, parseOrgRow, parseYesNo, unwrap, type OrgResolver, type Primitive } from './parse.js';
import { buildTemplate } from './template.js';
import { sheetRows } from './import.js';
import { contentDisposition, loggedFilters } from './export.js';
import { MEMBER_COLUMNS, ORG_COLUMNS } from './schema.js';

const TODAY = '2026-06-01';
const cells = (o: Record<string, Primitive>) => (k: string): Primitive => o[k] ?? null;
const branch: OrgResolver = (t) => (t === '' || t === '第一党支部' ? { id: 7 } : { message: `没有“${t}”`, messageEn: `no ${t}` });
const good: Record<string, Primitive> = {
  name: '张三', gender: '男', ethnicity: '汉族', birthDate: '1980-01-01', idNumber: '110101198001010010', phone: '13800138000', education: '大学本科',
  category: '正式党员', joinDate: new Date('2005-07-01T00:00:00Z'), fullDate: '2006/7/1', post: null, workplace: '某公司', partyState: '正常', workState: '在职',
  flowing: '否', tier: null, org: '',
};

describe('dates', () => {
  it('reads Excel dates, serials and the usual text forms', () => {
    const want = { ok: true, value: '1980-01-01' };
    for (const v of [new Date('1980-01-01T00:00:00Z'), 29221, 19800101, '1980-01-01', '1980/1/1', '1980.01.01', '1980年1月1日', '19800101', ' 1980-1-1 ', '1980-01-01 00:00:00']) {
      expect(parseDate(v), String(v)).toEqual(want);
    }
  });
  it('absorbs the float noise of Excel serials', () => {
    expect(parseDate(new Date('1979-12-31T23:59:59.999Z'))).toEqual({ ok: true, value: '1980-01-01' });
    expect(parseDate(new Date('1980-01-01T00:00:00.001Z'))).toEqual({ ok: true, value: '1980-01-01' });
  });
  it('gives null for empty cells and refuses non-dates', () => {
    expect(parseDate(null)).toEqual({ ok: true, value: null });
    expect(parseDate('  ')).toEqual({ ok: true, value: null });
    for (const v of ['1980-02-30', '80-1-1', 'yesterday', '1980-13-01', true, 5, '1899-12-31']) expect(parseDate(v).ok, String(v)).toBe(false);
  });
});

describe('enumerations and cells', () => {
  it('accepts options, variants and spaces', () => {
    expect(parseEnum(' 正常 ', ['正常', '保留'])).toBe('正常');
    expect(parseEnum('退休', ['在职', '离退休'], { 退休: '离退休' })).toBe('离退休');
    expect(parseEnum('', ['正常'])).toBeNull();
    expect(parseEnum('良好', ['正常'])).toBeUndefined();
  });
  it('reads 是/否', () => {
    expect([parseYesNo('是'), parseYesNo('否'), parseYesNo(true), parseYesNo('y'), parseYesNo(null), parseYesNo('也许')]).toEqual([true, false, true, true, null, undefined]);
  });
  it('unwraps rich text, formulas and hyperlinks', () => {
    expect(unwrap({ richText: [{ text: '张' }, { text: '三' }] })).toBe('张三');
    expect(unwrap({ formula: 'A1', result: 5 })).toBe(5);
    expect(unwrap({ text: '链接', hyperlink: 'http://x' })).toBe('链接');
    expect(cellText('\u3000张三 ')).toBe('张三');
  });
  it('matches headers loosely and reports missing and repeated ones', () => {
    expect(normHeader(' 党员类别（正式党员/预备党员）* ')).toBe('党员类别');
    const { at, problems } = mapHeaders(['', '入党日期', '姓名', '备注', '姓名'], MEMBER_COLUMNS);
    expect(at.get('name')).toBe(2);
    expect(at.get('joinDate')).toBe(1);
    expect(problems.map((p) => p.message)).toEqual(['表头“姓名”重复']);
    expect(mapHeaders(['性别'], MEMBER_COLUMNS).problems.map((p) => p.column)).toEqual(['姓名', '入党日期']);
    expect(isExampleRow('张三（示例）')).toBe(true);
    expect(isExampleRow('张三')).toBe(false);
  });
});

describe('member rows', () => {
  it('map to the API\'s MemberInput', () => {
    const r = parseMemberRow(cells(good), { today: TODAY, resolveOrg: branch });
    expect(r.problems).toEqual([]);
    expect(r.input).toEqual({
      orgId: 7, name: '张三', gender: '男', ethnicity: '汉族', birthDate: '1980-01-01', idNumber: '110101198001010010', phone: '13800138000', education: '大学本科',
      category: '正式党员', joinDate: '2005-07-01', fullDate: '2006-07-01', post: null, workplace: '某公司', partyState: '正常', workState: '在职', flowing: false, tier: null,
    });
  });
  it('take defaults, and birth date and gender from the ID number', () => {
    const r = parseMemberRow(cells({ name: '李四', idNumber: '11010119900909003x', joinDate: '2015-07-01', fullDate: '2016-07-01', ethnicity: '回', org: '第一党支部' }), { today: TODAY, resolveOrg: branch });
    expect(r.problems).toEqual([]);
    expect(r.input).toMatchObject({ gender: '男', birthDate: '1990-09-09', ethnicity: '回族', category: '正式党员', partyState: '正常', workState: '在职', flowing: false, idNumber: '11010119900909003X' });
  });
  it('name each problem by its Chinese column', () => {
    const problems = (o: Record<string, Primitive>) => parseMemberRow(cells({ ...good, ...o }), { today: TODAY, resolveOrg: branch }).problems.map((p) => [p.column, p.message]);
    expect(problems({ idNumber: '110101198001010011' })).toEqual([['身份证号', '身份证号校验位错误']]);
    expect(problems({ idNumber: 110101198001010010 })[0][0]).toBe('身份证号');
    expect(problems({ fullDate: null })).toEqual([['转正日期', '正式党员须填写转正日期']]);
    expect(problems({ partyState: '良好' })).toEqual([['党籍状态', '应为 正常/保留/恢复/停止/开除 之一']]);
    expect(problems({ joinDate: 'abc' })).toEqual([['入党日期', '日期无法识别：“abc”，请填写如 1980-01-01']]);
    expect(problems({ name: null, joinDate: null })).toEqual([['姓名', '必填'], ['入党日期', '必填']]);
    expect(problems({ name: '长'.repeat(51) })).toEqual([['姓名', '不能超过50个字']]);
    expect(problems({ phone: '12345' })[0][0]).toBe('手机号');
    expect(problems({ birthDate: '1980-01-02' })).toEqual([['出生日期', '出生日期与身份证号不一致']]);
    expect(problems({ org: '第九党支部' })).toEqual([['所在党组织', '没有“第九党支部”']]);
    expect(problems({ flowing: '也许' })).toEqual([['流动党员', '应填写 是 或 否']]);
    expect(problems({ idNumber: null, birthDate: null, gender: null })).toEqual([['性别', '必填（或填写身份证号）'], ['出生日期', '必填（或填写身份证号）']]);
  });
});

describe('organisation rows', () => {
  it('map Chinese kinds and check fields', () => {
    const r = parseOrgRow(cells({ name: '第二党支部', kind: '党支部', parent: '甲社区', code: 'ZB-2', establishedOn: '2010.7.1', contactPhone: 6612345 }));
    expect(r).toEqual({ values: { name: '第二党支部', kind: 'branch', code: 'ZB-2', establishedOn: '2010-07-01', secretaryName: null, contactPhone: '6612345', address: null }, parent: '甲社区', problems: [] });
    expect(parseOrgRow(cells({ name: 'x', kind: '支部委员会' })).problems[0].column).toBe('组织类别');
    expect(parseOrgRow(cells({ name: 'x', kind: '党支部', code: '代码' })).problems).toEqual([{ column: '组织代码', message: '组织代码只能含字母、数字和连字符', messageEn: expect.any(String) }]);
  });
});

describe('templates', () => {
  it('read back with headers, drop-downs, instructions and a skipped example row', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(await buildTemplate('members', ['第一党支部'])).buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['党员信息', '填写说明', '选项']);
    const ws = wb.getWorksheet('党员信息')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(MEMBER_COLUMNS.map((c) => c.header));
    expect(ws.getCell('B2').dataValidation).toMatchObject({ type: 'list', formulae: ['"男,女"'] });
    expect(ws.getCell('C5').dataValidation?.formulae[0]).toBe("'选项'!$C$2:$C$57");
    expect(ws.getCell('Q5').dataValidation?.formulae[0]).toBe('"第一党支部"');
    expect(sheetRows(wb, 'members').errors[0].message).toContain('没有数据行');
    ws.getRow(3).values = ['王五', '女', '汉族', new Date('1985-03-08T00:00:00Z'), '110101198503080027', '13900139000', '', '预备党员', '2025-12-01', '', '', '', '', '', '否', '', '第一党支部'];
    const { rows, errors } = sheetRows(wb, 'members');
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.n)).toEqual([3]);
    const r = parseMemberRow(rows[0].get, { today: TODAY, resolveOrg: branch });
    expect(r.problems).toEqual([]);
    expect(r.input).toMatchObject({ name: '王五', gender: '女', birthDate: '1985-03-08', category: '预备党员', fullDate: null, orgId: 7 });
  });
  it('has an organisations template with the kinds to choose from', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(await buildTemplate('orgs')).buffer);
    const ws = wb.getWorksheet('组织信息')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(ORG_COLUMNS.map((c) => c.header));
    expect(String(ws.getCell('B3').dataValidation?.formulae[0])).toContain('党支部');
    expect(wb.getWorksheet('填写说明')!.getCell('A1').value).toBe('组织信息导入说明');
  });
});

describe('export helpers', () => {
  it('encode Chinese file names (RFC 5987) and mask numbers in logged filters', () => {
    expect(contentDisposition('甲社区党员名册(1).xlsx', 'members.xlsx')).toBe("attachment; filename=\"members.xlsx\"; filename*=UTF-8''%E7%94%B2%E7%A4%BE%E5%8C%BA%E5%85%9A%E5%91%98%E5%90%8D%E5%86%8C%281%29.xlsx");
    expect(loggedFilters({ q: '110101198001010010' }).q).toBe('110101********0010');
    expect(loggedFilters({ q: '13800138000' }).q).toBe('138****8000');
    expect(loggedFilters({ q: '张' }).q).toBe('张');
  });
});
