/**
 * deploy-cli 8.44.0's organizations read (getType) fetches each organization's connections, client
 * grants, discovery domains and clients one call after another, organization after organization: 4 round
 * trips per organization in a row, 4,000 for a tenant of 1,000, whatever the budget. The same reads, the
 * same result (organizations in the order listed, each with the same fields), with the calls of an
 * organization at once and a few organizations at a time; for a plan, the connections alone.
 *
 * One read per handler: the organizations created ahead (deploy-cli-organizations.ts) and deploy-cli's
 * own step both ask for it, and the second asks while the first runs. A read that fails stops at once:
 * no queued organization is read after it, no page listed, and it is reported then.
 */
import {
  UNMANAGED_ORGANIZATION_PARTS,
  type UnmanagedOrganizationPart,
} from '../resources/organizations/parts';
import {
  type Answer,
  atMost,
  everyPage,
  notOnTenant,
  type Page,
  type Paginate,
  type RequireFn,
  statusOf,
} from './deploy-cli-fanout-reads';

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
type PartReads = Record<UnmanagedOrganizationPart, PartRead>;

/** How deploy-cli reads each unmanaged part of an organization, and the shape it gives it. */
function partReads(toName: (id: string, clients: Answer[]) => string): PartReads {
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

interface OrganizationsRead {
  result: Promise<Answer[]>;
  stop(reason: unknown): void;
}

/** Per handler, its read under way. */
const readsUnderWay = new WeakMap<object, OrganizationsRead>();

/** Stops the handler's read under way, if any: it fails with `reason`, its calls in flight left to end. */
export function stopOrganizationsRead(handler: object, reason: unknown): void {
  readsUnderWay.get(handler)?.stop(reason);
}

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
  prototype.getType = function getType(this: OrganizationsHandler) {
    if (this.existing) return Promise.resolve(this.existing);
    let read = readsUnderWay.get(this);
    if (!read) {
      const parts = readingForPlan.has(this) ? [] : UNMANAGED_ORGANIZATION_PARTS;
      read = readOrganizations(this, parts, reads, paginate);
      readsUnderWay.set(this, read);
      read.result.then(
        () => readsUnderWay.delete(this),
        () => readsUnderWay.delete(this),
      );
    }
    return read.result;
  };
}

function readOrganizations(
  handler: OrganizationsHandler,
  parts: readonly UnmanagedOrganizationPart[],
  reads: PartReads,
  paginate: Paginate,
): OrganizationsRead {
  let failure: { error: unknown } | undefined;
  let signal: (error: unknown) => void = () => undefined;
  const failed = new Promise<never>((_resolve, reject) => {
    signal = reject;
  });
  failed.catch(() => undefined);
  const fail = (error: unknown) => {
    if (failure) return;
    failure = { error };
    signal(error);
  };
  // An answer, or the read's failure should it come first (the answer, when it comes, is dropped).
  const unlessFailed = <T>(call: Promise<T>): Promise<T> => {
    call.catch(() => undefined);
    return Promise.race([call, failed]);
  };

  const result = (async () => {
    try {
      // Only the unmanaged parts name clients.
      const clients =
        parts.length > 0 ? paginate(handler.client.clients.list, { paginate: true }) : NO_CLIENTS;
      clients.catch(fail);
      // Organizations removed (by hand, by another tool) between the list and their own reads.
      const gone = new Set<Answer>();
      const readOne = async (org: Answer, index: number) => {
        if (!org?.id) throw new Error(`Organization ${index} is missing an ID`);
        const id = String(org.id);
        let answers: unknown[];
        try {
          answers = await Promise.all([
            handler.getOrganizationConnections(id),
            ...parts.map((part) => reads[part](handler, id, clients)),
          ]);
        } catch (error) {
          // A 404 here is this organization gone, not organizations missing from the tenant: the read
          // goes on without it (deploy-cli's answered none at all, and every organization was created again).
          if (statusOf(error) !== 404) throw error;
          gone.add(org);
          return;
        }
        const [connections, ...values] = answers;
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
      for (let page = await unlessFailed(handler.client.organizations.list({ take: LIST_PAGE })); ; ) {
        for (const org of page.data as Answer[]) {
          const index = organizations.push(org) - 1;
          const read = oneAtATime(async () => {
            if (!failure) await readOne(org, index);
          });
          read.catch(fail);
          reading.push(read);
        }
        if (!page.hasNextPage()) break;
        page = await unlessFailed(page.getNextPage());
      }
      await unlessFailed(Promise.all(reading));
      await unlessFailed(clients);
      const existing = organizations.filter((org) => !gone.has(org));
      handler.existing = existing;
      return existing;
    } catch (error) {
      fail(error);
      if (notOnTenant(error)) return [];
      throw error;
    }
  })();
  return { result, stop: fail };
}
