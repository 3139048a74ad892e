/**
 * The local tenant's database users: stored in the state (`users`), passwords as scrypt hashes with a salt
 * per user. `publicProfile` is the only view of a user any answer is built from: it never has `password`.
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { TenantState } from '../state/types';
import type { LocalUser } from './contract';

const SCRYPT_KEY_LENGTH = 32;

/**
 * scrypt's cost for new hashes: N=2^10 (r=8, p=1: 1 MiB of memory and about 2 ms a check here). The bar
 * for a production system is Node's default, 2^14, or more; this is a loopback-only stand-in whose users
 * are test users (their passwords are in `seed-users.ts`), so its hash only has to keep a password a
 * developer typed at a sign-up out of reach of someone who reads the state file (written 0600): salted per
 * user and memory-hard, every guess still costs a MiB and a millisecond, where a fast hash would cost
 * nanoseconds. Each step up doubles a login's largest CPU cost, and a login's budget is 20 ms at 200
 * logins/s on two cores (issue 14's benchmark): 2^12 alone was ~9 ms of it.
 */
export const SCRYPT_COST: ScryptCost = { N: 1024, r: 8, p: 1 };
/** What a hash stored without its cost was made with (before the cost was stored beside it). */
const LEGACY_SCRYPT_COST: ScryptCost = { N: 4096, r: 8, p: 1 };

type ScryptCost = NonNullable<NonNullable<LocalUser['password']>['scrypt']>;

export function hashPassword(password: string): NonNullable<LocalUser['password']> {
  const salt = randomBytes(16).toString('base64');
  const hash = scryptSync(password, salt, SCRYPT_KEY_LENGTH, SCRYPT_COST).toString('base64');
  return { salt, hash, scrypt: { ...SCRYPT_COST } };
}

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: string,
  keyLength: number,
  options: ScryptCost,
) => Promise<Buffer>;

/**
 * Off the event loop (libuv's thread pool): a check is most of a login's CPU time (bench `login`), and
 * done synchronously it held up every other request meanwhile, so concurrent logins queued behind it.
 * Each hash is checked with the cost it was made with, so a state saved with an older cost still works.
 */
export async function passwordMatches(user: Pick<LocalUser, 'password'>, password: string): Promise<boolean> {
  if (!user.password) return false;
  const expected = Buffer.from(user.password.hash, 'base64');
  const { N, r, p } = user.password.scrypt ?? LEGACY_SCRYPT_COST;
  const given = await scryptAsync(password, user.password.salt, expected.length, { N, r, p });
  return timingSafeEqual(expected, given);
}

export function usersOf(state: TenantState): LocalUser[] {
  state.users ??= [];
  return state.users;
}

/** Emails compare case-insensitively, as Auth0's database connections do. */
export function findUser(state: TenantState, connection: string, email: string): LocalUser | undefined {
  const wanted = email.trim().toLowerCase();
  return usersOf(state).find((user) => user.connection === connection && user.email.toLowerCase() === wanted);
}

export const findUserById = (state: TenantState, userId: string): LocalUser | undefined =>
  usersOf(state).find((user) => user.user_id === userId);

export interface NewUser {
  connection: string;
  email: string;
  password?: string;
  /** A migrated user keeps the id its custom database gave it (`auth0|<that id>`). */
  userId?: string;
  emailVerified?: boolean;
  name?: string;
  nickname?: string;
  picture?: string;
  blocked?: boolean;
  roles?: string[];
  organizations?: { name: string; roles: string[] }[];
  appMetadata?: LocalUser['app_metadata'];
  userMetadata?: LocalUser['user_metadata'];
}

/** Adds a database user: `auth0|` and 24 hex digits, as Auth0 makes them, with its one identity. */
export function createUser(state: TenantState, created: NewUser, now = new Date()): LocalUser {
  const email = created.email.trim();
  if (findUser(state, created.connection, email)) {
    throw new Error(`a user ${email} already exists in the connection ${created.connection}`);
  }
  const id = created.userId ?? randomBytes(12).toString('hex');
  const timestamp = now.toISOString();
  const user: LocalUser = {
    user_id: `auth0|${id}`,
    connection: created.connection,
    email,
    email_verified: created.emailVerified ?? false,
    name: created.name ?? email,
    nickname: created.nickname ?? email.split('@')[0] ?? email,
    picture: created.picture ?? 'https://s.gravatar.com/avatar/local?s=480&r=pg&d=mp',
    ...(created.password !== undefined ? { password: hashPassword(created.password) } : {}),
    ...(created.blocked ? { blocked: true } : {}),
    app_metadata: created.appMetadata ?? {},
    user_metadata: created.userMetadata ?? {},
    identities: [{ provider: 'auth0', user_id: id, connection: created.connection, isSocial: false }],
    roles: created.roles ?? [],
    organizations: created.organizations ?? [],
    logins_count: 0,
    created_at: timestamp,
    updated_at: timestamp,
  };
  usersOf(state).push(user);
  return user;
}

export function recordLogin(user: LocalUser, ip: string, now = new Date()): void {
  user.logins_count += 1;
  user.last_login = now.toISOString();
  user.last_ip = ip;
  user.updated_at = user.last_login;
}

/** The user without what no answer may carry (the password hash, the TOTP secret). */
export function publicProfile(user: LocalUser): Omit<LocalUser, 'password' | 'totp'> {
  const { password: _password, totp: _totp, ...rest } = user;
  return rest;
}
