import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TenantState } from '../state/types';
import { passwordProblems } from './password-policy';
import { readSeedFile, SeedFileError, seedUsers, TEST_USERS } from './seed-users';
import { findUser, passwordMatches, publicProfile } from './users';

const emptyState = () => ({ users: [] }) as unknown as TenantState;
const fairDatabase = {
  name: 'Username-Password-Authentication',
  options: {
    passwordPolicy: 'fair',
    password_dictionary: { enable: true },
    password_no_personal_info: { enable: true },
  },
};

describe('seeding users', () => {
  it('adds the documented test users once, with hashed passwords meeting the fair policy', async () => {
    const state = emptyState();
    expect(seedUsers(state, TEST_USERS)).toBe(3);
    expect(seedUsers(state, TEST_USERS)).toBe(0);
    const admin = findUser(state, 'Username-Password-Authentication', 'ADMIN@example.com');
    expect(admin).toMatchObject({
      roles: ['admin'],
      organizations: [{ name: 'acme', roles: ['org-admin'] }],
    });
    expect(admin?.user_id).toMatch(/^auth0\|[0-9a-f]{24}$/);
    expect(admin && (await passwordMatches(admin, 'Tangerine-Orbit-41'))).toBe(true);
    expect(admin && (await passwordMatches(admin, 'tangerine-orbit-41'))).toBe(false);
    expect(JSON.stringify(admin)).not.toContain('Tangerine');
    expect(admin && 'password' in publicProfile(admin)).toBe(false);
    expect(findUser(state, 'Username-Password-Authentication', 'suspended@example.com')?.blocked).toBe(true);
    for (const user of TEST_USERS) expect(passwordProblems(fairDatabase, user.password, user)).toEqual([]);
  });

  it('reads a YAML seed file and names the line of a bad entry', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seed-users-'));
    const good = path.join(dir, 'users.yaml');
    writeFileSync(good, '- email: bob@example.com\n  password: Secret-Pass-9\n  roles: [user]\n');
    expect(readSeedFile(good)).toEqual([
      { email: 'bob@example.com', password: 'Secret-Pass-9', roles: ['user'] },
    ]);
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, '- email: bob@example.com\n  password: x\n- email: nobody\n  password: y\n');
    expect(() => readSeedFile(bad)).toThrow(SeedFileError);
    expect(() => readSeedFile(bad)).toThrow(`${bad}:3:3: user 2 needs "email", an email address`);
  });
});
