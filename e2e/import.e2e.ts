/**
 * 数据导入 and 导出Excel: the member template downloaded through the wizard, filled in with
 * exceljs and uploaded; a file with one bad row is refused as a whole with a row-by-row error
 * table; the roster exported to .xlsx holds exactly the rows the list shows.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { apiLogin, captureDownload, pickOrg, rowKeys, table, uiLogin, useFlow, waitForText, type ApiSession } from './harness.ts';

type Org = { id: number; name: string; kind: string };
type MemberPage = { total: number; items: { id: number; name: string; orgName: string; idMasked: string; category: string }[] };

/** An 18-character 公民身份号码 with its GB 11643 check character. */
function idNumber(first17: string, validCheck = true): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  const check = '10X98765432'[sum % 11];
  return first17 + (validCheck ? check : check === '0' ? '1' : '0');
}

type Row = Record<string, string | undefined>;

const GOOD: Row[] = [
  { 姓名: '欧阳导一', 性别: '男', 身份证号: idNumber('11010119850312001'), 手机号: '13900001111', 学历: '大学本科', 党员类别: '正式党员', 入党日期: '2010-07-01', 转正日期: '2011-07-01' },
  { 姓名: '欧阳导二', 身份证号: idNumber('11010119900521002'), 党员类别: '预备党员', 入党日期: '2026-03-01', 工作状态: '在职' },
  { 姓名: '欧阳导三', 性别: '男', 出生日期: '1978-11-30', 身份证号: idNumber('11010119781130013'), 党员类别: '正式党员', 入党日期: '2000-01-15', 转正日期: '2001-01-15', 工作单位: '凤洲端到端公司' },
];

/** Two valid rows around one whose ID number has a wrong check digit (Excel row 4). */
const BAD: Row[] = [
  { 姓名: '欧阳错一', 身份证号: idNumber('11010119820101021'), 入党日期: '2005-07-01', 转正日期: '2006-07-01' },
  { 姓名: '欧阳错二', 身份证号: idNumber('11010119830202032', false), 入党日期: '2006-07-01', 转正日期: '2007-07-01' },
  { 姓名: '欧阳错三', 身份证号: idNumber('11010119840303041'), 入党日期: '2007-07-01', 转正日期: '2008-07-01' },
];

async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(bytes).buffer as ArrayBuffer);
  return wb;
}

/** The template with `rows` written from Excel row 3 on (row 2, the example, stays), as .xlsx bytes. */
async function fillTemplate(template: Buffer, rows: Row[]): Promise<Buffer> {
  const wb = await readWorkbook(template);
  const ws = wb.getWorksheet('党员信息')!;
  const col = new Map<string, number>();
  ws.getRow(1).eachCell((cell, n) => { col.set(String(cell.value), n); });
  rows.forEach((r, i) => {
    const row = ws.getRow(3 + i);
    for (const [header, value] of Object.entries(r)) {
      if (value === undefined) continue;
      const n = col.get(header);
      if (!n) throw new Error(`the template has no column ${header}`);
      row.getCell(n).value = value;
    }
    row.commit();
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  return String(v);
}

describe('import: members from Excel, all or nothing, and export', () => {
  const flow = useFlow('import');
  let admin: ApiSession;
  let target: Org;
  let branch: Org | undefined;
  let template: Buffer;
  let before = 0;

  it('the wizard offers the member template for the chosen organisation', async () => {
    const { page, server } = flow;
    admin = await apiLogin(server.url, 'admin');
    const [root] = (await admin.get<{ items: Org[] }>('/orgs/roots')).items;
    const [street] = (await admin.get<{ items: Org[] }>('/orgs', { parentId: root.id })).items;
    // the street's first community (the street also holds its own 机关 and 事业单位 branches)
    const community = (await admin.get<{ items: Org[] }>('/orgs', { parentId: street.id })).items.find((o) => o.kind === 'community' || o.kind === 'village')!;
    [target] = (await admin.get<{ items: Org[] }>('/orgs', { parentId: community.id })).items;
    expect(['party_committee', 'general_branch', 'branch']).toContain(target.kind);
    branch = (await admin.get<{ items: Org[] }>('/orgs', { parentId: target.id })).items.find((o) => o.kind === 'branch');
    before = (await admin.get<MemberPage>('/members', { pageSize: 1 })).total;
    expect((await admin.get<MemberPage>('/members', { q: '欧阳导', pageSize: 1 })).total).toBe(0);

    await uiLogin(page, server.url, 'admin');
    await page.getByTestId('nav-import').click();
    await page.waitForURL('**/import');
    await pickOrg(page, 'import-org', target.name);
    await page.getByTestId('import-next').click();

    const dl = await captureDownload(page, () => page.getByTestId('import-template').click());
    expect(dl.name).toBe('党员信息导入模板.xlsx');
    template = dl.bytes;
    const wb = await readWorkbook(template);
    const ws = wb.getWorksheet('党员信息')!;
    const headers: string[] = [];
    ws.getRow(1).eachCell((c) => { headers.push(String(c.value)); });
    expect(headers).toEqual(['姓名', '性别', '民族', '出生日期', '身份证号', '手机号', '学历', '党员类别', '入党日期', '转正日期', '职务', '工作单位', '党籍状态', '工作状态', '流动党员', '分层', '所在党组织']);
    expect(cellText(ws.getRow(2).getCell(1).value)).toContain('示例');
    expect(wb.getWorksheet('填写说明')).toBeDefined();
  });

  it('three valid rows are imported with visible progress and show up in the 党员 list', async () => {
    const { page } = flow;
    const rows = GOOD.map((r, i) => (i === 0 && branch ? { ...r, 所在党组织: branch.name } : r));
    const file = await fillTemplate(template, rows);

    await page.getByTestId('import-next').click();
    const upload = page.getByTestId('import-upload');
    await upload.locator('input[type=file]').setInputFiles({ name: '三名党员.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    await waitForText(upload, '三名党员.xlsx');
    // Record whether the progress step ever shows: a three-row job may finish within one poll.
    await page.evaluate(() => {
      const w = window as unknown as { sawProgress: boolean };
      w.sawProgress = false;
      new MutationObserver(() => { if (document.querySelector('[data-testid="import-progress"]')) w.sawProgress = true; })
        .observe(document.body, { childList: true, subtree: true });
    });
    const accepted = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/imports/members');
    const finished = page.waitForResponse(async (r) => /\/api\/v1\/imports\/\d+$/.test(new URL(r.url()).pathname) && (await r.json()).status !== 'running');
    await page.getByTestId('import-start').click();
    const res = await accepted;
    expect(res.status()).toBe(202);
    expect(new URL(res.url()).searchParams.get('orgId')).toBe(String(target.id));
    const job = await (await finished).json();
    expect(job).toMatchObject({ status: 'done', total: 3, done: 3, errors: [] });

    const result = page.getByTestId('import-result');
    await waitForText(result, '导入成功');
    expect(await result.innerText()).toContain('共导入 3 条记录');
    expect(await page.evaluate(() => (window as unknown as { sawProgress: boolean }).sawProgress)).toBe(true);

    await page.getByTestId('nav-members').click();
    const members = table(page, 'member-table');
    await waitForText(members.locator('.ant-pagination-total-text'), `共 ${before + 3} 条`);
    const search = page.getByTestId('member-search').locator('input');
    await search.fill('欧阳导');
    await search.press('Enter');
    await waitForText(members.locator('.ant-pagination-total-text'), '共 3 条');
    await rowKeys(members);
    const shown = await members.locator('tbody tr.ant-table-row').allInnerTexts();
    expect(shown.map((t) => t.split(/\s/)[0]).sort()).toEqual(GOOD.map((r) => r.姓名).sort());
    const byName = (n: string) => shown.find((t) => t.startsWith(n))!;
    expect(byName('欧阳导一')).toContain(branch ? branch.name : target.name);
    expect(byName('欧阳导一')).toContain(`110101********${GOOD[0].身份证号!.slice(-4)}`);
    expect(byName('欧阳导二')).toContain(target.name);
    expect(byName('欧阳导二')).toContain('预备党员');
    expect(byName('欧阳导二')).toContain('女');
    expect(byName('欧阳导三')).toContain('1978-11-30');
  });

  it('导出Excel downloads a real .xlsx with exactly the rows of the list', async () => {
    const { page } = flow;
    const members = table(page, 'member-table');
    const search = page.getByTestId('member-search').locator('input');
    await search.fill('');
    await search.fill('欧阳导');
    await search.press('Enter');
    await waitForText(members.locator('.ant-pagination-total-text'), '共 3 条');

    const filtered = await captureDownload(page, () => page.getByTestId('member-export').click());
    expect(filtered.name).toMatch(/党员名册_.*\.xlsx$/);
    const wb = await readWorkbook(filtered.bytes);
    const ws = wb.worksheets[0];
    const sheet: string[][] = [];
    ws.eachRow((r) => { sheet.push((r.values as ExcelJS.CellValue[]).slice(1).map(cellText)); });
    expect(sheet[0]).toEqual(['姓名', '性别', '民族', '出生日期', '身份证号（已脱敏）', '手机号（已脱敏）', '学历', '党员类别', '入党日期', '转正日期', '职务', '工作单位', '党籍状态', '工作状态', '流动党员', '分层', '所在党组织']);
    const data = sheet.slice(1);
    expect(data.map((r) => r[0]).sort()).toEqual(GOOD.map((r) => r.姓名).sort());
    const one = data.find((r) => r[0] === '欧阳导一')!;
    expect(one[3]).toBe('1985-03-12');
    expect(one[4]).toBe(`110101********${GOOD[0].身份证号!.slice(-4)}`);
    expect(one[5]).toBe('139****1111');
    expect(one[7]).toBe('正式党员');
    expect(one[8]).toBe('2010-07-01');
    expect(one[16]).toBe(branch ? branch.name : target.name);
    // No full ID number or phone anywhere in the file.
    for (const r of GOOD) expect(JSON.stringify(sheet)).not.toContain(r.身份证号);
    expect(JSON.stringify(sheet)).not.toContain('13900001111');

    // Unfiltered: one row per member of the whole roster.
    await page.getByRole('button', { name: /重\s*置/ }).click();
    const total = before + 3;
    await waitForText(members.locator('.ant-pagination-total-text'), `共 ${total} 条`);
    await page.waitForURL((u) => !u.search.includes('q='));
    const all = await captureDownload(page, () => page.getByTestId('member-export').click());
    const allWs = (await readWorkbook(all.bytes)).worksheets[0];
    let count = 0;
    allWs.eachRow(() => { count += 1; });
    expect(count).toBe(total + 1);

    // The export was logged.
    const auditor = await apiLogin(flow.server.url, 'auditor');
    const logged = await auditor.get<{ total: number; items: { data: { count: number; filters: Record<string, unknown> } }[] }>('/audit', { type: 'export.created' });
    expect(logged.total).toBe(2);
    expect(logged.items.map((e) => e.data.count).sort((a, b) => a - b)).toEqual([3, total]);
  });
  let errorRows: string[][] = [];

  it('a file with one wrong ID check digit is refused as a whole: nothing is written', async () => {
    const { page } = flow;
    const file = await fillTemplate(template, BAD);
    await page.getByTestId('nav-import').click();
    await page.waitForURL('**/import');
    await pickOrg(page, 'import-org', target.name);
    await page.getByTestId('import-next').click();
    await page.getByTestId('import-next').click();
    await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles({ name: '有错误.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    await page.getByTestId('import-start').click();

    const result = page.getByTestId('import-result');
    await waitForText(result, '导入未完成，数据未写入');
    const errors = table(page, 'import-errors');
    expect((await errors.locator('thead').innerText()).trim()).toMatch(/^行\s+列\s+错误$/);
    const rows = errors.locator('tbody tr.ant-table-row');
    errorRows = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
    expect(await result.innerText()).toContain(`共发现 ${errorRows.length} 处错误`);
    // Only the bad row (Excel row 4) is complained about, in Chinese.
    expect(errorRows.length).toBeGreaterThan(0);
    for (const r of errorRows) {
      expect(r[0]).toBe('4');
      expect(r[2]).toMatch(/[\u4e00-\u9fa5]/);
    }

    // Nothing was written: not the bad row, and not the two good rows around it.
    await page.getByTestId('nav-members').click();
    const members = table(page, 'member-table');
    await waitForText(members.locator('.ant-pagination-total-text'), `共 ${before + 3} 条`);
    expect((await admin.get<MemberPage>('/members', { q: '欧阳错', pageSize: 1 })).total).toBe(0);
    const search = page.getByTestId('member-search').locator('input');
    await search.fill('欧阳错');
    await search.press('Enter');
    await page.waitForURL(/q=/);
    await members.locator('.ant-empty').waitFor();
    expect(await rowKeys(members)).toEqual([]);
  });

  it('the error table names the wrong check digit of 身份证号 in row 4', () => {
    // The template says 性别 and 出生日期 may be left blank (taken from the ID number): the
    // problem of this row is its ID number, and that is what the user must be told.
    expect(errorRows).toContainEqual(['4', '身份证号', '身份证号校验位错误']);
  });
});
