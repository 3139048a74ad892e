import { afterEach, describe, expect, it } from 'vitest';
import { writeTenantFiles } from '../../test/tenant/fixture';
import { loadTenant } from './load';
import { resolveKeywords } from './resolve';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function resolveFrom(tenant: string, environment: string) {
  const files = writeTenantFiles({ 'tenant.yaml': tenant, 'environments/test.yaml': environment });
  cleanups.push(files.remove);
  const loaded = await loadTenant({ dir: files.tenantDir, env: 'test' });
  return { loaded, resolved: resolveKeywords(loaded) };
}

describe('resolveKeywords', () => {
  it("substitutes ##KEY## as text and gives an unquoted one the keyword's type, as deploy-cli's text replacement does", async () => {
    const { resolved } = await resolveFrom(
      "tenant:\n  friendly_name: '##NAME## (##ENV##)'\n  session_lifetime: ##HOURS##\n  support_url: '##HOURS##'\n",
      'tier: development\nkeywords:\n  NAME: Example\n  ENV: dev\n  HOURS: 72\n',
    );

    expect(resolved.problems).toEqual([]);
    expect(resolved.tenant).toEqual({
      tenant: { friendly_name: 'Example (dev)', session_lifetime: 72, support_url: '72' },
    });
  });

  it('inserts @@KEY@@ as a whole value, with positions that point into the environment file', async () => {
    const { loaded, resolved } = await resolveFrom(
      "clients:\n  - name: SPA\n    callbacks: '@@CALLBACKS@@'\n",
      'tier: development\nkeywords:\n  CALLBACKS:\n    - https://app.example.com/cb\n    - http://localhost:3000/cb\n',
    );

    expect(resolved.tenant).toEqual({
      clients: [{ name: 'SPA', callbacks: ['https://app.example.com/cb', 'http://localhost:3000/cb'] }],
    });
    expect(resolved.sources['/clients/0/callbacks/1']).toEqual({
      file: loaded.environment?.file,
      line: 5,
      column: 7,
    });
    expect(resolved.keywordOrigins).toEqual([['/clients/0/callbacks', 'CALLBACKS']]);
  });

  it('keeps the positions of the keys inside a whole value, so a misspelt key is reported at the key', async () => {
    const { loaded, resolved } = await resolveFrom(
      "organizations: '@@ORGANIZATIONS@@'\n",
      'tier: development\nkeywords:\n  ORGANIZATIONS:\n    - name: acme\n      members:\n        - jane@acme.example\n',
    );

    expect(resolved.sources['/organizations/0/members']).toEqual({
      file: loaded.environment?.file,
      line: 6,
      column: 9,
      keyLine: 5,
      keyColumn: 7,
    });
    expect(resolved.sources['/organizations']).toEqual({
      file: loaded.environment?.file,
      line: 4,
      column: 5,
    });
  });

  it('leaves secrets as placeholders and lists where each one sits', async () => {
    const { loaded, resolved } = await resolveFrom(
      "connections:\n  - name: github\n    strategy: github\n    options:\n      client_secret: '##GITHUB_SECRET##'\n      scope: ['##PREFIX##-##GITHUB_SECRET##']\n",
      'tier: production\nkeywords:\n  PREFIX: p\nsecrets:\n  GITHUB_SECRET: { env: TENANT_SECRET_GITHUB }\n',
    );

    expect(resolved.tenant).toEqual({
      connections: [
        {
          name: 'github',
          strategy: 'github',
          options: { client_secret: '##GITHUB_SECRET##', scope: ['p-##GITHUB_SECRET##'] },
        },
      ],
    });
    expect(resolved.secretPlaceholders).toEqual([
      {
        key: 'GITHUB_SECRET',
        source: { env: 'TENANT_SECRET_GITHUB' },
        pointer: '/connections/0/options/client_secret',
        path: 'connections[github].options.client_secret',
        file: loaded.file,
        line: 5,
        column: 22,
        whole: true,
      },
      expect.objectContaining({ pointer: '/connections/0/options/scope/0', whole: false, line: 6 }),
    ]);
  });

  it("fills a mapping keyword's own ##KEY## placeholders and keeps a secret's, where the environment file writes it", async () => {
    const { loaded, resolved } = await resolveFrom(
      "logStreams:\n  - name: SIEM\n    type: '##STREAM_TYPE##'\n    sink: '@@STREAM_SINK@@'\n",
      [
        'tier: local',
        'keywords:',
        '  STREAM_TYPE: http',
        '  RECEIVER_URL: http://127.0.0.1:8444/log-stream',
        '  STREAM_SINK:',
        '    httpEndpoint: "##RECEIVER_URL##"',
        '    httpAuthorization: "##STREAM_TOKEN##"',
        'secrets:',
        '  STREAM_TOKEN: { value: local-stream-token-not-a-secret }',
        '',
      ].join('\n'),
    );

    expect(resolved.problems).toEqual([]);
    expect(resolved.tenant.logStreams).toEqual([
      {
        name: 'SIEM',
        type: 'http',
        sink: { httpEndpoint: 'http://127.0.0.1:8444/log-stream', httpAuthorization: '##STREAM_TOKEN##' },
      },
    ]);
    expect(resolved.secretPlaceholders).toEqual([
      expect.objectContaining({
        key: 'STREAM_TOKEN',
        pointer: '/logStreams/0/sink/httpAuthorization',
        file: loaded.environment?.file,
        line: 7,
      }),
    ]);
  });

  it('refuses a @@KEY@@ inside the value of another list or mapping keyword', async () => {
    const { resolved } = await resolveFrom(
      "clients:\n  - name: SPA\n    jwt_configuration: '@@JWT@@'\n",
      'tier: development\nkeywords:\n  JWT:\n    scopes: "@@SCOPES@@"\n  SCOPES: [a]\n',
    );

    const errors = resolved.problems.filter((problem) => problem.severity === 'error');
    expect(errors.map(({ rule, line }) => ({ rule, line }))).toEqual([{ rule: 'keywords/nested', line: 4 }]);
  });

  it('reports an undefined keyword once, at its first use, with how often it is used', async () => {
    const { resolved } = await resolveFrom(
      "roles:\n  - name: admin\n    permissions:\n      - permission_name: read\n        resource_server_identifier: '##API##'\n      - permission_name: write\n        resource_server_identifier: '##API##'\n",
      'tier: development\n',
    );

    expect(resolved.problems).toEqual([
      expect.objectContaining({
        rule: 'keywords/undefined',
        line: 5,
        message: 'keyword API is not defined for environment "test" (used 2 times)',
      }),
    ]);
    expect(resolved.unresolved).toEqual([
      '/roles/0/permissions/0/resource_server_identifier',
      '/roles/0/permissions/1/resource_server_identifier',
    ]);
  });

  it('removes x-policy-waivers, which deploy-cli would reject', async () => {
    const { resolved } = await resolveFrom(
      'x-policy-waivers:\n  - rule: urls/no-wildcards\n    target: clients\n    reason: preview deployments (PLAT-1)\nroles: []\n',
      'tier: development\n',
    );

    expect(resolved.tenant).toEqual({ roles: [] });
  });

  it('changes nothing of the loaded tenant, and keeps what no keyword touches as it was read', async () => {
    const { loaded, resolved } = await resolveFrom(
      "clients:\n  - name: SPA\n    callbacks: ['##BASE##/cb']\n    grant_types: '@@GRANTS@@'\n  - name: Worker\n    grant_types: [client_credentials]\n",
      'tier: development\nkeywords:\n  BASE: https://app.example.com\n  GRANTS: [authorization_code]\n',
    );
    const asRead = structuredClone(loaded.tenant);

    expect(resolved.tenant).toEqual({
      clients: [
        { name: 'SPA', callbacks: ['https://app.example.com/cb'], grant_types: ['authorization_code'] },
        { name: 'Worker', grant_types: ['client_credentials'] },
      ],
    });
    expect(loaded.tenant).toEqual(asRead);
  });

  it('resolves every copy of an anchored value, as deploy-cli resolves the text before reading it', async () => {
    const { resolved } = await resolveFrom(
      "clients:\n  - &spa\n    name: one\n    callbacks: ['##BASE##/cb']\n  - <<: *spa\n    name: two\n",
      'tier: development\nkeywords:\n  BASE: https://app.example.com\n',
    );

    expect(resolved.problems).toEqual([]);
    expect(resolved.tenant).toEqual({
      clients: [
        { name: 'one', callbacks: ['https://app.example.com/cb'] },
        { name: 'two', callbacks: ['https://app.example.com/cb'] },
      ],
    });
  });

  it('fills a value whose key holds a slash or a tilde, which a JSON pointer escapes', async () => {
    const { resolved } = await resolveFrom(
      "clients:\n  - name: SPA\n    client_metadata:\n      team/owner~1: '##TEAM##'\n      plain: '##TEAM##'\n",
      'tier: development\nkeywords:\n  TEAM: identity\n',
    );

    expect(resolved.problems).toEqual([]);
    expect(resolved.tenant).toEqual({
      clients: [{ name: 'SPA', client_metadata: { 'team/owner~1': 'identity', plain: 'identity' } }],
    });
  });
});
