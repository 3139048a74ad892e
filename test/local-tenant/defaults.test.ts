import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalTenant, startLocalTenant } from '../../scripts/local-tenant';
import { httpClient } from './http-client';

let dir: string;
let tenant: LocalTenant;
let call: (
  method: string,
  route: string,
  body?: unknown,
) => ReturnType<ReturnType<typeof httpClient>['send']>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'local-tenant-defaults-'));
  tenant = await startLocalTenant({ port: 0, stateFile: path.join(dir, 'state.json') });
  const api = httpClient(tenant);
  const token = await api.token();
  call = (method, route, body) => api.send(method, `/api/v2${route}`, body, { token });
});

afterAll(async () => {
  await tenant?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('fields Auth0 fills in, and those it returns only once set', () => {
  it('creates a client with the defaults Auth0 gives, without callbacks or an auth method it was not sent', async () => {
    const answer = await call('POST', '/clients', { name: 'Reports', app_type: 'regular_web' });

    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      oidc_conformant: true,
      callback_url_template: false,
      encrypted: true,
    });
    expect(answer.body).not.toHaveProperty('callbacks');
    expect(answer.body).not.toHaveProperty('token_endpoint_auth_method');
    const read = await call('GET', `/clients/${answer.body.client_id}`);
    expect(read.body).not.toHaveProperty('encrypted');
  });

  it('clears a client field set to null, and shows no secret once the client signs in with credentials', async () => {
    const { body: client } = await call('POST', '/clients', {
      name: 'Billing',
      token_endpoint_auth_method: 'client_secret_post',
    });

    const answer = await call('PATCH', `/clients/${client.client_id}`, {
      client_authentication_methods: { private_key_jwt: { credentials: [] } },
      token_endpoint_auth_method: null,
    });

    expect(answer.status).toBe(200);
    expect(answer.body).not.toHaveProperty('token_endpoint_auth_method');
    expect(answer.body).not.toHaveProperty('client_secret');
  });

  it('clears addons and the deprecated backchannel logout with null, as Auth0 does', async () => {
    const { body: client } = await call('POST', '/clients', {
      name: 'Archive',
      addons: { rms: { url: 'https://archive.example.com' } },
      oidc_backchannel_logout: { backchannel_logout_urls: ['https://archive.example.com/logout'] },
    });

    const answer = await call('PATCH', `/clients/${client.client_id}`, {
      addons: null,
      oidc_backchannel_logout: null,
    });

    expect(answer.status).toBe(200);
    expect(answer.body).not.toHaveProperty('addons');
    expect(answer.body).not.toHaveProperty('oidc_backchannel_logout');
  });

  it('answers a credential expiry as Auth0 writes dates, and changes or clears it with PATCH', async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const { body: client } = await call('POST', '/clients', { name: 'Ledger', app_type: 'non_interactive' });
    const route = `/clients/${client.client_id}/credentials`;

    const made = await call('POST', route, {
      credential_type: 'public_key',
      pem,
      expires_at: '2096-05-13T09:33:13Z',
    });
    const changed = await call('PATCH', `${route}/${made.body.id}`, { expires_at: '2097-01-01T00:00:00Z' });
    const cleared = await call('PATCH', `${route}/${made.body.id}`, { expires_at: null });

    expect(made.body.expires_at).toBe('2096-05-13T09:33:13.000Z');
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: made.body.id, expires_at: '2097-01-01T00:00:00.000Z' });
    expect(cleared.body).not.toHaveProperty('expires_at');
    expect(cleared.body).not.toHaveProperty('pem');
  });

  it('answers 204 to deleting a client grant twice, so a retried delete succeeds', async () => {
    const { body: client } = await call('POST', '/clients', { name: 'Exports', app_type: 'non_interactive' });
    const { body: api } = await call('POST', '/resource-servers', { identifier: 'https://exports.example' });
    const { body: grant } = await call('POST', '/client-grants', {
      client_id: client.client_id,
      audience: api.identifier,
      scope: [],
    });

    expect((await call('DELETE', `/client-grants/${grant.id}`)).status).toBe(204);
    expect((await call('DELETE', `/client-grants/${grant.id}`)).status).toBe(204);
    expect((await call('GET', `/client-grants/${grant.id}`)).status).toBe(404);
  });

  it('keeps the global client to the few fields Auth0 has on it', async () => {
    const { body } = await call('GET', '/clients?is_global=true');

    expect(body).toHaveLength(1);
    expect(body[0]).toMatchObject({ name: 'All Applications', global: true });
    expect(body[0]).not.toHaveProperty('oidc_conformant');
    expect(body[0]).not.toHaveProperty('jwt_configuration');
  });

  it('reports the available Node versions on reading tenant settings, not in the answer to a change', async () => {
    const read = await call('GET', '/tenants/settings');
    const changed = await call('PATCH', '/tenants/settings', { friendly_name: 'Reports' });

    expect(read.body.sandbox_versions_available).toEqual(expect.arrayContaining(['22']));
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ friendly_name: 'Reports' });
    expect(changed.body).not.toHaveProperty('sandbox_versions_available');
  });
});
