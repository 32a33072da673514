/**
 * /api/v1/files: upload an attachment to an organisation (multipart field "file"), read its
 * record, download it. Reading needs 'org.read' on the file's organisation; outside that the
 * file answers NOT_FOUND, as if it did not exist.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can, requireAccess, type Actor } from '../auth/access.js';
import { AppError, errors } from '../errors.js';
import { actorOf, type AppContext } from '../http/context.js';
import type { Db } from '../db/client.js';
import { contentDisposition } from './detect.js';
import { getFile, maxFileBytes, openBlob, storeFile, type StoredFile } from './service.js';

const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A file's record as the API sends it. */
export const FileOut = z.object({
  id: z.number(), orgId: z.number(), name: z.string(), mime: z.string(), size: z.number(), sha256: z.string(),
  uploadedBy: z.number().nullable(), createdAt: z.string(),
});

const present = (f: StoredFile): z.infer<typeof FileOut> => ({
  id: f.id, orgId: f.orgId, name: f.name, mime: f.mime, size: f.size, sha256: f.sha256, uploadedBy: f.uploadedBy,
  createdAt: new Date(f.createdAt).toISOString(),
});

/** The file if the actor may read its organisation; NOT_FOUND otherwise, the same answer as for no file. */
async function readableFile(db: Db, actor: Actor, id: number) {
  const f = await getFile(db, id);
  if (!f || !can(actor, 'org.read', f.orgPath)) throw errors.notFound('文件', 'file');
  return f;
}

/** The file routes plugin. */
export const fileRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['files'];

  app.post('/files', {
    schema: {
      tags, summary: '上传附件（multipart 字段 file）/ upload a file', consumes: ['multipart/form-data'],
      querystring: z.strictObject({ orgId: Id }), response: { 200: FileOut },
    },
  }, async (req) => {
    const actor = actorOf(req);
    const { orgId } = req.query;
    const org = (await requireAccess(db, actor, 'org.read', [orgId])).get(orgId)!;
    if (!can(actor, 'org.write', org.path) && !can(actor, 'member.write', org.path)) throw errors.forbidden();
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_TYPE', '请以 multipart/form-data 方式上传', 'send the file as multipart/form-data');
    const maxBytes = maxFileBytes(ctx.config);
    // The stream stops at the limit (FST_REQ_FILE_TOO_LARGE → TOO_LARGE), so no more than that is buffered.
    const part = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
    if (!part || part.fieldname !== 'file') throw errors.validation('缺少文件字段 file', 'the multipart field "file" is missing', [{ path: ['file'], message: 'required' }]);
    const data = await part.toBuffer();
    const f = await db.transaction((tx) => storeFile(ctx, tx, {
      orgId, countyId: org.countyId ?? 0, name: part.filename, mime: part.mimetype, data,
      uploadedBy: actor.userId, actorName: actor.username, ip: actor.ip ?? null,
    }, { maxBytes }));
    return present(f);
  });

  app.get('/files/:id', { schema: { tags, summary: '附件信息 / a file\'s record', params: z.strictObject({ id: Id }), response: { 200: FileOut } } }, async (req) => (
    present(await readableFile(db, actorOf(req), req.params.id))
  ));

  app.get('/files/:id/content', { schema: { tags, summary: '下载附件 / download a file', params: z.strictObject({ id: Id }) } }, async (req, reply) => {
    const f = await readableFile(db, actorOf(req), req.params.id);
    const { size, stream } = await openBlob(ctx.config.filesDir, f.sha256);
    return reply
      .header('Content-Type', f.mime)
      .header('Content-Length', size)
      .header('Content-Disposition', contentDisposition(f.name))
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .header('Cache-Control', 'private, no-store')
      .send(stream);
  });
};
