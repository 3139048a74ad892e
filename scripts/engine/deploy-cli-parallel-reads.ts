/**
 * deploy-cli 8.44.0's reads that wait on one another for no reason: each handler's `getType` here makes
 * the same calls and returns the same result as deploy-cli's own, with the calls that do not depend on
 * each other at once. A plan, a deploy and an export read through them; the pacer (pacer.ts) keeps every
 * call to the tenant's budget, however many are in flight. At 50 ms a call, our tenant's read went from
 * about 20 round trips in a row (trigger bindings one by one, the prompts' four reads one after another)
 * to about 6.
 */

type Answer = Record<string, unknown>;
type RequireFn = (id: string) => unknown;
type Paginate = (list: unknown, args: Record<string, boolean>) => Promise<Answer[]>;

interface Logger {
  warn(message: string): void;
  info(message: string): void;
}

export function applyParallelReads(load: RequireFn): void {
  const { paginate } = load('auth0-deploy-cli/lib/tools/auth0/client') as { paginate: Paginate };
  const logger = (load('auth0-deploy-cli/lib/logger') as { default: Logger }).default;
  parallelOrganizationsRead(load, paginate);
  parallelTriggerBindingsRead(load, logger);
  parallelPromptsRead(load, paginate, logger);
}

interface TriggersHandler {
  existing?: unknown;
  client: {
    actions: {
      triggers: {
        list(): Promise<{ triggers?: { id: string }[] }>;
        bindings: {
          list(id: string): Promise<{ data: { action: { name: string }; display_name: string }[] }>;
        };
      };
    };
  };
}

/**
 * The triggers read: deploy-cli lists the triggers, then reads each one's bindings after the last (14
 * triggers, 14 round trips in a row). The same reads at once, the result in the triggers' order, a
 * trigger whose bindings fail to read skipped with the same warning, Actions being off read as none.
 */
function parallelTriggerBindingsRead(load: RequireFn, logger: Logger): void {
  const handler = load('auth0-deploy-cli/lib/tools/auth0/handlers/triggers') as {
    default: { prototype: { getType(this: TriggersHandler): Promise<unknown> } };
  };
  handler.default.prototype.getType = async function getType(this: TriggersHandler) {
    if (this.existing) return this.existing;
    try {
      const listed = await this.client.actions.triggers.list();
      const ids = [...new Set((listed?.triggers ?? []).map((trigger) => trigger.id))];
      const read = await Promise.all(
        ids.map(async (id) => {
          try {
            return (await this.client.actions.triggers.bindings.list(id)).data;
          } catch (error) {
            logger.warn(
              `${(error as Error).message} (trigger: ${id}). Skipping this trigger and continuing.`,
            );
            return null;
          }
        }),
      );
      const bindings: Record<string, { action_name: string; display_name: string }[]> = {};
      ids.forEach((id, index) => {
        const found = read[index];
        if (found && found.length > 0) {
          bindings[id] = found.map((binding) => ({
            action_name: binding.action.name,
            display_name: binding.display_name,
          }));
        }
      });
      this.existing = bindings;
      return this.existing;
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 404 || status === 501) return [];
      if (actionsDisabled(error)) {
        logger.info('Skipping triggers because Actions is not enabled.');
        return {};
      }
      throw error;
    }
  };
}

/** deploy-cli's own test (not exported by its module): the tenant has Actions turned off. */
function actionsDisabled(error: unknown): boolean {
  const failure = error as {
    statusCode?: number;
    originalError?: { response?: { body?: { errorCode?: unknown } } };
  };
  return (
    failure.statusCode === 403 && failure.originalError?.response?.body?.errorCode === 'feature_not_enabled'
  );
}

interface PromptsHandler {
  client: { prompts: { getSettings(): Promise<Answer>; rendering: { list: unknown } } };
  getCustomTextSettings(): Promise<Answer>;
  getCustomPromptsPartials(): Promise<Answer>;
}

/**
 * The prompts read: deploy-cli reads the settings, then every custom text, then every partial, then the
 * screen renderers, each part once the one before is done, though none uses another. The same four at
 * once (the custom texts and partials still through deploy-cli's pool), the same prompts object, and a
 * failed screen-renderer read still only a warning.
 */
function parallelPromptsRead(load: RequireFn, paginate: Paginate, logger: Logger): void {
  const handler = load('auth0-deploy-cli/lib/tools/auth0/handlers/prompts') as {
    default: { prototype: { getType(this: PromptsHandler): Promise<unknown> } };
  };
  handler.default.prototype.getType = async function getType(this: PromptsHandler) {
    const [settings, customText, partials, screenRenderers] = await Promise.all([
      this.client.prompts.getSettings(),
      this.getCustomTextSettings(),
      this.getCustomPromptsPartials(),
      paginate(this.client.prompts.rendering.list, { paginate: true }).then(
        (renderers) => renderers ?? [],
        (error: unknown) => {
          logger.warn(`Unable to fetch screen renderers: ${error}`);
          return undefined;
        },
      ),
    ]);
    return { ...settings, customText, partials, ...(screenRenderers ? { screenRenderers } : {}) };
  };
}

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
function parallelOrganizationsRead(load: RequireFn, paginate: Paginate): void {
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
      let next = 0;
      const worker = async () => {
        while (next < organizations.length) {
          const index = next++;
          await readOne(organizations[index] as Answer, index);
        }
      };
      await Promise.all(Array.from({ length: ORGANIZATION_READS }, worker));
      this.existing = organizations;
      return this.existing;
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 404 || status === 501) return [];
      throw error;
    }
  };
}
