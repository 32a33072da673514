/**
 * What the 民主评议 browser flow drives again and again: the shapes of the API's answers, writes
 * through the API that must succeed, the campaign page's confirmed steps, the voting slips, the
 * paper-ballot drawer, bringing a teller's share to the count, and reading an exported sheet.
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import type { ApiSession } from './harness.ts';

/** A 375 px phone. */
export const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

/** A member on the ballot; a probationary one is not graded. */
export type Subject = { memberId: number; name: string; graded: boolean };
/** Voters and ballots cast per constituency. */
export type Turnout = Record<'members' | 'residents', { voters: number; cast: number }>;
/** A campaign as GET /eval/campaigns/:id gives it. */
export type Detail = {
  id: number; name: string; state: string; rowVersion: number; threshold: number; tellers: number; teller: boolean; subjects: Subject[];
  turnout: Turnout; paperWaiting: number; actions: string[]; grades: string[];
  results: { memberId: number; name: string; score: number | null; grade: string | null; reasons: string[] }[] | null;
};
/** A printed voting slip as the page shows it. */
export type Slip = { name: string; constituency: 'members' | 'residents'; code: string };
/** The roles of the logged-in user, as GET /auth/me gives them. */
export type Me = { grants: { role: string; orgId: number; orgName: string }[] };


/** The answer to the POST to `/api/v1/eval/campaigns/{id}/{path}` that `action` makes the page send. */
async function posted(page: Page, id: number, path: string, action: () => Promise<void>): Promise<{ status: number; body: any }> {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/eval/campaigns/${id}/${path}`),
    action(),
  ]);
  return { status: res.status(), body: await res.json() };
}

/**
 * Takes a step that asks first; returns the server's answer to its POST. A click on 确定 that lands
 * while the dialog is still opening is lost (no request follows): it is clicked again, never after a
 * request went out.
 */
export async function step(page: Page, id: number, action: string, path: string): Promise<{ status: number; body: any }> {
  await page.getByTestId(`eval-action-${action}`).click();
  await page.getByTestId('eval-confirm').waitFor();
  const isStep = (r: { method: () => string; url: () => string }) => r.method() === 'POST' && new URL(r.url()).pathname === `/api/v1/eval/campaigns/${id}/${path}`;
  return posted(page, id, path, async () => {
    for (let attempt = 1; ; attempt++) {
      const sent = page.waitForRequest(isStep, { timeout: 4_000 }).then(() => true, () => false);
      await page.getByTestId('eval-confirm-ok').click({ timeout: 5_000 }).catch(() => undefined);
      if (await sent || attempt === 4) return;
    }
  });
}

/** Opens a campaign's page and waits for its header. */
export async function openCampaign(page: Page, id: number): Promise<void> {
  await page.goto(`/evaluation/${id}`);
  await page.getByTestId('eval-header').waitFor();
}

/** Grades every graded member on the cards of `prefix` (vote or paper). */
export async function grade(page: Page, prefix: string, subjects: Subject[], gradeOf: (s: Subject) => string): Promise<void> {
  for (const s of subjects.filter((x) => x.graded)) await page.getByTestId(`${prefix}-grade-${s.memberId}-${gradeOf(s)}`).click();
}

/** The printable slips the page shows after 发放投票码, in their order. */
export function readSlips(page: Page): Promise<Slip[]> {
  return page.getByTestId('eval-slip').evaluateAll((els) => els.map((el, i) => ({
    name: el.querySelector(`[data-testid="eval-slip-name-${i}"]`)?.textContent ?? '',
    constituency: el.getAttribute('data-constituency') as 'members' | 'residents',
    code: el.querySelector(`[data-testid="eval-slip-code-${i}"]`)?.textContent ?? '',
  })));
}

/** Submits the paper-ballot drawer as it is filled; returns the server's answer. */
export function submitPaper(page: Page, id: number): Promise<{ status: number; body: any }> {
  return posted(page, id, 'paper', () => page.getByTestId('eval-paper-ok').click());
}

/** Opens the campaign, enters a members' paper ballot of `code` graded by `gradeOf` and submits it. */
export async function enterPaper(page: Page, id: number, code: string, subjects: Subject[], gradeOf: (s: Subject) => string): Promise<{ status: number; body: any }> {
  await openCampaign(page, id);
  await page.getByTestId('eval-action-enterPaper').click();
  await page.getByTestId('eval-paper-drawer').waitFor();
  await page.getByTestId('eval-paper-code').fill(code);
  await page.getByTestId('eval-paper-con-members').click();
  await grade(page, 'paper', subjects, gradeOf);
  return submitPaper(page, id);
}

/** Types `share` into the open 提交开箱密钥 form and submits it; returns the HTTP status. */
export async function submitShare(page: Page, id: number, share: string): Promise<number> {
  await page.getByTestId('eval-bring-text').fill(share);
  return (await posted(page, id, 'shares', () => page.getByTestId('eval-bring-ok').click())).status;
}

/** Opens the campaign as a teller and brings `share` to the count; returns the HTTP status. */
export async function bringShare(page: Page, id: number, share: string): Promise<number> {
  await openCampaign(page, id);
  await page.getByTestId('eval-action-bringShare').click();
  return submitShare(page, id, share);
}

/** The rows of an .xlsx file's first sheet, each cell as text. */
export async function sheetRows(bytes: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}
