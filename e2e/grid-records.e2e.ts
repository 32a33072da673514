/**
 * 网格走访 and 民情统计 through the browser: liaison1 on a phone records a visit to a household through
 * the 记录走访 form (the API's own diary then holds it as typed) and finds it in the household's 民情档案;
 * community1 links a member to a household (联户), accepts and finishes a 办事 case and exports the cases; the figures
 * page of community1's community shows what GET /requests/stats answers (by grid and by category,
 * with the total), a grid-load row per grid, visits per liaison, and an .xlsx equal to the API's
 * figures; community2 gets 404 for community1's household and its figures page shows nothing of it.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { apiLogin, captureDownload, rowKeys, table, uiLogin, useFlow, waitForText, type ApiSession, pickPerson } from './harness.ts';

const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
const RUN = Date.now() % 100000;
const HEARD = `楼道扶手松动，老人上下楼担心摔倒（端到端${RUN}）`;
const FOLLOW = '已报物业，三天内回访';
const MATTER = `医保零星报销材料代办（端到端${RUN}）`;
const RESULT = '材料已交街道医保窗口';

type Household = { id: number; address: string; headName: string | null; gridId: number | null };
type Figures = { key: string; name: string | null; raised: number; fixed: number; notFixed: number; confirmed: number; open: number; overdueNow: number;
  overdueShare: number | null; meanDays: number | null; satisfaction: number | null; rated: number };
type Stats = { items: Figures[]; total: Figures };
type GridLoad = { gridId: number; gridName: string; open: number; overdue: number; load: number | null };

/** A figure as the page shows it (and the export writes the share). */
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);
const SHOWN: [keyof Figures, (f: Figures) => string][] = [
  ['raised', (f) => String(f.raised)], ['fixed', (f) => String(f.fixed)], ['notFixed', (f) => String(f.notFixed)], ['confirmed', (f) => String(f.confirmed)],
  ['open', (f) => String(f.open)], ['overdueNow', (f) => String(f.overdueNow)], ['overdueShare', (f) => pct(f.overdueShare)],
  ['meanDays', (f) => String(f.meanDays ?? '—')], ['satisfaction', (f) => String(f.satisfaction ?? '—')],
];


/** Picks an option of a plain Select by typing `search` and clicking the option's test id. */
async function pickOption(page: Page, selectId: string, search: string, optionId: string, expected: string): Promise<void> {
  const select = page.getByTestId(selectId);
  for (let attempt = 1; ; attempt++) {
    await select.click();
    if (search) await page.keyboard.type(search);
    await page.getByTestId(optionId).click();
    try {
      await waitForText(select, expected, 3_000);
      return;
    } catch (err) {
      if (attempt === 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
}

/** Clicks `button` and returns the response of the POST to `path` it makes. */
async function posting(page: Page, path: string | RegExp, button: string) {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && (typeof path === 'string' ? new URL(r.url()).pathname === `/api/v1${path}` : path.test(new URL(r.url()).pathname))),
    page.getByTestId(button).click(),
  ]);
  return res;
}

/** Checks that the figures table shows `s` exactly: each group's cells and the total row. */
async function expectFigures(page: Page, s: Stats): Promise<void> {
  expect(s.items.length).toBeGreaterThanOrEqual(2);
  expect(await rowKeys(table(page, 'gs-fig-table'))).toEqual(s.items.map((f) => f.key));
  for (const f of s.items) {
    await waitForText(page.getByTestId(`gs-fig-${f.key}-name`), f.name!);
    for (const [field, show] of SHOWN) expect(await page.getByTestId(`gs-fig-${f.key}-${field}`).innerText(), `${f.name} ${field}`).toBe(show(f));
  }
  for (const [field, show] of SHOWN) expect(await page.getByTestId(`gs-fig-total-${field}`).innerText(), `total ${field}`).toBe(show(s.total));
}

describe('网格走访 and 民情统计: a visit from a phone, 联户, 办事, the figures and their scope', () => {
  const flow = useFlow('grid-records');
  let liaison1: ApiSession, community1: ApiSession, community2: ApiSession;
  let community: { id: number; name: string };
  let household: Household;
  let visitId: number;

  it('liaison1 records a visit to a household on a phone, and finds it in the household\'s 民情档案', async () => {
    const { server } = flow;
    [liaison1, community1, community2] = await Promise.all(['liaison1', 'community1', 'community2'].map((u) => apiLogin(server.url, u)));
    const g = (await community1.get<{ grants: { orgId: number; orgName: string }[] }>('/auth/me')).grants[0];
    community = { id: g.orgId, name: g.orgName };
    const households = (await liaison1.get<{ items: Household[] }>('/households', { communityId: community.id })).items;
    household = households.find((h) => h.headName && h.gridId)!;
    expect(household).toBeTruthy();

    const page = await flow.newPage(PHONE);
    await uiLogin(page, server.url, 'liaison1');
    await page.goto('/grid?tab=visits');
    await waitForText(page.getByTestId('gw-community'), community.name);
    const started = Date.now();
    await page.getByTestId('gw-visit-new').click();
    await page.getByTestId('gw-visit-drawer').waitFor();
    await page.getByTestId('gw-visit-kind-联户').click();
    await pickOption(page, 'gw-visit-household', household.address, `gw-visit-household-option-${household.id}`, household.address);
    expect(await page.getByTestId('gw-visit-whom').inputValue()).toBe(household.headName); // the head, filled in
    await page.getByTestId('gw-visit-heard').fill(HEARD);
    await page.getByTestId('gw-visit-follow-up').fill(FOLLOW);
    const res = await posting(page, '/visits', 'gw-visit-submit');
    expect(res.status(), await res.text()).toBe(200);
    visitId = ((await res.json()) as { id: number }).id;
    expect(Date.now() - started).toBeLessThan(60_000);
    await page.getByTestId('gw-visit-drawer').waitFor({ state: 'hidden' });
    await waitForText(page.getByTestId(`gw-visit-row-${visitId}`), HEARD);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    const mine = (await liaison1.get<{ items: { id: number; kind: string; whom: string; heard: string; followUp: string | null; householdId: number | null; gridId: number | null; liaisonName: string }[] }>('/visits', { mine: 'true' })).items;
    expect(mine.find((v) => v.id === visitId)).toMatchObject({ kind: '联户', whom: household.headName, heard: HEARD, followUp: FOLLOW, householdId: household.id, gridId: household.gridId, liaisonName: '网格员小王' });

    // the household's archive, from the 住户 tab
    await page.getByTestId('gw-tab-households').click();
    await page.getByTestId(`gw-hh-row-${household.id}`).click();
    await page.getByTestId('gw-archive-body').waitFor();
    await waitForText(page.getByTestId('gw-archive-address'), household.address);
    await waitForText(page.getByTestId(`gw-archive-visit-${visitId}`), HEARD);
    await waitForText(page.getByTestId(`gw-archive-visit-${visitId}`), FOLLOW);
  });

  it('community1 links a member to another household (联户) through the 四联 tab', async () => {
    const households = (await community1.get<{ items: Household[] }>('/households', { communityId: community.id })).items;
    const target = households.find((h) => h.id !== household.id)!;
    const members = (await community1.get<{ items: { id: number; name: string; partyState: string }[] }>('/members', { orgId: community.id, pageSize: 20 })).items;
    const member = members.find((m) => m.partyState === '正常')!;
    const page = await flow.newPage();
    await uiLogin(page, flow.server.url, 'community1');
    await page.goto('/grid?tab=links');
    await page.getByTestId('gw-link-new').click();
    await page.getByTestId('gw-link-drawer').waitFor();
    await pickPerson(page, 'gw-link-member', member.name, member.id);
    await pickOption(page, 'gw-link-household', target.address, `gw-link-household-option-${target.id}`, target.address);
    const res = await posting(page, '/contact-links', 'gw-link-submit');
    expect(res.status(), await res.text()).toBe(200);
    const id = ((await res.json()) as { id: number }).id;
    await waitForText(page.getByTestId(`gw-link-row-${id}`), member.name);
    await waitForText(page.getByTestId(`gw-link-row-${id}`), target.address);
    const links = (await community1.get<{ items: { id: number; memberId: number; kind: string; householdId: number | null; until: string | null }[] }>('/contact-links', { communityId: community.id })).items;
    expect(links.find((l) => l.id === id)).toMatchObject({ memberId: member.id, kind: '联户', householdId: target.id, until: null });
    const archive = await community1.get<{ links: { id: number; memberName: string; kind: string }[] }>(`/households/${target.id}`);
    expect(archive.links).toContainEqual(expect.objectContaining({ id, memberName: member.name, kind: '联户' }));
  });

  it('community1 accepts a 办事 case for a resident and finishes it', async () => {
    const page = flow.page;
    const before = await community1.get<{ kinds: { id: number; name: string; cases: number }[] }>('/hall-cases', { communityId: community.id });
    const kind = before.kinds.find((k) => k.name === '医疗报销')!;
    const resident = (await community1.get<{ items: { id: number; name: string }[] }>('/residents', { communityId: community.id, pageSize: 5 })).items[0];
    await page.getByTestId('gw-tab-hall').click();
    expect(await page.getByTestId(`gw-hall-kind-${kind.id}`).getAttribute('data-cases')).toBe(String(kind.cases));
    await page.getByTestId('gw-hall-new').click();
    await page.getByTestId('gw-hall-drawer').waitFor();
    await pickOption(page, 'gw-hall-kind', '', `gw-hall-kind-option-${kind.id}`, kind.name);
    await pickPerson(page, 'gw-hall-resident', resident.name, resident.id);
    await page.getByTestId('gw-hall-matter').fill(MATTER);
    const res = await posting(page, '/hall-cases', 'gw-hall-submit');
    expect(res.status(), await res.text()).toBe(200);
    const id = ((await res.json()) as { id: number }).id;
    await waitForText(page.getByTestId(`gw-hall-row-${id}`), MATTER);
    expect(await page.getByTestId(`gw-hall-state-${id}`).getAttribute('data-state')).toBe('accepted');
    await expect.poll(() => page.getByTestId(`gw-hall-kind-${kind.id}`).getAttribute('data-cases')).toBe(String(kind.cases + 1));

    await page.getByTestId(`gw-hall-finish-${id}`).click();
    await page.getByTestId('gw-hall-finish-result').fill(RESULT);
    const fin = await posting(page, `/hall-cases/${id}/finish`, 'gw-hall-finish-submit');
    expect(fin.status(), await fin.text()).toBe(200);
    await expect.poll(() => page.getByTestId(`gw-hall-state-${id}`).getAttribute('data-state')).toBe('done');
    await waitForText(page.getByTestId(`gw-hall-row-${id}`), RESULT);
    const after = (await community1.get<{ items: { id: number; state: string; result: string | null; residentName: string; kind: string }[] }>('/hall-cases', { communityId: community.id })).items;
    expect(after.find((c) => c.id === id)).toMatchObject({ state: 'done', result: RESULT, residentName: resident.name, kind: kind.name });
    expect(await page.getByTestId(`gw-hall-finish-${id}`).count()).toBe(0);
    // 导出Excel gives the case as the list shows it
    const xlsx = await captureDownload(page, () => page.getByTestId('gw-hall-export').click());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(xlsx.bytes).buffer);
    const cells: string[] = [];
    wb.worksheets[0].eachRow((r) => { cells.push((r.values as unknown[]).map((v) => String(v ?? '')).join('|')); });
    const line = cells.find((c) => c.includes(MATTER));
    expect(line).toContain(RESULT);
    expect(line).toContain(kind.name);
  });

  it('the county adds a kind of 办事 in the hall tab\'s settings; community1 has no such button', async () => {
    const desk = flow.page;
    expect(await desk.getByTestId('gw-hall-kinds-edit').count()).toBe(0);
    const page = await flow.newPage();
    await uiLogin(page, flow.server.url, 'admin');
    await page.goto(`/grid?communityId=${community.id}&tab=hall`);
    await page.getByTestId('gw-hall-kinds-edit').click();
    await page.getByTestId('gw-hall-kind-name').fill('退役军人优待证');
    const res = await posting(page, '/hall-kinds', 'gw-hall-kind-add');
    expect(res.status(), await res.text()).toBe(200);
    const { id } = (await res.json()) as { id: number };
    // the names sit in inputs, to be edited in place
    await expect.poll(() => page.getByTestId('gw-hall-kinds-table').locator('input').evaluateAll((es) => es.map((e) => (e as HTMLInputElement).value))).toContain('退役军人优待证');
    const kinds = (await community1.get<{ kinds: { id: number; name: string; active: boolean }[] }>('/hall-cases', { communityId: community.id })).kinds;
    expect(kinds.find((k) => k.id === id)).toMatchObject({ name: '退役军人优待证', active: true });
    flow.page = desk; // the next steps go on as community1
  });

  it('the figures page of community1\'s community shows what the API counts, the grids\' load and visits, and exports the figures', async () => {
    const page = flow.page;
    await page.goto('/requests/stats');
    await expect.poll(() => page.getByTestId('gs-body').getAttribute('data-by')).toBe('grid');
    expect(await page.getByTestId('gs-body').getAttribute('data-org')).toBe(String(community.id));
    const byGrid = await community1.get<Stats>('/requests/stats', { orgId: community.id, by: 'grid' });
    expect(byGrid.total.raised).toBeGreaterThan(0);
    await expectFigures(page, byGrid);
    await page.getByTestId('gs-chart').waitFor();

    const load = (await community1.get<{ items: GridLoad[] }>('/requests/grid-load', { orgId: community.id })).items;
    expect((await rowKeys(table(page, 'gs-load-table'))).map(Number).sort((a, b) => a - b)).toEqual(load.map((g) => g.gridId).sort((a, b) => a - b));
    const busy = load.find((g) => g.overdue > 0)!;
    expect(await page.getByTestId(`gs-load-row-${busy.gridId}`).getAttribute('data-level')).toBe('red');
    expect(await page.getByTestId(`gs-load-${busy.gridId}-open`).innerText()).toBe(String(busy.open));
    const calm = load.find((g) => g.open === 0 && g.overdue === 0 && g.load !== null)!;
    expect(await page.getByTestId(`gs-load-row-${calm.gridId}`).getAttribute('data-level')).toBe('green');

    const visits = (await community1.get<{ items: { liaisonId: number; visits: number }[] }>('/visits/stats', { orgId: community.id })).items;
    for (const v of visits) expect(await page.getByTestId(`gs-visits-${v.liaisonId}-visits`).innerText()).toBe(String(v.visits));

    // the export of what is on screen: one row per group and the total, as the API counts
    const file = await captureDownload(page, () => page.getByTestId('gs-export-figures').click());
    expect(file.name).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0].eachRow((r) => rows.push(Array.from(r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const cells = (f: Figures) => [f.name ?? '', f.raised, f.fixed, f.notFixed, f.confirmed, f.open, f.overdueNow, f.overdueShare === null ? '' : pct(f.overdueShare), f.meanDays ?? '', f.satisfaction ?? '', f.rated].map(String);
    expect(rows[0][0]).toBe('网格');
    expect(rows.slice(1)).toEqual([...byGrid.items, byGrid.total].map(cells));

    // another grouping, read again from the API
    await page.getByTestId('gs-by-category').click();
    await expect.poll(() => page.getByTestId('gs-body').getAttribute('data-by')).toBe('category');
    await expectFigures(page, await community1.get<Stats>('/requests/stats', { orgId: community.id, by: 'category' }));
  });

  it('community2 gets 404 for community1\'s household and sees nothing of community1 in its figures', async () => {
    expect((await community2.call('GET', `/households/${household.id}`)).status).toBe(404);
    expect((await community2.call('GET', `/requests/stats?orgId=${community.id}&by=grid`)).status).toBe(404);
    expect((await community2.call('GET', `/requests/grid-load?orgId=${community.id}`)).status).toBe(404);
    const own = (await community2.get<{ grants: { orgId: number }[] }>('/auth/me')).grants[0].orgId;
    const theirGrids = (await community1.get<{ items: GridLoad[] }>('/requests/grid-load', { orgId: community.id })).items.map((g) => String(g.gridId));

    const page = await flow.newPage();
    await uiLogin(page, flow.server.url, 'community2');
    await page.goto('/requests/stats');
    await expect.poll(() => page.getByTestId('gs-body').getAttribute('data-org')).toBe(String(own));
    const shown = await rowKeys(table(page, 'gs-load-table'));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((k) => theirGrids.includes(k))).toEqual([]);
    expect(await page.getByTestId('gs-body').innerText()).not.toContain(community.name);

    // asked for community1's figures by address, it gets the refusal and no figures
    await page.goto(`/requests/stats?orgId=${community.id}`);
    await page.getByTestId('gs-error').waitFor();
    expect(await page.getByTestId('gs-body').count()).toBe(0);
    // and community1's household archive by address shows the refusal, not the visit
    await page.goto(`/grid?communityId=${community.id}&household=${household.id}`);
    await page.getByTestId('gw-archive-error').waitFor();
    expect(await page.locator('body').innerText()).not.toContain(HEARD);
  });
});
