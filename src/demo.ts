/** The demo data loaded on first start: one street of the generator's demo scale. */
import type { AppContext } from './platform/http/context.js';
import { generate } from './modules/generate/index.js';

/** Generates the demo scale with a fixed seed and returns its root organisation. */
export async function loadDemo(ctx: AppContext): Promise<number> {
  const r = await generate(ctx.database, ctx.keys, { scale: 'demo', seed: 1 });
  return r.rootOrgId;
}
