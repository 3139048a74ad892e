import { describe, expect, it } from 'vitest';
import type { PostLoginHandler } from '../../actions/types/post-login/v3';
import {
  claimNameProblem,
  isAuth0ApiAudience,
  RESTRICTED_CLAIMS,
} from '../../scripts/action-api/token-claims';
import { ViolationsError } from '../../scripts/action-api/violations';
import { postLogin } from './post-login';

const NAMESPACE = 'https://example.com/claims/';

describe('custom claims Auth0 accepts', () => {
  it('puts namespaced claims in both tokens', async () => {
    const login = postLogin();

    await login.run((_event, api) => {
      api.idToken.setCustomClaim(`${NAMESPACE}roles`, ['admin']);
      api.accessToken.setCustomClaim(`${NAMESPACE}roles`, ['admin']);
    });

    expect(login.idToken.claims).toEqual({ [`${NAMESPACE}roles`]: ['admin'] });
    expect(login.accessToken.claims).toEqual({ [`${NAMESPACE}roles`]: ['admin'] });
    expect(login.violations).toEqual([]);
  });

  it('accepts private (non-namespaced) claims on ID tokens and on access tokens for our own API', async () => {
    const login = postLogin({ resource_server: { identifier: 'https://api.example.com/' } });

    await login.run((_event, api) => {
      api.idToken.setCustomClaim('favorite_color', 'blue');
      api.accessToken.setCustomClaim('tenant_plan', 'pro');
    });

    expect(login.idToken.claims).toEqual({ favorite_color: 'blue' });
    expect(login.accessToken.claims).toEqual({ tenant_plan: 'pro' });
  });

  it('returns the api from setCustomClaim, so calls chain', async () => {
    const login = postLogin();

    await login.run((_event, api) => {
      api.idToken.setCustomClaim(`${NAMESPACE}a`, 1).idToken.setCustomClaim(`${NAMESPACE}b`, 2);
    });

    expect(login.idToken.claims).toEqual({ [`${NAMESPACE}a`]: 1, [`${NAMESPACE}b`]: 2 });
  });
});

describe('custom claims Auth0 silently leaves out', () => {
  const setClaim =
    (token: 'idToken' | 'accessToken', name: string): PostLoginHandler =>
    (_event, api) => {
      api[token].setCustomClaim(name, 'value');
    };

  it.each(['sub', 'iss', 'aud', 'exp', 'iat', 'azp', 'roles', 'permissions', 'org_id', 'nonce', 'x5t#S256'])(
    'leaves out the restricted claim %s and fails the run',
    async (name) => {
      const login = postLogin();

      await expect(login.run(setClaim('idToken', name))).rejects.toBeInstanceOf(ViolationsError);

      expect(login.idToken.claims).toEqual({});
      expect(login.idToken.dropped).toEqual([{ name, value: 'value', rule: 'restricted-claim' }]);
    },
  );

  it.each([
    'https://auth0.com/roles',
    'https://example-dev.eu.auth0.com/roles',
    'http://webtask.io/claim',
    'https://sandbox.webtask.run/claim',
    'urn:auth0:claim',
  ])('leaves out %s: an Auth0 domain or URN cannot be a namespace', async (name) => {
    const login = postLogin({}, { allowViolations: true });

    await login.run(setClaim('accessToken', name));

    expect(login.accessToken.claims).toEqual({});
    expect(login.violations).toEqual([expect.objectContaining({ rule: 'reserved-namespace' })]);
  });

  it('leaves out private claims on access tokens for the Management API', async () => {
    const login = postLogin({ resource_server: { identifier: 'https://example-dev.eu.auth0.com/api/v2/' } });

    await login.run(setClaim('accessToken', 'tenant_plan'), { expectViolations: true });

    expect(login.accessToken.claims).toEqual({});
    expect(login.violations).toEqual([expect.objectContaining({ rule: 'non-namespaced-claim' })]);
  });

  it('fails the run, listing each claim, unless the test opted in', async () => {
    const login = postLogin();

    const run = login.run((_event, api) => {
      api.idToken.setCustomClaim('sub', 'someone-else');
      api.accessToken.setCustomClaim('https://auth0.com/x', 1);
    });

    await expect(run).rejects.toThrow(
      /idToken claim "sub" is restricted[\s\S]*accessToken claim "https:\/\/auth0.com\/x"/,
    );
  });

  it('fails the run when one token carries more than 100 KB of custom claims', async () => {
    const login = postLogin({}, { allowViolations: true });

    await login.run((_event, api) => {
      api.idToken.setCustomClaim(`${NAMESPACE}blob`, 'x'.repeat(101 * 1024));
    });

    expect(login.violations).toEqual([expect.objectContaining({ rule: 'claims-too-large' })]);
  });
});

describe('claims and scopes Auth0 refuses outright', () => {
  it('throws for the scope claim, as Auth0 does, on either token', async () => {
    await expect(
      postLogin().run((_event, api) => {
        api.accessToken.setCustomClaim('scope', 'read:all');
      }),
    ).rejects.toThrow('The "scope" claim cannot be set.');
    await expect(
      postLogin().run((_event, api) => {
        api.idToken.setCustomClaim('scope', 'read:all');
      }),
    ).rejects.toThrow('The "scope" claim cannot be set.');
  });

  it('records scopes added and removed, trimmed', async () => {
    const login = postLogin();

    await login.run((_event, api) => {
      api.accessToken.addScope(' read:reports ');
      api.accessToken.addScope('write:reports');
      api.accessToken.removeScope('write:reports');
      api.accessToken.removeScope('delete:reports');
    });

    expect(login.accessToken.scopesAdded).toEqual(['read:reports']);
    expect(login.accessToken.scopesRemoved).toEqual(['write:reports', 'delete:reports']);
  });

  it.each([
    ['', 'The value for the scope is required.'],
    ['read reports', 'The value for the scope must not have whitespace.'],
    ['x'.repeat(281), 'The value for the scope exceeds the allowed maximum of 280 characters.'],
  ])('throws for the invalid scope %j', async (scope, message) => {
    await expect(
      postLogin().run((_event, api) => {
        api.accessToken.addScope(scope);
      }),
    ).rejects.toThrow(message);
  });
});

describe('claimNameProblem', () => {
  const context = { tenantHostnames: ['login.example.com'], requireNamespacedClaims: false };

  it('knows the documented restricted claims', () => {
    expect(RESTRICTED_CLAIMS.size).toBe(60); // the docs list, counted
    expect(claimNameProblem('idToken', 'email', context)).toBeUndefined();
    expect(claimNameProblem('idToken', 'https://example.com/email', context)).toBeUndefined();
  });

  it('applies the project policy (stricter than Auth0) only when asked, and keeps the claim', () => {
    const strict = { ...context, requireNamespacedClaims: true };

    expect(claimNameProblem('idToken', 'favorite_color', strict)).toMatchObject({
      rule: 'non-namespaced-claim',
      dropped: false,
    });
    expect(claimNameProblem('idToken', 'given_name', strict)).toBeUndefined();
  });

  it('recognises Auth0 API audiences, including through a custom domain, but not /userinfo', () => {
    expect(isAuth0ApiAudience('https://example-dev.eu.auth0.com/api/v2/', [])).toBe(true);
    expect(isAuth0ApiAudience('https://login.example.com/mfa/', ['login.example.com'])).toBe(true);
    expect(isAuth0ApiAudience('https://example-dev.eu.auth0.com/userinfo', [])).toBe(false);
    expect(isAuth0ApiAudience('https://api.example.com/', ['login.example.com'])).toBe(false);
  });
});
