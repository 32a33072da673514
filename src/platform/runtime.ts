/** Opens everything a running product needs from a Config: database, keys, context. */
import path from 'node:path';
import { openDatabase } from './db/client.js';
import { loadKeys } from './crypto/sm.js';
import type { Config } from './config.js';
import type { AppContext } from './http/context.js';

/** The database (PGlite under DATA_DIR/pglite, or DATABASE_URL), migrated, with the keys. */
export async function openContext(config: Config): Promise<AppContext> {
  const database = await openDatabase({ url: config.databaseUrl, dir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pglite'), poolMax: config.pgPoolMax });
  const keys = loadKeys({ dir: config.dataDir, dataKeyHex: config.dataKeyHex, hashKeyHex: config.hashKeyHex });
  return { database, db: database.db, keys, config };
}
