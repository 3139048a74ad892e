import { describe, expect, it } from 'vitest';
import type { TenantState } from '../state/types';
import { pkceMatches } from './code-grant';
import { newSigningKey } from './signing-key';
import { verifiedClaims } from './tokens';
import { issueUserTokens } from './user-tokens';
import { createUser } from './users';

const key = newSigningKey();
const API = 'https://documents.example.com/';
const state = {
  tokenSigningKey: key,
  settings: {},
  users: [],
  resourceServers: [
    {
      identifier: API,
      enforce_policies: true,
      token_dialect: 'access_token_authz',
      token_lifetime: 900,
      scopes: [{ value: 'read:documents' }, { value: 'write:documents' }],
    },
  ],
  roles: [
    { id: 'rol_user', name: 'user' },
    { id: 'rol_org', name: 'org-admin' },
  ],
  rolePermissions: {
    rol_user: [{ permission_name: 'read:documents', resource_server_identifier: API }],
    rol_org: [{ permission_name: 'write:documents', resource_server_identifier: API }],
  },
  organizations: [{ id: 'org_1', name: 'acme' }],
} as unknown as TenantState;
const user = createUser(state, {
  connection: 'db',
  email: 'ada@example.com',
  name: 'Ada',
  emailVerified: true,
  roles: ['user'],
  organizations: [{ name: 'acme', roles: ['org-admin'] }],
});
const client = { client_id: 'spa', jwt_configuration: { lifetime_in_seconds: 300 } };
const now = 1_800_000_000;
const decode = (token: string | undefined) => verifiedClaims(String(token), key);

describe('PKCE', () => {
  it('checks the verifier against the S256 challenge (RFC 7636 appendix B)', () => {
    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    expect(pkceMatches(verifier, 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')).toBe(true);
    expect(pkceMatches(`${verifier.slice(0, -1)}l`, 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')).toBe(
      false,
    );
    expect(pkceMatches('short', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')).toBe(false);
    expect(pkceMatches(undefined, 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')).toBe(false);
  });
});

describe("a user's tokens", () => {
  const base = { state, domain: '127.0.0.1:8443', client, user, authTime: now - 5, now };

  it('grant the API scopes RBAC allows, the permissions of the roles, and profile claims by scope', async () => {
    const tokens = await issueUserTokens({
      ...base,
      scopes: ['openid', 'email', 'read:documents', 'write:documents', 'delete:documents'],
      audience: API,
      nonce: 'n-1',
      flow: {
        idTokenClaims: { 'https://example.com/plan': 'free', sub: 'forged' },
        accessTokenClaims: { 'https://example.com/plan': 'free', scope: 'forged' },
        scopesAdded: [],
        scopesRemoved: [],
      },
    });
    expect(tokens.scopes).toEqual(['openid', 'email', 'read:documents']);
    expect(tokens.expiresIn).toBe(900);
    expect(decode(tokens.accessToken)).toMatchObject({
      aud: [API, 'https://127.0.0.1:8443/userinfo'],
      sub: user.user_id,
      scope: 'openid email read:documents',
      permissions: ['read:documents'],
      'https://example.com/plan': 'free',
    });
    const id = decode(tokens.idToken);
    expect(id).toMatchObject({
      sub: user.user_id,
      aud: 'spa',
      nonce: 'n-1',
      email: 'ada@example.com',
      email_verified: true,
      auth_time: now - 5,
      exp: now + 300,
    });
    expect(id).not.toHaveProperty('name');
    expect(id).not.toHaveProperty('amr');
  });

  it("say in the ID token's amr that the login passed MFA, and over an Action's claim of that name", async () => {
    const tokens = await issueUserTokens({
      ...base,
      scopes: ['openid'],
      amr: ['mfa'],
      flow: { idTokenClaims: { amr: ['pwd'] }, accessTokenClaims: {}, scopesAdded: [], scopesRemoved: [] },
    });
    expect(decode(tokens.idToken)).toMatchObject({ amr: ['mfa'] });
  });

  it('on an organization login, take permissions from that membership alone and name the organization', async () => {
    const tokens = await issueUserTokens({
      ...base,
      scopes: ['openid', 'profile', 'read:documents', 'write:documents'],
      audience: API,
      organizationId: 'org_1',
    });
    expect(decode(tokens.accessToken)).toMatchObject({
      org_id: 'org_1',
      permissions: ['write:documents'],
      scope: 'openid profile write:documents',
    });
    expect(decode(tokens.idToken)).toMatchObject({ org_id: 'org_1', org_name: 'acme', name: 'Ada' });
  });

  it('without an audience, are for /userinfo only; and apply the Actions scope changes', async () => {
    const tokens = await issueUserTokens({
      ...base,
      scopes: ['openid', 'profile'],
      flow: { idTokenClaims: {}, accessTokenClaims: {}, scopesAdded: ['email'], scopesRemoved: ['profile'] },
    });
    expect(decode(tokens.accessToken)).toMatchObject({
      aud: 'https://127.0.0.1:8443/userinfo',
      scope: 'openid email',
    });
    expect(tokens.api).toBeUndefined();
  });
});
