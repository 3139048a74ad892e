import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { applyDeployCliFixes } from './deploy-cli-fixes';
import { createOrganizationsAhead } from './deploy-cli-organizations';
import type { Item } from './protocol';

const require = createRequire(import.meta.url);
applyDeployCliFixes(require);

interface OrganizationsHandler {
  type: string;
  createOrganization(org: Item): Promise<Item>;
  updateOrganization(org: Item, organizations: Item[]): Promise<unknown>;
}

/** A tenant's organizations endpoints, recording every write in order. */
function organizationsTenant(existing: string[] = []) {
  const writes: string[] = [];
  let ids = 0;
  const organizations = {
    list: async () => ({ data: existing.map((name) => ({ id: `org_${name}`, name })) }),
    create: async (body: Item) => {
      writes.push(`create ${body.name} ${JSON.stringify(Object.keys(body))}`);
      return { ...body, id: `org_${++ids}` };
    },
    update: async (id: string, body: Item) => {
      writes.push(`update ${id} ${JSON.stringify(body)}`);
      return body;
    },
    connections: {
      create: async (id: string, body: Item) => {
        writes.push(`connect ${id} ${body.connection_id}`);
        return body;
      },
      list: async () => ({ data: [], hasNextPage: () => false }),
    },
    clientGrants: {
      delete: async (id: string, grant: string) => writes.push(`remove grant ${grant} of ${id}`),
    },
    discoveryDomains: {
      delete: async (id: string, domain: string) => writes.push(`remove domain ${domain} of ${id}`),
    },
    clients: {
      delete: async (id: string, body: { clients: string[] }) =>
        writes.push(`remove clients ${body.clients} of ${id}`),
    },
  };
  return { writes, client: { organizations } };
}

/** deploy-cli's organizations handler on that tenant, its read answered as read before the apply. */
function organizationsHandler(
  tenant: ReturnType<typeof organizationsTenant>,
  existing: Item[] = [],
  config: Record<string, unknown> = {},
) {
  const module = require('auth0-deploy-cli/lib/tools/auth0/handlers/organizations') as {
    default: { prototype: object };
  };
  return Object.assign(Object.create(module.default.prototype), {
    type: 'organizations',
    client: tenant.client,
    config: (key: string) => config[key],
    getType: async () => existing,
    // What its step reads before it writes: the tenant's client grants and clients, by client name.
    formattedClientGrants: [{ grant_id: 'cgr_reports', client_id: 'Reports' }],
    allClients: [{ client_id: 'cli_reports', name: 'Reports' }],
  }) as OrganizationsHandler;
}

const organization = (name: string, connection = 'con_google'): Item => ({
  name,
  display_name: `Customer ${name}`,
  connections: [{ connection_id: connection, show_as_button: true }],
});

describe('organizations created ahead of their step', () => {
  it('creates the new ones with their own fields at once; their step adds the connections and creates none again', async () => {
    const tenant = organizationsTenant();
    const handler = organizationsHandler(tenant, [{ id: 'org_old', name: 'old' }]);
    const ahead = createOrganizationsAhead(
      [handler],
      [organization('old'), organization('acme'), organization('globex')],
      (body) => tenant.client.organizations.create(body),
    );
    await ahead.settled();

    expect(tenant.writes).toEqual([
      'create acme ["name","display_name"]',
      'create globex ["name","display_name"]',
    ]);

    // deploy-cli's step, later: its own createOrganization for each new organization.
    const created = await Promise.all([
      handler.createOrganization(organization('acme')),
      handler.createOrganization(organization('globex', 'con_github')),
    ]);

    expect(created.map((item) => item.id)).toEqual(['org_1', 'org_2']);
    expect(tenant.writes.slice(2)).toEqual(['connect org_1 con_google', 'connect org_2 con_github']);
  });

  it('starts no more creates once the apply stopped, and says so of one it did not create', async () => {
    const tenant = organizationsTenant();
    const handler = organizationsHandler(tenant);
    const ahead = createOrganizationsAhead(
      [handler],
      ['a', 'b', 'c', 'd'].map((name) => organization(name)),
      (body) => tenant.client.organizations.create(body),
    );
    ahead.stop();
    await ahead.settled();

    expect(tenant.writes).toEqual([]);
    await expect(handler.createOrganization(organization('d'))).rejects.toThrow(
      'organization d was not created: the apply stopped before it',
    );
  });

  it('leaves a handler without organizations to create as deploy-cli has it', async () => {
    const tenant = organizationsTenant();
    const handler = organizationsHandler(tenant);
    await createOrganizationsAhead([handler], undefined, tenant.client.organizations.create).settled();

    await handler.createOrganization(organization('initech'));

    expect(tenant.writes).toEqual(['create initech ["name","display_name"]', 'connect org_1 con_google']);
  });
});

describe('an organization updated by deploy-cli', () => {
  it('keeps its client grants, discovery domains and applications, which the file does not hold, even with deletes allowed', async () => {
    const tenant = organizationsTenant();
    const acme = {
      id: 'org_acme',
      name: 'acme',
      display_name: 'Acme',
      connections: [],
      client_grants: [{ client_id: 'Reports' }],
      discovery_domains: [{ id: 'dd_acme', domain: 'acme.example', status: 'verified' }],
      clients: [{ client_id: 'Reports', use_for_member_access: true }],
    };
    const handler = organizationsHandler(tenant, [acme], { AUTH0_ALLOW_DELETE: true });

    await handler.updateOrganization({ ...organization('acme'), id: 'org_acme' }, [acme]);

    expect(tenant.writes).toEqual([
      'update org_acme {"display_name":"Customer acme"}',
      'connect org_acme con_google',
    ]);
  });
});
