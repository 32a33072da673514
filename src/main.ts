/** Starts the product: configuration, database, first-start set-up, the web server. */
import { loadConfig } from './platform/config.js';
import { openContext } from './platform/runtime.js';
import { bootstrap } from './platform/bootstrap.js';
import { buildApp } from './platform/http/app.js';
import { apiPlugins } from './routes.js';
import { loadDemo, loadDemoAfterAccounts } from './demo.js';
import { startScheduler, stopScheduler } from './platform/jobs/index.js';
import { ensureAllCategories } from './modules/grid/categories.js';
import { registerSweep, scheduleSweep } from './modules/grid/escalation.js';
import { failInterruptedImports } from './modules/excel/import.js';

async function main(): Promise<void> {
  const t0 = Date.now();
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  const ctx = await openContext(config);
  // Handlers are registered before the scheduler starts; it resumes jobs left from before a restart.
  registerSweep();
  await startScheduler(ctx);
  await failInterruptedImports(ctx.db, ctx.database.kind === 'pglite');
  const boot = await bootstrap(ctx, { demo: config.demo, adminPassword: config.adminPassword, loadDemo, afterDemoAccounts: loadDemoAfterAccounts });
  // counties loaded by the generator (npm run cli -- generate) get the default request categories; the nightly escalation is scheduled
  await ensureAllCategories(ctx.db);
  await scheduleSweep(ctx.db);
  const app = await buildApp(ctx, apiPlugins, { logger: { level: config.logLevel } });
  await app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite (${config.dataDir})`;
  console.log(`\n先锋 xianfeng 已启动 / started: http://localhost:${config.port}  数据库 / database: ${where}  用时 / ready in ${Date.now() - t0} ms`);
  if (boot.fresh) {
    console.log(`首次启动 / first start: 管理员 / administrator  admin${boot.generated ? `  密码 / password: ${boot.adminPassword}  （仅显示一次，首次登录须修改 / shown once; change it at first login）` : '  密码 / password: ADMIN_PASSWORD'}`);
    for (const a of boot.demoAccounts ?? []) console.log(`  演示账号 / demo account: ${a.username.padEnd(11)} ${a.role.padEnd(16)} ${a.org}  (密码同管理员 / same password as admin)`);
  }
  const stop = async () => {
    await app.close();
    await stopScheduler();
    await ctx.database.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error('启动失败 / failed to start:', e);
  process.exit(1);
});
