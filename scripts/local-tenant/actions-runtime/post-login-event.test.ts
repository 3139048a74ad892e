import { describe, expect, it } from 'vitest';
import { riskAssessment } from '../../action-api/risk';
import type { LocalUser, PostLoginInput } from '../authentication/contract';
import { buildPostLoginEvent, roleNames } from './post-login-event';

const user: LocalUser = {
  user_id: 'auth0|65f1c0ffee0000000000a1b2',
  connection: 'Username-Password-Authentication',
  email: 'alice@example.com',
  email_verified: true,
  name: 'Alice',
  password: { salt: 'salt', hash: 'hash' },
  app_metadata: { plan: 'pro' },
  user_metadata: { theme: 'dark' },
  identities: [
    {
      provider: 'auth0',
      user_id: '65f1c0ffee0000000000a1b2',
      connection: 'Username-Password-Authentication',
    },
  ],
  roles: ['admin', 'user'],
  organizations: [{ name: 'acme', roles: ['org-admin'] }],
  logins_count: 7,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-02T00:00:00.000Z',
  totp: { secret: 'JBSWY3DPEHPK3PXP', confirmed: true },
};

const input = (overrides: Partial<PostLoginInput> = {}): PostLoginInput => ({
  user,
  client: { client_id: 'c1', name: 'Documents SPA', client_metadata: { tier: 'gold', bad: 3 } },
  connection: { id: 'con_1', name: 'Username-Password-Authentication', strategy: 'auth0', metadata: {} },
  resourceServer: { identifier: 'https://documents.example.com/' },
  request: {
    ip: '203.0.113.5',
    userAgent: 'UA',
    hostname: '127.0.0.1:8443',
    method: 'GET',
    query: { a: 'b' },
    language: 'de-DE,de',
  },
  transaction: {
    id: 'tx_1',
    clientId: 'c1',
    redirectUri: 'https://app/cb',
    responseType: 'code',
    responseMode: 'query',
    scopes: ['openid', 'offline_access'],
    audience: 'https://documents.example.com/',
    state: 's',
    prompt: ['login'],
    createdAt: 0,
  },
  authenticationMethods: [{ name: 'pwd', timestamp: '2026-01-02T00:00:00.000Z' }],
  now: 0,
  ...overrides,
});

const context = { tenantId: 'local', riskAssessment: riskAssessment({}, '203.0.113.5') };

describe('the post-login event from real state', () => {
  it('carries the user without secrets, with metadata, identities, roles and the login count', () => {
    const event = buildPostLoginEvent(input(), context);
    expect(event.user).toMatchObject({
      user_id: user.user_id,
      app_metadata: { plan: 'pro' },
      user_metadata: { theme: 'dark' },
      identities: user.identities,
      enrolledFactors: [{ type: 'otp' }],
    });
    expect(JSON.stringify(event)).not.toMatch(/JBSWY3DPEHPK3PXP|"hash"/);
    expect(event.authorization).toEqual({ roles: ['admin', 'user'] });
    expect(event.stats).toEqual({ logins_count: 7 });
    expect(event.tenant).toEqual({ id: 'local' });
  });

  it('has the client, connection, request with geoip, transaction, methods and risk', () => {
    const event = buildPostLoginEvent(input(), context);
    expect(event.client).toEqual({ client_id: 'c1', name: 'Documents SPA', metadata: { tier: 'gold' } });
    expect(event.connection).toEqual({
      id: 'con_1',
      name: 'Username-Password-Authentication',
      strategy: 'auth0',
      metadata: {},
    });
    expect(event.request).toMatchObject({
      ip: '203.0.113.5',
      user_agent: 'UA',
      method: 'GET',
      query: { a: 'b' },
      language: 'de-DE,de',
    });
    expect(event.request.geoip.countryCode).toBe('KP');
    expect(event.transaction).toMatchObject({
      id: 'tx_1',
      locale: 'de',
      requested_scopes: ['openid', 'offline_access'],
      prompt: ['login'],
      metadata: {},
    });
    expect(event.resource_server).toEqual({ identifier: 'https://documents.example.com/' });
    expect(event.authentication?.methods).toEqual([{ name: 'pwd', timestamp: '2026-01-02T00:00:00.000Z' }]);
    expect(event.authentication?.riskAssessment?.confidence).toBe('high');
    expect(event.organization).toBeUndefined();
  });

  it("on an organization login, has the organization and only that membership's roles", () => {
    const organization = {
      id: 'org_1',
      name: 'acme',
      display_name: 'Acme Corporation',
      metadata: { region: 'eu' },
    };
    const event = buildPostLoginEvent(input({ organization }), context);
    expect(event.organization).toEqual(organization);
    expect(event.authorization).toEqual({ roles: ['org-admin'] });
    expect(roleNames(user, { name: 'globex' })).toEqual([]);
  });
});
