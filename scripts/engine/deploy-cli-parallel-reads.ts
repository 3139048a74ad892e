/**
 * deploy-cli 8.44.0's reads that wait on one another for no reason: each handler's `getType` here makes
 * the same calls and returns the same result as deploy-cli's own, with the calls that do not depend on
 * each other at once. A plan, a deploy and an export read through them; the pacer (pacer.ts) keeps every
 * call to the tenant's budget, however many are in flight. At 50 ms a call, our tenant's read went from
 * about 20 round trips in a row (trigger bindings one by one, the prompts' four reads one after another)
 * to about 6.
 */

import {
  type Answer,
  notOnTenant,
  type Paginate,
  parallelRolesRead,
  type RequireFn,
  statusOf,
} from './deploy-cli-fanout-reads';
import { parallelOrganizationsRead } from './deploy-cli-organizations-read';

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
  parallelAttackProtectionRead(load, logger);
  parallelRolesRead(load, paginate);
}

type Read = () => Promise<Answer>;
interface AttackProtectionHandler {
  existing?: unknown;
  client: {
    attackProtection: Record<
      | 'breachedPasswordDetection'
      | 'bruteForceProtection'
      | 'suspiciousIpThrottling'
      | 'botDetection'
      | 'captcha',
      { get: Read }
    >;
  };
}

/**
 * Attack protection: deploy-cli reads three settings at once, then bot detection, then CAPTCHA (three
 * round trips). All five at once; bot detection and CAPTCHA refused (403, not on the tenant's plan)
 * still read as absent with the same warnings.
 */
function parallelAttackProtectionRead(load: RequireFn, logger: Logger): void {
  const handler = load('auth0-deploy-cli/lib/tools/auth0/handlers/attackProtection') as {
    default: { prototype: { getType(this: AttackProtectionHandler): Promise<unknown> } };
  };
  const unlessRefused = (read: Read, warning: string) =>
    read().catch((error: unknown) => {
      if (statusOf(error) !== 403) throw error;
      logger.warn(warning);
      return null;
    });
  handler.default.prototype.getType = async function getType(this: AttackProtectionHandler) {
    if (this.existing) return this.existing;
    const settings = this.client.attackProtection;
    const [breachedPasswordDetection, bruteForceProtection, suspiciousIpThrottling, botDetection, captcha] =
      await Promise.all([
        settings.breachedPasswordDetection.get(),
        settings.bruteForceProtection.get(),
        settings.suspiciousIpThrottling.get(),
        unlessRefused(
          () => settings.botDetection.get(),
          "Bot detection is not available on this tenant's current plan. Skipping bot detection settings.",
        ),
        unlessRefused(
          () => settings.captcha.get(),
          "Captcha is not available on this tenant's current plan. Skipping captcha settings.",
        ),
      ]);
    this.existing = {
      breachedPasswordDetection,
      bruteForceProtection,
      suspiciousIpThrottling,
      ...(botDetection ? { botDetection } : {}),
      ...(captcha ? { captcha } : {}),
    };
    return this.existing;
  };
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
      if (notOnTenant(error)) return [];
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
