/**
 * Loads generated data into a database: ids are taken from the current end of each table,
 * sensitive fields are protected (SM4, keyed SM3, masks), and rows go in big batches as one
 * JSON parameter per table (json_populate_recordset), which PGlite and PostgreSQL both run.
 */
import type { Database } from '../../platform/db/client.js';
import { maskIdNumber, maskPhone, protect, type Keys } from '../../platform/crypto/sm.js';
import { AppError } from '../../platform/errors.js';
import { emptyChunk, type Chunk, type IdBases, type MemberRow, type ResidentRow } from './rows.js';
import { codePrefix, generateRows, totalMembers, type Scale } from './tree.js';

/** Options of `generate`. */
export type GenerateOptions = {
  scale: Scale;
  seed: number;
  /** Reference date of ages and dates (default DEFAULT_AS_OF), fixed so that output does not change with the clock. */
  asOf?: string;
  /** People (members + residents) per insert batch. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
};

/** What `generate` inserted and how long it took. */
export type GenerateResult = { orgs: number; members: number; residents: number; ms: number; rootOrgId: number };

type Table = { name: string; columns: readonly string[] };

const ORG_COLUMNS = ['id', 'county_id', 'parent_id', 'path', 'depth', 'kind', 'name', 'short_name', 'code', 'established_on', 'unit_name', 'unit_nature', 'secretary_name', 'contact_phone', 'address', 'elected_on', 'term_years'] as const;
const PROTECTED = ['id_enc', 'id_hash', 'id_masked', 'phone_enc', 'phone_hash', 'phone_masked'] as const;

const TABLES = {
  orgs: { name: 'orgs', columns: ORG_COLUMNS },
  grids: { name: 'grids', columns: ['county_id', 'id', 'community_id', 'parent_grid_id', 'kind', 'name', 'households'] },
  units: { name: 'units', columns: ['county_id', 'id', 'community_id', 'name', 'kind', 'party_org_id', 'address', 'contact_name'] },
  members: {
    name: 'members',
    columns: ['county_id', 'id', 'org_id', 'org_path', 'home_community_id', 'name', 'gender', 'ethnicity', 'birth_date', ...PROTECTED, 'education', 'category', 'join_date', 'full_date', 'post', 'workplace', 'party_state', 'party_state_date', 'work_state', 'flowing'],
  },
  residents: {
    name: 'residents',
    columns: ['county_id', 'id', 'community_id', 'community_path', 'grid_id', 'name', 'gender', 'birth_date', ...PROTECTED, 'address', 'is_representative', 'is_nonparty_rep'],
  },
  teams: { name: 'teams', columns: ['county_id', 'id', 'org_id', 'org_path', 'grid_id', 'kind', 'name'] },
  teamMembers: { name: 'team_members', columns: ['county_id', 'team_id', 'person_kind', 'person_id', 'role'] },
} satisfies Record<keyof Chunk, Table>;

const SEQUENCES: readonly (readonly [keyof IdBases, string])[] = [
  ['org', 'orgs'], ['grid', 'grids'], ['unit', 'units'], ['member', 'members'], ['resident', 'residents'], ['team', 'teams'],
];

type Row = Record<string, unknown>;

/** Inserts every table of a batch in one statement (foreign keys are checked at its end, so order within it does not matter). */
async function insertBatch(database: Database, batch: Record<keyof Chunk, readonly object[]>): Promise<void> {
  const keys = (Object.keys(TABLES) as (keyof Chunk)[]).filter((k) => batch[k].length > 0);
  if (keys.length === 0) return;
  const parts = keys.map((k, i) => {
    const t = TABLES[k];
    const cols = t.columns.join(', ');
    return `INSERT INTO ${t.name} (${cols}) SELECT ${cols} FROM json_populate_recordset(null::${t.name}, $${i + 1}::json)`;
  });
  const last = parts.pop() as string;
  const text = parts.length ? `WITH ${parts.map((p, i) => `w${i} AS (${p})`).join(', ')} ${last}` : last;
  await database.query(text, keys.map((k) => JSON.stringify(batch[k])));
}

/** The first free id of each generated table: past both the largest id and the sequence. */
async function idBases(database: Database): Promise<IdBases> {
  const parts = SEQUENCES.map(([key, t]) => `greatest((SELECT coalesce(max(id), 0) FROM ${t}), coalesce(pg_sequence_last_value(pg_get_serial_sequence('${t}', 'id')::regclass), 0)) + 1 AS ${key}`);
  const [row] = await database.query<Record<keyof IdBases, number | string>>(`SELECT ${parts.join(', ')}`);
  const bases = {} as IdBases;
  for (const [key] of SEQUENCES) bases[key] = Number(row[key]);
  return bases;
}

/** Moves each sequence past the ids used, so later inserts that take the default do not collide. */
async function advanceSequences(database: Database, next: IdBases): Promise<void> {
  for (const [key, t] of SEQUENCES) {
    if (next[key] <= 1) continue;
    await database.query(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), greatest($1::bigint, coalesce(pg_sequence_last_value(pg_get_serial_sequence('${t}', 'id')::regclass), 0)))`, [next[key] - 1]);
  }
}

function protectPerson(keys: Keys, p: MemberRow | ResidentRow): Row {
  const { id_number: idNumber, phone, ...rest } = p;
  const id = protect(keys, idNumber, maskIdNumber);
  const ph = protect(keys, phone, maskPhone);
  return { ...rest, id_enc: id.enc, id_hash: id.hash, id_masked: id.masked, phone_enc: ph.enc, phone_hash: ph.hash, phone_masked: ph.masked };
}

/**
 * Generates the data of `opts.scale` for `opts.seed` and inserts it. On an empty database the
 * same seed gives the same rows and ids (only cipher texts and timestamps differ). Refuses when
 * organisation codes of this seed's region are already there (the codes are unique).
 */
export async function generate(database: Database, keys: Keys, opts: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const prefix = codePrefix(opts);
  const existing = await database.query<{ code: string }>(`SELECT code FROM orgs WHERE code LIKE $1 || '%' LIMIT 1`, [prefix]);
  if (existing.length > 0) {
    throw new AppError('CONFLICT', `组织代码 ${existing[0].code} 已存在：该种子的数据已生成过，请换一个种子或使用空数据库`,
      `organisation code ${existing[0].code} exists: data of this seed was generated already; use another seed or an empty database`);
  }
  const bases = await idBases(database);
  const total = totalMembers(opts.scale);
  const batchSize = opts.batchSize ?? (database.kind === 'pglite' ? 2_000 : 5_000);
  const counts = { orgs: 0, members: 0, residents: 0 };
  let buffer: Record<keyof Chunk, Row[]> = emptyChunk();
  let people = 0;

  // One batch is written while the next is generated and encrypted; batches go in order, one at a time.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (Object.values(buffer).every((rows) => rows.length === 0)) return;
    const batch = buffer;
    buffer = emptyChunk();
    people = 0;
    await writing;
    const write = (async () => {
      await insertBatch(database, batch);
      counts.orgs += batch.orgs.length;
      counts.members += batch.members.length;
      counts.residents += batch.residents.length;
      opts.onProgress?.(counts.members, total);
    })();
    write.catch(() => undefined); // handled: the error surfaces at the next `await writing`
    writing = write;
    // Let the driver send the batch before the CPU-bound generation resumes.
    await new Promise((resolve) => setImmediate(resolve));
  };

  const next = { ...bases };
  for (const chunk of generateRows(opts, bases)) {
    buffer.orgs.push(...chunk.orgs);
    buffer.grids.push(...chunk.grids);
    buffer.units.push(...chunk.units);
    for (const m of chunk.members) buffer.members.push(protectPerson(keys, m));
    for (const r of chunk.residents) buffer.residents.push(protectPerson(keys, r));
    buffer.teams.push(...chunk.teams);
    buffer.teamMembers.push(...chunk.teamMembers);
    people += chunk.members.length + chunk.residents.length;
    trackIds(next, chunk);
    if (people >= batchSize) await flush();
    else await new Promise((resolve) => setImmediate(resolve));
  }
  await flush();
  await writing;
  await advanceSequences(database, next);
  // VACUUM also sets the visibility map, so counts over big subtrees become index-only scans at once.
  await database.query('VACUUM ANALYZE orgs, members, residents, grids, units, teams, team_members');
  return { ...counts, ms: Math.round(performance.now() - started), rootOrgId: bases.org };
}

function trackIds(next: IdBases, chunk: Chunk): void {
  const upTo = (rows: readonly { id: number }[], key: keyof IdBases) => {
    for (const r of rows) if (r.id >= next[key]) next[key] = r.id + 1;
  };
  upTo(chunk.orgs, 'org');
  upTo(chunk.grids, 'grid');
  upTo(chunk.units, 'unit');
  upTo(chunk.members, 'member');
  upTo(chunk.residents, 'resident');
  upTo(chunk.teams, 'team');
}
