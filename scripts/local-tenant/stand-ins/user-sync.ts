/**
 * The user-sync backend the `user-sync` Action posts each login to, served at `/user-sync` (the local
 * environment's USER_SYNC_URL is `https://127.0.0.1:8443/user-sync`). It takes what
 * actions/user-sync/post.ts sends (a JSON SyncPayload, a bearer token, an Idempotency-Key), accepts only
 * the USER_SYNC_TOKEN of a deployed Action whose USER_SYNC_URL points here (else 401), and answers 204 as
 * the test double fake-sync-server.ts does. A repeated idempotency key is answered the same and marked
 * `replay`, as a backend that drops retried posts would see it.
 *
 * `GET /__local/user-sync/requests` reads what it received (never the token), `DELETE` clears it, and
 * `PUT /__local/user-sync` `{ "outage": "down" | "hang" | null }` makes it answer 503 or never.
 */
import { hasServiceToken } from '../../../actions/custom-database/legacy-users/legacy-store-contract';
import type { SyncPayload } from '../../../actions/user-sync/payload';
import type { PublicReply, PublicRequest, PublicRoute } from '../http/public-routes';
import { isJsonObject } from '../http/validate';
import { deployedActionSecrets } from './deployed';

export const USER_SYNC_PATH = '/user-sync';

export type SyncOutage = 'down' | 'hang' | null;

export interface SyncRequestRecord {
  method: string;
  path: string;
  idempotencyKey?: string;
  body: unknown;
  status: number;
  /** An accepted post whose idempotency key was accepted before: the backend would not apply it again. */
  replay: boolean;
  at: string;
}

const MAX_RECORDS = 1000;
const IDEMPOTENCY_KEY = /^[0-9a-f]{64}$/;
const NULLABLE_STRINGS = ['email', 'name', 'picture'] as const;
/** Every field of a SyncPayload: the compiler holds this to payload.ts's type. */
const PAYLOAD_FIELDS: Record<keyof SyncPayload, true> = {
  auth0Id: true,
  email: true,
  emailVerified: true,
  name: true,
  picture: true,
  updatedAt: true,
};

/** What is wrong with a posted body, or `undefined` when it is a SyncPayload (actions/user-sync/payload.ts). */
export function syncPayloadProblem(body: unknown): string | undefined {
  if (!isJsonObject(body)) return 'the body must be a JSON object';
  if (typeof body.auth0Id !== 'string' || body.auth0Id === '') return 'auth0Id must be a non-empty string';
  for (const field of NULLABLE_STRINGS) {
    if (body[field] !== null && typeof body[field] !== 'string') return `${field} must be a string or null`;
  }
  if (typeof body.emailVerified !== 'boolean') return 'emailVerified must be a boolean';
  if (typeof body.updatedAt !== 'string' || Number.isNaN(Date.parse(body.updatedAt)))
    return 'updatedAt must be an ISO date';
  const extra = Object.keys(body).filter((key) => !(key in PAYLOAD_FIELDS));
  return extra.length > 0 ? `unknown field ${extra.join(', ')}` : undefined;
}

/** The backend's answer to one post, given the tokens it accepts. */
export function answerSyncPost(
  post: {
    authorization: string | undefined;
    contentType: string | undefined;
    idempotencyKey?: string;
    body: unknown;
  },
  tokens: readonly string[],
): { status: number; json?: unknown } {
  if (!hasServiceToken(post.authorization, tokens)) return { status: 401, json: { error: 'unauthorized' } };
  if (!post.contentType?.toLowerCase().startsWith('application/json'))
    return { status: 415, json: { error: 'unsupported_media_type', message: 'send application/json' } };
  if (!post.idempotencyKey || !IDEMPOTENCY_KEY.test(post.idempotencyKey))
    return {
      status: 400,
      json: { error: 'invalid_request', message: 'Idempotency-Key must be 64 hex digits' },
    };
  const problem = syncPayloadProblem(post.body);
  if (problem) return { status: 400, json: { error: 'invalid_body', message: problem } };
  return { status: 204 };
}

export interface UserSyncStandIn {
  routes: PublicRoute[];
  controlRoutes: PublicRoute[];
}

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function userSyncStandIn(): UserSyncStandIn {
  let outage: SyncOutage = null;
  const requests: SyncRequestRecord[] = [];
  const appliedKeys = new Set<string>();

  function answer(request: PublicRequest): PublicReply | Promise<PublicReply> {
    // Held until the Action's time budget aborts it; the server's close ends the connection.
    if (outage === 'hang') return new Promise<PublicReply>(() => {});
    const idempotencyKey = header(request.headers['idempotency-key']);
    const tokens = deployedActionSecrets(
      request.store.state,
      request.domain,
      USER_SYNC_PATH,
      'USER_SYNC_URL',
      'USER_SYNC_TOKEN',
    );
    const reply =
      outage === 'down'
        ? { status: 503, json: { error: 'unavailable' } }
        : answerSyncPost(
            {
              authorization: request.headers.authorization,
              contentType: header(request.headers['content-type']),
              ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
              body: request.body,
            },
            tokens,
          );
    const accepted = reply.status < 300 && idempotencyKey !== undefined;
    const replay = accepted && appliedKeys.has(idempotencyKey);
    if (accepted) appliedKeys.add(idempotencyKey);
    requests.push({
      method: request.method,
      path: request.url.pathname,
      ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
      body: request.body,
      status: reply.status,
      replay,
      at: new Date().toISOString(),
    });
    if (requests.length > MAX_RECORDS) requests.shift();
    return reply;
  }

  const routes: PublicRoute[] = [{ method: 'POST', path: USER_SYNC_PATH, standIn: true, handle: answer }];
  const controlRoutes: PublicRoute[] = [
    {
      method: 'PUT',
      path: '/__local/user-sync',
      handle: ({ body }) => {
        const next = isJsonObject(body) ? body.outage : undefined;
        if (next !== 'down' && next !== 'hang' && next !== null)
          return {
            status: 400,
            json: { error: 'invalid_body', message: 'send {"outage": "down" | "hang" | null}' },
          };
        outage = next;
        return { status: 200, json: { outage } };
      },
    },
    { method: 'GET', path: '/__local/user-sync/requests', handle: () => ({ status: 200, json: requests }) },
    {
      method: 'DELETE',
      path: '/__local/user-sync/requests',
      handle: () => {
        requests.length = 0;
        appliedKeys.clear();
        return { status: 204 };
      },
    },
  ];
  return { routes, controlRoutes };
}
