/**
 * Fixes to deploy-cli 8.44.0's handlers, applied in the engine process before any handler runs (plan
 * reads, deploys and exports all go through the patched prototype). Each names what is wrong and why.
 */
import { type Answer, notOnTenant, type RequireFn, statusOf } from './deploy-cli-fanout-reads';
import { keepUnmanagedOrganizationParts, takeOrganizationsCreatedAhead } from './deploy-cli-organizations';
import { applyParallelReads } from './deploy-cli-parallel-reads';

interface GuardianClient {
  guardian: {
    factors: {
      sms: { getTwilioProvider(): Promise<Answer> };
      pushNotification: { getSnsProvider(): Promise<Answer> };
    };
  };
}
interface ProvidersHandler {
  client: GuardianClient;
  type: string;
  existing?: unknown;
}

/** The providers deploy-cli reads (its GUARDIAN_FACTOR_PROVIDERS), by factor and provider. */
const PROVIDER_READS: {
  name: string;
  provider: string;
  read: (client: GuardianClient) => Promise<Answer>;
}[] = [
  { name: 'sms', provider: 'twilio', read: (client) => client.guardian.factors.sms.getTwilioProvider() },
  {
    name: 'push-notification',
    provider: 'sns',
    read: (client) => client.guardian.factors.pushNotification.getSnsProvider(),
  },
];

/**
 * guardianFactorProviders' `getType` spreads `provider.data` of each SDK answer, but the auth0 SDK it
 * ships with (v5 on) resolves to the answer's body itself: every provider reads as not configured, so a
 * plan would set it again on each deploy and an export would never show it. The same reads and the same
 * handling of a tenant without the feature, taking the answer as the body.
 */
function fixGuardianFactorProvidersRead(load: RequireFn): void {
  const handler = load('auth0-deploy-cli/lib/tools/auth0/handlers/guardianFactorProviders') as {
    default: { prototype: { getType(this: ProvidersHandler): Promise<unknown> } };
  };
  const { isForbiddenFeatureError } = load('auth0-deploy-cli/lib/tools/utils') as {
    isForbiddenFeatureError: (error: unknown, type: string) => boolean;
  };
  handler.default.prototype.getType = async function getType(this: ProvidersHandler) {
    if (this.existing) return this.existing;
    try {
      const read = await Promise.all(
        PROVIDER_READS.map(async ({ name, provider, read }) => ({
          name,
          provider,
          ...(await read(this.client)),
        })),
      );
      // A provider never configured answers `{}`: only name and provider.
      this.existing = read.filter((item) => Object.keys(item).length > 2);
      return this.existing;
    } catch (error) {
      if (notOnTenant(error) || isForbiddenFeatureError(error, this.type)) return null;
      throw error;
    }
  };
}

/**
 * A 403 from a feature the tenant lacks, as an error saying so and what to do; any other error as it was.
 * The SDK's error carries Auth0's answer as its body; its message is only the class name.
 */
function featureRefusal(error: unknown, section: string, feature: string): unknown {
  if (statusOf(error) !== 403) return error;
  const failure = error as { body?: { message?: unknown }; message?: string };
  const answer = typeof failure.body?.message === 'string' ? failure.body.message : failure.message;
  return new Error(
    `${section}: the tenant refused the setting (403: ${answer}). ${feature} this tenant does not have: ` +
      `ask Auth0 to enable it, or remove ${section} from tenant.yaml.`,
  );
}

type PolicyWrite = (this: unknown, policy: unknown) => Promise<unknown>;

/**
 * rateLimitPolicies' read takes a 403 as "no policies", so on a tenant without the feature its create
 * fails with only "ForbiddenError": the same writes, with that answer explained.
 */
function fixRateLimitPolicyWrites(load: RequireFn): void {
  const handler = load('auth0-deploy-cli/lib/tools/auth0/handlers/rateLimitPolicies') as {
    default: { prototype: Record<'createRateLimitPolicy' | 'updateRateLimitPolicy', PolicyWrite> };
  };
  const prototype = handler.default.prototype;
  for (const name of ['createRateLimitPolicy', 'updateRateLimitPolicy'] as const) {
    const write = prototype[name];
    prototype[name] = async function (this: unknown, policy: unknown) {
      try {
        return await write.call(this, policy);
      } catch (error) {
        throw featureRefusal(error, 'rateLimitPolicies', 'Rate limit policies are a feature');
      }
    };
  }
}

interface SignalsHandler {
  client: { supplementalSignals: { patch(body: unknown): Promise<unknown> } };
  updated: number;
  didUpdate(item: unknown): void;
}
type ProcessChanges = ((this: SignalsHandler, assets: Record<string, unknown>) => Promise<void>) & {
  order?: number;
};

/**
 * supplementalSignals' `processChanges` catches a 403 on its PATCH and logs it at debug level: on a tenant
 * without the paid feature ("Please upgrade your subscription to enable Akamai Signals.") the deploy
 * reports success and the setting never takes. The same write, with that answer made an error that says
 * what the tenant lacks and what to do.
 */
function fixSupplementalSignalsWrite(load: RequireFn): void {
  const handler = load('auth0-deploy-cli/lib/tools/auth0/handlers/supplementalSignals') as {
    default: { prototype: { processChanges: ProcessChanges } };
  };
  const processChanges: ProcessChanges = async function (this: SignalsHandler, assets) {
    const settings = assets.supplementalSignals as Record<string, unknown> | undefined;
    if (!settings || Object.keys(settings).length === 0) return;
    try {
      await this.client.supplementalSignals.patch(settings);
    } catch (error) {
      throw featureRefusal(error, 'supplementalSignals', 'Akamai supplemental signals are a paid feature');
    }
    this.updated += 1;
    this.didUpdate(settings);
  };
  // deploy-cli runs handlers in the order its @order decorator wrote on the method.
  processChanges.order = handler.default.prototype.processChanges.order;
  handler.default.prototype.processChanges = processChanges;
}

interface PagedClient {
  pool: { frequencyLimit: number };
}

/**
 * deploy-cli paces every call it makes through its client's pool to a fixed 8 per second
 * (API_FREQUENCY_PER_SECOND in lib/tools/auth0/client.js, "80% of" a limit Auth0 no longer has), whatever
 * the tenant's real limit and whatever else spends it. Our transport paces each call by the tenant's own
 * rate-limit headers and the share it is given (pacer.ts), and starts at that same 8 per second until the
 * first answer (a tenant that answers without the headers has no limit to share): a second, fixed pace on
 * top would only add waits. The pool keeps its
 * concurrency limit (3), which is what keeps deploy-cli's parallel reads and writes in order.
 */
function stopFixedPacing(load: RequireFn): void {
  const module = load('auth0-deploy-cli/lib/tools/auth0/client') as {
    default: (client: unknown) => PagedClient;
  };
  const pagedClient = module.default;
  module.default = (client: unknown) => {
    const paged = pagedClient(client);
    paged.pool.frequencyLimit = Number.POSITIVE_INFINITY;
    return paged;
  };
}

type ErrorHandled = (this: unknown, callback: () => Promise<unknown>) => Promise<unknown>;

/**
 * deploy-cli's prompts handler reads each prompt's partials through `withErrorHandling`, which takes a 429
 * (once the SDK's own retries are spent) as "no partials" and logs that it is "not blocking": a plan
 * would then write partials the tenant has, an export would report them gone, adopt would leave them out.
 * The same handling, except that a 429 fails the read, saying what was not read: the command stops
 * before it writes anything, and running it again when the tenant is quieter reads everything.
 */
function failPartialsReadOnRateLimit(load: RequireFn): void {
  const handler = load('auth0-deploy-cli/lib/tools/auth0/handlers/prompts') as {
    default: { prototype: { withErrorHandling: ErrorHandled } };
  };
  const prototype = handler.default.prototype;
  const handled = prototype.withErrorHandling;
  prototype.withErrorHandling = function (this: unknown, callback) {
    return handled.call(this, async () => {
      try {
        return await callback();
      } catch (error) {
        if (statusOf(error) !== 429) throw error;
        throw new Error(
          "prompts: the tenant answered 429 (rate limited) to a read of a prompt's partials, after retries: " +
            'the read is incomplete, so nothing was planned or written; run the command again, or with a ' +
            'lower --rate-share when other traffic is spending the budget',
        );
      }
    });
  };
}

export function applyDeployCliFixes(load: RequireFn): void {
  // lib/index.js first: a handler module required before it trips over a require cycle in the package,
  // which leaves its schema without some types (organizations) for every later require in the process.
  load('auth0-deploy-cli');
  applyParallelReads(load);
  failPartialsReadOnRateLimit(load);
  stopFixedPacing(load);
  fixGuardianFactorProvidersRead(load);
  fixSupplementalSignalsWrite(load);
  fixRateLimitPolicyWrites(load);
  takeOrganizationsCreatedAhead(load);
  keepUnmanagedOrganizationParts(load);
}
