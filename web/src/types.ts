/** Shapes of the JSON the server sends, as the UI uses them. */

/** A role granted on an organisation subtree. */
export type Grant = {
  id: number;
  role: string;
  orgId: number;
  orgName: string;
  /** The county the organisation lies in, when the server sends it (/auth/me does not yet). */
  countyId?: number | null;
};

/** The signed-in user. */
export type SessionUser = {
  id: number;
  username: string;
  displayName: string;
  lang?: string;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  totpRequired?: boolean;
  memberId?: number | null;
};

/** GET /auth/me */
export type Me = {
  user: SessionUser;
  grants: Grant[];
  capabilities: string[];
  csrfToken: string;
  idleTimeoutMinutes?: number;
};

/** One page of a list. */
export type Page<T> = { items: T[]; total: number; page?: number; pageSize?: number };

/** A list without paging. */
export type Items<T> = { items: T[] };

/** A node of the organisation tree, with what the caller may do to it. */
export type OrgNode = {
  id: number;
  parentId: number | null;
  kind: string;
  name: string;
  childCount: number;
  actions: string[];
};

/** The full record of an organisation. */
export type OrgRecord = {
  id: number;
  parentId: number | null;
  kind: string;
  name: string;
  shortName?: string | null;
  code?: string | null;
  establishedOn?: string | null;
  unitName?: string | null;
  unitNature?: string | null;
  secretaryName?: string | null;
  contactPhone?: string | null;
  address?: string | null;
  electedOn?: string | null;
  termYears?: number | null;
  version: number;
};

/** GET /orgs/:id */
export type OrgDetail = { org: OrgRecord; ancestors: { id: number; name: string; kind: string }[]; actions: string[]; childKinds?: string[] };

/** An organisation-setting reminder (e.g. a branch near 50 members may become a 党总支). */
export type OrgFlag = { orgId: number; orgName: string; rule: string; message: string; messageEn?: string };

/** 驻区单位 */
export type Unit = { id: number; name: string; kind: string; address?: string | null; contactName?: string | null; partyOrgId?: number | null };

/** 网格 */
export type Grid = { id: number; kind: string; name: string; households: number; parentGridId?: number | null };

/** A party member as listed and shown. */
export type Member = {
  id: number;
  orgId: number;
  orgName?: string;
  name: string;
  gender: string;
  ethnicity?: string;
  birthDate: string;
  idMasked?: string | null;
  phoneMasked?: string | null;
  education?: string | null;
  category: string;
  joinDate: string;
  fullDate?: string | null;
  post?: string | null;
  workplace?: string | null;
  partyState: string;
  partyStateDate?: string | null;
  workState?: string;
  flowing?: boolean;
  tier?: string | null;
  version: number;
  actions: string[];
};

/** A resident (群众). */
export type Resident = {
  id: number;
  communityId: number;
  communityName?: string;
  gridId?: number | null;
  name: string;
  gender: string;
  birthDate?: string | null;
  idMasked?: string | null;
  phoneMasked?: string | null;
  address?: string | null;
  isRepresentative: boolean;
  isNonpartyRep: boolean;
  version: number;
  actions: string[];
};

/** Full ID number and phone, shown on request (the request is audited). */
export type Sensitive = { idNumber?: string | null; phone?: string | null };

/** A team (队伍). */
export type Team = { id: number; orgId: number; orgName?: string; kind: string; name: string; size: number; gridId?: number | null; gridName?: string | null; actions?: string[] };

/** A person in a team. */
export type TeamPerson = { personKind: 'member' | 'resident'; personId: number; name: string; role?: string | null };

/** An import run. */
export type ImportJob = {
  status: 'running' | 'done' | 'failed';
  total: number;
  done: number;
  errors: ImportRowError[];
};

/** One row-level import error. */
export type ImportRowError = { row: number; column?: string | null; message: string; messageEn?: string };

/** An account as listed for administrators. */
export type UserRow = {
  id: number;
  username: string;
  displayName: string;
  disabled: boolean;
  lockedUntil?: string | null;
  totpEnabled: boolean;
  grants: Grant[];
  homeOrgId?: number;
  homeOrgName?: string;
};

/** The security policy. */
export type SecurityPolicy = {
  minLength: number;
  classes: number;
  maxAgeDays: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  idleTimeoutMinutes: number;
  requireTotpForAdmins: boolean;
};

/** One event of the audit trail. */
export type AuditEvent = {
  chain: number;
  seq: number;
  at: string;
  type: string;
  actorName?: string | null;
  orgId?: number | null;
  targetType?: string | null;
  targetId?: string | null;
  data: unknown;
  ip?: string | null;
};

/** POST /audit/verify */
export type AuditVerify = { ok: boolean; checked: number; firstBad?: { chain: number; seq: number; reason: string } };

/** A notification for the signed-in user. */
export type Notice = { id: number; title: string; body?: string | null; link?: string | null; createdAt: string; readAt?: string | null };

/** A personal API token (the secret itself is only returned once, on creation). */
export type ApiToken = { id: number; name: string; prefix?: string; createdAt: string; lastUsedAt?: string | null; token?: string };

/** GET /stats/overview */
export type Overview = { members: number; orgs: number; byCategory: Record<string, number>; byPartyState: Record<string, number>; byWorkState?: Record<string, number> };
