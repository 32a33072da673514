/**
 * Protection of personal data at rest (GB/T 39786): SM4 encryption of ID and phone numbers,
 * a keyed SM3 hash for exact lookup, and masking for display. Keys come from the environment
 * in production, or are generated once into the data dir (owner-readable only).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type Keys = { dataKey: Buffer; hashKey: Buffer };

/** Loads the keys from hex strings, or from `dir/keys.json`, creating that file (mode 0600) on first start. */
export function loadKeys(opts: { dir: string; dataKeyHex?: string; hashKeyHex?: string }): Keys {
  if (opts.dataKeyHex && opts.hashKeyHex) {
    return { dataKey: Buffer.from(opts.dataKeyHex, 'hex'), hashKey: Buffer.from(opts.hashKeyHex, 'hex') };
  }
  const file = path.join(opts.dir, 'keys.json');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(opts.dir, { recursive: true });
    const fresh = { dataKey: crypto.randomBytes(16).toString('hex'), hashKey: crypto.randomBytes(32).toString('hex') };
    fs.writeFileSync(file, JSON.stringify(fresh), { mode: 0o600, flag: 'wx' });
  }
  const k = JSON.parse(fs.readFileSync(file, 'utf8')) as { dataKey: string; hashKey: string };
  return { dataKey: Buffer.from(opts.dataKeyHex ?? k.dataKey, 'hex'), hashKey: Buffer.from(opts.hashKeyHex ?? k.hashKey, 'hex') };
}

/** SM3 digest of a string or bytes, hex. */
export function sm3(data: string | Buffer): string {
  return crypto.createHash('sm3').update(data).digest('hex');
}

/** An SM3 digest fed in pieces: the same hex as sm3() of the pieces joined. */
export function sm3Stream(): { update: (data: string) => void; hex: () => string } {
  const h = crypto.createHash('sm3');
  return { update: (data) => { h.update(data); }, hex: () => h.digest('hex') };
}

/** Keyed SM3 (HMAC-SM3) of a normalised value: equal inputs give equal hashes, and nothing else can be learnt. */
export function lookupHash(keys: Keys, value: string): string {
  return crypto.createHmac('sm3', keys.hashKey).update(value.trim().toUpperCase()).digest('hex');
}

/** SM4-CBC with a random IV and an HMAC-SM3 tag: 'v1:' + base64(iv | ciphertext | tag). */
export function encrypt(keys: Keys, plain: string): string {
  const iv = crypto.randomBytes(16);
  const c = crypto.createCipheriv('sm4-cbc', keys.dataKey, iv);
  const body = Buffer.concat([iv, c.update(plain, 'utf8'), c.final()]);
  const tag = crypto.createHmac('sm3', keys.hashKey).update(body).digest().subarray(0, 16);
  return 'v1:' + Buffer.concat([body, tag]).toString('base64');
}

/** Reverses `encrypt`; throws if the value was altered or the key is wrong. */
export function decrypt(keys: Keys, stored: string): string {
  if (!stored.startsWith('v1:')) throw new Error('unknown ciphertext format');
  const buf = Buffer.from(stored.slice(3), 'base64');
  const body = buf.subarray(0, buf.length - 16);
  const tag = buf.subarray(buf.length - 16);
  const want = crypto.createHmac('sm3', keys.hashKey).update(body).digest().subarray(0, 16);
  if (!crypto.timingSafeEqual(tag, want)) throw new Error('ciphertext integrity check failed');
  const d = crypto.createDecipheriv('sm4-cbc', keys.dataKey, body.subarray(0, 16));
  return Buffer.concat([d.update(body.subarray(16)), d.final()]).toString('utf8');
}

/** 330106********1234: the region and the last four. */
export function maskIdNumber(id: string): string {
  return id.length < 10 ? '*'.repeat(id.length) : id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

/** 138****5678 */
export function maskPhone(p: string): string {
  return p.length < 7 ? '*'.repeat(p.length) : p.slice(0, 3) + '*'.repeat(p.length - 7) + p.slice(-4);
}

/** The three stored forms of a sensitive value: cipher text, lookup hash and masked text. */
export function protect(keys: Keys, value: string | null | undefined, mask: (v: string) => string) {
  if (value === null || value === undefined || value === '') return { enc: null, hash: null, masked: null };
  return { enc: encrypt(keys, value), hash: lookupHash(keys, value), masked: mask(value) };
}
