import { describe, expect, it } from 'vitest';
import { postLogin } from '../../test/kit';
import { MAX_ROLE_LENGTH, MAX_ROLES, userSegment } from './claims';
import { onExecutePostLogin, type Secrets } from './index';
import { claimsNamespace } from './namespace';

// The value our environment files hold: no trailing slash, normalised by the Action.
const NS = 'https://example.com/claims/';
const login = postLogin.with<Secrets>(
  { secrets: { CLAIMS_NAMESPACE: 'https://example.com/claims' } },
  { requireNamespacedClaims: true },
);

describe('custom-claims: a regular login', () => {
  it('puts roles, segment and email claims on the tokens, under the namespace with a slash added', async () => {
    const run = login({
      authorization: { roles: ['editor', 'admin'] },
      user: { app_metadata: { roles: ['reader', 'admin', 42, null] } },
      stats: { logins_count: 12 },
    });

    await run.run(onExecutePostLogin);

    expect(run.idToken.claims).toEqual({
      [`${NS}roles`]: ['admin', 'editor', 'reader'],
      [`${NS}user_segment`]: 'active_user',
    });
    expect(run.accessToken.claims).toEqual({
      [`${NS}roles`]: ['admin', 'editor', 'reader'],
      [`${NS}user_segment`]: 'active_user',
      [`${NS}email`]: 'jane.doe@example.com',
      [`${NS}email_verified`]: true,
    });
    expect(run.denied).toBe(false);
    expect(run.logs).toEqual([]);
  });

  it('gives an empty roles claim to a user without roles', async () => {
    const run = login({ authorization: { roles: [] }, user: { app_metadata: {} } });

    await run.run(onExecutePostLogin);

    expect(run.idToken.claims[`${NS}roles`]).toEqual([]);
  });

  it('ignores app_metadata.roles that is not a list', async () => {
    const run = login({ authorization: { roles: ['editor'] }, user: { app_metadata: { roles: 'admin' } } });

    await run.run(onExecutePostLogin);

    expect(run.accessToken.claims[`${NS}roles`]).toEqual(['editor']);
  });

  it('adds the organization as { id, name } only, never its metadata', async () => {
    const run = login({
      organization: {
        id: 'org_4kT9xQ2pLm7Rz1Vb',
        name: 'acme',
        display_name: 'Acme Corp',
        metadata: { billing_contact: 'cfo@acme.example' },
      },
    });

    await run.run(onExecutePostLogin);

    expect(run.idToken.claims[`${NS}org`]).toEqual({ id: 'org_4kT9xQ2pLm7Rz1Vb', name: 'acme' });
    expect(run.accessToken.claims[`${NS}org`]).toEqual({ id: 'org_4kT9xQ2pLm7Rz1Vb', name: 'acme' });
  });

  it('copies no metadata object into the tokens', async () => {
    const run = login({
      user: {
        app_metadata: { roles: ['reader'], plan: 'pro', internal_notes: 'do not leak' },
        user_metadata: { theme: 'dark' },
      },
    });

    await run.run(onExecutePostLogin);

    const everything = JSON.stringify([run.idToken.claims, run.accessToken.claims]);
    expect(everything).not.toContain('do not leak');
    expect(everything).not.toContain('dark');
    expect(everything).not.toContain('"pro"');
  });

  it('leaves the email claims out for a user without an email address', async () => {
    const run = login({ user: { email: undefined, email_verified: false } });

    await run.run(onExecutePostLogin);

    expect(run.accessToken.claims).not.toHaveProperty(`${NS}email`);
    expect(run.accessToken.claims).not.toHaveProperty(`${NS}email_verified`);
  });

  it('reports an unverified email as such', async () => {
    const run = login({ user: { email_verified: false } });

    await run.run(onExecutePostLogin);

    expect(run.accessToken.claims[`${NS}email_verified`]).toBe(false);
  });

  it('keeps a namespace that already ends with a slash as it is', async () => {
    const run = login({ secrets: { CLAIMS_NAMESPACE: 'https://example.com/claims/' } });

    await run.run(onExecutePostLogin);

    expect(Object.keys(run.idToken.claims)).toEqual([`${NS}roles`, `${NS}user_segment`]);
  });
});

describe('custom-claims: a login through an organization', () => {
  it('tells the API which customer a member acts for, with the roles of that membership only', async () => {
    // Jane signs in through acme, whose membership gives her the org-admin role: Auth0 hands the Action
    // that organization and the roles of that membership, not those assigned on her user.
    const run = login({ organization: { name: 'acme' }, authorization: { roles: ['org-admin'] } });

    await run.run(onExecutePostLogin);

    const acme = { id: 'org_Ac3mE7xQ2pLm9RzV', name: 'acme' };
    expect(run.idToken.claims).toEqual({
      [`${NS}roles`]: ['org-admin'],
      [`${NS}user_segment`]: 'active_user',
      [`${NS}org`]: acme,
    });
    expect(run.accessToken.claims).toEqual({
      [`${NS}roles`]: ['org-admin'],
      [`${NS}user_segment`]: 'active_user',
      [`${NS}org`]: acme,
      [`${NS}email`]: 'jane.doe@example.com',
      [`${NS}email_verified`]: true,
    });
    expect(run.denied).toBe(false);
    expect(run.logs).toEqual([]);
  });

  it("leaves out the roles a back-office tool set on her user: they are not acme's to give", async () => {
    const run = login({
      organization: { name: 'acme' },
      authorization: { roles: ['org-admin'] },
      user: { app_metadata: { roles: ['support-admin'] } },
    });

    await run.run(onExecutePostLogin);

    expect(run.idToken.claims[`${NS}roles`]).toEqual(['org-admin']);
    expect(run.accessToken.claims[`${NS}roles`]).toEqual(['org-admin']);
  });

  it('keeps them in a login outside any organization, where they are hers', async () => {
    const run = login({
      authorization: { roles: ['user'] },
      user: { app_metadata: { roles: ['support-admin'] } },
    });

    await run.run(onExecutePostLogin);

    expect(run.idToken.claims[`${NS}roles`]).toEqual(['support-admin', 'user']);
  });
});

describe('custom-claims: user segment by logins_count', () => {
  it.each([
    [0, 'casual_user'],
    [10, 'casual_user'],
    [11, 'active_user'],
    [100, 'active_user'],
    [101, 'power_user'],
  ] as const)('%i logins make a %s', (loginsCount, segment) => {
    expect(userSegment(loginsCount)).toBe(segment);
  });

  it('puts the segment on both tokens', async () => {
    const run = login({ stats: { logins_count: 250 } });

    await run.run(onExecutePostLogin);

    expect(run.idToken.claims[`${NS}user_segment`]).toBe('power_user');
    expect(run.accessToken.claims[`${NS}user_segment`]).toBe('power_user');
  });
});

describe('custom-claims: bounded roles', () => {
  it(`keeps at most ${MAX_ROLES} roles and no over-long name, and says how many it left out`, async () => {
    const many = Array.from({ length: MAX_ROLES + 5 }, (_, i) => `role-${String(i).padStart(3, '0')}`);
    const run = login({ user: { app_metadata: { roles: [...many, 'x'.repeat(MAX_ROLE_LENGTH + 1)] } } });

    await run.run(onExecutePostLogin);

    expect(run.idToken.claims[`${NS}roles`]).toEqual(many.slice(0, MAX_ROLES));
    expect(run.logs.map((entry) => entry.message)).toEqual([
      'custom-claims: 6 role(s) left out of the roles claim (over the bounds)',
    ]);
  });
});

describe('custom-claims: a suspended account', () => {
  it('is denied with a generic reason before any claim is set', async () => {
    const run = login({ user: { app_metadata: { account_status: 'suspended', roles: ['admin'] } } });

    await run.run(onExecutePostLogin);

    expect(run.denied).toEqual({ reason: 'account suspended' });
    expect(run.idToken.claims).toEqual({});
    expect(run.accessToken.claims).toEqual({});
  });

  it('is denied even when the namespace is misconfigured', async () => {
    const run = login({
      secrets: { CLAIMS_NAMESPACE: undefined },
      user: { app_metadata: { account_status: 'suspended' } },
    });

    await run.run(onExecutePostLogin);

    expect(run.denied).toEqual({ reason: 'account suspended' });
  });

  it('does not deny other account statuses', async () => {
    const run = login({ user: { app_metadata: { account_status: 'active' } } });

    await run.run(onExecutePostLogin);

    expect(run.denied).toBe(false);
  });
});

describe('custom-claims: a missing or invalid namespace', () => {
  it.each([
    ['missing', undefined, 'CLAIMS_NAMESPACE is not set'],
    ['empty', '  ', 'CLAIMS_NAMESPACE is not set'],
    ['not a URL', 'example.com/claims', 'CLAIMS_NAMESPACE is not a URL'],
    ['http', 'http://example.com/claims/', 'CLAIMS_NAMESPACE must be an https:// URL'],
    [
      'on auth0.com',
      'https://example-dev.eu.auth0.com/claims/',
      'CLAIMS_NAMESPACE is on a domain Auth0 reserves',
    ],
    ['on webtask.io', 'https://webtask.io/', 'CLAIMS_NAMESPACE is on a domain Auth0 reserves'],
    ['on webtask.run', 'https://claims.WEBTASK.run/', 'CLAIMS_NAMESPACE is on a domain Auth0 reserves'],
    ['with a query', 'https://example.com/claims?x=1', 'must not carry a query or a fragment'],
    ['with credentials', 'https://user:pw@example.com/claims/', 'must not carry credentials'],
  ])(
    '(%s) sets no claim, logs one line without the value, and lets the login continue',
    async (_case, value, why) => {
      const run = login({ secrets: { CLAIMS_NAMESPACE: value } });

      await run.run(onExecutePostLogin);

      expect(run.idToken.claims).toEqual({});
      expect(run.accessToken.claims).toEqual({});
      expect(run.denied).toBe(false);
      expect(run.logs).toHaveLength(1);
      expect(run.logs[0]?.message).toContain(why);
      if (value?.trim()) expect(run.logs[0]?.message).not.toContain(value.trim());
    },
  );
});

describe('claimsNamespace', () => {
  it('accepts an https prefix, adds the slash, and lower-cases the host', () => {
    expect(claimsNamespace('https://example.com/claims')).toEqual({
      namespace: 'https://example.com/claims/',
    });
    expect(claimsNamespace(' https://Example.COM ')).toEqual({ namespace: 'https://example.com/' });
    expect(claimsNamespace('https://auth0.example.com/')).toEqual({
      namespace: 'https://auth0.example.com/',
    });
  });
});
