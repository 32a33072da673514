/**
 * 先锋承诺三方评价 through the browser, checked against the API: community1 sets up a 机关 party
 * branch (a police station's) in its community with four members, one of whom has an account and
 * enters their own 自评 on a phone; community1 is refused for a member outside 机关/事业单位, then
 * enters the peers' sheets and the organisation's score for all four in the drawer (a score over 100
 * and weights not summing to 100% stopped at their fields), sees the totals, ranks and the one
 * recommendation the API gives (only the best third is recommended, so a 96.6 is not), records the
 * 优秀党员 decision with the row version read, and exports the table; community2 reaches none of it.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiLogin, captureDownload, closeDrawer, pickOrg, uiLogin, useFlow, waitForText, type ApiSession, write } from './harness.ts';

const YEAR = new Date().getFullYear() - 1;
const ORGAN = '城东派出所党支部（端到端）';
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

type Me = { grants: { role: string; orgId: number; orgName: string }[] };
type Review = {
  id: number; memberId: number; memberName: string; selfScore: number | null; peerScores: number[]; peers: number; peerMean: number | null; orgScore: number | null;
  weights: { self: number; peer: number; org: number }; total: number | null; complete: boolean; rank: number | null; recommended: boolean; excellent: boolean | null; rowVersion: number; actions: string[];
};
/** What each member gets: self (null: entered by the member), peer sheets, organisation, weights in percent (null: the default). */
type Plan = { name: string; self: number | null; peers: number[]; org: number; weights: [number, number, number] | null; total: number };
const PLANS: Plan[] = [
  { name: '端到端甲', self: null, peers: [96, 98], org: 97, weights: null, total: 96.6 }, // 95×0.2 + 97×0.3 + 97×0.5; their own 自评 of 95
  { name: '端到端乙', self: 80, peers: [85], org: 82, weights: null, total: 82.5 },
  { name: '端到端丙', self: 90, peers: [92, 94], org: 88, weights: null, total: 89.9 },
  { name: '端到端丁', self: 98, peers: [99], org: 99, weights: [10, 30, 60], total: 98.9 }, // 9.8 + 29.7 + 59.4
];


/** Chooses a value of an antd Select through the option's test id. */
async function choose(page: Page, selectId: string, optionId: string): Promise<void> {
  await page.getByTestId(selectId).click();
  await page.getByTestId(optionId).click();
}

/** Opens 添加党员, searches the member by name and adds them; the review drawer opens. */
async function addMember(page: Page, name: string, id: number): Promise<void> {
  await page.getByTestId('vg-add').click();
  await page.getByTestId('vg-add-modal').waitFor();
  await page.getByTestId('vg-add-member').click();
  await page.keyboard.type(name);
  // the options are re-rendered when the debounced search answers: click again until the choice shows in the field
  for (let attempt = 0; ; attempt++) {
    await page.getByTestId(`member-option-${id}`).click({ timeout: 5_000 }).catch(() => undefined);
    if ((await page.getByTestId('vg-add-member').innerText()).includes(name)) break;
    if (attempt === 3) throw new Error(`could not choose ${name} in 添加党员`);
  }
  await page.getByTestId('vg-add-ok').click();
}

describe('先锋承诺三方评价: three parts entered, ranked, recommended and decided', () => {
  const flow = useFlow('vanguard');
  let admin: ApiSession, community1: ApiSession, community2: ApiSession;
  let organ: number;
  let plain: { id: number; name: string };
  const ids: number[] = [];
  let reviews: Review[] = [];
  const reviewsNow = async () => (await community1.get<{ items: Review[] }>('/vanguard/reviews', { orgId: organ, year: YEAR })).items;
  const byMember = (id: number) => reviews.find((r) => r.memberId === id)!;

  it('set-up through the API: a 机关 branch in community1\'s community, four members, an account for one', async () => {
    const { server } = flow;
    [admin, community1, community2] = await Promise.all(['admin', 'community1', 'community2'].map((u) => apiLogin(server.url, u)));
    const communityId = (await community1.get<Me>('/auth/me')).grants.find((g) => g.role === 'community_admin')!.orgId;
    const party = (await community1.get<{ items: { id: number; kind: string }[] }>('/orgs', { parentId: communityId })).items.find((o) => ['party_committee', 'general_branch'].includes(o.kind))!;
    organ = (await write<{ id: number }>(community1, 'POST', '/orgs', { parentId: party.id, kind: 'branch', name: ORGAN, unitNature: '机关' })).id;
    for (const [i, p] of PLANS.entries()) {
      const m = await write<{ id: number }>(community1, 'POST', '/members', {
        orgId: organ, name: p.name, gender: i % 2 ? '女' : '男', birthDate: `198${i}-03-0${i + 1}`, idNumber: null, phone: null, joinDate: '2010-07-01', fullDate: '2011-07-01',
      });
      ids.push(m.id);
    }
    const others = await community1.get<{ items: { id: number; name: string; orgId: number; partyState: string }[] }>('/members', { orgId: communityId, pageSize: 50 });
    plain = others.items.find((m) => m.orgId !== organ && m.partyState === '正常')!;
    // 端到端甲 gets an account of their own (role 'member'), with the usual first-login password change done
    const { user } = await write<{ user: { id: number } }>(admin, 'POST', '/users', { username: 'jiguan1', displayName: PLANS[0].name, homeOrgId: organ, memberId: ids[0], password: 'E2e-Member-2026!' });
    await write(admin, 'POST', `/users/${user.id}/grants`, { role: 'member', orgId: organ });
    await write(await apiLogin(server.url, 'jiguan1', 'E2e-Member-2026!'), 'POST', '/auth/password', { current: 'E2e-Member-2026!', next: ADMIN_PASSWORD });
    expect(await reviewsNow()).toEqual([]);
  });

  it('a member of the 机关 branch enters their own 自评 on a phone; a community member is told it is not for them', async () => {
    const { server } = flow;
    const phone = await flow.newPage(PHONE);
    await uiLogin(phone, server.url, 'jiguan1');
    await phone.goto('/vanguard');
    await phone.getByTestId('vg-mine').waitFor();
    expect(await phone.getByTestId('vg-page').count()).toBe(0); // no eval.read: only their own card
    await choose(phone, 'vg-mine-year', `vg-mine-year-${YEAR}`);
    await phone.getByTestId('vg-mine-self').fill('95');
    const [res] = await Promise.all([
      phone.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname === '/api/v1/vanguard/reviews'),
      phone.getByTestId('vg-mine-submit').click(),
    ]);
    expect(res.status(), await res.text()).toBe(200);
    expect(res.request().postDataJSON()).toEqual({ memberId: ids[0], year: YEAR, self: 95 });
    await waitForText(phone.getByTestId('vg-mine-current'), '95');
    reviews = await reviewsNow();
    expect(byMember(ids[0])).toMatchObject({ selfScore: 95, peers: 0, orgScore: null, complete: false, recommended: false });

    const other = await flow.newPage(PHONE);
    await uiLogin(other, server.url, 'member1');
    await other.goto('/vanguard');
    await other.getByTestId('vg-mine-na').waitFor();
  });

  it('community1 is refused for a member outside 机关/事业单位, then scores the four members in the drawer', async () => {
    const { server } = flow;
    const page = await flow.newPage();
    await uiLogin(page, server.url, 'community1');
    await page.getByTestId('nav-vanguard').click();
    await page.waitForURL('**/vanguard');
    await page.getByTestId('vg-page').waitFor();
    await choose(page, 'vg-year', `vg-year-${YEAR}`);
    // the page opens on community1's community: its ordinary members are not for this review, and the server says so
    await addMember(page, plain.name, plain.id);
    await waitForText(page.getByTestId('vg-add-error'), '机关、事业单位');
    await page.locator('.ant-modal', { has: page.getByTestId('vg-add-modal') }).locator('.ant-modal-footer button').first().click();
    await page.getByTestId('vg-add-modal').waitFor({ state: 'hidden' });

    await pickOrg(page, 'vg-org', ORGAN);
    for (const [i, p] of PLANS.entries()) {
      await addMember(page, p.name, ids[i]);
      const drawer = page.getByTestId('vg-drawer');
      await drawer.waitFor();
      await waitForText(page.locator('.ant-drawer-title'), p.name);
      if (p.self === null) expect(await page.getByTestId('vg-in-self').inputValue()).toBe('95'); // the member's own
      else await page.getByTestId('vg-in-self').fill(String(p.self));
      for (const [k, s] of p.peers.entries()) {
        await page.getByTestId('vg-in-peer-add').click();
        await page.getByTestId(`vg-in-peer-${k}`).fill(String(s));
      }
      if (i === 1) {
        // over 100: stopped at the field, nothing sent
        await page.getByTestId('vg-in-org').fill('101');
        await page.getByTestId('vg-score-submit').click();
        await waitForText(page.getByTestId('vg-score-form'), '0 到 100 分');
      }
      await page.getByTestId('vg-in-org').fill(String(p.org));
      if (p.weights) {
        await page.getByTestId('vg-weight-self').fill(String(p.weights[0]));
        await waitForText(page.getByTestId('vg-score-form'), '权重之和应为 100%（现为 90%）');
        await page.getByTestId('vg-weight-peer').fill(String(p.weights[1]));
        await page.getByTestId('vg-weight-org').fill(String(p.weights[2]));
      }
      await waitForText(page.getByTestId('vg-preview'), String(p.total));
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname === '/api/v1/vanguard/reviews'),
        page.getByTestId('vg-score-submit').click(),
      ]);
      expect(res.status(), await res.text()).toBe(200);
      const sent = res.request().postDataJSON() as Record<string, unknown>;
      expect(sent).toMatchObject({ memberId: ids[i], year: YEAR, peers: p.peers, org: p.org });
      expect('self' in sent).toBe(p.self !== null); // the member's own score is left alone
      if (p.weights) expect(sent.weights).toEqual({ self: p.weights[0] / 100, peer: p.weights[1] / 100, org: p.weights[2] / 100 });
      await waitForText(page.getByTestId('vg-drawer-total'), String(p.total));
      await closeDrawer(page, page.getByTestId('vg-drawer-summary'));
    }
  });

  it('the table and the chart show the totals, ranks and the one recommendation the API gives', async () => {
    const { page } = flow;
    reviews = await reviewsNow();
    expect(reviews).toHaveLength(4);
    for (const [i, p] of PLANS.entries()) expect(byMember(ids[i])).toMatchObject({ total: p.total, complete: true, peers: p.peers.length });
    // room for one in the best third of four: 端到端丁 (98.9); 端到端甲's 96.6 is over 90 but outside it
    expect(ids.map((id) => byMember(id).rank)).toEqual([2, 4, 3, 1]);
    expect(reviews.filter((r) => r.recommended).map((r) => r.memberId)).toEqual([ids[3]]);
    for (const id of ids) {
      const r = byMember(id);
      await waitForText(page.getByTestId(`vg-total-${id}`), String(r.total));
      expect(await page.getByTestId(`vg-rank-${id}`).innerText()).toBe(String(r.rank));
      expect(await page.getByTestId(`vg-rec-${id}`).getAttribute('data-recommended')).toBe(String(r.recommended));
      expect(await page.getByTestId(`vg-peer-${id}`).innerText()).toContain(String(r.peerMean));
    }
    await waitForText(page.getByTestId('vg-summary'), '共 4 人，评齐 4 人，推荐 1 人，已评为优秀党员 0 人');
    expect(await page.getByTestId('vg-chart').locator('canvas').count()).toBeGreaterThan(0);
  });

  it('community1 records the 优秀党员 decision with the row version read; the scores are closed after it', async () => {
    const { page } = flow;
    const d = byMember(ids[3]);
    await page.getByTestId(`vg-name-${ids[3]}`).click();
    await page.getByTestId('vg-decide-form').waitFor();
    await page.getByTestId('vg-decide-note').fill('支部党员大会表决通过（端到端）');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/vanguard/reviews/${d.id}/decide`),
      page.getByTestId('vg-decide-submit').click(),
    ]);
    expect(res.status(), await res.text()).toBe(200);
    expect(res.request().postDataJSON()).toEqual({ excellent: true, note: '支部党员大会表决通过（端到端）', rowVersion: d.rowVersion });
    await expect.poll(() => page.getByTestId('vg-drawer-decision').getAttribute('data-decision')).toBe('yes');
    expect(await page.getByTestId('vg-score-form').count()).toBe(0);
    await closeDrawer(page, page.getByTestId('vg-drawer-summary'));
    await expect.poll(() => page.getByTestId(`vg-decision-${ids[3]}`).getAttribute('data-decision')).toBe('yes');
    reviews = await reviewsNow();
    expect(byMember(ids[3])).toMatchObject({ excellent: true, decisionNote: '支部党员大会表决通过（端到端）', actions: [] });
    expect(byMember(ids[0])).toMatchObject({ excellent: null, actions: ['score', 'decide'] });
    // a second decision on the old version is refused, and so is a score after the decision
    expect((await community1.call('POST', `/vanguard/reviews/${d.id}/decide`, { excellent: false, rowVersion: d.rowVersion })).status).toBe(409);
    expect((await community1.call('PUT', '/vanguard/reviews', { memberId: ids[3], year: YEAR, org: 60 })).status).toBe(409);
  });

  it('the export holds the ranked table and is logged', async () => {
    const { page } = flow;
    const file = await captureDownload(page, () => page.getByTestId('vg-export').click());
    expect(file.name).toMatch(/先锋承诺三方评价.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const first = rows.find((r) => r.includes(PLANS[3].name))!;
    expect(first.slice(0, 2)).toEqual(['1', PLANS[3].name]);
    expect(first).toEqual(expect.arrayContaining(['98.9', '10/30/60', '推荐', '优秀党员']));
    expect(rows.find((r) => r.includes(PLANS[0].name))!.slice(0, 2)).toEqual(['2', PLANS[0].name]);
    // logged like every export: who, what, the filters, how many rows
    const auditor = await apiLogin(flow.server.url, 'auditor');
    const logged = await auditor.get<{ items: { data: { kind: string; count: number; filters: Record<string, unknown> } }[] }>('/audit', { type: 'export.created' });
    expect(logged.items.filter((e) => e.data.kind === 'vanguard_reviews').map((e) => e.data)).toEqual([expect.objectContaining({ count: 4, filters: { orgId: organ, year: YEAR } })]);
  });

  it('community2 reaches none of the branch\'s reviews', async () => {
    const q = `orgId=${organ}&year=${YEAR}`;
    expect((await community2.call('GET', `/vanguard/reviews?${q}`)).status).toBe(404);
    expect((await community2.call('GET', `/vanguard/reviews/export?${q}`)).status).toBe(404);
    expect((await community2.call('PUT', '/vanguard/reviews', { memberId: ids[1], year: YEAR, org: 10 })).status).toBe(404);
    expect((await community2.call('POST', `/vanguard/reviews/${byMember(ids[0]).id}/decide`, { excellent: false, rowVersion: byMember(ids[0]).rowVersion })).status).toBe(404);
    expect(byMember(ids[1]).orgScore).toBe(82);
    expect((await reviewsNow()).find((r) => r.memberId === ids[1])!.orgScore).toBe(82);
  });
});
