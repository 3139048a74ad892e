/**
 * The legacy user store our `legacy-users` connection migrates from, served at `/legacy/` (the local
 * environment's LEGACY_API_URL is `https://127.0.0.1:8443/legacy`). It answers as the contract says
 * (actions/custom-database/legacy-users/legacy-store-contract.ts) and accepts only the service token the
 * deployed tenant holds: the `LEGACY_API_TOKEN` of a connection whose `LEGACY_API_URL` points here. A
 * deploy with the wrong token then shows as an outage (403), never as a wrong password.
 *
 * Seeded with LEGACY_SEED_USERS; `PUT /__local/legacy-store` replaces the users or puts the store in an
 * outage, `GET /__local/legacy-store/requests` reads what it was asked (never a password or a token).
 */
import { DEFAULT_TIMEOUT_MS, timeoutFrom } from '../../../actions/custom-database/legacy-users/legacy-api';
import {
  answerLegacyRequest,
  emailAskedFor,
  type LegacyStoreAnswer,
  type LegacyStoreUser,
} from '../../../actions/custom-database/legacy-users/legacy-store-contract';
import type { PublicReply, PublicRequest, PublicRoute } from '../http/public-routes';
import { isJsonObject } from '../http/validate';
import { legacyConfigurations } from './deployed';

export const LEGACY_STORE_PATH = '/legacy';

/**
 * Who the store knows when it starts. `legacy@example.com` exists only here (not in Auth0), so a first
 * login migrates them. Its password is a throwaway that passes the connection's `fair` policy (8+
 * characters with lower case, upper case and digits): https://auth0.com/docs/authenticate/database-connections/password-strength
 */
export const LEGACY_SEED_USERS: readonly LegacyStoreUser[] = [
  {
    id: 'L-1001',
    email: 'legacy@example.com',
    password: 'Migrate2Auth0',
    email_verified: true,
    name: 'Lee Gacy',
    given_name: 'Lee',
    family_name: 'Gacy',
    user_metadata: { locale: 'en' },
    app_metadata: { plan: 'basic' },
  },
];

export type LegacyOutage = 'down' | 'slow' | null;

export interface LegacyStoreRequestRecord {
  method: string;
  path: string;
  /** The email asked about; the password and the token are never kept. */
  email?: string;
  status: number;
  at: string;
}

/** How much longer than the scripts' timeout a `slow` store takes: they give up first, with their message. */
const SLOW_MARGIN_MS = 1000;
const MAX_RECORDS = 1000;
const DOWN: LegacyStoreAnswer = { status: 503, json: { error: 'unavailable' } };

/** `{ users?, outage? }` of `PUT /__local/legacy-store`, checked; a string says what is wrong. */
export function parseLegacyControl(
  body: unknown,
): { users?: LegacyStoreUser[]; outage?: LegacyOutage } | string {
  if (!isJsonObject(body)) return 'the body must be a JSON object like {"users": [...], "outage": "down"}';
  const unknown = Object.keys(body).filter((key) => key !== 'users' && key !== 'outage');
  if (unknown.length > 0) return `unknown field ${unknown.join(', ')} (only "users" and "outage")`;
  const result: { users?: LegacyStoreUser[]; outage?: LegacyOutage } = {};
  if ('outage' in body) {
    if (body.outage !== 'down' && body.outage !== 'slow' && body.outage !== null)
      return '"outage" must be "down", "slow" or null';
    result.outage = body.outage;
  }
  if ('users' in body) {
    if (!Array.isArray(body.users)) return '"users" must be an array of user records';
    const users: LegacyStoreUser[] = [];
    for (const [index, user] of body.users.entries()) {
      const where = `users[${index}]`;
      if (!isJsonObject(user)) return `${where} must be an object`;
      if (typeof user.id !== 'string' && !Number.isSafeInteger(user.id))
        return `${where}.id must be a string or a whole number`;
      if (typeof user.email !== 'string' || !user.email.includes('@'))
        return `${where}.email must be an email`;
      if (typeof user.password !== 'string' || user.password === '')
        return `${where}.password must be a non-empty string`;
      users.push(user as LegacyStoreUser);
    }
    result.users = users;
  }
  return result;
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    // Unref'd: a store held in `slow` must not keep a closing process alive.
    setTimeout(resolve, ms).unref();
  });

export interface LegacyStoreStandIn {
  routes: PublicRoute[];
  controlRoutes: PublicRoute[];
}

export function legacyStoreStandIn(): LegacyStoreStandIn {
  let users: readonly LegacyStoreUser[] = LEGACY_SEED_USERS;
  let outage: LegacyOutage = null;
  const requests: LegacyStoreRequestRecord[] = [];

  async function answer(request: PublicRequest): Promise<PublicReply> {
    const configurations = legacyConfigurations(request.store.state, request.domain, LEGACY_STORE_PATH);
    const contractRequest = {
      method: request.method,
      path: request.url.pathname.slice(LEGACY_STORE_PATH.length + 1),
      query: Object.fromEntries(request.url.searchParams),
      authorization: request.headers.authorization,
      body: request.body,
    };
    let reply: LegacyStoreAnswer;
    if (outage === 'down') reply = DOWN;
    else {
      if (outage === 'slow') {
        const timeouts = configurations.map((configuration) =>
          timeoutFrom(configuration.LEGACY_API_TIMEOUT_MS as string | undefined),
        );
        await sleep((timeouts.length > 0 ? Math.max(...timeouts) : DEFAULT_TIMEOUT_MS) + SLOW_MARGIN_MS);
      }
      const tokens = configurations
        .map((configuration) => configuration.LEGACY_API_TOKEN)
        .filter((token): token is string => typeof token === 'string');
      reply = answerLegacyRequest(contractRequest, { tokens, users });
    }
    const email = emailAskedFor(contractRequest);
    requests.push({
      method: request.method,
      path: request.url.pathname,
      ...(email === undefined ? {} : { email }),
      status: reply.status,
      at: new Date().toISOString(),
    });
    if (requests.length > MAX_RECORDS) requests.shift();
    return { status: reply.status, json: reply.json };
  }

  const routes: PublicRoute[] = (['GET', 'POST'] as const).map((method) => ({
    method,
    path: `${LEGACY_STORE_PATH}/`,
    prefix: true,
    standIn: true,
    handle: answer,
  }));

  const controlRoutes: PublicRoute[] = [
    {
      method: 'PUT',
      path: '/__local/legacy-store',
      handle: ({ body }) => {
        const control = parseLegacyControl(body);
        if (typeof control === 'string')
          return { status: 400, json: { error: 'invalid_body', message: control } };
        if (control.users) users = control.users;
        if (control.outage !== undefined) outage = control.outage;
        return { status: 200, json: { users: users.map(({ id, email }) => ({ id, email })), outage } };
      },
    },
    {
      method: 'GET',
      path: '/__local/legacy-store/requests',
      handle: () => ({ status: 200, json: requests }),
    },
    {
      method: 'DELETE',
      path: '/__local/legacy-store/requests',
      handle: () => {
        requests.length = 0;
        return { status: 204 };
      },
    },
  ];
  return { routes, controlRoutes };
}
