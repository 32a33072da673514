/**
 * 评星结果 beyond the stars, through the browser and checked against the API: the county assesses
 * 五好 for two communities (all five parts; one part missing) and the tab's counts agree with the
 * list and the targets; the county switches the 党建创新奖 on for last year, gives one in the funds
 * tab, the table's figures equal the API's, and withdraws it; a street's administrator opens their
 * own street's 通报 and cannot reach the county's or another street's results. The demo may come
 * with 五好 results, awards and a configured standard, so every figure is compared with what the
 * API says before and after, never with fixed demo numbers.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { apiLogin, captureDownload, rowKeys, table, uiLogin, useFlow, waitForText, type ApiSession, write } from './harness.ts';

const LAST = new Date().getFullYear() - 1;
const PARTS = ['leadership', 'members', 'mechanism', 'performance', 'reputation'] as const;
type Part = (typeof PARTS)[number];

type Me = { grants: { role: string; orgId: number; orgName: string }[] };
type Group = { orgs: number; assessed: number; met: number; share: number | null };
type FgItem = { orgId: number; orgName: string; category: string; assessed: boolean; met: boolean | null; rowVersion: number | null; actions: string[] } & Record<Part, boolean | null>;
type FgList = { groups: { community: Group; organ: Group }; byCategory: { category: string; orgs: number; met: number }[]; items: FgItem[]; total: number };
type FundItem = { orgId: number; orgName: string; level: number | null; projectFund: number; award: { id: number; title: string; amount: number } | null; total: number };
type Funds = { scope: { id: number }; projectFunds: Record<string, number>; innovationAward: { enabled: boolean; amount: number }; items: FundItem[]; totals: { projectFunds: number; awards: number }; actions: string[] };
type Report = { scope: { id: number; name: string; kind: string }; rated: number; awards: { id: number; orgId: number }[] };


/** Chooses an option of an antd select by test ids, again if a click fell while the list was opening or closing; `search` types first. */
async function pick(page: Page, selectId: string, optionId: string, search?: string): Promise<void> {
  const select = page.getByTestId(selectId);
  const option = page.getByTestId(optionId);
  for (let attempt = 0; attempt < 4; attempt++) {
    await select.click();
    if (search) await page.keyboard.type(search);
    const label = await option.innerText({ timeout: 4_000 }).catch(() => null);
    if (label !== null && await option.click({ timeout: 4_000 }).then(() => true, () => false)) {
      await option.waitFor({ state: 'hidden', timeout: 4_000 }).catch(() => undefined);
      return;
    }
    await page.keyboard.press('Escape');
  }
  throw new Error(`could not choose ${optionId} in ${selectId}`);
}

/** Assesses one organisation's 五好 in the tab; returns the PUT's status and the body the UI sent. */
async function assess(page: Page, item: FgItem, parts: Record<Part, boolean>, note: string): Promise<{ status: number; sent: Record<string, unknown> }> {
  await page.getByTestId(`star-fg-set-${item.orgId}`).click();
  const modal = page.getByTestId('star-fg-modal');
  await modal.waitFor();
  for (const k of PARTS) {
    const sw = page.getByTestId(`star-fg-part-${k}`);
    if ((await sw.getAttribute('aria-checked')) !== String(parts[k])) await sw.click();
    await expect.poll(() => sw.getAttribute('aria-checked')).toBe(String(parts[k]));
  }
  const met = PARTS.every((k) => parts[k]);
  expect(await page.getByTestId('star-fg-preview').getAttribute('data-met')).toBe(met ? 'met' : 'notMet');
  await page.getByTestId('star-fg-note').fill(note);
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname === '/api/v1/stars/five-good'),
    page.getByTestId('star-fg-save').click(),
  ]);
  const sent = JSON.parse(res.request().postData() ?? '{}') as Record<string, unknown>;
  await modal.waitFor({ state: 'detached' });
  return { status: res.status(), sent };
}

describe('star results: 五好, project funds and the innovation award, and a street\'s own report', () => {
  const flow = useFlow('star-results');
  let admin: ApiSession, street: ApiSession;
  let countyId: number, streetId: number;

  it('the county assesses 五好 for two communities, one with a part missing; the tab shows the met counts the API gives', async () => {
    const { page, server } = flow;
    [admin, street] = await Promise.all(['admin', 'street'].map((u) => apiLogin(server.url, u)));
    countyId = (await admin.get<Me>('/auth/me')).grants.find((g) => g.role === 'county_admin')!.orgId;
    streetId = (await street.get<Me>('/auth/me')).grants.find((g) => g.role === 'street_admin')!.orgId;
    const list = (q: Record<string, string | number> = {}) => admin.get<FgList>('/stars/five-good', { orgId: countyId, year: LAST, category: 'community', pageSize: 50, ...q });
    const before = await list();
    const [a, b] = before.items.filter((x) => x.actions.includes('set'));
    expect(a && b, 'two communities the county may assess').toBeTruthy();

    await uiLogin(page, server.url, 'admin');
    await page.goto(`/stars/results?tab=fivegood&scopeId=${countyId}&year=${LAST}&category=community`);
    await page.getByTestId(`star-fg-row-${a.orgId}`).waitFor();
    const all = Object.fromEntries(PARTS.map((k) => [k, true])) as Record<Part, boolean>;
    const first = await assess(page, a, all, '五项全部达到');
    expect(first.status).toBe(200);
    const second = await assess(page, b, { ...all, members: false }, '党员队伍建设有差距');
    expect(second.status).toBe(200);
    // the row version goes with a change of an assessed row, and not with a first assessment
    expect(first.sent.rowVersion).toBe(a.assessed ? a.rowVersion : undefined);
    expect(second.sent.rowVersion).toBe(b.assessed ? b.rowVersion : undefined);

    const after = await list();
    const ra = after.items.find((x) => x.orgId === a.orgId)!;
    const rb = after.items.find((x) => x.orgId === b.orgId)!;
    expect(ra).toMatchObject({ assessed: true, met: true, leadership: true, members: true, mechanism: true, performance: true, reputation: true });
    expect(rb).toMatchObject({ assessed: true, met: false, leadership: true, members: false, mechanism: true, performance: true, reputation: true });
    const delta = (a.met ? 0 : 1) + (b.met ? -1 : 0);
    expect(after.groups.community.met).toBe(before.groups.community.met + delta);
    expect(after.groups.community.orgs).toBe(before.groups.community.orgs);

    // the tab: the two rows, the group card and the category count, as the API has them
    await expect.poll(() => page.getByTestId(`star-fg-result-${a.orgId}`).getAttribute('data-met')).toBe('met');
    await expect.poll(() => page.getByTestId(`star-fg-result-${b.orgId}`).getAttribute('data-met')).toBe('notMet');
    expect(await page.getByTestId(`star-fg-members-${b.orgId}`).getAttribute('data-value')).toBe('false');
    expect(await page.getByTestId(`star-fg-leadership-${b.orgId}`).getAttribute('data-value')).toBe('true');
    const card = page.getByTestId('star-fg-group-community');
    await expect.poll(() => card.getAttribute('data-met')).toBe(String(after.groups.community.met));
    expect(await card.getAttribute('data-orgs')).toBe(String(after.groups.community.orgs));
    expect(await card.getAttribute('data-share')).toBe(String(after.groups.community.share ?? ''));
    expect(await card.getAttribute('data-target')).toBe('0.6');
    const cat = after.byCategory.find((c) => c.category === 'community')!;
    expect(await page.getByTestId('star-fg-cat-community').getAttribute('data-met')).toBe(String(cat.met));

    // the result filter lists what the API lists
    await pick(page, 'star-fg-state', 'star-fg-state-notMet');
    await page.waitForURL(/state=notMet/);
    const notMet = await list({ state: 'notMet' });
    await expect.poll(async () => (await rowKeys(table(page, 'star-fg-table'))).join(',')).toBe(notMet.items.map((x) => String(x.orgId)).join(','));
    expect(notMet.items.map((x) => x.orgId)).toContain(b.orgId);
    expect(notMet.items.map((x) => x.orgId)).not.toContain(a.orgId);
    // 导出Excel of the list (its own export path)
    const file = await captureDownload(page, () => page.getByTestId('star-fg-export').click());
    expect(file.name).toMatch(/\.xlsx$/);
    expect(file.bytes.subarray(0, 2).toString()).toBe('PK');

    // the targets count the same 五好 organisations, in the API and in the 目标完成 table
    const whole = await admin.get<FgList>('/stars/five-good', { orgId: countyId, year: LAST, pageSize: 1 });
    const tg = await admin.get<{ targets: { fiveGoodCommunityShare: number }; all: { years: { fiveGood: { community: Group; organ: Group } }[] } }>('/stars/targets', { orgId: countyId, from: LAST, to: LAST });
    expect(tg.targets.fiveGoodCommunityShare).toBe(0.6);
    expect(tg.all.years[0].fiveGood.community).toMatchObject({ orgs: whole.groups.community.orgs, met: whole.groups.community.met });
    expect(tg.all.years[0].fiveGood.organ).toMatchObject({ orgs: whole.groups.organ.orgs, met: whole.groups.organ.met });
    await page.goto(`/stars/results?tab=targets&orgId=${countyId}&from=${LAST - 1}&to=${LAST}`);
    const cell = page.getByTestId(`star-targets-fg-community-${countyId}`);
    await expect.poll(() => cell.getAttribute('data-met')).toBe(String(whole.groups.community.met));
    expect(await cell.getAttribute('data-orgs')).toBe(String(whole.groups.community.orgs));
    const share = whole.groups.community.share;
    expect(await cell.getAttribute('data-below')).toBe(share !== null && share < 0.6 ? 'true' : 'false');
    expect((await page.getByTestId('star-targets-fg-chart').getAttribute('data-community'))!.split(',').at(-1)).toBe(String(share ?? ''));
  });

  it('the street imports its communities\' 五好 from the Excel template: a bad file writes nothing, the fixed one replaces the results', async () => {
    const { server } = flow;
    const page = await flow.newPage();
    await uiLogin(page, server.url, 'street');
    await page.goto(`/stars/results?tab=fivegood&scopeId=${streetId}&year=${LAST}&category=community`);
    await page.getByTestId('star-fg-import').click();
    const drawer = page.getByTestId('star-fg-import-drawer');
    await waitForText(drawer.getByTestId('star-fg-import-year'), String(LAST));
    const tpl = await captureDownload(page, () => drawer.getByTestId('star-fg-import-template').click());
    expect(tpl.name).toBe('五好评定导入模板.xlsx');
    const mine = await street.get<FgList>('/stars/five-good', { orgId: streetId, year: LAST, category: 'community', pageSize: 50 });
    const [x, y] = mine.items;
    const fill = async (rows: string[][]) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(new Uint8Array(tpl.bytes).buffer);
      const ws = wb.getWorksheet('五好评定')!;
      rows.forEach((r, i) => { ws.getRow(3 + i).values = r; });
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const upload = async (file: Buffer) => {
      const picker = drawer.getByTestId('star-fg-import-upload');
      await picker.locator('input[type=file]').setInputFiles({ name: '五好.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
      const finished = page.waitForResponse(async (r) => /\/api\/v1\/imports\/\d+$/.test(new URL(r.url()).pathname) && (await r.json()).status !== 'running', { timeout: 30_000 });
      await drawer.getByTestId('star-fg-import-start').click();
      return (await (await finished).json()) as { status: string; total: number; errors: { row: number; column: string }[] };
    };
    const bad = await upload(await fill([[x.orgName, '是', '是', '是', '是', '是', ''], ['没有这个社区', '是', '是', '是', '是', '是', '']]));
    expect(bad.status).toBe('failed');
    expect(bad.errors.map((e) => [e.row, e.column])).toEqual([[4, '党组织']]);
    await waitForText(drawer.getByTestId('star-fg-import-failed'), '未写入');
    expect((await street.get<FgList>('/stars/five-good', { orgId: streetId, year: LAST, category: 'community', pageSize: 50 })).items).toEqual(mine.items);
    await drawer.getByTestId('star-fg-import-again').click();
    const good = await upload(await fill([[x.orgName, '是', '是', '是', '是', '是', 'Excel导入（端到端）'], [y.orgName, '是', '是', '否', '是', '是', '']]));
    expect(good).toMatchObject({ status: 'done', total: 2 });
    await waitForText(drawer.getByTestId('star-fg-import-done'), '2');
    const now = await street.get<FgList>('/stars/five-good', { orgId: streetId, year: LAST, category: 'community', pageSize: 50 });
    expect(now.items.find((i) => i.orgId === x.orgId)).toMatchObject({ met: true, mechanism: true });
    expect(now.items.find((i) => i.orgId === y.orgId)).toMatchObject({ met: false, mechanism: false });
    await drawer.getByTestId('star-fg-import-close').click();
    await expect.poll(() => page.getByTestId(`star-fg-result-${y.orgId}`).getAttribute('data-met')).toBe('notMet');
  });

  it('the county switches the 创新奖 on for last year, gives one in the funds tab, sees the API\'s figures, and withdraws it', async () => {
    const { server } = flow;
    // a year whose standard has the award switched off refuses it, with the reason
    const earlier = await admin.get<{ definition: Record<string, unknown> }>('/stars/standard', { countyId, year: LAST - 1 });
    await write(admin, 'PUT', '/stars/standard', { countyId, year: LAST - 1, definition: { ...earlier.definition, innovationAward: { enabled: false, amount: 0 } }, note: '端到端测试：不设创新奖' });
    const off = await admin.get<Funds>('/stars/funds', { orgId: countyId, year: LAST - 1 });
    expect(off.actions).toEqual(['revoke']);
    const refused = await admin.call('POST', '/stars/awards', { orgId: off.items.find((x) => x.level !== null)!.orgId, year: LAST - 1, title: '未启用的年度' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/未启用/);

    const std = await admin.get<{ definition: Record<string, unknown> }>('/stars/standard', { countyId, year: LAST });
    const definition = { ...std.definition, innovationAward: { enabled: true, amount: 5000 }, projectFunds: { 1: 0, 2: 0, 3: 10000, 4: 20000, 5: 30000 } };
    await write(admin, 'PUT', '/stars/standard', { countyId, year: LAST, definition, note: '端到端测试：启用党建创新奖' });
    const before = await admin.get<Funds>('/stars/funds', { orgId: countyId, year: LAST });
    expect(before.actions).toEqual(['award', 'revoke']);
    expect(before.innovationAward).toEqual({ enabled: true, amount: 5000 });
    for (const x of before.items) expect(x.projectFund).toBe(x.level === null ? 0 : definition.projectFunds[x.level as 1]);
    const target = before.items.find((x) => x.level !== null && x.award === null)!;
    expect(target, 'a rated community without an award').toBeTruthy();

    const page = await flow.newPage();
    await uiLogin(page, server.url, 'admin');
    await page.goto(`/stars/results?tab=funds&scopeId=${countyId}&year=${LAST}`);
    await page.getByTestId(`star-funds-row-${target.orgId}`).waitFor();
    expect(await page.getByTestId('star-funds-rate-3').getAttribute('data-value')).toBe('10000');
    expect(await page.getByTestId('star-funds-award-rule').getAttribute('data-enabled')).toBe('true');

    await page.getByTestId('star-funds-give').click();
    await page.getByTestId('star-award-modal').waitFor();
    await pick(page, 'star-award-org', `star-award-org-${target.orgId}`, target.orgName);
    await page.getByTestId('star-award-title').fill('“邻里议事厅”协商机制');
    await page.getByTestId('star-award-note').fill('端到端测试');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/stars/awards'),
      page.getByTestId('star-award-ok').click(),
    ]);
    expect(res.status(), await res.text()).toBe(200);
    const award = (await res.json()) as { id: number; amount: number };
    expect(award.amount).toBe(5000);

    const after = await admin.get<Funds>('/stars/funds', { orgId: countyId, year: LAST });
    const row = after.items.find((x) => x.orgId === target.orgId)!;
    expect(row.award).toMatchObject({ id: award.id, amount: 5000 });
    expect(row.total).toBe(row.projectFund + 5000);
    expect(after.totals.awards).toBe(before.totals.awards + 5000);
    // the table shows the API's figures, row by row and in total
    await expect.poll(() => page.getByTestId(`star-funds-award-amount-${target.orgId}`).getAttribute('data-value')).toBe('5000');
    await expect.poll(() => page.getByTestId('star-funds-total-awards').getAttribute('data-value')).toBe(String(after.totals.awards));
    for (const x of after.items) {
      expect(await page.getByTestId(`star-funds-fund-${x.orgId}`).getAttribute('data-value')).toBe(String(x.projectFund));
      expect(await page.getByTestId(`star-funds-total-${x.orgId}`).getAttribute('data-value')).toBe(String(x.total));
    }
    expect(await page.getByTestId('star-funds-total-funds').getAttribute('data-value')).toBe(String(after.totals.projectFunds));
    expect(await page.getByTestId('star-funds-sumAll').getAttribute('data-value')).toBe(String(after.totals.projectFunds + after.totals.awards));
    const file = await captureDownload(page, () => page.getByTestId('star-funds-export').click());
    expect(file.bytes.subarray(0, 2).toString()).toBe('PK');

    // a second award to the same community that year is refused, with the reason
    const again = await admin.call('POST', '/stars/awards', { orgId: target.orgId, year: LAST, title: '重复授奖' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/已获党建创新奖/);
    // the report lists it
    const report = await admin.get<Report>('/stars/report', { orgId: countyId, year: LAST });
    expect(report.awards.map((w) => w.id)).toContain(award.id);
    await page.getByTestId('star-results-tab-report').click();
    await page.getByTestId(`star-report-award-${award.id}`).waitFor();
    await waitForText(page.getByTestId('star-report-awards-count'), String(report.awards.length));

    // withdrawn from the funds tab
    await page.getByTestId('star-results-tab-funds').click();
    await page.getByTestId(`star-funds-revoke-${award.id}`).click();
    const [del] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'DELETE' && new URL(r.url()).pathname === `/api/v1/stars/awards/${award.id}`),
      page.getByTestId('star-funds-revoke-ok').click(),
    ]);
    expect(del.status()).toBe(200);
    await expect.poll(() => page.getByTestId(`star-funds-award-${target.orgId}`).count()).toBe(0);
    const gone = await admin.get<Funds>('/stars/funds', { orgId: countyId, year: LAST });
    expect(gone.items.find((x) => x.orgId === target.orgId)!.award).toBeNull();
    expect(gone.totals.awards).toBe(before.totals.awards);
    await expect.poll(() => page.getByTestId('star-funds-total-awards').getAttribute('data-value')).toBe(String(before.totals.awards));
  });

  it('a street\'s administrator opens their own street\'s 通报 and pay table, and cannot reach the county\'s or another street\'s', async () => {
    const { server } = flow;
    const other = await write<{ id: number }>(admin, 'POST', '/orgs', { parentId: countyId, kind: 'street', name: '端到端西湖街道' });
    const own = await street.get<Report>('/stars/report', { orgId: streetId, year: LAST });
    expect(own.scope).toMatchObject({ id: streetId, kind: 'street' });

    const page = await flow.newPage();
    await uiLogin(page, server.url, 'street');
    await page.goto(`/stars/results?tab=report&year=${LAST}`);
    const doc = page.getByTestId('star-report-doc');
    await expect.poll(() => doc.getAttribute('data-scope')).toBe(String(streetId));
    await waitForText(page.getByTestId('star-report-title'), own.scope.name);
    await waitForText(page.getByTestId('star-report-count'), String(own.rated));
    expect(await page.getByTestId('star-report-forbidden').count()).toBe(0);
    await page.getByTestId('star-results-tab-pay').click();
    await expect.poll(() => page.getByTestId('star-pay-card').getAttribute('data-scope')).toBe(String(streetId));
    await waitForText(page.getByTestId('star-pay-title'), own.scope.name);
    // the funds of the street, without the county's award button
    const funds = await street.get<Funds>('/stars/funds', { orgId: streetId, year: LAST });
    expect(funds.actions).toEqual([]);
    await page.getByTestId('star-results-tab-funds').click();
    await expect.poll(() => page.getByTestId('star-funds-count').getAttribute('data-count')).toBe(String(funds.items.length));
    expect(await page.getByTestId('star-funds-give').count()).toBe(0);

    // the county's and another street's results are not there for the street
    for (const orgId of [countyId, other.id]) {
      for (const p of ['/stars/report', '/stars/pay', '/stars/funds', '/stars/five-good']) {
        expect((await street.call('GET', `${p}?orgId=${orgId}&year=${LAST}`)).status, `${p} of ${orgId}`).toBe(404);
      }
    }
    expect((await street.call('POST', '/stars/awards', { orgId: funds.items[0]?.orgId ?? streetId, year: LAST, title: '越权授奖' })).status).toBe(403);
    await page.goto(`/stars/results?tab=report&scopeId=${countyId}&year=${LAST}`);
    await page.getByTestId('star-report-forbidden').waitFor();
    expect(await page.getByTestId('star-report-doc').count()).toBe(0);
  });
});
