/**
 * The legacy store's side of the contract in README.md ("The legacy API contract"): which answer a request
 * gets. One module for both stores that play it, the test double (`fake-legacy-store.ts`) and the local
 * tenant's stand-in (`scripts/local-tenant/stand-ins/legacy-store.ts`), so the two cannot drift apart.
 * Pure: no sockets, no clock. Never bundled into the scripts (they are the other side).
 */
import { timingSafeEqual } from 'node:crypto';
import { NO_SUCH_USER, WRONG_PASSWORD } from './legacy-api';

/** A user of the legacy store: a record of the contract plus the password it checks (never answered). */
export interface LegacyStoreUser {
  id: number | string;
  email: string;
  password: string;
  email_verified?: boolean;
  name?: string;
  given_name?: string;
  family_name?: string;
  user_metadata?: Record<string, unknown>;
  app_metadata?: Record<string, unknown>;
  /** Fields outside the contract (a password hash, internal flags): answered, for the scripts to drop. */
  [extra: string]: unknown;
}

export interface LegacyStoreRequest {
  method: string;
  /** Relative to LEGACY_API_URL, without a leading slash: `authenticate`, `users`. */
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  body: unknown;
}

export interface LegacyStoreAnswer {
  status: number;
  json: unknown;
}

/** A rejected service token: 403, never 401 (a 401 means the user's password is wrong). */
export const FORBIDDEN: LegacyStoreAnswer = { status: 403, json: { error: 'forbidden' } };
/** A path the API does not have: a 404 without `not_found`, so the scripts read it as a wrong URL. */
export const NO_ROUTE: LegacyStoreAnswer = { status: 404, json: { error: 'no_route' } };

const refusal = ({ status, error }: { status: number; error: string }): LegacyStoreAnswer => ({
  status,
  json: { error },
});

/** Whether `authorization` is `Bearer <one of tokens>`, compared in constant time. */
/** Text compared in constant time: a wrong secret answers no faster for a longer right prefix. */
const sameSecret = (expected: string, given: string): boolean => {
  const [a, b] = [Buffer.from(expected), Buffer.from(given)];
  return a.length === b.length && timingSafeEqual(a, b);
};

export function hasServiceToken(authorization: string | undefined, tokens: readonly string[]): boolean {
  const given = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1] ?? '';
  return tokens.some((token) => token !== '' && sameSecret(token, given));
}

/** The email a request asks about (the body's for `authenticate`, the query's for `users`), if any. */
export function emailAskedFor(
  request: Pick<LegacyStoreRequest, 'path' | 'query' | 'body'>,
): string | undefined {
  if (request.path === 'users') return request.query.email;
  const body = request.body;
  if (typeof body === 'object' && body !== null && 'email' in body && typeof body.email === 'string')
    return body.email;
  return undefined;
}

const sameEmail = (a: string | undefined, b: string) => a?.trim().toLowerCase() === b.trim().toLowerCase();

/** The record the store answers with: everything but the password. */
function recordOf(user: LegacyStoreUser): Record<string, unknown> {
  const { password: _password, ...record } = user;
  return record;
}

/** The answer to `request` from a store holding `users` that accepts the service `tokens`. */
export function answerLegacyRequest(
  request: LegacyStoreRequest,
  store: { tokens: readonly string[]; users: readonly LegacyStoreUser[] },
): LegacyStoreAnswer {
  if (!hasServiceToken(request.authorization, store.tokens)) return FORBIDDEN;
  const email = emailAskedFor(request);
  const user = store.users.find((candidate) => sameEmail(email, candidate.email));
  if (request.method === 'POST' && request.path === 'authenticate') {
    if (!user) return refusal(NO_SUCH_USER);
    const body = request.body as { password?: unknown };
    return typeof body.password === 'string' && sameSecret(user.password, body.password)
      ? { status: 200, json: recordOf(user) }
      : refusal(WRONG_PASSWORD);
  }
  if (request.method === 'GET' && request.path === 'users') {
    return user ? { status: 200, json: recordOf(user) } : refusal(NO_SUCH_USER);
  }
  return NO_ROUTE;
}
