/**
 * 民主评议 set-up options and the year summary through the browser, each checked against the API:
 * community1 sets up last year's campaign for branch1's branch in the drawer with 指定党员 (four
 * members searched by name, one of them probationary: marked, and not enough on their own) and
 * 公布结果时记入积分 (a member scheme of the street, an indicator for 优秀 and one for 不合格; a
 * refusal of the server shows at its field). The ballot holds exactly the members chosen; after
 * the votes, the count and the publication the members' ledgers hold the points. 年度汇总 then
 * shows the figures GET /eval/summary gives (with the demo's campaign of the same branch), a
 * consistent recount, the chart, and an .xlsx with the same rows; it fits a phone.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addOption, apiLogin, captureDownload, pickOrg, rowKeys, table, uiLogin, useFlow, waitForText, type ApiSession, write } from './harness.ts';

/** Last year: the points are dated the year's last day, which must not lie ahead. */
const YEAR = new Date().getFullYear() - 1;
const NAME = `${YEAR}年度第一党支部部分党员民主评议（端到端）`;
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

type Me = { user: { id: number; username: string }; grants: { role: string; orgId: number; orgName: string }[] };
type Member = { id: number; name: string; category: string; partyState: string; version: number };
type Detail = {
  id: number; name: string; year: number; state: string; rowVersion: number; subjects: { memberId: number; name: string; graded: boolean }[];
  turnout: Record<'members' | 'residents', { voters: number; cast: number }>;
  results: { memberId: number; grade: string | null }[] | null;
};
type Summary = {
  year: number; campaigns: number; members: number; byGrade: Record<string, number>; mismatches: number;
  items: { id: number; name: string; orgId: number; orgName: string; members: number; grades: Record<string, number>; mismatches: number }[];
};
type Entry = { id: number; subjectId: number; indicator: string; points: number; source: string; status: string; occurredOn: string };


/** Picks the option of a single select whose text is `text`. */
async function choose(page: Page, selectId: string, text: string): Promise<void> {
  await page.getByTestId(selectId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
  await waitForText(page.getByTestId(selectId), text);
}

/** The error shown under the form item that holds `testId`. */
const fieldError = (page: Page, testId: string) => page.locator('.ant-form-item', { has: page.getByTestId(testId) }).locator('.ant-form-item-explain-error');

describe('民主评议 set-up: chosen members, points at publication, and the year summary', () => {
  const flow = useFlow('evaluation-setup');
  let community1: ApiSession, branch1: ApiSession;
  let communityId: number, branch: { orgId: number; orgName: string };
  let tellers: { id: number; username: string; api: ApiSession }[];
  let schemeId: number;
  let chosen: Member[];
  let probationary: Member;
  let goodStanding: number;
  let c: Detail;
  let manager: Page;

  it('set-up through the API: a member scheme of the street with indicators for 优秀 and 不合格, one probationary member', async () => {
    const { server } = flow;
    const street = await apiLogin(server.url, 'street');
    [community1, branch1] = await Promise.all(['community1', 'branch1'].map((u) => apiLogin(server.url, u)));
    const [meC, meB, meS] = await Promise.all([community1, branch1, street].map((s) => s.get<Me>('/auth/me')));
    communityId = meC.grants.find((g) => g.role === 'community_admin')!.orgId;
    branch = meB.grants.find((g) => g.role === 'branch_secretary')!;
    tellers = [{ id: meC.user.id, username: 'community1', api: community1 }, { id: meB.user.id, username: 'branch1', api: branch1 }];
    const roles = ['community_admin', 'branch_secretary', 'street_admin'];
    ({ id: schemeId } = await write<{ id: number }>(street, 'POST', '/schemes', {
      orgId: meS.grants.find((g) => g.role === 'street_admin')!.orgId, code: 'e2e-eval', name: '民主评议积分（端到端）', year: YEAR, definition: {
        subject: 'member', baseScore: 60, maxScore: 100, minScore: 0, tiers: [{ code: 'all', name: '全体党员', rule: { all: [] } }],
        indicators: [
          { code: 'EVAL_E', name: '民主评议优秀', kind: 'add', points: 5, recorderRoles: roles },
          { code: 'EVAL_F', name: '民主评议不合格', kind: 'subtract', points: 10, recorderRoles: roles },
        ],
        bands: [{ code: 'P', name: '合格', from: null, fromInclusive: false, to: null, toInclusive: false }], quotas: [], multiYear: [],
      },
    }));
    const members = (await community1.get<{ items: Member[] }>('/members', { orgId: branch.orgId, pageSize: 200 })).items
      .filter((m) => m.category === '正式党员' && m.partyState === '正常');
    // names typed in the search must find each member among the first results: distinct names
    const distinct = members.filter((m) => members.filter((x) => x.name.startsWith(m.name)).length === 1);
    expect(distinct.length).toBeGreaterThanOrEqual(5);
    const p = distinct[4];
    await write(community1, 'PATCH', `/members/${p.id}`, { category: '预备党员', fullDate: null, joinDate: new Date(Date.now() - 100 * 86_400_000).toISOString().slice(0, 10), version: p.version });
    probationary = { ...p, category: '预备党员' };
    chosen = [...distinct.slice(0, 3), probationary];
    const total = async (partyState: string) => (await community1.get<{ total: number }>('/members', { orgId: branch.orgId, partyState, pageSize: 1 })).total;
    goodStanding = (await total('正常')) + (await total('恢复'));
    expect(goodStanding).toBeGreaterThan(chosen.length);
  });

  it('community1 chooses four members (one probationary) and points per grade in the drawer; the server\'s refusal shows at its field', async () => {
    const { page, server } = flow;
    manager = page;
    await uiLogin(page, server.url, 'community1');
    await page.getByTestId('nav-evaluation').click();
    await page.waitForURL('**/evaluation');
    await page.getByTestId('eval-new').click();
    await page.getByTestId('eval-new-drawer').waitFor();
    await pickOrg(page, 'eval-new-org', branch.orgName);
    await choose(page, 'eval-new-year', `${YEAR} 年度`);
    // 全体党员 says how many that is
    await expect.poll(() => page.getByTestId('eval-new-subjects-count').getAttribute('data-total')).toBe(String(goodStanding));
    await page.getByTestId('eval-new-subjects-some').click();
    // the probationary member alone is not enough: nobody would be graded
    await page.getByTestId('eval-new-members').click();
    await page.keyboard.type(probationary.name);
    const option = page.getByTestId(`eval-new-member-option-${probationary.id}`);
    await waitForText(option, '预备党员·不评定等次');
    await waitForText(option, branch.orgName);
    await option.click();
    await page.keyboard.press('Escape');
    await waitForText(fieldError(page, 'eval-new-members'), '至少需要一名正式党员');
    for (const m of chosen.slice(0, 3)) await addOption(page, 'eval-new-members', m.name, `eval-new-member-option-${m.id}`);
    await expect.poll(() => fieldError(page, 'eval-new-members').count()).toBe(0);
    const summary = page.getByTestId('eval-new-members-summary');
    expect(await summary.getAttribute('data-chosen')).toBe('4');
    expect(await summary.getAttribute('data-probationary')).toBe('1');
    await waitForText(summary, `其中预备党员 1 人（${probationary.name}）`);
    for (const t of tellers) await addOption(page, 'eval-new-tellers', t.username, `eval-new-teller-option-${t.id}`);
    await page.getByTestId('eval-new-name').fill(NAME);

    await page.getByTestId('eval-new-points-on').click();
    await page.getByTestId('eval-new-points-scheme').click();
    await page.getByTestId(`eval-new-points-scheme-option-${schemeId}`).click();
    await page.getByTestId('eval-new-points-indicator-优秀').waitFor();
    // the five grades of the default set, each with the scheme's two indicators to choose from
    expect(await page.locator('[data-testid^="eval-new-points-indicator-"]').count()).toBe(5);
    for (const [g, code] of [['优秀', 'EVAL_E'], ['不合格', 'EVAL_F']]) {
      await page.getByTestId(`eval-new-points-indicator-${g}`).click();
      await page.getByTestId(`eval-new-points-ind-${g}-${code}`).click();
      await waitForText(page.getByTestId(`eval-new-points-indicator-${g}`), code);
    }

    // the server's refusal of an indicator (the request altered on its way) shows at that grade's field
    await page.route('**/api/v1/eval/campaigns', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}');
      body.points.indicators['优秀'] = 'NOPE';
      await route.continue({ postData: JSON.stringify(body) });
    });
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/eval/campaigns'),
      page.getByTestId('eval-new-ok').click(),
    ]);
    expect(refused.status()).toBe(400);
    await waitForText(fieldError(page, 'eval-new-points-indicator-优秀'), '等次或指标无效');
    await waitForText(page.getByTestId('eval-new-error'), '优秀→NOPE');
    expect(await fieldError(page, 'eval-new-points-indicator-不合格').count()).toBe(0);
    await page.unroute('**/api/v1/eval/campaigns');

    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/eval/campaigns'),
      page.getByTestId('eval-new-ok').click(),
    ]);
    expect(res.status(), await res.text()).toBe(200);
    const sent = JSON.parse(res.request().postData() ?? '{}');
    expect(sent.points).toEqual({ schemeId, indicators: { 优秀: 'EVAL_E', 不合格: 'EVAL_F' } });
    const { id } = await res.json() as { id: number };
    await page.waitForURL(`**/evaluation/${id}`);

    // the ballot holds exactly the members chosen; every member in good standing still votes
    c = await community1.get<Detail>(`/eval/campaigns/${id}`);
    expect(c).toMatchObject({ name: NAME, year: YEAR, state: 'draft' });
    expect(c.subjects.map((s) => s.memberId).sort((a, b) => a - b)).toEqual(chosen.map((m) => m.id).sort((a, b) => a - b));
    expect(c.subjects.filter((s) => !s.graded).map((s) => s.memberId)).toEqual([probationary.id]);
    expect(c.turnout.members.voters).toBe(goodStanding);
    await expect.poll(() => page.locator('[data-testid^="eval-subject-"]').count()).toBe(4);
    await waitForText(page.getByTestId(`eval-subject-${probationary.id}`), '预备党员·不评定等次');
  }, 120_000); // many steps in one drawer: room for a busy machine

  it('after the votes, the count and the publication, the members graded 优秀 and 不合格 have the points in their ledgers', async () => {
    const rv = async () => (await community1.get<Detail>(`/eval/campaigns/${c.id}`)).rowVersion;
    const { sheets } = await write<{ sheets: { constituency: string; code: string }[] }>(community1, 'POST', `/eval/campaigns/${c.id}/codes`, { rowVersion: await rv() });
    await write(community1, 'POST', `/eval/campaigns/${c.id}/open`, { rowVersion: await rv() });
    const shares: string[] = [];
    for (const t of tellers) shares.push((await write<{ share: string }>(t.api, 'POST', `/eval/campaigns/${c.id}/my-share`, {})).share);
    const [a, b, d] = chosen.slice(0, 3);
    const grades = { [a.id]: '优秀', [b.id]: '合格', [d.id]: '不合格' };
    for (const s of sheets.filter((x) => x.constituency === 'members').slice(0, 2)) {
      const r = await fetch(`${flow.server.url}/api/v1/public/eval/cast`, { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ campaignId: c.id, code: s.code, constituency: 'members', grades }) });
      expect(r.status, await r.text()).toBe(200);
    }
    await write(community1, 'POST', `/eval/campaigns/${c.id}/close`, { rowVersion: await rv() });
    for (const [i, t] of tellers.entries()) await write(t.api, 'POST', `/eval/campaigns/${c.id}/shares`, { share: shares[i] });
    await write(community1, 'POST', `/eval/campaigns/${c.id}/count`, { rowVersion: await rv() });
    c = await community1.get<Detail>(`/eval/campaigns/${c.id}`);
    expect(Object.fromEntries(c.results!.map((r) => [r.memberId, r.grade]))).toEqual(grades);

    const page = manager;
    flow.page = page;
    await page.goto(`/evaluation/${c.id}`);
    await page.getByTestId('eval-action-publish').click();
    await page.getByTestId('eval-confirm').waitFor();
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/eval/campaigns/${c.id}/publish`),
      page.getByTestId('eval-confirm-ok').click(),
    ]);
    expect(await res.json()).toEqual({ proceedings: 1, points: 2 });
    await waitForText(page.getByTestId('eval-state'), '已公布');

    const ledger = async (m: Member) => (await community1.get<{ items: Entry[] }>('/points/entries', { schemeId, subjectKind: 'member', subjectId: m.id, pageSize: 50 })).items;
    const [ea, eb, ed] = [await ledger(a), await ledger(b), await ledger(d)];
    expect(ea.map((e) => [e.indicator, e.points, e.source, e.status, e.occurredOn.slice(0, 10)])).toEqual([['EVAL_E', 5, 'award', 'confirmed', `${YEAR}-12-31`]]);
    expect(ed.map((e) => [e.indicator, e.points])).toEqual([['EVAL_F', -10]]);
    expect(eb).toEqual([]);
    // the ledger page, filtered to the member graded 优秀, shows that entry
    await page.goto(`/points?schemeId=${schemeId}&year=${YEAR}&subjectKind=member&subjectId=${a.id}&subject=${encodeURIComponent(a.name)}`);
    await page.getByTestId('ledger-page').waitFor();
    expect(await rowKeys(table(page, 'ledger-table'))).toEqual([String(ea[0].id)]);
    await waitForText(page.getByTestId(`entry-points-${ea[0].id}`), '5');
  });

  it('年度汇总 shows the figures GET /eval/summary gives, a consistent recount, the chart, and the same rows in .xlsx', async () => {
    const page = manager;
    flow.page = page;
    const s = await community1.get<Summary>('/eval/summary', { orgId: communityId, year: YEAR });
    // the demo's published campaign of the same branch, and this one: both in the branch's row
    expect(s.items.map((x) => x.id)).toContain(c.id);
    expect(s.items.find((x) => x.id === c.id)).toMatchObject({ orgId: branch.orgId, members: 3, grades: { 优秀: 1, 合格: 1, 不合格: 1 }, mismatches: 0 });
    expect(s.campaigns).toBeGreaterThanOrEqual(2);
    expect(s.mismatches).toBe(0);

    await page.goto('/evaluation');
    await page.getByTestId('eval-tab-summary').click();
    await page.waitForURL('**/evaluation?tab=summary');
    await page.getByTestId('eval-summary').waitFor();
    await waitForText(page.getByTestId('eval-summary-org'), (await community1.get<Me>('/auth/me')).grants.find((g) => g.role === 'community_admin')!.orgName);
    await choose(page, 'eval-summary-year', `${YEAR} 年度`);
    await expect.poll(() => page.getByTestId('eval-summary-body').getAttribute('data-year')).toBe(String(YEAR));
    await expect.poll(() => page.getByTestId('eval-summary-campaigns').innerText()).toBe(String(s.campaigns));
    expect(await page.getByTestId('eval-summary-members').innerText()).toBe(String(s.members));
    for (const g of ['优秀', '合格', '基本合格', '基本不合格', '不合格']) {
      expect(await page.getByTestId(`eval-summary-grade-${g}`).innerText(), g).toBe(String(s.byGrade[g] ?? 0));
    }
    await page.getByTestId('eval-summary-consistent').waitFor();
    expect(await page.getByTestId('eval-summary-mismatch').count()).toBe(0);
    // one row per organisation, summing its campaigns
    const inBranch = s.items.filter((x) => x.orgId === branch.orgId);
    expect(await page.getByTestId(`eval-summary-org-campaigns-${branch.orgId}`).getAttribute('data-count')).toBe(String(inBranch.length));
    expect(await page.getByTestId(`eval-summary-org-members-${branch.orgId}`).innerText()).toBe(String(inBranch.reduce((n, x) => n + x.members, 0)));
    const sum = (g: string) => inBranch.reduce((n, x) => n + (x.grades[g] ?? 0), 0);
    for (const g of ['优秀', '不合格']) expect(await page.getByTestId(`eval-summary-org-${branch.orgId}-${g}`).innerText()).toBe(String(sum(g)));
    await waitForText(page.getByTestId(`eval-summary-org-check-${branch.orgId}`), '一致');
    // the chart draws the same figures
    await page.locator('[data-testid="eval-summary-chart"] canvas').first().waitFor();
    const bars = JSON.parse((await page.getByTestId('eval-summary-chart-box').getAttribute('data-bars'))!) as { name: string; grades: Record<string, number> }[];
    expect(bars.find((x) => x.name === branch.orgName)!.grades).toEqual(Object.fromEntries(Object.keys(bars.find((x) => x.name === branch.orgName)!.grades).map((g) => [g, sum(g)])));
    expect(bars.reduce((n, x) => n + Object.values(x.grades).reduce((p, q) => p + q, 0), 0)).toBe(s.members);
    // a campaign's name leads to its page
    await page.getByTestId(`eval-summary-campaign-${c.id}`).click();
    await page.waitForURL(`**/evaluation/${c.id}`);
    await page.goBack();
    await page.getByTestId('eval-summary').waitFor();

    // 导出Excel: the same rows and the total
    await choose(page, 'eval-summary-year', `${YEAR} 年度`);
    await expect.poll(() => page.getByTestId('eval-summary-body').getAttribute('data-year')).toBe(String(YEAR));
    const file = await captureDownload(page, () => page.getByTestId('eval-summary-export').click());
    expect(file.name).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0].eachRow((r) => rows.push(Array.from((r.values as unknown[]).slice(1), (v) => String(v ?? ''))));
    const mine = rows.find((r) => r[1] === NAME)!;
    expect(mine.slice(0, 9)).toEqual([branch.orgName, NAME, '已公布', '3', '1', '1', '0', '0', '1']);
    expect(mine[10]).toBe('一致');
    const total = rows.find((r) => r[0] === '合计')!;
    expect([total[1], total[3]]).toEqual([`${s.campaigns}次评议`, String(s.members)]);
  });

  it('年度汇总 fits a phone', async () => {
    const phone = await flow.newPage(PHONE);
    await uiLogin(phone, flow.server.url, 'community1');
    await phone.goto('/evaluation?tab=summary');
    await phone.getByTestId('eval-summary').waitFor();
    await choose(phone, 'eval-summary-year', `${YEAR} 年度`);
    await waitForText(phone.getByTestId('eval-summary-campaigns'), /\d/);
    await phone.getByTestId('eval-summary-chart').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});
