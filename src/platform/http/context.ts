/** What every route plugin is given: the database, keys and configuration. */
import type { Database, Db } from '../db/client.js';
import type { Keys } from '../crypto/sm.js';
import type { Config } from '../config.js';
import type { Actor } from '../auth/access.js';

export type AppContext = {
  database: Database;
  db: Db;
  keys: Keys;
  config: Config;
};

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Routes reachable without a session. */
    public?: boolean;
    /** Routes reachable before a required second factor is set up. */
    beforeTotp?: boolean;
  }
}

/** The actor of an authenticated request (the auth hook has already refused anonymous ones). */
export function actorOf(req: { actor: Actor | null }): Actor {
  if (!req.actor) throw new Error('route reached without an actor');
  return req.actor;
}

/** The audit fields that say who did a thing and from where. */
export function who(actor: Actor): { actorId: number; actorName: string; ip: string | null } {
  return { actorId: actor.userId, actorName: actor.username, ip: actor.ip ?? null };
}
