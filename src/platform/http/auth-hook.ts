/** Resolves the caller of every API request from a session cookie or a bearer token, and enforces CSRF and first-login duties. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { resolveSession, resolveToken, totpRequired } from '../auth/service.js';
import { getPolicy } from '../settings.js';
import type { AppContext } from './context.js';

export const SESSION_COOKIE = 'xf_session';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Adds the hook to an encapsulated API plugin. */
export function installAuthHook(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.addHook('preHandler', async (req: FastifyRequest) => {
    if (req.routeOptions.config?.public) return;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      req.actor = await resolveToken(ctx.db, auth.slice(7).trim(), req.ip);
      if (!req.actor) throw new AppError('UNAUTHENTICATED', '令牌无效或已撤销', 'invalid or revoked token');
      return;
    }
    const token = req.cookies?.[SESSION_COOKIE];
    if (!token) throw new AppError('UNAUTHENTICATED', '请先登录', 'please log in');
    const s = await resolveSession(ctx.db, token, req.ip);
    if (!s) throw new AppError('UNAUTHENTICATED', '请先登录', 'please log in');
    if ('expired' in s) throw new AppError('SESSION_EXPIRED', '长时间未操作，已自动退出，请重新登录', 'logged out after inactivity');
    if (!SAFE.has(req.method) && req.headers['x-csrf-token'] !== s.csrfToken) throw new AppError('CSRF', '请求校验失败，请刷新页面后重试', 'CSRF check failed: reload the page');
    req.actor = s.actor;
    if (req.routeOptions.config?.beforeTotp) return;
    if (s.actor.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED', '请先修改密码', 'change your password first');
    if (!s.actor.totpEnabled && totpRequired(await getPolicy(ctx.db), s.actor.grants)) {
      throw new AppError('TOTP_SETUP_REQUIRED', '管理员须先设置动态口令（双因素认证）', 'administrators must set up a second factor first');
    }
  });
}
