/**
 * 民情诉求 on the staff screens the other flows leave out. liaison1 records a request for a resident
 * (代居民登记) with a PNG photo: the drawer counts the thumbnail, the request's drawer shows the
 * photo, community1 downloads the very bytes and community2 gets 404 for the request and the file.
 * community1 merges a duplicate into another open request through the drawer: the duplicate is
 * 已合并 pointing at it, the target lists it. community1 分拨交办 a request to a 驻区单位, then to the
 * street: the API names the handler and the level, community1 keeps read access but loses every
 * action, and the street has them (and 签收). The county adds a category with a limit, re-times one
 * and retires one: the residents' form offers the new one with its limit and not the retired one;
 * community1 sees the categories read-only and the API refuses its writes with 403.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiLogin, chooseOption, uiLogin, useFlow, waitForText, rowKeys, table, type ApiSession, write } from './harness.ts';
import { stepBy, openDrawer, PNG } from './requests-helpers.ts';

const RUN = Date.now() % 100000;
const PHONE = '13912345678';

type Req = { id: number; trackingCode: string; state: string; level: string | null; handlerKind: string | null; handlerName: string | null; handlerUnitId: number | null;
  mergedInto: number | null; photoIds: number[]; source: string; title: string; categoryId: number; phoneMasked: string; actions: string[];
  merged: { id: number; trackingCode: string }[]; steps: { action: string; note: string | null; publicNote: string | null }[] };
type Category = { id: number; name: string; handler: string; limitDays: number; active: boolean };

/** Chooses an option of an antd select by its label, for selects whose options carry no test id (again if the click fell while the list moved). */
async function chooseLabel(page: Page, selectId: string, label: string): Promise<void> {
  const select = page.getByTestId(selectId);
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${label}$`) });
  for (let attempt = 0; attempt < 5; attempt++) {
    if (!(await option.isVisible())) await select.click();
    if (await option.click({ timeout: 4_000 }).then(() => true, () => false)) {
      await option.waitFor({ state: 'hidden', timeout: 4_000 }).catch(() => undefined);
      if ((await select.innerText()).includes(label)) return;
    } else {
      await page.keyboard.press('Escape');
    }
  }
  throw new Error(`could not choose ${label} in ${selectId}`);
}

/** The step buttons the open drawer shows, by test id. */
const shownActions = (page: Page) => page.locator('[data-testid="rq-actions"] button').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-testid')));

describe('民情诉求 staff screens: 代居民登记 with a photo, 合并, 分拨 to a unit and the street, the county\'s categories', () => {
  const flow = useFlow('requests-staff');
  let admin: ApiSession, community1: ApiSession, community2: ApiSession, street: ApiSession;
  let community: { id: number; name: string };
  let cat: Record<string, number>;
  let desk: Page;

  /** community1 records a request through the API; returns its id and tracking code. */
  const raise = (title: string, categoryId: number) => write<{ id: number; trackingCode: string }>(community1, 'POST', '/requests', {
    communityId: community.id, categoryId, title, body: `${title}，请尽快处理`, phone: PHONE, source: 'visit',
  });

  it('liaison1 records a request for a resident with a photo; its drawer shows the photo, community1 downloads the same bytes, community2 gets 404', async () => {
    const { page, server } = flow;
    [admin, community1, community2, street] = await Promise.all(['admin', 'community1', 'community2', 'street'].map((u) => apiLogin(server.url, u)));
    const grant = (await community1.get<{ grants: { role: string; orgId: number; orgName: string }[] }>('/auth/me')).grants.find((g) => g.role === 'community_admin')!;
    community = { id: grant.orgId, name: grant.orgName };
    cat = Object.fromEntries((await community1.get<{ items: Category[] }>('/requests/categories', { orgId: community.id })).items.map((c) => [c.name, c.id]));
    const title = `小区北门路面塌陷（端到端${RUN}）`;

    await uiLogin(page, server.url, 'liaison1');
    await page.goto('/requests');
    await page.getByTestId('rq-new').click();
    const drawer = page.getByTestId('rq-raise-drawer');
    await drawer.waitFor();
    await waitForText(page.getByTestId('rq-raise-community'), community.name); // the liaison's community, preselected
    await chooseLabel(page, 'rq-raise-category', '市政设施');
    await page.getByTestId('rq-raise-title').fill(title);
    await page.getByTestId('rq-raise-body').fill('北门进门右手边路面塌了一个坑，电动车经过很危险');
    await page.getByTestId('rq-raise-place').fill('北门');
    await page.getByTestId('rq-raise-contact').fill('李大爷');
    await page.getByTestId('rq-raise-phone').fill(PHONE);
    await page.getByTestId('rq-raise-photo').setInputFiles({ name: 'pothole.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => page.getByTestId('rq-raise-photos').getAttribute('data-count')).toBe('1');
    await page.getByTestId('rq-raise-photo-0').locator('img').waitFor();
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/requests'),
      page.getByTestId('rq-raise-submit').click(),
    ]);
    expect(res.status(), await res.text()).toBe(200);
    const { id, trackingCode } = (await res.json()) as { id: number; trackingCode: string };
    await drawer.waitFor({ state: 'hidden' });

    // the new request's drawer opens with its photo, which loads
    await expect.poll(() => page.getByTestId('rq-detail-body').getAttribute('data-id')).toBe(String(id));
    const r = await community1.get<Req>(`/requests/${id}`);
    expect(r).toMatchObject({ trackingCode, title, state: 'triage', source: 'liaison', phoneMasked: '139****5678' });
    expect(r.photoIds).toHaveLength(1);
    const photoId = r.photoIds[0];
    const img = page.getByTestId('rq-detail-photos').locator(`img[data-testid="rq-photo-${photoId}"], [data-testid="rq-photo-${photoId}"] img`).first();
    await img.waitFor();
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(1);

    // community1 downloads the same bytes; community2 sees neither the request nor the file
    desk = await flow.newPage();
    await uiLogin(desk, server.url, 'community1');
    const file = await desk.request.get(`/api/v1/files/${photoId}/content`);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('image/png');
    expect(Buffer.compare(await file.body(), PNG)).toBe(0);
    expect((await community2.call('GET', `/requests/${id}`)).status).toBe(404);
    expect((await community2.call('GET', `/files/${photoId}/content`)).status).toBe(404);
  });

  it('community1 merges a duplicate into another open request through the drawer', async () => {
    const page = (flow.page = desk);
    const target = await raise(`3幢电梯困人（端到端${RUN}）`, cat['治安安全']);
    const dup = await raise(`3幢电梯又坏了（端到端${RUN}）`, cat['治安安全']);
    await openDrawer(page, dup.id);
    // the form offers the community's other open requests, once they are loaded
    await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/requests' && new URL(r.url()).searchParams.get('state') === 'open'),
      page.getByTestId('rq-action-merge').click(),
    ]);
    await page.getByTestId('rq-form-merge').waitFor();
    await page.getByTestId('rq-form-into').click();
    await page.keyboard.type(target.trackingCode);
    await chooseOption(page, 'rq-form-into', `rq-form-into-${target.id}`);
    await page.getByTestId('rq-form-note').fill('同一部电梯，重复登记');
    const r = await stepBy(page, dup.id, () => page.getByTestId('rq-form-submit').click());
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ state: 'merged', mergedInto: target.id });
    await expect.poll(() => page.getByTestId('rq-detail-body').getAttribute('data-state')).toBe('merged');
    expect(await page.getByTestId('rq-actions').count()).toBe(0);

    const d = await community1.get<Req>(`/requests/${dup.id}`);
    expect(d).toMatchObject({ state: 'merged', mergedInto: target.id, actions: [] });
    expect(d.steps.at(-1)).toMatchObject({ action: 'merged', note: '同一部电梯，重复登记', publicNote: expect.stringContaining(target.trackingCode) });
    const t = await community1.get<Req>(`/requests/${target.id}`);
    expect(t.state).toBe('triage');
    expect(t.merged).toEqual([expect.objectContaining({ id: dup.id, trackingCode: dup.trackingCode })]);
    expect(t.steps.at(-1)).toMatchObject({ action: 'noted', note: `合并了重复诉求 ${dup.trackingCode}`, publicNote: null });
    // the drawer's link leads to the target, which lists the duplicate
    await page.getByTestId('rq-detail-into').click();
    await expect.poll(() => page.getByTestId('rq-detail-body').getAttribute('data-id')).toBe(String(target.id));
    await waitForText(page.getByTestId('rq-detail-body'), dup.trackingCode);
    // merging into a request no longer open is refused
    const again = await raise(`3幢电梯第三次登记（端到端${RUN}）`, cat['治安安全']);
    const v = await community1.get<Req & { rowVersion: number }>(`/requests/${again.id}`);
    expect((await community1.call('POST', `/requests/${again.id}/steps`, { action: 'merge', rowVersion: v.rowVersion, intoId: dup.id })).status).toBe(409);
  });

  it('community1 分拨交办 to a 驻区单位, then to the street: the street alone has the actions', async () => {
    const page = (flow.page = desk);
    const units = (await community1.get<{ items: { id: number; name: string }[] }>(`/orgs/${community.id}/units`)).items;
    expect(units.length).toBeGreaterThan(0);
    const unit = units[0];
    const { id } = await raise(`临街商铺油烟扰民（端到端${RUN}）`, cat['市政设施']);
    await openDrawer(page, id);
    await page.getByTestId('rq-action-assign').click();
    await page.getByTestId('rq-form-assign').waitFor();
    await expect.poll(() => page.getByTestId('rq-form-assign').locator('.ant-radio-button-wrapper-checked').innerText()).toBe('社区'); // 市政设施's default
    await page.getByTestId('rq-form-handler-unit').click();
    await chooseOption(page, 'rq-form-unit', `rq-form-unit-${unit.id}`);
    await page.getByTestId('rq-form-note').fill('请该单位配合整改');
    let r = await stepBy(page, id, () => page.getByTestId('rq-form-submit').click());
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ state: 'assigned', level: 'community', handlerKind: 'unit', handlerUnitId: unit.id, handlerName: unit.name });
    await expect.poll(() => page.getByTestId('rq-detail-body').getAttribute('data-state')).toBe('assigned');
    await waitForText(page.getByTestId('rq-detail-handler'), unit.name);
    expect(await page.getByTestId('rq-detail-level').getAttribute('data-level')).toBe('community');
    expect(await community1.get<Req>(`/requests/${id}`)).toMatchObject({ level: 'community', handlerKind: 'unit', handlerName: unit.name });
    expect(await shownActions(page)).toEqual(['rq-action-assign', 'rq-action-deliver', 'rq-action-start', 'rq-action-resolve', 'rq-action-close', 'rq-action-merge', 'rq-action-note']);

    // the unit cannot fix it alone: to the street
    await page.getByTestId('rq-action-assign').click();
    await page.getByTestId('rq-form-assign').waitFor();
    await page.getByTestId('rq-form-handler-street').click();
    await expect.poll(() => page.getByTestId('rq-form-unit').count()).toBe(0);
    r = await stepBy(page, id, () => page.getByTestId('rq-form-submit').click());
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const streetName = (await street.get<{ grants: { role: string; orgName: string }[] }>('/auth/me')).grants.find((g) => g.role === 'street_admin')!.orgName;
    expect(r.body).toMatchObject({ state: 'assigned', level: 'street', handlerKind: 'street', handlerUnitId: null, handlerName: streetName, actions: [] });
    await expect.poll(() => page.getByTestId('rq-detail-level').getAttribute('data-level')).toBe('street');
    await waitForText(page.getByTestId('rq-detail-handler'), streetName);
    // community1 still reads it but has no step left, in the drawer or through the API
    await page.getByTestId('rq-actions').waitFor({ state: 'detached' });
    expect((await community1.get<Req>(`/requests/${id}`)).actions).toEqual([]);
    const v = await community1.get<Req & { rowVersion: number }>(`/requests/${id}`);
    expect((await community1.call('POST', `/requests/${id}/steps`, { action: 'note', rowVersion: v.rowVersion, note: '社区还想备注' })).status).toBe(403);
    expect((await community1.call('POST', `/requests/${id}/steps`, { action: 'assign', rowVersion: v.rowVersion, handlerKind: 'community' })).status).toBe(403);

    // the street has them, and 签收 in one tap
    expect((await street.get<Req>(`/requests/${id}`)).actions).toEqual(['assign', 'deliver', 'start', 'resolve', 'close', 'merge', 'note']);
    const sp = await flow.newPage();
    await uiLogin(sp, flow.server.url, 'street');
    await openDrawer(sp, id);
    expect(await shownActions(sp)).toEqual(['rq-action-assign', 'rq-action-deliver', 'rq-action-start', 'rq-action-resolve', 'rq-action-close', 'rq-action-merge', 'rq-action-note']);
    r = await stepBy(sp, id, () => sp.getByTestId('rq-action-deliver').click());
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    await sp.getByTestId('rq-action-deliver').waitFor({ state: 'detached' });
    expect(await street.get<Req & { deliveredAt: string | null }>(`/requests/${id}`)).toMatchObject({ level: 'street', deliveredAt: expect.any(String) });
  });

  it('the county adds a category with a limit, re-times one and retires one; the residents\' form follows', async () => {
    const page = await flow.newPage();
    await uiLogin(page, flow.server.url, 'admin');
    await page.goto('/requests');
    await page.getByTestId('rq-categories').click();
    await page.waitForURL((u) => u.pathname === '/requests/categories');
    const before = (await admin.get<{ items: Category[] }>('/requests/categories', { orgId: community.id })).items;
    await expect.poll(() => rowKeys(table(page, 'rq-cat-table'))).toEqual(before.map((c) => String(c.id)));
    const retimed = before.find((c) => c.name === '养老助残')!;
    const retired = before.find((c) => c.name === '其他')!;
    const name = `楼道堆物${RUN}`;

    /** Saves the open modal and returns the status and body of the write it makes. */
    const save = async (method: 'POST' | 'PUT') => {
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname.startsWith('/api/v1/requests/categories')),
        page.getByTestId('rq-cat-save').click(),
      ]);
      expect(res.status(), await res.text()).toBe(200);
      await page.getByTestId('rq-cat-name').waitFor({ state: 'hidden' });
      return (await res.json()) as { id: number };
    };
    await page.getByTestId('rq-cat-add').click();
    await page.getByTestId('rq-cat-name').fill(name);
    await chooseLabel(page, 'rq-cat-handler', '网格');
    await page.getByTestId('rq-cat-limit').fill('4');
    const { id } = await save('POST');
    await waitForText(page.getByTestId(`rq-cat-row-${id}`), '4 个工作日');

    await page.getByTestId(`rq-cat-edit-${retimed.id}`).click();
    await expect.poll(() => page.getByTestId('rq-cat-name').inputValue()).toBe(retimed.name);
    await page.getByTestId('rq-cat-limit').fill('12');
    await save('PUT');
    await waitForText(page.getByTestId(`rq-cat-row-${retimed.id}`), '12 个工作日');

    await page.getByTestId(`rq-cat-edit-${retired.id}`).click();
    await expect.poll(() => page.getByTestId('rq-cat-name').inputValue()).toBe(retired.name);
    await page.getByTestId('rq-cat-active').click();
    await expect.poll(() => page.getByTestId('rq-cat-active').getAttribute('aria-checked')).toBe('false');
    await save('PUT');
    await waitForText(page.getByTestId(`rq-cat-row-${retired.id}`), '否');

    const after = (await admin.get<{ items: Category[] }>('/requests/categories', { orgId: community.id })).items;
    expect(after.find((c) => c.id === id)).toMatchObject({ name, handler: 'grid', limitDays: 4, active: true });
    expect(after.find((c) => c.id === retimed.id)).toMatchObject({ limitDays: 12, active: true });
    expect(after.find((c) => c.id === retired.id)).toMatchObject({ limitDays: retired.limitDays, active: false });
    const form = await (await fetch(`${flow.server.url}/api/v1/public/requests/form/${community.id}`)).json() as { categories: { id: number; name: string; limitDays: number }[] };
    expect(form.categories).toContainEqual({ id, name, limitDays: 4 });
    expect(form.categories).toContainEqual({ id: retimed.id, name: retimed.name, limitDays: 12 });
    expect(form.categories.map((c) => c.id)).not.toContain(retired.id);
    // a retired category takes no new request; the new one does
    expect((await community1.call('POST', '/requests', { communityId: community.id, categoryId: retired.id, title: '退役分类', body: '不应登记', phone: PHONE })).status).toBe(400);
    const fresh = await raise(`楼道堆放杂物（端到端${RUN}）`, id);
    expect((await community1.get<Req>(`/requests/${fresh.id}`)).categoryId).toBe(id);
  });

  it('community1 sees the categories read-only, and the API refuses its writes', async () => {
    const page = (flow.page = desk);
    await page.goto('/requests/categories');
    await page.getByTestId('rq-cat-readonly').waitFor();
    expect((await rowKeys(table(page, 'rq-cat-table'))).length).toBeGreaterThan(0);
    expect(await page.getByTestId('rq-cat-add').count()).toBe(0);
    expect(await page.locator('[data-testid^="rq-cat-edit-"]').count()).toBe(0);
    const body = { name: `社区自设${RUN}`, handler: 'community', limitDays: 3, active: true, sort: 50 };
    expect((await community1.call('POST', `/requests/categories?orgId=${community.id}`, body)).status).toBe(403);
    expect((await community1.call('PUT', `/requests/categories/1?orgId=${community.id}`, body)).status).toBe(403);
    expect((await admin.get<{ items: Category[] }>('/requests/categories', { orgId: community.id })).items.map((c) => c.name)).not.toContain(body.name);
  });
});
