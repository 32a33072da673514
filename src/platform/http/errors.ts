/** Maps every error to `{ error: { code, message, messageEn, details } }` with its status; bad input never answers 500. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.js';

const ZH = z.locales.zhCN().localeError as (issue: Record<string, unknown>) => string | undefined;
const EN = z.locales.en().localeError as (issue: Record<string, unknown>) => string | undefined;

type PgError = { code?: string; constraint?: string; detail?: string; message: string };

function fromPg(e: PgError): AppError | null {
  const c = e.code ?? '';
  if (c === '23505') return new AppError('DUPLICATE', '记录重复：已存在相同的数据', 'duplicate: the same record already exists', { constraint: e.constraint });
  if (c === '23514') return new AppError('VALIDATION', `数据不符合约束（${e.constraint ?? ''}）`, `value violates a rule (${e.constraint ?? ''})`, { constraint: e.constraint });
  if (c === '23503') return new AppError('VALIDATION', '引用的记录不存在', 'a referenced record does not exist', { constraint: e.constraint });
  if (c === '23502') return new AppError('VALIDATION', '缺少必填项', 'a required value is missing');
  if (c.startsWith('22')) return new AppError('VALIDATION', '数据格式或范围错误', 'value out of range or malformed');
  if (c === '40001' || c === '40P01') return new AppError('CONFLICT', '并发冲突，请重试', 'concurrent change, please retry');
  return null;
}

/** Installs the error and not-found handlers. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError & PgError, req, reply) => {
    let e: AppError;
    if (err instanceof AppError) e = err;
    else if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => {
        const path = v.instancePath.replace(/^\//, '').split('/').filter(Boolean);
        const issue = { ...(v.params as object), code: v.keyword, path, message: v.message } as Parameters<typeof ZH>[0];
        const custom = /[\u4e00-\u9fff]/.test(v.message);
        return { path, message: custom ? v.message : ZH(issue) ?? v.message, messageEn: custom ? EN(issue) ?? v.message : v.message, keyword: v.keyword };
      });
      const where = (d: { path: string[] }, req0: string) => d.path.join('.') || req0;
      e = new AppError('VALIDATION', `请求数据不正确：${details.map((d) => `${where(d, '(请求)')} ${d.message}`).join('；')}`,
        `invalid request: ${details.map((d) => `${where(d, '(request)')} ${d.messageEn}`).join('; ')}`, details);
    } else if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (err instanceof SyntaxError && err.statusCode === 400)) {
      e = new AppError('BAD_JSON', '请求体不是有效的 JSON', 'the request body is not valid JSON');
    } else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.code === 'FST_REQ_FILE_TOO_LARGE' || err.statusCode === 413) {
      e = new AppError('TOO_LARGE', '上传内容过大', 'the request is too large');
    } else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.statusCode === 415) {
      e = new AppError('UNSUPPORTED_TYPE', '不支持的内容类型', 'unsupported content type');
    } else if (err.statusCode === 429) {
      e = new AppError('RATE_LIMITED', '请求过于频繁，请稍后再试', 'too many requests, try later');
    } else if (err.code === 'FST_ERR_VALIDATION' || (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)) {
      e = new AppError('VALIDATION', `请求不正确：${err.message}`, `bad request: ${err.message}`);
    } else {
      const cause = (err as { cause?: PgError }).cause;
      e = fromPg(err) ?? (cause ? fromPg(cause) : null) ?? new AppError('INTERNAL', '服务器内部错误', 'internal error');
    }
    if (e.code === 'INTERNAL') req.log.error({ err }, 'unhandled error');
    reply.status(e.status).send({ error: { code: e.code, message: e.message, messageEn: e.messageEn, details: e.details } });
  });
}
