import { describe, expect, it } from '@jest/globals';
import argon2 from 'argon2';
import { hashNeedsUpgrade, hashPassword, passwordProblems, randomPassword, verifyPassword } from './password.js';

describe('password policy (api.md: ≥10 characters, 3 of lower, upper, digit, symbol)', () => {
  it.each(['Str0ng-Passw0rd!', 'abcdefgH1x', 'ABCDEFGH1!', 'abcdefgh!1', '中文密码Abc12345'])('accepts %s', (p) => {
    expect(passwordProblems(p)).toBeNull();
  });

  it.each([
    ['Short1!a', '至少10位'],
    ['alllowercaseletters', '至少三类'],
    ['ALLUPPERCASE12', '至少三类'],
    ['1234567890', '至少三类'],
    ['abcdefghij12', '至少三类'],
    ['Aa1!'.repeat(33), '不能超过128位'],
  ])('refuses %s', (p, problem) => {
    expect(passwordProblems(p)).toContain(problem);
  });

  it('refuses what is not a string', () => {
    expect(passwordProblems(undefined as unknown as string)).not.toBeNull();
  });

  it('randomPassword always satisfies the policy', () => {
    for (let i = 0; i < 500; i++) expect(passwordProblems(randomPassword())).toBeNull();
    expect(randomPassword()).not.toBe(randomPassword());
  });
});

describe('argon2id hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('Str0ng-Passw0rd!');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'Str0ng-Passw0rd!')).toBe(true);
    expect(await verifyPassword(hash, 'Str0ng-Passw0rd?')).toBe(false);
  });

  it('salts: the same password hashes differently', async () => {
    expect(await hashPassword('Str0ng-Passw0rd!')).not.toBe(await hashPassword('Str0ng-Passw0rd!'));
  });

  it('hashes with OWASP\'s argon2id parameters (19 MiB, t=2, p=1) and still verifies older hashes', async () => {
    const hash = await hashPassword('Str0ng-Passw0rd!');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(hashNeedsUpgrade(hash)).toBe(false);
    const old = await argon2.hash('Str0ng-Passw0rd!', { type: argon2.argon2id, memoryCost: 65_536, timeCost: 3, parallelism: 4 });
    expect(await verifyPassword(old, 'Str0ng-Passw0rd!')).toBe(true);
    expect(hashNeedsUpgrade(old)).toBe(true);
    expect(hashNeedsUpgrade('not-a-hash')).toBe(true);
  });

  it('answers false, not an error, for a malformed hash', async () => {
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
});
