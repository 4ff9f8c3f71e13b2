import { randomBytes, randomInt } from 'node:crypto';
import argon2 from 'argon2';

/** api.md: at least 10 characters with 3 of lower, upper, digit, symbol. */
export function passwordProblems(password: string): string | null {
  if (typeof password !== 'string' || password.length < 10) return '密码至少10位';
  if (password.length > 128) return '密码不能超过128位';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return '密码须包含小写字母、大写字母、数字、符号中的至少三类';
  return null;
}

/**
 * argon2id, m = 19 MiB, t = 2, p = 1: the OWASP Password Storage Cheat Sheet's configuration.
 * The library's default (m = 64 MiB, t = 3, p = 4, RFC 9106's second option) cost 240 ms and
 * 64 MiB a sign-in here; four at once (libuv's pool) raised a process by 256 MB — most of issue #6's
 * 300 MB budget — and let a burst of sign-ins take both cores (docs/decisions.md "Password hashing").
 */
export const PASSWORD_HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, PASSWORD_HASH_OPTIONS);
}

/** A hash made with other parameters (older ones verify still; a sign-in re-hashes them). */
export function hashNeedsUpgrade(hash: string): boolean {
  try {
    return argon2.needsRehash(hash, PASSWORD_HASH_OPTIONS);
  } catch {
    return true;
  }
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A random password that satisfies the policy, for the first sysadmin. */
export function randomPassword(): string {
  const pick = (chars: string) => chars[randomInt(chars.length)];
  const base = randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');
  return base + pick('ABCDEFGHJKLMNPQRSTUVWXYZ') + pick('abcdefghijkmnpqrstuvwxyz') + pick('23456789') + pick('!@#%^*+=');
}
