/**
 * Tables of 网格化管理 and 民情: households in a community's grids; liaisons' visits (民情日记, and per
 * household 民情档案); residents' requests and opinions (诉求, 意见建议) with their categories, every
 * step they go through, and the review meetings (研判) of grid teams, communities and streets.
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { grids, orgs, users } from './schema.js';

const id = (name = 'id') => bigint(name, { mode: 'number' });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** 户: a household in a grid, with its building, unit and room. */
export const households = pgTable('households', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  communityId: id('community_id').notNull().references(() => orgs.id),
  communityPath: text('community_path').notNull(),
  gridId: id('grid_id'),
  building: text('building'),
  unitNo: text('unit_no'),
  room: text('room'),
  address: text('address').notNull(),
  headName: text('head_name'),
  /** 空巢, 独居, 低保 …: what a liaison should know before knocking. */
  tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  foreignKey({ columns: [t.countyId, t.gridId], foreignColumns: [grids.countyId, grids.id] }),
  uniqueIndex('households_id_uq').on(t.id),
  index('households_path_idx').using('btree', sql`${t.communityPath} text_pattern_ops`, t.gridId),
  check('households_address_ck', sql`length(${t.address}) between 1 and 200`),
]);

/** A category of requests, per county: its default handler and its time limit in working days. */
export const requestCategories = pgTable('request_categories', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  /** Who gets a request of this kind at triage unless told otherwise. */
  handler: text('handler').notNull(),
  limitDays: integer('limit_days').notNull(),
  active: boolean('active').notNull().default(true),
  sort: integer('sort').notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  uniqueIndex('request_categories_id_uq').on(t.id),
  uniqueIndex('request_categories_name_uq').on(t.countyId, t.name),
  check('request_categories_handler_ck', sql`${t.handler} in ('grid','community','unit','street')`),
  check('request_categories_limit_ck', sql`${t.limitDays} between 1 and 90`),
  check('request_categories_name_ck', sql`length(${t.name}) between 1 and 30`),
]);

/**
 * 诉求 or 意见建议: raised by a resident (public page) or recorded by a liaison; triaged, assigned to a
 * handler at a level of the ladder (grid → community → street), delivered, worked, resolved or closed
 * without a fix, and confirmed or reopened by the resident, who follows it by its tracking code.
 */
export const requests = pgTable('requests', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  trackingCode: text('tracking_code').notNull(),
  kind: text('kind').notNull().default('诉求'),
  communityId: id('community_id').notNull().references(() => orgs.id),
  communityPath: text('community_path').notNull(),
  gridId: id('grid_id'),
  householdId: id('household_id'),
  categoryId: id('category_id').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  place: text('place'),
  source: text('source').notNull(),
  contactName: text('contact_name'),
  phoneEnc: text('phone_enc'),
  phoneHash: text('phone_hash'),
  phoneMasked: text('phone_masked'),
  photoIds: bigint('photo_ids', { mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
  state: text('state').notNull().default('triage'),
  /** The ladder's rung that holds it now. */
  level: text('level'),
  handlerKind: text('handler_kind'),
  /** The organisation that answers for it (the community, or the street). */
  handlerOrgId: id('handler_org_id').references(() => orgs.id),
  handlerPath: text('handler_path'),
  handlerGridId: id('handler_grid_id'),
  handlerUnitId: id('handler_unit_id'),
  handlerNote: text('handler_note'),
  assignedAt: ts('assigned_at'),
  deliveredAt: ts('delivered_at'),
  dueOn: date('due_on', { mode: 'string' }),
  escalations: integer('escalations').notNull().default(0),
  /** 'fixed' or 'not_fixed', and who said so. */
  outcome: text('outcome'),
  outcomeBy: text('outcome_by'),
  outcomeNote: text('outcome_note'),
  outcomeAt: ts('outcome_at'),
  /** The day it was resolved or closed, for time-to-resolve and overdue counts. */
  outcomeOn: date('outcome_on', { mode: 'string' }),
  satisfaction: smallint('satisfaction'),
  confirmedAt: ts('confirmed_at'),
  reopened: integer('reopened').notNull().default(0),
  mergedInto: id('merged_into'),
  raisedOn: date('raised_on', { mode: 'string' }).notNull(),
  raisedBy: id('raised_by').references(() => users.id),
  rowVersion: integer('row_version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  uniqueIndex('requests_id_uq').on(t.id),
  uniqueIndex('requests_tracking_uq').on(t.trackingCode),
  // migration 0012 rebuilds it with INCLUDE (county_id, id), so a page's ids come from an index-only scan
  index('requests_path_state_idx').using('btree', sql`${t.communityPath} text_pattern_ops`, t.state),
  index('requests_handler_idx').using('btree', sql`${t.handlerPath} text_pattern_ops`, t.state),
  index('requests_open_due_idx').on(t.countyId, t.dueOn).where(sql`${t.state} in ('assigned','in_progress')`),
  index('requests_merged_idx').on(t.countyId, t.mergedInto).where(sql`${t.mergedInto} is not null`),
  check('requests_kind_ck', sql`${t.kind} in ('诉求','意见建议')`),
  check('requests_state_ck', sql`${t.state} in ('triage','assigned','in_progress','resolved','closed','confirmed','merged')`),
  check('requests_level_ck', sql`${t.level} is null or ${t.level} in ('grid','community','street')`),
  check('requests_handler_kind_ck', sql`${t.handlerKind} is null or ${t.handlerKind} in ('grid','community','unit','street')`),
  check('requests_source_ck', sql`${t.source} in ('public','liaison','visit','hall')`),
  check('requests_outcome_ck', sql`(${t.outcome} is null) = (${t.state} in ('triage','assigned','in_progress','merged')) and (${t.outcome} is null or ${t.outcome} in ('fixed','not_fixed'))`),
  check('requests_satisfaction_ck', sql`(${t.satisfaction} is null or ${t.satisfaction} between 1 and 5) and ((${t.state} = 'confirmed') = (${t.confirmedAt} is not null))`),
  check('requests_text_ck', sql`length(${t.title}) between 1 and 60 and length(${t.body}) between 1 and 2000 and (${t.place} is null or length(${t.place}) <= 200)`),
  check('requests_assigned_ck', sql`${t.state} in ('triage','merged') or (${t.handlerKind} is not null and ${t.dueOn} is not null and ${t.level} is not null)`),
  check('requests_merged_ck', sql`(${t.state} = 'merged') = (${t.mergedInto} is not null)`),
  check('requests_photos_ck', sql`cardinality(${t.photoIds}) <= 3`),
]);

/** Every step of a request, in order; `publicNote` is what the resident sees. Append-only. */
export const requestSteps = pgTable('request_steps', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  requestId: id('request_id').notNull(),
  action: text('action').notNull(),
  fromState: text('from_state'),
  toState: text('to_state').notNull(),
  level: text('level'),
  actorId: id('actor_id').references(() => users.id),
  /** The person (or '居民' for the resident) as the resident is shown it. */
  actorName: text('actor_name').notNull(),
  publicNote: text('public_note'),
  note: text('note'),
  at: ts('at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  index('request_steps_request_idx').on(t.countyId, t.requestId, t.id),
  check('request_steps_action_ck', sql`${t.action} in ('raised','triaged','assigned','delivered','started','resolved','closed','confirmed','reopened','escalated','merged','noted')`),
  check('request_steps_note_ck', sql`(${t.note} is null or length(${t.note}) <= 1000) and (${t.publicNote} is null or length(${t.publicNote}) <= 500)`),
]);

/** 走访: a liaison's visit to a household, a group, an enterprise or a project; together the 民情日记. */
export const visits = pgTable('visits', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  communityId: id('community_id').notNull().references(() => orgs.id),
  communityPath: text('community_path').notNull(),
  gridId: id('grid_id'),
  householdId: id('household_id'),
  kind: text('kind').notNull(),
  visitedOn: date('visited_on', { mode: 'string' }).notNull(),
  /** Who was met, where. */
  whom: text('whom').notNull(),
  place: text('place'),
  heard: text('heard').notNull(),
  followUp: text('follow_up'),
  /** The request the visit raised, if any. */
  requestId: id('request_id'),
  liaisonId: id('liaison_id').notNull().references(() => users.id),
  liaisonName: text('liaison_name').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  index('visits_path_idx').using('btree', sql`${t.communityPath} text_pattern_ops`, t.visitedOn),
  index('visits_liaison_idx').on(t.countyId, t.liaisonId, t.visitedOn),
  index('visits_household_idx').on(t.countyId, t.householdId),
  check('visits_kind_ck', sql`${t.kind} in ('走访','联户','联组','联企业','联工程','民主恳谈','民情沟通日')`),
  check('visits_text_ck', sql`length(${t.whom}) between 1 and 100 and length(${t.heard}) between 1 and 2000 and (${t.followUp} is null or length(${t.followUp}) <= 1000) and (${t.place} is null or length(${t.place}) <= 200)`),
]);

/** 研判: a review meeting of a grid team (weekly), a community (half-monthly) or a street (monthly): its agenda as prepared, and its decisions. */
export const reviewMeetings = pgTable('review_meetings', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  level: text('level').notNull(),
  orgId: id('org_id').notNull().references(() => orgs.id),
  orgPath: text('org_path').notNull(),
  gridId: id('grid_id'),
  periodStart: date('period_start', { mode: 'string' }).notNull(),
  periodEnd: date('period_end', { mode: 'string' }).notNull(),
  heldOn: date('held_on', { mode: 'string' }).notNull(),
  attendees: text('attendees').notNull(),
  agenda: jsonb('agenda').notNull(),
  decisions: jsonb('decisions').notNull(),
  createdBy: id('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  index('review_meetings_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.heldOn),
  uniqueIndex('review_meetings_period_uq').on(t.countyId, t.orgId, t.level, t.periodStart, sql`coalesce(${t.gridId}, 0)`),
  check('review_meetings_level_ck', sql`${t.level} in ('grid','community','street')`),
  check('review_meetings_period_ck', sql`${t.periodEnd} >= ${t.periodStart}`),
  check('review_meetings_attendees_ck', sql`length(${t.attendees}) between 1 and 500`),
]);

/** 党员联系户 and the "四联": a member linked to a household (联户), a grid group (联组), an enterprise (联企业) or a project (联工程). */
export const contactLinks = pgTable('contact_links', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  communityId: id('community_id').notNull().references(() => orgs.id),
  communityPath: text('community_path').notNull(),
  memberId: id('member_id').notNull(),
  memberName: text('member_name').notNull(),
  kind: text('kind').notNull(),
  householdId: id('household_id'),
  gridId: id('grid_id'),
  unitId: id('unit_id'),
  project: text('project'),
  since: date('since', { mode: 'string' }).notNull(),
  until: date('until', { mode: 'string' }),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  index('contact_links_path_idx').using('btree', sql`${t.communityPath} text_pattern_ops`, t.kind),
  index('contact_links_member_idx').on(t.countyId, t.memberId),
  check('contact_links_kind_ck', sql`${t.kind} in ('联户','联组','联企业','联工程')`),
  check('contact_links_target_ck', sql`(${t.kind} = '联户') = (${t.householdId} is not null) and (${t.kind} = '联组') = (${t.gridId} is not null)
    and (${t.kind} = '联企业') = (${t.unitId} is not null) and (${t.kind} = '联工程') = (${t.project} is not null)`),
  check('contact_links_dates_ck', sql`${t.until} is null or ${t.until} >= ${t.since}`),
]);

/** The kinds of 办事 a county's one-stop halls handle for residents (养老保险, 医疗报销 …): data, editable. */
export const hallKinds = pgTable('hall_kinds', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  active: boolean('active').notNull().default(true),
  sort: integer('sort').notNull().default(0),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  uniqueIndex('hall_kinds_name_uq').on(t.countyId, t.name),
  check('hall_kinds_name_ck', sql`length(${t.name}) between 1 and 30`),
]);

/** 办事档案: a service done on a resident's behalf at the one-stop hall (代办), from accepted to done or referred. */
export const hallCases = pgTable('hall_cases', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  communityId: id('community_id').notNull().references(() => orgs.id),
  communityPath: text('community_path').notNull(),
  residentId: id('resident_id'),
  residentName: text('resident_name').notNull(),
  householdId: id('household_id'),
  kindId: id('kind_id').notNull(),
  matter: text('matter').notNull(),
  state: text('state').notNull().default('accepted'),
  acceptedOn: date('accepted_on', { mode: 'string' }).notNull(),
  doneOn: date('done_on', { mode: 'string' }),
  result: text('result'),
  handlerId: id('handler_id').notNull().references(() => users.id),
  handlerName: text('handler_name').notNull(),
  rowVersion: integer('row_version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  index('hall_cases_path_idx').using('btree', sql`${t.communityPath} text_pattern_ops`, t.acceptedOn),
  index('hall_cases_household_idx').on(t.countyId, t.householdId),
  check('hall_cases_state_ck', sql`${t.state} in ('accepted','done','referred')`),
  check('hall_cases_done_ck', sql`(${t.state} = 'accepted') = (${t.doneOn} is null) and (${t.doneOn} is null or ${t.doneOn} >= ${t.acceptedOn})`),
  check('hall_cases_text_ck', sql`length(${t.matter}) between 1 and 500 and (${t.result} is null or length(${t.result}) <= 500)`),
]);
