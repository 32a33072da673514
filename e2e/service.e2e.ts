/**
 * 点对点服务 and volunteering through the browser. community1 records a need of a resident with a
 * phone and sets the community's point rule on the demo scheme; member1 on a phone claims the need
 * and records the service (never seeing the code); community1 opens the 积分卡 slip and reads the
 * code; the resident confirms on the public page on a phone (a wrong phone first is refused);
 * member1's ledger (API) holds the points once, and a second confirmation changes nothing.
 * Then an activity of a volunteer team: member1 signs up on the phone, community1 records attendance.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiLogin, uiLogin, useFlow, waitForText, type ApiSession } from './harness.ts';

type Indicator = { code: string; name: string; kind: 'add' | 'subtract'; points: number; adjustable?: boolean; capPerMonth?: number | null; capPerYear?: number | null; tiers?: string[] | null };
type Handbook = { tier: string | null; entries: { indicator: string; points: number; status: string; occurredOn: string; evidence: string | null }[] };
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, timezoneId: 'Asia/Shanghai' };
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** An adding indicator of the scheme that applies to the member's tier and still has room under its caps this month and year. */
function roomy(indicators: Indicator[], hb: Handbook): Indicator {
  const day = chinaToday();
  const used = (code: string, prefix: string) => hb.entries.filter((e) => e.indicator === code && e.status !== 'rejected' && e.occurredOn.startsWith(prefix)).reduce((s, e) => s + e.points, 0);
  const x = indicators.find((i) => i.kind === 'add' && (!i.tiers || (hb.tier !== null && i.tiers.includes(hb.tier)))
    && (i.capPerYear == null || used(i.code, day.slice(0, 4)) + i.points <= i.capPerYear) && (i.capPerMonth == null || used(i.code, day.slice(0, 7)) + i.points <= i.capPerMonth));
  if (!x) throw new Error('no indicator of the demo scheme has room for member1');
  return x;
}

/** Clicks and returns the JSON of the answer to `method path`. */
async function answer<T>(page: Page, method: string, path: string | RegExp, click: () => Promise<void>): Promise<{ status: number; body: T }> {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === method && (typeof path === 'string' ? new URL(r.url()).pathname === path : path.test(new URL(r.url()).pathname))),
    click(),
  ]);
  return { status: res.status(), body: (await res.json()) as T };
}

describe('点对点服务: claimed on a phone, confirmed by the resident, points once; a volunteer activity', () => {
  const flow = useFlow('service', { TZ: 'Asia/Shanghai' });
  let community1: ApiSession, member1: ApiSession;
  let communityId: number, memberId: number, needId: number, serviceId: number, schemeId: number;
  let indicator: Indicator;
  let resident: { id: number; name: string; phoneMasked: string };
  let code: string;
  let phone: Page;

  it('community1 records a need and the community\'s point rule', async () => {
    const { server } = flow;
    [community1, member1] = await Promise.all(['community1', 'member1'].map((u) => apiLogin(server.url, u)));
    const me = await community1.get<{ grants: { role: string; orgId: number }[] }>('/auth/me');
    communityId = me.grants.find((g) => g.role === 'community_admin')!.orgId;
    memberId = (await member1.get<{ id: number }>('/me/member')).id;
    // member1's branch lies in community1's community (so does the rule set there)
    expect((await community1.call('GET', `/members/${memberId}`)).status).toBe(200);
    const residents = await community1.get<{ items: { id: number; name: string; phoneMasked: string | null }[] }>('/residents', { communityId, pageSize: 50 });
    resident = residents.items.find((r) => r.phoneMasked) as typeof resident;
    expect(resident).toBeDefined();
    const n = await community1.call('POST', '/service-needs', { communityId, residentId: resident.id, kind: '高龄', need: '端到端：每周上门陪伴，代购生活用品' });
    expect(n.status, JSON.stringify(n.body)).toBe(200);
    needId = n.body.id;

    const options = await community1.get<{ schemes: { id: number; name: string }[] }>('/service-needs/rule-options', { orgId: communityId });
    schemeId = options.schemes.find((s) => s.name.includes('党员分层量化积分'))!.id;
    const def = (await community1.get<{ current: { definition: { indicators: Indicator[] } } }>(`/schemes/${schemeId}`)).current.definition;
    const hb = (await member1.get<{ handbook: Handbook }>('/me/points', { schemeId })).handbook;
    indicator = roomy(def.indicators, hb);
    const rule = await community1.call('PUT', '/service-needs/rules', { orgId: communityId, schemeId, indicator: indicator.code });
    expect(rule.status, JSON.stringify(rule.body)).toBe(200);
  });

  it('member1 claims the need on a phone and records the service, without seeing a code', async () => {
    phone = await flow.newPage(PHONE);
    await uiLogin(phone, flow.server.url, 'member1');
    await phone.goto('/service-needs');
    await phone.getByTestId(`svc-open-${needId}`).waitFor();
    const claimed = await answer<{ id: number; state: string }>(phone, 'POST', `/api/v1/service-needs/${needId}/claim`, () => phone.getByTestId(`svc-claim-${needId}`).click());
    expect(claimed.status).toBe(200);
    serviceId = claimed.body.id;
    await phone.getByTestId('svc-tab-mine').click();
    await phone.getByTestId(`svc-serve-${serviceId}`).click();
    await phone.getByTestId('svc-serve-record').fill('上门陪老人聊天，代购降压药和蔬菜');
    const served = await answer<Record<string, unknown>>(phone, 'POST', `/api/v1/service-needs/services/${serviceId}/serve`, () => phone.getByTestId('svc-serve-submit').click());
    expect(served.status, JSON.stringify(served.body)).toBe(200);
    expect(served.body).toMatchObject({ state: 'served', servedOn: chinaToday() });
    expect(Object.keys(served.body)).not.toContain('code');
    await expect.poll(() => phone.getByTestId(`svc-mine-${serviceId}`).getAttribute('data-state')).toBe('served');
    expect((await member1.call('GET', `/service-needs/services/${serviceId}/code`)).status).toBe(403);
  });

  it('community1 opens the 积分卡 slip and reads the code', async () => {
    const page = await flow.newPage();
    await uiLogin(page, flow.server.url, 'community1');
    await page.goto('/service-needs?tab=services');
    await page.getByTestId(`svc-service-row-${serviceId}`).waitFor();
    await page.getByTestId(`svc-code-${serviceId}`).click();
    code = (await waitForText(page.getByTestId('svc-slip-code'), /^[2-9A-Z]{4}-[2-9A-Z]{4}$/)).trim();
    await waitForText(page.getByTestId('svc-slip'), resident.name);
  });

  it('the resident confirms on the public page on a phone; the ledger holds the points once', async () => {
    const page = await flow.newPage(PHONE);
    await page.goto(`/public/services/confirm#code=${encodeURIComponent(code)}`);
    await expect.poll(() => page.getByTestId('svc-confirm-code').inputValue()).toBe(code);
    expect(page.url()).not.toContain(code); // the code leaves the address bar
    await page.getByTestId('svc-confirm-phone4').fill(resident.phoneMasked.slice(-4) === '0000' ? '1111' : '0000');
    const wrong = await answer(page, 'POST', '/api/v1/public/services/lookup', () => page.getByTestId('svc-confirm-lookup').click());
    expect(wrong.status).toBe(404);
    await page.getByTestId('svc-confirm-error').waitFor();
    await page.getByTestId('svc-confirm-phone4').fill(resident.phoneMasked.slice(-4));
    await page.getByTestId('svc-confirm-lookup').click();
    await waitForText(page.getByTestId('svc-confirm-view'), '上门陪老人聊天');
    const ok = await answer<{ state: string; pointsGiven: boolean }>(page, 'POST', '/api/v1/public/services/confirm', () => page.getByTestId('svc-confirm-sat-5').click());
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ state: 'confirmed', pointsGiven: true });
    await page.getByTestId('svc-confirm-done').waitFor();

    const again = await fetch(`${flow.server.url}/api/v1/public/services/confirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, phone4: resident.phoneMasked.slice(-4), satisfaction: 1 }) });
    expect(again.status).toBe(409);
    const hb = (await member1.get<{ handbook: Handbook }>('/me/points', { schemeId })).handbook;
    const mine = hb.entries.filter((e) => e.evidence?.includes('上门陪老人聊天'));
    expect(mine.map((e) => [e.indicator, e.points, e.status, e.occurredOn])).toEqual([[indicator.code, indicator.points, 'confirmed', chinaToday()]]);
    const svc = await member1.get<{ state: string; satisfaction: number; points: number }>(`/service-needs/services/${serviceId}`);
    expect(svc).toMatchObject({ state: 'confirmed', satisfaction: 5, points: indicator.points });
    await phone.reload();
    await expect.poll(() => phone.getByTestId(`svc-mine-${serviceId}`).getAttribute('data-state')).toBe('confirmed');
  });

  it('a volunteer activity: member1 signs up on the phone, community1 records attendance', async () => {
    const team = await community1.call('POST', '/teams', { orgId: communityId, kind: '志愿服务队', name: '端到端红马甲志愿服务队' });
    expect(team.status, JSON.stringify(team.body)).toBe(200);
    const hour = 3_600_000;
    const a = await community1.call('POST', '/volunteer/activities', { teamId: team.body.id, title: '敬老院义务理发（端到端）', place: '社区敬老院',
      startsAt: new Date(Date.now() - hour).toISOString(), endsAt: new Date(Date.now() + hour).toISOString(), places: 2 });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    const id = a.body.id as number;

    await phone.goto('/volunteer');
    await phone.getByTestId(`vol-row-${id}`).click();
    const signed = await answer<{ signed: number }>(phone, 'POST', `/api/v1/volunteer/activities/${id}/signups`, () => phone.getByTestId('vol-signup').click());
    expect(signed.status).toBe(200);
    await waitForText(phone.getByTestId('vol-detail-signed'), '1/2');

    const page = await flow.newPage();
    await uiLogin(page, flow.server.url, 'community1');
    await page.goto('/volunteer');
    await page.getByTestId('vol-stats-chart').waitFor();
    await page.getByTestId(`vol-row-${id}`).click();
    await page.getByTestId('vol-attendance').click();
    const rows = await community1.get<{ signups: { id: number; personId: number }[] }>(`/volunteer/activities/${id}`);
    const mine = rows.signups.find((s) => s.personId === memberId)!;
    // the test id lands on the input itself or on its wrapper, as antd's version places it
    const hours = page.locator(`input[data-testid="vol-hours-${mine.id}"], [data-testid="vol-hours-${mine.id}"] input`).first();
    await hours.fill('1.5');
    await hours.blur();
    const saved = await answer<{ state: string }>(page, 'POST', `/api/v1/volunteer/activities/${id}/attendance`, () => page.getByTestId('vol-attendance-submit').click());
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const d = await community1.get<{ state: string; attended: number; hours: number; signups: { personKind: string; personId: number; attended: boolean; hours: number }[] }>(`/volunteer/activities/${id}`);
    expect(d).toMatchObject({ state: 'done', attended: 1, hours: 1.5 });
    expect(d.signups).toEqual([expect.objectContaining({ personKind: 'member', personId: memberId, attended: true, hours: 1.5 })]);
    const stats = await community1.get<{ total: { activities: number; participants: number; hours: number } }>('/volunteer/stats', { orgId: communityId, year: Number(chinaToday().slice(0, 4)) });
    expect(stats.total).toMatchObject({ activities: 1, participants: 1, hours: 1.5 });
  });
});
