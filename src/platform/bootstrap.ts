/** First start: the root organisation (or the demo street), the administrator, and the demo accounts. */
import { sql } from 'drizzle-orm';
import { rows } from './db/client.js';
import { grants, users } from './db/schema.js';
import { insertEvent } from './audit/store.js';
import { generatePassword, hashPassword } from './auth/password.js';
import type { AppContext } from './http/context.js';
import type { Role } from './auth/access.js';
import { insertOrg } from '../modules/org/store.js';

export type BootstrapResult = { fresh: boolean; adminPassword?: string; generated?: boolean; demoAccounts?: { username: string; role: string; org: string }[] };

/** Loads demo data into an empty database and returns the id of its root organisation. */
export type DemoLoader = (ctx: AppContext) => Promise<number>;

/** Sets up an empty database; does nothing when an account exists already. */
export async function bootstrap(ctx: AppContext, opts: { demo: boolean; adminPassword?: string; loadDemo?: DemoLoader; afterDemoAccounts?: (ctx: AppContext) => Promise<void> }): Promise<BootstrapResult> {
  const { db } = ctx;
  const [{ n }] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM users`);
  if (n > 0) return { fresh: false };
  const password = opts.adminPassword ?? generatePassword();
  const hash = await hashPassword(password);
  let rootId: number;
  if (opts.demo && opts.loadDemo) rootId = await opts.loadDemo(ctx);
  else {
    const root = await db.transaction((tx) => insertOrg(tx, null, { kind: 'county', name: '县（区）委（请修改名称）' }));
    rootId = root.id;
  }
  const demoAccounts: { username: string; role: string; org: string }[] = [];
  await db.transaction(async (tx) => {
    const [admin] = await tx.insert(users).values({ username: 'admin', displayName: '系统管理员', passwordHash: hash, mustChangePassword: !opts.adminPassword, homeOrgId: rootId }).returning();
    await tx.insert(grants).values([{ userId: admin.id, role: 'sys_admin', orgId: rootId }, { userId: admin.id, role: 'county_admin', orgId: rootId }]);
    await insertEvent(tx, { type: 'system.initialised', actorName: 'system', targetType: 'user', targetId: admin.id, data: { demo: opts.demo, rootOrgId: rootId } });
    if (!opts.demo) return;
    const pick = async (kind: string, nth = 0) => (await rows<{ id: number; name: string; path: string }>(tx, sql`SELECT id, name, path FROM orgs WHERE kind = ${kind} ORDER BY id LIMIT 1 OFFSET ${nth}`))[0];
    const accounts: { username: string; displayName: string; role: Role; org?: { id: number; name: string } }[] = [
      { username: 'secadmin', displayName: '安全管理员', role: 'sec_admin', org: { id: rootId, name: '全县' } },
      { username: 'auditor', displayName: '审计管理员', role: 'audit_admin', org: { id: rootId, name: '全县' } },
      { username: 'street', displayName: '街道管理员', role: 'street_admin', org: (await pick('street')) ?? (await pick('town')) },
      { username: 'community1', displayName: '社区一书记', role: 'community_admin', org: (await pick('community')) ?? (await pick('village')) },
      { username: 'community2', displayName: '社区二书记', role: 'community_admin', org: (await pick('community', 1)) ?? (await pick('village', 1)) },
    ];
    for (const a of accounts) {
      if (!a.org) continue;
      const [u] = await tx.insert(users).values({ username: a.username, displayName: a.displayName, passwordHash: hash, homeOrgId: a.org.id, mustChangePassword: !opts.adminPassword }).returning();
      await tx.insert(grants).values({ userId: u.id, role: a.role, orgId: a.org.id });
      await insertEvent(tx, { type: 'user.created', actorName: 'system', targetType: 'user', targetId: u.id, data: { username: a.username, role: a.role, orgId: a.org.id, demo: true } });
      demoAccounts.push({ username: a.username, role: a.role, org: a.org.name });
    }
    const [m] = await rows<{ id: number; county_id: number; org_id: number; name: string; org_name: string }>(tx, sql`SELECT m.id, m.county_id, m.org_id, m.name, o.name AS org_name
      FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.category = '正式党员' ORDER BY m.id LIMIT 1`);
    if (m) {
      const [b] = await tx.insert(users).values({ username: 'branch1', displayName: '支部书记', passwordHash: hash, homeOrgId: m.org_id, mustChangePassword: !opts.adminPassword }).returning();
      await tx.insert(grants).values({ userId: b.id, role: 'branch_secretary', orgId: m.org_id });
      await insertEvent(tx, { type: 'user.created', actorName: 'system', countyId: m.county_id, targetType: 'user', targetId: b.id, data: { username: 'branch1', role: 'branch_secretary', orgId: m.org_id, demo: true } });
      demoAccounts.push({ username: 'branch1', role: 'branch_secretary', org: m.org_name });
      const [u] = await tx.insert(users).values({ username: 'member1', displayName: m.name, passwordHash: hash, homeOrgId: m.org_id, memberCountyId: m.county_id, memberId: m.id, mustChangePassword: !opts.adminPassword }).returning();
      await tx.insert(grants).values({ userId: u.id, role: 'member', orgId: m.org_id });
      await insertEvent(tx, { type: 'user.created', actorName: 'system', countyId: m.county_id, targetType: 'user', targetId: u.id, data: { username: 'member1', role: 'member', memberId: m.id, demo: true } });
      demoAccounts.push({ username: 'member1', role: 'member', org: m.name });
    }
  });
  // demo data that needs the demo accounts (a campaign whose tellers they are)
  if (opts.demo && opts.afterDemoAccounts) await opts.afterDemoAccounts(ctx);
  return { fresh: true, adminPassword: password, generated: !opts.adminPassword, demoAccounts };
}
