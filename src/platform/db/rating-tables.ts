/**
 * Tables of 评星晋级: each county's star standard by year (immutable versions), the applications
 * that go through the procedure, the append-only log of their steps, and the objections lodged
 * during a public notice. Tenant rows carry `county_id` in their keys. Per-date calendar
 * overrides (holidays, adjusted working days) are reference data.
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgs, users } from './schema.js';

const id = (name = 'id') => bigint(name, { mode: 'number' });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** One immutable version of a county's star standard, in force for its year. */
export const starStandards = pgTable('star_standards', {
  countyId: id('county_id').notNull().references(() => orgs.id),
  id: id().notNull().generatedByDefaultAsIdentity(),
  year: integer('year').notNull(),
  version: integer('version').notNull(),
  definition: jsonb('definition').notNull(),
  note: text('note'),
  createdBy: id('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  uniqueIndex('star_standards_year_uq').on(t.countyId, t.year, t.version),
  check('star_standards_year_ck', sql`${t.year} between 2000 and 2100`),
]);

/** A community organisation's application for a star level in a year, and where it stands. */
export const starApplications = pgTable('star_applications', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  orgId: id('org_id').notNull().references(() => orgs.id),
  orgPath: text('org_path').notNull(),
  year: integer('year').notNull(),
  standardId: id('standard_id').notNull(),
  appliedLevel: integer('applied_level').notNull(),
  level: integer('level').notNull(),
  state: text('state').notNull().default('draft'),
  /** The self-assessment: measurable facts of the year. */
  facts: jsonb('facts').notNull().default(sql`'{}'::jsonb`),
  /** Per criterion code: { met: boolean, note, evidence: [{ kind: 'file'|'link'|'text', … }] }. */
  claims: jsonb('claims').notNull().default(sql`'{}'::jsonb`),
  /** Veto codes found to hold (by the street or the county). */
  vetoes: text('vetoes').array().notNull().default(sql`'{}'::text[]`),
  noticeFirst: date('notice_first'),
  noticeLast: date('notice_last'),
  docNumber: text('doc_number'),
  publishedAt: ts('published_at'),
  /** The deadline of the step now awaited (working days on the calendar). */
  dueOn: date('due_on'),
  rowVersion: integer('row_version').notNull().default(1),
  createdBy: id('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  foreignKey({ columns: [t.countyId, t.standardId], foreignColumns: [starStandards.countyId, starStandards.id] }),
  uniqueIndex('star_applications_org_year_uq').on(t.countyId, t.orgId, t.year),
  index('star_applications_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  index('star_applications_year_idx').on(t.countyId, t.year, t.state),
  check('star_applications_level_ck', sql`${t.level} between 1 and 5 and ${t.appliedLevel} between 1 and 5 and ${t.level} <= ${t.appliedLevel}`),
  check('star_applications_state_ck', sql`${t.state} in ('draft','submitted','returned','assessed','approved','notice','published','refused')`),
  check('star_applications_notice_ck', sql`(${t.noticeFirst} is null) = (${t.noticeLast} is null) and (${t.noticeFirst} is null or ${t.noticeFirst} <= ${t.noticeLast})`),
]);

/** Every step taken on an application, in order; never changed (a trigger refuses it). */
export const starSteps = pgTable('star_steps', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  applicationId: id('application_id').notNull(),
  step: text('step').notNull(),
  fromState: text('from_state').notNull(),
  toState: text('to_state').notNull(),
  level: integer('level').notNull(),
  comment: text('comment'),
  /** The street's assessment per criterion: { code: { score, comment, met } }. */
  assessment: jsonb('assessment'),
  actorId: id('actor_id').references(() => users.id),
  at: ts('at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  foreignKey({ columns: [t.countyId, t.applicationId], foreignColumns: [starApplications.countyId, starApplications.id] }),
  index('star_steps_app_idx').on(t.countyId, t.applicationId),
]);

/** An objection lodged by anyone during a public notice, and its answer. */
export const starObjections = pgTable('star_objections', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  applicationId: id('application_id').notNull(),
  /** What the objector keeps to read the answer later (random, shown once). */
  receipt: text('receipt').notNull(),
  name: text('name'),
  /** Contact details, encrypted (SM4). */
  contact: text('contact').notNull(),
  content: text('content').notNull(),
  state: text('state').notNull().default('open'),
  answer: text('answer'),
  outcome: jsonb('outcome'),
  answeredBy: id('answered_by').references(() => users.id),
  answeredAt: ts('answered_at'),
  lodgedAt: ts('lodged_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  foreignKey({ columns: [t.countyId, t.applicationId], foreignColumns: [starApplications.countyId, starApplications.id] }),
  uniqueIndex('star_objections_receipt_uq').on(t.receipt),
  index('star_objections_app_idx').on(t.countyId, t.applicationId),
  check('star_objections_state_ck', sql`${t.state} in ('open','upheld','dismissed')`),
  check('star_objections_content_ck', sql`length(${t.content}) between 5 and 2000`),
]);

/** Per-date calendar data added by administrators over the shipped schedule (holidays, adjusted working days). */
export const calendarDays = pgTable('calendar_days', {
  date: date('date').primaryKey(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  createdBy: id('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  check('calendar_days_kind_ck', sql`${t.kind} in ('holiday','workday')`),
]);

/**
 * Whether an organisation met the 五好 standard in a year (领导班子好, 党员队伍好, 工作机制好,
 * 工作业绩好, 群众反映好): one row per organisation and year, set by the street or the county. The
 * category (社区, 企业, 机关, 事业单位) is the one the organisation had when it was assessed.
 */
export const fiveGoodRatings = pgTable('five_good_ratings', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  orgId: id('org_id').notNull().references(() => orgs.id),
  orgPath: text('org_path').notNull(),
  year: integer('year').notNull(),
  category: text('category').notNull(),
  leadership: boolean('leadership').notNull(),
  members: boolean('members').notNull(),
  mechanism: boolean('mechanism').notNull(),
  performance: boolean('performance').notNull(),
  reputation: boolean('reputation').notNull(),
  /** All five hold. */
  met: boolean('met').notNull(),
  note: text('note'),
  rowVersion: integer('row_version').notNull().default(1),
  assessedBy: id('assessed_by').references(() => users.id),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  uniqueIndex('five_good_org_year_uq').on(t.countyId, t.orgId, t.year),
  index('five_good_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.year),
  check('five_good_category_ck', sql`${t.category} in ('community','enterprise','organ','institution')`),
  check('five_good_met_ck', sql`${t.met} = (${t.leadership} and ${t.members} and ${t.mechanism} and ${t.performance} and ${t.reputation})`),
  check('five_good_year_ck', sql`${t.year} between 2000 and 2100`),
]);

/** 党建“创新奖”: an award to a community organisation for a year, with its amount (yuan). */
export const innovationAwards = pgTable('innovation_awards', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  orgId: id('org_id').notNull().references(() => orgs.id),
  orgPath: text('org_path').notNull(),
  year: integer('year').notNull(),
  title: text('title').notNull(),
  amount: numeric('amount', { precision: 12, scale: 2, mode: 'number' }).notNull(),
  note: text('note'),
  awardedBy: id('awarded_by').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  uniqueIndex('innovation_awards_org_year_uq').on(t.countyId, t.orgId, t.year),
  index('innovation_awards_year_idx').on(t.countyId, t.year),
  check('innovation_awards_amount_ck', sql`${t.amount} >= 0`),
  check('innovation_awards_title_ck', sql`length(${t.title}) between 1 and 100`),
]);

/**
 * How many organisations met 五好 per county, year and category: kept by statement triggers on
 * five_good_ratings (drizzle/0007), so that a province's shares read a few hundred rows.
 */
export const fiveGoodTotals = pgTable('five_good_totals', {
  countyId: id('county_id').notNull(),
  year: integer('year').notNull(),
  category: text('category').notNull(),
  met: integer('met').notNull(),
}, (t) => [primaryKey({ columns: [t.countyId, t.year, t.category] })]);
