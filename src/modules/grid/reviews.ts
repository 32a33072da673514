/**
 * 研判: the grid team reviews its open issues every week, the community every half month, the street
 * every month. The agenda is prepared from the records: open and overdue requests, issues that keep
 * coming back (a category raised three times or more in one grid within 90 days), what the period
 * brought in and settled, and the last meeting's decisions. Holding the meeting stores the agenda as
 * it stood and the decisions, and notes each decision on the request it concerns.
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { AppError, errors } from '../../platform/errors.js';
import { rows, type Db } from '../../platform/db/client.js';
import { can, requireAccess, type Actor } from '../../platform/auth/access.js';
import { insertEvent } from '../../platform/audit/store.js';
import { who } from '../../platform/http/context.js';
import { addDays } from '../../platform/calendar/index.js';
import { today } from '../../platform/clock.js';
import { LEVELS, reviewPeriod, type Level } from './rules.js';

export const AgendaQuery = z.strictObject({
  level: z.enum(LEVELS),
  orgId: z.coerce.number().int().positive(),
  gridId: z.coerce.number().int().positive().optional(),
  on: z.iso.date().optional(),
});
export const HoldBody = z.strictObject({
  level: z.enum(LEVELS),
  orgId: z.number().int().positive(),
  gridId: z.number().int().positive().nullish(),
  heldOn: z.iso.date(),
  attendees: z.string().trim().min(1).max(500),
  decisions: z.array(z.strictObject({ requestId: z.number().int().positive().nullish(), text: z.string().trim().min(1).max(500) })).min(1, '至少记录一项研判意见').max(100),
});

type Scope = { level: Level; countyId: number; orgId: number; orgPath: string; gridId: number | null; where: SQL };
type Item = { id: number; trackingCode: string; title: string; categoryName: string; gridName: string | null; state: string; level: string | null; dueOn: string | null; raisedOn: string; overdue: boolean };

/** Which requests a meeting looks at, and whether the actor may hold it. */
async function scopeOf(db: Db, actor: Actor, level: Level, orgId: number, gridId: number | null | undefined, hold: boolean): Promise<Scope> {
  const org = (await requireAccess(db, actor, 'request.read', [orgId])).get(orgId)!;
  if (org.countyId === null) throw errors.validation('该组织不属于任何县（区）', 'the organisation is in no county');
  const want = level === 'street' ? ['street', 'town'] : ['community', 'village'];
  if (!want.includes(org.kind)) throw errors.validation(level === 'street' ? '街道研判须选择街道（镇）' : '网格、社区研判须选择社区（村）', 'the organisation does not match the level', [{ path: ['orgId'], message: '组织层级不符' }]);
  if (level === 'grid') {
    if (!gridId) throw errors.validation('网格研判须选择网格', 'choose the grid', [{ path: ['gridId'], message: '必填' }]);
    const [g] = await rows<{ id: number }>(db, sql`SELECT id FROM grids WHERE county_id = ${org.countyId} AND id = ${gridId} AND community_id = ${org.id}`);
    if (!g) throw errors.validation('网格不属于该社区', 'the grid is not in this community', [{ path: ['gridId'], message: '网格无效' }]);
  }
  if (hold && !can(actor, level === 'grid' ? 'request.handle' : 'request.manage', org.path)) throw errors.forbidden();
  const like = `${org.path}%`;
  const where = level === 'grid'
    ? sql`r.county_id = ${org.countyId} AND r.community_path LIKE ${like} AND (r.grid_id = ${gridId!} OR r.handler_grid_id = ${gridId!})`
    : sql`r.county_id = ${org.countyId} AND r.community_path LIKE ${like}`;
  return { level, countyId: org.countyId, orgId: org.id, orgPath: org.path, gridId: level === 'grid' ? gridId! : null, where };
}

const ITEM = sql`r.id, r.tracking_code AS "trackingCode", r.title, k.name AS "categoryName", g.name AS "gridName", r.state, r.level, to_char(r.due_on, 'YYYY-MM-DD') AS "dueOn",
  to_char(r.raised_on, 'YYYY-MM-DD') AS "raisedOn"`;
const ITEM_FROM = sql`FROM requests r JOIN request_categories k ON k.county_id = r.county_id AND k.id = r.category_id LEFT JOIN grids g ON g.county_id = r.county_id AND g.id = r.grid_id`;
const OPEN = sql`r.state IN ('triage', 'assigned', 'in_progress')`;
/** How many items of each list the agenda shows; the counts cover all. */
export const AGENDA_LIST = 100;

/** The agenda for a meeting at `level` of an organisation (and grid), for the period containing `on`. */
export async function agenda(db: Db, actor: Actor, q: z.infer<typeof AgendaQuery>) {
  const s = await scopeOf(db, actor, q.level, q.orgId, q.gridId, false);
  const on = q.on ?? today();
  const period = reviewPeriod(q.level, on);
  const since = addDays(on, -90);
  // five independent reads: on PostgreSQL they run side by side on the pool
  const [[counts], overdue, open, recurring, [last]] = await Promise.all([rows<{ open: number; overdue: number; raised: number; fixed: number; notFixed: number; confirmed: number; satisfaction: number | null }>(db, sql`SELECT
      count(*) FILTER (WHERE ${OPEN})::int AS open,
      count(*) FILTER (WHERE r.state IN ('assigned', 'in_progress') AND r.due_on < ${on})::int AS overdue,
      count(*) FILTER (WHERE r.raised_on BETWEEN ${period.start} AND ${period.end})::int AS raised,
      count(*) FILTER (WHERE r.outcome = 'fixed' AND r.outcome_on BETWEEN ${period.start} AND ${period.end})::int AS fixed,
      count(*) FILTER (WHERE r.outcome = 'not_fixed' AND r.outcome_on BETWEEN ${period.start} AND ${period.end})::int AS "notFixed",
      count(*) FILTER (WHERE r.confirmed_at IS NOT NULL AND r.outcome_on BETWEEN ${period.start} AND ${period.end})::int AS confirmed,
      round(avg(r.satisfaction) FILTER (WHERE r.outcome_on BETWEEN ${period.start} AND ${period.end}), 2)::float8 AS satisfaction
    FROM requests r WHERE ${s.where} AND (${OPEN} OR r.raised_on >= ${period.start} OR r.outcome_on >= ${period.start})`),
  rows<Item>(db, sql`SELECT ${ITEM}, true AS overdue ${ITEM_FROM} WHERE ${s.where} AND r.state IN ('assigned', 'in_progress') AND r.due_on < ${on}
    ORDER BY r.due_on, r.id LIMIT ${AGENDA_LIST}`),
  rows<Item>(db, sql`SELECT ${ITEM}, (r.state <> 'triage' AND r.due_on < ${on}) AS overdue ${ITEM_FROM} WHERE ${s.where} AND ${OPEN}
    ORDER BY r.due_on NULLS FIRST, r.id LIMIT ${AGENDA_LIST}`),
  rows<{ categoryId: number; categoryName: string; gridId: number | null; gridName: string | null; count: number; open: number }>(db, sql`SELECT r.category_id AS "categoryId",
      k.name AS "categoryName", r.grid_id AS "gridId", g.name AS "gridName", count(*)::int AS count, count(*) FILTER (WHERE ${OPEN})::int AS open
    ${ITEM_FROM} WHERE ${s.where} AND r.raised_on >= ${since} AND r.state <> 'merged'
    GROUP BY r.category_id, k.name, r.grid_id, g.name HAVING count(*) >= 3 ORDER BY count(*) DESC, r.category_id, r.grid_id NULLS LAST LIMIT 50`),
  rows<{ id: number; heldOn: string; decisions: { requestId?: number | null; text: string }[] }>(db, sql`SELECT id, to_char(held_on, 'YYYY-MM-DD') AS "heldOn", decisions
    FROM review_meetings WHERE county_id = ${s.countyId} AND org_id = ${s.orgId} AND level = ${s.level} AND grid_id IS NOT DISTINCT FROM ${s.gridId} AND held_on <= ${on}
    ORDER BY held_on DESC, id DESC LIMIT 1`)]);
  return { level: s.level, orgId: s.orgId, gridId: s.gridId, on, period, counts, overdue, open, recurring, lastMeeting: last ?? null,
    canHold: can(actor, s.level === 'grid' ? 'request.handle' : 'request.manage', s.orgPath) };
}

/** Holds (records) the meeting: the agenda as prepared now, the decisions, a note on each request a decision concerns. */
export async function holdMeeting(db: Db, actor: Actor, b: z.infer<typeof HoldBody>): Promise<{ id: number }> {
  const s = await scopeOf(db, actor, b.level, b.orgId, b.gridId, true);
  if (b.heldOn > today()) throw errors.validation('研判日期不能晚于今天', 'the meeting cannot be in the future', [{ path: ['heldOn'], message: '不能晚于今天' }]);
  const a = await agenda(db, actor, { level: b.level, orgId: b.orgId, gridId: b.gridId ?? undefined, on: b.heldOn });
  const ids = [...new Set(b.decisions.map((d) => d.requestId).filter((x): x is number => !!x))];
  const found = ids.length ? await rows<{ id: number; state: string; rowVersion: number }>(db, sql`SELECT r.id, r.state, r.row_version AS "rowVersion" FROM requests r WHERE ${s.where} AND r.id = ANY(${`{${ids.join(',')}}`}::bigint[])`) : [];
  const bad = ids.filter((i) => !found.some((f) => f.id === i));
  if (bad.length) throw errors.validation('研判意见所涉诉求不在本次研判范围内', 'a decision names a request outside this meeting', bad.map((i) => ({ path: ['decisions', b.decisions.findIndex((d) => d.requestId === i), 'requestId'], message: `诉求 ${i} 不在范围内` })));
  return db.transaction(async (tx) => {
    const dup = await rows<{ id: number }>(tx, sql`SELECT id FROM review_meetings WHERE county_id = ${s.countyId} AND org_id = ${s.orgId} AND level = ${s.level} AND grid_id IS NOT DISTINCT FROM ${s.gridId} AND period_start = ${a.period.start}`);
    if (dup.length) throw new AppError('CONFLICT', `本期（${a.period.start} 至 ${a.period.end}）的研判已记录`, 'this period has its meeting already');
    const [m] = await rows<{ id: number }>(tx, sql`INSERT INTO review_meetings (county_id, level, org_id, org_path, grid_id, period_start, period_end, held_on, attendees, agenda, decisions, created_by)
      VALUES (${s.countyId}, ${s.level}, ${s.orgId}, ${s.orgPath}, ${s.gridId}, ${a.period.start}, ${a.period.end}, ${b.heldOn}, ${b.attendees},
        ${JSON.stringify({ counts: a.counts, overdue: a.overdue.map((x) => x.id), open: a.open.map((x) => x.id), recurring: a.recurring })}::jsonb, ${JSON.stringify(b.decisions)}::jsonb, ${actor.userId})
      RETURNING id`);
    for (const d of b.decisions) {
      const r = found.find((f) => f.id === d.requestId);
      if (!r || ['merged', 'confirmed'].includes(r.state)) continue;
      await tx.execute(sql`INSERT INTO request_steps (county_id, request_id, action, from_state, to_state, actor_id, actor_name, note)
        VALUES (${s.countyId}, ${r.id}, 'noted', ${r.state}, ${r.state}, ${actor.userId}, ${actor.displayName}, ${`研判意见（${b.heldOn}）：${d.text}`})`);
    }
    await insertEvent(tx, { type: 'review.held', ...who(actor), countyId: s.countyId, orgId: s.orgId, orgPath: s.orgPath, targetType: 'review_meeting', targetId: m.id,
      data: { level: s.level, gridId: s.gridId, period: a.period, decisions: b.decisions.length } });
    return m;
  });
}

/** Meetings held under an organisation, newest first. */
export async function meetings(db: Db, actor: Actor, orgId: number) {
  const org = (await requireAccess(db, actor, 'request.read', [orgId])).get(orgId)!;
  return rows(db, sql`SELECT m.id, m.level, m.org_id AS "orgId", o.name AS "orgName", m.grid_id AS "gridId", g.name AS "gridName", to_char(m.period_start, 'YYYY-MM-DD') AS "periodStart",
      to_char(m.period_end, 'YYYY-MM-DD') AS "periodEnd", to_char(m.held_on, 'YYYY-MM-DD') AS "heldOn", m.attendees, m.agenda, m.decisions
    FROM review_meetings m JOIN orgs o ON o.id = m.org_id LEFT JOIN grids g ON g.county_id = m.county_id AND g.id = m.grid_id
    WHERE m.org_path LIKE ${`${org.path}%`} ORDER BY m.held_on DESC, m.id DESC LIMIT 200`);
}
