/**
 * 年终考评 and the member's phone through the browser, each step checked against the API: last
 * year is run over the street, a score is explained entry by entry, the run is published (the year
 * freezes, tasks open), and a member on a phone reads their handbook and board.
 */
import { describe, expect, it } from 'vitest';
import { apiLogin, rowKeys, table, uiLogin, useFlow, waitForText, type ApiSession } from './harness.ts';
import {
  SCHEME, THIS_YEAR, cents, fmt, parseSigned, type Grant, type Me, type Member, type SchemeDetail, type EntryPage, type Run, type Result, type Explanation, type Task,
} from './points-helpers.ts';

describe('points: last year\'s run over the street, its publication, and a member\'s phone', () => {
  const flow = useFlow('points-run');
  let street: ApiSession;
  let run: Run;
  let streetOrg: Grant;

  it('street runs last year\'s member scheme over the street; one score is explained entry by entry', async () => {
    const { page, server } = flow;
    street = await apiLogin(server.url, 'street');
    streetOrg = (await street.get<Me>('/auth/me')).grants[0];
    const scheme = await street.get<SchemeDetail>(`/schemes/${SCHEME}`);
    const lastYear = THIS_YEAR - 1;

    await uiLogin(page, server.url, 'street');
    await page.getByTestId('nav-runs').click();
    await page.waitForURL('**/runs');
    await page.getByTestId('run-form-scheme').click();
    await page.locator(`.ant-select-item-option[title="${scheme.name}"]`).click();
    await waitForText(page.getByTestId('run-form-scheme'), scheme.name);
    await waitForText(page.getByTestId('run-form-year'), String(lastYear));
    await waitForText(page.getByTestId('run-form-org'), streetOrg.orgName);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/runs'),
      page.getByTestId('run-form-submit').click(),
    ]);
    expect(res.status()).toBe(200);
    expect(res.request().postDataJSON()).toEqual({ schemeId: SCHEME, year: lastYear, orgId: streetOrg.orgId });
    const runId = (await res.json()).id as number;
    await page.waitForURL(`**/runs/${runId}`);
    run = await street.get<Run>(`/runs/${runId}`);
    expect(run).toMatchObject({ status: 'draft', year: lastYear, orgId: streetOrg.orgId, actions: ['publish'] });
    expect(run.subjects).toBeGreaterThan(100);
    await waitForText(page.getByTestId('run-stat-subjects'), run.subjects.toLocaleString('zh-CN')); // shown with a thousands separator
    const fails = run.summary.grades.FAIL ?? 0;
    expect(fails).toBeGreaterThan(0);
    await waitForText(page.getByTestId('run-grade-count-FAIL'), String(fails));

    // The 不合格 result with the most entries (its total is under 60: no clamping hides the sum).
    const failing = (await street.get<{ items: Result[] }>(`/runs/${runId}/results`, { grade: 'FAIL', pageSize: 100 })).items;
    expect(failing.length).toBe(fails);
    const explained = await Promise.all(failing.map((r) => street.get<Explanation>(`/runs/${runId}/results/${r.subjectId}`)));
    const ex = explained.sort((a, b) => b.entries.length - a.entries.length)[0];
    const who = ex.result;
    expect(ex.entries.length).toBeGreaterThan(0);
    expect(ex.entries.length).toBeLessThanOrEqual(50);
    const base = ex.lines.find((l) => l.kind === 'base')!.points;
    const counted = ex.entries.filter((e) => e.counted).reduce((n, e) => n + cents(e.points), 0);
    expect(who.total).toBeLessThan(60);
    expect(cents(who.total)).toBe(cents(base) + counted);
    expect(ex.lines.reduce((n, l) => n + cents(l.points), 0)).toBe(cents(who.total));
    expect(ex).toMatchObject({ matches: true, recomputedTotal: who.total });

    await page.getByTestId('run-grade-FAIL').click();
    await page.waitForURL(/grade=FAIL/);
    const search = page.getByTestId('run-filter-q').locator('input');
    await search.fill(who.name);
    await search.press('Enter');
    await page.getByTestId(`result-row-${who.subjectId}`).click();
    const drawer = page.getByTestId('run-explain');
    await waitForText(drawer.getByTestId('run-explain-summary'), who.name);
    expect(await drawer.getByTestId('run-explain-total').innerText()).toBe(fmt(who.total));
    await waitForText(drawer.getByTestId('run-explain-match'), `与考评时总分 ${fmt(who.total)} 一致`);
    const rows = drawer.getByTestId('run-explain-entries').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(ex.entries.length);
    const shown = await rows.evaluateAll((trs) => trs.map((tr) => ({ id: tr.getAttribute('data-testid'), points: tr.querySelectorAll('td')[3]?.textContent ?? '' })));
    expect(shown.map((r) => r.id).sort()).toEqual(ex.entries.map((e) => `explain-entry-${e.id}`).sort());
    const uiSum = shown.reduce((n, r) => n + cents(parseSigned(r.points)), 0);
    expect(uiSum).toBe(counted);
    const baseCell = drawer.getByTestId('run-explain-lines').locator('tbody tr').first();
    expect(await baseCell.innerText()).toContain(fmt(base));
    expect(cents(base) + uiSum).toBe(cents(who.total));
    await page.keyboard.press('Escape');
  });

  it('发布 freezes the year: publishing again and recording into it are refused, and the tasks appear in 整改处置', async () => {
    const { page } = flow;
    await page.getByTestId('run-publish').click();
    await waitForText(page.getByTestId('run-publish-confirm'), `同时将开启 ${run.summary.tasks} 项整改/组织处置任务`);
    const [res] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/runs/${run.id}/publish`),
      page.getByTestId('run-publish-ok').click(),
    ]);
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({ id: run.id, tasks: run.summary.tasks });
    await waitForText(page.getByTestId('run-header'), `结果已发布，${run.year} 年度台账已冻结。`);
    expect(await page.getByTestId('run-header').locator('[data-status="published"]').count()).toBe(1);
    expect(await page.getByTestId('run-publish').count()).toBe(0);

    expect(await street.get<Run>(`/runs/${run.id}`)).toMatchObject({ status: 'published', actions: [] });
    const again = await street.call('POST', `/runs/${run.id}/publish`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');
    // member1's branch is inside the street: nothing more can be written into last year there.
    const member1 = await (await apiLogin(flow.server.url, 'member1')).get<Member>('/me/member');
    const late = await street.call('POST', '/points/entries', { schemeId: SCHEME, memberId: member1.id, indicator: 'D02', occurredOn: `${run.year}-12-01`, evidence: '补记' });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe(`${run.year} 年度考评结果已发布（第 ${run.id} 次考评），台账已冻结`);
    const lastYears = await street.get<EntryPage>('/points/entries', { schemeId: SCHEME, year: run.year, subjectKind: 'member', subjectId: member1.id, pageSize: 200 });
    const reversal = await street.call('POST', `/points/entries/${lastYears.items[0].id}/reverse`, { reason: '发布后冲正' });
    expect(reversal.status).toBe(409);
    expect(reversal.body.error.message).toContain('台账已冻结');
    expect(await street.get<EntryPage>('/points/entries', { schemeId: SCHEME, year: run.year, subjectKind: 'member', subjectId: member1.id, pageSize: 200 })).toEqual(lastYears);

    // One rectification task per 不合格 result, listed on /tasks (beside those of the demo's 民主评议, which name no run).
    const all = await street.get<{ items: Task[]; total: number }>('/tasks', { pageSize: 100 });
    const tasks = { items: all.items.filter((t) => t.runId !== null) };
    expect(all.items.filter((t) => t.runId === null).every((t) => t.evalCampaignId)).toBe(true);
    expect(run.summary.tasks).toBe(run.summary.grades.FAIL);
    expect(tasks.items).toHaveLength(run.summary.tasks);
    expect(tasks.items.every((t) => t.runId === run.id && t.kind === 'rectification' && t.status === 'open' && t.title.includes('“不合格”'))).toBe(true);
    const failing = (await street.get<{ items: Result[] }>(`/runs/${run.id}/results`, { grade: 'FAIL', pageSize: 100 })).items;
    expect(tasks.items.map((t) => t.title.split('：')[0]).sort()).toEqual(failing.map((r) => r.name).sort());

    await page.getByTestId('nav-tasks').click();
    await page.waitForURL('**/tasks');
    const list = table(page, 'tasks-table');
    await waitForText(list.locator('.ant-pagination-total-text'), `共 ${all.total} 条`);
    expect(await rowKeys(list)).toEqual(all.items.slice(0, 20).map((t) => String(t.id)));
    const first = tasks.items[0];
    await waitForText(page.getByTestId(`task-row-${first.id}`), first.title);
    await page.getByTestId(`task-handle-${first.id}`).click();
    await waitForText(page.getByTestId('task-drawer'), first.title.split('：')[0]);
  });

  it('member1 on a phone: 我的积分 shows the total, rank and grade of GET /me/points, without sideways scrolling', async () => {
    const { server } = flow;
    const page = await flow.newPage({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await uiLogin(page, server.url, 'member1');
    await page.goto(`${server.url}/my-points`);
    const mine = (await (await page.request.get('/api/v1/me/points')).json()) as {
      handbook: { member: { name: string }; year: number; total: number; rank: number; of: number; grade: string; gradeName: string; pending: number; tierName: string; entries: unknown[] };
    };
    const hb = mine.handbook;
    expect(hb.year).toBe(THIS_YEAR);
    expect(hb.entries.length).toBeGreaterThan(0);

    await waitForText(page.getByTestId('handbook-member'), hb.member.name);
    expect(await page.getByTestId('handbook-total').innerText()).toBe(fmt(hb.total));
    const rank = await page.getByTestId('handbook-rank').innerText();
    expect(rank.replace(/\s+/g, ' ')).toContain(`第 ${hb.rank} 名`);
    expect(rank).toContain(`共 ${hb.of} 人`);
    expect(await page.getByTestId('handbook-grade').innerText()).toBe(hb.gradeName);
    expect(await page.getByTestId('handbook-pending').innerText()).toBe(`${hb.pending} 条`);
    expect(await page.getByTestId('handbook-tier').innerText()).toBe(hb.tierName);
    await page.getByTestId('handbook-trend').waitFor();
    await expect.poll(() => page.getByTestId('handbook-entry').count()).toBeGreaterThan(0);
    const width = await page.evaluate(() => ({ inner: window.innerWidth, scroll: document.scrollingElement!.scrollWidth }));
    expect(width.inner).toBe(375);
    expect(width.scroll).toBeLessThanOrEqual(376);
  });

  it('member1 opens 亮分榜 and finds their own row marked, with the rank and total of the API', async () => {
    const page = flow.page;
    const me = (await (await page.request.get('/api/v1/auth/me')).json()) as Me;
    const board = (await (await page.request.get(`/api/v1/points/board?schemeId=${SCHEME}&year=${THIS_YEAR}`)).json()) as {
      org: { name: string }; items: { memberId: number | null; name: string; total: number; rank: number }[];
    };
    const own = board.items.find((r) => r.memberId === me.user.memberId)!;
    expect(own).toBeDefined();

    await page.goto(`${flow.server.url}/board`);
    await waitForText(page.getByTestId('board-org-name'), board.org.name);
    const row = page.getByTestId('board-row-me');
    await row.waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.getAttribute('data-member-id')).toBe(String(own.memberId));
    expect(await row.getAttribute('data-rank')).toBe(String(own.rank));
    expect(await row.getByTestId('board-row-name').innerText()).toBe(own.name);
    expect(await row.getByTestId('board-row-total').innerText()).toBe(fmt(own.total));
    expect(await page.getByTestId('board-my-rank').innerText()).toBe(`我的名次：第 ${own.rank} 名，${fmt(own.total)} 分`);
    expect(await page.getByTestId('board-row').count()).toBe(board.items.length - 1);
    // The same rank as the handbook's.
    const hb = (await (await page.request.get('/api/v1/me/points')).json()) as { handbook: { rank: number; total: number } };
    expect([hb.handbook.rank, hb.handbook.total]).toEqual([own.rank, own.total]);
    const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
    expect(width).toBeLessThanOrEqual(376);
  });
});
