import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { adoptTenants } from './adopt';
import { NameCollisionError, PlaceNames } from './places';
import type { TenantExport } from './tenant-export';

/** A tenant as deploy-cli exports it: a browser app, its API, a social connection, one Action. */
function exported(
  overrides: Partial<TenantExport> & { document?: Record<string, unknown> } = {},
): TenantExport {
  const domain = overrides.domain ?? 'example-dev.eu.auth0.com';
  return {
    env: 'dev',
    domain,
    label: domain,
    local: false,
    files: { 'actions/add-claims/code.js': 'exports.onExecutePostLogin = async (event, api) => {};\n' },
    document: {
      tenant: { friendly_name: 'Example', support_email: 'support@example.com' },
      clients: [
        {
          name: 'Web App',
          client_id: 'abc123',
          app_type: 'spa',
          callbacks: ['https://app.example.com/callback'],
          grant_types: ['authorization_code', 'refresh_token'],
          token_endpoint_auth_method: 'none',
        },
        {
          name: 'Deployer',
          client_id: 'dep456',
          app_type: 'non_interactive',
          grant_types: ['client_credentials'],
        },
      ],
      clientGrants: [
        {
          client_id: 'Deployer',
          audience: `https://${domain}/api/v2/`,
          scope: ['create:clients', 'read:clients'],
        },
      ],
      connections: [
        {
          name: 'google-oauth2',
          strategy: 'google-oauth2',
          id: 'con_1',
          enabled_clients: ['Web App'],
          options: { client_id: 'google-id', client_secret: '##CONNECTIONS_GOOGLE_OAUTH2_SECRET##' },
        },
      ],
      actions: [
        {
          name: 'add-claims',
          id: 'act_1',
          code: './actions/add-claims/code.js',
          runtime: 'node22',
          deployed: true,
          status: 'built',
          dependencies: [],
          secrets: [{ name: 'CLAIMS_TOKEN' }],
          supported_triggers: [{ id: 'post-login', version: 'v3' }],
        },
      ],
      rules: [{ name: 'legacy-rule', script: 'function (u, c, cb) { cb(null, u, c); }' }],
      ...overrides.document,
    },
    ...Object.fromEntries(Object.entries(overrides).filter(([key]) => key !== 'document')),
  };
}

const repoRoot = path.resolve(import.meta.dirname, '../..');
const adopt = (sources: TenantExport[]) => adoptTenants(sources, { tenantDir: 'tenant', repoRoot });
const yamlOf = (files: Map<string, string>, file: string) =>
  parse(files.get(file) ?? '') as Record<string, any>;

describe('npm run adopt: one tenant', () => {
  it('writes what deploys: ids and states out, the domain a keyword, each secret from the environment', async () => {
    const { files, report, problems } = await adopt([exported()]);
    expect(problems).toEqual([]);
    const tenant = yamlOf(files, 'tenant/tenant.yaml');
    expect(tenant.clients.map((client: { name: string }) => client.name)).toEqual(['Web App']);
    expect(tenant.clients[0].client_id).toBeUndefined();
    expect(tenant.connections[0]).toMatchObject({
      options: { client_secret: '##GOOGLE_OAUTH2_OPTIONS_CLIENT_SECRET##' },
    });
    expect(tenant.connections[0].id).toBeUndefined();
    expect(tenant.actions[0]).toMatchObject({
      code: '../actions/add-claims/index.cjs',
      secrets: [{ name: 'CLAIMS_TOKEN', value: '##CLAIMS_TOKEN##' }],
    });
    expect(tenant.actions[0].id).toBeUndefined();
    expect(tenant.rules).toBeUndefined();

    const dev = yamlOf(files, 'tenant/environments/dev.yaml');
    expect(dev.keywords).toEqual({ AUTH0_DOMAIN: 'example-dev.eu.auth0.com' });
    expect(dev.secrets).toEqual({
      CLAIMS_TOKEN: { env: 'TENANT_SECRET_CLAIMS_TOKEN' },
      GOOGLE_OAUTH2_OPTIONS_CLIENT_SECRET: { env: 'TENANT_SECRET_GOOGLE_OAUTH2_OPTIONS_CLIENT_SECRET' },
    });
    expect(files.get('actions/add-claims/index.cjs')).toBe(
      'exports.onExecutePostLogin = async (event, api) => {};\n',
    );
    expect(files.get('actions/add-claims/index.test.ts')).toContain(
      "createRequire(import.meta.url)('./index.cjs')",
    );

    expect(report.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'system', where: 'clients[Deployer]' }),
        expect.objectContaining({
          kind: 'system',
          where: 'clientGrants[Deployer -> https://example-dev.eu.auth0.com/api/v2/]',
        }),
        expect.objectContaining({ kind: 'end-of-life', where: 'rules' }),
        expect.objectContaining({ kind: 'not-written', where: 'connections[google-oauth2].id' }),
      ]),
    );
  });

  it('waives each policy finding with "adopted, review", so the first pull request shows the debt', async () => {
    const source = exported();
    const clients = source.document.clients as Record<string, unknown>[];
    (clients[0] as Record<string, unknown>).grant_types = ['implicit'];
    const { files, report, problems } = await adopt([source]);
    expect(problems).toEqual([]);
    expect(report.waivers).toContainEqual({
      env: 'every environment',
      rule: 'browser-apps/no-implicit-grant',
      target: expect.stringContaining('clients[Web App]'),
    });
    const tenant = yamlOf(files, 'tenant/tenant.yaml');
    expect(tenant['x-policy-waivers']).toContainEqual(
      expect.objectContaining({ rule: 'browser-apps/no-implicit-grant', reason: 'adopted, review' }),
    );
  });
});

describe('npm run adopt: dev and prod', () => {
  const prod = (document: Record<string, unknown> = {}) =>
    exported({ env: 'prod', domain: 'example.eu.auth0.com', document });

  it('makes a value that differs a keyword named after its place, each environment with its own value', async () => {
    const base = exported().document;
    const prodClients = structuredClone(base.clients) as Record<string, unknown>[];
    (prodClients[0] as Record<string, unknown>).callbacks = [
      'https://app.example.com/callback',
      'https://www.example.com/callback',
    ];
    const { files, report, problems } = await adopt([
      exported(),
      prod({
        clients: prodClients,
        tenant: { friendly_name: 'Example (prod)', support_email: 'support@example.com' },
      }),
    ]);
    expect(problems).toEqual([]);
    const tenant = yamlOf(files, 'tenant/tenant.yaml');
    expect(tenant.clients[0].callbacks).toBe('@@WEB_APP_CALLBACKS@@');
    expect(tenant.tenant).toEqual({
      friendly_name: '##TENANT_FRIENDLY_NAME##',
      support_email: 'support@example.com',
    });
    expect(yamlOf(files, 'tenant/environments/prod.yaml').keywords).toMatchObject({
      AUTH0_DOMAIN: 'example.eu.auth0.com',
      WEB_APP_CALLBACKS: ['https://app.example.com/callback', 'https://www.example.com/callback'],
      TENANT_FRIENDLY_NAME: 'Example (prod)',
    });
    expect(yamlOf(files, 'tenant/environments/prod.yaml').tier).toBe('production');
    expect(report.keywords.map((keyword) => keyword.name).sort()).toEqual([
      'TENANT_FRIENDLY_NAME',
      'WEB_APP_CALLBACKS',
    ]);
  });

  it('writes a section whose items differ as one keyword, each environment listing its own items', async () => {
    const roles = [
      { name: 'admin', description: 'Admins' },
      { name: 'viewer', description: 'Reads' },
    ];
    const { files, report } = await adopt([exported({ document: { roles } }), prod({ roles: [roles[0]] })]);
    expect(yamlOf(files, 'tenant/tenant.yaml').roles).toBe('@@ROLES@@');
    expect(yamlOf(files, 'tenant/environments/prod.yaml').keywords.ROLES).toEqual([
      { name: 'admin', description: 'Admins' },
    ]);
    expect(report.toggles).toEqual([
      { section: 'roles', keyword: 'ROLES', items: { dev: ['admin', 'viewer'], prod: ['admin'] } },
    ]);
  });

  it('writes a file whose text differs once per environment, its path a keyword', async () => {
    const { files } = await adopt(
      [exported(), prod({})].map((source, index) => ({
        ...source,
        files: { 'actions/add-claims/code.js': `exports.onExecutePostLogin = async () => {}; // ${index}\n` },
      })),
    );
    expect(yamlOf(files, 'tenant/tenant.yaml').actions[0].code).toBe('##ADD_CLAIMS_CODE##');
    expect(yamlOf(files, 'tenant/environments/prod.yaml').keywords.ADD_CLAIMS_CODE).toBe(
      '../actions/add-claims/index.prod.cjs',
    );
    expect(files.get('actions/add-claims/index.prod.cjs')).toContain('// 1');
  });
});

describe('keyword names', () => {
  it('are the item and the field, then the noun in front, and refused when both collide', () => {
    const names = new PlaceNames(['AUTH0_DOMAIN']);
    expect(names.nameFor({ section: 'clients', item: 'Web App', path: ['callbacks'] }, 'client')).toBe(
      'WEB_APP_CALLBACKS',
    );
    expect(names.nameFor({ section: 'clients', item: 'web-app', path: ['callbacks'] }, 'client')).toBe(
      'CLIENT_WEB_APP_CALLBACKS',
    );
    expect(() =>
      names.nameFor({ section: 'clients', item: 'web_app', path: ['callbacks'] }, 'client'),
    ).toThrow(NameCollisionError);
  });
});
