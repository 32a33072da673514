/**
 * 公开承诺 through the browser: community1 makes a public commitment for member1, found by name in
 * the 作出承诺 drawer's picker, member1 records progress on their own, branch1 verifies it kept; the public wall (no
 * login, 375 px) shows it 已兑现 with the progress note; community2 cannot read it.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiLogin, uiLogin, useFlow, waitForText, type ApiSession, pickPerson } from './harness.ts';

const YEAR = new Date().getFullYear();
const TITLE = `带头清理楼道杂物（端到端${Date.now() % 100000}）`;
const NOTE = '已清理三个单元楼道';
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

type Commitment = { id: number; orgId: number; state: string; makerName: string; actions: string[]; progress?: { note: string }[] };


/** Opens the commitment's detail drawer from the list. */
async function openDetail(page: Page, id: number): Promise<void> {
  await page.goto('/commitments');
  await page.getByTestId(`cm-row-${id}`).click();
  await page.getByTestId('cm-detail-body').waitFor();
}

/** Fills and submits the drawer's form; returns the POST's status. */
async function act(page: Page, action: 'update' | 'verify', id: number, note: string): Promise<number> {
  await page.getByTestId(`cm-action-${action}`).click();
  await page.getByTestId('cm-form-note').fill(note);
  const path = action === 'update' ? 'updates' : 'verify';
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/commitments/${id}/${path}`),
    page.getByTestId('cm-form-submit').click(),
  ]);
  return res.status();
}

describe('公开承诺: made, followed, verified, shown on the wall, and scope', () => {
  const flow = useFlow('commitments');
  let community1: ApiSession, community2: ApiSession;
  let memberId: number;
  let c: Commitment;

  it('community1 makes a public commitment for member1, chosen by name, through the drawer', async () => {
    const { server } = flow;
    [community1, community2] = await Promise.all(['community1', 'community2'].map((u) => apiLogin(server.url, u)));
    const member1 = await (await apiLogin(server.url, 'member1')).get<{ id: number; name: string; orgName: string }>('/me/member');
    memberId = member1.id;
    const page = flow.page;
    await uiLogin(page, server.url, 'community1');
    await page.goto('/commitments');
    await page.getByTestId('cm-page').waitFor();
    await page.getByTestId('cm-new').click();
    await page.getByTestId('cm-make-drawer').waitFor();
    await pickPerson(page, 'cm-make-member', member1.name, memberId);
    await waitForText(page.getByTestId('cm-make-member'), member1.orgName); // the branch, to tell namesakes apart
    await page.getByTestId('cm-make-title').fill(TITLE);
    await page.getByTestId('cm-make-target').fill('每月清理一次，年底前楼道无杂物');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/commitments'),
      page.getByTestId('cm-make-submit').click(),
    ]);
    expect(res.status()).toBe(200);
    c = (await res.json()) as Commitment;
    await waitForText(page.getByTestId('cm-detail-title'), TITLE);
    const api = await community1.get<Commitment & { year: number; public: boolean; dueOn: string }>(`/commitments/${c.id}`);
    expect(api).toMatchObject({ year: YEAR, public: true, state: 'made', makerId: memberId, makerName: member1.name });
    expect(api.dueOn.startsWith(String(YEAR))).toBe(true);
  });

  it('member1 records progress on their own commitment', async () => {
    const page = await flow.newPage();
    await uiLogin(page, flow.server.url, 'member1');
    await openDetail(page, c.id);
    expect(await act(page, 'update', c.id, NOTE)).toBe(200);
    await waitForText(page.getByTestId('cm-progress'), NOTE);
    expect(await page.getByTestId('cm-action-verify').count()).toBe(0);
  });

  it('branch1 verifies it kept', async () => {
    const page = await flow.newPage();
    await uiLogin(page, flow.server.url, 'branch1');
    await openDetail(page, c.id);
    expect(await act(page, 'verify', c.id, '经核实已兑现')).toBe(200);
    await expect.poll(() => page.getByTestId('cm-detail-body').getAttribute('data-state')).toBe('kept');
    expect((await community1.get<Commitment>(`/commitments/${c.id}`)).state).toBe('kept');
  });

  it('the public wall, without login on a phone, shows it 已兑现 with the progress note', async () => {
    const page = await flow.newPage(PHONE);
    await page.goto(`/public/commitments/${c.orgId}?year=${YEAR}`);
    const card = page.getByTestId(`wall-item-${c.id}`);
    await card.waitFor();
    expect(await card.getAttribute('data-state')).toBe('kept');
    await waitForText(page.getByTestId(`wall-state-${c.id}`), '已兑现');
    await waitForText(page.getByTestId(`wall-last-${c.id}`), NOTE);
    await waitForText(card, TITLE);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });

  it('community2 gets 404 for it', async () => {
    expect((await community2.call('GET', `/commitments/${c.id}`)).status).toBe(404);
  });
});
