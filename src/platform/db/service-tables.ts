/**
 * Tables of 点对点服务 and volunteering: residents' service needs (the elderly, the disabled, families in
 * hardship …), in-service members' claims on them and the services recorded, confirmed by the resident
 * and turned into points once; the rules that say which indicator of which scheme a confirmed service
 * earns; volunteer teams' activities with sign-up, attendance and hours.
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgs, users } from './schema.js';

const id = (name = 'id') => bigint(name, { mode: 'number' });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A resident's standing need for service (服务需求档案). */
export const serviceNeeds = pgTable('service_needs', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  communityId: id('community_id').notNull().references(() => orgs.id),
  communityPath: text('community_path').notNull(),
  residentId: id('resident_id').notNull(),
  residentName: text('resident_name').notNull(),
  householdId: id('household_id'),
  kind: text('kind').notNull(),
  need: text('need').notNull(),
  state: text('state').notNull().default('open'),
  createdBy: id('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
  rowVersion: integer('row_version').notNull().default(1),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  uniqueIndex('service_needs_id_uq').on(t.id),
  index('service_needs_path_idx').using('btree', sql`${t.communityPath} text_pattern_ops`, t.state),
  check('service_needs_kind_ck', sql`${t.kind} in ('高龄','独居','残疾','困难家庭','留守儿童','重病','其他')`),
  check('service_needs_state_ck', sql`${t.state} in ('open','closed')`),
  check('service_needs_need_ck', sql`length(${t.need}) between 1 and 500`),
]);

/**
 * A member's claim on a need and the services done under it: claimed → served (recorded by the member)
 * → confirmed by the resident, which awards the points once (the ledger's source key is this row's id
 * and the service's date), or withdrawn.
 */
export const needServices = pgTable('need_services', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  needId: id('need_id').notNull(),
  memberId: id('member_id').notNull(),
  memberName: text('member_name').notNull(),
  memberPath: text('member_path').notNull(),
  state: text('state').notNull().default('claimed'),
  servedOn: date('served_on', { mode: 'string' }),
  record: text('record'),
  hours: doublePrecision('hours'),
  /** Keyed hash of the code the resident confirms with (given to the resident, not to the member). */
  confirmHash: text('confirm_hash'),
  satisfaction: integer('satisfaction'),
  confirmedAt: ts('confirmed_at'),
  pointEntryId: id('point_entry_id'),
  rowVersion: integer('row_version').notNull().default(1),
  claimedAt: ts('claimed_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  uniqueIndex('need_services_id_uq').on(t.id),
  index('need_services_need_idx').on(t.countyId, t.needId),
  index('need_services_member_idx').on(t.countyId, t.memberId),
  check('need_services_state_ck', sql`${t.state} in ('claimed','served','confirmed','withdrawn')`),
  check('need_services_served_ck', sql`(${t.state} in ('served','confirmed')) = (${t.servedOn} is not null and ${t.record} is not null)`),
  check('need_services_confirmed_ck', sql`(${t.state} = 'confirmed') = (${t.confirmedAt} is not null)`),
  check('need_services_hours_ck', sql`${t.hours} is null or (${t.hours} > 0 and ${t.hours} <= 24)`),
  check('need_services_record_ck', sql`${t.record} is null or length(${t.record}) between 1 and 1000`),
  check('need_services_satisfaction_ck', sql`${t.satisfaction} is null or ${t.satisfaction} between 1 and 5`),
]);

/** Which indicator of which points scheme a confirmed service earns, for members under an organisation (the nearest rule wins). */
export const servicePointRules = pgTable('service_point_rules', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  orgId: id('org_id').notNull().references(() => orgs.id),
  orgPath: text('org_path').notNull(),
  schemeId: id('scheme_id').notNull(),
  indicator: text('indicator').notNull(),
  createdBy: id('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  uniqueIndex('service_point_rules_org_uq').on(t.countyId, t.orgId),
]);

/** A volunteer team's activity (志愿服务活动): when, where, how many places, how many hours. */
export const volunteerActivities = pgTable('volunteer_activities', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  teamId: id('team_id').notNull(),
  orgId: id('org_id').notNull().references(() => orgs.id),
  orgPath: text('org_path').notNull(),
  title: text('title').notNull(),
  place: text('place').notNull(),
  startsAt: ts('starts_at').notNull(),
  endsAt: ts('ends_at').notNull(),
  places: integer('places').notNull(),
  state: text('state').notNull().default('open'),
  note: text('note'),
  createdBy: id('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
  rowVersion: integer('row_version').notNull().default(1),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  uniqueIndex('volunteer_activities_id_uq').on(t.id),
  index('volunteer_activities_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.startsAt),
  check('volunteer_activities_state_ck', sql`${t.state} in ('open','done','cancelled')`),
  check('volunteer_activities_time_ck', sql`${t.endsAt} > ${t.startsAt}`),
  check('volunteer_activities_places_ck', sql`${t.places} between 1 and 1000`),
  check('volunteer_activities_text_ck', sql`length(${t.title}) between 1 and 60 and length(${t.place}) between 1 and 200`),
]);

/** Who signed up for an activity, whether they came, and the hours credited. */
export const activitySignups = pgTable('activity_signups', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  activityId: id('activity_id').notNull(),
  personKind: text('person_kind').notNull(),
  personId: id('person_id').notNull(),
  name: text('name').notNull(),
  attended: boolean('attended'),
  hours: doublePrecision('hours'),
  signedAt: ts('signed_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  uniqueIndex('activity_signups_person_uq').on(t.countyId, t.activityId, t.personKind, t.personId),
  check('activity_signups_kind_ck', sql`${t.personKind} in ('member','resident')`),
  check('activity_signups_hours_ck', sql`(${t.hours} is null or (${t.hours} >= 0 and ${t.hours} <= 24)) and (${t.attended} is true or ${t.hours} is null or ${t.hours} = 0)`),
]);
