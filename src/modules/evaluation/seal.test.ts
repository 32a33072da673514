/** Tests of the ballot cryptography: sealing and opening, fixed length, key splitting, share texts, receipts. */
import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combine, newBoxKey, open, pad, parseShare, publicOf, receiptOf, seal, shareText, split, unpad } from './seal.js';

describe('sealed ballots', () => {
  it('open only with the campaign\'s private key, and not once altered', () => {
    const k = newBoxKey();
    const other = newBoxKey();
    const s = seal(k.publicKey, Buffer.from('优秀,合格'));
    expect(open(k.privateKey, s).toString()).toBe('优秀,合格');
    expect(() => open(other.privateKey, s)).toThrow();
    const bent = Buffer.from(s);
    bent[bent.length - 1] ^= 1;
    expect(() => open(k.privateKey, bent)).toThrow();
    expect(publicOf(k.privateKey).equals(k.publicKey)).toBe(true);
  });

  it('differ every time the same ballot is sealed, and are all of one length once padded', () => {
    const k = newBoxKey();
    fc.assert(fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }), (a, b) => {
      const sa = seal(k.publicKey, pad(Buffer.from(a), 1024));
      const sb = seal(k.publicKey, pad(Buffer.from(b), 1024));
      expect(sa.length).toBe(sb.length);
      expect(unpad(open(k.privateKey, sa)).toString()).toBe(a);
      expect(seal(k.publicKey, Buffer.from(a)).equals(seal(k.publicKey, Buffer.from(a)))).toBe(false);
    }), { numRuns: 30 });
    expect(() => pad(Buffer.alloc(1021), 1024)).toThrow(RangeError);
  });
});

describe('the tellers\' shares', () => {
  it('rebuild the key from any threshold of them, in any order', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 0, max: 6 }), fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.integer(), (n, t0, bytes, seed) => {
      const threshold = 1 + (t0 % n);
      const secret = Buffer.from(bytes);
      const shares = split(secret, n, threshold);
      // a pseudo-random choice of `threshold` shares
      const order = shares.map((s, i) => ({ s, r: (seed * 31 + i * 7919) % 1009 })).sort((a, b) => a.r - b.r).map((x) => x.s);
      expect(combine(order.slice(0, threshold)).equals(secret)).toBe(true);
      expect(combine(order).equals(secret)).toBe(true);
    }), { numRuns: 200 });
  });

  it('tell nothing below the threshold: one share of a 2-of-3 split is uniform whatever the secret', () => {
    // the first byte of share 1 over many splits of two different secrets: both spread over all values
    const seen = (secret: number) => new Set(Array.from({ length: 3000 }, () => split(Buffer.from([secret]), 3, 2)[0].y[0])).size;
    expect(seen(0)).toBeGreaterThan(250);
    expect(seen(255)).toBeGreaterThan(250);
  });

  it('rebuild a real box key that opens the box', () => {
    const k = newBoxKey();
    const shares = split(k.privateKey, 3, 2);
    const s = seal(k.publicKey, Buffer.from('基本合格'));
    expect(open(combine([shares[2], shares[0]]), s).toString()).toBe('基本合格');
    expect(combine([shares[1]]).equals(k.privateKey)).toBe(false);
  });

  it('refuse bad splits and bad share sets', () => {
    expect(() => split(Buffer.from([1]), 3, 4)).toThrow(RangeError);
    expect(() => split(Buffer.from([1]), 256, 2)).toThrow(RangeError);
    const [a, b] = split(Buffer.from([1, 2]), 2, 2);
    expect(() => combine([a, a])).toThrow(RangeError);
    expect(() => combine([a, { x: b.x, y: b.y.subarray(1) }])).toThrow(RangeError);
  });

  it('read back as typed, and a mistyped share is caught', () => {
    const [s] = split(crypto.randomBytes(32), 3, 2);
    const text = shareText(s);
    expect(text).toMatch(/^[0-9A-F]{6}(-[0-9A-F]{1,6})+$/);
    const back = parseShare(text.toLowerCase().replace(/-/g, ' '))!;
    expect(back.x).toBe(s.x);
    expect(back.y.equals(s.y)).toBe(true);
    const typo = text.replace(/^(.{8})(.)/, (_m, a: string, c: string) => a + (c === 'A' ? 'B' : 'A'));
    expect(parseShare(typo)).toBeNull();
  });
});

describe('receipts', () => {
  it('depend on the nonce and on every character of the content', () => {
    expect(receiptOf('n1', '优秀')).toBe(receiptOf('n1', '优秀'));
    expect(receiptOf('n1', '优秀')).not.toBe(receiptOf('n2', '优秀'));
    expect(receiptOf('n1', '优秀')).not.toBe(receiptOf('n1', '合格'));
    expect(receiptOf('n1', '优秀')).toMatch(/^[0-9a-f]{64}$/);
  });
});
