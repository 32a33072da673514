/**
 * Command line: `npm run cli -- audit verify` checks the audit hash chains and reports the first
 * tampered event; `npm run cli -- generate --scale demo|county|city|province --seed N` makes
 * deterministic data in the configured database (DATA_DIR or DATABASE_URL).
 */
import { loadConfig } from './platform/config.js';
import { openContext } from './platform/runtime.js';
import { verifyChains } from './platform/audit/store.js';
import { generate } from './modules/generate/index.js';

const SCALES = ['demo', 'county', 'city', 'province'] as const;
type Scale = (typeof SCALES)[number];

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
}

async function main(args: string[]): Promise<number> {
  const [cmd, sub] = args;
  const ctx = await openContext(loadConfig(process.env, []));
  try {
    if (cmd === 'audit' && sub === 'verify') {
      const r = await verifyChains(ctx.db);
      if (r.ok) {
        console.log(`审计链完整 / audit trail intact: ${r.checked} 条事件 / events checked`);
        return 0;
      }
      console.log(`审计链被篡改 / audit trail TAMPERED: 链 chain ${r.firstBad!.chain}, 序号 seq ${r.firstBad!.seq}: ${r.firstBad!.reason} (${r.checked} events verified before it)`);
      return 1;
    }
    if (cmd === 'generate') {
      const scale = (flag(args, 'scale') ?? 'demo') as Scale;
      if (!SCALES.includes(scale)) throw new Error(`--scale must be one of ${SCALES.join(', ')}`);
      const seed = Number(flag(args, 'seed') ?? '1');
      if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
      let last = 0;
      const r = await generate(ctx.database, ctx.keys, {
        scale, seed, onProgress: (done, total) => {
          if (Date.now() - last > 1000) { last = Date.now(); process.stdout.write(`\r  ${done} / ${total}`); }
        },
      });
      console.log(`\n生成完成 / generated: ${r.orgs} 个组织 orgs, ${r.members} 名党员 members, ${r.residents} 名居民 residents in ${(r.ms / 1000).toFixed(1)} s (root org ${r.rootOrgId})`);
      return 0;
    }
    console.log('用法 / usage:\n  npm run cli -- audit verify\n  npm run cli -- generate --scale demo|county|city|province --seed N');
    return 2;
  } finally {
    await ctx.database.close();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
  console.error((e as Error).message);
  process.exit(1);
});
