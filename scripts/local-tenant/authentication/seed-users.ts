/**
 * Users a local tenant starts with: the documented test users (below), or a list from a seed file
 * (`npm run local-tenant -- --seed-users <file>`). Seeding is idempotent by connection and email: a user
 * already there is left as it is (its password, its logins), so a restart never resets anyone.
 *
 * Roles and organizations are stored by name and resolved at login: they are deployed after the tenant
 * starts. A user who exists only in the legacy store lives in that store's stand-in, not here.
 */
import { readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { UserError } from '../../user-error';
import { isJsonObject } from '../http/validate';
import type { JsonObject, TenantState } from '../state/types';
import { createUser, findUser, type NewUser } from './users';

export const DEFAULT_DATABASE = 'Username-Password-Authentication';

export interface SeedUser {
  email: string;
  password: string;
  connection?: string;
  name?: string;
  email_verified?: boolean;
  blocked?: boolean;
  roles?: string[];
  organizations?: { name: string; roles?: string[] }[];
  app_metadata?: JsonObject;
  user_metadata?: JsonObject;
}

/**
 * The documented local test users. Their passwords are throwaway values for this offline tenant only
 * (never a real tenant's), each meeting the `fair` policy our database declares and free of personal info.
 */
export const TEST_USERS: readonly SeedUser[] = [
  {
    email: 'admin@example.com',
    password: 'Tangerine-Orbit-41',
    name: 'Local Admin',
    email_verified: true,
    roles: ['admin'],
    organizations: [{ name: 'acme', roles: ['org-admin'] }],
  },
  {
    email: 'user@example.com',
    password: 'Harbor-Lantern-27',
    name: 'Local User',
    email_verified: true,
    roles: ['user'],
    organizations: [{ name: 'globex', roles: [] }],
  },
  {
    email: 'suspended@example.com',
    password: 'Quiet-Meadow-63',
    name: 'Suspended User',
    email_verified: true,
    blocked: true,
  },
];

/** Adds each user not yet in its connection; answers how many were added. */
export function seedUsers(state: TenantState, users: readonly SeedUser[], now = new Date()): number {
  let added = 0;
  for (const seed of users) {
    const connection = seed.connection ?? DEFAULT_DATABASE;
    if (findUser(state, connection, seed.email)) continue;
    const created: NewUser = {
      connection,
      email: seed.email,
      password: seed.password,
      emailVerified: seed.email_verified ?? true,
      blocked: seed.blocked ?? false,
      roles: seed.roles ?? [],
      organizations: (seed.organizations ?? []).map((org) => ({ name: org.name, roles: org.roles ?? [] })),
      ...(seed.name !== undefined ? { name: seed.name } : {}),
      ...(seed.app_metadata ? { appMetadata: seed.app_metadata } : {}),
      ...(seed.user_metadata ? { userMetadata: seed.user_metadata } : {}),
    };
    createUser(state, created, now);
    added += 1;
  }
  return added;
}

export class SeedFileError extends UserError {}

const texts = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** What is wrong with one entry of a seed file, or undefined when it is a user. */
function entryProblem(entry: unknown): string | undefined {
  if (!isJsonObject(entry)) return 'is not a mapping of user fields';
  if (typeof entry.email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(entry.email))
    return 'needs "email", an email address';
  if (typeof entry.password !== 'string' || entry.password === '')
    return 'needs "password", a non-empty text';
  for (const field of ['connection', 'name'] as const) {
    if (entry[field] !== undefined && typeof entry[field] !== 'string') return `"${field}" must be a text`;
  }
  for (const field of ['email_verified', 'blocked'] as const) {
    if (entry[field] !== undefined && typeof entry[field] !== 'boolean')
      return `"${field}" must be true or false`;
  }
  if (entry.roles !== undefined && !texts(entry.roles)) return '"roles" must be a list of role names';
  const orgs = entry.organizations;
  if (
    orgs !== undefined &&
    !(
      Array.isArray(orgs) &&
      orgs.every(
        (org) =>
          isJsonObject(org) && typeof org.name === 'string' && (org.roles === undefined || texts(org.roles)),
      )
    )
  )
    return '"organizations" must be a list of { name, roles }';
  for (const field of ['app_metadata', 'user_metadata'] as const) {
    if (entry[field] !== undefined && !isJsonObject(entry[field])) return `"${field}" must be a mapping`;
  }
  return undefined;
}

/**
 * A seed file: a YAML (or JSON, which YAML reads too) list of users, each
 * `{ email, password, connection?, name?, email_verified?, blocked?, roles?, organizations?: [{ name, roles? }],
 * app_metadata?, user_metadata? }`. A bad entry is refused with its file:line:column.
 */
export function readSeedFile(file: string): SeedUser[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SeedFileError(`${file}: cannot read the seed file (${(error as Error).message})`);
  }
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines });
  const where = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  if (document.errors.length > 0) {
    const [first] = document.errors;
    throw new SeedFileError(`${where(first?.pos[0] ?? 0)}: ${first?.message ?? 'not YAML'}`);
  }
  if (!isSeq(document.contents)) {
    throw new SeedFileError(`${where(0)}: a seed file is a list of users (- email: ..., password: ...)`);
  }
  const entries: unknown = document.toJS();
  const users: SeedUser[] = [];
  document.contents.items.forEach((node, index) => {
    const entry = (entries as unknown[])[index];
    const problem = entryProblem(entry);
    const offset = isMap(node) && node.range ? node.range[0] : 0;
    if (problem) throw new SeedFileError(`${where(offset)}: user ${index + 1} ${problem}`);
    users.push(entry as SeedUser);
  });
  return users;
}
