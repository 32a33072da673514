/** Settings kept in the database: the security policy and the organisation-setting rules. */
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from './db/client.js';
import { settings } from './db/schema.js';

export const SecurityPolicy = z.strictObject({
  minLength: z.number().int().min(8).max(64),
  classes: z.number().int().min(1).max(4),
  maxAgeDays: z.number().int().min(0).max(3650),
  lockoutThreshold: z.number().int().min(3).max(20),
  lockoutMinutes: z.number().int().min(1).max(1440),
  idleTimeoutMinutes: z.number().int().min(5).max(480),
  requireTotpForAdmins: z.boolean(),
});
export type SecurityPolicy = z.infer<typeof SecurityPolicy>;

export const DEFAULT_POLICY: SecurityPolicy = {
  minLength: 10, classes: 3, maxAgeDays: 90, lockoutThreshold: 5, lockoutMinutes: 15, idleTimeoutMinutes: 30, requireTotpForAdmins: false,
};

/** Reads a setting, or the default when it was never saved. */
export async function getSetting<T>(db: Db, key: string, fallback: T): Promise<T> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return row ? ({ ...fallback, ...(row.value as object) } as T) : fallback;
}

/** Saves a setting in the caller's transaction. */
export async function putSetting(db: Db, key: string, value: unknown): Promise<void> {
  await db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
  forgetSettings();
}

/** Drops cached settings; call after the transaction that changed them commits. */
export function forgetSettings(): void {
  policyCache = new WeakMap();
}

// Every request reads the policy; it is kept for a few seconds per database (other processes' changes show within that time).
let policyCache = new WeakMap<object, { at: number; value: Promise<SecurityPolicy> }>();
const POLICY_TTL_MS = 5_000;

/** The security policy in force. */
export function getPolicy(db: Db): Promise<SecurityPolicy> {
  const hit = policyCache.get(db);
  if (hit && Date.now() - hit.at < POLICY_TTL_MS) return hit.value;
  const value = getSetting(db, 'security.policy', DEFAULT_POLICY);
  policyCache.set(db, { at: Date.now(), value });
  value.catch(() => policyCache.delete(db));
  return value;
}
