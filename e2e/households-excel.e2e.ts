/**
 * 住户 as Excel through the browser: community1 downloads the households template of its community
 * from the 导入住户 drawer (its grids in the 网格 drop-down), uploads a file with a wrong grid and
 * sees the row and column named and nothing written; uploads the corrected file and sees the count;
 * the new households are in the list, placed in their grid; 导出住户名册 gives the list as .xlsx.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { apiLogin, captureDownload, uiLogin, useFlow, waitForText, type ApiSession } from './harness.ts';

const RUN = Date.now() % 100000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type Household = { id: number; address: string; gridName: string | null; headName: string | null; tags: string[] };

/** The template with `rows` from its third row on (the second is the example). */
async function fill(template: Buffer, rows: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(template).buffer);
  const ws = wb.getWorksheet('住户信息')!;
  rows.forEach((r, i) => { ws.getRow(3 + i).values = r; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('住户 as Excel: template, a refused file, an import and the export', () => {
  const flow = useFlow('households-excel');
  let community1: ApiSession;
  let community: { id: number; name: string };

  it('community1 imports two households from the template after fixing a wrong grid, and exports the roster', async () => {
    const { server, page } = flow;
    community1 = await apiLogin(server.url, 'community1');
    const g = (await community1.get<{ grants: { orgId: number; orgName: string }[] }>('/auth/me')).grants[0];
    community = { id: g.orgId, name: g.orgName };
    const grids = (await community1.get<{ items: { id: number; name: string }[] }>(`/orgs/${community.id}/grids`)).items;
    expect(grids.length).toBeGreaterThan(0);
    const before = (await community1.get<{ items: Household[] }>('/households', { communityId: community.id })).items.length;

    await uiLogin(page, server.url, 'community1');
    await page.goto('/grid?tab=households');
    await waitForText(page.getByTestId('gw-community'), community.name);
    await page.getByTestId('gw-hh-import').click();
    const drawer = page.getByTestId('gw-hh-import-drawer');
    await drawer.waitFor();
    const tpl = await captureDownload(page, () => page.getByTestId('gw-hh-import-template').click());
    expect(tpl.name).toBe('住户信息导入模板.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(tpl.bytes).buffer);
    const headers: string[] = [];
    wb.getWorksheet('住户信息')!.getRow(1).eachCell((c) => { headers.push(String(c.value)); });
    expect(headers).toEqual(['地址', '网格', '楼栋', '单元', '门牌号', '户主', '标签']);
    const offered = JSON.stringify(wb.getWorksheet('住户信息')!.getCell('B3').dataValidation ?? {}) + JSON.stringify(wb.getWorksheet('选项')?.getSheetValues() ?? []);
    for (const grid of grids) expect(offered).toContain(grid.name);

    const a = `和平街${RUN}号1幢101`;
    const b = `和平街${RUN}号1幢102`;
    const upload = async (bytes: Buffer, name: string) => {
      await page.getByTestId('gw-hh-import-upload').locator('input[type=file]').setInputFiles({ name, mimeType: XLSX, buffer: bytes });
      await waitForText(page.getByTestId('gw-hh-import-upload'), name);
      const finished = page.waitForResponse(async (r) => /\/api\/v1\/imports\/\d+$/.test(new URL(r.url()).pathname) && (await r.json()).status !== 'running');
      await page.getByTestId('gw-hh-import-start').click();
      return (await finished).json() as Promise<{ status: string; total: number; errors: { row: number; column: string }[] }>;
    };
    const failed = await upload(await fill(tpl.bytes, [[a, grids[0].name, '1幢', null, '101', '周一', '独居'], [b, '没有这个网格', '1幢', null, '102', '吴二', null]]), '有错误.xlsx');
    expect(failed.status).toBe('failed');
    expect(failed.errors.map((e) => [e.row, e.column])).toEqual([[4, '网格']]);
    await waitForText(page.getByTestId('gw-hh-import-errors'), '没有这个网格');
    expect((await community1.get<{ items: Household[] }>('/households', { communityId: community.id })).items.length).toBe(before);

    await page.getByTestId('gw-hh-import-again').click();
    const done = await upload(await fill(tpl.bytes, [[a, grids[0].name, '1幢', null, '101', '周一', '独居、空巢'], [b, null, '1幢', null, '102', '吴二', null]]), '住户.xlsx');
    expect(done).toMatchObject({ status: 'done', total: 2 });
    await waitForText(page.getByTestId('gw-hh-import-done'), '已导入 2 户');
    await page.getByTestId('gw-hh-import-close').click();
    await drawer.waitFor({ state: 'hidden' });

    const after = (await community1.get<{ items: Household[] }>('/households', { communityId: community.id })).items;
    expect(after.length).toBe(before + 2);
    const ha = after.find((h) => h.address === a)!;
    expect(ha).toMatchObject({ gridName: grids[0].name, headName: '周一', tags: ['独居', '空巢'] });
    await page.getByTestId('gw-hh-search').locator('input').fill(`和平街${RUN}号`);
    await waitForText(page.getByTestId(`gw-hh-row-${ha.id}`), a);
    await waitForText(page.getByTestId(`gw-hh-row-${ha.id}`), grids[0].name);

    const out = await captureDownload(page, () => page.getByTestId('gw-hh-export').click());
    const x = new ExcelJS.Workbook();
    await x.xlsx.load(new Uint8Array(out.bytes).buffer);
    const addresses: string[] = [];
    x.worksheets[0].eachRow((r) => { addresses.push(String(r.getCell(1).value ?? '')); });
    expect(addresses).toEqual(expect.arrayContaining([a, b]));
    expect(addresses.filter((s) => after.some((h) => h.address === s)).length).toBe(after.length);
  });
});
