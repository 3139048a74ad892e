/**
 * deploy-cli 8.44.0's reads of a list whose every item needs reads of its own (an organization's
 * connections, grants, domains and clients; a role's permissions), which it makes item after item.
 * The same reads and the same result, a few items at a time (deploy-cli-parallel-reads.ts applies them).
 */

export type Answer = Record<string, unknown>;
/** A `require` of deploy-cli's internal modules. */
export type RequireFn = (id: string) => unknown;
export type Paginate = (list: unknown, args: Record<string, unknown>) => Promise<Answer[]>;

interface OrganizationsHandler {
  existing?: unknown;
  client: { organizations: { list: unknown }; clients: { list: unknown } };
  getOrganizationConnections(id: string): Promise<unknown>;
  getOrganizationClientGrants(id: string): Promise<{ client_id: string }[] | undefined>;
  getAllOrganizationDiscoveryDomains(id: string): Promise<unknown>;
  getAllOrganizationClients(id: string): Promise<{ client_id: string; use_for_member_access?: unknown }[]>;
}

/** Organizations read at once: at most this many (the pacer keeps the calls to the budget). */
const ORGANIZATION_READS = 8;

/**
 * deploy-cli's organizations read (getType) fetches each organization's connections, client grants,
 * discovery domains and clients one call after another, organization after organization: 4 round trips
 * per organization in a row, 4,000 for a tenant of 1,000, whatever the budget. The same reads, the same
 * result (organizations in the order listed, each with the same fields), with the four calls of an
 * organization at once and a few organizations at a time.
 */
export function parallelOrganizationsRead(load: RequireFn, paginate: Paginate): void {
  const handler = load('auth0-deploy-cli/lib/tools/auth0/handlers/organizations') as {
    default: { prototype: { getType(this: OrganizationsHandler): Promise<unknown> } };
  };
  const { convertClientIdToName } = load('auth0-deploy-cli/lib/utils') as {
    convertClientIdToName: (id: string, clients: Answer[]) => string;
  };
  handler.default.prototype.getType = async function getType(this: OrganizationsHandler) {
    if (this.existing) return this.existing;
    try {
      const [organizations, clients] = await Promise.all([
        paginate(this.client.organizations.list, { checkpoint: true }),
        paginate(this.client.clients.list, { paginate: true }),
      ]);
      const readOne = async (org: Answer, index: number) => {
        if (!org?.id) throw new Error(`Organization ${index} is missing an ID`);
        const id = String(org.id);
        const [connections, grants, domains, orgClients] = await Promise.all([
          this.getOrganizationConnections(id),
          this.getOrganizationClientGrants(id),
          this.getAllOrganizationDiscoveryDomains(id),
          this.getAllOrganizationClients(id),
        ]);
        org.connections = connections;
        org.client_grants = grants?.map((grant) => ({
          client_id: convertClientIdToName(grant.client_id, clients),
        }));
        if (domains) org.discovery_domains = domains;
        if (orgClients) {
          org.clients = orgClients.map((oc) => ({
            client_id: convertClientIdToName(oc.client_id, clients),
            use_for_member_access: oc.use_for_member_access,
          }));
        }
      };
      await forEachAtMost(organizations, ORGANIZATION_READS, readOne);
      this.existing = organizations;
      return this.existing;
    } catch (error) {
      if (notOnTenant(error)) return [];
      throw error;
    }
  };
}

interface PermissionsPage {
  data: Answer[];
  hasNextPage(): boolean;
  getNextPage(): Promise<PermissionsPage>;
}
interface RolesHandler {
  existing?: unknown;
  client: {
    roles: { list: unknown; permissions: { list(id: unknown, query: unknown): Promise<PermissionsPage> } };
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
        let page = await this.client.roles.permissions.list(role.id, { per_page: 100 });
        const permissions = [...page.data];
        while (page.hasNextPage()) {
          page = await page.getNextPage();
          permissions.push(...page.data);
        }
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
