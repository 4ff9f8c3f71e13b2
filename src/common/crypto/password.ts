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

// argon2id with the library's defaults (m=64 MiB, t=3, p=4): OWASP's recommended floor or above.
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
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
