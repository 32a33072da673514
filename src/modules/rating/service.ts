/**
 * 评星晋级 writes: a county's standard by year, applications, self-assessment, the steps of the
 * procedure (each by its role, only when the state machine allows it, with deadlines in working
 * days), objections during the public notice and their answers. Every write is one transaction
 * with its audit event; a step names the row version it was taken on, so two people acting at once
 * cannot both succeed.
 */
import crypto from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { AppError, errors } from '../../platform/errors.js';
import { rows, type Db } from '../../platform/db/client.js';
import { encrypt, type Keys } from '../../platform/crypto/sm.js';
import { can, type Action, type Actor, type OrgRef } from '../../platform/auth/access.js';
import { insertEvent } from '../../platform/audit/store.js';
import { who } from '../../platform/http/context.js';
import { notify } from '../../platform/notifications/index.js';
import { scheduleReminder, schedulerRunning } from '../../platform/jobs/index.js';
import { CHINA_CALENDAR, addDays, addWorkingDays, makeCalendar, subtractWorkingDays, workingPeriod, type Calendar, type CalendarDay } from '../../platform/calendar/index.js';
import { parseStandard, type StarStandard } from './standard.js';
import { STANDARD_003 } from './standard-003.js';
import { STEP_NAMES, STEP_ROLE, nextState, objectionAllowed, upheldEffect, type State, type Step, type StepRole } from './workflow.js';

/** The organisation kinds that apply for stars: community (and village) party organisations. */
export const RATED_KINDS = ['community', 'village'];

const ROLE_ACTION: Record<StepRole, Action> = { community: 'rating.apply', street: 'rating.assess', county: 'rating.decide' };

export type StandardRow = { countyId: number; id: number; year: number; version: number; definition: StarStandard; note: string | null };

/** The calendar in force: the shipped schedule with the administrators' dates over it. */
export async function calendarOf(db: Db): Promise<Calendar> {
  const added = await rows<CalendarDay>(db, sql`SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_days ORDER BY date`);
  return makeCalendar([...CHINA_CALENDAR.flatMap((y) => y.days), ...added]);
}

/** The newest version of a county's standard for a year, or null. */
export async function currentStandard(db: Db, countyId: number, year: number): Promise<StandardRow | null> {
  const [r] = await rows<StandardRow>(db, sql`SELECT county_id AS "countyId", id, year, version, definition, note FROM star_standards
    WHERE county_id = ${countyId} AND year = ${year} ORDER BY version DESC LIMIT 1`);
  return r ?? null;
}

/** Saves a new version of a county's standard for a year (validated; earlier versions stay as they were). */
export async function saveStandard(db: Db, actor: Actor | null, county: OrgRef, year: number, input: unknown, note: string | null): Promise<StandardRow> {
  const parsed = parseStandard(input);
  if (!parsed.ok) throw new AppError('VALIDATION', `评星标准有 ${parsed.problems.length} 处问题`, 'the standard has problems', parsed.problems);
  return db.transaction(async (tx) => {
    const [row] = await rows<StandardRow>(tx, sql`INSERT INTO star_standards (county_id, year, version, definition, note, created_by)
      SELECT ${county.id}, ${year}, coalesce(max(version), 0) + 1, ${JSON.stringify(parsed.value)}::jsonb, ${note}, ${actor?.userId ?? null}
      FROM star_standards WHERE county_id = ${county.id} AND year = ${year}
      RETURNING county_id AS "countyId", id, year, version, definition, note`);
    await insertEvent(tx, { type: 'star.standard_saved', ...(actor ? who(actor) : {}), countyId: county.id, orgId: county.id, orgPath: county.path, targetType: 'star_standard', targetId: row.id, data: { year, version: row.version, note } });
    return row;
  });
}

/** The standard an application of the year uses: the county's own, else the built-in one of seed 003 saved as version 1. */
async function standardForApplication(db: Db, actor: Actor, county: OrgRef, year: number): Promise<StandardRow> {
  return (await currentStandard(db, county.id, year)) ?? saveStandard(db, actor, county, year, STANDARD_003, '内置标准：绍兴县城市社区党组织“评星晋级”考评标准');
}

/** A timestamp as ISO 8601 text (UTC), the same from either driver. */
export const iso = (column: SQL) => sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export type ApplicationRow = {
  countyId: number; id: number; orgId: number; orgPath: string; orgName: string; streetName: string | null; year: number; standardId: number; appliedLevel: number; level: number;
  state: State; facts: Record<string, unknown>; claims: Record<string, unknown>; vetoes: string[]; noticeFirst: string | null; noticeLast: string | null;
  docNumber: string | null; dueOn: string | null; rowVersion: number; publishedAt: string | null;
  /** Last year's published level, which this year starts from (null: not rated last year). */
  previousLevel: number | null;
};

/** The columns of an application that lists show too, and where they come from (the organisation and its street). */
export const APP_FIELDS = sql`a.county_id AS "countyId", a.id, a.org_id AS "orgId", a.org_path AS "orgPath", o.name AS "orgName", p.name AS "streetName", a.year,
  a.applied_level AS "appliedLevel", a.level, a.state, to_char(a.notice_first, 'YYYY-MM-DD') AS "noticeFirst", to_char(a.notice_last, 'YYYY-MM-DD') AS "noticeLast",
  a.doc_number AS "docNumber", to_char(a.due_on, 'YYYY-MM-DD') AS "dueOn", a.row_version AS "rowVersion", ${iso(sql`a.published_at`)} AS "publishedAt",
  (SELECT b.level FROM star_applications b WHERE b.county_id = a.county_id AND b.org_id = a.org_id AND b.year = a.year - 1 AND b.state = 'published') AS "previousLevel"`;
export const APP_FROM = sql`FROM star_applications a JOIN orgs o ON o.id = a.org_id LEFT JOIN orgs p ON p.id = o.parent_id`;
const APP = sql`${APP_FIELDS}, a.standard_id AS "standardId", a.facts, a.claims, a.vetoes ${APP_FROM}`;

/** An application the actor may read (any rating role over its organisation), or NOT_FOUND. */
export async function applicationInScope(db: Db, actor: Actor | null, id: number): Promise<ApplicationRow> {
  const [a] = await rows<ApplicationRow>(db, sql`SELECT ${APP} WHERE a.id = ${id}`);
  if (!a || (actor && !can(actor, 'rating.read', a.orgPath))) throw errors.notFound('评星申报', 'star application');
  return a;
}

/** A community organisation applies for a level for a year: one application per organisation and year. */
export async function createApplication(db: Db, actor: Actor, org: OrgRef, county: OrgRef, year: number, level: number): Promise<ApplicationRow> {
  if (!RATED_KINDS.includes(org.kind)) throw errors.validation(`“${org.name}”不是社区（村）党组织，不参加评星`, 'only community organisations are rated');
  if (!can(actor, 'rating.apply', org.path)) throw errors.forbidden();
  const standard = await standardForApplication(db, actor, county, year);
  return db.transaction(async (tx) => {
    const [made] = await rows<{ id: number }>(tx, sql`INSERT INTO star_applications (county_id, org_id, org_path, year, standard_id, applied_level, level, created_by)
      VALUES (${county.id}, ${org.id}, ${org.path}, ${year}, ${standard.id}, ${level}, ${level}, ${actor.userId})
      ON CONFLICT (county_id, org_id, year) DO NOTHING RETURNING id`);
    if (!made) throw errors.conflict(`“${org.name}” ${year} 年已有评星申报，不能重复申报`, `${org.name} has already applied for ${year}`);
    await tx.execute(sql`INSERT INTO star_steps (county_id, application_id, step, from_state, to_state, level, comment, actor_id)
      VALUES (${county.id}, ${made.id}, 'apply', 'draft', 'draft', ${level}, NULL, ${actor.userId})`);
    await insertEvent(tx, { type: 'star.applied', ...who(actor), countyId: county.id, orgId: org.id, orgPath: org.path, targetType: 'star_application', targetId: made.id, data: { year, level, standard: standard.version } });
    return applicationInScope(tx, actor, made.id);
  });
}

/** Saves the self-assessment (facts and per-criterion claims with evidence) while the community may still change it. */
export async function selfAssess(db: Db, actor: Actor, id: number, body: { facts: Record<string, unknown>; claims: Record<string, unknown>; rowVersion: number }): Promise<ApplicationRow> {
  const a = await applicationInScope(db, actor, id);
  if (!can(actor, 'rating.apply', a.orgPath)) throw errors.forbidden();
  if (a.state !== 'draft' && a.state !== 'returned') throw new AppError('INVALID_STATE', '已提交的申报不能再修改自评', 'the self-assessment can no longer be changed');
  return db.transaction(async (tx) => {
    const r = await rows<{ id: number }>(tx, sql`UPDATE star_applications SET facts = ${JSON.stringify(body.facts)}::jsonb, claims = ${JSON.stringify(body.claims)}::jsonb,
      row_version = row_version + 1, updated_at = now() WHERE county_id = ${a.countyId} AND id = ${id} AND row_version = ${body.rowVersion} RETURNING id`);
    if (!r.length) throw new AppError('VERSION_CONFLICT', '申报已被他人修改，请刷新后重试', 'the application changed meanwhile: reload');
    await insertEvent(tx, { type: 'star.self_assessed', ...who(actor), countyId: a.countyId, orgId: a.orgId, orgPath: a.orgPath, targetType: 'star_application', targetId: id, data: { criteria: Object.keys(body.claims).length } });
    return applicationInScope(tx, actor, id);
  });
}

export type StepBody = { step: Step; level?: number; comment?: string | null; assessment?: Record<string, unknown> | null; vetoes?: string[]; docNumber?: string | null; rowVersion: number };

/** Takes one step of the procedure: by its role over the organisation, only from the states that allow it. */
export async function takeStep(db: Db, actor: Actor, id: number, body: StepBody, today: string): Promise<ApplicationRow> {
  const a = await applicationInScope(db, actor, id);
  const role = STEP_ROLE[body.step];
  if (!can(actor, ROLE_ACTION[role], a.orgPath)) {
    throw new AppError('FORBIDDEN', `“${STEP_NAMES[body.step].zh}”须由${role === 'community' ? '申报社区' : role === 'street' ? '街道党工委' : '县评星办'}办理`, `${body.step} is for the ${role}`);
  }
  const [std] = await rows<{ definition: StarStandard }>(db, sql`SELECT definition FROM star_standards WHERE county_id = ${a.countyId} AND id = ${a.standardId}`);
  const known = new Set(std.definition.vetoes.map((v) => v.code));
  const vetoes = body.vetoes ?? a.vetoes;
  const unknown = vetoes.filter((v) => !known.has(v));
  if (unknown.length) throw errors.validation(`标准中没有否决事项 ${unknown.join('、')}`, 'unknown veto items', [{ path: ['vetoes'], message: unknown.join(', ') }]);
  if (body.vetoes && role === 'community') throw errors.validation('否决事项由街道或县认定', 'veto items are found by the street or the county');
  const [{ open }] = await rows<{ open: number }>(db, sql`SELECT count(*)::int AS open FROM star_objections WHERE county_id = ${a.countyId} AND application_id = ${id} AND state = 'open'`);
  const next = nextState({ state: a.state, level: a.level, vetoes: vetoes.length, openObjections: open, noticeOver: a.noticeLast !== null && today > a.noticeLast }, body.step, body.level ?? a.level);
  if (!next.ok) throw new AppError('INVALID_STATE', next.refusal.zh, next.refusal.en);
  if (body.step === 'publish' && !body.docNumber) throw errors.validation('发文公布须填写文号', 'publication needs a document number', [{ path: ['docNumber'], message: '必填' }]);
  const cal = await calendarOf(db);
  const def = std.definition;
  const notice = next.state === 'notice' && a.state !== 'notice' ? workingPeriod(cal, addDays(today, 1), def.noticeWorkingDays) : null;
  const due = next.state === 'submitted' ? addWorkingDays(cal, today, def.stepWorkingDays.streetAssess)
    : next.state === 'assessed' ? addWorkingDays(cal, today, def.stepWorkingDays.countyReview) : null;
  return db.transaction(async (tx) => {
    const r = await rows<{ id: number }>(tx, sql`UPDATE star_applications SET state = ${next.state}, level = ${next.level}, vetoes = ${`{${vetoes.map((v) => `"${v}"`).join(',')}}`}::text[],
      notice_first = coalesce(${notice?.first ?? null}::date, notice_first), notice_last = coalesce(${notice?.last ?? null}::date, notice_last),
      doc_number = coalesce(${body.docNumber ?? null}, doc_number), published_at = CASE WHEN ${next.state} = 'published' THEN now() ELSE published_at END,
      due_on = ${due}::date, row_version = row_version + 1, updated_at = now()
      WHERE county_id = ${a.countyId} AND id = ${id} AND row_version = ${body.rowVersion} AND state = ${a.state} RETURNING id`);
    if (!r.length) throw new AppError('VERSION_CONFLICT', '申报已被他人办理，请刷新后重试', 'the application changed meanwhile: reload');
    await tx.execute(sql`INSERT INTO star_steps (county_id, application_id, step, from_state, to_state, level, comment, assessment, actor_id)
      VALUES (${a.countyId}, ${id}, ${body.step}, ${a.state}, ${next.state}, ${next.level}, ${body.comment ?? null}, ${body.assessment ? JSON.stringify(body.assessment) : null}::jsonb, ${actor.userId})`);
    await insertEvent(tx, { type: 'star.step', ...who(actor), countyId: a.countyId, orgId: a.orgId, orgPath: a.orgPath, targetType: 'star_application', targetId: id,
      data: { step: body.step, from: a.state, to: next.state, level: next.level, vetoes, notice, docNumber: body.docNumber ?? null } });
    const after = await applicationInScope(tx, actor, id);
    await tellWhoActsNext(tx, cal, def, after, body.comment ?? null);
    return after;
  });
}

/** Users holding `role` on the organisation or above it. */
async function holders(tx: Db, role: string, orgPath: string): Promise<number[]> {
  return (await rows<{ id: number }>(tx, sql`SELECT DISTINCT g.user_id AS id FROM grants g JOIN orgs o ON o.id = g.org_id
    WHERE g.role = ${role} AND ${orgPath} LIKE o.path || '%'`)).map((r) => r.id);
}

/** 09:00 China time of a date. */
const morningOf = (date: string) => new Date(`${date}T09:00:00+08:00`);

/**
 * After a step, in its transaction: a notification to whoever acts next (the street, the county,
 * or the community), and a reminder before the deadline (when the job scheduler runs: it does in
 * the server, not in one-off tools).
 */
async function tellWhoActsNext(tx: Db, cal: Calendar, def: StarStandard, a: ApplicationRow, comment: string | null): Promise<void> {
  const link = `/stars/${a.id}`;
  const what = `${a.orgName} ${a.year} 年度${a.level}星级`;
  const plan: { role: string; title: string; remind?: { date: string; title: string } }[] = [];
  if (a.state === 'submitted' && a.dueOn) plan.push({ role: 'street_admin', title: `${what}申报待考核评定，截止 ${a.dueOn}`, remind: { date: subtractWorkingDays(cal, a.dueOn, def.remindBeforeWorkingDays), title: `${what}考核评定将于 ${a.dueOn} 到期` } });
  if (a.state === 'assessed' && a.dueOn) plan.push({ role: 'county_admin', title: `${what}街道已考核，待县审定/验收，截止 ${a.dueOn}`, remind: { date: subtractWorkingDays(cal, a.dueOn, def.remindBeforeWorkingDays), title: `${what}审定/验收将于 ${a.dueOn} 到期` } });
  if (a.state === 'notice' && a.noticeLast) plan.push({ role: 'county_admin', title: `${what}公示期 ${a.noticeFirst} 至 ${a.noticeLast}`, remind: { date: addDays(a.noticeLast, 1), title: `${what}公示期已满：答复全部异议后可发文公布` } });
  if (a.state === 'returned') plan.push({ role: 'community_admin', title: `${what}申报被退回补充材料${comment ? `：${comment}` : ''}` });
  if (a.state === 'approved') plan.push({ role: 'county_admin', title: `${what}已审定，待发文公布` });
  if (a.state === 'published' || a.state === 'refused') plan.push({ role: 'community_admin', title: a.state === 'published' ? `${what}已发文公布（${a.docNumber ?? ''}）` : `${what}不予评定` });
  for (const p of plan) {
    for (const userId of await holders(tx, p.role, a.orgPath)) {
      await notify(tx, { userId, title: p.title.slice(0, 200), link });
      if (p.remind && schedulerRunning()) {
        await scheduleReminder(tx, { userId, title: p.remind.title.slice(0, 200), link, at: morningOf(p.remind.date), key: `star:${a.id}:${a.rowVersion}:${userId}`, countyId: a.countyId });
      }
    }
  }
}

/** Anyone lodges an objection while the notice runs; the receipt lets them read the answer later. */
export async function lodgeObjection(db: Db, keys: Keys, id: number, body: { name?: string | null; contact: string; content: string }, today: string, ip: string | null): Promise<{ receipt: string }> {
  const a = await applicationInScope(db, null, id);
  const refused = objectionAllowed(a.state, today, a.noticeFirst, a.noticeLast);
  if (refused) throw new AppError('INVALID_STATE', refused.zh, refused.en);
  const receipt = crypto.randomBytes(9).toString('base64url');
  return db.transaction(async (tx) => {
    const [o] = await rows<{ id: number }>(tx, sql`INSERT INTO star_objections (county_id, application_id, receipt, name, contact, content)
      VALUES (${a.countyId}, ${id}, ${receipt}, ${body.name ?? null}, ${encrypt(keys, body.contact)}, ${body.content}) RETURNING id`);
    await insertEvent(tx, { type: 'star.objection_lodged', countyId: a.countyId, orgId: a.orgId, orgPath: a.orgPath, targetType: 'star_objection', targetId: o.id, data: { application: id }, ip });
    return { receipt };
  });
}

export type AnswerBody = { decision: 'upheld' | 'dismissed'; answer: string; outcome?: { kind: 'refuse' } | { kind: 'lower'; level: number } };

/** The county answers an objection: upheld refuses or lowers the rating; dismissed keeps it, with the reason the objector sees. */
export async function answerObjection(db: Db, actor: Actor, objectionId: number, body: AnswerBody): Promise<ApplicationRow> {
  const [o] = await rows<{ countyId: number; applicationId: number; state: string }>(db, sql`SELECT county_id AS "countyId", application_id AS "applicationId", state FROM star_objections WHERE id = ${objectionId}`);
  if (!o) throw errors.notFound('异议', 'objection');
  const a = await applicationInScope(db, actor, o.applicationId);
  if (!can(actor, 'rating.decide', a.orgPath)) throw new AppError('FORBIDDEN', '异议由县评星办答复', 'objections are answered by the county');
  if (o.state !== 'open') throw new AppError('INVALID_STATE', '该异议已答复', 'the objection has been answered');
  if (a.state !== 'notice') throw new AppError('INVALID_STATE', '该评定已不在公示中', 'the rating is no longer under notice');
  let effect: { state: State; level: number } | null = null;
  if (body.decision === 'upheld') {
    if (!body.outcome) throw errors.validation('异议成立时须选择不予评定或降低星级', 'an upheld objection refuses or lowers the rating', [{ path: ['outcome'], message: '必填' }]);
    const e = upheldEffect(a.level, body.outcome);
    if (!e.ok) throw errors.validation(e.refusal.zh, e.refusal.en, [{ path: ['outcome', 'level'], message: e.refusal.zh }]);
    effect = e;
  }
  return db.transaction(async (tx) => {
    const done = await rows<{ id: number }>(tx, sql`UPDATE star_objections SET state = ${body.decision}, answer = ${body.answer}, outcome = ${body.outcome ? JSON.stringify(body.outcome) : null}::jsonb,
      answered_by = ${actor.userId}, answered_at = now() WHERE county_id = ${o.countyId} AND id = ${objectionId} AND state = 'open' RETURNING id`);
    if (!done.length) throw new AppError('INVALID_STATE', '该异议已答复', 'the objection has been answered');
    if (effect) {
      await tx.execute(sql`UPDATE star_applications SET state = ${effect.state}, level = ${effect.level}, row_version = row_version + 1, updated_at = now()
        WHERE county_id = ${a.countyId} AND id = ${a.id}`);
      await tx.execute(sql`INSERT INTO star_steps (county_id, application_id, step, from_state, to_state, level, comment, actor_id)
        VALUES (${a.countyId}, ${a.id}, 'objectionUpheld', ${a.state}, ${effect.state}, ${effect.level}, ${body.answer}, ${actor.userId})`);
    }
    await insertEvent(tx, { type: 'star.objection_answered', ...who(actor), countyId: a.countyId, orgId: a.orgId, orgPath: a.orgPath, targetType: 'star_objection', targetId: objectionId,
      data: { application: a.id, decision: body.decision, outcome: body.outcome ?? null } });
    return applicationInScope(tx, actor, a.id);
  });
}
