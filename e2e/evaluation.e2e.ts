/**
 * 民主评议 through the browser, each step checked against the API: community1 sets up a campaign for
 * branch1's branch in the drawer with its community's 党外群众代表 and three tellers (accounts made by
 * the administrator, with no role that reads campaigns: they find it as tellers), a probationary
 * member on the ballot but not graded; issues the codes (one printable slip with a QR code per
 * voter, shown once; the API's campaign holds no code) and opens it; no ballot is taken until each
 * teller has collected their share, once; members and residents vote on a 375 px phone through the
 * slips' links or a typed code, and a used code is refused; two tellers enter a paper ballot (a
 * disagreeing entry refused first); the close, another teller's share refused, two shares brought,
 * the count; the results table and its Excel export show what the API gives (one member 不合格 by
 * the residents' trust); a voter checks their receipt on the phone; publication opens the member's
 * 组织处置 task on 整改处置; community2 can neither open nor act on the campaign.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, addOption, apiLogin, captureDownload, pickOrg, uiLogin, useFlow, waitForText, write, type ApiSession } from './harness.ts';
import {
  PHONE, bringShare, enterPaper, grade, openCampaign, readSlips, sheetRows, step, submitPaper, submitShare, type Detail, type Me, type Slip, type Subject,
} from './evaluation-helpers.ts';

const YEAR = new Date().getFullYear();
const NAME = `${YEAR}年度第一党支部民主评议党员（端到端）`;

describe('民主评议: two secret ballots from the set-up to the 整改处置 task, and scope', () => {
  const flow = useFlow('evaluation');
  let admin: ApiSession, community1: ApiSession, community2: ApiSession;
  let communityId: number, branch: { orgId: number; orgName: string };
  const tellers: { id: number; username: string; api: ApiSession; page?: Page; share?: string }[] = [];
  let residents: number[] = [];
  let probationary: number;
  let c: Detail;
  let slips: Slip[] = [];
  let target: Subject;
  let phone: Page;
  /** community1's page. */
  let manager: Page;
  const managerPage = () => { flow.page = manager; return manager; };
  const receipts: { receipt: string; grades: Record<string, string> }[] = [];

  /** The grades a ballot gives: the target member `low`, everybody else `rest`. */
  const gradesOf = (low: string, rest: string) => (s: Subject) => (s.memberId === target.memberId ? low : rest);
  const gradeMap = (f: (s: Subject) => string) => Object.fromEntries(c.subjects.filter((s) => s.graded).map((s) => [String(s.memberId), f(s)]));

  it('set-up through the API: three teller accounts, three 党外群众代表, one probationary member', async () => {
    const { server } = flow;
    [admin, community1, community2] = await Promise.all(['admin', 'community1', 'community2'].map((u) => apiLogin(server.url, u)));
    communityId = (await community1.get<Me>('/auth/me')).grants.find((g) => g.role === 'community_admin')!.orgId;
    branch = (await (await apiLogin(server.url, 'branch1')).get<Me>('/auth/me')).grants.find((g) => g.role === 'branch_secretary')!;
    for (const i of [1, 2, 3]) {
      const username = `teller${i}`;
      const { user } = await write<{ user: { id: number } }>(admin, 'POST', '/users', { username, displayName: `计票人${i}`, homeOrgId: communityId, password: 'E2e-Teller-2026!' });
      await write(admin, 'POST', `/users/${user.id}/grants`, { role: 'grid_liaison', orgId: communityId });
      await write(await apiLogin(server.url, username, 'E2e-Teller-2026!'), 'POST', '/auth/password', { current: 'E2e-Teller-2026!', next: ADMIN_PASSWORD });
      tellers.push({ id: user.id, username, api: await apiLogin(server.url, username) });
    }
    // the demo community has no 党外群众代表: community1 marks three of its residents
    const some = await community1.get<{ items: { id: number; version: number }[] }>('/residents', { communityId, pageSize: 3 });
    for (const r of some.items) await write(community1, 'PATCH', `/residents/${r.id}`, { isNonpartyRep: true, version: r.version });
    const reps = await community1.get<{ items: { id: number }[]; total: number }>('/residents', { communityId, representative: 'nonparty', pageSize: 50 });
    expect(reps.total).toBeGreaterThanOrEqual(3);
    residents = reps.items.map((r) => r.id);
    // one member of the branch joined recently: on the ballot, but not graded
    const members = await community1.get<{ items: { id: number; category: string; partyState: string; version: number }[] }>('/members', { orgId: branch.orgId, pageSize: 200 });
    const m = members.items.filter((x) => x.category === '正式党员' && x.partyState === '正常').at(-1)!;
    await write(community1, 'PATCH', `/members/${m.id}`, { category: '预备党员', fullDate: null, joinDate: new Date(Date.now() - 100 * 86_400_000).toISOString().slice(0, 10), version: m.version });
    probationary = m.id;
  });

  it('community1 sets up the campaign in the drawer: the branch, its community\'s representatives, three tellers', async () => {
    const { page, server } = flow;
    manager = page;
    await uiLogin(page, server.url, 'community1');
    await page.getByTestId('nav-evaluation').click();
    await page.waitForURL('**/evaluation');
    await page.getByTestId('eval-new').click();
    await page.getByTestId('eval-new-drawer').waitFor();
    await pickOrg(page, 'eval-new-org', branch.orgName);
    // the community's three 党外群众代表 are filled in
    await expect.poll(() => page.getByTestId('eval-new-residents').locator('.ant-select-selection-item').count()).toBeGreaterThan(0);
    for (const t of tellers) await addOption(page, 'eval-new-tellers', t.username, `eval-new-teller-option-${t.id}`);
    await page.getByTestId('eval-new-name').fill(NAME);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/eval/campaigns'),
      page.getByTestId('eval-new-ok').click(),
    ]);
    expect(res.status(), await res.text()).toBe(200);
    const { id } = await res.json() as { id: number };
    await page.waitForURL(`**/evaluation/${id}`);
    await waitForText(page.getByTestId('eval-state'), '草稿');
    c = await community1.get<Detail>(`/eval/campaigns/${id}`);
    expect(c).toMatchObject({ name: NAME, state: 'draft', tellers: 3, threshold: 2, paperWaiting: 0, actions: ['issueCodes'] }); // opening waits for the codes
    expect(c.turnout.residents).toEqual({ voters: residents.length, cast: 0 }); // the drawer offers them all
    expect(c.turnout.members.voters).toBe(c.subjects.length);
    expect(c.subjects.find((s) => s.memberId === probationary)?.graded).toBe(false);
    await waitForText(page.getByTestId(`eval-subject-${probationary}`), '预备党员·不评定等次');
    await waitForText(page.getByTestId('eval-turnout-residents'), `0/${residents.length}`);
    target = c.subjects.find((s) => s.graded)!;
    await page.goto('/evaluation');
    await waitForText(page.getByTestId(`eval-row-state-${c.id}`), '草稿');
    await waitForText(page.getByTestId(`eval-row-turnout-${c.id}-members`), `0/${c.subjects.length}`);
  });

  it('发放投票码 shows one printable slip with a QR code per voter, once; then 开启投票', async () => {
    const page = managerPage();
    await openCampaign(page, c.id);
    const issued = await step(page, c.id, 'issueCodes', 'codes');
    expect(issued.status).toBe(200);
    const voters = c.turnout.members.voters + c.turnout.residents.voters;
    await page.getByTestId('eval-sheets').waitFor();
    await waitForText(page.getByTestId('eval-sheets-warning'), '只显示这一次');
    await expect.poll(() => page.getByTestId('eval-slip').count()).toBe(voters);
    await expect.poll(() => page.locator('[data-testid^="eval-slip-qr-"]').count()).toBe(voters);
    expect(await page.getByTestId('eval-slip-qr-0').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    slips = await readSlips(page);
    expect(slips.map((s) => s.code)).toEqual(issued.body.sheets.map((s: Slip) => s.code));
    expect(slips.filter((s) => s.constituency === 'residents')).toHaveLength(residents.length);
    // the campaign as the API shows it holds no code
    const after = await community1.call('GET', `/eval/campaigns/${c.id}`);
    for (const s of slips) expect(JSON.stringify(after.body)).not.toContain(s.code);
    await page.getByTestId('eval-sheets-leave').click();
    await page.getByTestId('eval-sheets-leave-ok').click();
    await page.getByTestId('eval-header').waitFor();

    expect((await step(page, c.id, 'open', 'open')).status).toBe(200);
    await waitForText(page.getByTestId('eval-state'), '投票中');
    // no ballot is taken before every teller holds their share
    const early = await fetch(`${flow.server.url}/api/v1/public/eval/cast`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ campaignId: c.id, code: slips[0].code, constituency: 'members', grades: {} }) });
    expect(early.status).toBe(409);
    expect(JSON.stringify(await early.json())).toContain('尚未全部领取');
  });

  it('each teller, who has no role that reads campaigns, finds it in the menu and collects their share once', async () => {
    const { server } = flow;
    for (const t of tellers) {
      const page = await flow.newPage();
      t.page = page;
      await uiLogin(page, server.url, t.username);
      await page.getByTestId('nav-evaluation').click();
      await page.getByTestId(`eval-row-${c.id}`).click();
      await page.waitForURL(`**/evaluation/${c.id}`);
      await page.getByTestId('eval-teller-tag').waitFor();
      expect(await page.getByTestId('eval-action-open').count()).toBe(0);
      await page.getByTestId('eval-action-collectShare').click();
      await page.getByTestId('eval-confirm').waitFor();
      await page.getByTestId('eval-confirm-ok').click();
      await page.getByTestId('eval-share-modal').waitFor();
      t.share = (await page.getByTestId('eval-share-text').getAttribute('data-share'))!;
      expect(t.share).toMatch(/^[0-9A-F]{6}(-[0-9A-F]{1,6})+$/);
      await page.getByTestId('eval-share-done').click();
      const again = await t.api.call('POST', `/eval/campaigns/${c.id}/my-share`, {});
      expect(again.status).toBe(409);
    }
  });

  it('members and residents vote on a phone through their slips\' links; a used code is refused', async () => {
    phone = await flow.newPage(PHONE);
    const memberSlips = slips.filter((s) => s.constituency === 'members');
    const residentSlips = slips.filter((s) => s.constituency === 'residents');
    const ballots: { slip: Slip; low: string; rest: string; typed?: boolean }[] = [
      { slip: memberSlips[0], low: '合格', rest: '优秀' },
      { slip: memberSlips[1], low: '合格', rest: '优秀' },
      { slip: residentSlips[0], low: '不合格', rest: '合格' },
      { slip: residentSlips[1], low: '基本不合格', rest: '合格', typed: true },
    ];
    for (const b of ballots) {
      if (b.typed) {
        await phone.goto('/vote');
        await phone.getByTestId('vote-campaign').fill(String(c.id));
        await phone.getByTestId('vote-code').fill(b.slip.code.replace('-', ' ').toLowerCase());
        await phone.getByTestId('vote-open').click();
      } else {
        await phone.goto(`/vote#c=${c.id}&k=${b.slip.code}`);
      }
      await phone.getByTestId('vote-ballot').waitFor();
      expect(new URL(phone.url()).hash).toBe(''); // the code leaves the address bar
      await waitForText(phone.getByTestId('vote-constituency'), b.slip.constituency === 'members' ? '党员票' : '党外群众代表票');
      await waitForText(phone.getByTestId('vote-campaign-name'), NAME);
      await phone.getByTestId(`vote-probationary-${probationary}`).waitFor();
      expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      const f = gradesOf(b.low, b.rest);
      await grade(phone, 'vote', c.subjects, f);
      if (receipts.length === 0) {
        await phone.getByTestId(`vote-comment-open-${target.memberId}`).click();
        await phone.getByTestId(`vote-comment-${target.memberId}`).fill('希望多参加组织生活');
      }
      await expect.poll(() => phone.getByTestId('vote-progress').getAttribute('data-missing')).toBe('0');
      await phone.getByTestId('vote-submit').click();
      const [res] = await Promise.all([
        phone.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/public/eval/cast'),
        phone.getByTestId('vote-confirm-ok').click(),
      ]);
      expect(res.status(), await res.text()).toBe(200);
      const { receipt } = await res.json() as { receipt: string };
      expect(receipt).toMatch(/^[0-9a-f]{64}$/);
      expect(await phone.getByTestId('vote-receipt').getAttribute('data-receipt')).toBe(receipt);
      await waitForText(phone.getByTestId('vote-receipt'), receipt.slice(0, 8) + ' ' + receipt.slice(8, 16));
      receipts.push({ receipt, grades: gradeMap(f) });
    }
    // the first code again
    await phone.goto(`/vote#c=${c.id}&k=${memberSlips[0].code}`);
    await waitForText(phone.getByTestId('vote-error'), '已经投过票');
    expect(await phone.getByTestId('vote-ballot').count()).toBe(0);
    c = await community1.get<Detail>(`/eval/campaigns/${c.id}`);
    expect(c.turnout.members.cast).toBe(2);
    expect(c.turnout.residents.cast).toBe(2);
  });

  it('a paper ballot: teller1 enters it, teller2\'s disagreeing entry is refused, teller2\'s agreeing entry puts it in the box', async () => {
    const paper = slips.filter((s) => s.constituency === 'members')[2];
    const enter = (page: Page, low: string) => enterPaper(page, c.id, paper.code, c.subjects, gradesOf(low, '优秀'));
    const [t1, t2] = tellers;
    expect((await enter(t1.page!, '合格')).body).toEqual({ status: 'waiting' });
    await waitForText(t1.page!.getByTestId('eval-paper-waiting'), '已录入，等待另一名计票人核对');
    expect((await community1.get<Detail>(`/eval/campaigns/${c.id}`)).paperWaiting).toBe(1);

    const wrong = await enter(t2.page!, '基本合格');
    expect(wrong.status).toBe(409);
    await waitForText(t2.page!.getByTestId('eval-paper-error'), '两次录入不一致');
    await t2.page!.getByTestId(`paper-grade-${target.memberId}-合格`).click();
    const right = await submitPaper(t2.page!, c.id);
    expect(right.body.status).toBe('cast');
    await waitForText(t2.page!.getByTestId('eval-paper-cast'), '两次录入一致，已投入票箱');
    await waitForText(t2.page!.getByTestId('eval-paper-receipt'), right.body.receipt);
    receipts.push({ receipt: right.body.receipt, grades: gradeMap(gradesOf('合格', '优秀')) });
    c = await community1.get<Detail>(`/eval/campaigns/${c.id}`);
    expect(c).toMatchObject({ paperWaiting: 0, turnout: { members: { cast: 3 }, residents: { cast: 2 } } });
  });

  it('community1 closes the voting; two tellers bring their shares (another\'s share is refused)', async () => {
    const page = managerPage();
    await openCampaign(page, c.id);
    expect((await step(page, c.id, 'close', 'close')).status).toBe(200);
    await waitForText(page.getByTestId('eval-state'), '已结束');
    await waitForText(page.getByTestId('eval-turnout-members'), `3/${c.turnout.members.voters}`);
    const early = await community1.call('POST', `/eval/campaigns/${c.id}/count`, { rowVersion: (await community1.get<Detail>(`/eval/campaigns/${c.id}`)).rowVersion });
    expect(early.status).toBe(409);

    const [t1, , t3] = tellers;
    expect(await bringShare(t3.page!, c.id, t1.share!)).toBe(400);
    await waitForText(t3.page!.getByTestId('eval-bring-error'), '开箱密钥不正确');
    expect(await submitShare(t3.page!, c.id, t3.share!)).toBe(200);
    await waitForText(t3.page!.getByTestId('eval-bring-done'), '已收到 1/2');
    expect(await bringShare(t1.page!, c.id, t1.share!)).toBe(200);
    await waitForText(t1.page!.getByTestId('eval-bring-done'), '已收到 2/2');
  });

  it('开箱计票: the results table shows the grades the API gives, the residents\' trust making one member 不合格', async () => {
    const page = managerPage();
    await openCampaign(page, c.id);
    const counted = await step(page, c.id, 'count', 'count');
    expect(counted).toEqual({ status: 200, body: { ballots: 5, spoiled: 0 } });
    await waitForText(page.getByTestId('eval-state'), '已计票');
    // the count destroys the used codes: the page shows the ballots counted instead
    await waitForText(page.getByTestId('eval-turnout-members'), `3/${c.turnout.members.voters}`);
    await waitForText(page.getByTestId('eval-turnout-residents'), `2/${residents.length}`);
    c = await community1.get<Detail>(`/eval/campaigns/${c.id}`);
    const results = c.results!;
    expect(results).toHaveLength(c.subjects.filter((s) => s.graded).length);
    const low = results.find((r) => r.memberId === target.memberId)!;
    expect(low.grade).toBe('不合格');
    expect(low.reasons.join('\n')).toMatch(/群众信任率 0%/);
    expect(results.filter((r) => r.memberId !== target.memberId).every((r) => r.grade === '优秀')).toBe(true);
    await page.getByTestId('eval-results-card').waitFor();
    for (const r of results) {
      expect(await page.getByTestId(`eval-result-grade-${r.memberId}`).getAttribute('data-grade')).toBe(r.grade);
      await waitForText(page.getByTestId(`eval-result-score-${r.memberId}`), String(r.score));
    }
    await waitForText(page.getByTestId(`eval-result-reasons-${low.memberId}`), '定为“不合格”');
    await waitForText(page.getByTestId(`eval-result-count-${low.memberId}-residents-不合格`), '1');
    await page.getByTestId('eval-results-chart').waitFor();
    // 导出Excel: one row per graded member, the grade as the API gives it
    const file = await captureDownload(page, () => page.getByTestId('eval-results-export').click());
    expect(file.name).toMatch(/\.xlsx$/);
    const rows = await sheetRows(file.bytes);
    const lowRow = rows.find((r) => r[0] === low.name)!;
    expect(lowRow).toContain('不合格');
    expect(rows.filter((r) => results.some((x) => x.name === r[0]))).toHaveLength(results.length);
  });

  it('a voter checks their receipt on the phone after the count', async () => {
    const mine = receipts[0];
    await phone.goto(`/vote/receipt#c=${c.id}`);
    await phone.getByTestId('vote-receipt-input').fill(mine.receipt.match(/.{8}/g)!.join(' '));
    await phone.getByTestId('vote-receipt-submit').click();
    await phone.getByTestId('vote-receipt-found').waitFor();
    await phone.getByTestId('vote-receipt-counted').waitFor();
    expect(await phone.getByTestId(`vote-receipt-grade-${target.memberId}`).getAttribute('data-grade')).toBe(mine.grades[String(target.memberId)]);
    await waitForText(phone.getByTestId('vote-receipt-lines'), target.name); // names kept on the phone that voted
    await waitForText(phone.getByTestId('vote-receipt-lines'), '希望多参加组织生活');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    // a receipt nobody holds
    await phone.getByTestId('vote-receipt-input').fill('0'.repeat(64));
    await phone.getByTestId('vote-receipt-submit').click();
    await waitForText(phone.getByTestId('vote-receipt-error'), '没有找到该回执');
  });

  it('公布结果 opens the 不合格 member\'s 组织处置 task, shown on 整改处置 with its campaign', async () => {
    const page = managerPage();
    await openCampaign(page, c.id);
    const published = await step(page, c.id, 'publish', 'publish');
    expect(published.status).toBe(200);
    expect(published.body.proceedings).toBe(1);
    await waitForText(page.getByTestId('eval-state'), '已公布');
    type Task = { id: number; runId: number | null; evalCampaignId: number | null; evalName: string | null; title: string; kind: string; year: number; options: string[] };
    const tasks = (await community1.get<{ items: Task[] }>('/tasks', { pageSize: 100 })).items.filter((t) => t.evalCampaignId === c.id);
    expect(tasks).toHaveLength(1);
    const task = tasks[0];
    expect(task).toMatchObject({ runId: null, evalName: NAME, kind: 'disposal', year: YEAR });
    expect(task.title).toContain(target.name);
    await page.getByTestId('nav-tasks').click();
    await page.waitForURL('**/tasks');
    await waitForText(page.getByTestId(`task-row-${task.id}`), target.name);
    await waitForText(page.getByTestId(`task-source-eval-${task.id}`), `民主评议：${NAME}`);
    await page.getByTestId(`task-source-eval-${task.id}`).click();
    await page.waitForURL(`**/evaluation/${c.id}`);
    await waitForText(page.getByTestId('eval-state'), '已公布');
  });

  it('community2 can neither open nor act on the campaign, in the browser or through the API', async () => {
    const page = await flow.newPage();
    await uiLogin(page, flow.server.url, 'community2');
    await page.goto(`/evaluation/${c.id}`);
    await waitForText(page.locator('body'), /不存在/);
    expect(await page.getByTestId('eval-header').count()).toBe(0);
    expect((await community2.call('GET', `/eval/campaigns/${c.id}`)).status).toBe(404);
    expect((await community2.call('POST', `/eval/campaigns/${c.id}/publish`, { rowVersion: 1 })).status).toBe(404);
    const list = await community2.get<{ items: { id: number }[] }>('/eval/campaigns');
    expect(list.items.map((x) => x.id)).not.toContain(c.id);
  });
});
