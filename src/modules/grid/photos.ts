/**
 * Photos sent with a request (the resident's own, or those a liaison takes for them): at most three,
 * each JPEG, PNG or WebP of at most 2 MB, sent inline as base64 and stored as files of the community
 * in the request's transaction.
 */
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import type { Db } from '../../platform/db/client.js';
import { storeFile } from '../../platform/files/service.js';
import type { AppContext } from '../../platform/http/context.js';

/** A photo may be at most this large. */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
/** Three photos of 2 MB in base64, with room for the rest of the form. */
export const PHOTOS_BODY_LIMIT = 9 * 1024 * 1024;
const IMAGE_MIMES = ['image/jpeg', 'image/png', 'image/webp'];

export const Photo = z.strictObject({ name: z.string().trim().min(1).max(100), mime: z.string().max(50), data: z.string().max(4_000_000) });
export const Photos = z.array(Photo).max(3, '最多3张照片').default([]);

/** The photos decoded and checked for size and type before anything is written. */
export function decodePhotos(photos: z.infer<typeof Photo>[]): { name: string; mime: string; data: Buffer }[] {
  return photos.map((p, i) => {
    const data = Buffer.from(p.data, 'base64');
    if (data.length > PHOTO_MAX_BYTES) throw new AppError('TOO_LARGE', `第${i + 1}张照片超过 2 MB，请压缩后再传`, `photo ${i + 1} exceeds 2 MB`, [{ path: ['photos', i], message: '超过 2 MB' }]);
    if (!IMAGE_MIMES.includes(p.mime)) throw new AppError('UNSUPPORTED_TYPE', '照片只接受 JPEG、PNG、WebP', 'photos are JPEG, PNG or WebP', [{ path: ['photos', i], message: '格式不支持' }]);
    return { name: p.name, mime: p.mime, data };
  });
}

/** Stores decoded photos as files of the community, in the caller's transaction; their ids in order. */
export async function storePhotos(ctx: Pick<AppContext, 'config'>, tx: Db, community: { id: number; countyId: number }, photos: { name: string; mime: string; data: Buffer }[],
  by: { userId: number | null; actorName: string; ip: string | null }): Promise<number[]> {
  const ids: number[] = [];
  for (const p of photos) {
    ids.push((await storeFile(ctx, tx, { orgId: community.id, countyId: community.countyId, name: p.name, mime: p.mime, data: p.data, uploadedBy: by.userId, actorName: by.actorName, ip: by.ip }, { maxBytes: PHOTO_MAX_BYTES })).id);
  }
  return ids;
}
