/**
 * Large tenants in our format, for the scale benchmark and the paging test: N clients (browser apps, web
 * apps, machine clients with their grants), connections (Google and GitHub sign-in, secrets as keywords),
 * APIs with scopes, and organizations with the connections their members sign in with. Deterministic: the
 * same sizes give the same bytes, so figures compare between runs. The output passes `npm run check`.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Document, isScalar, isSeq, visit } from 'yaml';

export interface TenantSize {
  clients: number;
  connections: number;
  apis: number;
  organizations: number;
}

/** `3000 clients, 500 connections, 200 APIs, 1000 organizations`: a size as the benchmarks name it. */
export const describeSize = (size: TenantSize): string =>
  `${size.clients} clients, ${size.connections} connections, ${size.apis} APIs, ${size.organizations} organizations`;

/** The tenant: 3,000 clients, 500 connections, 200 APIs, 1,000 organizations. */
export const DEFAULT_SIZE: TenantSize = { clients: 3000, connections: 500, apis: 200, organizations: 1000 };

/**
 * 10,000 clients, with fewer of the rest: a tenant file is limited to 4 MiB (scripts/tenant/yaml-file.ts),
 * and 10,000 clients alone take about 3.3 MiB written as people write them.
 */
export const TEN_THOUSAND_CLIENTS: TenantSize = {
  clients: 10_000,
  connections: 100,
  apis: 50,
  organizations: 200,
};

export interface GeneratedTenant {
  tenant: Record<string, unknown>;
  environment: Record<string, unknown>;
}

/** What every app shares is a keyword, as a person would write it (and the file stays under 4 MiB). */
const REFRESH_TOKEN = {
  rotation_type: 'rotating',
  expiration_type: 'expiring',
  leeway: 0,
  idle_token_lifetime: 2_592_000,
  infinite_idle_token_lifetime: false,
  token_lifetime: 7_776_000,
  infinite_token_lifetime: false,
};

const pad = (index: number) => String(index).padStart(5, '0');
const clientName = (index: number) => `app-${pad(index)}`;
const apiIdentifier = (index: number) => `https://api-${pad(index)}.example.com/`;

/** Every third client a browser app, every third a web app, the rest machine clients. */
function client(index: number): Record<string, unknown> {
  const name = clientName(index);
  const host = `https://${name}.example.com`;
  switch (index % 3) {
    case 0:
      return {
        name,
        app_type: 'spa',
        oidc_conformant: true,
        token_endpoint_auth_method: 'none',
        grant_types: '@@USER_GRANTS@@',
        callbacks: [`${host}/callback`],
        allowed_logout_urls: [host],
        web_origins: [host],
        allowed_origins: [host],
        cross_origin_authentication: false,
        jwt_configuration: '@@USER_TOKENS@@',
        refresh_token: '@@REFRESH_TOKEN@@',
      };
    case 1:
      return {
        name,
        app_type: 'regular_web',
        oidc_conformant: true,
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: '@@USER_GRANTS@@',
        callbacks: [`${host}/auth/callback`],
        allowed_logout_urls: [host],
        cross_origin_authentication: false,
        organization_usage: 'allow',
        jwt_configuration: '@@USER_TOKENS@@',
        refresh_token: '@@REFRESH_TOKEN@@',
      };
    default:
      return {
        name,
        app_type: 'non_interactive',
        oidc_conformant: true,
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['client_credentials'],
        jwt_configuration: { alg: 'RS256' },
      };
  }
}

function api(index: number): Record<string, unknown> {
  return {
    name: `API ${pad(index)}`,
    identifier: apiIdentifier(index),
    signing_alg: 'RS256',
    token_lifetime: 3600,
    token_lifetime_for_web: 3600,
    allow_offline_access: true,
    skip_consent_for_verifiable_first_party_clients: true,
    enforce_policies: true,
    token_dialect: 'access_token_authz',
    scopes: ['read', 'write', 'delete'].map((verb) => ({
      value: `${verb}:items`,
      description: `${verb} the items of API ${index}`,
    })),
  };
}

/** Alternately Google and GitHub sign-in, each with its own OAuth app (its secret a keyword). */
function connection(index: number, clients: number): { item: Record<string, unknown>; secret: string } {
  const secret = `CONNECTION_${pad(index)}_SECRET`;
  const google = index % 2 === 0;
  return {
    secret,
    item: {
      name: `${google ? 'google' : 'github'}-${pad(index)}`,
      strategy: google ? 'google-oauth2' : 'github',
      enabled_clients: clients === 0 ? [] : [clientName(index % clients)],
      options: {
        client_id: `oauth-app-${pad(index)}`,
        client_secret: `##${secret}##`,
        email: true,
        profile: true,
        scope: google ? ['email', 'profile'] : ['user:email'],
      },
    },
  };
}

function organization(index: number, connections: string[]): Record<string, unknown> {
  const first = connections.length > 0 ? [connections[index % connections.length] as string] : [];
  return {
    name: `org-${pad(index)}`,
    display_name: `Customer ${index}`,
    connections: first.map((name) => ({
      name,
      assign_membership_on_login: false,
      is_signup_enabled: false,
      show_as_button: true,
    })),
  };
}

/** A tenant of the given size as plain data: tenant.yaml and environments/local.yaml. */
export function generateTenant(size: TenantSize = DEFAULT_SIZE): GeneratedTenant {
  const clients = Array.from({ length: size.clients }, (_, index) => client(index));
  const apis = Array.from({ length: size.apis }, (_, index) => api(index));
  const connections = Array.from({ length: size.connections }, (_, index) => connection(index, size.clients));
  // Each machine client may call one API, with that API's read scope.
  const clientGrants = clients
    .filter((item) => item.app_type === 'non_interactive' && size.apis > 0)
    .map((item, index) => ({
      client_id: item.name,
      audience: apiIdentifier(index % size.apis),
      scope: ['read:items'],
    }));
  const connectionNames = connections.map(({ item }) => String(item.name));
  const organizations = Array.from({ length: size.organizations }, (_, index) =>
    organization(index, connectionNames),
  );
  return {
    tenant: {
      tenant: {
        friendly_name: 'Generated tenant',
        support_email: 'support@example.com',
        support_url: 'https://##AUTH0_DOMAIN##/support',
      },
      attackProtection: {
        bruteForceProtection: {
          enabled: true,
          shields: ['block', 'user_notification'],
          mode: 'count_per_identifier_and_ip',
          max_attempts: 10,
        },
      },
      clients,
      clientGrants,
      resourceServers: apis,
      connections: connections.map(({ item }) => item),
      organizations,
    },
    environment: {
      tier: 'local',
      description: `Generated: ${describeSize(size)}.`,
      keywords: {
        AUTH0_DOMAIN: '127.0.0.1:8443',
        REFRESH_TOKEN,
        USER_GRANTS: ['authorization_code', 'refresh_token'],
        USER_TOKENS: { alg: 'RS256', lifetime_in_seconds: 3600 },
      },
      secrets: Object.fromEntries(
        connections.map(({ secret }) => [secret, { value: `local-${secret.toLowerCase()}-not-a-secret` }]),
      ),
    },
  };
}

/**
 * YAML as people write it: shared objects written out (no anchors, which the loader limits), lists of
 * plain values on one line (`[a, b]`), which keeps 10,000 clients under the 4 MiB file limit.
 */
export function toYaml(data: unknown): string {
  const document = new Document(data, { aliasDuplicateObjects: false });
  visit(document, {
    Seq(_, node) {
      if (isSeq(node) && node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  return document.toString({ lineWidth: 0, flowCollectionPadding: false });
}

export interface TenantFolder {
  dir: string;
  remove: () => Promise<void>;
}

/** Writes a generated tenant as YAML into a new temporary folder (`tenant.yaml`, `environments/local.yaml`). */
export async function writeGeneratedTenant(size: TenantSize = DEFAULT_SIZE): Promise<TenantFolder> {
  const { tenant, environment } = generateTenant(size);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'generated-tenant-'));
  await mkdir(path.join(dir, 'environments'));
  await writeFile(path.join(dir, 'tenant.yaml'), toYaml(tenant));
  await writeFile(path.join(dir, 'environments', 'local.yaml'), toYaml(environment));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
