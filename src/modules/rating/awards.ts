/**
 * 党建“创新奖”: a county gives the award to named community organisations for a year, when the
 * year's standard switches it on; its amount is the standard's. One award per community and year;
 * withdrawing it is a change of its own, audited with what was withdrawn.
 */
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errors } from '../../platform/errors.js';
import { rows, type Db } from '../../platform/db/client.js';
import { can, requireAccess, type OrgRef } from '../../platform/auth/access.js';
import { insertEvent } from '../../platform/audit/store.js';
import { actorOf, who, type AppContext } from '../../platform/http/context.js';
import { today } from '../../platform/clock.js';
import { IdParams } from '../org/schema.js';
import { STANDARD_003 } from './standard-003.js';
import { RATED_KINDS, currentStandard, iso } from './service.js';

export type Award = { id: number; orgId: number; orgName: string; streetName: string | null; year: number; title: string; amount: number; note: string | null; awardedAt: string };

/** The year's awards under an organisation. */
export async function awardsOf(db: Db, anchor: OrgRef & { countyId: number }, year: number): Promise<Award[]> {
  return rows<Award>(db, sql`SELECT w.id, w.org_id AS "orgId", o.name AS "orgName", p.name AS "streetName", w.year, w.title, w.amount::float8 AS amount, w.note,
    ${iso(sql`w.created_at`)} AS "awardedAt" FROM innovation_awards w JOIN orgs o ON o.id = w.org_id LEFT JOIN orgs p ON p.id = o.parent_id
    WHERE w.county_id = ${anchor.countyId} AND w.org_path LIKE ${`${anchor.path}%`} AND w.year = ${year} ORDER BY p.name, o.name`);
}

const AwardBody = z.strictObject({
  orgId: z.number().int().positive(),
  year: z.number().int().min(2000).max(2100),
  title: z.string().trim().min(1, '请填写创新项目名称').max(100, '项目名称最长100字'),
  note: z.string().trim().max(500, '说明最长500字').nullish(),
});

/** The awards routes plugin. */
export const awardRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['stars'];

  app.post('/stars/awards', { schema: { tags, summary: '授予党建创新奖 / give the 创新奖 to a community for a year', body: AwardBody } }, async (req) => {
    const actor = actorOf(req);
    const { orgId, year, title, note } = req.body;
    const org = (await requireAccess(db, actor, 'rating.read', [orgId])).get(orgId)!;
    if (!can(actor, 'rating.decide', org.path)) throw errors.forbidden();
    if (!RATED_KINDS.includes(org.kind) || org.countyId === null) throw errors.validation(`“${org.name}”不是社区（村）党组织，创新奖按社区授予`, 'the award goes to community organisations');
    if (year > +today().slice(0, 4)) throw errors.validation(`${year}年尚未到来，不能授奖`, 'that year has not come yet');
    const std = (await currentStandard(db, org.countyId, year))?.definition ?? STANDARD_003;
    if (!std.innovationAward.enabled) throw new AppError('INVALID_STATE', `${year}年度评星标准未启用党建创新奖，请先在评星标准中启用并设定金额`, 'the year\'s standard has no 创新奖');
    return db.transaction(async (tx) => {
      const [made] = await rows<{ id: number }>(tx, sql`INSERT INTO innovation_awards (county_id, org_id, org_path, year, title, amount, note, awarded_by)
        VALUES (${org.countyId}, ${org.id}, ${org.path}, ${year}, ${title}, ${std.innovationAward.amount}, ${note ?? null}, ${actor.userId})
        ON CONFLICT (county_id, org_id, year) DO NOTHING RETURNING id`);
      if (!made) throw errors.conflict(`“${org.name}” ${year} 年已获党建创新奖`, `${org.name} already has the award for ${year}`);
      await insertEvent(tx, { type: 'star.award_given', ...who(actor), countyId: org.countyId, orgId: org.id, orgPath: org.path, targetType: 'innovation_award', targetId: made.id,
        data: { year, title, amount: std.innovationAward.amount } });
      return { id: made.id, orgId: org.id, year, title, amount: std.innovationAward.amount };
    });
  });

  app.delete('/stars/awards/:id', { schema: { tags, summary: '撤销党建创新奖 / withdraw an award', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const [w] = await rows<{ countyId: number; id: number; orgId: number; orgPath: string; year: number; title: string; amount: number }>(db, sql`
      SELECT county_id AS "countyId", id, org_id AS "orgId", org_path AS "orgPath", year, title, amount::float8 AS amount FROM innovation_awards WHERE id = ${req.params.id}`);
    if (!w || !can(actor, 'rating.read', w.orgPath)) throw errors.notFound('创新奖', 'award');
    if (!can(actor, 'rating.decide', w.orgPath)) throw errors.forbidden();
    await db.transaction(async (tx) => {
      await tx.execute(sql`DELETE FROM innovation_awards WHERE county_id = ${w.countyId} AND id = ${w.id}`);
      await insertEvent(tx, { type: 'star.award_revoked', ...who(actor), countyId: w.countyId, orgId: w.orgId, orgPath: w.orgPath, targetType: 'innovation_award', targetId: w.id,
        data: { year: w.year, title: w.title, amount: w.amount } });
    });
    return { id: w.id, revoked: true };
  });
};
