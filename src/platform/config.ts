/** The environment, checked once at boot: a bad value stops the process with a message naming it. */
import path from 'node:path';
import { z } from 'zod';

const boolish = z.enum(['0', '1', 'true', 'false', 'yes', 'no', '']).transform((v) => v === '1' || v === 'true' || v === 'yes');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://').optional(),
  DEMO: boolish.optional(),
  ADMIN_PASSWORD: z.string().min(1).optional(),
  /** 32 hex characters (SM4 key) for production; otherwise generated into DATA_DIR/keys. */
  XF_DATA_KEY: z.string().regex(/^[0-9a-fA-F]{32}$/, 'must be 32 hex characters').optional(),
  /** 64 hex characters: the key of the lookup hash. */
  XF_HASH_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters').optional(),
  FILES_DIR: z.string().optional(),
  FILES_MAX_MB: z.coerce.number().int().min(1).max(20).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  PG_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  COOKIE_SECURE: boolish.optional(),
  /** Shifts the product's date by whole days (training and tests only). */
  CLOCK_OFFSET_DAYS: z.coerce.number().int().min(-3660).max(3660).default(0),
  /** Lets the system administrator move the product's date at run time (training and tests only). */
  CLOCK_ADJUSTABLE: boolish.optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  demo: boolean;
  adminPassword?: string;
  dataKeyHex?: string;
  hashKeyHex?: string;
  filesDir: string;
  filesMaxBytes: number;
  logLevel: string;
  pgPoolMax: number;
  cookieSecure: boolean;
  clockOffsetDays: number;
  clockAdjustable: boolean;
};

/** Reads the environment (and `--no-demo`) into a Config, or throws naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv): Config {
  // An empty variable counts as unset.
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置错误 / invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    demo: argv.includes('--no-demo') ? false : (e.DEMO ?? true),
    adminPassword: e.ADMIN_PASSWORD,
    dataKeyHex: e.XF_DATA_KEY,
    hashKeyHex: e.XF_HASH_KEY,
    filesDir: path.resolve(e.FILES_DIR ?? path.join(dataDir, 'files')),
    filesMaxBytes: e.FILES_MAX_MB * 1024 * 1024,
    logLevel: e.LOG_LEVEL,
    pgPoolMax: e.PG_POOL_MAX,
    cookieSecure: e.COOKIE_SECURE ?? false,
    clockOffsetDays: e.CLOCK_OFFSET_DAYS,
    clockAdjustable: e.CLOCK_ADJUSTABLE ?? false,
  };
}
