/**
 * "One community cannot see another's data": community1's roster holds only its own subtree;
 * another community's member is answered 404 by the API (read and write) and is not shown by its
 * URL. A party member on a phone sees their own record on 我的 without sideways scrolling and
 * cannot open the roster.
 */
import type { APIRequestContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiLogin, rowKeys, table, uiLogin, useFlow, waitForText, type ApiSession } from './harness.ts';

type Org = { id: number; name: string; kind: string; childCount: number };
type Member = { id: number; name: string; orgId: number; orgName: string; post: string | null; version: number; idMasked: string };
type Me = { grants: { orgId: number; orgName: string }[]; csrfToken: string; user: { memberId: number | null } };

/** Every organisation in the subtree of `rootId`, the root included (read as admin). */
async function subtree(admin: ApiSession, rootId: number): Promise<Org[]> {
  const root = (await admin.get<{ org: Org }>(`/orgs/${rootId}`)).org;
  const out: Org[] = [root];
  for (let i = 0; i < out.length; i += 1) {
    if (out[i].childCount === 0 && i > 0) continue;
    out.push(...(await admin.get<{ items: Org[] }>('/orgs', { parentId: out[i].id })).items);
  }
  return out;
}

/** Without the `actions` the API adds for the caller. */
const record = ({ actions: _a, ...m }: Member & { actions?: unknown }) => m;

describe('scope: one community cannot see another\'s data', () => {
  const flow = useFlow('scope');
  let admin: ApiSession;
  let ownOrg: { orgId: number; orgName: string };
  let otherOrg: { orgId: number; orgName: string };
  let victim: Member;
  let c1Page: Page;

  it('community1\'s 党员 list holds exactly the members of its own community', async () => {
    const { server } = flow;
    admin = await apiLogin(server.url, 'admin');
    ownOrg = (await (await apiLogin(server.url, 'community1')).get<Me>('/auth/me')).grants[0];
    otherOrg = (await (await apiLogin(server.url, 'community2')).get<Me>('/auth/me')).grants[0];
    expect(ownOrg.orgId).not.toBe(otherOrg.orgId);
    const own = await admin.get<{ total: number; items: Member[] }>('/members', { orgId: ownOrg.orgId, pageSize: 200 });
    const other = await admin.get<{ total: number; items: Member[] }>('/members', { orgId: otherOrg.orgId, pageSize: 200 });
    const everyone = await admin.get<{ total: number }>('/members', { pageSize: 1 });
    expect(own.total).toBeGreaterThan(0);
    expect(own.total).toBeLessThanOrEqual(100);
    expect(other.total).toBeGreaterThan(0);
    expect(own.total + other.total).toBeLessThan(everyone.total);
    const ownOrgNames = new Set((await subtree(admin, ownOrg.orgId)).map((o) => o.name));
    victim = other.items[0];

    c1Page = flow.page;
    await uiLogin(c1Page, server.url, 'community1');
    await c1Page.getByTestId('nav-members').click();
    await c1Page.waitForURL('**/members');
    const members = table(c1Page, 'member-table');
    await waitForText(members.locator('.ant-pagination-total-text'), `共 ${own.total} 条`);
    // Show every row on one page.
    await members.locator('.ant-pagination-options .ant-select').click();
    await c1Page.locator('.ant-select-item-option').filter({ hasText: '100' }).click();
    await c1Page.waitForURL(/pageSize=100/);
    await expect.poll(async () => (await rowKeys(members)).length).toBe(own.total);

    const keys = await rowKeys(members);
    expect(new Set(keys)).toEqual(new Set(own.items.map((m) => String(m.id))));
    for (const m of other.items) expect(keys).not.toContain(String(m.id));
    const heads = (await members.locator('thead th').allInnerTexts()).map((h) => h.trim());
    const orgCol = heads.indexOf('所在党支部');
    expect(orgCol).toBeGreaterThan(0);
    const orgCells = await members.locator(`tbody tr.ant-table-row td:nth-child(${orgCol + 1})`).allInnerTexts();
    expect(orgCells.length).toBe(own.total);
    for (const name of orgCells) expect(ownOrgNames).toContain(name.trim());
    await waitForText(c1Page.locator('body'), own.items[0].name);
    expect(await c1Page.locator('body').innerText()).not.toContain(victim.name);
  });

  it('with community1\'s session cookie the API answers 404 for the other community\'s member, reading or writing, and nothing changes', async () => {
    const req: APIRequestContext = c1Page.request;
    const before = record(await admin.get<Member>(`/members/${victim.id}`));
    const historyBefore = (await admin.get<{ items: unknown[] }>(`/members/${victim.id}/history`)).items.length;
    const me = (await (await req.get('/api/v1/auth/me')).json()) as Me;
    const write = { 'x-csrf-token': me.csrfToken };

    for (const path of [`/api/v1/members/${victim.id}`, `/api/v1/members/${victim.id}/history`, `/api/v1/members/${victim.id}/sensitive`]) {
      const r = await req.get(path);
      expect(r.status(), path).toBe(404);
      expect(await r.text()).not.toContain(victim.name);
    }
    const patch = await req.patch(`/api/v1/members/${victim.id}`, { headers: write, data: { version: before.version, post: '越权修改' } });
    expect(patch.status()).toBe(404);
    expect((await patch.json()).error.code).toBe('NOT_FOUND');
    // Neither the list, the organisation nor the export of the other community open by its id.
    for (const path of [`/api/v1/members?orgId=${otherOrg.orgId}`, `/api/v1/orgs/${otherOrg.orgId}`, `/api/v1/exports/members?orgId=${otherOrg.orgId}`]) {
      expect((await req.get(path)).status(), path).toBe(404);
    }
    // Moving one of its own members into the other community is refused as well.
    const mine = (await (await req.get('/api/v1/members?pageSize=1')).json()).items[0] as Member;
    const moved = await req.patch(`/api/v1/members/${mine.id}`, { headers: write, data: { version: mine.version, orgId: victim.orgId } });
    expect(moved.status()).toBe(404);
    // The session itself still works: its own member can be read.
    expect((await req.get(`/api/v1/members/${mine.id}`)).status()).toBe(200);

    expect(record(await admin.get<Member>(`/members/${victim.id}`))).toEqual(before);
    expect((await admin.get<{ items: unknown[] }>(`/members/${victim.id}/history`)).items.length).toBe(historyBefore);
    expect((await admin.get<Member>(`/members/${mine.id}`))).toMatchObject({ orgId: mine.orgId, version: mine.version });
    const auditor = await apiLogin(flow.server.url, 'auditor');
    expect((await auditor.get<{ total: number }>('/audit', { type: 'member.updated' })).total).toBe(0);
  });

  it('member1 on a phone sees their own record on 我的, without sideways scrolling, and cannot open the 党员 list', async () => {
    const { server } = flow;
    const own = await (await apiLogin(server.url, 'member1')).get<Member>('/me/member');
    const page = await flow.newPage({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const noSideways = () => page.evaluate(() => ({
      inner: window.innerWidth, doc: document.documentElement.scrollWidth, body: document.body.scrollWidth,
    }));

    await uiLogin(page, server.url, 'member1');
    await page.getByTestId('home-welcome').waitFor();
    expect(await noSideways()).toEqual({ inner: 375, doc: 375, body: 375 });
    // The menu sits in a drawer on a phone: 我的 is there, 党员 and 组织机构 are not.
    await page.getByTestId('nav-open').click();
    await page.getByTestId('nav-me').waitFor();
    expect(await page.getByTestId('nav-members').count()).toBe(0);
    expect(await page.getByTestId('nav-orgs').count()).toBe(0);
    await page.getByTestId('nav-me').click();
    await page.waitForURL('**/me');

    const rec = page.getByTestId('me-page').getByTestId('member-record');
    await waitForText(rec, own.name);
    const text = await rec.innerText();
    expect(text).toContain(own.idMasked);
    expect(text).toContain(own.orgName);
    const size = await noSideways();
    expect(size.inner).toBe(375);
    expect(size.doc).toBeLessThanOrEqual(375);
    expect(size.body).toBeLessThanOrEqual(375);

    for (const path of ['/members', `/members/${own.id}`]) {
      await page.goto(`${server.url}${path}`);
      const result = page.locator('.ant-result');
      await waitForText(result, '您没有访问此页面的权限');
      expect(await result.innerText()).toContain('403');
      expect(await page.getByTestId('member-table').count()).toBe(0);
      expect(await page.getByTestId('member-detail').count()).toBe(0);
    }
    // And the API agrees: the roster is empty for a member.
    const res = await page.request.get('/api/v1/members');
    expect((await res.json()).total).toBe(0);
  });

  it('the address of the other community\'s member shows a not-found page, not the record', async () => {
    flow.page = c1Page;
    const answered = c1Page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/members/${victim.id}`);
    await c1Page.goto(`${flow.server.url}/members/${victim.id}`);
    expect((await answered).status()).toBe(404);
    expect(await c1Page.getByTestId('member-record').count()).toBe(0);
    expect(await c1Page.locator('body').innerText()).not.toContain(victim.name);
    // A 404/no-access result page, not an endless spinner.
    await waitForText(c1Page.locator('.ant-result'), /404|不存在|无权/, 5_000);
  });
});
