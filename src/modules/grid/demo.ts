/**
 * The demo's 网格化管理 for community1's community: a grid liaison account (liaison1), households in
 * its first grids with their residents placed, the liaison's visits, 党员联系户 links, 办事档案, and a
 * dozen residents' requests taken through the product's own steps to every state (one left past its
 * limit, so the nightly check or 检查超时 escalates it), with a review meeting of the community.
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db/client.js';
import type { Keys } from '../../platform/crypto/sm.js';
import type { Actor } from '../../platform/auth/access.js';
import { insertEvent } from '../../platform/audit/store.js';
import { addDays } from '../../platform/calendar/index.js';
import { today } from '../../platform/clock.js';
import { addHousehold, addLink, finishHallCase, openHallCase, recordVisit } from './records.js';
import { raiseRequest, residentStep, requestById, staffStep } from './requests.js';
import { holdMeeting } from './reviews.js';
import { escalateOverdue } from './escalation.js';
import { actorNamed } from '../evaluation/demo.js';

const REQUESTS: { title: string; body: string; category: string; place: string; to: 'triage' | 'assigned' | 'in_progress' | 'resolved' | 'closed' | 'confirmed' | 'reopened' | 'overdue'; handler?: 'grid' | 'community' | 'street' }[] = [
  { title: '3幢楼道灯不亮', body: '3幢2单元楼道灯坏了一周，老人晚上上下楼不方便', category: '市政设施', place: '3幢2单元', to: 'confirmed', handler: 'grid' },
  { title: '小区东门垃圾未及时清运', body: '东门垃圾桶满溢两天无人清运，有异味', category: '环境卫生', place: '东门', to: 'confirmed', handler: 'grid' },
  { title: '仓兴街污水外溢', body: '仓兴街2、3幢之间下水道堵塞，污水外溢到路面', category: '市政设施', place: '仓兴街2-3幢', to: 'in_progress', handler: 'street' },
  { title: '楼上装修噪音扰民', body: '楼上装修每天早上七点前就开始施工', category: '邻里纠纷', place: '5幢', to: 'resolved', handler: 'grid' },
  { title: '希望增设老年食堂', body: '小区老人多，希望社区办一个老年食堂', category: '意见建议', place: '社区', to: 'assigned', handler: 'community' },
  { title: '电动车楼道充电', body: '1幢有人把电动车推进楼道充电，存在火灾隐患', category: '治安安全', place: '1幢', to: 'overdue', handler: 'grid' },
  { title: '养老保险认证咨询', body: '不会在手机上做养老保险资格认证，请社区帮忙', category: '社会保障', place: '社区服务中心', to: 'closed', handler: 'community' },
  { title: '路灯不亮', body: '小区北侧路灯不亮', category: '市政设施', place: '北侧道路', to: 'reopened', handler: 'community' },
  { title: '健身器材损坏', body: '广场上的健身器材有一个扶手断了', category: '市政设施', place: '中心广场', to: 'triage' },
  { title: '流浪猫扰民', body: '晚上流浪猫叫声很大', category: '环境卫生', place: '7幢', to: 'triage' },
];

/** Loads the demo grid records and requests; returns how many requests, or 0 when the demo has no community1. */
export async function loadDemoGrid(db: Db, keys: Keys): Promise<number> {
  const admin = await actorNamed(db, 'community1');
  const g = admin?.grants.find((x) => x.role === 'community_admin');
  if (!admin || !g || g.countyId === null) return 0;
  const c = { id: g.orgId, path: g.orgPath, countyId: g.countyId };
  // a grid liaison of the community, with the demo accounts' password
  await db.transaction(async (tx) => {
    const [u] = await rows<{ id: number }>(tx, sql`INSERT INTO users (username, display_name, password_hash, home_org_id, must_change_password)
      SELECT 'liaison1', '网格员小王', password_hash, ${c.id}, must_change_password FROM users WHERE id = ${admin.userId} RETURNING id`);
    await tx.execute(sql`INSERT INTO grants (user_id, role, org_id) VALUES (${u.id}, 'grid_liaison', ${c.id})`);
    await insertEvent(tx, { type: 'user.created', actorName: 'system', countyId: c.countyId, targetType: 'user', targetId: u.id, data: { username: 'liaison1', role: 'grid_liaison', orgId: c.id, demo: true } });
  });
  const liaison = (await actorNamed(db, 'liaison1'))!;
  const grids = await rows<{ id: number; name: string }>(db, sql`SELECT id, name FROM grids WHERE county_id = ${c.countyId} AND community_id = ${c.id} AND kind = '组' ORDER BY id LIMIT 2`);
  const residents = await rows<{ id: number; name: string; gridId: number | null }>(db, sql`SELECT id, name, grid_id AS "gridId" FROM residents WHERE county_id = ${c.countyId} AND community_id = ${c.id} ORDER BY id LIMIT 8`);
  const households: number[] = [];
  for (const [i, r] of residents.entries()) {
    const grid = grids[i % Math.max(1, grids.length)]?.id ?? null;
    const { id } = await addHousehold(db, admin, { communityId: c.id, gridId: grid, building: `${1 + (i % 4)}幢`, unitNo: `${1 + (i % 2)}单元`, room: `${1 + i}01`, address: `仓兴街${1 + (i % 4)}幢${1 + (i % 2)}单元${1 + i}01`, headName: r.name, tags: i % 3 === 0 ? ['独居'] : [] });
    await db.transaction((tx) => tx.execute(sql`UPDATE residents SET household_id = ${id}, grid_id = COALESCE(${grid}, grid_id) WHERE county_id = ${c.countyId} AND id = ${r.id}`));
    households.push(id);
  }
  const on = today();
  for (const [i, h] of households.slice(0, 6).entries()) {
    await recordVisit(db, liaison, { communityId: c.id, householdId: h, gridId: grids[i % Math.max(1, grids.length)]?.id ?? null, kind: i % 2 ? '联户' : '走访', visitedOn: addDays(on, -3 * i),
      whom: residents[i].name, heard: ['身体还好，希望楼道装扶手', '反映楼道灯不亮', '子女在外地，希望多上门看看', '询问养老保险认证', '邻居装修噪音大', '对社区服务满意'][i], followUp: i === 1 ? '已登记诉求' : null });
  }
  const [member] = await rows<{ id: number }>(db, sql`SELECT id FROM members WHERE org_path LIKE ${`${c.path}%`} AND party_state = '正常' ORDER BY id LIMIT 1`);
  if (member && households[0]) await addLink(db, admin, c.id, { memberId: Number(member.id), kind: '联户', householdId: households[0] });
  const [kind] = await rows<{ id: number }>(db, sql`SELECT id FROM hall_kinds WHERE county_id = ${c.countyId} AND name = '养老保险'`);
  if (kind && residents[0]) {
    const a = await openHallCase(db, admin, { communityId: c.id, kindId: Number(kind.id), residentId: residents[0].id, matter: '城乡居民养老保险待遇领取资格认证' });
    await finishHallCase(db, admin, a.id, { state: 'done', result: '已代为认证', rowVersion: 1 });
    await openHallCase(db, admin, { communityId: c.id, kindId: Number(kind.id), residentId: residents[1]?.id ?? residents[0].id, matter: '灵活就业人员养老保险缴费登记' });
  }
  const cats = new Map((await rows<{ id: number; name: string }>(db, sql`SELECT id, name FROM request_categories WHERE county_id = ${c.countyId}`)).map((k) => [k.name, Number(k.id)]));
  const step = async (who: Actor, id: number, s: Record<string, unknown>) => staffStep(db, who, id, { ...(s as { action: 'note' }), rowVersion: (await requestById(db, id))!.rowVersion });
  let n = 0;
  for (const [i, q] of REQUESTS.entries()) {
    const phone = `1390000${String(1000 + i).padStart(4, '0')}`;
    const { id } = await db.transaction((tx) => raiseRequest(tx, keys, i % 3 === 0 ? liaison : null, c, { kind: q.category === '意见建议' ? '意见建议' : '诉求', communityId: c.id, categoryId: cats.get(q.category)!,
      title: q.title, body: q.body, place: q.place, gridId: grids[i % Math.max(1, grids.length)]?.id ?? null, contactName: residents[i % Math.max(1, residents.length)]?.name ?? null, phone, source: i % 3 === 0 ? 'liaison' : 'public' }));
    n++;
    if (q.to === 'triage') continue;
    await step(admin, id, { action: 'assign', handlerKind: q.handler === 'street' ? 'community' : q.handler, note: null });
    if (q.to === 'overdue') { await db.transaction((tx) => tx.execute(sql`UPDATE requests SET due_on = ${addDays(on, -2)} WHERE id = ${id}`)); continue; }
    if (q.to === 'assigned') continue;
    await step(q.handler === 'grid' ? liaison : admin, id, { action: 'start' });
    if (q.handler === 'street') { // this one went past the community's reach: the street now answers for it
      await db.transaction((tx) => tx.execute(sql`UPDATE requests SET due_on = ${addDays(on, -1)} WHERE id = ${id}`));
      await escalateOverdue(db, null, c.path);
      continue;
    }
    if (q.to === 'in_progress') continue;
    const fixed = q.to !== 'closed';
    await step(q.handler === 'grid' ? liaison : admin, id, { action: fixed ? 'resolve' : 'close', publicNote: fixed ? '已处理完毕，请您确认' : '已电话指导居民在“浙里办”完成认证，无需社区代办' });
    if (q.to === 'confirmed') await residentStep(db, (await requestById(db, id))!, { action: 'confirm', satisfaction: i === 0 ? 5 : 4 }, null);
    if (q.to === 'reopened') await residentStep(db, (await requestById(db, id))!, { action: 'reopen', reason: '晚上仍然不亮' }, null);
  }
  await holdMeeting(db, admin, { level: 'community', orgId: c.id, heldOn: on, attendees: '社区两委、网格长、民情联络员', decisions: [{ text: '仓兴街污水外溢已报街道，跟进施工进度' }, { text: '电动车楼道充电问题：网格员本周内逐户劝导' }] });
  return n;
}
