/** Builds the Fastify application: API under /api/v1 (OpenAPI at /api/openapi.json), /healthz, and the web UI. */
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { configureClock } from '../clock.js';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { installErrorHandler } from './errors.js';
import { installAuthHook } from './auth-hook.js';
import { postgresRateStore } from './rate-store.js';
import type { AppContext } from './context.js';
import { authRoutes } from '../auth/routes.js';

import { WEB_DIST } from '../paths.js';

/** The route plugins mounted under /api/v1, in order. Modules add theirs here. */
export type ApiPlugin = FastifyPluginAsync<AppContext>;

/** Creates the app; `plugins` are the modules' route plugins, mounted under /api/v1 behind the auth hook. */
export async function buildApp(ctx: AppContext, plugins: ApiPlugin[], opts: { logger?: boolean | object } = {}): Promise<FastifyInstance> {
  configureClock({ offsetDays: ctx.config.clockOffsetDays, adjustable: ctx.config.clockAdjustable });
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    ajv: { customOptions: { coerceTypes: false } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(cookie);
  // on a PostgreSQL server every process counts the same hits; PGlite is one process, counting in memory
  await app.register(rateLimit, { global: false, ...(ctx.database.kind === 'postgres' ? { store: postgresRateStore(ctx.database) } : {}) });
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: '先锋 xianfeng API', version: '1', description: '基层党组织创先争优工作平台 API。会话用 Cookie（写操作须带 x-csrf-token 头），集成用 Bearer 令牌。' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'xf_session' } } },
      security: [{ cookie: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });

  app.get('/healthz', { schema: { hide: true } }, async () => {
    await ctx.database.query('select 1');
    return { status: 'ok' };
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(async (api) => {
    installAuthHook(api, ctx);
    await api.register(authRoutes, ctx);
    for (const p of plugins) await api.register(p, ctx);
  }, { prefix: '/api/v1' });

  const hasWeb = fs.existsSync(path.join(WEB_DIST, 'index.html'));
  // wildcard: files are looked up per request, so a rebuilt UI is served without a restart; .gz/.br made at build time are preferred.
  if (hasWeb) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true, index: ['index.html'], preCompressed: true });
  // The web UI's own routes (/members/12 …) answer its page; anything else unknown is a 404 in the error shape.
  app.setNotFoundHandler((req, reply) => {
    if (!hasWeb || req.url.startsWith('/api/') || req.method !== 'GET') {
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: '接口不存在', messageEn: 'no such route' } });
    }
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}
