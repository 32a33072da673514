/**
 * 设岗定责 through the browser: community1 opens an emergency post (突发事件处置岗) in one step;
 * member1 finds it on their phone-sized page and takes it for themselves; the API shows the holder;
 * community2 cannot reach the post.
 */
import { describe, expect, it } from 'vitest';
import { apiLogin, pickOrg, uiLogin, useFlow, waitForText, type ApiSession } from './harness.ts';

type Post = { id: number; name: string; type: string; emergency: boolean; holders: number; places: number; actions: string[] };
type Detail = Post & { holders: { personKind: string; personId: number; name: string; until: string | null }[] };

describe('设岗定责: an emergency post opened in one step and taken by a member', () => {
  const flow = useFlow('posts');
  let community1: ApiSession, community2: ApiSession, member1: ApiSession;
  let post: Post;
  const NAME = '防汛抢险（端到端）';

  it('community1 opens an emergency post in one step', async () => {
    const { page, server } = flow;
    [community1, community2, member1] = await Promise.all(['community1', 'community2', 'member1'].map((u) => apiLogin(server.url, u)));
    const me = await community1.get<{ grants: { role: string; orgName: string }[] }>('/auth/me');
    const community = me.grants.find((g) => g.role === 'community_admin')!.orgName;
    await uiLogin(page, server.url, 'community1');
    await page.goto('/posts');
    await page.getByTestId('post-page').waitFor();
    await page.getByTestId('post-emergency').click();
    await page.getByTestId('post-open-drawer').waitFor();
    await pickOrg(page, 'post-open-org', community);
    await page.getByTestId('post-open-name').fill(NAME);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/posts/emergency'),
      page.getByTestId('post-open-submit').click(),
    ]);
    expect(res.status(), await res.text()).toBe(200);
    post = (await res.json()) as Post;
    expect(post).toMatchObject({ name: NAME, type: '突发事件处置岗', emergency: true, places: 20 });
    await page.getByTestId('post-detail-body').waitFor(); // the new post opens at once
    await waitForText(page.getByTestId('post-table'), NAME);
  });

  it('member1 takes the post for themselves on a phone; community2 cannot reach it', async () => {
    const { server } = flow;
    const phone = await flow.newPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await uiLogin(phone, server.url, 'member1');
    await phone.goto('/posts');
    await phone.getByTestId(`post-row-${post.id}`).click();
    await phone.getByTestId('post-detail-body').waitFor();
    const [res] = await Promise.all([
      phone.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/posts/${post.id}/claims`),
      phone.getByTestId('post-claim-self').click(),
    ]);
    expect(res.status(), await res.text()).toBe(200);
    const memberId = (await member1.get<{ id: number }>('/me/member')).id;
    const d = await community1.get<Detail>(`/posts/${post.id}`);
    expect(d.holders).toEqual([expect.objectContaining({ personKind: 'member', personId: memberId, until: null })]);
    await waitForText(phone.getByTestId('post-holders'), d.holders[0].name);
    expect((await community2.call('GET', `/posts/${post.id}`)).status).toBe(404);
  });
});
