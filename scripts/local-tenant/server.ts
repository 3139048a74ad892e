import type { IncomingMessage, ServerResponse } from 'node:http';
import { sameText, verifyBearer } from './auth';
import { decideFault, type Faults, faultRandom, parseFaults } from './faults';
import { parseBody, readBody } from './http/body';
import { ApiError, insufficientScope } from './http/errors';
import { matchPublicRoute, type PublicReply, type PublicRoute } from './http/public-routes';
import type { Reply, Router } from './http/router';
import type { LogReceiver } from './log-stream/receiver';
import type { RateLimiter } from './rate-limit';
import type { RequestLog } from './request-log';
import type { TenantStore } from './state/store';

export interface ServerContext {
  router: Router;
  store: TenantStore;
  log: RequestLog;
  domain: string;
  /** The bearer token `/__local/...` asks for: printed at start, new on every start. */
  controlToken: string;
  /** The faults in force and the random source choosing which requests meet them. */
  faults: { current: Faults; random: () => number };
  /** The HTTP log stream receiver, whose events `/__local/log-stream/events` reads. */
  logReceiver: Pick<LogReceiver, 'events' | 'clearEvents'>;
  /** Auth0's rate limits, when the tenant was started with one (`rateLimit`); else none are enforced. */
  rateLimiter?: RateLimiter;
  /** Everything outside `/api/v2` and `/__local/`: the Authentication API and the stand-ins (public-routes.ts). */
  publicRoutes: readonly PublicRoute[];
  /** More `/__local/...` controls, behind the control token: the login's and the stand-ins' own. */
  controlRoutes: readonly PublicRoute[];
}

const API_PREFIX = '/api/v2';

function send(response: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload: string | undefined;
  if (reply.body !== undefined && reply.status !== 204) {
    payload = JSON.stringify(reply.body);
    headers['content-type'] = 'application/json; charset=utf-8';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  response.writeHead(reply.status, headers);
  response.end(payload);
}

const errorReply = (error: ApiError): Reply => ({
  status: error.statusCode,
  body: error.toBody(),
  headers: error.headers,
});

/** The scope Auth0 would ask for on a route we do not serve: `GET /email-templates/x` -> `read:email_templates`. */
function scopeFor(method: string, path: string): string {
  const resource = (path.split('/').find((segment) => segment !== '') ?? 'resource').replace(/-/g, '_');
  const verb = { GET: 'read', POST: 'create', DELETE: 'delete' }[method] ?? 'update';
  return `${verb}:${resource}`;
}

async function answerApi(ctx: ServerContext, request: IncomingMessage, url: URL): Promise<Reply> {
  const method = request.method ?? 'GET';
  const path = url.pathname.slice(API_PREFIX.length) || '/';
  const match = ctx.router.match(method, path);
  const claims = verifyBearer(ctx.store.state, ctx.domain, request.headers.authorization);
  if (!match) {
    if (ctx.router.hasPath(path)) throw new ApiError(404, 'Not Found');
    // Like a tenant whose deploy client lacks the scope: an export skips the resource type.
    throw insufficientScope(scopeFor(method, path));
  }
  const scopes = new Set(claims.scope.split(' '));
  if (!scopes.has(match.route.scope)) throw insufficientScope(match.route.scope);
  const body = parseBody(await readBody(request), request.headers['content-type']);
  const reply = await match.route.handler({
    method,
    path,
    query: url.searchParams,
    params: match.params,
    body,
    store: ctx.store,
    scopes,
    domain: ctx.domain,
  });
  if (method !== 'GET' && reply.status < 400) ctx.store.save();
  return reply;
}

/** A public route's answer, in HTTP terms: JSON, HTML or text, with its headers. */
function sendPublic(response: ServerResponse, reply: PublicReply): void {
  const headers: Record<string, string> = { 'cache-control': 'no-store', ...reply.headers };
  let payload: string | undefined;
  if (reply.json !== undefined) {
    payload = JSON.stringify(reply.json);
    headers['content-type'] = 'application/json; charset=utf-8';
  } else if (reply.html !== undefined) {
    payload = reply.html;
    headers['content-type'] = 'text/html; charset=utf-8';
  } else if (reply.text !== undefined) {
    payload = reply.text;
    headers['content-type'] = 'text/plain; charset=utf-8';
  }
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  response.writeHead(reply.status, headers);
  response.end(payload);
}

async function answerPublic(
  ctx: ServerContext,
  route: PublicRoute,
  request: IncomingMessage,
  url: URL,
): Promise<PublicReply> {
  let body: unknown;
  try {
    body = parseBody(await readBody(request), request.headers['content-type']);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { status: 400, json: { error: 'invalid_request', error_description: 'Malformed request body' } };
  }
  return route.handle({
    method: request.method ?? 'GET',
    url,
    headers: request.headers,
    body,
    remoteAddress: request.socket.remoteAddress ?? '127.0.0.1',
    store: ctx.store,
    domain: ctx.domain,
  });
}

/**
 * `/__local/...`: the stand-in's own controls, never faulted, never counted, and only for whoever started
 * the server (they read the request log and the log events received, and inject faults):
 * `Authorization: Bearer <control token>`.
 */
async function answerControl(ctx: ServerContext, request: IncomingMessage, url: URL): Promise<PublicReply> {
  const given = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
  if (!sameText(given, ctx.controlToken)) throw new ApiError(401, 'Missing or wrong control token');
  const route = `${request.method} ${url.pathname}`;
  if (route === 'GET /__local/requests') return { status: 200, json: ctx.log.snapshot() };
  if (route === 'DELETE /__local/requests') {
    ctx.log.reset();
    return { status: 204 };
  }
  if (route === 'GET /__local/log-stream/events') return { status: 200, json: ctx.logReceiver.events() };
  if (route === 'DELETE /__local/log-stream/events') {
    ctx.logReceiver.clearEvents();
    return { status: 204 };
  }
  if (route === 'GET /__local/faults') return { status: 200, json: ctx.faults.current };
  if (route === 'PUT /__local/faults') {
    ctx.faults.current = parseFaults(parseBody(await readBody(request), request.headers['content-type']));
    ctx.faults.random = faultRandom(ctx.faults.current);
    return { status: 200, json: ctx.faults.current };
  }
  const control = matchPublicRoute(ctx.controlRoutes, request.method ?? 'GET', url.pathname);
  if (control) return answerPublic(ctx, control, request, url);
  throw new ApiError(404, 'Not Found');
}

/** The log key of a request: its route template when one matches, else its path. */
function routePattern(ctx: ServerContext, method: string, pathname: string): string {
  if (!pathname.startsWith(API_PREFIX)) return pathname;
  const match = ctx.router.match(method, pathname.slice(API_PREFIX.length) || '/');
  return match ? `${API_PREFIX}${match.route.template}` : pathname;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The request listener: routing, authentication, faults, logging and persistence around the handlers. */
export function createListener(ctx: ServerContext) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'https://local-tenant');
    try {
      if (url.pathname.startsWith('/__local/'))
        return sendPublic(response, await answerControl(ctx, request, url));
      const method = request.method ?? 'GET';
      const isApi = url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`);
      const publicRoute = isApi ? undefined : matchPublicRoute(ctx.publicRoutes, method, url.pathname);
      if (!isApi && !publicRoute) return send(response, errorReply(new ApiError(404, 'Not Found')));
      if (publicRoute?.standIn)
        return sendPublic(response, await answerPublic(ctx, publicRoute, request, url));
      ctx.log.record(method, routePattern(ctx, method, url.pathname));
      let limitHeaders: Record<string, string> = {};
      const answer = (reply: Reply) => {
        ctx.log.answered(reply.status);
        send(response, { ...reply, headers: { ...limitHeaders, ...reply.headers } });
      };
      try {
        const faults = ctx.faults.current;
        if (faults.latencyMs) await sleep(faults.latencyMs);
        const fault = decideFault(faults, ctx.faults.random);
        if (fault.kind === 'drop') {
          request.socket.destroy();
          return;
        }
        if (fault.kind === 'error') return answer(errorReply(fault.error));
        if (publicRoute) {
          const reply = await answerPublic(ctx, publicRoute, request, url);
          ctx.log.answered(reply.status);
          return sendPublic(response, reply);
        }
        // Only Management API calls spend these buckets: the Authentication API's have their own.
        const admitted = ctx.rateLimiter?.admit(method, url.pathname);
        if (admitted && !admitted.allowed) return answer(errorReply(admitted.error));
        if (admitted) limitHeaders = admitted.headers;
        answer(await answerApi(ctx, request, url));
      } catch (error) {
        if (error instanceof ApiError) return answer(errorReply(error));
        ctx.log.answered(500);
        throw error;
      }
    } catch (error) {
      if (error instanceof ApiError) return send(response, errorReply(error));
      // A bug in the stand-in, not a client mistake: say so loudly, answer as Auth0 does to the unexpected.
      process.stderr.write(
        `local tenant: internal error on ${request.method} ${url.pathname}: ${String((error as Error)?.stack ?? error)}\n`,
      );
      send(response, errorReply(new ApiError(500, 'Internal Server Error')));
    }
  };
}
