import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyBearer } from '../auth';
import { TenantStore } from '../state/store';
import type { JsonObject } from '../state/types';
import { jwksDocument, openidConfiguration } from './discovery';
import { answerTokenRequest } from './token-endpoint';

const domain = '127.0.0.1:8443';
const dir = mkdtempSync(path.join(tmpdir(), 'local-tenant-token-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'state.json');
const store = TenantStore.open({ file, reset: true, domain, deployScopes: ['read:clients'] });
const { state } = store;

const DOCUMENTS_API = 'https://documents.example.com/';
const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

function machine(name: string, fields: JsonObject = {}): { id: string; secret: string } {
  const client = {
    client_id: `${name}-id`,
    client_secret: `local-${name}-not-a-secret`,
    grant_types: ['client_credentials'],
    app_type: 'non_interactive',
    ...fields,
  };
  state.clients.push(client);
  return { id: client.client_id, secret: client.client_secret };
}

state.resourceServers.push({
  id: 'documents',
  identifier: DOCUMENTS_API,
  token_lifetime: 900,
  enforce_policies: true,
  token_dialect: 'access_token_authz',
});
const backend = machine('backend');
const basicBackend = machine('basic', { token_endpoint_auth_method: 'client_secret_basic' });
const ungranted = machine('ungranted');
const spa = machine('spa', { token_endpoint_auth_method: 'none' });
for (const client of [backend, basicBackend, spa]) {
  state.clientGrants.push({
    id: `cgr_${client.id}`,
    client_id: client.id,
    audience: DOCUMENTS_API,
    scope: ['read:documents', 'write:documents'],
  });
}

const ask = (fields: JsonObject, authorization?: string) =>
  answerTokenRequest(state, domain, { grant_type: 'client_credentials', ...fields }, authorization);
const post = (client: { id: string; secret: string }, fields: JsonObject = {}) =>
  ask({ client_id: client.id, client_secret: client.secret, audience: DOCUMENTS_API, ...fields });

async function claimsOf(reply: { body: JsonObject }) {
  const jwks = createLocalJWKSet(jwksDocument(state));
  const { payload, protectedHeader } = await jwtVerify(String(reply.body.access_token), jwks, {
    issuer: `https://${domain}/`,
    audience: DOCUMENTS_API,
  });
  return { payload, protectedHeader };
}

describe('the client-credentials grant for an API the tenant declares', () => {
  it('gives exactly the scopes of the grant, with permissions as the API RBAC and dialect say', async () => {
    const reply = await post(backend);

    expect(reply).toMatchObject({ status: 200, body: { token_type: 'Bearer', expires_in: 900 } });
    expect(reply.body.scope).toBe('read:documents write:documents');
    const { payload, protectedHeader } = await claimsOf(reply);
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: state.tokenSigningKey.kid });
    expect(payload).toMatchObject({
      sub: `${backend.id}@clients`,
      azp: backend.id,
      gty: 'client-credentials',
      scope: 'read:documents write:documents',
      permissions: ['read:documents', 'write:documents'],
    });
    expect(payload.exp).toBe(Number(payload.iat) + 900);
  });

  it('narrows to the scopes asked for, and never widens past the grant', async () => {
    const reply = await post(backend, { scope: 'read:documents delete:documents' });

    expect(reply.body.scope).toBe('read:documents');
    expect((await claimsOf(reply)).payload.permissions).toEqual(['read:documents']);
  });

  it('refuses a client without a grant for the audience as Auth0 does', () => {
    expect(post(ungranted)).toEqual({
      status: 403,
      body: {
        error: 'access_denied',
        error_description: `Client is not authorized to access "${DOCUMENTS_API}". You need to create a "client-grant" associated to this API. See: https://auth0.com/docs/api/v2#!/Client_Grants/post_client_grants`,
      },
    });
  });

  it('refuses an audience the tenant does not declare', () => {
    expect(post(backend, { audience: 'https://unknown.example.com/' })).toMatchObject({
      status: 403,
      body: { error: 'access_denied', error_description: expect.stringContaining('Service not enabled') },
    });
  });

  it('takes the tenant default audience when the request names none', async () => {
    state.settings.default_audience = DOCUMENTS_API;
    try {
      const reply = ask({ client_id: backend.id, client_secret: backend.secret });
      expect((await claimsOf(reply)).payload.aud).toBe(DOCUMENTS_API);
    } finally {
      delete state.settings.default_audience;
    }
  });
});

describe('client authentication, per token_endpoint_auth_method', () => {
  it('takes a client_secret_basic client in the header only', async () => {
    const header = basic(basicBackend.id, basicBackend.secret);
    expect(ask({ audience: DOCUMENTS_API }, header).status).toBe(200);
    expect(post(basicBackend)).toMatchObject({ status: 401, body: { error: 'access_denied' } });
  });

  it('takes a client_secret_post client (the default) in the body only', () => {
    const header = basic(backend.id, backend.secret);
    expect(ask({ audience: DOCUMENTS_API }, header)).toMatchObject({ status: 401 });
  });

  it('refuses a wrong secret, an unknown client and a public client', () => {
    for (const reply of [
      post({ ...backend, secret: 'wrong' }),
      post({ id: 'nobody', secret: 'x' }),
      ask({ client_id: spa.id, audience: DOCUMENTS_API }),
      post(spa),
    ]) {
      expect(reply).toEqual({
        status: 401,
        body: { error: 'access_denied', error_description: 'Unauthorized' },
      });
    }
  });

  it('refuses a grant type the client does not have', () => {
    const noGrant = machine('no-grant-type', { grant_types: ['authorization_code'] });
    expect(post(noGrant)).toMatchObject({ status: 403, body: { error: 'unauthorized_client' } });
  });
});

describe('the Management API token', () => {
  it('is RS256 with the tenant key, and verifyBearer takes it', async () => {
    const deploy = state.clients.find((client) => client.client_id === state.deployClientId) as JsonObject;
    const reply = ask({
      client_id: state.deployClientId,
      client_secret: deploy.client_secret,
      audience: `https://${domain}/api/v2/`,
    });

    expect(reply.status).toBe(200);
    const claims = verifyBearer(state, domain, `Bearer ${String(reply.body.access_token)}`);
    expect(claims.scope.split(' ')).toContain('read:clients');
    expect(claims).not.toHaveProperty('permissions');
  });
});

describe('discovery and the state file', () => {
  it('advertises this tenant as issuer and the JWKS served', () => {
    expect(openidConfiguration(domain)).toMatchObject({
      issuer: `https://${domain}/`,
      token_endpoint: `https://${domain}/oauth/token`,
      jwks_uri: `https://${domain}/.well-known/jwks.json`,
      id_token_signing_alg_values_supported: ['RS256'],
    });
  });

  it('keeps the key across a reopen, and gives one to a state file saved before there was one', () => {
    store.save();
    const reopened = TenantStore.open({ file, reset: false, domain, deployScopes: [] });
    expect(reopened.state.tokenSigningKey.kid).toBe(state.tokenSigningKey.kid);

    const { tokenSigningKey: _key, ...older } = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify(older));
    const migrated = TenantStore.open({ file, reset: false, domain, deployScopes: [] });
    expect(migrated.state.tokenSigningKey).toMatchObject({ alg: 'RS256' });
    expect(migrated.state.tokenSigningKey.kid).not.toBe(state.tokenSigningKey.kid);
    expect(JSON.parse(readFileSync(file, 'utf8')).tokenSigningKey.kid).toBe(
      migrated.state.tokenSigningKey.kid,
    );
  });
});
