/**
 * What the 民情诉求 browser flows share: a 1×1 PNG to attach, opening a request's drawer by its
 * address, and taking a step in it (the POST's status and body).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** A 1×1 PNG. */
export const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c63000100000500010d0a2db40000000049454e44ae426082', 'hex');

/** Clicks a step's button in the open drawer (or the form's submit) and returns the POST's status and body. */
export async function stepBy(page: Page, id: number, click: () => Promise<void>): Promise<{ status: number; body: any }> {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/requests/${id}/steps`),
    click(),
  ]);
  return { status: res.status(), body: await res.json() };
}

/** Opens the request's drawer by its address. */
export async function openDrawer(page: Page, id: number): Promise<void> {
  await page.goto(`/requests/${id}`);
  await expect.poll(() => page.getByTestId('rq-detail-body').getAttribute('data-id')).toBe(String(id));
}
