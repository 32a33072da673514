/**
 * 设岗定责 through the browser: community1 opens an emergency post (突发事件处置岗) in one step;
 * member1 finds it on their phone-sized page and takes it for themselves; the API shows the holder;
 * community2 cannot reach the post. community1 then gives the post to a resident found by name in
 * the picker, and 导出Excel downloads exactly the posts of the list with their holders.
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiLogin, captureDownload, pickOrg, uiLogin, useFlow, waitForText, type ApiSession, pickPerson } from './harness.ts';

type Post = { id: number; name: string; type: string; emergency: boolean; holders: number; places: number; actions: string[] };
type Holder = { id: number; personKind: string; personId: number; name: string; since: string; until: string | null };
type Detail = Post & { holders: Holder[] };
type Listed = { id: number; type: string; name: string; orgName: string; places: number; state: 'open' | 'closed'; emergency: boolean; opensOn: string; closesOn: string | null; hours: number; duties: string };


/** The cells of the first sheet of an .xlsx, as text. */
async function sheetRows(bytes: Buffer): Promise<string[][]> {
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(bytes).buffer as ArrayBuffer);
  const ws = wb.worksheets[0];
  const out: string[][] = [];
  ws.eachRow((r) => { out.push(Array.from({ length: ws.columnCount }, (_x, i) => { const v = r.getCell(i + 1).value; return v === null || v === undefined ? '' : String(v); })); });
  return out;
}

describe('设岗定责: an emergency post opened in one step and taken by a member', () => {
  const flow = useFlow('posts');
  let community1: ApiSession, community2: ApiSession, member1: ApiSession;
  let communityId: number, memberId: number;
  let post: Post;
  const NAME = '防汛抢险（端到端）';

  it('community1 opens an emergency post in one step', async () => {
    const { page, server } = flow;
    [community1, community2, member1] = await Promise.all(['community1', 'community2', 'member1'].map((u) => apiLogin(server.url, u)));
    const me = await community1.get<{ grants: { role: string; orgId: number; orgName: string }[] }>('/auth/me');
    const grant = me.grants.find((g) => g.role === 'community_admin')!;
    const community = grant.orgName;
    communityId = grant.orgId;
    await uiLogin(page, server.url, 'community1');
    await page.goto('/posts');
    await page.getByTestId('post-page').waitFor();
    await page.getByTestId('post-emergency').click();
    await page.getByTestId('post-open-drawer').waitFor();
    await pickOrg(page, 'post-open-org', community);
    await page.getByTestId('post-open-name').fill(NAME);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/posts/emergency'),
      page.getByTestId('post-open-submit').click(),
    ]);
    expect(res.status(), await res.text()).toBe(200);
    post = (await res.json()) as Post;
    expect(post).toMatchObject({ name: NAME, type: '突发事件处置岗', emergency: true, places: 20 });
    await page.getByTestId('post-detail-body').waitFor(); // the new post opens at once
    await waitForText(page.getByTestId('post-table'), NAME);
  });

  it('member1 takes the post for themselves on a phone; community2 cannot reach it', async () => {
    const { server } = flow;
    const phone = await flow.newPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await uiLogin(phone, server.url, 'member1');
    await phone.goto('/posts');
    await phone.getByTestId(`post-row-${post.id}`).click();
    await phone.getByTestId('post-detail-body').waitFor();
    const [res] = await Promise.all([
      phone.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/posts/${post.id}/claims`),
      phone.getByTestId('post-claim-self').click(),
    ]);
    expect(res.status(), await res.text()).toBe(200);
    memberId = (await member1.get<{ id: number }>('/me/member')).id;
    const d = await community1.get<Detail>(`/posts/${post.id}`);
    expect(d.holders).toEqual([expect.objectContaining({ personKind: 'member', personId: memberId, until: null })]);
    await waitForText(phone.getByTestId('post-holders'), d.holders[0].name);
    expect((await community2.call('GET', `/posts/${post.id}`)).status).toBe(404);
  });

  it('community1 gives the post to a resident found by name in the picker', async () => {
    const page = await flow.newPage();
    await uiLogin(page, flow.server.url, 'community1');
    // a resident of the community, as the residents list shows them (the name only is typed)
    const resident = (await community1.get<{ items: { id: number; name: string; communityName: string }[] }>('/residents', { communityId, pageSize: 1 })).items[0];
    expect(resident).toBeDefined();
    await page.goto('/posts');
    await page.getByTestId(`post-row-${post.id}`).click();
    await page.getByTestId('post-detail-body').waitFor();
    await page.getByTestId('post-claim').click();
    await page.getByTestId('post-claim-kind').getByText('居民').click();
    await expect.poll(() => page.getByTestId('post-claim-person').getAttribute('data-kind')).toBe('resident');
    await pickPerson(page, 'post-claim-person', resident.name, resident.id);
    await waitForText(page.getByTestId('post-claim-person'), resident.communityName);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/posts/${post.id}/claims`),
      page.getByTestId('post-form-submit').click(),
    ]);
    expect(res.status(), await res.text()).toBe(200);
    expect(res.request().postDataJSON()).toEqual({ personKind: 'resident', personId: resident.id });
    const d = await community1.get<Detail>(`/posts/${post.id}`);
    expect(d.holders.map((h) => [h.personKind, h.personId, h.until])).toEqual([['member', memberId, null], ['resident', resident.id, null]]);
    await waitForText(page.getByTestId('post-holders'), resident.name);
  });

  it('导出Excel downloads exactly the posts of the list, with their holders', async () => {
    const page = flow.page;
    await page.goto('/posts');
    await page.getByTestId(`post-row-${post.id}`).waitFor();
    const file = await captureDownload(page, () => page.getByTestId('post-export').click());
    expect(file.name).toMatch(/设岗定责_\d{8}\.xlsx$/);
    const sheet = await sheetRows(file.bytes);
    expect(sheet[0]).toEqual(['岗位类型', '岗位名称', '设岗组织', '名额', '在岗人员', '状态', '突发事件', '设岗日期', '撤岗日期', '履职时长（小时）', '岗位职责']);
    // the page lists open posts: so does the file, in the list's order, each with everyone who took it
    const list = (await community1.get<{ items: Listed[] }>('/posts', { state: 'open' })).items;
    const expected = await Promise.all(list.map(async (p) => {
      const holders = (await community1.get<Detail>(`/posts/${p.id}`)).holders.sort((a, b) => a.since.localeCompare(b.since) || a.id - b.id);
      return [p.type, p.name, p.orgName, p.places, holders.map((h) => h.name).join('、'), p.state === 'open' ? '在岗' : '已撤岗', p.emergency ? '是' : '否', p.opensOn, p.closesOn ?? '', p.hours, p.duties].map(String);
    }));
    expect(sheet.slice(1)).toEqual(expected);
    const d = await community1.get<Detail>(`/posts/${post.id}`);
    const row = sheet.find((r) => r[1] === NAME)!;
    expect(row.slice(0, 7)).toEqual(['突发事件处置岗', NAME, expect.any(String), '20', d.holders.map((h) => h.name).join('、'), '在岗', '是']);
    expect(row[4].split('、')).toHaveLength(2);
  });
});
