/** /api/v1/system/clock: the product's date for deadlines and notices; moved only in training and test deployments. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { requireCapability } from '../auth/access.js';
import { insertEvent } from '../audit/store.js';
import { clockState, setClockOffset } from '../clock.js';
import { actorOf, who, type AppContext } from './context.js';

/** The clock routes plugin. */
export const clockRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const tags = ['system'];

  app.get('/system/clock', { schema: { tags, summary: '系统日期 / the product\'s date' } }, async () => clockState());

  app.put('/system/clock', {
    schema: { tags, summary: '调整系统日期（仅培训、测试部署）/ move the date (training and test deployments only)', body: z.strictObject({ offsetDays: z.number().int().min(-3660).max(3660) }) },
  }, async (req) => {
    const actor = actorOf(req);
    requireCapability(actor, 'user.manage');
    const before = clockState();
    if (!setClockOffset(req.body.offsetDays)) throw new AppError('FORBIDDEN', '本部署不允许调整系统日期（需设置 CLOCK_ADJUSTABLE=1）', 'this deployment does not allow moving the date');
    await ctx.db.transaction((tx) => insertEvent(tx, { type: 'system.clock_set', ...who(actor), data: { from: before.today, to: clockState().today, offsetDays: req.body.offsetDays } }));
    return clockState();
  });
};
