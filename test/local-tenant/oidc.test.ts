import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRemoteJWKSet, customFetch as joseFetch, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalTenant, startLocalTenant } from '../../scripts/local-tenant';
import { fetchTrusting } from '../../scripts/login/trusting-fetch';
import { httpClient } from './http-client';

/**
 * A machine-to-machine client signs in through the tenant's discovery document with openid-client, as the
 * user-sync backend does, and its token is verified with jose against the JWKS the tenant serves.
 */
const DOCUMENTS_API = 'https://documents.example.com/';
const API_SCOPES = ['read:documents', 'write:documents', 'delete:documents'];

let dir: string;
let tenant: LocalTenant;
let issuer: URL;
let trustingFetch: ReturnType<typeof fetchTrusting>;
let api: ReturnType<typeof httpClient>;
let managementToken: string;

const manage = async (method: string, route: string, body: unknown) => {
  const answer = await api.send(method, `/api/v2${route}`, body, { token: managementToken });
  if (answer.status >= 300)
    throw new Error(`${method} ${route}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as Record<string, unknown>;
};

/** A machine-to-machine client, granted `scope` on the documents API unless `scope` is undefined. */
async function machineClient(name: string, scope?: string[]) {
  const client = await manage('POST', '/clients', {
    name,
    app_type: 'non_interactive',
    grant_types: ['client_credentials'],
    token_endpoint_auth_method: 'client_secret_basic',
  });
  const clientId = String(client.client_id);
  if (scope) await manage('POST', '/client-grants', { client_id: clientId, audience: DOCUMENTS_API, scope });
  return oidc.discovery(issuer, clientId, undefined, oidc.ClientSecretBasic(String(client.client_secret)), {
    [oidc.customFetch]: trustingFetch,
  });
}

const verify = (accessToken: string) =>
  jwtVerify(
    accessToken,
    createRemoteJWKSet(new URL('.well-known/jwks.json', issuer), { [joseFetch]: trustingFetch }),
    { issuer: issuer.href, audience: DOCUMENTS_API, algorithms: ['RS256'] },
  );

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'local-tenant-oidc-'));
  tenant = await startLocalTenant({ port: 0, stateFile: path.join(dir, 'state.json') });
  issuer = new URL(`https://${tenant.domain}/`);
  trustingFetch = fetchTrusting(tenant.caFile);
  api = httpClient(tenant);
  managementToken = await api.token();
  await manage('POST', '/resource-servers', {
    name: 'Documents',
    identifier: DOCUMENTS_API,
    token_lifetime: 1200,
    enforce_policies: true,
    token_dialect: 'access_token_authz',
    scopes: API_SCOPES.map((value) => ({ value, description: value })),
  });
});

afterAll(async () => {
  await tenant?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a machine-to-machine client signing in through discovery', () => {
  it('gets a token with exactly its granted scopes and permissions, verified against the served JWKS', async () => {
    const backend = await machineClient('User sync backend', ['read:documents', 'write:documents']);

    const answer = await oidc.clientCredentialsGrant(backend, { audience: DOCUMENTS_API });

    expect(answer.expires_in).toBe(1200);
    const { payload, protectedHeader } = await verify(answer.access_token);
    expect(protectedHeader).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(payload).toMatchObject({
      sub: `${backend.clientMetadata().client_id}@clients`,
      azp: backend.clientMetadata().client_id,
      gty: 'client-credentials',
      scope: 'read:documents write:documents',
      permissions: ['read:documents', 'write:documents'],
    });
  });

  it('gets no more than it asks for', async () => {
    const backend = await machineClient('Reader', ['read:documents', 'write:documents']);

    const answer = await oidc.clientCredentialsGrant(backend, {
      audience: DOCUMENTS_API,
      scope: 'read:documents delete:documents',
    });

    expect((await verify(answer.access_token)).payload).toMatchObject({
      scope: 'read:documents',
      permissions: ['read:documents'],
    });
  });

  it('is refused, as Auth0 refuses it, when it has no grant for the API', async () => {
    const stranger = await machineClient('No grant');

    const refusal = oidc.clientCredentialsGrant(stranger, { audience: DOCUMENTS_API });

    await expect(refusal).rejects.toMatchObject({
      status: 403,
      error: 'access_denied',
      error_description: expect.stringContaining(`Client is not authorized to access "${DOCUMENTS_API}"`),
    });
  });

  it('finds the tenant as issuer, and a JWKS holding only public key material', async () => {
    const answer = await trustingFetch(new URL('.well-known/jwks.json', issuer).href);
    const text = await answer.text();

    expect(answer.status).toBe(200);
    expect(JSON.parse(text).keys).toEqual([
      expect.objectContaining({ kty: 'RSA', use: 'sig', alg: 'RS256' }),
    ]);
    expect(text).not.toMatch(/"(d|p|q|dp|dq|qi)"|PRIVATE/);
  });
});
