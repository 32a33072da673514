/**
 * 考核方案 through the browser, each step checked against the API: the street administrator
 * creates a scheme from the 仓前 党员分层量化积分 template (the template fills in its name and key,
 * the locality is the street), finds it in the list with its version, locality and template and
 * opens it; an edit that leaves a gap or an overlap between grade bands is refused with its path,
 * in the editor and by the server alike, and no version is saved.
 */
import { describe, expect, it } from 'vitest';
import { apiLogin, rowKeys, table, uiLogin, useFlow, waitForText, type ApiSession } from './harness.ts';
import { TEMPLATE, NEW_NAME, NEW_CODE, THIS_YEAR, type Me, type Definition, type SchemeDetail } from './points-helpers.ts';

describe('points: a scheme from a template, and grade bands that must neither gap nor overlap', () => {
  const flow = useFlow('points-scheme');
  let street: ApiSession;
  let schemeId = 0;


  it('street creates a scheme from the 仓前 党员分层量化积分 template, finds it in the list and opens it', async () => {
    const { page, server } = flow;
    street = await apiLogin(server.url, 'street');
    const streetGrant = (await street.get<Me>('/auth/me')).grants[0];
    const before = (await street.get<{ items: { id: number }[] }>('/schemes')).items.map((s) => String(s.id));
    const tpl = (await street.get<{ items: { key: string; name: string; source: string; definition: Definition }[] }>('/schemes/templates')).items.find((t) => t.key === TEMPLATE)!;
    expect(tpl).toBeDefined();

    await uiLogin(page, server.url, 'street');
    await page.getByTestId('nav-schemes').click();
    await page.waitForURL('**/schemes');
    const list = table(page, 'schemes-table');
    await expect.poll(() => rowKeys(list)).toEqual(before);

    await page.getByTestId('scheme-new-template').click();
    const card = page.getByTestId(`scheme-template-${TEMPLATE}`);
    await waitForText(card, tpl.name);
    expect(await card.getByTestId('scheme-template-source').innerText()).toContain('仓前镇');
    await card.click();
    await expect.poll(() => card.getAttribute('data-selected')).toBe('true');
    // Picking the template fills its name and key in; the locality is the street.
    await expect.poll(() => page.getByTestId('scheme-create-name').inputValue()).toBe(tpl.name);
    expect(await page.getByTestId('scheme-create-code').inputValue()).toBe(TEMPLATE);
    await waitForText(page.getByTestId('scheme-create-org'), streetGrant.orgName);
    await page.getByTestId('scheme-create-name').fill(NEW_NAME);
    await page.getByTestId('scheme-create-code').fill(NEW_CODE);
    await expect.poll(() => page.getByTestId('scheme-create-check').getAttribute('data-status'), { timeout: 15_000 }).toBe('done');
    expect(await page.getByTestId('scheme-create-problems').count()).toBe(0);

    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/schemes'),
      page.getByTestId('scheme-create-submit').click(),
    ]);
    expect(res.status()).toBe(200);
    const sent = res.request().postDataJSON();
    expect(sent).toMatchObject({ orgId: streetGrant.orgId, code: NEW_CODE, name: NEW_NAME, year: THIS_YEAR, templateKey: TEMPLATE });
    schemeId = (await res.json()).id;
    await page.waitForURL(`**/schemes/${schemeId}`);
    await waitForText(page.getByTestId('scheme-name'), NEW_NAME);

    const d = await street.get<SchemeDetail>(`/schemes/${schemeId}`);
    expect(d).toMatchObject({ name: NEW_NAME, code: NEW_CODE, orgId: streetGrant.orgId, subject: 'member', templateKey: TEMPLATE });
    expect(d.versions.map((v) => [v.version, v.year])).toEqual([[1, THIS_YEAR]]);
    expect(d.current.definition.indicators.map((x) => x.code)).toEqual(tpl.definition.indicators.map((x) => x.code));
    expect(d.current.definition.tiers.map((x) => x.code)).toEqual(['OLD', 'CADRE', 'FLOW', 'WORK', 'FARM']);
    expect(d.current.definition.bands.map((b) => [b.code, b.from, b.to])).toEqual(tpl.definition.bands.map((b) => [b.code, b.from, b.to]));

    // Back in the list it is one more row, with its version, locality and template.
    await page.getByTestId('scheme-back').click();
    await page.waitForURL('**/schemes');
    await expect.poll(() => rowKeys(list)).toEqual(expect.arrayContaining([...before, String(schemeId)]));
    expect((await rowKeys(list)).length).toBe(before.length + 1);
    const row = page.getByTestId(`scheme-row-${schemeId}`);
    const text = await waitForText(row, NEW_NAME);
    expect(text).toContain(NEW_CODE);
    expect(text).toContain(`v1 · ${THIS_YEAR} 年度`);
    expect(text).toContain(streetGrant.orgName);
    expect(text).toContain(tpl.name);
    await row.getByTestId('scheme-link').click();
    await page.waitForURL(`**/schemes/${schemeId}`);
    await waitForText(page.getByTestId('scheme-header'), NEW_CODE);
    await waitForText(page.getByTestId('scheme-locality'), streetGrant.orgName);
  });

  it('an edit that leaves a gap or an overlap between grade bands is refused with its path, and no version is saved', async () => {
    const { page } = flow;
    await page.getByTestId('scheme-edit').click();
    await page.getByTestId('scheme-editing').waitFor();
    await page.getByTestId('scheme-edit-tab-bands').click();
    const from = page.getByTestId('scheme-edit-band-from');
    await expect.poll(() => from.count()).toBe(4);
    // bands: 不合格 (-∞, 60) · 基本合格 [60, 75) · 合格 [75, 90) · 优秀 [90, +∞)
    expect(await from.nth(2).inputValue()).toBe('75');
    const save = page.getByTestId('scheme-save');
    const problems = page.getByTestId('scheme-problems');
    const item = problems.getByTestId('scheme-problems-item');

    await from.nth(2).fill('80');
    await waitForText(problems, '空档');
    expect(await item.count()).toBe(1);
    expect(await item.getAttribute('data-path')).toBe('bands.2.from');
    expect(await item.innerText()).toBe('等次 › 第3项“合格” › 下限：等次“基本合格”[60, 75)与“合格”[80, 90)之间有空档：(75, 80) 的得分没有等次');
    await waitForText(page.getByTestId('scheme-edit-bands').getByTestId('scheme-field-error'), '(75, 80) 的得分没有等次');
    expect(await save.isDisabled()).toBe(true);

    await from.nth(2).fill('70');
    await waitForText(problems, '重叠');
    expect(await item.count()).toBe(1);
    expect(await item.getAttribute('data-path')).toBe('bands.2.from');
    expect(await item.innerText()).toContain('等次“基本合格”[60, 75)与“合格”[70, 90)重叠');
    expect(await save.isDisabled()).toBe(true);
    await waitForText(page.getByTestId('scheme-edit-tab-bands'), '1');

    // The server refuses the same definition with the same path.
    const d = await street.get<SchemeDetail>(`/schemes/${schemeId}`);
    const overlapping = structuredClone(d.current.definition);
    overlapping.bands[2].from = 70;
    const refused = await street.call('POST', `/schemes/${schemeId}/versions`, { year: THIS_YEAR, note: '重叠', definition: overlapping });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('VALIDATION');
    expect(refused.body.error.details).toEqual([{ path: ['definition', 'bands', 2, 'from'], message: expect.stringContaining('重叠') }]);
    const gap = structuredClone(d.current.definition);
    gap.bands[2].from = 80;
    expect((await street.call('POST', `/schemes/${schemeId}/versions`, { year: THIS_YEAR, definition: gap })).body.error.details[0].path).toEqual(['definition', 'bands', 2, 'from']);

    // Put back, the problem goes and saving is allowed again: it was the bands that blocked it.
    await from.nth(2).fill('75');
    await problems.waitFor({ state: 'detached' });
    await expect.poll(() => save.isDisabled()).toBe(false);
    await page.getByTestId('scheme-edit-cancel').click();
    await page.getByTestId('scheme-editing').waitFor({ state: 'detached' });

    const after = await street.get<SchemeDetail>(`/schemes/${schemeId}`);
    expect(after.versions.map((v) => v.version)).toEqual([1]);
    expect(after.current.definition.bands[2].from).toBe(75);
  });
});
