/**
 * Scoped access: a role is granted on an organisation subtree, and every read and write checks
 * that the organisations concerned lie inside a subtree whose role allows the action. Checks run
 * in batches; objects carry the caller's allowed actions for the UI.
 */
import { inArray } from 'drizzle-orm';
import { AppError, errors } from '../errors.js';
import type { Db } from '../db/client.js';
import { orgs, type ROLES } from '../db/schema.js';

export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  'org.read', 'org.write', 'member.read', 'member.write', 'member.read_sensitive',
  'resident.read', 'resident.write', 'resident.read_sensitive', 'team.write', 'import', 'export',
  'record.history', 'user.manage', 'user.unlock', 'security.manage', 'audit.read', 'self',
  'scheme.manage', 'points.read', 'points.record', 'points.confirm', 'run.manage', 'task.manage',
  'rating.read', 'rating.apply', 'rating.assess', 'rating.decide', 'eval.read', 'eval.manage', 'commit.read', 'commit.manage',
  'request.read', 'request.handle', 'request.manage', 'visit.write',
] as const;
export type Action = (typeof ACTIONS)[number];

const ADMIN: Action[] = [
  'org.read', 'org.write', 'member.read', 'member.write', 'member.read_sensitive', 'resident.read', 'resident.write',
  'resident.read_sensitive', 'team.write', 'import', 'export', 'record.history',
  'points.read', 'points.record', 'points.confirm', 'run.manage', 'task.manage',
];
const UPPER_ADMIN: Action[] = [...ADMIN, 'scheme.manage'];

/** What each role may do inside the subtree it is granted on. */
export const ROLE_ACTIONS: Record<Role, Action[]> = {
  // each step of 评星晋级 belongs to one level: the community applies, the street assesses, the county decides
  county_admin: [...UPPER_ADMIN, 'rating.read', 'rating.decide', 'eval.read', 'commit.read', 'request.read', 'request.manage'],
  street_admin: [...UPPER_ADMIN, 'rating.read', 'rating.assess', 'eval.read', 'commit.read', 'request.read', 'request.handle', 'request.manage'],
  community_admin: [...ADMIN, 'rating.read', 'rating.apply', 'eval.read', 'eval.manage', 'commit.read', 'commit.manage', 'request.read', 'request.handle', 'request.manage', 'visit.write'],
  branch_secretary: ['org.read', 'member.read', 'member.write', 'resident.read', 'team.write', 'export', 'record.history', 'points.read', 'points.record', 'points.confirm', 'task.manage', 'eval.read', 'eval.manage', 'commit.read', 'commit.manage'],
  grid_liaison: ['org.read', 'member.read', 'resident.read', 'resident.write', 'points.record', 'request.read', 'request.handle', 'visit.write'],
  inspector: ['org.read', 'member.read', 'resident.read', 'record.history', 'export', 'points.read', 'rating.read', 'eval.read', 'commit.read', 'request.read'],
  member: ['self'],
  sys_admin: ['org.read', 'user.manage'],
  sec_admin: ['org.read', 'user.unlock', 'security.manage'],
  audit_admin: ['org.read', 'audit.read'],
};

/** The organisation kinds each role may be granted on. */
export const ROLE_ORG_KINDS: Record<Role, string[] | 'any'> = {
  county_admin: ['province', 'city', 'county'],
  street_admin: ['street', 'town'],
  community_admin: ['community', 'village'],
  branch_secretary: ['party_committee', 'general_branch', 'branch', 'joint_branch'],
  grid_liaison: ['community', 'village'],
  inspector: 'any',
  member: 'any',
  sys_admin: 'any',
  sec_admin: 'any',
  audit_admin: 'any',
};

/** 三员分立: a user holds at most one of these. */
export const SEPARATED_ROLES: Role[] = ['sys_admin', 'sec_admin', 'audit_admin'];
export const ADMIN_ROLES: Role[] = ['county_admin', 'street_admin', 'community_admin', 'sys_admin', 'sec_admin', 'audit_admin'];

export type Grant = { id: number; role: Role; orgId: number; orgPath: string; orgName: string; orgKind: string; countyId: number | null };

/** Who is calling: the user, their grants, and how they authenticated. */
export type Actor = {
  userId: number;
  username: string;
  displayName: string;
  grants: Grant[];
  memberId: number | null;
  memberCountyId: number | null;
  /** Must change the password, or set up a second factor, before anything else. */
  mustChangePassword?: boolean;
  totpEnabled?: boolean;
  sessionId?: string;
  tokenId?: number;
  ip?: string;
};

/** The subtree paths on which the actor may take `action`, without paths nested in another. */
export function scopePaths(actor: Actor, action: Action): string[] {
  const paths = actor.grants.filter((g) => ROLE_ACTIONS[g.role].includes(action)).map((g) => g.orgPath).sort();
  return paths.filter((p, i) => !paths.slice(0, i).some((q) => p.startsWith(q)));
}

/** Kinds whose subtrees are large enough (a street or more) that a list should walk the county's name index. */
export const WIDE_KINDS = ['province', 'city', 'county', 'street', 'town'];

/**
 * The county to hand a list query when the actor's `action` scope is one wide subtree of one
 * county, so that a name-ordered page walks the (county_id, name) index; null otherwise (a small
 * subtree is read through its path index and sorted).
 */
export function scopeCounty(actor: Actor, action: Action): number | null {
  const gs = actor.grants.filter((g) => ROLE_ACTIONS[g.role].includes(action));
  const counties = new Set(gs.map((g) => g.countyId));
  return counties.size === 1 && gs.some((g) => WIDE_KINDS.includes(g.orgKind)) ? ([...counties][0] ?? null) : null;
}

/** True when the actor may take `action` on the organisation at `orgPath`. */
export function can(actor: Actor, action: Action, orgPath: string): boolean {
  return actor.grants.some((g) => orgPath.startsWith(g.orgPath) && ROLE_ACTIONS[g.role].includes(action));
}

/** True when the actor may take `action` somewhere. */
export function hasCapability(actor: Actor, action: Action): boolean {
  return actor.grants.some((g) => ROLE_ACTIONS[g.role].includes(action));
}

/** Every action the actor may take on an organisation: sent with each object so the UI shows only these. */
export function actionsAt(actor: Actor, orgPath: string, only?: readonly Action[]): Action[] {
  const set = new Set<Action>();
  for (const g of actor.grants) if (orgPath.startsWith(g.orgPath)) for (const a of ROLE_ACTIONS[g.role]) set.add(a);
  return ACTIONS.filter((a) => set.has(a) && (!only || only.includes(a)));
}

export type OrgRef = { id: number; path: string; countyId: number | null; kind: string; name: string };

/**
 * Loads the given organisations and checks, in one query, that the actor may take `action` on
 * every one. An organisation the actor cannot even read answers NOT_FOUND, so ids outside the
 * caller's scope reveal nothing; one readable but not writable answers FORBIDDEN.
 */
export async function requireAccess(db: Db, actor: Actor, action: Action, orgIds: number[]): Promise<Map<number, OrgRef>> {
  const ids = [...new Set(orgIds)];
  const found = ids.length
    ? await db.select({ id: orgs.id, path: orgs.path, countyId: orgs.countyId, kind: orgs.kind, name: orgs.name }).from(orgs).where(inArray(orgs.id, ids))
    : [];
  const byId = new Map(found.map((o) => [o.id, o]));
  for (const id of ids) {
    const o = byId.get(id);
    if (!o) throw errors.notFound('组织', 'organisation');
    if (!can(actor, action, o.path)) {
      const readAction: Action = action.startsWith('member') ? 'member.read' : action.startsWith('resident') ? 'resident.read' : 'org.read';
      if (!can(actor, readAction, o.path) && !can(actor, 'org.read', o.path)) throw errors.notFound('组织', 'organisation');
      throw errors.forbidden();
    }
  }
  return byId;
}

/** Throws unless the actor has `action` somewhere (for routes not tied to one organisation). */
export function requireCapability(actor: Actor, action: Action): void {
  if (!hasCapability(actor, action)) throw new AppError('FORBIDDEN', '无权执行此操作', 'you may not do this');
}
