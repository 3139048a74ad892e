/**
 * Auth0 answers a client's keys (`client_secret`, `encryption_key`, `client_authentication_methods`,
 * `signing_keys`) only to a caller holding `read:client_keys` or `read:client_credentials`; `read:clients`
 * alone sees the rest of the client. The one exception is the answer to a create: it carries the secret
 * the tenant just made, since there is no other way to learn it.
 */
import { describe, expect, it } from 'vitest';
import type { Answer } from './http-client';
import { tenantPerFile } from './tenant-per-file';

const KEY_FIELDS = ['client_secret', 'encryption_key', 'client_authentication_methods', 'signing_keys'];

const local = tenantPerFile('keys');

/** A machine-to-machine client granted `scope` on the Management API, signed in: its token. */
async function signedInWith(name: string, scope: string[]): Promise<string> {
  const created = await local.api.send(
    'POST',
    '/api/v2/clients',
    { name, app_type: 'non_interactive', grant_types: ['client_credentials'] },
    { token: local.token },
  );
  const audience = `https://${local.tenant.domain}/api/v2/`;
  const { client_id, client_secret } = created.body as { client_id: string; client_secret: string };
  await local.api.send(
    'POST',
    '/api/v2/client-grants',
    { client_id, audience, scope },
    { token: local.token },
  );
  const signedIn = await local.api.send('POST', '/oauth/token', {
    grant_type: 'client_credentials',
    client_id,
    client_secret,
    audience,
  });
  return signedIn.body.access_token as string;
}

const keysIn = (client: Record<string, unknown>) => KEY_FIELDS.filter((field) => field in client);
const clientsOf = (answer: Answer) => answer.body as Record<string, unknown>[];

describe('a caller with read:clients alone', () => {
  it('lists every client without its keys, the deploy client included', async () => {
    const reader = await signedInWith('Plan (read-only)', ['read:clients']);

    const listed = await local.api.send('GET', '/api/v2/clients', undefined, { token: reader });

    expect(listed.status).toBe(200);
    const deploy = clientsOf(listed).find((client) => client.client_id === local.tenant.clientId);
    expect(deploy).toMatchObject({ name: 'Deploy CLI', grant_types: ['client_credentials'] });
    expect(clientsOf(listed).flatMap(keysIn)).toEqual([]);
    expect(JSON.stringify(listed.body)).not.toContain(local.tenant.clientSecret);
  });

  it('reads one client without its secret, even when it asks for the field by name', async () => {
    const reader = await signedInWith('Reader', ['read:clients']);

    const one = await local.api.send('GET', `/api/v2/clients/${local.tenant.clientId}`, undefined, {
      token: reader,
    });
    const asked = await local.api.send(
      'GET',
      `/api/v2/clients/${local.tenant.clientId}?fields=client_id,client_secret&include_fields=true`,
      undefined,
      { token: reader },
    );

    expect(one.status).toBe(200);
    expect(keysIn(one.body)).toEqual([]);
    // `tenant` comes with any fields= selection of a client, as Auth0 answers it.
    expect(asked.body).toEqual({ client_id: local.tenant.clientId, tenant: 'local' });
  });

  it('is answered an update without the keys', async () => {
    const editor = await signedInWith('Editor', ['read:clients', 'update:clients']);
    const target = await local.api.send(
      'POST',
      '/api/v2/clients',
      { name: 'Edited' },
      { token: local.token },
    );

    const updated = await local.api.send(
      'PATCH',
      `/api/v2/clients/${target.body.client_id}`,
      { description: 'changed' },
      { token: editor },
    );

    expect(updated).toMatchObject({ status: 200, body: { description: 'changed' } });
    expect(keysIn(updated.body)).toEqual([]);
  });
});

describe('a caller that may create clients', () => {
  it('is answered the new client with its secret, and lists it without', async () => {
    const creator = await signedInWith('Creator', ['create:clients', 'read:clients']);

    const created = await local.api.send('POST', '/api/v2/clients', { name: 'Fresh' }, { token: creator });
    const listed = await local.api.send('GET', '/api/v2/clients', undefined, { token: creator });

    expect(created.status).toBe(201);
    expect(created.body.client_secret).toMatch(/^[A-Za-z0-9_-]{64}$/);
    const fresh = clientsOf(listed).find((client) => client.client_id === created.body.client_id);
    expect(fresh).toMatchObject({ name: 'Fresh' });
    expect(fresh).not.toHaveProperty('client_secret');
  });
});

describe.each(['read:client_keys', 'read:client_credentials'])('a caller with %s', (keyScope) => {
  it('lists and reads the secrets', async () => {
    const keeper = await signedInWith(`Keeper ${keyScope}`, ['read:clients', keyScope]);

    const listed = await local.api.send('GET', '/api/v2/clients', undefined, { token: keeper });
    const one = await local.api.send('GET', `/api/v2/clients/${local.tenant.clientId}`, undefined, {
      token: keeper,
    });

    const deploy = clientsOf(listed).find((client) => client.client_id === local.tenant.clientId);
    expect(deploy?.client_secret).toBe(local.tenant.clientSecret);
    expect(one.body.client_secret).toBe(local.tenant.clientSecret);
  });
});
