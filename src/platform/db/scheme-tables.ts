/**
 * Tables of assessment schemes, the points ledger, year-end runs and the tasks they open.
 * Schemes are reference data (rule sets); ledger entries, run results and tasks are tenant rows
 * with `county_id` in their keys. The ledger is append-only (a trigger in the hand-written
 * migration allows nothing but confirming a pending entry).
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgs, users } from './schema.js';

const id = (name = 'id') => bigint(name, { mode: 'number' });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A scheme: one locality's way of scoring, under a stable code; its rules live in versions. */
export const schemes = pgTable('schemes', {
  id: id().primaryKey().generatedByDefaultAsIdentity(),
  /** The locality: the scheme applies inside this organisation's subtree. */
  orgId: id('org_id').notNull().references(() => orgs.id),
  orgPath: text('org_path').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  subject: text('subject').notNull(),
  templateKey: text('template_key'),
  archived: boolean('archived').notNull().default(false),
  createdBy: id('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  uniqueIndex('schemes_org_code_uq').on(t.orgId, t.code),
  index('schemes_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  check('schemes_subject_ck', sql`${t.subject} in ('member','org')`),
  check('schemes_code_ck', sql`${t.code} ~ '^[A-Za-z0-9_.-]{1,40}$'`),
  check('schemes_name_ck', sql`length(${t.name}) between 1 and 100`),
]);

/** One immutable version of a scheme's rules, in force from its effective year. */
export const schemeVersions = pgTable('scheme_versions', {
  id: id().primaryKey().generatedByDefaultAsIdentity(),
  schemeId: id('scheme_id').notNull().references(() => schemes.id),
  version: integer('version').notNull(),
  year: integer('year').notNull(),
  source: text('source'),
  note: text('note'),
  definition: jsonb('definition').notNull(),
  createdBy: id('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  uniqueIndex('scheme_versions_uq').on(t.schemeId, t.version),
  check('scheme_versions_year_ck', sql`${t.year} between 2000 and 2100`),
  check('scheme_versions_version_ck', sql`${t.version} >= 1`),
]);

/** The points ledger: append-only entries for members and organisations. */
export const pointEntries = pgTable('point_entries', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  schemeId: id('scheme_id').notNull().references(() => schemes.id),
  versionId: id('version_id').notNull().references(() => schemeVersions.id),
  year: integer('year').notNull(),
  subjectKind: text('subject_kind').notNull(),
  /** The member scored; null for an organisation's entry. */
  memberId: id('member_id'),
  /** The member's branch when recorded, or the organisation scored. */
  orgId: id('org_id').notNull().references(() => orgs.id),
  orgPath: text('org_path').notNull(),
  /** The subject: the member's id or the organisation's id. */
  subjectId: id('subject_id').notNull(),
  indicator: text('indicator').notNull(),
  /** The indicator's dimension when recorded ('' when the scheme has none). */
  dimension: text('dimension').notNull().default(''),
  points: numeric('points', { precision: 8, scale: 2 }).notNull(),
  occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
  evidence: text('evidence'),
  fileId: id('file_id'),
  source: text('source').notNull(),
  /** Idempotency key of an award from an event elsewhere: one source event, one entry. */
  sourceKey: text('source_key'),
  /** The entry this one reverses. */
  correctsId: id('corrects_id'),
  status: text('status').notNull(),
  recordedBy: id('recorded_by').references(() => users.id),
  recordedAt: ts('recorded_at').notNull().defaultNow(),
  decidedBy: id('decided_by').references(() => users.id),
  decidedAt: ts('decided_at'),
  decisionNote: text('decision_note'),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  uniqueIndex('point_entries_id_uq').on(t.id),
  foreignKey({ columns: [t.countyId, t.correctsId], foreignColumns: [t.countyId, t.id] }),
  index('point_entries_run_idx').on(t.countyId, t.schemeId, t.year, t.subjectId).where(sql`${t.status} = 'confirmed'`),
  index('point_entries_cap_idx').on(t.countyId, t.schemeId, t.year, t.subjectId, t.indicator),
  index('point_entries_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.year),
  index('point_entries_pending_idx').on(t.countyId, t.status).where(sql`${t.status} = 'pending'`),
  uniqueIndex('point_entries_source_uq').on(t.countyId, t.schemeId, t.sourceKey),
  uniqueIndex('point_entries_corrects_uq').on(t.countyId, t.correctsId),
  check('point_entries_kind_ck', sql`${t.subjectKind} in ('member','org')`),
  check('point_entries_member_ck', sql`(${t.subjectKind} = 'member') = (${t.memberId} is not null)`),
  check('point_entries_status_ck', sql`${t.status} in ('confirmed','pending','rejected')`),
  check('point_entries_source_ck', sql`${t.source} in ('manual','excel','award')`),
  check('point_entries_points_ck', sql`${t.points} <> 0 and ${t.points} between -1000 and 1000`),
  check('point_entries_year_ck', sql`${t.year} between 2000 and 2100 and extract(year from ${t.occurredOn}) = ${t.year}`),
  check('point_entries_evidence_ck', sql`${t.evidence} is null or length(${t.evidence}) <= 1000`),
]);

/**
 * Confirmed points per subject and dimension, kept by statement triggers on the ledger (hand-written
 * migration 0004) in the transaction that writes the entries: what a year-end run reads instead of
 * summing the whole ledger. Publication checks it against the ledger itself.
 */
export const pointTotals = pgTable('point_totals', {
  countyId: id('county_id').notNull(),
  schemeId: id('scheme_id').notNull(),
  year: integer('year').notNull(),
  subjectId: id('subject_id').notNull(),
  dimension: text('dimension').notNull(),
  points: numeric('points', { precision: 14, scale: 2 }).notNull(),
  entries: integer('entries').notNull(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.schemeId, t.year, t.subjectId, t.dimension] }),
]);

/** A year-end run of a scheme version over a subtree: draft, then published and frozen. */
export const schemeRuns = pgTable('scheme_runs', {
  id: id().primaryKey().generatedByDefaultAsIdentity(),
  countyId: id('county_id'),
  schemeId: id('scheme_id').notNull().references(() => schemes.id),
  versionId: id('version_id').notNull().references(() => schemeVersions.id),
  year: integer('year').notNull(),
  orgId: id('org_id').notNull().references(() => orgs.id),
  orgPath: text('org_path').notNull(),
  status: text('status').notNull(),
  subjects: integer('subjects').notNull(),
  entries: integer('entries').notNull(),
  /** Sum of the counted points, with `entries` a fingerprint of the ledger the run read. */
  ledgerSum: numeric('ledger_sum', { precision: 14, scale: 2 }).notNull(),
  /** SM3 of the canonical results: the same ledger and scheme give the same hash. */
  resultHash: text('result_hash').notNull(),
  summary: jsonb('summary').notNull(),
  /** For a run after publication: the published run it is compared with. */
  comparesWith: id('compares_with'),
  createdBy: id('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
  ms: integer('ms').notNull().default(0),
  publishedBy: id('published_by').references(() => users.id),
  publishedAt: ts('published_at'),
}, (t) => [
  index('scheme_runs_scheme_idx').on(t.schemeId, t.year),
  index('scheme_runs_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  uniqueIndex('scheme_runs_published_uq').on(t.schemeId, t.year, t.orgId).where(sql`${t.status} = 'published'`),
  check('scheme_runs_status_ck', sql`${t.status} in ('draft','published','superseded')`),
]);

/** One subject's result in a run. */
export const runResults = pgTable('run_results', {
  countyId: id('county_id').notNull(),
  runId: id('run_id').notNull(),
  subjectId: id('subject_id').notNull(),
  orgId: id('org_id').notNull(),
  tier: text('tier'),
  total: numeric('total', { precision: 10, scale: 2 }).notNull(),
  grade: text('grade'),
  scoreGrade: text('score_grade'),
  rank: integer('rank').notNull(),
  groupRank: integer('group_rank').notNull(),
  quotaAdjusted: boolean('quota_adjusted').notNull(),
  award: numeric('award', { precision: 12, scale: 2 }).notNull(),
  actions: text('actions').array().notNull(),
  flags: text('flags').array().notNull(),
}, (t) => [
  // one index, led by the run: every read is of one run (pages sorted by rank are a top-N sort),
  // and a run of a county writes 100,000 rows into it
  primaryKey({ name: 'run_results_pk', columns: [t.runId, t.subjectId, t.countyId] }),
]);

/** Tracked tasks a published run or a counted evaluation opens: rectification, disposal proceedings. */
export const orgTasks = pgTable('org_tasks', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  orgId: id('org_id').notNull().references(() => orgs.id),
  orgPath: text('org_path').notNull(),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  subjectKind: text('subject_kind').notNull(),
  subjectId: id('subject_id').notNull(),
  /** What opened it (exactly one): a published year-end run, a published 民主评议, or an unkept commitment (承诺与问责). */
  runId: id('run_id').references(() => schemeRuns.id),
  evalCampaignId: id('eval_campaign_id'),
  commitmentId: id('commitment_id'),
  options: text('options').array().notNull(),
  status: text('status').notNull().default('open'),
  dueOn: date('due_on', { mode: 'string' }),
  outcome: text('outcome'),
  resolution: text('resolution'),
  closedBy: id('closed_by').references(() => users.id),
  closedAt: ts('closed_at'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  uniqueIndex('org_tasks_id_uq').on(t.id),
  uniqueIndex('org_tasks_run_subject_uq').on(t.runId, t.subjectKind, t.subjectId, t.kind),
  uniqueIndex('org_tasks_eval_subject_uq').on(t.evalCampaignId, t.subjectKind, t.subjectId, t.kind),
  uniqueIndex('org_tasks_commitment_uq').on(t.commitmentId, t.kind),
  check('org_tasks_source_ck', sql`(${t.runId} is not null)::int + (${t.evalCampaignId} is not null)::int + (${t.commitmentId} is not null)::int = 1`),
  index('org_tasks_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.status),
  check('org_tasks_kind_ck', sql`${t.kind} in ('rectification','disposal','accountability')`),
  check('org_tasks_status_ck', sql`${t.status} in ('open','in_progress','done','cancelled')`),
  check('org_tasks_resolution_ck', sql`${t.resolution} is null or length(${t.resolution}) <= 2000`),
]);
