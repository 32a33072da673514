import { it, expect } from 'vitest';
import { describeDb, freshDatabase, testKeys } from '../../../test/db.js';
import { decrypt } from '../../platform/crypto/sm.js';
import type { Database } from '../../platform/db/client.js';
import { generate, isValidIdNumber, totalMembers, type GenerateResult } from './index.js';

const SEED = 20250630;

/** What must come out identically from the same seed in another empty database. */
async function fingerprint(db: Database): Promise<unknown[]> {
  return db.query(`
    SELECT 'o' AS t, id, path || kind || name || coalesce(code, '') AS v FROM orgs
    UNION ALL SELECT 'm', id, org_path || name || birth_date || id_hash || id_masked || coalesce(phone_hash, '') || join_date || category FROM members
    UNION ALL SELECT 'r', id, community_path || name || id_hash || address FROM residents
    UNION ALL SELECT 'g', id, name || households FROM grids
    UNION ALL SELECT 't', id, kind || name FROM teams
    ORDER BY 1, 2`);
}

describeDb('generate (demo)', (ctx, kind) => {
  let result: GenerateResult;
  const progress: number[] = [];

  it('generates the demo scale quickly', async () => {
    result = await generate(ctx(), testKeys, { scale: 'demo', seed: SEED, onProgress: (done) => progress.push(done) });
    expect(result.members).toBe(totalMembers('demo'));
    expect(result.ms).toBeLessThan(10_000);
    expect(progress.at(-1)).toBe(result.members);
  });

  it('stores what it reports', async () => {
    const [c] = await ctx().query<{ orgs: number; members: number; residents: number; root: number }>(`
      SELECT (SELECT count(*)::int FROM orgs) AS orgs, (SELECT count(*)::int FROM members) AS members,
             (SELECT count(*)::int FROM residents) AS residents, (SELECT id FROM orgs WHERE parent_id IS NULL) AS root`);
    expect(c).toEqual({ orgs: result.orgs, members: result.members, residents: result.residents, root: result.rootOrgId });
    const kinds = await ctx().query<{ kind: string; n: number }>('SELECT kind, count(*)::int AS n FROM orgs GROUP BY kind ORDER BY kind');
    const n = Object.fromEntries(kinds.map((k) => [k.kind, k.n]));
    expect(n.county).toBe(1);
    expect((n.community ?? 0) + (n.village ?? 0)).toBe(10);
    const [extra] = await ctx().query<{ units: number; grids: number; teams: number; tm: number }>(`
      SELECT (SELECT count(*)::int FROM units) AS units, (SELECT count(*)::int FROM grids) AS grids,
             (SELECT count(*)::int FROM teams) AS teams, (SELECT count(*)::int FROM team_members) AS tm`);
    expect(Math.min(extra.units, extra.grids, extra.teams, extra.tm)).toBeGreaterThan(0);
  });

  it('keeps paths consistent', async () => {
    const bad = await ctx().query<{ n: number }>(`
      SELECT (SELECT count(*)::int FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id
              WHERE o.path <> coalesce(p.path, '/') || o.id || '/'
                 OR o.depth <> coalesce(p.depth + 1, 0)
                 OR o.county_id IS DISTINCT FROM (SELECT c.id FROM orgs c WHERE c.kind = 'county' AND o.path LIKE c.path || '%'))
           + (SELECT count(*)::int FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.org_path <> o.path OR o.kind NOT IN ('branch', 'joint_branch'))
           + (SELECT count(*)::int FROM residents r JOIN orgs o ON o.id = r.community_id WHERE r.community_path <> o.path)
           + (SELECT count(*)::int FROM teams t JOIN orgs o ON o.id = t.org_id WHERE t.org_path <> o.path) AS n`);
    expect(bad[0].n).toBe(0);
  });

  it('protects ID and phone numbers, and they decrypt to valid values', async () => {
    const rows = await ctx().query<{ id_enc: string; id_masked: string; birth_date: string }>('SELECT id_enc, id_masked, birth_date FROM members ORDER BY id LIMIT 20');
    for (const r of rows) {
      const id = decrypt(testKeys, r.id_enc);
      expect(isValidIdNumber(id)).toBe(true);
      expect(id.slice(6, 14)).toBe(r.birth_date.replaceAll('-', ''));
      expect(r.id_masked).toBe(`${id.slice(0, 6)}********${id.slice(-4)}`);
    }
  });

  it('leaves the sequences past the generated ids, and refuses to generate the same seed twice', async () => {
    const [o] = await ctx().query<{ id: number }>(`INSERT INTO orgs (path, depth, kind, name) VALUES ('/tmp/', 0, 'county', '测试') RETURNING id`);
    expect(o.id).toBeGreaterThan(result.orgs);
    await ctx().query('DELETE FROM orgs WHERE id = $1', [o.id]);
    await expect(generate(ctx(), testKeys, { scale: 'demo', seed: SEED })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('generates the same names and ids in another empty database', async () => {
    const other = await freshDatabase(kind);
    try {
      await generate(other.database, testKeys, { scale: 'demo', seed: SEED });
      expect(await fingerprint(other.database)).toEqual(await fingerprint(ctx()));
    } finally {
      await other.drop();
    }
  });
});
