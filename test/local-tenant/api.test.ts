import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LocalTenant, startLocalTenant } from '../../scripts/local-tenant';
import { httpClient } from './http-client';

let dir: string;
let tenant: LocalTenant;
let api: ReturnType<typeof httpClient>;
let token: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'local-tenant-api-'));
  tenant = await startLocalTenant({ port: 0, stateFile: path.join(dir, 'state.json'), actionBuildMs: 150 });
  api = httpClient(tenant);
  token = await api.token();
});

afterAll(async () => {
  await tenant?.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => tenant.setFaults({}));

const call = (method: string, route: string, body?: unknown) =>
  api.send(method, `/api/v2${route}`, body, { token });
/** The stand-in's own controls, with the control token it printed at start. */
const control = (method: string, route: string, body?: unknown) =>
  api.send(method, `/__local${route}`, body, { token: tenant.controlToken });

describe('signing in', () => {
  it('gives the deploy client a Management API token for its client id and secret, sent as a form', async () => {
    const answer = await api.send('POST', '/oauth/token', undefined, {
      contentType: 'application/x-www-form-urlencoded',
      text: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: tenant.clientId,
        client_secret: tenant.clientSecret,
        audience: `https://${tenant.domain}/api/v2/`,
      }).toString(),
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ token_type: 'Bearer', expires_in: 86400 });
    expect(answer.body.scope).toContain('update:clients');
  });

  it('refuses a wrong secret and a foreign audience as the Authentication API does', async () => {
    const request = {
      grant_type: 'client_credentials',
      client_id: tenant.clientId,
      audience: `https://${tenant.domain}/api/v2/`,
    };
    const wrongSecret = await api.send('POST', '/oauth/token', { ...request, client_secret: 'nope' });
    expect(wrongSecret).toMatchObject({ status: 401, body: { error: 'access_denied' } });
    const otherAudience = await api.send('POST', '/oauth/token', {
      ...request,
      client_secret: tenant.clientSecret,
      audience: 'https://example.com/api',
    });
    expect(otherAudience).toMatchObject({ status: 403, body: { error: 'access_denied' } });
  });

  it('answers 401 to an API call without a valid bearer token', async () => {
    const missing = await api.send('GET', '/api/v2/clients');
    expect(missing).toMatchObject({
      status: 401,
      body: { statusCode: 401, error: 'Unauthorized', message: 'Missing authentication' },
    });
    const forged = await api.send('GET', '/api/v2/clients', undefined, {
      token: `${token.slice(0, -4)}AAAA`,
    });
    expect(forged).toMatchObject({ status: 401, body: { message: 'Invalid token' } });
  });
});

describe('routes it does not serve', () => {
  it('answers 403 insufficient_scope naming the scope, so an export skips the resource type', async () => {
    const answer = await call('GET', '/users-by-email');
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'Insufficient scope, expected any of: read:users_by_email',
      errorCode: 'insufficient_scope',
    });
  });
});

describe('bad requests', () => {
  it.each([
    ['malformed JSON', 'POST', '/clients', { text: '{"name":' }, 'Invalid request payload JSON format'],
    [
      'an unknown property',
      'POST',
      '/clients',
      { body: { name: 'x', colour: 'red' } },
      'Additional properties not allowed: colour',
    ],
    [
      'a wrong type',
      'POST',
      '/resource-servers',
      { body: { identifier: 42 } },
      'Expected type string but found type integer',
    ],
    [
      'a missing required property',
      'POST',
      '/roles',
      { body: { description: 'no name' } },
      'Missing required property: name',
    ],
    [
      'a value outside an enum',
      'POST',
      '/clients',
      { body: { name: 'x', app_type: 'robot' } },
      'No enum match for: "robot"',
    ],
    ['a non-numeric page size', 'GET', '/clients?per_page=many', {}, 'on property per_page'],
    ['a page size above 100', 'GET', '/roles?per_page=101', {}, 'greater than maximum 100'],
    [
      'a body that is not a list',
      'PUT',
      '/guardian/policies',
      { body: { policies: [] } },
      'Expected type array',
    ],
    [
      'an unknown tenant flag',
      'PATCH',
      '/tenants/settings',
      { body: { flags: { fly: true } } },
      'Additional properties not allowed: fly',
    ],
  ])('answers 400 with Auth0 error fields to %s', async (_story, method, route, request: any, message) => {
    const answer = await api.send(method, `/api/v2${route}`, request.body, { token, text: request.text });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      errorCode: expect.any(String),
    });
    expect(answer.body.message).toContain(message);
  });
});

describe('resources', () => {
  it('lets two clients share a name (only the client id identifies one)', async () => {
    const first = await call('POST', '/clients', { name: 'Twin', app_type: 'spa' });
    const second = await call('POST', '/clients', { name: 'Twin', app_type: 'spa' });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body.client_id).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(second.body.client_id).not.toBe(first.body.client_id);
  });

  it('refuses a second resource server with the same identifier with 409', async () => {
    const identifier = 'https://api.example.com/unique';
    expect((await call('POST', '/resource-servers', { name: 'One', identifier })).status).toBe(201);
    const again = await call('POST', '/resource-servers', { name: 'Two', identifier });
    expect(again).toMatchObject({ status: 409, body: { statusCode: 409, error: 'Conflict' } });
  });

  it('grants on the Management API of the tenant a build names, and 404 for an API it does not have', async () => {
    const client = await call('POST', '/clients', { name: 'Backend', app_type: 'non_interactive' });
    const grant = (audience: string) =>
      call('POST', '/client-grants', { client_id: client.body.client_id, audience, scope: ['read:users'] });
    const forDev = await grant('https://example-dev.eu.auth0.com/api/v2/');
    expect(forDev).toMatchObject({
      status: 201,
      body: { audience: 'https://example-dev.eu.auth0.com/api/v2/' },
    });
    const unknown = await grant('https://api.example.com/not-here');
    expect(unknown).toMatchObject({ status: 404, body: { errorCode: 'inexistent_resource_server' } });
  });

  it('answers 404 for a client that does not exist', async () => {
    const answer = await call('PATCH', '/clients/NoSuchClientNoSuchClientNoSuchCl', { description: 'x' });
    expect(answer).toMatchObject({ status: 404, body: { errorCode: 'inexistent_client' } });
  });

  it('pages with page/per_page/include_totals and with checkpoints (from/take)', async () => {
    for (const name of ['pager-a', 'pager-b', 'pager-c']) await call('POST', '/roles', { name });
    const second = await call('GET', '/roles?page=1&per_page=2&include_totals=true');
    expect(second.body).toMatchObject({ start: 2, limit: 2, total: 3 });
    expect(second.body.roles.map((role: any) => role.name)).toEqual(['pager-c']);

    for (const name of ['check-a', 'check-b'])
      await call('POST', '/connections', { name, strategy: 'github' });
    const names: string[] = [];
    let next: string | undefined;
    do {
      const page = await call('GET', `/connections?take=1${next ? `&from=${next}` : ''}`);
      names.push(...page.body.connections.map((connection: any) => connection.name));
      next = page.body.next;
    } while (next);
    expect(names).toEqual(['check-a', 'check-b']);
  });

  it('sets the enabled clients of a connection and pages them with checkpoints', async () => {
    const connection = await call('POST', '/connections', { name: 'with-clients', strategy: 'auth0' });
    const client = await call('POST', '/clients', { name: 'Enabled' });
    const set = await call('PATCH', `/connections/${connection.body.id}/clients`, [
      { client_id: client.body.client_id, status: true },
    ]);
    expect(set.status).toBe(204);
    const listed = await call('GET', `/connections/${connection.body.id}/clients?take=50`);
    expect(listed.body).toEqual({ clients: [{ client_id: client.body.client_id }] });
  });
});

describe('actions', () => {
  it('builds before it deploys, makes a version per deploy, and binds as a whole list', async () => {
    const created = await call('POST', '/actions/actions', {
      name: 'story-action',
      code: 'exports.onExecutePostLogin = async () => {};',
      runtime: 'node22',
      supported_triggers: [{ id: 'post-login', version: 'v3' }],
      secrets: [{ name: 'KEY', value: 'v1' }],
    });
    expect(created).toMatchObject({ status: 201, body: { status: 'pending', secrets: [{ name: 'KEY' }] } });
    expect(created.body.secrets[0].value).toBeUndefined();
    const id = created.body.id as string;

    const tooEarly = await call('POST', `/actions/actions/${id}/deploy`);
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.body.message).toContain("must be in the 'built' state");

    const bindEarly = await call('PATCH', '/actions/triggers/post-login/bindings', {
      bindings: [{ ref: { type: 'action_name', value: 'story-action' }, display_name: 'story' }],
    });
    expect(bindEarly.status).toBe(400);

    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await call('GET', `/actions/actions/${id}`)).body.status).toBe('built');
    expect((await call('POST', `/actions/actions/${id}/deploy`)).body).toMatchObject({
      number: 1,
      status: 'built',
    });

    const bound = await call('PATCH', '/actions/triggers/post-login/bindings', {
      bindings: [{ ref: { type: 'action_name', value: 'story-action' }, display_name: 'story' }],
    });
    expect(bound.body.bindings.map((binding: any) => binding.action.name)).toEqual(['story-action']);
    const cleared = await call('PATCH', '/actions/triggers/post-login/bindings', { bindings: [] });
    expect(cleared.body).toEqual({ bindings: [] });

    await call('PATCH', `/actions/actions/${id}`, {
      code: 'exports.onExecutePostLogin = async () => { /* 2 */ };',
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await call('POST', `/actions/actions/${id}/deploy`);
    const versions = await call('GET', `/actions/actions/${id}/versions`);
    expect(versions.body.versions.map((version: any) => [version.number, version.deployed])).toEqual([
      [2, true],
      [1, false],
    ]);
  });
});

describe('request log and faults', () => {
  it('counts requests by route pattern, over HTTP too, and resets', async () => {
    tenant.resetRequests();
    await call('GET', '/roles');
    await call('POST', '/roles', { name: 'counted' });
    const counts = await control('GET', '/requests');
    expect(counts.body).toEqual({
      total: 2,
      reads: 1,
      writes: 1,
      byRoute: { 'GET /api/v2/roles': 1, 'POST /api/v2/roles': 1 },
      // Auth0 answers a role's create with 200, not 201.
      byStatus: { 200: 2 },
    });
    await control('DELETE', '/requests');
    expect(tenant.requests().total).toBe(0);
  });

  it("answers 429 with Retry-After and Auth0's rate-limit headers when told to", async () => {
    expect((await control('PUT', '/faults', { rateLimitRatio: 1, retryAfterSeconds: 2 })).status).toBe(200);
    const answer = await call('GET', '/roles');
    expect(answer.status).toBe(429);
    expect(answer.headers).toMatchObject({
      'retry-after': '2',
      'x-ratelimit-limit': '50',
      'x-ratelimit-remaining': '0',
    });
    expect(Number(answer.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
    expect(answer.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
  });

  it('answers 503, drops connections and adds latency when told to', async () => {
    tenant.setFaults({ serverErrorRatio: 1 });
    expect((await call('GET', '/roles')).status).toBe(503);
    tenant.setFaults({ dropRatio: 1 });
    await expect(call('GET', '/roles')).rejects.toThrow();
    tenant.setFaults({ latencyMs: 120 });
    const started = Date.now();
    expect((await call('GET', '/roles')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(120);
  });

  it('refuses a bad faults document with 400', async () => {
    const answer = await control('PUT', '/faults', { rateLimitRatio: 3 });
    expect(answer).toMatchObject({
      status: 400,
      body: { statusCode: 400, message: 'rateLimitRatio must be a number from 0 to 1' },
    });
  });
});
