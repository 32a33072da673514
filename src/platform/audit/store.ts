/**
 * The audit trail: append-only events written in the caller's transaction, each chained to the
 * previous one of its chain (one per county, 0 for the system) by an SM3 hash.
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../db/client.js';
import { sm3 } from '../crypto/sm.js';
import type { AuditInput } from './events.js';

export const GENESIS = '0'.repeat(64);

/** JSON with keys sorted at every level, so the same event always hashes the same. */
export function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
}

export type StoredEvent = {
  chain: number; seq: number; at: Date; type: string; actorId: number | null; actorName: string | null;
  orgId: number | null; orgPath: string | null; targetType: string | null; targetId: string | null;
  data: Record<string, unknown>; ip: string | null; prevHash: string; hash: string;
};

/** The hash of an event given its predecessor's hash. */
export function eventHash(prevHash: string, e: Omit<StoredEvent, 'prevHash' | 'hash'>): string {
  const body = canonical({
    chain: e.chain, seq: e.seq, at: new Date(e.at).toISOString(), type: e.type, actorId: e.actorId, actorName: e.actorName,
    orgId: e.orgId, orgPath: e.orgPath, targetType: e.targetType, targetId: e.targetId, data: e.data, ip: e.ip,
  });
  return sm3(`${prevHash}\n${body}`);
}

/**
 * Each county's trail is kept in LANES chains, so that concurrent writers of one county do not all
 * queue on one head row: lane 0 is the county's id itself (the only lane before lanes existed),
 * lane k is the county's id + k·2^40. A transaction writes all its events into one lane.
 */
export const LANES = 8;
const LANE_UNIT = 2 ** 40;

/** The county (0 for the system) and lane of a chain id. */
export function chainParts(chain: number): { county: number; lane: number } {
  return { county: chain % LANE_UNIT, lane: Math.floor(chain / LANE_UNIT) };
}

const laneOfTx = new WeakMap<object, number>();
let nextLane = 0;

/**
 * Appends an event in the given transaction. The lane's head row is locked (and read) by one
 * statement and advanced with the event's insert by a second, so the lock is held for as little
 * as the rest of the transaction takes: write events last.
 */
export async function insertEvent(tx: Db, input: AuditInput): Promise<{ chain: number; seq: number }> {
  let lane = laneOfTx.get(tx);
  if (lane === undefined) {
    lane = nextLane;
    nextLane = (nextLane + 1) % LANES;
    laneOfTx.set(tx, lane);
  }
  const chain = (input.countyId ?? 0) + lane * LANE_UNIT;
  const [head] = await rows<{ seq: number; hash: string }>(tx, sql`INSERT INTO audit_heads AS h (chain, seq, hash) VALUES (${chain}, 0, ${GENESIS})
    ON CONFLICT (chain) DO UPDATE SET seq = h.seq RETURNING seq, hash`);
  const e = {
    chain, seq: Number(head.seq) + 1, at: new Date(), type: input.type,
    actorId: input.actorId ?? null, actorName: input.actorName ?? null,
    orgId: input.orgId ?? null, orgPath: input.orgPath ?? null,
    targetType: input.targetType ?? null, targetId: input.targetId == null ? null : String(input.targetId),
    data: JSON.parse(JSON.stringify(input.data ?? {})) as Record<string, unknown>, ip: input.ip ?? null,
  };
  const hash = eventHash(head.hash, e);
  await tx.execute(sql`WITH e AS (INSERT INTO audit_events (chain, seq, at, type, actor_id, actor_name, org_id, org_path, target_type, target_id, data, ip, prev_hash, hash)
    VALUES (${e.chain}, ${e.seq}, ${e.at}, ${e.type}, ${e.actorId}, ${e.actorName}, ${e.orgId}, ${e.orgPath}, ${e.targetType}, ${e.targetId}, ${JSON.stringify(e.data)}::jsonb, ${e.ip}, ${head.hash}, ${hash}))
    UPDATE audit_heads SET seq = ${e.seq}, hash = ${hash} WHERE chain = ${chain}`);
  return { chain, seq: e.seq };
}

export type VerifyResult = { ok: boolean; checked: number; firstBad?: { chain: number; seq: number; reason: string } };

/** Walks every chain in order and reports the first event whose hash or link does not hold. */
export async function verifyChains(db: Db, batch = 5000): Promise<VerifyResult> {
  const heads = await rows<{ chain: number; seq: number; hash: string }>(db, sql`SELECT chain, seq, hash FROM audit_heads ORDER BY chain`);
  let checked = 0;
  for (const head of heads) {
    let prev = GENESIS;
    let expectSeq = 1;
    for (;;) {
      const evs = await rows<Record<string, unknown>>(db, sql`SELECT chain, seq, at, type, actor_id, actor_name, org_id, org_path, target_type, target_id, data, ip, prev_hash, hash
        FROM audit_events WHERE chain = ${head.chain} AND seq >= ${expectSeq} ORDER BY seq LIMIT ${batch}`);
      for (const r of evs) {
        const e = toStored(r);
        if (e.seq !== expectSeq) return { ok: false, checked, firstBad: { chain: e.chain, seq: expectSeq, reason: 'missing event' } };
        if (e.prevHash !== prev) return { ok: false, checked, firstBad: { chain: e.chain, seq: e.seq, reason: 'broken link' } };
        if (eventHash(prev, e) !== e.hash) return { ok: false, checked, firstBad: { chain: e.chain, seq: e.seq, reason: 'content altered' } };
        prev = e.hash; expectSeq += 1; checked += 1;
      }
      if (evs.length < batch) break;
    }
    if (expectSeq - 1 !== Number(head.seq) || prev !== head.hash) {
      return { ok: false, checked, firstBad: { chain: Number(head.chain), seq: expectSeq, reason: 'events missing at the end of the chain' } };
    }
  }
  return { ok: true, checked };
}

/** The latest events about one record (newest first), without their hashes: a record's change history. */
export async function recordHistory(db: Db, targetType: string, targetId: number | string, limit = 200) {
  const r = await rows<Record<string, unknown>>(db, sql`SELECT * FROM audit_events WHERE target_type = ${targetType} AND target_id = ${String(targetId)} ORDER BY at DESC, seq DESC LIMIT ${limit}`);
  return r.map(toStored).map(({ prevHash: _a, hash: _b, ...e }) => e);
}

/** A database row as a StoredEvent. */
export function toStored(r: Record<string, unknown>): StoredEvent {
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    chain: Number(r.chain), seq: Number(r.seq), at: new Date(r.at as string), type: String(r.type),
    actorId: n(r.actor_id), actorName: (r.actor_name as string) ?? null, orgId: n(r.org_id), orgPath: (r.org_path as string) ?? null,
    targetType: (r.target_type as string) ?? null, targetId: (r.target_id as string) ?? null,
    data: (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as Record<string, unknown>, ip: (r.ip as string) ?? null,
    prevHash: String(r.prev_hash), hash: String(r.hash),
  };
}
