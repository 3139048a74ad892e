/**
 * What every step of the login shares: the tenant, the sessions, the services (Actions, refresh tokens,
 * logs, social provider), the brute-force counter, and the helpers reading a step's request.
 */
import { timingSafeEqual } from 'node:crypto';
import type { PublicReply, PublicRequest } from '../http/public-routes';
import { isJsonObject } from '../http/validate';
import type { JsonObject, TenantState } from '../state/types';
import type { BruteForceCounter } from './brute-force';
import type { LocalUser, LoginLogType, LoginRequest, LoginServices } from './contract';
import type { LoginTraces } from './login-traces';
import { errorPage } from './pages/forms';
import type { LoginSession, LoginSessions } from './sessions';
import { branding, findClient, findOrganization } from './tenant-lookup';

export interface LoginFlow {
  sessions: LoginSessions;
  services: LoginServices;
  bruteForce: BruteForceCounter;
  /** What the Actions of recent logins did (`GET /__local/logins`). */
  traces: LoginTraces;
}

/** One step: the flow's shared parts and this request. */
export interface LoginStep {
  flow: LoginFlow;
  request: PublicRequest;
  state: TenantState;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * The request as the Actions see it. The client's address is `X-Forwarded-For`'s first entry when the
 * caller is on loopback (a test or a local proxy playing "from an untrusted IP"), else the socket's.
 */
export function loginRequestOf(request: PublicRequest): LoginRequest {
  const forwarded = request.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  const ip = first && LOOPBACK.has(request.remoteAddress) ? first : request.remoteAddress;
  const language = request.headers['accept-language']?.split(',')[0]?.trim();
  return {
    ip,
    userAgent: request.headers['user-agent'] ?? '',
    hostname: request.domain.split(':')[0] ?? request.domain,
    method: request.method,
    query: Object.fromEntries(request.url.searchParams),
    ...(language ? { language } : {}),
  };
}

/** The form's (or query's) field, as text. */
export function field(request: PublicRequest, name: string): string | undefined {
  const body = isJsonObject(request.body) ? request.body : {};
  const value = body[name] ?? request.url.searchParams.get(name) ?? undefined;
  return typeof value === 'string' ? value : undefined;
}

export const brandingPage = (step: LoginStep, title: string, message: string, status = 400): PublicReply =>
  errorPage(branding(step.state), title, message, status);

/** The session a step names by `state`, with the form's CSRF token checked when it posts. */
export function sessionOf(step: LoginStep): { session: LoginSession } | { refused: PublicReply } {
  const session = step.flow.sessions.find(field(step.request, 'state'));
  if (!session) {
    return {
      refused: brandingPage(
        step,
        'invalid_request',
        'This login has expired or does not exist: start again from the application.',
      ),
    };
  }
  if (step.request.method === 'POST') {
    const given = Buffer.from(field(step.request, 'csrf') ?? '');
    const expected = Buffer.from(session.csrf);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return {
        refused: brandingPage(
          step,
          'invalid_request',
          'The form was not sent by this login page (CSRF token missing or wrong).',
          403,
        ),
      };
    }
  }
  return { session };
}

export function clientOf(step: LoginStep, session: LoginSession): JsonObject {
  const client = findClient(step.state, session.transaction.clientId);
  if (!client)
    throw new Error(`the client ${session.transaction.clientId} of a login in progress was deleted`);
  return client;
}

export interface LogContext {
  user?: LocalUser;
  connection?: JsonObject;
  session?: LoginSession;
  description?: string;
  details?: JsonObject;
}

/** One Auth0 log event of this step. */
export function logEvent(step: LoginStep, type: LoginLogType, context: LogContext = {}): void {
  const { ip, userAgent, hostname } = loginRequestOf(step.request);
  const client = context.session ? findClient(step.state, context.session.transaction.clientId) : undefined;
  const organization = findOrganization(step.state, context.session?.transaction.organizationId);
  step.flow.services.logs.emit({
    type,
    now: step.flow.sessions.now(),
    request: { ip, userAgent, hostname },
    ...(context.user ? { user: { user_id: context.user.user_id, email: context.user.email } } : {}),
    ...(client ? { client } : {}),
    ...(context.connection ? { connection: context.connection } : {}),
    ...(organization ? { organization } : {}),
    ...(context.description !== undefined ? { description: context.description } : {}),
    ...(context.details ? { details: context.details } : {}),
  });
}

/**
 * A custom database's store did not answer (its script failed or timed out): logged as `type` and shown
 * as an outage, 503, never as a wrong password or an existing user.
 */
export function storeOutage(
  step: LoginStep,
  type: 'f' | 'fs',
  context: { connection: JsonObject; session: LoginSession; message: string },
  page: { title: string; text: string },
): PublicReply {
  logEvent(step, type, {
    connection: context.connection,
    session: context.session,
    description: `custom database unavailable: ${context.message}`,
  });
  return brandingPage(step, page.title, page.text, 503);
}
