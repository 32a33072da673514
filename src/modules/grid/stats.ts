/**
 * Figures of residents' requests, by child organisation (a county by streets, a street by
 * communities), by grid (within a community) or by category: raised, resolved, closed without a
 * fix, confirmed, still open, overdue now, the share that went past its limit, the mean days to an
 * outcome, and satisfaction; visits per liaison; and the grids' load (open requests per hundred
 * households). Every figure is one SQL aggregation over the requests themselves, so it matches the
 * records by construction; the tests hold it to a count done row by row.
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { rows, type Db } from '../../platform/db/client.js';
import { requireAccess, type Actor } from '../../platform/auth/access.js';
import { today } from '../../platform/clock.js';

export const StatsQuery = z.strictObject({
  orgId: z.coerce.number().int().positive(),
  by: z.enum(['child', 'grid', 'category']).default('child'),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

export type Figures = {
  key: string; name: string; raised: number; fixed: number; notFixed: number; confirmed: number; open: number; overdueNow: number;
  /** Of those with a limit, the share that ran (or is running) past it, 0–1. */
  overdueShare: number | null; meanDays: number | null; satisfaction: number | null; rated: number;
};

const FIGURES = (on: string) => sql`count(*)::int AS raised,
  count(*) FILTER (WHERE r.outcome = 'fixed')::int AS fixed,
  count(*) FILTER (WHERE r.outcome = 'not_fixed')::int AS "notFixed",
  count(*) FILTER (WHERE r.state = 'confirmed')::int AS confirmed,
  count(*) FILTER (WHERE r.state IN ('triage', 'assigned', 'in_progress'))::int AS open,
  count(*) FILTER (WHERE r.state IN ('assigned', 'in_progress') AND r.due_on < ${on})::int AS "overdueNow",
  round(avg(CASE WHEN r.outcome_on > r.due_on OR (r.outcome_on IS NULL AND r.state IN ('assigned', 'in_progress') AND r.due_on < ${on}) OR r.escalations > 0 THEN 1.0 ELSE 0.0 END)
    FILTER (WHERE r.due_on IS NOT NULL), 4)::float8 AS "overdueShare",
  round(avg(r.outcome_on - r.raised_on) FILTER (WHERE r.outcome_on IS NOT NULL), 1)::float8 AS "meanDays",
  round(avg(r.satisfaction), 2)::float8 AS satisfaction, count(r.satisfaction)::int AS rated`;

/** The figures of requests under an organisation, grouped as asked, with the total. */
export async function requestStats(db: Db, actor: Actor, q: z.infer<typeof StatsQuery>): Promise<{ org: { id: number; name: string }; by: string; items: Figures[]; total: Figures; from: string | null; to: string | null }> {
  const org = (await requireAccess(db, actor, 'request.read', [q.orgId])).get(q.orgId)!;
  const on = today();
  const where: SQL[] = [sql`r.county_id = ${org.countyId}`, sql`r.community_path LIKE ${`${org.path}%`}`, sql`r.state <> 'merged'`];
  if (q.from) where.push(sql`r.raised_on >= ${q.from}`);
  if (q.to) where.push(sql`r.raised_on <= ${q.to}`);
  const w = sql.join(where, sql` AND `);
  const depth = org.path.split('/').filter(Boolean).length + 2; // the path segment naming the child below org
  // a community has no child below it that holds requests: its own requests are its one group
  const child = sql`COALESCE(NULLIF(split_part(r.community_path, '/', ${depth}), ''), ${String(org.id)})`;
  const group = q.by === 'grid'
    ? { key: sql`COALESCE(r.grid_id::text, '-')`, name: sql`COALESCE(g.name, '未分网格')`, join: sql`LEFT JOIN grids g ON g.county_id = r.county_id AND g.id = r.grid_id` }
    : q.by === 'category'
      ? { key: sql`r.category_id::text`, name: sql`k.name`, join: sql`JOIN request_categories k ON k.county_id = r.county_id AND k.id = r.category_id` }
      : { key: child, name: sql`(SELECT o.name FROM orgs o WHERE o.id::text = ${child})`, join: sql`` };
  const items = await rows<Figures>(db, sql`SELECT ${group.key} AS key, ${group.name} AS name, ${FIGURES(on)} FROM requests r ${group.join} WHERE ${w}
    GROUP BY 1, 2 ORDER BY raised DESC, name`);
  const [total] = await rows<Figures>(db, sql`SELECT 'total' AS key, '合计' AS name, ${FIGURES(on)} FROM requests r WHERE ${w}`);
  return { org: { id: org.id, name: org.name }, by: q.by, items, total, from: q.from ?? null, to: q.to ?? null };
}

/** Visits per liaison under an organisation in a period, with the households they reached. */
export async function visitStats(db: Db, actor: Actor, q: { orgId: number; from?: string; to?: string }) {
  const org = (await requireAccess(db, actor, 'request.read', [q.orgId])).get(q.orgId)!;
  return rows<{ liaisonId: number; liaisonName: string; visits: number; households: number; lastVisit: string }>(db, sql`SELECT v.liaison_id AS "liaisonId", max(v.liaison_name) AS "liaisonName",
      count(*)::int AS visits, count(DISTINCT v.household_id)::int AS households, max(v.visited_on)::text AS "lastVisit"
    FROM visits v WHERE v.county_id = ${org.countyId} AND v.community_path LIKE ${`${org.path}%`} ${q.from ? sql`AND v.visited_on >= ${q.from}` : sql``} ${q.to ? sql`AND v.visited_on <= ${q.to}` : sql``}
    GROUP BY v.liaison_id ORDER BY visits DESC, "liaisonName"`);
}

/** Each grid of the communities under an organisation with its households, open and overdue requests, and load per hundred households. */
export async function gridLoad(db: Db, actor: Actor, orgId: number) {
  const org = (await requireAccess(db, actor, 'request.read', [orgId])).get(orgId)!;
  const on = today();
  return rows<{ gridId: number; gridName: string; kind: string; communityName: string; households: number; open: number; overdue: number; raised90: number; load: number | null }>(db, sql`SELECT
      g.id AS "gridId", g.name AS "gridName", g.kind, o.name AS "communityName", g.households,
      count(r.id) FILTER (WHERE r.state IN ('triage', 'assigned', 'in_progress'))::int AS open,
      count(r.id) FILTER (WHERE r.state IN ('assigned', 'in_progress') AND r.due_on < ${on})::int AS overdue,
      count(r.id) FILTER (WHERE r.raised_on >= ${on}::date - 90)::int AS raised90,
      CASE WHEN g.households > 0 THEN round(100.0 * count(r.id) FILTER (WHERE r.state IN ('triage', 'assigned', 'in_progress')) / g.households, 2)::float8 END AS load
    FROM grids g JOIN orgs o ON o.id = g.community_id
      LEFT JOIN requests r ON r.county_id = g.county_id AND (r.grid_id = g.id OR (r.handler_grid_id = g.id AND r.grid_id IS DISTINCT FROM g.id)) AND r.state <> 'merged'
    WHERE g.county_id = ${org.countyId} AND o.path LIKE ${`${org.path}%`}
    GROUP BY g.id, g.name, g.kind, o.name, g.households ORDER BY open DESC, overdue DESC, o.name, g.name LIMIT 5000`);
}
