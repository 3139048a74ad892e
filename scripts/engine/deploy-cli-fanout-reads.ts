/**
 * deploy-cli 8.44.0's reads of a list whose every item needs reads of its own (an organization's
 * connections, grants, domains and clients; a role's permissions), which it makes item after item.
 * The same reads and the same result, a few items at a time (deploy-cli-parallel-reads.ts applies them).
 */

import {
  UNMANAGED_ORGANIZATION_PARTS,
  type UnmanagedOrganizationPart,
} from '../resources/organizations/parts';

export type Answer = Record<string, unknown>;
/** A `require` of deploy-cli's internal modules. */
export type RequireFn = (id: string) => unknown;
export type Paginate = (list: unknown, args: Record<string, unknown>) => Promise<Answer[]>;

interface Page {
  data: unknown[];
  hasNextPage(): boolean;
  getNextPage(): Promise<Page>;
}
type PagedList = (id: string, query: { per_page: number }) => Promise<Page>;

interface OrganizationsHandler {
  existing?: unknown;
  client: {
    organizations: {
      list(query: { take: number }): Promise<Page>;
      connections: { list: PagedList };
      clientGrants: { list: PagedList };
    };
    clients: { list: unknown };
  };
  getOrganizationConnections(id: string): Promise<unknown>;
  getOrganizationClientGrants(id: string): Promise<{ client_id: string }[] | undefined>;
  getAllOrganizationDiscoveryDomains(id: string): Promise<unknown>;
  getAllOrganizationClients(id: string): Promise<{ client_id: string; use_for_member_access?: unknown }[]>;
}

/** Organizations read at once: at most this many (the pacer keeps the calls to the budget). */
const ORGANIZATION_READS = 8;

/**
 * The page size of an organization's connections and client grants: the SDK's own default, named, because
 * its pager only knows a short page is the last when the request named a size. Unnamed, every organization
 * with a connection cost a second call for an empty page (1,000 calls more in a plan of 1,000).
 */
const PART_PAGE = 50;

/** The organizations list's page size (checkpoint paging): deploy-cli's, Auth0's default. */
const LIST_PAGE = 50;
const NO_CLIENTS: Promise<Answer[]> = Promise.resolve([]);

/** Handlers whose read is for a plan (engine-child's read): they leave the unmanaged parts unread. */
const readingForPlan = new WeakSet<object>();

/**
 * Marks handlers as reading for a plan, which compares what this repository manages: an organization's
 * client grants, discovery domains and application associations (parts.ts) are then not read, three calls
 * per organization. A deploy's own read (deploy-cli's, before it writes) and an export read them all.
 */
export function readForPlan(handlers: readonly object[]): void {
  for (const handler of handlers) readingForPlan.add(handler);
}

type PartRead = (handler: OrganizationsHandler, id: string, clients: Promise<Answer[]>) => Promise<unknown>;

/** How deploy-cli reads each unmanaged part of an organization, and the shape it gives it. */
function partReads(
  toName: (id: string, clients: Answer[]) => string,
): Record<UnmanagedOrganizationPart, PartRead> {
  return {
    client_grants: async (handler, id, clients) => {
      const grants = await handler.getOrganizationClientGrants(id);
      const named = await clients;
      return grants?.map((grant) => ({ client_id: toName(grant.client_id, named) }));
    },
    discovery_domains: (handler, id) => handler.getAllOrganizationDiscoveryDomains(id),
    clients: async (handler, id, clients) => {
      const associations = await handler.getAllOrganizationClients(id);
      const named = await clients;
      return associations?.map((oc) => ({
        client_id: toName(oc.client_id, named),
        use_for_member_access: oc.use_for_member_access,
      }));
    },
  };
}

/**
 * deploy-cli's organizations read (getType) fetches each organization's connections, client grants,
 * discovery domains and clients one call after another, organization after organization: 4 round trips
 * per organization in a row, 4,000 for a tenant of 1,000, whatever the budget. The same reads, the same
 * result (organizations in the order listed, each with the same fields), with the calls of an
 * organization at once and a few organizations at a time; for a plan, the connections alone.
 */
export function parallelOrganizationsRead(load: RequireFn, paginate: Paginate): void {
  const handler = load('auth0-deploy-cli/lib/tools/auth0/handlers/organizations') as {
    default: { prototype: OrganizationsHandler & { getType(this: OrganizationsHandler): Promise<unknown> } };
  };
  const { convertClientIdToName } = load('auth0-deploy-cli/lib/utils') as {
    convertClientIdToName: (id: string, clients: Answer[]) => string;
  };
  const reads = partReads(convertClientIdToName);
  const prototype = handler.default.prototype;
  prototype.getOrganizationConnections = function (this: OrganizationsHandler, id: string) {
    return everyPage(this.client.organizations.connections.list(id, { per_page: PART_PAGE }));
  };
  prototype.getOrganizationClientGrants = function (this: OrganizationsHandler, id: string) {
    return everyPage(this.client.organizations.clientGrants.list(id, { per_page: PART_PAGE })) as Promise<
      { client_id: string }[]
    >;
  };
  prototype.getType = async function getType(this: OrganizationsHandler) {
    if (this.existing) return this.existing;
    const parts = readingForPlan.has(this) ? [] : UNMANAGED_ORGANIZATION_PARTS;
    try {
      // Only the unmanaged parts name clients.
      const clients = parts.length > 0 ? paginate(this.client.clients.list, { paginate: true }) : NO_CLIENTS;
      clients.catch(() => undefined);
      const readOne = async (org: Answer, index: number) => {
        if (!org?.id) throw new Error(`Organization ${index} is missing an ID`);
        const id = String(org.id);
        const [connections, ...values] = await Promise.all([
          this.getOrganizationConnections(id),
          ...parts.map((part) => reads[part](this, id, clients)),
        ]);
        org.connections = connections;
        parts.forEach((part, at) => {
          if (values[at] !== undefined && values[at] !== null) org[part] = values[at];
        });
      };
      // Each page's organizations are read while the next page is fetched: the list's own bucket (100
      // pages a minute) would otherwise hold back every organization's reads until its last page.
      const organizations: Answer[] = [];
      const oneAtATime = atMost(ORGANIZATION_READS);
      const reading: Promise<void>[] = [];
      for (let page = await this.client.organizations.list({ take: LIST_PAGE }); ; ) {
        for (const org of page.data as Answer[]) {
          const index = organizations.push(org) - 1;
          const read = oneAtATime(() => readOne(org, index));
          // Awaited below, unless a page fails first: that failure is the read's.
          read.catch(() => undefined);
          reading.push(read);
        }
        if (!page.hasNextPage()) break;
        page = await page.getNextPage();
      }
      await Promise.all(reading);
      await clients;
      this.existing = organizations;
      return this.existing;
    } catch (error) {
      if (notOnTenant(error)) return [];
      throw error;
    }
  };
}

/** Runs each task given when fewer than `limit` run, else when one of them ends. */
function atMost(limit: number): (task: () => Promise<void>) => Promise<void> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    while (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      await task();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}

/** Every item of a paged list, page after page. */
async function everyPage(first: Promise<Page>): Promise<unknown[]> {
  let page = await first;
  const items = [...page.data];
  while (page.hasNextPage()) {
    page = await page.getNextPage();
    items.push(...page.data);
  }
  return items;
}

interface RolesHandler {
  existing?: unknown;
  client: {
    roles: { list: unknown; permissions: { list(id: unknown, query: unknown): Promise<Page> } };
  };
}

/** Roles whose permissions are read at once (the pacer keeps the calls to the budget). */
const ROLE_READS = 8;

/**
 * Roles: deploy-cli reads each role's permissions after the last role's (a round trip per role and
 * page, in a row). The same reads, pages of one role still in turn, a few roles at a time; each
 * permission without its resource server's name and description, as deploy-cli strips them.
 */
export function parallelRolesRead(load: RequireFn, paginate: Paginate): void {
  const handler = load('auth0-deploy-cli/lib/tools/auth0/handlers/roles') as {
    default: { prototype: { getType(this: RolesHandler): Promise<unknown> } };
  };
  handler.default.prototype.getType = async function getType(this: RolesHandler) {
    if (this.existing) return this.existing;
    try {
      const roles = await paginate(this.client.roles.list, {
        paginate: true,
        include_totals: true,
        type: 'tenant',
      });
      const readOne = async (role: Answer) => {
        const permissions = (await everyPage(
          this.client.roles.permissions.list(role.id, { per_page: 100 }),
        )) as Answer[];
        role.permissions = permissions.map(
          ({ resource_server_name, description, ...permission }) => permission,
        );
      };
      await forEachAtMost(roles, ROLE_READS, readOne);
      this.existing = roles;
      return this.existing;
    } catch (error) {
      if (notOnTenant(error)) return [];
      throw error;
    }
  };
}

/** `read` for every item, at most `limit` at a time, the next item started as soon as one is done. */
async function forEachAtMost<T>(
  items: readonly T[],
  limit: number,
  read: (item: T, index: number) => Promise<void>,
) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await read(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

/** What deploy-cli's reads take for "the tenant has none of these" (404, or 501 on a private cloud). */
export function notOnTenant(error: unknown): boolean {
  const status = (error as { statusCode?: number }).statusCode;
  return status === 404 || status === 501;
}
