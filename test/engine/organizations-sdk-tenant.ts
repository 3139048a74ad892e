/**
 * A tenant as deploy-cli's organizations handler sees it through the SDK client, in memory: the double
 * that lets a test drive deploy-cli's real handler (with the engine's patches) without a server. It
 * records every call as `METHOD /path`, and holds the organizations as a tenant would, so a test asserts
 * on what the tenant has after the apply. A roles step is there to fail beside the organizations.
 */
import type { EngineWrites } from '../../scripts/engine/engine-apply';
import type { Item } from '../../scripts/engine/protocol';

/** An organization as the tenant holds it, with the parts Auth0 serves at paths of their own. */
export interface StoredOrganization {
  id: string;
  name: string;
  display_name?: string;
  connections: Item[];
  client_grants: Item[];
  /** Application associations (`/organizations/{id}/clients`). */
  clients: Item[];
}

export function storedOrganization(
  name: string,
  parts: Partial<StoredOrganization> = {},
): StoredOrganization {
  return {
    id: `org_${name}`,
    name,
    display_name: name,
    connections: [],
    client_grants: [],
    clients: [],
    ...parts,
  };
}

/** `count` organizations, `e0`, `e1`, ..., with nothing of their own. */
export function existingOrganizations(count: number): StoredOrganization[] {
  return Array.from({ length: count }, (_, at) => storedOrganization(`e${at}`));
}

/** The tenant's one client grant outside the organizations: the Reports client's. */
export const REPORTS_GRANT = { id: 'cgr_reports', client_id: 'cli_reports', audience: 'https://api.example' };

export interface SdkTenantOptions {
  organizations?: StoredOrganization[];
  /** The error a call answers with, by its label (`DELETE /organizations/org_acme/client-grants/cgr_x`). */
  refuse?: Record<string, Error>;
  /** How long the `nth` call (from 1) with this label takes beyond a tick, in ms. */
  slow?: (label: string, nth: number) => number;
}

export const statusError = (status: number, message: string): Error =>
  Object.assign(new Error(`Status code: ${status} ${message}`), { statusCode: status });

interface Page {
  data: unknown[];
  hasNextPage(): boolean;
  getNextPage(): Promise<Page>;
}

const onePage = (data: unknown[]): Page => ({
  data,
  hasNextPage: () => false,
  getNextPage: async () => onePage([]),
});

export function organizationsSdkTenant(options: SdkTenantOptions = {}) {
  const calls: string[] = [];
  const organizations = options.organizations ?? [];
  const seen = new Map<string, number>();
  const call = async (label: string) => {
    calls.push(label);
    const nth = (seen.get(label) ?? 0) + 1;
    seen.set(label, nth);
    await new Promise((resolve) => setTimeout(resolve, 1 + (options.slow?.(label, nth) ?? 0)));
    const refusal = options.refuse?.[label];
    if (refusal) throw refusal;
  };
  const stored = (id: string) => {
    const organization = organizations.find((item) => item.id === id);
    if (!organization) throw statusError(404, 'No organization found by that id or name');
    return organization;
  };
  /** The organizations list by checkpoint, `take` at a time, each page read when it is asked for. */
  const listed = async (take: number, from: number): Promise<Page> => {
    await call(`GET /organizations from ${from}`);
    const data = organizations.slice(from, from + take).map(({ id, name, display_name }) => ({
      id,
      name,
      display_name,
    }));
    return {
      data,
      hasNextPage: () => from + take < organizations.length,
      getNextPage: () => listed(take, from + take),
    };
  };
  const client = {
    organizations: {
      list: (query: { take?: number }) => listed(query.take ?? 50, 0),
      create: async (body: Item) => {
        await call(`POST /organizations ${body.name}`);
        if (organizations.some((item) => item.name === body.name)) {
          throw statusError(409, 'An organization with this name already exists.');
        }
        const created = storedOrganization(String(body.name), { display_name: body.display_name as string });
        organizations.push(created);
        return { ...body, id: created.id };
      },
      update: async (id: string, body: Item) => {
        await call(`PATCH /organizations/${id}`);
        Object.assign(stored(id), body);
        return body;
      },
      connections: {
        list: async (id: string) => {
          await call(`GET /organizations/${id}/connections`);
          return onePage(stored(id).connections);
        },
        create: async (id: string, body: Item) => {
          await call(`POST /organizations/${id}/connections`);
          stored(id).connections.push(body);
          return body;
        },
      },
      clientGrants: {
        list: async (id: string) => {
          await call(`GET /organizations/${id}/client-grants`);
          return onePage(stored(id).client_grants);
        },
        delete: async (id: string, grant: string) => {
          await call(`DELETE /organizations/${id}/client-grants/${grant}`);
          const organization = stored(id);
          organization.client_grants = organization.client_grants.filter((item) => item.id !== grant);
        },
      },
      discoveryDomains: {
        list: async (id: string) => {
          await call(`GET /organizations/${id}/discovery-domains`);
          return onePage([]);
        },
      },
      clients: {
        list: async (id: string) => {
          await call(`GET /organizations/${id}/clients`);
          return onePage(stored(id).clients);
        },
      },
    },
    connections: {
      list: async () => {
        await call('GET /connections');
        return onePage([{ id: 'con_google', name: 'google', strategy: 'google-oauth2' }]);
      },
    },
    clients: {
      list: async () => {
        await call('GET /clients');
        return { data: [{ client_id: 'cli_reports', name: 'Reports' }] };
      },
    },
    clientGrants: {
      list: async () => {
        await call('GET /client-grants');
        return { data: [REPORTS_GRANT] };
      },
    },
    roles: {
      list: async () => {
        await call('GET /roles');
        return { data: [] };
      },
      create: async (body: Item) => {
        await call(`POST /roles ${body.name}`);
        return { ...body, id: 'rol_1' };
      },
      permissions: { list: async () => onePage([]) },
    },
  };
  return { client, calls, organizations };
}

export type OrganizationsSdkTenant = ReturnType<typeof organizationsSdkTenant>;

/** The engine's writes on that tenant, as engine-child.ts sets them up; a read back answers nothing. */
export function engineOn(tenant: OrganizationsSdkTenant): EngineWrites {
  return {
    client: tenant.client,
    deployClientId: 'cli_deploy',
    handlerConfig: (types, allowDelete = false) => {
      const values: Record<string, unknown> = { AUTH0_INCLUDED_ONLY: types, AUTH0_ALLOW_DELETE: allowDelete };
      return (key) => values[key];
    },
    read: async (types) => Object.fromEntries(types.map((type) => [type, []])),
    progress: () => undefined,
  };
}
