/**
 * Overdue requests escalate up the ladder (grid → community → street): each gets a fresh, shorter
 * limit at the next rung, a step the resident sees, an audit event and a notification to the next
 * rung's handlers. A sweep runs every night at 01:00 China time through the job scheduler, and a
 * community's or street's managers can run it for their part at once (检查超时).
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db/client.js';
import { ROLE_ACTIONS, type Actor } from '../../platform/auth/access.js';
import { notifyAll } from '../../platform/notifications/service.js';
import { hasHandler, registerHandler, scheduleJob } from '../../platform/jobs/index.js';
import { today } from '../../platform/clock.js';
import { calendarOf } from '../rating/service.js';
import { applyStep, REQUEST, REQUEST_FROM, type RequestRow } from './requests.js';
import { dueOn, escalatedLimit, nextLevel, type Level } from './rules.js';

const LEVEL_ZH: Record<Level, string> = { grid: '网格', community: '社区', street: '街道' };
const HANDLING_ROLES = Object.entries(ROLE_ACTIONS).filter(([, a]) => a.includes('request.handle')).map(([r]) => r);

/** Escalates every overdue request under `path` (all when null) by one rung; returns how many moved. */
export async function escalateOverdue(db: Db, actor: Actor | null, path: string | null, asOf: string = today()): Promise<{ escalated: number; ids: number[] }> {
  const due = await rows<RequestRow & { limitDays: number; streetId: number | null; streetPath: string | null }>(db, sql`SELECT ${REQUEST}, k.limit_days AS "limitDays", s.id AS "streetId", s.path AS "streetPath"
    ${REQUEST_FROM} JOIN request_categories k ON k.county_id = r.county_id AND k.id = r.category_id
    LEFT JOIN orgs s ON s.id = (SELECT c.parent_id FROM orgs c WHERE c.id = r.community_id) AND s.kind IN ('street', 'town')
    WHERE r.state IN ('assigned', 'in_progress') AND r.due_on < ${asOf} AND r.level <> 'street' ${path ? sql`AND r.community_path LIKE ${`${path}%`}` : sql``}
    ORDER BY r.due_on, r.id LIMIT 5000`);
  if (!due.length) return { escalated: 0, ids: [] };
  const cal = await calendarOf(db);
  const ids: number[] = [];
  for (const r of due) {
    const next = nextLevel(r.level!)!;
    if (next === 'street' && !r.streetId) continue; // a community with no street above stays with the community
    const to = next === 'street' ? { orgId: r.streetId!, path: r.streetPath!, kind: 'street' } : { orgId: r.communityId, path: r.communityPath, kind: 'community' };
    const newDue = dueOn(cal, asOf, escalatedLimit(r.limitDays));
    await db.transaction(async (tx) => {
      await applyStep(tx, actor, r, 'escalate', null, {
        to: null, action: 'escalated', level: next,
        set: sql`level = ${next}, handler_kind = ${to.kind}, handler_org_id = ${to.orgId}, handler_path = ${to.path}, handler_grid_id = NULL, handler_unit_id = NULL,
          delivered_at = NULL, due_on = ${newDue}, escalations = escalations + 1`,
        publicNote: `超过办理时限（${r.dueOn}），已升级至${LEVEL_ZH[next]}督办，新时限 ${newDue}`, data: { from: r.level, to: next, due: newDue, overdueSince: r.dueOn },
      });
      const users = await rows<{ id: number }>(tx, sql`SELECT DISTINCT g.user_id AS id FROM grants g JOIN users u ON u.id = g.user_id
        WHERE g.org_id = ${to.orgId} AND g.role = ANY(${`{${HANDLING_ROLES.join(',')}}`}::text[]) AND NOT u.disabled`);
      await notifyAll(tx, users.map((u) => ({ userId: u.id, title: `诉求超时升级：${r.title}`, body: `原时限 ${r.dueOn}，已升级至${LEVEL_ZH[next]}，新时限 ${newDue}`, link: `/requests/${r.id}` })));
    });
    ids.push(r.id);
  }
  return { escalated: ids.length, ids };
}

export const SWEEP_KIND = 'requests.sweep';

/** The next 01:00 China time after `now`. */
export function nextSweepAt(now = new Date()): Date {
  const cst = new Date(now.getTime() + 8 * 3600_000);
  const at = Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth(), cst.getUTCDate(), 1) - 8 * 3600_000;
  return new Date(at > now.getTime() ? at : at + 86_400_000);
}

/** Registers the nightly sweep's handler (before the scheduler starts): it escalates, then schedules the next night's. */
export function registerSweep(): void {
  if (hasHandler(SWEEP_KIND)) return;
  registerHandler(SWEEP_KIND, async (tx) => {
    await escalateOverdue(tx, null, null);
    await scheduleSweep(tx);
  });
}

/** Schedules the next nightly sweep once (the key is its date). */
export async function scheduleSweep(db: Db): Promise<void> {
  const at = nextSweepAt();
  await scheduleJob(db, { kind: SWEEP_KIND, runAt: at, key: at.toISOString().slice(0, 10), payload: null });
}
