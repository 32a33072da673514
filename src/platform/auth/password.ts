/** Passwords: argon2id hashing (hash-wasm) and the password rules of the security policy. */
import crypto from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';

/** The rules a password must meet; the security administrator may tighten them. */
export type PasswordPolicy = { minLength: number; classes: number; maxAgeDays: number };
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 10, classes: 3, maxAgeDays: 90 };

/** Hashes with argon2id (19 MiB, 2 passes: OWASP's minimum). */
export async function hashPassword(password: string): Promise<string> {
  return argon2id({
    password, salt: crypto.randomBytes(16), parallelism: 1, iterations: 2, memorySize: 19456, hashLength: 32, outputType: 'encoded',
  });
}

/** True when `password` matches the encoded hash. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  try {
    return await argon2Verify({ password, hash: encoded });
  } catch {
    return false;
  }
}

/** The broken rules, as messages in Chinese and English; empty when the password is acceptable. */
export function checkPassword(password: string, policy: PasswordPolicy, username?: string): { zh: string; en: string }[] {
  const out: { zh: string; en: string }[] = [];
  if (password.length < policy.minLength) out.push({ zh: `密码至少 ${policy.minLength} 位`, en: `at least ${policy.minLength} characters` });
  if (password.length > 128) out.push({ zh: '密码不能超过 128 位', en: 'at most 128 characters' });
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < policy.classes) out.push({ zh: `密码须含大写字母、小写字母、数字、符号中的至少 ${policy.classes} 类`, en: `use at least ${policy.classes} of: lower case, upper case, digits, symbols` });
  if (username && password.toLowerCase().includes(username.toLowerCase())) out.push({ zh: '密码不能包含用户名', en: 'must not contain the username' });
  return out;
}

/** A random password that meets the default policy, for first start and resets. */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = crypto.randomBytes(14);
  const core = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
  return `${core.slice(0, 5)}-${core.slice(5, 10)}-${core.slice(10)}A7a`;
}
