import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decrypt, encrypt, lookupHash, maskIdNumber, maskPhone } from './crypto/sm.js';
import { checkPassword, DEFAULT_PASSWORD_POLICY, generatePassword, hashPassword, verifyPassword } from './auth/password.js';
import { base32Decode, base32Encode, totpCode, verifyTotp } from './auth/totp.js';
import { actionsAt, can, scopePaths, type Actor } from './auth/access.js';
import { canonical, eventHash, GENESIS } from './audit/store.js';
import { loadConfig } from './config.js';

const keys = { dataKey: Buffer.alloc(16, 1), hashKey: Buffer.alloc(32, 2) };

describe('SM4/SM3 protection', () => {
  it('round-trips any text, with a fresh IV each time', () => {
    fc.assert(fc.property(fc.string({ maxLength: 64 }), (s) => {
      expect(decrypt(keys, encrypt(keys, s))).toBe(s);
    }));
    expect(encrypt(keys, 'x')).not.toBe(encrypt(keys, 'x'));
  });
  it('detects tampering and a wrong key', () => {
    const c = encrypt(keys, '110101198001010010');
    const raw = Buffer.from(c.slice(3), 'base64');
    raw[20] ^= 1;
    const flipped = `v1:${raw.toString('base64')}`;
    expect(() => decrypt(keys, flipped)).toThrow();
    expect(() => decrypt({ ...keys, hashKey: Buffer.alloc(32, 3) }, c)).toThrow();
  });
  it('hashes equal values equally, normalising case and spaces', () => {
    expect(lookupHash(keys, '11010119900909003x ')).toBe(lookupHash(keys, '11010119900909003X'));
    expect(lookupHash(keys, 'a')).not.toBe(lookupHash({ ...keys, hashKey: Buffer.alloc(32, 5) }, 'a'));
  });
  it('masks', () => {
    expect(maskIdNumber('110101198001010010')).toBe('110101********0010');
    expect(maskPhone('13800138000')).toBe('138****8000');
  });
});

describe('passwords and TOTP', () => {
  it('hashes with argon2id and verifies', async () => {
    const h = await hashPassword('Abcdef-12345');
    expect(h).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword('Abcdef-12345', h)).toBe(true);
    expect(await verifyPassword('Abcdef-12346', h)).toBe(false);
  });
  it('applies the rules', () => {
    expect(checkPassword('short', DEFAULT_PASSWORD_POLICY)).not.toEqual([]);
    expect(checkPassword('alllowercaseletters', DEFAULT_PASSWORD_POLICY)).toHaveLength(1);
    expect(checkPassword('Admin-2026-pass', DEFAULT_PASSWORD_POLICY, 'admin')).toHaveLength(1);
    for (let i = 0; i < 20; i++) expect(checkPassword(generatePassword(), DEFAULT_PASSWORD_POLICY)).toEqual([]);
  });
  it('matches the RFC 6238 test vector and accepts one step of drift', () => {
    const secret = base32Encode(Buffer.from('12345678901234567890'));
    expect(base32Decode(secret).toString()).toBe('12345678901234567890');
    expect(totpCode(secret, 59_000)).toBe('287082');
    expect(totpCode(secret, 1_111_111_109_000)).toBe('081804');
    expect(verifyTotp(secret, totpCode(secret, 1_000_000_000_000 - 30_000), 1_000_000_000_000)).toBe(true);
    expect(verifyTotp(secret, totpCode(secret, 1_000_000_000_000 - 90_000), 1_000_000_000_000)).toBe(false);
  });
});

describe('scoped access', () => {
  const actor = (grants: [string, string][]): Actor => ({ userId: 1, username: 'u', displayName: 'u', memberId: null, memberCountyId: null,
    grants: grants.map(([role, orgPath], i) => ({ id: i, role: role as never, orgId: i, orgPath, orgName: '', orgKind: 'street', countyId: 1 })) });
  it('allows inside the granted subtree only', () => {
    const a = actor([['community_admin', '/1/2/3/']]);
    expect(can(a, 'member.write', '/1/2/3/9/')).toBe(true);
    expect(can(a, 'member.write', '/1/2/4/')).toBe(false);
    expect(can(a, 'member.write', '/1/2/')).toBe(false);
    expect(can(a, 'audit.read', '/1/2/3/')).toBe(false);
  });
  it('collapses nested grants and lists actions per object', () => {
    const a = actor([['street_admin', '/1/2/'], ['branch_secretary', '/1/2/3/'], ['inspector', '/1/7/']]);
    expect(scopePaths(a, 'member.read')).toEqual(['/1/2/', '/1/7/']);
    expect(actionsAt(a, '/1/7/8/')).not.toContain('member.write');
    expect(actionsAt(a, '/1/2/3/')).toContain('member.read_sensitive');
  });
});

describe('audit hashing', () => {
  it('is independent of key order and changes with any field', () => {
    expect(canonical({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    const e = { chain: 1, seq: 1, at: new Date(0), type: 'member.updated', actorId: 1, actorName: 'a', orgId: 2, orgPath: '/1/', targetType: 'member', targetId: '5', data: { x: 1 }, ip: null };
    const h = eventHash(GENESIS, e);
    expect(eventHash(GENESIS, { ...e, data: { x: 2 } })).not.toBe(h);
    expect(eventHash('1'.repeat(64), e)).not.toBe(h);
  });
});

describe('configuration', () => {
  it('names a bad variable and reads --no-demo', () => {
    expect(() => loadConfig({ PORT: 'abc' }, [])).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' }, [])).toThrow(/DATABASE_URL/);
    expect(loadConfig({}, ['node', 'main', '--no-demo']).demo).toBe(false);
    expect(loadConfig({ DEMO: '0' }, []).demo).toBe(false);
    expect(loadConfig({}, []).demo).toBe(true);
  });
});
