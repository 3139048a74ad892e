import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApiError } from '../../scripts/local-tenant/http/errors';
import { type Route, Router } from '../../scripts/local-tenant/http/router';
import { TenantStore } from '../../scripts/local-tenant/state/store';

export interface InProcessAnswer {
  status: number;
  body: any;
}

/**
 * Routes answering in process, without TLS or tokens: a fresh tenant's state, and `call` answering a request
 * as the server would (an ApiError as Auth0's error body), for a caller holding every route's scope.
 * `close` removes the state file.
 */
export function serveInProcess(routes: readonly Route[]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'local-tenant-routes-'));
  const store = TenantStore.open({
    file: path.join(dir, 'state.json'),
    reset: true,
    domain: '127.0.0.1:8443',
    deployScopes: [],
  });
  const router = new Router().add(...routes);
  const scopes = new Set(router.list().map((route) => route.scope));

  async function call(method: string, target: string, body?: unknown): Promise<InProcessAnswer> {
    const url = new URL(target, 'https://local-tenant');
    const match = router.match(method, url.pathname);
    if (!match) return { status: 404, body: undefined };
    try {
      const reply = await match.route.handler({
        method,
        path: url.pathname,
        query: url.searchParams,
        params: match.params,
        body,
        store,
        scopes,
        domain: '127.0.0.1:8443',
      });
      return { status: reply.status, body: reply.body };
    } catch (error) {
      if (error instanceof ApiError) return { status: error.statusCode, body: error.toBody() };
      throw error;
    }
  }

  return { call, state: () => store.state, close: () => rmSync(dir, { recursive: true, force: true }) };
}
