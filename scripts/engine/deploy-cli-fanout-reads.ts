/**
 * deploy-cli 8.44.0's reads of a list whose every item needs reads of its own (a role's permissions; an
 * organization's parts, deploy-cli-organizations-read.ts), which it makes item after item. The same
 * reads and the same result, a few items at a time (deploy-cli-parallel-reads.ts applies them).
 */

export type Answer = Record<string, unknown>;
/** A `require` of deploy-cli's internal modules. */
export type RequireFn = (id: string) => unknown;
export type Paginate = (list: unknown, args: Record<string, unknown>) => Promise<Answer[]>;

export interface Page {
  data: unknown[];
  hasNextPage(): boolean;
  getNextPage(): Promise<Page>;
}

/** Runs each task given when fewer than `limit` run, else when one of them ends. */
export function atMost(limit: number): (task: () => Promise<void>) => Promise<void> {
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
export async function everyPage(first: Promise<Page>): Promise<unknown[]> {
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

/** The HTTP status of an SDK call's error (the SDK's errors carry it as `statusCode`). */
export const statusOf = (error: unknown): number | undefined => (error as { statusCode?: number }).statusCode;

/** What deploy-cli's reads take for "the tenant has none of these" (404, or 501 on a private cloud). */
export function notOnTenant(error: unknown): boolean {
  const status = statusOf(error);
  return status === 404 || status === 501;
}
