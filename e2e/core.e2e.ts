/**
 * "A new user's day": the county administrator looks at the dashboard, the organisation tree and
 * the member roster, edits one member and sees the change in its history; the audit
 * administrator then finds that change in the audit log, verifies the hash chain and switches the
 * interface to English.
 */
import { describe, expect, it } from 'vitest';
import { apiLogin, closeConfirm, closeDrawer, rowKeys, table, uiLogin, useFlow, waitForText, type ApiSession } from './harness.ts';

const NEW_POST = '组织委员（端到端）';

describe('core: a new user\'s day', () => {
  const flow = useFlow('core');
  let admin: ApiSession;
  let memberId = '';
  let oldPost: string | null = null;
  let memberName = '';

  it('admin logs in and the dashboard shows the counts of the whole county', async () => {
    const { page, server } = flow;
    admin = await apiLogin(server.url, 'admin');
    const overview = await admin.get<{ members: number; orgs: number; byCategory: Record<string, number> }>('/stats/overview');
    expect(overview.members).toBeGreaterThan(100);

    await uiLogin(page, server.url, 'admin');
    expect(new URL(page.url()).pathname).toBe('/');
    await waitForText(page.getByTestId('header-user'), '系统管理员');
    const stat = (title: string) => page.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content-value');
    const num = (s: string) => Number(s.replace(/[^\d]/g, ''));
    await expect.poll(async () => num(await stat('党员总数').innerText())).toBe(overview.members);
    expect(num(await stat('组织数').innerText())).toBe(overview.orgs);
    expect(num(await stat('正式党员').innerText())).toBe(overview.byCategory['正式党员']);
    expect(num(await stat('预备党员').innerText())).toBe(overview.byCategory['预备党员']);
    await page.getByTestId('chart-party-state').waitFor();
  });

  it('组织机构: the tree shows the demo street and its communities; search finds a community', async () => {
    const { page } = flow;
    const [root] = (await admin.get<{ items: { id: number; name: string }[] }>('/orgs/roots')).items;
    const [street] = (await admin.get<{ items: { id: number; name: string; kind: string }[] }>('/orgs', { parentId: root.id })).items;
    expect(street.kind).toBe('street');
    const children = (await admin.get<{ items: { id: number; name: string; kind: string }[] }>('/orgs', { parentId: street.id })).items;
    const communities = children.filter((c) => c.kind === 'community' || c.kind === 'village');
    expect(communities.length).toBeGreaterThanOrEqual(2);

    await page.getByTestId('nav-orgs').click();
    await page.waitForURL(`**/orgs/${root.id}`);
    await waitForText(page.getByTestId('org-detail'), root.name);
    // The single root opens by itself and shows the street.
    const streetNode = page.getByTestId(`org-node-${street.id}`);
    await waitForText(streetNode, street.name);
    await page.locator('.ant-tree-treenode', { has: streetNode }).locator('.ant-tree-switcher').click();
    for (const c of children) await waitForText(page.getByTestId(`org-node-${c.id}`), c.name);
    // Selecting the street shows its record.
    await streetNode.click();
    await page.waitForURL(`**/orgs/${street.id}`);
    await waitForText(page.getByTestId('org-record'), street.name);

    const target = communities[1];
    const search = page.getByTestId('org-search').locator('input');
    await search.fill(target.name.replace(/社区$/, ''));
    await search.press('Enter');
    const results = page.getByTestId('org-search-results');
    await waitForText(results, '搜索结果');
    const hit = results.getByTestId(`org-node-${target.id}`);
    await waitForText(hit, target.name);
    // Only matching organisations are listed.
    for (const other of communities.filter((c) => c.id !== target.id)) expect(await results.getByTestId(`org-node-${other.id}`).count()).toBe(0);
    await hit.click();
    await page.waitForURL(`**/orgs/${target.id}`);
    await waitForText(page.getByTestId('org-record'), target.name);
  });

  it('党员: the roster pages through the demo members; a surname narrows it', async () => {
    const { page } = flow;
    const all = await admin.get<{ total: number; items: { id: number; name: string }[] }>('/members', { page: 1, pageSize: 20 });
    const second = await admin.get<{ total: number; items: { id: number; name: string }[] }>('/members', { page: 2, pageSize: 20 });

    await page.getByTestId('nav-members').click();
    await page.waitForURL('**/members');
    const members = table(page, 'member-table');
    await waitForText(members.locator('.ant-pagination-total-text'), `共 ${all.total} 条`);
    expect(await rowKeys(members)).toEqual(all.items.map((m) => String(m.id)));

    await members.locator('.ant-pagination-item-2').click();
    await page.waitForURL(/[?&]page=2/);
    await expect.poll(() => rowKeys(members)).toEqual(second.items.map((m) => String(m.id)));
    await waitForText(members, second.items[0].name);

    const surname = all.items[0].name[0];
    const narrowed = await admin.get<{ total: number; items: { id: number; name: string }[] }>('/members', { q: surname, pageSize: 100 });
    expect(narrowed.total).toBeGreaterThan(0);
    expect(narrowed.total).toBeLessThan(all.total);
    const search = page.getByTestId('member-search').locator('input');
    await search.fill(surname);
    await search.press('Enter');
    await waitForText(members.locator('.ant-pagination-total-text'), `共 ${narrowed.total} 条`);
    expect(new URL(page.url()).searchParams.get('page')).toBeNull();
    await rowKeys(members);
    const names = await members.locator('tbody tr.ant-table-row td:first-child').allInnerTexts();
    expect(names.length).toBe(Math.min(20, narrowed.total));
    for (const n of names) expect(n.trim().startsWith(surname)).toBe(true);
  });

  it('opens a member, edits 党内职务 and saves; the record shows the new value', async () => {
    const { page } = flow;
    const firstRow = table(page, 'member-table').locator('tbody tr.ant-table-row').first();
    memberId = (await firstRow.getAttribute('data-row-key')) ?? '';
    memberName = (await firstRow.locator('td').first().innerText()).trim();
    const before = await admin.get<{ post: string | null; version: number; name: string }>(`/members/${memberId}`);
    expect(before.name).toBe(memberName);
    oldPost = before.post;

    await firstRow.locator('td').first().getByText(memberName).click();
    await page.waitForURL(`**/members/${memberId}`);
    const detail = page.getByTestId('member-detail');
    await waitForText(detail.locator('.ant-card-head'), memberName);

    await page.getByTestId('member-edit').click();
    const form = page.getByTestId('member-form');
    await form.waitFor();
    const post = form.getByLabel('党内职务');
    await expect.poll(() => post.inputValue()).toBe(oldPost ?? '');
    await post.fill(NEW_POST);
    await page.getByTestId('member-form-submit').click();
    await waitForText(page.locator('.ant-message'), '已保存');
    await form.waitFor({ state: 'detached' });
    await waitForText(page.getByTestId('member-record'), NEW_POST);

    const after = await admin.get<{ post: string | null; version: number }>(`/members/${memberId}`);
    expect(after.post).toBe(NEW_POST);
    expect(after.version).toBe(before.version + 1);
  });

  it('变更记录 shows who changed 党内职务 from what to what', async () => {
    const { page } = flow;
    await page.getByTestId('member-history-tab').click();
    const row = table(page, 'history-table').locator('tbody tr.ant-table-row').filter({ hasText: '党员·修改' });
    await waitForText(row, `党内职务：${oldPost ?? '（空）'} → ${NEW_POST}`);
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain('admin');
  });

  it('the auditor finds the member.updated event in 审计日志 and the chain verifies', async () => {
    const { page, server } = flow;
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    await uiLogin(page, server.url, 'auditor');
    // 三员分立: the audit administrator sees no member data.
    expect(await page.getByTestId('nav-members').count()).toBe(0);
    await page.getByTestId('nav-audit').click();
    await page.waitForURL('**/audit');

    const audit = table(page, 'audit-table');
    await audit.locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('audit-type').click();
    await page.keyboard.type('党员·修改');
    await page.locator('.ant-select-item-option[title="党员·修改"]').click();
    await page.getByTestId('audit-search').click();
    await waitForText(audit.locator('.ant-pagination-total-text'), '共 1 条');
    const row = audit.locator('tbody tr.ant-table-row').first();
    const text = await waitForText(row, `member #${memberId}`);
    expect(text).toContain('党员·修改');
    expect(text).toContain('admin');
    expect(await row.locator('[title="member.updated"]').count()).toBe(1);

    await row.click();
    const data = page.getByTestId('audit-data');
    await waitForText(data, NEW_POST);
    expect(JSON.parse(await data.innerText())).toEqual({ changes: { post: { from: oldPost, to: NEW_POST } } });
    await closeDrawer(page, data);

    const total = (await apiLogin(server.url, 'auditor')).get<{ total: number }>('/audit', { pageSize: 1 });
    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-verify-result');
    const verified = await waitForText(result, /校验通过：共校验 \d+ 条记录/);
    expect(Number(/共校验 (\d+) 条/.exec(verified)![1])).toBeGreaterThanOrEqual((await total).total);
    await closeConfirm(page, result);
  });

  it('switching the language to English relabels the shell and the audit log', async () => {
    const { page } = flow;
    await page.getByTestId('lang-switch').getByText('EN', { exact: true }).click();
    await waitForText(page.getByTestId('nav-audit'), 'Audit log');
    expect(await page.getByTestId('nav-home').innerText()).toBe('Dashboard');
    expect(await page.getByTestId('nav-me').innerText()).toBe('Me');
    await waitForText(page.getByTestId('audit-verify'), 'Verify integrity');
    await waitForText(page.getByTestId('logout'), 'Log out');
    const audit = table(page, 'audit-table');
    await waitForText(audit.locator('thead'), 'Event type');
    await waitForText(audit.locator('tbody tr.ant-table-row').first(), 'Member updated');
    await waitForText(audit.locator('.ant-pagination-total-text'), '1 in total');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    // The choice is remembered across a reload.
    await page.reload();
    await waitForText(page.getByTestId('nav-audit'), 'Audit log');
  });
});
