/**
 * Publishing a counted 民主评议: the results go to the organisation; each member graded 基本不合格 or
 * 不合格 gets an organisational-measure task (整改处置); points go into the ledger when the campaign
 * says so, once per campaign and member.
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db/client.js';
import type { Actor } from '../../platform/auth/access.js';
import { insertEvent } from '../../platform/audit/store.js';
import { who } from '../../platform/http/context.js';
import { awardPoints } from '../points/ledger.js';
import { today } from '../../platform/clock.js';
import { audit, bump, invalidState, type CampaignRow } from './service.js';

/** Grades that open proceedings, with the task's kind and the measures to choose from. */
const MEASURES: Record<string, { kind: 'rectification' | 'disposal'; options: string[] }> = {
  基本不合格: { kind: 'rectification', options: ['批评教育', '限期改正'] },
  不合格: { kind: 'disposal', options: ['限期改正', '劝其退党', '党内除名'] },
};

/**
 * Publishes the results to the organisation; each member graded 基本不合格 or 不合格 gets an
 * organisational-measure task (整改处置) in their branch.
 */
export async function publishCampaign(db: Db, actor: Actor, c: CampaignRow, rowVersion: number) {
  if (c.state !== 'counted') throw invalidState('计票后才能公布结果', 'publish after the count');
  const due = await rows<{ memberId: number; name: string; grade: string; orgId: number; orgPath: string }>(db, sql`SELECT r.member_id AS "memberId", s.name, r.grade, m.org_id AS "orgId", m.org_path AS "orgPath"
    FROM eval_results r JOIN eval_subjects s ON s.county_id = r.county_id AND s.campaign_id = r.campaign_id AND s.member_id = r.member_id
    JOIN members m ON m.county_id = r.county_id AND m.id = r.member_id
    WHERE r.county_id = ${c.countyId} AND r.campaign_id = ${c.id} AND r.grade IN ('基本不合格', '不合格') ORDER BY s.name, r.member_id`);
  const [cfg] = await rows<{ points: { schemeId: number; indicators: Record<string, string> } | null }>(db, sql`SELECT points FROM eval_campaigns WHERE county_id = ${c.countyId} AND id = ${c.id}`);
  const awards = cfg.points ? await rows<{ memberId: number; grade: string }>(db, sql`SELECT member_id AS "memberId", grade FROM eval_results
    WHERE county_id = ${c.countyId} AND campaign_id = ${c.id} AND grade = ANY(${`{${Object.keys(cfg.points.indicators).join(',')}}`}::text[]) ORDER BY member_id`) : [];
  return db.transaction(async (tx) => {
    await bump(tx, c, rowVersion, sql`state = 'published'`);
    // points into each member's ledger, once per campaign and member (the source key), by the same checks as any entry,
    // dated the year's last day, or today when a campaign of this year is published before its end (the ledger takes no future dates)
    const pointsDay = [`${c.year}-12-31`, today()].sort()[0];
    for (const a of awards) {
      await awardPoints(tx, actor, { schemeId: cfg.points!.schemeId, memberId: a.memberId, indicator: cfg.points!.indicators[a.grade], occurredOn: pointsDay,
        evidence: `${c.year}年度民主评议“${a.grade}”（${c.name}）`, sourceKey: `eval:${c.id}:${a.memberId}` });
    }
    for (const d of due) {
      const m = MEASURES[d.grade];
      const title = `${d.name}：${c.year}年度民主评议“${d.grade}”，${m.kind === 'disposal' ? '组织处置' : '教育整改'}`;
      const [t] = await rows<{ id: number }>(tx, sql`INSERT INTO org_tasks (county_id, org_id, org_path, kind, title, subject_kind, subject_id, eval_campaign_id, options)
        VALUES (${c.countyId}, ${d.orgId}, ${d.orgPath}, ${m.kind}, ${title}, 'member', ${d.memberId}, ${c.id}, ${`{${m.options.join(',')}}`}::text[]) RETURNING id`);
      await insertEvent(tx, { type: 'task.opened', ...who(actor), countyId: c.countyId, orgId: d.orgId, orgPath: d.orgPath, targetType: 'task', targetId: t.id, data: { kind: m.kind, evalCampaignId: c.id, subject: `member:${d.memberId}`, title } });
    }
    await audit(tx, actor, c, 'publish', { proceedings: due.length, points: awards.length });
    return { proceedings: due.length, points: awards.length };
  });
}
