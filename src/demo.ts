/** The demo data loaded on first start: one street of the generator's demo scale, with its 仓前 schemes and a ledger, and two years of star ratings. */
import { sql } from 'drizzle-orm';
import type { AppContext } from './platform/http/context.js';
import { rows } from './platform/db/client.js';
import { generate } from './modules/generate/index.js';
import { loadDemoPoints } from './modules/points/demo.js';
import { loadDemoStars } from './modules/rating/demo.js';
import { loadDemoEvaluation } from './modules/evaluation/demo.js';
import { ensureAllCategories } from './modules/grid/categories.js';
import { loadDemoGrid } from './modules/grid/demo.js';
import { loadDemoVanguard } from './modules/evaluation/demo-vanguard.js';

/** Generates the demo scale with a fixed seed, adds the demo points, and returns its root organisation. */
export async function loadDemo(ctx: AppContext): Promise<number> {
  const r = await generate(ctx.database, ctx.keys, { scale: 'demo', seed: 1 });
  await ensureAllCategories(ctx.db);
  const [street] = await rows<{ id: number; path: string; countyId: number | null; kind: string; name: string }>(ctx.db,
    sql`SELECT id, path, county_id AS "countyId", kind, name FROM orgs WHERE kind IN ('street', 'town') ORDER BY id LIMIT 1`);
  if (street) await loadDemoPoints(ctx.db, street);
  const [county] = await rows<{ id: number; path: string; countyId: number | null; kind: string; name: string }>(ctx.db,
    sql`SELECT id, path, county_id AS "countyId", kind, name FROM orgs WHERE kind = 'county' ORDER BY id LIMIT 1`);
  if (county) await loadDemoStars(ctx.db, county);
  await loadDemoVanguard(ctx.db, ctx.keys);
  return r.rootOrgId;
}

/** The demo data that needs the demo accounts: last year's 民主评议 of branch1's branch, counted and published; community1's grid records and requests. */
export async function loadDemoAfterAccounts(ctx: AppContext): Promise<void> {
  await loadDemoEvaluation(ctx.db, ctx.keys);
  await loadDemoGrid(ctx.db, ctx.keys);
}
