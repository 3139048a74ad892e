import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, passwordMatches, SCRYPT_COST } from './users';

describe('password hashes', () => {
  it('stores the scrypt cost beside a new salted hash and checks the password with it', async () => {
    const password = hashPassword('Correct-Horse-7');
    expect(password.scrypt).toEqual(SCRYPT_COST);
    expect(password.hash).not.toContain('Correct-Horse-7');
    expect(hashPassword('Correct-Horse-7').salt).not.toBe(password.salt);
    expect(await passwordMatches({ password }, 'Correct-Horse-7')).toBe(true);
    expect(await passwordMatches({ password }, 'correct-horse-7')).toBe(false);
  });

  it('still checks a hash stored without its cost, made with the earlier N=2^12', async () => {
    const salt = 'c2FsdC1vZi1hbi1vbGQtc3RhdGU=';
    const hash = scryptSync('Old-State-Password', salt, 32, { N: 4096 }).toString('base64');
    expect(await passwordMatches({ password: { salt, hash } }, 'Old-State-Password')).toBe(true);
    expect(await passwordMatches({ password: { salt, hash } }, 'Old-State-Passw0rd')).toBe(false);
  });
});
