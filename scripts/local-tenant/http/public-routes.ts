/**
 * Routes outside the Management API: the Authentication API (`/authorize`, `/oauth/token`, the login
 * pages, discovery) and the stand-ins for services our tenant calls out to (the legacy user store, the
 * user-sync backend, a social identity provider). Each part of the local tenant lists its own; the server
 * matches them in order. They answer JSON, HTML, plain text or a redirect.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { TenantStore } from '../state/store';

export interface PublicRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  /** The parsed body (JSON or form-encoded), `undefined` when there was none. */
  body: unknown;
  /** The socket's address (always loopback here). */
  remoteAddress: string;
  store: TenantStore;
  /** `127.0.0.1:<port>`: the issuer is `https://<domain>/`. */
  domain: string;
}

export interface PublicReply {
  status: number;
  headers?: Record<string, string>;
  /** Sent as `application/json`. */
  json?: unknown;
  /** Sent as `text/html; charset=utf-8`. */
  html?: string;
  /** Sent as `text/plain; charset=utf-8`. */
  text?: string;
}

export interface PublicRoute {
  method: 'GET' | 'POST' | 'PUT';
  /** The exact path, or with `prefix` every path below it (`/legacy/` serves `/legacy/users`). */
  path: string;
  prefix?: boolean;
  /**
   * A stand-in for a service outside Auth0 (the legacy store, the sync backend): not in the request log,
   * never faulted, not rate limited. Auth0's own endpoints leave this unset.
   */
  standIn?: boolean;
  handle(request: PublicRequest): PublicReply | Promise<PublicReply>;
}

export function matchPublicRoute(
  routes: readonly PublicRoute[],
  method: string,
  pathname: string,
): PublicRoute | undefined {
  return routes.find(
    (route) =>
      route.method === method && (route.prefix ? pathname.startsWith(route.path) : pathname === route.path),
  );
}

/** A redirect (302) to `location`, as Auth0's login endpoints answer. */
export const redirectTo = (location: string): PublicReply => ({ status: 302, headers: { location } });
