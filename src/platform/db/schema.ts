/**
 * The database schema of the platform core. Every tenant table carries `county_id` in its
 * primary key so that it can be distributed by county later; the organisation tree is a
 * reference table. Constraints live here, in the database.
 */
import { sql } from 'drizzle-orm';
import {
  bigint, boolean, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text,
  timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core';

const id = (name = 'id') => bigint(name, { mode: 'number' });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Organisation kinds, top to bottom. Resident units and grids have tables of their own. */
export const ORG_KINDS = [
  'province', 'city', 'county', 'street', 'town', 'community', 'village',
  'party_committee', 'general_branch', 'branch', 'joint_branch', 'group',
] as const;

/** The 五好 category of an organisation from its kind and unit nature (see `orgs.fiveGoodCategory`). */
export const FIVE_GOOD_CATEGORY_EXPR = `CASE WHEN kind IN ('community','village') THEN 'community'
  WHEN kind NOT IN ('party_committee','general_branch','branch','joint_branch') OR unit_nature IS NULL THEN NULL
  WHEN strpos(unit_nature, '机关') > 0 THEN 'organ'
  WHEN strpos(unit_nature, '事业') > 0 THEN 'institution'
  WHEN unit_nature ~ '企业|非公|经济组织' THEN 'enterprise' END`;

export const orgs = pgTable('orgs', {
  id: id().primaryKey().generatedByDefaultAsIdentity(),
  countyId: id('county_id'),
  parentId: id('parent_id'),
  /** '/1/5/23/': ids from the root down, this org's own id last. */
  path: text('path').notNull(),
  depth: integer('depth').notNull(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  shortName: text('short_name'),
  code: text('code'),
  establishedOn: date('established_on', { mode: 'string' }),
  unitName: text('unit_name'),
  unitNature: text('unit_nature'),
  secretaryName: text('secretary_name'),
  contactPhone: text('contact_phone'),
  address: text('address'),
  electedOn: date('elected_on', { mode: 'string' }),
  termYears: integer('term_years'),
  archived: boolean('archived').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  /**
   * Which 五好 category the organisation counts in (community, enterprise, organ, institution), or
   * null: worked out by the database from kind and unit nature, the rule of fiveGoodCategory in
   * src/modules/rating/five-good.ts (a test holds the two equal).
   */
  fiveGoodCategory: text('five_good_category').generatedAlwaysAs(sql.raw(FIVE_GOOD_CATEGORY_EXPR)),
}, (t) => [
  index('orgs_five_good_idx').using('btree', sql`${t.path} text_pattern_ops`).where(sql`${t.fiveGoodCategory} IS NOT NULL AND NOT ${t.archived}`),
  foreignKey({ columns: [t.parentId], foreignColumns: [t.id] }),
  uniqueIndex('orgs_path_uq').on(t.path),
  index('orgs_path_prefix_idx').using('btree', sql`${t.path} text_pattern_ops`),
  index('orgs_parent_idx').on(t.parentId),
  index('orgs_county_idx').on(t.countyId),
  uniqueIndex('orgs_code_uq').on(t.code),
  check('orgs_kind_ck', sql`${t.kind} in ('province','city','county','street','town','community','village','party_committee','general_branch','branch','joint_branch','group')`),
  check('orgs_name_ck', sql`length(${t.name}) between 1 and 100`),
  check('orgs_depth_ck', sql`${t.depth} >= 0`),
  check('orgs_term_ck', sql`${t.termYears} is null or ${t.termYears} between 1 and 10`),
]);

/** Every move of a subtree, kept for history. */
export const orgMoves = pgTable('org_moves', {
  id: id().primaryKey().generatedByDefaultAsIdentity(),
  orgId: id('org_id').notNull().references(() => orgs.id),
  fromParentId: id('from_parent_id').references(() => orgs.id),
  toParentId: id('to_parent_id').notNull().references(() => orgs.id),
  fromPath: text('from_path').notNull(),
  toPath: text('to_path').notNull(),
  movedBy: id('moved_by'),
  movedAt: ts('moved_at').notNull().defaultNow(),
}, (t) => [index('org_moves_org_idx').on(t.orgId)]);

export const UNIT_KINDS = ['机关', '事业单位', '企业', '非公企业', '社会组织'] as const;

/** 驻区单位: units that sit in a community's area. */
export const units = pgTable('units', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  communityId: id('community_id').notNull().references(() => orgs.id),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  partyOrgId: id('party_org_id').references(() => orgs.id),
  address: text('address'),
  contactName: text('contact_name'),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  index('units_community_idx').on(t.countyId, t.communityId),
  check('units_kind_ck', sql`${t.kind} in ('机关','事业单位','企业','非公企业','社会组织')`),
  check('units_name_ck', sql`length(${t.name}) between 1 and 100`),
]);

/** 网格: 片 (area) and 组 (group) within a community. */
export const grids = pgTable('grids', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  communityId: id('community_id').notNull().references(() => orgs.id),
  parentGridId: id('parent_grid_id'),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  households: integer('households').notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  foreignKey({ columns: [t.countyId, t.parentGridId], foreignColumns: [t.countyId, t.id] }),
  index('grids_community_idx').on(t.countyId, t.communityId),
  check('grids_kind_ck', sql`${t.kind} in ('片','组')`),
  check('grids_households_ck', sql`${t.households} >= 0`),
]);

export const PARTY_STATES = ['正常', '保留', '恢复', '停止', '开除'] as const;
export const WORK_STATES = ['在职', '离退休', '务农', '学生', '无固定职业', '其他'] as const;

/** 党员: the national member record. ID number and phone are SM4-encrypted with a keyed hash for exact lookup. */
export const members = pgTable('members', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  orgId: id('org_id').notNull().references(() => orgs.id),
  /** Copy of the branch's path, kept in step on moves, so subtree filters need no join. */
  orgPath: text('org_path').notNull(),
  homeCommunityId: id('home_community_id').references(() => orgs.id),
  name: text('name').notNull(),
  gender: text('gender').notNull(),
  ethnicity: text('ethnicity').notNull().default('汉族'),
  birthDate: date('birth_date', { mode: 'string' }).notNull(),
  idEnc: text('id_enc'),
  idHash: text('id_hash'),
  idMasked: text('id_masked'),
  phoneEnc: text('phone_enc'),
  phoneHash: text('phone_hash'),
  phoneMasked: text('phone_masked'),
  education: text('education'),
  category: text('category').notNull().default('正式党员'),
  joinDate: date('join_date', { mode: 'string' }).notNull(),
  fullDate: date('full_date', { mode: 'string' }),
  post: text('post'),
  workplace: text('workplace'),
  partyState: text('party_state').notNull().default('正常'),
  partyStateDate: date('party_state_date', { mode: 'string' }),
  workState: text('work_state').notNull().default('在职'),
  flowing: boolean('flowing').notNull().default(false),
  tier: text('tier'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  index('members_path_name_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.name),
  index('members_county_name_idx').using('btree', t.countyId, sql`${t.name} COLLATE "C"`, t.id),
  index('members_org_idx').on(t.orgId),
  uniqueIndex('members_id_uq').on(t.id),
  uniqueIndex('members_id_hash_uq').on(t.countyId, t.idHash),
  index('members_phone_hash_idx').on(t.countyId, t.phoneHash),
  check('members_gender_ck', sql`${t.gender} in ('男','女')`),
  check('members_category_ck', sql`${t.category} in ('正式党员','预备党员')`),
  check('members_party_state_ck', sql`${t.partyState} in ('正常','保留','恢复','停止','开除')`),
  check('members_work_state_ck', sql`${t.workState} in ('在职','离退休','务农','学生','无固定职业','其他')`),
  check('members_name_ck', sql`length(${t.name}) between 1 and 50`),
  check('members_dates_ck', sql`${t.joinDate} > ${t.birthDate} and (${t.fullDate} is null or ${t.fullDate} >= ${t.joinDate})`),
  check('members_full_ck', sql`(${t.category} = '预备党员') = (${t.fullDate} is null)`),
]);

/** 群众: residents, including 居民代表 and 党外群众代表. */
export const residents = pgTable('residents', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  communityId: id('community_id').notNull().references(() => orgs.id),
  communityPath: text('community_path').notNull(),
  gridId: id('grid_id'),
  /** The household (户) the resident lives in, when known. */
  householdId: id('household_id'),
  name: text('name').notNull(),
  gender: text('gender').notNull(),
  birthDate: date('birth_date', { mode: 'string' }),
  idEnc: text('id_enc'),
  idHash: text('id_hash'),
  idMasked: text('id_masked'),
  phoneEnc: text('phone_enc'),
  phoneHash: text('phone_hash'),
  phoneMasked: text('phone_masked'),
  address: text('address'),
  isRepresentative: boolean('is_representative').notNull().default(false),
  isNonpartyRep: boolean('is_nonparty_rep').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  foreignKey({ columns: [t.countyId, t.gridId], foreignColumns: [grids.countyId, grids.id] }),
  index('residents_path_name_idx').using('btree', sql`${t.communityPath} text_pattern_ops`, t.name),
  index('residents_county_name_idx').using('btree', t.countyId, sql`${t.name} COLLATE "C"`, t.id),
  uniqueIndex('residents_id_hash_uq').on(t.countyId, t.idHash),
  uniqueIndex('residents_id_uq').on(t.id),
  index('residents_phone_hash_idx').on(t.countyId, t.phoneHash),
  check('residents_gender_ck', sql`${t.gender} in ('男','女')`),
  check('residents_name_ck', sql`length(${t.name}) between 1 and 50`),
]);

export const TEAM_KINDS = ['两委班子', '党员队伍', '居民组长', '居民代表', '企业家队伍', '财务监督小组', '网格服务团队', '志愿服务队', '其他'] as const;

/** 队伍: typed groups of people ("1+4+1", grid service teams, volunteer teams). */
export const teams = pgTable('teams', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  orgId: id('org_id').notNull().references(() => orgs.id),
  orgPath: text('org_path').notNull(),
  gridId: id('grid_id'),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  foreignKey({ columns: [t.countyId, t.gridId], foreignColumns: [grids.countyId, grids.id] }),
  index('teams_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  uniqueIndex('teams_id_uq').on(t.id),
  check('teams_kind_ck', sql`${t.kind} in ('两委班子','党员队伍','居民组长','居民代表','企业家队伍','财务监督小组','网格服务团队','志愿服务队','其他')`),
]);

export const teamMembers = pgTable('team_members', {
  countyId: id('county_id').notNull(),
  teamId: id('team_id').notNull(),
  personKind: text('person_kind').notNull(),
  personId: id('person_id').notNull(),
  role: text('role'),
  addedAt: ts('added_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.teamId, t.personKind, t.personId] }),
  foreignKey({ columns: [t.countyId, t.teamId], foreignColumns: [teams.countyId, teams.id] }).onDelete('cascade'),
  check('team_members_kind_ck', sql`${t.personKind} in ('member','resident')`),
]);

export const ROLES = [
  'county_admin', 'street_admin', 'community_admin', 'branch_secretary', 'grid_liaison',
  'inspector', 'member', 'sys_admin', 'sec_admin', 'audit_admin',
] as const;

export const users = pgTable('users', {
  id: id().primaryKey().generatedByDefaultAsIdentity(),
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  passwordChangedAt: ts('password_changed_at').notNull().defaultNow(),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: ts('locked_until'),
  totpSecretEnc: text('totp_secret_enc'),
  totpEnabled: boolean('totp_enabled').notNull().default(false),
  memberCountyId: id('member_county_id'),
  memberId: id('member_id'),
  /** The organisation whose administrators manage this account. */
  homeOrgId: id('home_org_id').references(() => orgs.id),
  disabled: boolean('disabled').notNull().default(false),
  lang: text('lang').notNull().default('zh-CN'),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  uniqueIndex('users_username_uq').on(sql`lower(${t.username})`),
  foreignKey({ columns: [t.memberCountyId, t.memberId], foreignColumns: [members.countyId, members.id] }),
  check('users_username_ck', sql`${t.username} ~ '^[A-Za-z0-9_.-]{3,32}$'`),
  check('users_lang_ck', sql`${t.lang} in ('zh-CN','en')`),
]);

/** A role granted on an organisation subtree. */
export const grants = pgTable('grants', {
  id: id().primaryKey().generatedByDefaultAsIdentity(),
  userId: id('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  role: text('role').notNull(),
  orgId: id('org_id').notNull().references(() => orgs.id),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  uniqueIndex('grants_uq').on(t.userId, t.role, t.orgId),
  check('grants_role_ck', sql`${t.role} in ('county_admin','street_admin','community_admin','branch_secretary','grid_liaison','inspector','member','sys_admin','sec_admin','audit_admin')`),
]);

export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  userId: id('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  csrfToken: text('csrf_token').notNull(),
  secondFactorDone: boolean('second_factor_done').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
  ip: text('ip'),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

export const apiTokens = pgTable('api_tokens', {
  id: id().primaryKey().generatedByDefaultAsIdentity(),
  userId: id('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull(),
  prefix: text('prefix').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastUsedAt: ts('last_used_at'),
  revokedAt: ts('revoked_at'),
}, (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash)]);

/** The anti-abuse checks of public forms already answered (right or wrong), until they expire: shared by every process of a deployment. */
export const challengeUses = pgTable('challenge_uses', {
  nonce: text('nonce').primaryKey(),
  expiresAt: ts('expires_at').notNull(),
}, (t) => [index('challenge_uses_expires_idx').on(t.expiresAt)]);

/** Key-value settings (security policy, organisation-setting rules). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** The audit trail: append-only, hash-chained with SM3 per chain (one chain per county, 0 for the system). */
export const auditEvents = pgTable('audit_events', {
  chain: id('chain').notNull(),
  seq: id('seq').notNull(),
  at: ts('at').notNull(),
  type: text('type').notNull(),
  actorId: id('actor_id'),
  actorName: text('actor_name'),
  orgId: id('org_id'),
  orgPath: text('org_path'),
  targetType: text('target_type'),
  targetId: text('target_id'),
  data: jsonb('data').notNull(),
  ip: text('ip'),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
}, (t) => [
  primaryKey({ columns: [t.chain, t.seq] }),
  index('audit_at_idx').on(t.at),
  index('audit_target_idx').on(t.targetType, t.targetId),
  index('audit_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
]);

export const auditHeads = pgTable('audit_heads', {
  chain: id('chain').primaryKey(),
  seq: id('seq').notNull(),
  hash: text('hash').notNull(),
});

/** Attachments, stored by content hash. */
export const files = pgTable('files', {
  countyId: id('county_id').notNull(),
  id: id().notNull().generatedByDefaultAsIdentity(),
  orgId: id('org_id').notNull().references(() => orgs.id),
  sha256: text('sha256').notNull(),
  size: integer('size').notNull(),
  mime: text('mime').notNull(),
  name: text('name').notNull(),
  uploadedBy: id('uploaded_by').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.countyId, t.id] }),
  uniqueIndex('files_id_uq').on(t.id),
  index('files_sha256_idx').on(t.sha256),
  check('files_size_ck', sql`${t.size} > 0`),
  check('files_sha256_ck', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
  check('files_name_ck', sql`length(${t.name}) between 1 and 200`),
]);

export const notifications = pgTable('notifications', {
  id: id().primaryKey().generatedByDefaultAsIdentity(),
  userId: id('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  body: text('body'),
  link: text('link'),
  createdAt: ts('created_at').notNull().defaultNow(),
  readAt: ts('read_at'),
}, (t) => [
  index('notifications_user_idx').on(t.userId, t.readAt),
  index('notifications_user_created_idx').on(t.userId, t.createdAt),
  check('notifications_title_ck', sql`length(${t.title}) between 1 and 200`),
  check('notifications_link_ck', sql`${t.link} is null or (${t.link} like '/%' and ${t.link} not like '//%')`),
]);

/** Import runs, for progress and the row-by-row error report. */
export const importJobs = pgTable('import_jobs', {
  id: id().primaryKey().generatedByDefaultAsIdentity(),
  kind: text('kind').notNull(),
  userId: id('user_id').notNull().references(() => users.id),
  orgId: id('org_id').notNull().references(() => orgs.id),
  status: text('status').notNull(),
  total: integer('total').notNull().default(0),
  done: integer('done').notNull().default(0),
  errors: jsonb('errors').notNull().default(sql`'[]'::jsonb`),
  createdAt: ts('created_at').notNull().defaultNow(),
  finishedAt: ts('finished_at'),
}, (t) => [
  check('import_jobs_status_ck', sql`${t.status} in ('running','failed','done')`),
  check('import_jobs_kind_ck', sql`${t.kind} in ('members','orgs','residents','points','five_good','households')`),
]);
