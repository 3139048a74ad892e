import { describe, expect, it } from 'vitest';
import { fingerprintKey } from './fingerprints';
import { planChanges } from './plan';
import { sealSecrets } from './seal';
import { SECRET_NEW, SECRET_SET, SECRET_UNRECORDED } from './types';

/** The key a deploy makes fingerprints with (from its application's client secret). */
const key = fingerprintKey('deploy-client-secret-of-the-tests');

const spa = {
  name: 'Documents SPA',
  app_type: 'spa',
  callbacks: ['https://app.example.com/callback', 'http://localhost:3000/callback'],
  refresh_token: { rotation_type: 'rotating', idle_token_lifetime: 2592000 },
};
/** What Auth0 answers for it: the same fields plus ids, secrets and defaults the file does not manage. */
const spaAsRead = {
  ...spa,
  client_id: 'cid-spa',
  client_secret: 'auth0-generated-client-secret',
  callbacks: [...spa.callbacks].reverse(),
  refresh_token: { ...spa.refresh_token, leeway: 0 },
  signing_keys: [{ cert: '...' }],
};
const deployClient = { name: 'deploy-cli', client_id: 'cid-deploy', app_type: 'non_interactive' };

describe('planChanges', () => {
  it('finds nothing to do when the tenant already has every field the file writes', () => {
    const plan = planChanges(
      { clients: [spa] },
      { clients: [spaAsRead, deployClient] },
      { deployClientId: 'cid-deploy' },
    );

    expect(plan.changes).toEqual([]);
    expect(plan.types).toEqual(['clients']);
  });

  it('shows the one field that changed, before and after', () => {
    const desired = {
      clients: [{ ...spa, refresh_token: { ...spa.refresh_token, idle_token_lifetime: 86400 } }],
    };

    const plan = planChanges(desired, { clients: [spaAsRead] });

    expect(plan.changes).toEqual([
      {
        type: 'clients',
        name: 'Documents SPA',
        action: 'update',
        fields: [{ path: 'refresh_token.idle_token_lifetime', before: 2592000, after: 86400 }],
      },
    ]);
  });

  it('lists deletes first, and never the deploy client or a system grant', () => {
    const desired = { clients: [spa, { name: 'Documents Web', app_type: 'regular_web' }], clientGrants: [] };
    const current = {
      clients: [spaAsRead, deployClient, { name: 'Old App', client_id: 'cid-old' }],
      clientGrants: [
        { id: 'g1', client_id: 'cid-deploy', audience: 'https://t/api/v2/', scope: ['read:clients'] },
        { id: 'g2', client_id: 'cid-x', audience: 'https://t/api/v2/', is_system: true },
      ],
    };

    const plan = planChanges(desired, current, { deployClientId: 'cid-deploy' });

    expect(plan.changes.map((change) => [change.action, change.type, change.name])).toEqual([
      ['delete', 'clients', 'Old App'],
      ['create', 'clients', 'Documents Web'],
    ]);
    expect(plan.changes[1]?.fields).toEqual([
      { path: 'name', after: 'Documents Web' },
      { path: 'app_type', after: 'regular_web' },
    ]);
  });

  it('matches grants and enabled clients by client name, though Auth0 answers with ids', () => {
    const desired = {
      clientGrants: [{ client_id: 'Documents SPA', audience: 'https://api', scope: ['read:a', 'write:a'] }],
      databases: [{ name: 'users', strategy: 'auth0', enabled_clients: ['Documents SPA'] }],
    };
    const current = {
      clients: [spaAsRead],
      clientGrants: [
        { id: 'g1', client_id: 'cid-spa', audience: 'https://api', scope: ['write:a', 'read:a'] },
      ],
      databases: [
        { id: 'con1', name: 'users', strategy: 'auth0', enabled_clients: ['cid-spa', 'cid-other'] },
      ],
    };

    const plan = planChanges(desired, current);

    expect(plan.changes).toEqual([
      {
        type: 'databases',
        name: 'users',
        action: 'update',
        fields: [
          { path: 'enabled_clients', before: ['Documents SPA', 'cid-other'], after: ['Documents SPA'] },
        ],
      },
    ]);
  });

  it('keeps the order of trigger bindings, which decides what runs first', () => {
    const bind = (...names: string[]) => names.map((name) => ({ action_name: name, display_name: name }));
    const desired = { triggers: { 'post-login': bind('mfa', 'claims') } };

    expect(planChanges(desired, { triggers: { 'post-login': bind('mfa', 'claims') } }).changes).toEqual([]);
    expect(planChanges(desired, { triggers: { 'post-login': bind('claims', 'mfa') } }).changes).toEqual([
      expect.objectContaining({ type: 'triggers', name: 'post-login', action: 'update' }),
    ]);
  });

  it('keeps the order of the tenant locales: the first one is the default language', () => {
    const desired = { tenant: { enabled_locales: ['en', 'fr'] } };

    expect(planChanges(desired, { tenant: { enabled_locales: ['en', 'fr'] } }).changes).toEqual([]);
    expect(planChanges(desired, { tenant: { enabled_locales: ['fr', 'en'] } }).changes).toEqual([
      {
        type: 'tenant',
        name: 'tenant',
        action: 'update',
        fields: [{ path: 'enabled_locales', before: ['fr', 'en'], after: ['en', 'fr'] }],
      },
    ]);
  });

  it('treats a trigger the tenant leaves out as one with no bindings, never as a create', () => {
    expect(planChanges({ triggers: { 'pre-user-registration': [] } }, { triggers: {} }).changes).toEqual([]);
  });

  it('compares session lifetimes in minutes, whichever unit the tenant answered in', () => {
    const desired = { tenant: { session_lifetime_in_minutes: 10080, friendly_name: 'Example' } };

    expect(
      planChanges(desired, { tenant: { session_lifetime: 168, friendly_name: 'Example' } }).changes,
    ).toEqual([]);
    expect(
      planChanges(desired, { tenant: { session_lifetime: 72, friendly_name: 'Example' } }).changes,
    ).toEqual([
      {
        type: 'tenant',
        name: 'tenant',
        action: 'update',
        fields: [{ path: 'session_lifetime_in_minutes', before: 4320, after: 10080 }],
      },
    ]);
  });

  it('refuses a resource type it does not know, rather than planning it wrong', () => {
    // Rules reached end of life: deploy-cli still has a section for them, the registry never will.
    expect(() => planChanges({ rules: [] }, {})).toThrow(/does not know the resource type "rules"/);
  });
});

describe('write-only fields', () => {
  const names = ['USER_SYNC_TOKEN', 'GOOGLE_CLIENT_SECRET'];
  const action = (token: string) =>
    sealSecrets(
      {
        actions: [
          {
            name: 'user-sync',
            code: 'exports.onExecutePostLogin = async () => {};\n',
            runtime: 'node22',
            deployed: true,
            secrets: [
              { name: 'USER_SYNC_URL', value: 'https://sync.example.com' },
              { name: 'USER_SYNC_TOKEN', value: '##USER_SYNC_TOKEN##' },
            ],
          },
        ],
      },
      { key, names, values: token ? { USER_SYNC_TOKEN: token } : {} },
    ).assets;
  /** The action as Auth0 answers after a deploy of `deployed`: secret names only, the code as sent. */
  const asRead = (deployed: Record<string, unknown>) => {
    const [sent] = deployed.actions as Record<string, unknown>[];
    const { secrets, deployed: _deployed, ...rest } = sent ?? {};
    return {
      actions: [
        {
          ...rest,
          id: 'act1',
          all_changes_deployed: true,
          secrets: (secrets as { name: string }[]).map(({ name }) => ({ name, updated_at: '2026-01-01' })),
        },
      ],
    };
  };

  it('does not redeploy an action whose secrets have not changed', () => {
    expect(planChanges(action('token-1'), asRead(action('token-1'))).changes).toEqual([]);
  });

  it('sees a changed secret by its fingerprint and shows it masked', () => {
    const plan = planChanges(action('token-2'), asRead(action('token-1')));

    expect(plan.changes).toEqual([
      {
        type: 'actions',
        name: 'user-sync',
        action: 'update',
        fields: [{ path: 'secrets.USER_SYNC_TOKEN', before: SECRET_SET, after: SECRET_NEW, secret: true }],
      },
    ]);
    expect(JSON.stringify(plan)).not.toContain('token-2');
  });

  it('redeploys an action that was changed but not deployed (a deploy killed half way)', () => {
    const current = asRead(action('token-1'));
    (current.actions[0] as Record<string, unknown>).all_changes_deployed = false;

    expect(planChanges(action('token-1'), current).changes[0]?.fields).toEqual([
      { path: 'deployed', before: false, after: true },
    ]);
  });

  it('cannot compare a secret whose value is not available, and says so instead of guessing', () => {
    const plan = planChanges(action(''), asRead(action('token-1')));

    expect(plan.changes).toEqual([]);
    expect(plan.notes).toEqual([
      "actions user-sync: secrets.USER_SYNC_TOKEN not compared (the secret's value is not available)",
    ]);
  });

  it('treats a connection secret as write-only and records its fingerprint in the metadata', () => {
    const google = (secret: string) =>
      sealSecrets(
        {
          connections: [
            {
              name: 'google-oauth2',
              strategy: 'google-oauth2',
              options: { client_id: 'g', client_secret: '##GOOGLE_CLIENT_SECRET##' },
            },
          ],
        },
        { key, names, values: { GOOGLE_CLIENT_SECRET: secret } },
      ).assets;
    const setByHand = {
      connections: [
        {
          name: 'google-oauth2',
          strategy: 'google-oauth2',
          options: { client_id: 'g', client_secret: 'hand-set' },
        },
      ],
    };

    expect(planChanges(google('s1'), setByHand).changes[0]?.fields).toEqual([
      { path: 'options.client_secret', before: SECRET_UNRECORDED, after: SECRET_SET, secret: true },
    ]);
    expect(planChanges(google('s1'), google('s1')).changes).toEqual([]);
    expect(planChanges(google('s2'), google('s1')).changes[0]?.fields).toEqual([
      { path: 'options.client_secret', before: SECRET_SET, after: SECRET_NEW, secret: true },
    ]);
    const created = planChanges(google('s1'), {}).changes[0];
    expect(created?.action).toBe('create');
    expect(JSON.stringify(created)).not.toContain('s1');
  });

  describe("an API's signing secret (HS256), which Auth0 returns", () => {
    const api = (secret: string) =>
      sealSecrets(
        {
          resourceServers: [
            {
              name: 'Docs API',
              identifier: 'https://docs',
              signing_alg: 'HS256',
              signing_secret: '##DOCS_API_SIGNING_SECRET##',
            },
          ],
        },
        {
          key,
          names: ['DOCS_API_SIGNING_SECRET'],
          values: secret ? { DOCS_API_SIGNING_SECRET: secret } : {},
        },
      ).assets;
    const asRead = (secret: string) => ({
      resourceServers: [
        {
          id: 'rs1',
          name: 'Docs API',
          identifier: 'https://docs',
          signing_alg: 'HS256',
          signing_secret: secret,
        },
      ],
    });

    it('is filled in and compared as read: no change when the tenant has the same secret', () => {
      expect(planChanges(api('hs-secret-1'), asRead('hs-secret-1')).changes).toEqual([]);
    });

    it('shows a rotated secret masked, never its value', () => {
      const plan = planChanges(api('hs-secret-2'), asRead('hs-secret-1'));

      expect(plan.changes[0]?.fields).toEqual([
        { path: 'signing_secret', before: SECRET_SET, after: SECRET_NEW, secret: true },
      ]);
      expect(JSON.stringify(plan)).not.toMatch(/hs-secret/);
    });

    it('is not compared when its value is not available (a plan without secrets)', () => {
      const plan = planChanges(api(''), asRead('hs-secret-1'));

      expect(plan.changes).toEqual([]);
      expect(plan.notes).toEqual([
        "resourceServers https://docs: signing_secret not compared (the secret's value is not available)",
      ]);
    });
  });

  it("records a client secret's fingerprint in client_metadata: Auth0 returns it only with read:client_keys", () => {
    const client = (secret: string) =>
      sealSecrets(
        {
          clients: [
            { name: 'Backend', app_type: 'non_interactive', client_secret: '##BACKEND_CLIENT_SECRET##' },
          ],
        },
        { key, names: ['BACKEND_CLIENT_SECRET'], values: { BACKEND_CLIENT_SECRET: secret } },
      ).assets;
    const asRead = (sent: Record<string, unknown>) => {
      const [item] = sent.clients as Record<string, unknown>[];
      const { client_secret: _secret, ...rest } = item ?? {};
      return { clients: [{ ...rest, client_id: 'cid-backend' }] };
    };

    expect(planChanges(client('c1'), asRead(client('c1'))).changes).toEqual([]);
    expect(planChanges(client('c2'), asRead(client('c1'))).changes[0]?.fields).toEqual([
      { path: 'client_secret', before: SECRET_SET, after: SECRET_NEW, secret: true },
    ]);
  });

  it("refuses a secret in a field that is not one of its type's secret paths", () => {
    expect(() =>
      sealSecrets(
        {
          connections: [
            {
              name: 'google-oauth2',
              strategy: 'google-oauth2',
              display_name: 'Google ##GOOGLE_CLIENT_SECRET##',
            },
          ],
        },
        { key, names, values: { GOOGLE_CLIENT_SECRET: 's1' } },
      ),
    ).toThrow(
      /display_name holds a secret, but it is not one of the secret fields of connections \(options.client_secret\)/,
    );
  });

  it('fills secrets only where the check recorded them, and refuses one it did not see', () => {
    const desired = {
      actions: [
        {
          name: 'user-sync',
          code: 'exports.onExecutePostLogin = async () => {};\n',
          secrets: [{ name: 'USER_SYNC_TOKEN', value: '##USER_SYNC_TOKEN##' }],
        },
      ],
    };
    const input = { key, names, values: { USER_SYNC_TOKEN: 'token-1' } };

    const sealed = sealSecrets(desired, { ...input, places: ['/actions/0/secrets/0/value'] });
    expect(JSON.stringify(sealed.assets)).toContain('token-1');
    expect(() => sealSecrets(desired, { ...input, places: [] })).toThrow(
      /\/actions\/0\/secrets\/0\/value holds a secret placeholder the check did not see there/,
    );
  });
});
