import type { TenantStore } from '../state/store';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RequestContext {
  method: string;
  /** The path below `/api/v2` without the query string, e.g. `/clients/abc`. */
  path: string;
  query: URLSearchParams;
  /** Path parameters by the names used in the route template (`:id` -> `params.id`). */
  params: Record<string, string>;
  /** The parsed request body (JSON or form), `undefined` when there was none. */
  body: unknown;
  store: TenantStore;
  /** The scopes of the caller's token: some answers leave fields out without one (a client's keys). */
  scopes: ReadonlySet<string>;
  /** `127.0.0.1:<port>`: the Management API audience is `https://<domain>/api/v2/`. */
  domain: string;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface Route {
  method: Method;
  /** Path template below `/api/v2`, with `:name` for a path parameter, e.g. `/clients/:id`. */
  template: string;
  /** The Management API scope a token needs to call this route. */
  scope: string;
  handler: Handler;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

/** Matches request paths against route templates; literal segments beat parameters, then the first wins. */
export class Router {
  private readonly routes: { route: Route; segments: string[] }[] = [];

  add(...routes: Route[]): this {
    for (const route of routes) this.routes.push({ route, segments: splitPath(route.template) });
    // `/guardian/factors/phone/selected-provider` must win over `/guardian/factors/:name/...`.
    this.routes.sort((a, b) => specificity(b.segments) - specificity(a.segments));
    return this;
  }

  /** All routes, in matching order (for the conformance check and the report). */
  list(): readonly Route[] {
    return this.routes.map(({ route }) => route);
  }

  match(method: string, path: string): RouteMatch | undefined {
    const segments = splitPath(path);
    for (const candidate of this.routes) {
      if (candidate.route.method !== method) continue;
      const params = matchSegments(candidate.segments, segments);
      if (params) return { route: candidate.route, params };
    }
    return undefined;
  }

  /** Whether some route answers this path with another method (for a 404 vs 405-style answer). */
  hasPath(path: string): boolean {
    const segments = splitPath(path);
    return this.routes.some((candidate) => matchSegments(candidate.segments, segments) !== undefined);
  }
}

function specificity(segments: string[]): number {
  return segments.filter((segment) => !segment.startsWith(':')).length;
}

function matchSegments(template: string[], actual: string[]): Record<string, string> | undefined {
  if (template.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < template.length; index += 1) {
    const expected = template[index] as string;
    const segment = actual[index] as string;
    if (expected.startsWith(':')) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        return undefined;
      }
      params[expected.slice(1)] = decoded;
    } else if (expected !== segment) {
      return undefined;
    }
  }
  return params;
}

export const ok = (body: unknown, status = 200): Reply => ({ status, body });
export const created = (body: unknown): Reply => ({ status: 201, body });
export const noContent = (): Reply => ({ status: 204 });
