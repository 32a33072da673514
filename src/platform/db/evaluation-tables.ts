/**
 * Tables of 民主评议 by two secret ballots (docs/BALLOT-SECRECY.md says why each is shaped so):
 * campaigns; the members evaluated; the register of voters (who may vote, never which code or
 * ballot is theirs); per constituency, the hashes of the valid codes and of the used ones, and the
 * box, each an array kept sorted by value so that nothing in it follows the order of voting and no
 * ballot has a row, an id or a time of its own; the tellers' shares brought to the count; and,
 * after the count, the opened ballots (sorted by content) and each member's result.
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, customType, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgs, users } from './schema.js';

const id = (name = 'id') => bigint(name, { mode: 'number' });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
const byteaArray = customType<{ data: Buffer[]; driverData: Buffer[] }>({ dataType: () => 'bytea[]' });

/** An evaluation campaign of one organisation (usually a branch) for one year. */
export const evalCampaigns = pgTable('eval_campaigns', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  orgId: id('org_id').notNull().references(() => orgs.id),
  orgPath: text('org_path').notNull(),
  year: integer('year').notNull(),
  name: text('name').notNull(),
  /** The combination rule in force (see src/modules/evaluation/rules.ts). */
  rule: jsonb('rule').notNull(),
  state: text('state').notNull().default('draft'),
  opensAt: ts('opens_at').notNull(),
  closesAt: ts('closes_at').notNull(),
  /** The box's public key (X25519, raw); the private key exists only as the tellers' shares. */
  publicKey: bytea('public_key'),
  /** Key of the code hashes (HMAC-SHA256), random per campaign. */
  codeKey: bytea('code_key'),
  tellerIds: bigint('teller_ids', { mode: 'number' }).array().notNull(),
  threshold: integer('threshold').notNull(),
  /** SM3 of each teller's share text, in teller order, to tell a mistyped share at the count. */
  shareChecks: text('share_checks').array(),
  /** The fixed length every ballot is padded to before sealing. */
  ballotBytes: integer('ballot_bytes').notNull(),
  /** Optional points into the members' ledger at publication: { schemeId, indicators: { grade: indicator code } }. */
  points: jsonb('points'),
  rowVersion: integer('row_version').notNull().default(1),
  createdBy: id('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  index('eval_campaigns_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.year),
  check('eval_campaigns_state_ck', sql`${t.state} in ('draft','open','closed','counted','published')`),
  check('eval_campaigns_window_ck', sql`${t.opensAt} < ${t.closesAt}`),
  check('eval_campaigns_threshold_ck', sql`${t.threshold} >= 1 and ${t.threshold} <= cardinality(${t.tellerIds})`),
  check('eval_campaigns_name_ck', sql`length(${t.name}) between 1 and 100`),
]);

/** A member on the ballot; a probationary member takes part but is not graded. */
export const evalSubjects = pgTable('eval_subjects', {
  countyId: id('county_id').notNull(),
  campaignId: id('campaign_id').notNull(),
  memberId: id('member_id').notNull(),
  name: text('name').notNull(),
  graded: boolean('graded').notNull(),
}, (t) => [primaryKey({ columns: [t.countyId, t.campaignId, t.memberId] })]);

/** Who may vote in each constituency: a register with no code, no ballot and no time of voting. */
export const evalVoters = pgTable('eval_voters', {
  countyId: id('county_id').notNull(),
  campaignId: id('campaign_id').notNull(),
  constituency: text('constituency').notNull(),
  personId: id('person_id').notNull(),
  name: text('name').notNull(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.campaignId, t.constituency, t.personId] }),
  check('eval_voters_constituency_ck', sql`${t.constituency} in ('members','residents')`),
]);

/**
 * One row per constituency: the hashes of the valid codes and of the used ones, each sorted. A
 * cast takes this row's lock, so a code is used once.
 */
export const evalCodes = pgTable('eval_codes', {
  countyId: id('county_id').notNull(),
  campaignId: id('campaign_id').notNull(),
  constituency: text('constituency').notNull(),
  valid: byteaArray('valid').notNull(),
  used: byteaArray('used').notNull().default(sql`'{}'::bytea[]`),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.campaignId, t.constituency] }),
  check('eval_codes_constituency_ck', sql`${t.constituency} in ('members','residents')`),
]);

/** The box: per constituency a few buckets, each an array of sealed ballots sorted by their bytes. */
export const evalBox = pgTable('eval_box', {
  countyId: id('county_id').notNull(),
  campaignId: id('campaign_id').notNull(),
  constituency: text('constituency').notNull(),
  bucket: integer('bucket').notNull(),
  sealed: byteaArray('sealed').notNull().default(sql`'{}'::bytea[]`),
}, (t) => [primaryKey({ columns: [t.countyId, t.campaignId, t.constituency, t.bucket] })]);

/**
 * A paper ballot entered by one teller, waiting for a second teller's entry of the same paper (its
 * code and content) to agree: then the ballot goes into the box and this row goes. `check` is a
 * keyed hash of code and content, so that two entries can be compared without opening either.
 */
export const evalPaper = pgTable('eval_paper', {
  countyId: id('county_id').notNull(),
  campaignId: id('campaign_id').notNull(),
  constituency: text('constituency').notNull(),
  codeHash: bytea('code_hash').notNull(),
  check: bytea('check').notNull(),
  tellerId: id('teller_id').notNull(),
}, (t) => [primaryKey({ columns: [t.countyId, t.campaignId, t.constituency, t.codeHash] })]);

/** A teller's share brought to the count (encrypted at rest; removed once the box is opened). */
export const evalShares = pgTable('eval_shares', {
  countyId: id('county_id').notNull(),
  campaignId: id('campaign_id').notNull(),
  tellerId: id('teller_id').notNull(),
  share: text('share').notNull(),
}, (t) => [primaryKey({ columns: [t.countyId, t.campaignId, t.tellerId] })]);

/** The opened ballots, written once at the count in the order of their content. */
export const evalOpened = pgTable('eval_opened', {
  countyId: id('county_id').notNull(),
  campaignId: id('campaign_id').notNull(),
  constituency: text('constituency').notNull(),
  receipt: text('receipt').notNull(),
  /** { grades: { memberId: grade }, comments: { memberId: text } }, or null for a spoiled ballot. */
  content: jsonb('content'),
}, (t) => [primaryKey({ columns: [t.countyId, t.campaignId, t.receipt] })]);

/** Each graded member's result: the counts per constituency and grade, the score, the grade and why. */
export const evalResults = pgTable('eval_results', {
  countyId: id('county_id').notNull(),
  campaignId: id('campaign_id').notNull(),
  memberId: id('member_id').notNull(),
  counts: jsonb('counts').notNull(),
  score: doublePrecision('score'),
  grade: text('grade'),
  reasons: jsonb('reasons').notNull(),
}, (t) => [primaryKey({ columns: [t.countyId, t.campaignId, t.memberId] })]);

/**
 * 公开承诺: a commitment made at the start of a year by a member, an organisation or a resident
 * unit (依岗 by post, 因事 for a matter, 具体 concrete), with its target and due date, shown on the
 * public wall when public, followed with progress, and verified by the branch (践诺: kept or not).
 */
export const commitments = pgTable('commitments', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  orgId: id('org_id').notNull().references(() => orgs.id),
  orgPath: text('org_path').notNull(),
  year: integer('year').notNull(),
  makerKind: text('maker_kind').notNull(),
  makerId: id('maker_id').notNull(),
  makerName: text('maker_name').notNull(),
  /** A member holding a post (a cadre): an unkept commitment opens an accountability record. */
  cadre: boolean('cadre').notNull().default(false),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  target: text('target').notNull(),
  madeOn: date('made_on', { mode: 'string' }).notNull(),
  dueOn: date('due_on', { mode: 'string' }).notNull(),
  public: boolean('public').notNull().default(true),
  /** The signed 承诺书 or 责任状, when there is one. */
  docKind: text('doc_kind'),
  fileId: id('file_id'),
  state: text('state').notNull().default('made'),
  verifyNote: text('verify_note'),
  verifiedBy: id('verified_by').references(() => users.id),
  verifiedOn: date('verified_on', { mode: 'string' }),
  rowVersion: integer('row_version').notNull().default(1),
  createdBy: id('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  index('commitments_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.year),
  index('commitments_due_idx').on(t.state, t.dueOn),
  check('commitments_maker_ck', sql`${t.makerKind} in ('member','org','unit')`),
  check('commitments_kind_ck', sql`${t.kind} in ('依岗','因事','具体')`),
  check('commitments_state_ck', sql`${t.state} in ('made','in_progress','kept','unkept','withdrawn')`),
  check('commitments_dates_ck', sql`${t.dueOn} >= ${t.madeOn}`),
  check('commitments_doc_ck', sql`${t.docKind} is null or ${t.docKind} in ('承诺书','责任状')`),
  check('commitments_title_ck', sql`length(${t.title}) between 1 and 100 and length(${t.target}) between 1 and 1000`),
]);

/** Progress on a commitment, with its evidence; never changed. */
export const commitmentUpdates = pgTable('commitment_updates', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  commitmentId: id('commitment_id').notNull(),
  on: date('on', { mode: 'string' }).notNull(),
  note: text('note').notNull(),
  fileId: id('file_id'),
  byId: id('by_id').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  index('commitment_updates_idx').on(t.countyId, t.commitmentId),
  check('commitment_updates_note_ck', sql`length(${t.note}) between 1 and 1000`),
]);

/** 设岗定责: a post of an organisation (平安创建岗, 党员先锋岗 …, or an emergency post), its duties and places. */
export const posts = pgTable('posts', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  orgId: id('org_id').notNull().references(() => orgs.id),
  orgPath: text('org_path').notNull(),
  type: text('type').notNull(),
  name: text('name').notNull(),
  duties: text('duties').notNull(),
  /** How many may hold it at once. */
  places: integer('places').notNull(),
  emergency: boolean('emergency').notNull().default(false),
  state: text('state').notNull().default('open'),
  opensOn: date('opens_on', { mode: 'string' }).notNull(),
  closesOn: date('closes_on', { mode: 'string' }),
  rowVersion: integer('row_version').notNull().default(1),
  createdBy: id('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  index('posts_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.state),
  check('posts_state_ck', sql`${t.state} in ('open','closed')`),
  check('posts_places_ck', sql`${t.places} between 1 and 500`),
  check('posts_text_ck', sql`length(${t.name}) between 1 and 60 and length(${t.duties}) between 1 and 1000`),
  check('posts_dates_ck', sql`${t.closesOn} is null or ${t.closesOn} >= ${t.opensOn}`),
]);

/** Who holds a post (a member or a resident), from when until when. */
export const postHolders = pgTable('post_holders', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  postId: id('post_id').notNull(),
  personKind: text('person_kind').notNull(),
  personId: id('person_id').notNull(),
  name: text('name').notNull(),
  since: date('since', { mode: 'string' }).notNull(),
  until: date('until', { mode: 'string' }),
  createdBy: id('created_by').references(() => users.id),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  index('post_holders_post_idx').on(t.countyId, t.postId),
  check('post_holders_kind_ck', sql`${t.personKind} in ('member','resident')`),
]);

/** A duty done on a post: when, how long, what. */
export const postDuties = pgTable('post_duties', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  postId: id('post_id').notNull(),
  holderId: id('holder_id').notNull(),
  on: date('on', { mode: 'string' }).notNull(),
  hours: doublePrecision('hours').notNull(),
  note: text('note').notNull(),
  createdBy: id('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  index('post_duties_post_idx').on(t.countyId, t.postId),
  check('post_duties_hours_ck', sql`${t.hours} > 0 and ${t.hours} <= 24`),
  check('post_duties_note_ck', sql`length(${t.note}) between 1 and 500`),
]);

/**
 * 先锋承诺三方评价: a 机关 or 事业单位 member's commitments judged at year end by themselves, their
 * peers and their organisation, each weighted; the total feeds the 优秀党员 decision, which the
 * branch records.
 */
export const vanguardReviews = pgTable('vanguard_reviews', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  orgId: id('org_id').notNull().references(() => orgs.id),
  orgPath: text('org_path').notNull(),
  year: integer('year').notNull(),
  memberId: id('member_id').notNull(),
  memberName: text('member_name').notNull(),
  selfScore: doublePrecision('self_score'),
  peerScores: doublePrecision('peer_scores').array().notNull().default(sql`'{}'::float8[]`),
  orgScore: doublePrecision('org_score'),
  /** { self, peer, org }, summing to 1. */
  weights: jsonb('weights').notNull(),
  /** The 优秀党员 decision: null until the branch decides. */
  excellent: boolean('excellent'),
  decisionNote: text('decision_note'),
  rowVersion: integer('row_version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  uniqueIndex('vanguard_member_year_uq').on(t.countyId, t.memberId, t.year),
  index('vanguard_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.year),
  check('vanguard_scores_ck', sql`(${t.selfScore} is null or ${t.selfScore} between 0 and 100) and (${t.orgScore} is null or ${t.orgScore} between 0 and 100)
    and 0 <= all(${t.peerScores}) and 100 >= all(${t.peerScores}) and cardinality(${t.peerScores}) <= 200`),
]);
