/**
 * /api/v1/system/clock: the product's date for deadlines and notices, moved only in training and
 * test deployments; /api/v1/system/calendar: the working-day calendar (the shipped holidays and
 * 调休, and the dates the system administrator adds, e.g. next year's schedule when it is announced).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { requireCapability } from '../auth/access.js';
import { insertEvent } from '../audit/store.js';
import { clockState, setClockOffset } from '../clock.js';
import { sql } from 'drizzle-orm';
import { rows } from '../db/client.js';
import { CHINA_CALENDAR, CalendarDaySchema } from '../calendar/index.js';
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

  app.get('/system/calendar', { schema: { tags, summary: '工作日历 / holidays and adjusted working days of a year', querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) }) } }, async (req) => {
    const y = req.query.year;
    const shipped = CHINA_CALENDAR.find((c) => c.year === y);
    const added = await rows<{ date: string; kind: string; name: string }>(ctx.db, sql`SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_days
      WHERE date BETWEEN ${`${y}-01-01`}::date AND ${`${y}-12-31`}::date ORDER BY date`);
    return { year: y, source: shipped?.source ?? null, shipped: shipped?.days ?? [], added };
  });

  app.put('/system/calendar', { schema: { tags, summary: '添加或修改工作日历日期 / add or change a calendar date', body: CalendarDaySchema } }, async (req) => {
    const actor = actorOf(req);
    requireCapability(actor, 'user.manage');
    const d = req.body;
    await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO calendar_days (date, kind, name, created_by) VALUES (${d.date}, ${d.kind}, ${d.name}, ${actor.userId})
        ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, created_by = EXCLUDED.created_by, created_at = now()`);
      await insertEvent(tx, { type: 'calendar.updated', ...who(actor), data: d });
    });
    return { ok: true };
  });
};
