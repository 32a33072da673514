/** What a notification may contain: in-site links only, bounded text. */
import { describe, expect, it } from 'vitest';
import { AppLink, NotifyInput } from './service.js';

describe('notification input', () => {
  it('accepts site paths and refuses links elsewhere', () => {
    for (const ok of ['/', '/members/12', '/orgs/3?tab=flags#x']) expect(AppLink.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', 'members/1', '/a b']) {
      expect(AppLink.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('needs a user and a title, and bounds the text', () => {
    expect(NotifyInput.safeParse({ userId: 1, title: '会议提醒' }).success).toBe(true);
    expect(NotifyInput.safeParse({ userId: 1, title: '  ' }).success).toBe(false);
    expect(NotifyInput.safeParse({ userId: 0, title: 'x' }).success).toBe(false);
    expect(NotifyInput.safeParse({ userId: 1, title: 'x', body: 'y'.repeat(2001) }).success).toBe(false);
    expect(NotifyInput.safeParse({ userId: 1, title: 'x', extra: 1 }).success).toBe(false);
  });
});
