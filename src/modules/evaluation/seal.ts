/**
 * The cryptography of the secret ballot, pure and synchronous:
 *
 * - **Sealing.** A campaign has one X25519 key pair. A ballot is sealed to its public key (an
 *   ephemeral X25519 key, HKDF-SHA256, AES-256-GCM), after padding to one fixed length, so that
 *   neither its content nor its length shows until the box is opened.
 * - **The tellers' key.** The private key never rests anywhere whole: it is split with Shamir's
 *   scheme over GF(2^8) into one share per teller, any `threshold` of which rebuild it. The tellers
 *   bring their shares to open the box together.
 * - **Receipts.** A ballot carries a random nonce; its receipt is SM3 of nonce and content. After
 *   the count the opened ballots are published by receipt, so a voter finds theirs unchanged, and
 *   the receipt says nothing of who holds it.
 */
import crypto from 'node:crypto';
import { sm3 } from '../../platform/crypto/sm.js';

const HKDF_INFO = Buffer.from('xianfeng ballot v1');
const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');
const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');

/** A campaign's box key: the public half (raw, 32 bytes) and the private half (raw, 32 bytes). */
export type BoxKey = { publicKey: Buffer; privateKey: Buffer };

const publicKeyObject = (raw: Buffer) => crypto.createPublicKey({ key: Buffer.concat([X25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
const privateKeyObject = (raw: Buffer) => crypto.createPrivateKey({ key: Buffer.concat([X25519_PKCS8_PREFIX, raw]), format: 'der', type: 'pkcs8' });
const rawPublic = (k: crypto.KeyObject) => (k.export({ format: 'der', type: 'spki' }) as Buffer).subarray(X25519_SPKI_PREFIX.length);
const rawPrivate = (k: crypto.KeyObject) => (k.export({ format: 'der', type: 'pkcs8' }) as Buffer).subarray(X25519_PKCS8_PREFIX.length);

/** A fresh box key. */
export function newBoxKey(): BoxKey {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('x25519');
  return { publicKey: rawPublic(publicKey), privateKey: rawPrivate(privateKey) };
}

/** The public key that belongs to a private key (to check a rebuilt key before opening anything). */
export function publicOf(privateKey: Buffer): Buffer {
  return rawPublic(crypto.createPublicKey(privateKeyObject(privateKey)));
}

function aeadKey(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), HKDF_INFO, 32));
}

/** Seals `plain` to `publicKey`: ephemeral public key (32) ‖ IV (12) ‖ tag (16) ‖ ciphertext. */
export function seal(publicKey: Buffer, plain: Buffer): Buffer {
  const eph = crypto.generateKeyPairSync('x25519');
  const ephemeral = rawPublic(eph.publicKey);
  const shared = crypto.diffieHellman({ privateKey: eph.privateKey, publicKey: publicKeyObject(publicKey) });
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', aeadKey(shared, ephemeral, publicKey), iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([ephemeral, iv, cipher.getAuthTag(), body]);
}

/** Opens a sealed ballot; throws when it was not sealed to this key or was altered. */
export function open(privateKey: Buffer, sealed: Buffer): Buffer {
  if (sealed.length < 60) throw new Error('sealed ballot too short');
  const ephemeral = sealed.subarray(0, 32);
  const iv = sealed.subarray(32, 44);
  const tag = sealed.subarray(44, 60);
  const recipient = publicOf(privateKey);
  const shared = crypto.diffieHellman({ privateKey: privateKeyObject(privateKey), publicKey: publicKeyObject(Buffer.from(ephemeral)) });
  const decipher = crypto.createDecipheriv('aes-256-gcm', aeadKey(shared, Buffer.from(ephemeral), recipient), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(60)), decipher.final()]);
}

/** Pads `data` to exactly `size` bytes (a 4-byte length, the data, zeros); throws when it does not fit. */
export function pad(data: Buffer, size: number): Buffer {
  if (data.length + 4 > size) throw new RangeError(`ballot of ${data.length} bytes does not fit in ${size}`);
  const out = Buffer.alloc(size);
  out.writeUInt32BE(data.length, 0);
  data.copy(out, 4);
  return out;
}

/** The data of a padded block. */
export function unpad(block: Buffer): Buffer {
  const n = block.readUInt32BE(0);
  if (n + 4 > block.length) throw new RangeError('bad padding');
  return block.subarray(4, 4 + n);
}

// ——— Shamir's secret sharing over GF(2^8), byte by byte (the AES field, x^8 + x^4 + x^3 + x + 1) ———

const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
{
  let x = 1;
  for (let i = 0; i < 255; i++) {
    EXP[i] = x;
    LOG[x] = i;
    x ^= (x << 1) ^ (x & 0x80 ? 0x11b : 0); // multiply by the generator 3
    x &= 0xff;
  }
  for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255];
}
const mul = (a: number, b: number) => (a === 0 || b === 0 ? 0 : EXP[LOG[a] + LOG[b]]);
const div = (a: number, b: number) => {
  if (b === 0) throw new RangeError('division by zero');
  return a === 0 ? 0 : EXP[(LOG[a] + 255 - LOG[b]) % 255];
};

/** One teller's share: its x (1..255) and one byte per byte of the secret. */
export type Share = { x: number; y: Buffer };

/** Splits `secret` into `n` shares, any `threshold` of which rebuild it (fewer tell nothing of it). */
export function split(secret: Buffer, n: number, threshold: number): Share[] {
  if (!Number.isInteger(n) || !Number.isInteger(threshold) || threshold < 1 || threshold > n || n > 255) throw new RangeError('need 1 ≤ threshold ≤ n ≤ 255');
  const shares = Array.from({ length: n }, (_, i) => ({ x: i + 1, y: Buffer.alloc(secret.length) }));
  for (let b = 0; b < secret.length; b++) {
    const coeffs = [secret[b], ...crypto.randomBytes(threshold - 1)];
    for (const s of shares) {
      let y = 0;
      for (let k = coeffs.length - 1; k >= 0; k--) y = mul(y, s.x) ^ coeffs[k]; // Horner
      s.y[b] = y;
    }
  }
  return shares;
}

/** Rebuilds the secret from at least `threshold` distinct shares (Lagrange at x = 0). */
export function combine(shares: Share[]): Buffer {
  if (!shares.length) throw new RangeError('no shares');
  const xs = shares.map((s) => s.x);
  if (new Set(xs).size !== xs.length || xs.some((x) => x < 1 || x > 255)) throw new RangeError('shares must have distinct x in 1..255');
  const len = shares[0].y.length;
  if (shares.some((s) => s.y.length !== len)) throw new RangeError('shares differ in length');
  const out = Buffer.alloc(len);
  for (let b = 0; b < len; b++) {
    let acc = 0;
    for (const [i, si] of shares.entries()) {
      let basis = 1;
      for (const [j, sj] of shares.entries()) if (i !== j) basis = mul(basis, div(sj.x, sj.x ^ si.x));
      acc ^= mul(si.y[b], basis);
    }
    out[b] = acc;
  }
  return out;
}

/** A share as the text a teller keeps: x, then the bytes, in groups, with a check digit pair. */
export function shareText(s: Share): string {
  const body = `${s.x.toString(16).padStart(2, '0')}${s.y.toString('hex')}`.toUpperCase();
  const check = sm3(body).slice(0, 4).toUpperCase();
  return `${body}${check}`.match(/.{1,6}/g)!.join('-');
}

/** Reads a teller's share text; null when it is mistyped (the check fails). */
export function parseShare(text: string): Share | null {
  const t = text.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[0-9A-F]{8,}$/.test(t) || t.length % 2) return null;
  const body = t.slice(0, -4);
  if (sm3(body).slice(0, 4).toUpperCase() !== t.slice(-4)) return null;
  const x = parseInt(body.slice(0, 2), 16);
  if (x < 1) return null;
  return { x, y: Buffer.from(body.slice(2), 'hex') };
}

/** A voter's receipt for a ballot: SM3 of its nonce and canonical content. */
export function receiptOf(nonce: string, content: string): string {
  return sm3(`${nonce}\n${content}`);
}
