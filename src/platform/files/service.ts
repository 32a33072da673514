/**
 * The file store other modules call: checks an upload's type and size, keeps its bytes once per
 * content hash under FILES_DIR (ab/cd/<sha256>), and records the `files` row and its audit event
 * in the caller's transaction.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { rows, type Db } from '../db/client.js';
import { files } from '../db/schema.js';
import { AppError, errors } from '../errors.js';
import { insertEvent } from '../audit/store.js';
import type { AppContext } from '../http/context.js';
import { checkType, cleanName } from './detect.js';

/** The largest upload accepted unless the configuration says otherwise. */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

/** The size limit in force: `config.filesMaxBytes` when the configuration has one, else 10 MB. */
export function maxFileBytes(config: AppContext['config']): number {
  const v: unknown = (config as { filesMaxBytes?: unknown }).filesMaxBytes;
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : DEFAULT_MAX_FILE_BYTES;
}

/** Where the bytes of a given content hash live: <filesDir>/ab/cd/<hash>. */
export function blobPath(filesDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256 hex digest');
  return path.join(filesDir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

/**
 * Writes the bytes under their hash unless already there: to a temporary file in the same
 * directory tree, flushed, then renamed into place, so a reader never sees a partial file.
 * Returns false when the content was already stored.
 */
export async function writeBlob(filesDir: string, sha256: string, data: Buffer): Promise<boolean> {
  const final = blobPath(filesDir, sha256);
  const existing = await fsp.stat(final).catch(() => null);
  if (existing?.isFile() && existing.size === data.length) return false;
  const tmpDir = path.join(filesDir, 'tmp');
  await Promise.all([fsp.mkdir(path.dirname(final), { recursive: true }), fsp.mkdir(tmpDir, { recursive: true })]);
  const tmp = path.join(tmpDir, `${sha256}.${process.pid}.${crypto.randomBytes(6).toString('hex')}`);
  try {
    const fh = await fsp.open(tmp, 'wx', 0o640);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fsp.rename(tmp, final);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw e;
  }
  return true;
}

/** What a caller supplies to store a file. `actorName` and `ip` go into the audit event when known. */
export type StoreFileInput = {
  orgId: number;
  countyId: number;
  name: string;
  mime: string;
  data: Buffer;
  uploadedBy: number | null;
  actorName?: string | null;
  ip?: string | null;
};

/** A stored file's record. */
export type StoredFile = {
  id: number; countyId: number; orgId: number; sha256: string; size: number; mime: string; name: string;
  uploadedBy: number | null; createdAt: Date;
};

/**
 * Checks and stores a file in the caller's transaction, and writes 'file.uploaded'. Refusals
 * (INVALID_FILE when empty, TOO_LARGE, UNSUPPORTED_TYPE) happen before anything is written.
 * Bytes already stored under the same hash are not written again.
 */
export async function storeFile(ctx: Pick<AppContext, 'config'>, tx: Db, input: StoreFileInput, opts: { maxBytes?: number } = {}): Promise<StoredFile> {
  const max = opts.maxBytes ?? maxFileBytes(ctx.config);
  const { data } = input;
  if (data.length === 0) throw new AppError('INVALID_FILE', '文件为空', 'the file is empty');
  if (data.length > max) {
    throw new AppError('TOO_LARGE', `文件超过 ${Math.floor(max / 1024 / 1024)} MB 上限`, `the file exceeds the ${Math.floor(max / 1024 / 1024)} MB limit`, { maxBytes: max, size: data.length });
  }
  const name = cleanName(input.name);
  const type = checkType(data, input.mime, name);
  if (!type.ok) {
    const why = {
      content: ['只接受 PDF、JPEG、PNG、WebP、Word（.docx）、Excel（.xlsx）和纯文本文件', 'only PDF, JPEG, PNG, WebP, .docx, .xlsx and plain text files are accepted'],
      declared: ['文件内容与声明的类型不符', 'the content does not match the declared type'],
      extension: ['文件扩展名与内容不符', 'the file name extension does not match the content'],
    }[type.reason];
    throw new AppError('UNSUPPORTED_TYPE', why[0], why[1], { reason: type.reason });
  }
  const [org] = await rows<{ path: string; county_id: number | null }>(tx, sql`SELECT path, county_id FROM orgs WHERE id = ${input.orgId}`);
  if (!org) throw errors.notFound('组织', 'organisation');
  if ((org.county_id ?? 0) !== input.countyId) throw errors.validation('文件所属县（区）与组织不一致', 'countyId does not match the organisation');

  const sha256 = crypto.createHash('sha256').update(data).digest('hex');
  await writeBlob(ctx.config.filesDir, sha256, data);
  const [row] = await tx.insert(files).values({
    countyId: input.countyId, orgId: input.orgId, sha256, size: data.length, mime: type.mime, name, uploadedBy: input.uploadedBy,
  }).returning();
  await insertEvent(tx, {
    type: 'file.uploaded', actorId: input.uploadedBy, actorName: input.actorName ?? null, ip: input.ip ?? null,
    countyId: input.countyId === 0 ? null : input.countyId, orgId: input.orgId, orgPath: org.path,
    targetType: 'file', targetId: row.id, data: { name, mime: type.mime, size: data.length, sha256 },
  });
  return row;
}

/** A file's record with the path of its organisation (for the access check), or null. */
export async function getFile(db: Db, id: number): Promise<(StoredFile & { orgPath: string }) | null> {
  const [row] = await db.select().from(files).where(eq(files.id, id)).limit(1);
  if (!row) return null;
  const [org] = await rows<{ path: string }>(db, sql`SELECT path FROM orgs WHERE id = ${row.orgId}`);
  return { ...row, orgPath: org.path };
}

/** Opens the stored bytes of a content hash for reading, with their size; INTERNAL when they are missing. */
export async function openBlob(filesDir: string, sha256: string): Promise<{ size: number; stream: fs.ReadStream }> {
  const p = blobPath(filesDir, sha256);
  const st = await fsp.stat(p).catch(() => null);
  if (!st?.isFile()) throw new AppError('INTERNAL', '文件内容缺失，请联系管理员', 'the stored content is missing');
  return { size: st.size, stream: fs.createReadStream(p) };
}
