/**
 * 积分台账 through the browser, each step checked against the API, on the demo street's member
 * scheme: the branch secretary records an entry in the 记一笔 drawer (and is refused one above the
 * monthly cap, nothing written); an entry a community administrator records from above the branch
 * waits and the branch secretary confirms it; 冲正 writes the opposite entry, once; an award asked
 * twice with one source key gives one entry; entries come in from the Excel template through the
 * ledger's import drawer, all or nothing; another community sees none of it, nor the runs of the first.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiLogin, captureDownload, closeDrawer, rowKeys, table, uiLogin, useFlow, waitForText, type ApiSession } from './harness.ts';
import {
  SCHEME, today, THIS_YEAR, entriesOf, usage, fits, roomyIndicator, pickMember, pickIndicator, postedEntry, fillEntryTemplate, importEntries,
  type Grant, type Me, type Member, type Indicator, type Entry, type EntryPage, type Run,
} from './points-helpers.ts';

describe('points: the ledger, and what another community sees', () => {
  const flow = useFlow('points-ledger');
  let branch: ApiSession;
  let community1: ApiSession;
  let branchOrg: Grant;
  let member1: Member;
  let target: Member;
  let branchPage: Page;
  let recordedId = 0;
  let pendingId = 0;
  let reversalId = 0;
  let awardId = 0;
  let importedIds: number[] = [];


  it('branch1 records an entry for a member of the branch in the 记一笔 drawer; the row and the API show it', async () => {
    const { server } = flow;
    branch = await apiLogin(server.url, 'branch1');
    branchOrg = (await branch.get<Me>('/auth/me')).grants[0];
    expect(branchOrg.role).toBe('branch_secretary');
    const own = await (await apiLogin(server.url, 'member1')).get<Member & { orgId: number }>('/me/member');
    member1 = own;
    expect(member1.orgId).toBe(branchOrg.orgId);
    // A member of the branch (not member1) with no 按时参加组织生活 (D01, 1 a month) this month.
    const members = (await branch.get<{ items: Member[] }>('/members', { orgId: branchOrg.orgId, pageSize: 100 })).items;
    const d01 = (await branch.get<{ indicators: Indicator[] }>('/points/subject-options', { schemeId: SCHEME, memberId: members[0].id, year: THIS_YEAR })).indicators.find((x) => x.code === 'D01')!;
    expect(d01).toMatchObject({ kind: 'add', points: 1, capPerMonth: 1 });
    for (const m of members) {
      if (m.id === member1.id || !['正常', '恢复'].includes(m.partyState)) continue;
      if (fits(d01, await entriesOf(branch, m.id, THIS_YEAR, 'D01'), today())) { target = m; break; }
    }
    expect(target).toBeDefined();
    const before = await entriesOf(branch, target.id);

    branchPage = await flow.newPage();
    const page = branchPage;
    await uiLogin(page, server.url, 'branch1');
    await page.goto(`${server.url}/points?schemeId=${SCHEME}`);
    const ledger = table(page, 'ledger-table');
    await ledger.locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('ledger-new').click();
    await waitForText(page.getByTestId('entry-scheme'), '党员分层量化积分（演示）');
    await pickMember(page, target);
    await pickIndicator(page, 'D01');
    expect(await page.getByTestId('entry-date').inputValue()).toBe(today());
    await page.getByTestId('entry-evidence').fill('端到端：参加本月支部主题党日');
    const saved = await postedEntry(page, () => page.getByTestId('entry-submit').click());
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ status: 'confirmed', points: 1 });
    recordedId = saved.body.id;
    await page.getByTestId('entry-form').waitFor({ state: 'detached' });

    const row = page.getByTestId(`entry-row-${recordedId}`);
    const text = await waitForText(row, target.name);
    expect(text).toContain(today());
    expect(text).toContain('按时参加组织生活');
    expect(text).toContain('已确认');
    expect(text).toContain('支部书记');
    expect(await page.getByTestId(`entry-points-${recordedId}`).innerText()).toBe('+1');
    expect((await rowKeys(ledger))[0]).toBe(String(recordedId));

    const after = await entriesOf(branch, target.id);
    expect(after.length).toBe(before.length + 1);
    expect(after.find((e) => e.id === recordedId)).toMatchObject({
      subjectKind: 'member', subjectId: target.id, indicator: 'D01', points: 1, occurredOn: today(), status: 'confirmed', source: 'manual',
      evidence: '端到端：参加本月支部主题党日', recordedByName: '支部书记', correctsId: null,
    });
  });

  it('a second D01 in the same month is above the monthly cap: the drawer shows the server\'s error and nothing is written', async () => {
    const page = branchPage;
    const before = await entriesOf(branch, target.id);
    await page.getByTestId('ledger-new').click();
    await pickMember(page, target);
    await pickIndicator(page, 'D01');
    const refused = await postedEntry(page, () => page.getByTestId('entry-submit').click());
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('超过每月上限 1 分（本月已记 1 分）');
    const error = page.getByTestId('entry-error');
    await waitForText(error, '超过每月上限 1 分（本月已记 1 分）');
    // The drawer stays open with what was typed.
    await waitForText(page.getByTestId('entry-member'), target.name);
    await closeDrawer(page, page.getByTestId('entry-form'));
    await page.getByTestId('entry-form').waitFor({ state: 'detached' });
    expect(await entriesOf(branch, target.id)).toEqual(before);
  });

  it('community1 records an entry for member1 from above the branch: it waits, and branch1 confirms it', async () => {
    const { server } = flow;
    community1 = await apiLogin(server.url, 'community1');
    const c1Grant = (await community1.get<Me>('/auth/me')).grants[0];
    expect(c1Grant.role).toBe('community_admin');
    const x = await roomyIndicator(community1, member1.id);

    const page = await flow.newPage();
    await uiLogin(page, server.url, 'community1');
    await page.goto(`${server.url}/points?schemeId=${SCHEME}`);
    await table(page, 'ledger-table').locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('ledger-new').click();
    await pickMember(page, member1);
    await pickIndicator(page, x.code);
    await page.getByTestId('entry-evidence').fill('社区记录：端到端');
    const saved = await postedEntry(page, () => page.getByTestId('entry-submit').click());
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ status: 'pending', points: x.points });
    pendingId = saved.body.id;
    await waitForText(page.locator('.ant-message'), '已记录，待党支部确认后计分');
    const row = page.getByTestId(`entry-row-${pendingId}`);
    expect(await waitForText(row, member1.name)).toContain('待确认');
    // The one who recorded it cannot confirm it.
    expect(await page.getByTestId(`entry-confirm-${pendingId}`).count()).toBe(0);
    expect(await community1.get<Entry>(`/points/entries/${pendingId}`)).toMatchObject({ status: 'pending', subjectId: member1.id, indicator: x.code, actions: [] });

    // branch1 sees it among 待确认 and confirms it.
    flow.page = branchPage;
    await branchPage.goto(`${server.url}/points?schemeId=${SCHEME}`);
    const pendingButton = branchPage.getByTestId('ledger-pending');
    await waitForText(pendingButton, '待确认 1');
    await pendingButton.click();
    await branchPage.waitForURL(/status=pending/);
    const ledger = table(branchPage, 'ledger-table');
    await expect.poll(() => rowKeys(ledger)).toEqual([String(pendingId)]);
    await branchPage.getByTestId(`entry-confirm-${pendingId}`).click();
    await waitForText(branchPage.getByTestId('entry-action-modal'), member1.name);
    await branchPage.getByTestId('entry-action-text').fill('情况属实');
    const [decided] = await Promise.all([
      branchPage.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/points/entries/${pendingId}/decide`),
      branchPage.getByTestId('entry-action-ok').click(),
    ]);
    expect(decided.status()).toBe(200);
    await waitForText(pendingButton, '待确认 0');
    await expect.poll(() => rowKeys(ledger)).toEqual([]);

    const branchUser = (await branch.get<{ user: { id: number } }>('/auth/me')).user.id;
    expect(await branch.get<Entry>(`/points/entries/${pendingId}`)).toMatchObject({ status: 'confirmed', decidedBy: branchUser, actions: ['reverse'] });
    expect((await community1.get<EntryPage>('/points/entries', { schemeId: SCHEME, status: 'pending', pageSize: 1 })).total).toBe(0);
  });

  it('冲正 in the ledger writes the opposite entry; the same entry cannot be reversed twice', async () => {
    const page = branchPage;
    await page.goto(`${flow.server.url}/points?schemeId=${SCHEME}`);
    await page.getByTestId(`entry-reverse-${recordedId}`).click();
    await page.getByTestId('entry-action-modal').waitFor();
    await page.getByTestId('entry-action-text').fill('端到端：记录有误，冲正');
    const [res] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/points/entries/${recordedId}/reverse`),
      page.getByTestId('entry-action-ok').click(),
    ]);
    expect(res.status()).toBe(200);
    reversalId = (await res.json()).id;
    expect(reversalId).toBeGreaterThan(recordedId);

    await waitForText(page.getByTestId(`entry-corrects-${reversalId}`), `冲正 #${recordedId}`);
    await waitForText(page.getByTestId(`entry-corrected-${recordedId}`), `已被 #${reversalId} 冲正`);
    expect(await page.getByTestId(`entry-points-${reversalId}`).innerText()).toBe('−1');
    // Neither the reversed entry nor the reversal offers 冲正 any more.
    expect(await page.getByTestId(`entry-reverse-${recordedId}`).count()).toBe(0);
    expect(await page.getByTestId(`entry-reverse-${reversalId}`).count()).toBe(0);

    expect(await branch.get<Entry>(`/points/entries/${reversalId}`)).toMatchObject({
      subjectId: target.id, indicator: 'D01', points: -1, correctsId: recordedId, status: 'confirmed', evidence: '端到端：记录有误，冲正', occurredOn: today(),
    });
    expect((await branch.get<Entry>(`/points/entries/${recordedId}`)).correctedBy).toBe(reversalId);
    const d01 = await entriesOf(branch, target.id, THIS_YEAR, 'D01');
    const count = d01.length;
    const again = await branch.call('POST', `/points/entries/${recordedId}/reverse`, { reason: '再冲正一次' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'INVALID_STATE', message: `该记录已被记录 ${reversalId} 冲正` });
    const ofReversal = await branch.call('POST', `/points/entries/${reversalId}/reverse`, { reason: '冲正冲正记录' });
    expect(ofReversal.status).toBe(409);
    expect(ofReversal.body.error.message).toContain('冲正记录不能再冲正');
    expect((await entriesOf(branch, target.id, THIS_YEAR, 'D01')).length).toBe(count);
    expect(usage(d01, 'D01', today().slice(0, 7))).toBe(0);
  });

  it('an award asked twice with the same source key gives one entry', async () => {
    const others = (await branch.get<{ items: Member[] }>('/members', { orgId: branchOrg.orgId, pageSize: 100 })).items
      .filter((m) => m.id !== member1.id && m.id !== target.id && ['正常', '恢复'].includes(m.partyState));
    const who = others[0];
    const x = await roomyIndicator(branch, who.id);
    const before = await entriesOf(branch, who.id, THIS_YEAR, x.code);
    const body = { schemeId: SCHEME, memberId: who.id, indicator: x.code, occurredOn: today(), evidence: '服务认领 #e2e-42', sourceKey: 'e2e:service:42' };
    const one = await branch.call('POST', '/points/awards', body);
    expect(one.status).toBe(201);
    expect(one.body).toMatchObject({ created: true, status: 'confirmed', points: x.points });
    awardId = one.body.id;
    const two = await branch.call('POST', '/points/awards', body);
    expect(two.status).toBe(200);
    expect(two.body).toEqual({ id: awardId, created: false, status: 'confirmed', points: x.points });
    const after = await entriesOf(branch, who.id, THIS_YEAR, x.code);
    expect(after.length).toBe(before.length + 1);
    expect(after.filter((e) => e.sourceKey === 'e2e:service:42').map((e) => [e.id, e.source])).toEqual([[awardId, 'award']]);
    // The same source for another member is a conflict, not a second entry.
    const clash = await branch.call('POST', '/points/awards', { ...body, memberId: others[1].id });
    expect(clash.status).toBe(409);
    expect(clash.body.error.message).toContain(`记录 ${awardId}`);
  });

  it('entries come in from the Excel template all or nothing, through the ledger\'s Excel导入 drawer', async () => {
    const page = branchPage;
    const members = (await branch.get<{ items: Member[] }>('/members', { orgId: branchOrg.orgId, pageSize: 100 })).items
      .filter((m) => m.id !== member1.id && ['正常', '恢复'].includes(m.partyState)).slice(-2);
    expect(members.length).toBe(2);
    const picks = await Promise.all(members.map((m) => roomyIndicator(branch, m.id)));
    const before = await Promise.all(members.map((m) => entriesOf(branch, m.id)));

    // The drawer names the scheme and year, imports into branch1's own branch, and gives the template.
    await page.goto(`${flow.server.url}/points?schemeId=${SCHEME}`);
    await table(page, 'ledger-table').locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('ledger-import').click();
    const drawer = page.getByTestId('ledger-import-drawer');
    await waitForText(drawer.getByTestId('ledger-import-scheme'), '党员分层量化积分（演示）');
    expect(await drawer.getByTestId('ledger-import-year').innerText()).toBe(`${THIS_YEAR} 年度`);
    await waitForText(drawer.getByTestId('ledger-import-org'), branchOrg.orgName);
    const [tplReq, dl] = await Promise.all([
      page.waitForRequest((r) => new URL(r.url()).pathname === '/api/v1/points/import-template'),
      captureDownload(page, () => drawer.getByTestId('ledger-import-template').click()),
    ]);
    expect(Object.fromEntries(new URL(tplReq.url()).searchParams)).toEqual({ schemeId: String(SCHEME), year: String(THIS_YEAR) });
    expect(dl.name).toBe('积分记录导入模板.xlsx');
    const bytes = dl.bytes;
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');

    const good = members.map((m, i) => ({ 姓名: m.name, 党员编号: String(m.id), 指标代码: picks[i].code, 日期: today(), 佐证说明: `Excel导入（端到端）${i + 1}` }));

    // One unknown indicator in row 5: the drawer lists it, and nothing of the file is written.
    const failed = await importEntries(page, await fillEntryTemplate(bytes, [...good, { 姓名: members[0].name, 党员编号: String(members[0].id), 指标代码: 'XX99', 日期: today() }]), '有错误的积分.xlsx', branchOrg.orgId);
    expect(failed.status).toBe('failed');
    expect(failed.errors).toEqual([expect.objectContaining({ row: 5, column: '指标代码', message: '方案中没有指标“XX99”' })]);
    await waitForText(drawer.getByTestId('ledger-import-failed'), '导入未完成，数据未写入');
    expect(await drawer.getByTestId('ledger-import-failed').innerText()).toContain('共发现 1 处错误');
    const errors = table(page, 'ledger-import-errors');
    const errorRows = await errors.locator('tbody tr.ant-table-row').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
    expect(errorRows).toEqual([['5', '指标代码', '方案中没有指标“XX99”']]);
    expect(await drawer.getByTestId('ledger-import-done').count()).toBe(0);
    for (const [i, m] of members.entries()) expect(await entriesOf(branch, m.id)).toEqual(before[i]);

    // Fixed, the file goes in: the drawer says how many were written.
    await drawer.getByTestId('ledger-import-again').click();
    await waitForText(drawer.getByTestId('ledger-import-org'), branchOrg.orgName);
    const done = await importEntries(page, await fillEntryTemplate(bytes, good), '积分记录.xlsx', branchOrg.orgId);
    expect(done).toMatchObject({ status: 'done', total: 2, errors: [] });
    await waitForText(drawer.getByTestId('ledger-import-done'), '导入成功');
    expect(await drawer.getByTestId('ledger-import-done').innerText()).toContain('已写入 2 条积分记录');
    expect(await drawer.getByTestId('ledger-import-errors').count()).toBe(0);
    const added = await Promise.all(members.map(async (m, i) => (await entriesOf(branch, m.id)).filter((e) => !before[i].some((b) => b.id === e.id))));
    for (const [i, list] of added.entries()) {
      expect(list).toEqual([expect.objectContaining({ indicator: picks[i].code, points: picks[i].points, occurredOn: today(), source: 'excel', status: 'confirmed', evidence: `Excel导入（端到端）${i + 1}` })]);
    }
    importedIds = added.map((l) => l[0].id);

    // The ledger has reloaded behind the drawer and shows them, marked as imported.
    await drawer.getByTestId('ledger-import-close').click();
    await drawer.waitFor({ state: 'detached' });
    for (const [i, id] of importedIds.entries()) {
      const text = await waitForText(page.getByTestId(`entry-row-${id}`), members[i].name);
      expect(text).toContain('Excel导入');
    }
  });

  it('community2 gets 404 for community1\'s entries and runs, and its 积分台账 lists none of them', async () => {
    const { server } = flow;
    const community2 = await apiLogin(server.url, 'community2');
    const c1Org = (await community1.get<Me>('/auth/me')).grants[0];
    const ours = [recordedId, pendingId, reversalId, awardId, ...importedIds];
    for (const id of ours) {
      expect((await community1.call('GET', `/points/entries/${id}`)).status, `community1 reads ${id}`).toBe(200);
      const r = await community2.call('GET', `/points/entries/${id}`);
      expect(r.status, `community2 reads ${id}`).toBe(404);
      expect(JSON.stringify(r.body)).not.toContain(target.name);
    }
    expect((await community2.call('GET', `/points/entries?orgId=${c1Org.orgId}`)).status).toBe(404);
    expect((await community2.call('POST', `/points/entries/${awardId}/reverse`, { reason: '越权冲正' })).status).toBe(404);
    expect((await community2.get<EntryPage>('/points/entries', { schemeId: SCHEME, subjectKind: 'member', subjectId: member1.id })).total).toBe(0);

    // A run over community1 is community1's: community2 can neither open it nor its results.
    const run = await community1.call('POST', '/runs', { schemeId: SCHEME, year: THIS_YEAR - 1, orgId: c1Org.orgId });
    expect(run.status).toBe(200);
    const runId = run.body.id as number;
    expect((await community1.call('GET', `/runs/${runId}`)).status).toBe(200);
    for (const p of [`/runs/${runId}`, `/runs/${runId}/results`, `/runs/${runId}/results/${member1.id}`, `/runs/${runId}/charts`]) {
      expect((await community2.call('GET', p)).status, p).toBe(404);
    }
    expect((await community2.call('POST', `/runs/${runId}/publish`)).status).toBe(404);
    expect((await community2.get<{ items: Run[] }>('/runs')).items.map((r) => r.id)).not.toContain(runId);

    // The UI shows community2 its own ledger, exactly the API's first page, and nothing of ours.
    const own = await community2.get<EntryPage>('/points/entries', { schemeId: SCHEME, year: THIS_YEAR, pageSize: 20 });
    expect(own.total).toBeGreaterThan(0);
    const page = await flow.newPage();
    await uiLogin(page, server.url, 'community2');
    await page.goto(`${server.url}/points?schemeId=${SCHEME}`);
    const ledger = table(page, 'ledger-table');
    await waitForText(ledger.locator('.ant-pagination-total-text'), `共 ${own.total} 条`);
    const keys = await rowKeys(ledger);
    expect(keys).toEqual(own.items.map((e) => String(e.id)));
    for (const id of ours) expect(keys).not.toContain(String(id));
    expect(await page.getByTestId('ledger-table').innerText()).not.toContain(member1.name);
    // Filtered to member1 by the address, the list is empty.
    await page.goto(`${server.url}/points?schemeId=${SCHEME}&subjectKind=member&subjectId=${member1.id}&subject=${encodeURIComponent(member1.name)}`);
    await page.getByTestId('ledger-subject-filter').waitFor();
    await ledger.locator('.ant-empty').waitFor();
    expect(await rowKeys(ledger)).toEqual([]);
  });
});
