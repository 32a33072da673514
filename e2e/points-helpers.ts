/**
 * What the points browser flows share: the demo scheme, the shapes of the API's answers, and
 * helpers that pick members and indicators with room under their caps, drive the entry drawer and
 * fill and import the ledger's Excel template.
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { waitForText, type ApiSession } from './harness.ts';

/** The demo street's member scheme (党员分层量化积分（演示）), made from the 仓前 template. */
export const SCHEME = 1;
export const TEMPLATE = 'cangqian-member-tiered';
export const NEW_NAME = '仓前分层积分（端到端）';
export const NEW_CODE = 'e2e-cq-member';

export type Grant = { orgId: number; orgName: string; role: string };
export type Me = { user: { memberId: number | null }; grants: Grant[]; csrfToken: string };
export type Member = { id: number; name: string; orgId: number; orgName: string; partyState: string };
export type Indicator = {
  code: string; name: string; kind: 'add' | 'subtract'; points: number; adjustable?: boolean; evidenceRequired?: boolean;
  capPerMonth?: number | null; capPerYear?: number | null; recorderRoles: string[];
};
export type Band = { code: string; name: string; from: number | null; fromInclusive: boolean; to: number | null; toInclusive: boolean };
export type Definition = { subject: string; baseScore: number; tiers: { code: string }[]; indicators: Indicator[]; bands: Band[] };
export type SchemeDetail = { id: number; name: string; code: string; orgId: number; subject: string; templateKey: string | null; versions: { version: number; year: number }[]; current: { version: number; year: number; definition: Definition } };
export type Entry = {
  id: number; schemeId: number; year: number; subjectKind: string; subjectId: number; subjectName: string; orgName: string; indicator: string; points: number;
  occurredOn: string; evidence: string | null; source: string; sourceKey: string | null; correctsId: number | null; correctedBy: number | null;
  status: 'confirmed' | 'pending' | 'rejected'; recordedByName: string | null; decidedBy: number | null; actions: string[];
};
export type EntryPage = { items: Entry[]; total: number };
export type Run = { id: number; status: string; year: number; orgId: number; subjects: number; summary: { tasks: number; grades: Record<string, number> }; actions: string[] };
export type Result = { subjectId: number; name: string; total: number; grade: string | null; rank: number };
export type Explanation = {
  result: Result; lines: { kind: string; label: string; points: number }[]; recomputedTotal: number; matches: boolean;
  entries: { id: number; points: number; counted: boolean; status: string }[];
};
export type Task = { id: number; runId: number | null; evalCampaignId?: number | null; title: string; kind: string; status: string };
export type Job = { status: string; total: number; done: number; errors: { row: number; column: string; message: string }[] };

/** Today where the server and the browser run (the same machine), as YYYY-MM-DD. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
export const THIS_YEAR = new Date().getFullYear();
export const cents = (n: number) => Math.round(n * 100);
/** Points as the UI prints them (no trailing zeros). */
export const fmt = (n: number) => String(Math.round(n * 100) / 100);
/** A signed number as the UI prints it (+2, −10), back to a number. */
export const parseSigned = (s: string) => Number(s.trim().replace('−', '-').replace('+', ''));

/** Every entry of the member scheme for one member in one year, as `api` sees them. */
export async function entriesOf(api: ApiSession, memberId: number, year = THIS_YEAR, indicator?: string): Promise<Entry[]> {
  const r = await api.get<EntryPage>('/points/entries', { schemeId: SCHEME, year, subjectKind: 'member', subjectId: memberId, indicator, pageSize: 200 });
  expect(r.total).toBeLessThanOrEqual(200);
  return r.items;
}

/** Net points of `code` already on the member's ledger in the year (and in the month `month`, YYYY-MM), rejected entries aside. */
export function usage(entries: Entry[], code: string, month?: string): number {
  return entries.filter((e) => e.indicator === code && e.status !== 'rejected' && (!month || e.occurredOn.startsWith(month)))
    .reduce((n, e) => n + cents(e.points), 0);
}

/** Whether one more entry of `x` on `date` stays within its monthly and yearly caps. */
export function fits(x: Indicator, entries: Entry[], date: string): boolean {
  return (x.capPerMonth == null || Math.abs(usage(entries, x.code, date.slice(0, 7)) + cents(x.points)) <= cents(x.capPerMonth))
    && (x.capPerYear == null || Math.abs(usage(entries, x.code) + cents(x.points)) <= cents(x.capPerYear));
}

/** An indicator `api`'s user may record for the member today with room under every cap: adds fixed points, needs no evidence. */
export async function roomyIndicator(api: ApiSession, memberId: number): Promise<Indicator> {
  const opts = await api.get<{ indicators: Indicator[] }>('/points/subject-options', { schemeId: SCHEME, memberId, year: THIS_YEAR });
  const entries = await entriesOf(api, memberId);
  const x = opts.indicators.find((i) => i.kind === 'add' && !i.adjustable && !i.evidenceRequired && fits(i, entries, today()));
  if (!x) throw new Error(`no indicator with room left for member ${memberId} as ${api.username}`);
  return x;
}

/**
 * Chooses an option of an antd Select with search: types `search`, waits for the option, clicks it
 * and checks the select now shows `shown` (a click that lands while the filtered list re-renders
 * can be lost: then it tries again).
 */
export async function choose(page: Page, testId: string, search: string, optionTestId: string, shown: string): Promise<void> {
  const select = page.getByTestId(testId);
  await expect.poll(async () => (await select.getAttribute('class')) ?? '', { timeout: 15_000 }).not.toContain('disabled');
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(search);
    const option = page.getByTestId(optionTestId);
    await option.waitFor();
    await option.click();
    try {
      await waitForText(select, shown, 3_000);
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

/** Picks a member in the 记一笔 drawer by typing the name and choosing the option of that id. */
export const pickMember = (page: Page, m: Member) => choose(page, 'entry-member', m.name, `member-option-${m.id}`, m.name);

/** Picks an indicator in the 记一笔 drawer (the options load once the member is chosen). */
export const pickIndicator = (page: Page, code: string) => choose(page, 'entry-indicator', code, `indicator-option-${code}`, `（${code}）`);

/** The POST /points/entries answer to what `action` makes the page send. */
export async function postedEntry(page: Page, action: () => Promise<void>): Promise<{ status: number; body: any }> {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/points/entries'),
    action(),
  ]);
  return { status: res.status(), body: await res.json() };
}

/** The ledger's import template (`template`, as downloaded) with `rows` written from its third row, by column header. */
export async function fillEntryTemplate(template: Buffer, rows: Record<string, string>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(template).buffer as ArrayBuffer);
  const ws = wb.getWorksheet('积分记录')!;
  const col = new Map<string, number>();
  ws.getRow(1).eachCell((cell, n) => { col.set(String(cell.value), n); });
  expect([...col.keys()]).toEqual(['姓名', '身份证号', '党员编号', '考核组织', '指标代码', '分值', '日期', '佐证说明']);
  rows.forEach((r, i) => {
    const row = ws.getRow(3 + i);
    for (const [h, v] of Object.entries(r)) row.getCell(col.get(h)!).value = v;
    row.commit();
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Picks the file in the open ledger import drawer, starts the import of the demo scheme's entries
 * into `orgId` and returns the job as the page last polled it; the drawer must have shown progress.
 */
export async function importEntries(page: Page, file: Buffer, name: string, orgId: number): Promise<Job> {
  const drawer = page.getByTestId('ledger-import-drawer');
  const picker = drawer.getByTestId('ledger-import-upload');
  await picker.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
  await waitForText(picker, name);
  await page.evaluate(() => {
    const w = window as unknown as { sawProgress: boolean };
    w.sawProgress = false;
    new MutationObserver(() => { if (document.querySelector('[data-testid="ledger-import-progress"]')) w.sawProgress = true; })
      .observe(document.body, { childList: true, subtree: true });
  });
  const accepted = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/points/import');
  const finished = page.waitForResponse(async (r) => /\/api\/v1\/imports\/\d+$/.test(new URL(r.url()).pathname) && (await r.json()).status !== 'running', { timeout: 30_000 });
  await drawer.getByTestId('ledger-import-start').click();
  const res = await accepted;
  expect(res.status(), await res.text()).toBe(202);
  expect(Object.fromEntries(new URL(res.url()).searchParams)).toEqual({ schemeId: String(SCHEME), orgId: String(orgId) });
  const job = (await (await finished).json()) as Job;
  expect(await page.evaluate(() => (window as unknown as { sawProgress: boolean }).sawProgress)).toBe(true);
  return job;
}
