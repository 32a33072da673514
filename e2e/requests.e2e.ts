/**
 * 民情诉求 through the browser, the issue's whole flow. A resident raises a request on the public form
 * on a phone; community1 finds it, 分拨交办 to a grid (the category's default handler preselected), 签收 and 开始办理 on a phone;
 * the product's date moves past the limit and 检查超时 lifts it to the community with a new limit;
 * a stale 办结 is refused and the drawer reloads; 办结 goes through; the resident follows it on the phone
 * by code and phone, sees every step, and rates it 4 in one tap; the drawer shows it. A second request
 * is closed without a fix and the resident reopens it on the phone: the list shows it 已交办 again. 研判's agenda counts what GET /requests counts and the meeting is
 * recorded. The community's QR code carries its public link. community2 sees none of it.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiLogin, rowKeys, table, uiLogin, useFlow, waitForText, type ApiSession, chooseOption, write } from './harness.ts';
import { stepBy, openDrawer } from './requests-helpers.ts';

const DAY = 86_400_000;
const PHONE = '13800001234';
const MOBILE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
const stamp = Date.now() % 100000;

type Req = { id: number; trackingCode: string; state: string; level: string | null; dueOn: string | null; rowVersion: number; actions: string[]; overdue: boolean; satisfaction: number | null; steps: { action: string; note: string | null; publicNote: string | null }[] };
type Form = { community: { id: number; name: string }; categories: { id: number; name: string; limitDays: number }[]; grids: { id: number; name: string }[] };

describe('民情诉求: from the resident\'s phone through the staff screens, escalation, review and scope', () => {
  const flow = useFlow('requests', { CLOCK_ADJUSTABLE: '1' });
  let admin: ApiSession, community1: ApiSession, community2: ApiSession;
  let form: Form;
  let desk: Page;
  let first: { id: number; code: string }, second: { id: number; code: string };
  let ip = 0;

  /** A resident's call to the public API, each from its own address (one address may submit 10 a minute). */
  const pub = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    ip += 1;
    const r = await fetch(`${flow.server.url}/api/v1${path}`, {
      method, headers: { 'x-forwarded-for': `10.77.${Math.floor(ip / 250)}.${ip % 250 + 1}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: r.status, body: await r.json() as any };
  };
  /** The resident raises a request on the public form on a phone; returns its tracking code. */
  const raiseOnPhone = async (title: string, categoryId: number): Promise<string> => {
    const phone = await flow.newPage(MOBILE);
    await phone.goto(`/public/requests/new/${form.community.id}`);
    await phone.getByTestId('req-form').waitFor();
    await phone.getByTestId('req-category').click();
    await phone.getByTestId(`req-category-option-${categoryId}`).click();
    await phone.getByTestId('req-title').fill(title);
    await phone.getByTestId('req-body').fill(`${title}，已经好几天了`);
    await phone.getByTestId('req-place').fill('5幢门口');
    await phone.getByTestId('req-phone').fill(PHONE);
    const q = /^(\d+) \+ (\d+) = \?$/.exec((await phone.getByTestId('req-challenge-question').innerText()).trim())!;
    await phone.getByTestId('req-challenge-answer').fill(String(Number(q[1]) + Number(q[2])));
    const [res] = await Promise.all([
      phone.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/public/requests'),
      phone.getByTestId('req-submit').click(),
    ]);
    expect(res.status(), await res.text()).toBe(200);
    const code = (await phone.getByTestId('req-tracking-code').innerText()).trim();
    expect(code).toBe(((await res.json()) as { trackingCode: string }).trackingCode);
    await phone.close();
    return code;
  };
  /** The resident opens the tracking page on a phone with the code and their phone number. */
  const trackOnPhone = async (code: string): Promise<Page> => {
    const phone = await flow.newPage(MOBILE);
    await phone.goto(`/public/requests/track#${code}`);
    await phone.getByTestId('track-phone').fill(PHONE);
    const [res] = await Promise.all([
      phone.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/public/requests/track'),
      phone.getByTestId('track-submit').click(),
    ]);
    expect(res.status()).toBe(200);
    await phone.getByTestId('track-result').waitFor();
    return phone;
  };
  /** Clicks a button of the tracking page and returns the status of the public POST it makes. */
  const residentPost = async (phone: Page, path: 'confirm' | 'reopen', button: string): Promise<number> => {
    const [res] = await Promise.all([
      phone.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/public/requests/${path}`),
      phone.getByTestId(button).click(),
    ]);
    return res.status();
  };
  /** Finds a request in the list by its tracking code through the search box; returns the row ids shown. */
  const search = async (page: Page, code: string): Promise<string[]> => {
    await page.goto('/requests');
    await page.getByTestId('rq-page').waitFor();
    const [res] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/requests' && new URL(r.url()).searchParams.get('q') === code),
      page.getByTestId('rq-search').locator('input').fill(code).then(() => page.getByTestId('rq-search').locator('input').press('Enter')),
    ]);
    expect(res.status()).toBe(200);
    return rowKeys(table(page, 'rq-table'));
  };

  it('a resident raises a request on a phone; community1 finds it by tracking code and sees the community\'s QR link', async () => {
    const { page, server } = flow;
    desk = page;
    [admin, community1, community2] = await Promise.all(['admin', 'community1', 'community2'].map((u) => apiLogin(server.url, u)));
    await write(admin, 'PUT', '/system/clock', { offsetDays: 0 });
    const grant = (await community1.get<{ grants: { role: string; orgId: number }[] }>('/auth/me')).grants.find((g) => g.role === 'community_admin')!;
    form = (await pub('GET', `/public/requests/form/${grant.orgId}`)).body as Form;
    expect(form.grids.length).toBeGreaterThan(0);
    const code = await raiseOnPhone(`楼道堆满杂物（端到端${stamp}）`, form.categories.find((c) => c.name === '环境卫生')!.id);
    await uiLogin(page, server.url, 'community1');
    const keys = await search(page, code);
    expect(keys).toHaveLength(1);
    first = { id: Number(keys[0]), code };
    expect(await page.getByTestId(`rq-row-code-${first.id}`).innerText()).toBe(code);
    expect(await page.getByTestId(`rq-row-state-${first.id}`).getAttribute('data-state')).toBe('triage');
    await page.getByTestId('rq-qr').click();
    await waitForText(page.getByTestId('rq-qr-link'), `${server.url}/public/requests/new/${form.community.id}`);
    await expect.poll(() => page.getByTestId('rq-qr-image').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
  });

  it('community1 分拨交办 it to a grid: the category\'s default handler is offered, the internal note marked', async () => {
    const page = (flow.page = desk);
    await page.goto('/requests');
    await page.getByTestId(`rq-row-${first.id}`).click();
    await expect.poll(() => page.getByTestId('rq-detail-body').getAttribute('data-state')).toBe('triage');
    expect(await page.getByTestId('rq-detail-phone').innerText()).toBe('138****1234');
    await page.getByTestId('rq-view-phone').click();
    await waitForText(page.getByTestId('rq-detail-phone'), PHONE);
    const shown = (await page.getByTestId('rq-actions').locator('button').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-testid'))));
    expect(shown).toEqual(['rq-action-assign', 'rq-action-close', 'rq-action-merge', 'rq-action-note']);
    await page.getByTestId('rq-action-assign').click();
    await page.getByTestId('rq-form-assign').waitFor();
    // 环境卫生 goes to the grid by default
    await expect.poll(() => page.getByTestId('rq-form-assign').locator('.ant-radio-button-wrapper-checked').innerText()).toBe('网格');
    await chooseOption(page, 'rq-form-grid', `rq-form-grid-${form.grids[0].id}`);
    await page.getByTestId('rq-form-note').fill('请网格长当天到现场');
    const r = await stepBy(page, first.id, () => page.getByTestId('rq-form-submit').click());
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ state: 'assigned', level: 'grid', handlerGridId: form.grids[0].id });
    await expect.poll(() => page.getByTestId('rq-detail-body').getAttribute('data-state')).toBe('assigned');
    expect(await page.getByTestId('rq-detail-level').getAttribute('data-level')).toBe('grid');
    await waitForText(page.getByTestId('rq-detail-handler'), form.grids[0].name);
    const internal = page.locator('[data-testid^="rq-step-internal-"]');
    await waitForText(internal.first(), '请网格长当天到现场');
    await waitForText(internal.first(), '内部');
  });

  it('on a phone, 签收 and 开始办理 in one tap each', async () => {
    const page = await flow.newPage(MOBILE);
    await uiLogin(page, flow.server.url, 'community1');
    await openDrawer(page, first.id);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    let r = await stepBy(page, first.id, () => page.getByTestId('rq-action-deliver').click());
    expect(r.status).toBe(200);
    await page.getByTestId('rq-action-deliver').waitFor({ state: 'detached' });
    r = await stepBy(page, first.id, () => page.getByTestId('rq-action-start').click());
    expect(r.status).toBe(200);
    await expect.poll(() => page.getByTestId('rq-detail-body').getAttribute('data-state')).toBe('in_progress');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect((await community1.get<Req>(`/requests/${first.id}`)).state).toBe('in_progress');
    // the list on the phone: one cell per request with its state, nothing wider than the screen
    await page.goto('/requests');
    await expect.poll(() => page.getByTestId(`rq-row-state-${first.id}`).getAttribute('data-state')).toBe('in_progress');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });

  it('past its limit, 检查超时 lifts it to the community with a new limit', async () => {
    const page = (flow.page = desk);
    const before = await community1.get<Req>(`/requests/${first.id}`);
    const clock = await admin.get<{ today: string; offsetDays: number }>('/system/clock');
    const offsetDays = Math.round((Date.parse(before.dueOn!) - Date.parse(clock.today)) / DAY) + 1;
    await write(admin, 'PUT', '/system/clock', { offsetDays });
    try {
      expect((await community1.get<Req>(`/requests/${first.id}`)).overdue).toBe(true);
      await page.goto('/requests');
      await expect.poll(() => page.getByTestId(`rq-row-due-${first.id}`).getAttribute('data-overdue')).toBe('true');
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/requests/escalations'),
        page.getByTestId('rq-escalate').click(),
      ]);
      expect(res.status()).toBe(200);
      const body = (await res.json()) as { escalated: number; ids: number[] };
      expect(body.ids).toContain(first.id);
      await expect.poll(() => page.getByTestId('rq-escalate-result').getAttribute('data-count')).toBe(String(body.escalated));
      const after = await community1.get<Req>(`/requests/${first.id}`);
      expect(after).toMatchObject({ level: 'community', overdue: false });
      expect(after.dueOn! > before.dueOn!).toBe(true);
      await expect.poll(() => page.getByTestId(`rq-row-level-${first.id}`).getAttribute('data-level')).toBe('community');
      expect(await page.getByTestId(`rq-row-level-${first.id}`).innerText()).toBe('社区');
      expect(await page.getByTestId(`rq-row-due-${first.id}`).innerText()).toBe(after.dueOn);
      expect(await page.getByTestId(`rq-row-due-${first.id}`).getAttribute('data-overdue')).toBe('false');
    } finally {
      await write(admin, 'PUT', '/system/clock', { offsetDays: 0 });
    }
  });

  it('a 办结 on a stale copy is refused and the drawer reloads; then community1 办结 with a note to the resident', async () => {
    const page = (flow.page = desk);
    await openDrawer(page, first.id);
    expect(await page.getByTestId('rq-detail-level').innerText()).toBe('社区');
    await page.getByTestId('rq-action-resolve').click();
    // meanwhile someone else notes it
    const now = await community1.get<Req>(`/requests/${first.id}`);
    await write(community1, 'POST', `/requests/${first.id}/steps`, { action: 'note', rowVersion: now.rowVersion, note: '另一位工作人员的备注' });
    await page.getByTestId('rq-form-public-note').fill('杂物已清运，楼道已清扫');
    let r = await stepBy(page, first.id, () => page.getByTestId('rq-form-submit').click());
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('VERSION_CONFLICT');
    await waitForText(page.getByTestId('rq-steps'), '另一位工作人员的备注');
    await page.getByTestId('rq-form-resolve').waitFor({ state: 'detached' });
    // the note to the resident is required
    await page.getByTestId('rq-action-resolve').click();
    await page.getByTestId('rq-form-submit').click();
    await page.getByTestId('rq-form-resolve').locator('.ant-form-item-explain-error').first().waitFor();
    await page.getByTestId('rq-form-public-note').fill('杂物已清运，楼道已清扫');
    r = await stepBy(page, first.id, () => page.getByTestId('rq-form-submit').click());
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    await expect.poll(() => page.getByTestId('rq-detail-body').getAttribute('data-state')).toBe('resolved');
    await waitForText(page.getByTestId('rq-detail-outcome'), '杂物已清运');
  });

  it('the resident follows it on the phone and rates it 4 in one tap; the drawer shows 居民已确认 and the rating', async () => {
    const phone = await trackOnPhone(first.code);
    await waitForText(phone.getByTestId('track-state'), '已办结');
    await waitForText(phone.getByTestId('track-outcome'), '杂物已清运');
    const actions = await phone.locator('[data-testid^="track-step-"]').evaluateAll((es) => es.map((e) => e.getAttribute('data-action')));
    expect(actions).toEqual(['raised', 'triaged', 'delivered', 'started', 'escalated', 'resolved']);
    expect(await phone.getByTestId('track-steps').innerText()).not.toContain('请网格长当天到现场'); // the internal note stays inside
    expect(await residentPost(phone, 'confirm', 'track-rate-4')).toBe(200);
    await phone.getByTestId('track-thanks').waitFor();
    await phone.close();
    const page = (flow.page = desk);
    await openDrawer(page, first.id);
    await expect.poll(() => page.getByTestId('rq-detail-body').getAttribute('data-state')).toBe('confirmed');
    await waitForText(page.getByTestId('rq-detail-state'), '居民已确认');
    expect(await page.getByTestId('rq-detail-satisfaction').getAttribute('data-value')).toBe('4');
    expect(await page.getByTestId('rq-detail-satisfaction').locator('.ant-rate-star-full').count()).toBe(4);
    expect(await page.getByTestId('rq-actions').count()).toBe(0);
  });

  it('a second request is closed without a fix; the resident reopens it and the list shows it 已交办 again', async () => {
    const page = (flow.page = desk);
    const category = form.categories.find((c) => c.name === '市政设施')!;
    const code = await raiseOnPhone(`路灯不亮（端到端${stamp}）`, category.id);
    const keys = await search(page, code);
    expect(keys).toHaveLength(1);
    second = { id: Number(keys[0]), code };
    await page.getByTestId(`rq-row-${second.id}`).click();
    await page.getByTestId('rq-action-assign').click();
    await expect.poll(() => page.getByTestId('rq-form-assign').locator('.ant-radio-button-wrapper-checked').innerText()).toBe('社区'); // 市政设施: the community by default
    let r = await stepBy(page, second.id, () => page.getByTestId('rq-form-submit').click());
    expect(r.body).toMatchObject({ state: 'assigned', level: 'community' });
    await expect.poll(() => page.getByTestId('rq-detail-body').getAttribute('data-state')).toBe('assigned');
    await page.getByTestId('rq-action-close').click();
    await page.getByTestId('rq-form-public-note').fill('该路段路灯由市政统一改造，暂无法单独维修');
    r = await stepBy(page, second.id, () => page.getByTestId('rq-form-submit').click());
    expect(r.status).toBe(200);
    await expect.poll(() => page.getByTestId('rq-detail-body').getAttribute('data-state')).toBe('closed');
    const phone = await trackOnPhone(code);
    await waitForText(phone.getByTestId('track-state'), '未解决');
    await phone.getByTestId('track-reopen-reason').fill('天黑后出行不安全，请再想办法');
    expect(await residentPost(phone, 'reopen', 'track-reopen')).toBe(200);
    await phone.getByTestId('track-reopened').waitFor();
    await phone.close();
    expect(await search(page, code)).toEqual([String(second.id)]);
    expect(await page.getByTestId(`rq-row-state-${second.id}`).getAttribute('data-state')).toBe('assigned');
    await waitForText(page.getByTestId(`rq-row-state-${second.id}`), '已交办');
  });

  it('研判: the agenda counts what the list counts, and the meeting is recorded', async () => {
    const page = (flow.page = desk);
    const orgId = form.community.id;
    await page.goto('/reviews');
    await page.getByTestId('rv-agenda').waitFor();
    const [open, overdue] = await Promise.all([
      community1.get<{ total: number }>('/requests', { orgId, state: 'open', pageSize: 1 }),
      community1.get<{ total: number }>('/requests', { orgId, overdue: 'true', pageSize: 1 }),
    ]);
    expect(open.total).toBeGreaterThan(0);
    expect(await page.getByTestId('rv-count-open').getAttribute('data-value')).toBe(String(open.total));
    expect(await page.getByTestId('rv-count-overdue').getAttribute('data-value')).toBe(String(overdue.total));
    await page.getByTestId('rv-chart').waitFor();
    // the meeting of the half month before (this one's may be on record already): the day before this period
    const [start] = (await page.getByTestId('rv-agenda').getAttribute('data-period'))!.split('..');
    const before = new Date(Date.parse(start) - DAY).toISOString().slice(0, 10);
    const picker = page.getByTestId('rv-on');
    const input = (await picker.evaluate((e) => e.tagName)) === 'INPUT' ? picker : picker.locator('input');
    await input.click();
    await input.fill(before);
    await input.press('Enter');
    await expect.poll(() => page.getByTestId('rv-agenda').getAttribute('data-period')).toMatch(new RegExp(`\\.\\.${before}$`));
    expect(await table(page, 'rv-open').locator(`tr[data-row-key="${second.id}"]`).count()).toBe(1);
    await page.getByTestId('rv-attendees').fill('社区书记、网格长、物业经理');
    await chooseOption(page, 'rv-decision-request-0', `rv-decision-0-option-${second.id}`);
    await page.getByTestId('rv-decision-text-0').fill('协调市政部门本月内加装临时照明');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/requests/reviews'),
      page.getByTestId('rv-hold-submit').click(),
    ]);
    expect(res.status(), await res.text()).toBe(200);
    const { id } = (await res.json()) as { id: number };
    await page.getByTestId(`rv-meeting-${id}`).waitFor();
    await waitForText(page.getByTestId('rv-last'), '协调市政部门本月内加装临时照明');
    const steps = (await community1.get<Req>(`/requests/${second.id}`)).steps;
    expect(steps.at(-1)).toMatchObject({ action: 'noted', note: expect.stringContaining('协调市政部门本月内加装临时照明') });
  });

  it('community2 gets 404 for community1\'s requests and does not find them in its list', async () => {
    for (const r of [first, second]) expect((await community2.call('GET', `/requests/${r.id}`)).status).toBe(404);
    const page = await flow.newPage();
    await uiLogin(page, flow.server.url, 'community2');
    for (const r of [first, second]) expect(await search(page, r.code)).toEqual([]);
    await page.goto('/requests');
    const keys = await rowKeys(table(page, 'rq-table'));
    expect(keys).not.toContain(String(first.id));
    expect(keys).not.toContain(String(second.id));
  });
});
