/**
 * A tenant that sends push notifications through a provider of its own (Amazon SNS, for its own Guardian
 * app) and manages its MFA providers here must configure that provider here too: with the factor enabled
 * and no provider, an enrolled phone gets no prompt and its user is locked out of MFA, and one set by hand
 * in the dashboard is a credential nobody reviewed.
 *
 * The rule applies only to a tenant file with a `guardianFactorProviders:` section. Auth0's own Guardian
 * app needs no provider at all (the push provider "guardian", which deploy-cli neither reads nor writes),
 * and that is how a tenant without the section uses push; ours does. Only SNS is deployable (./schema.ts).
 * Its credentials being placeholders from `secrets:` is the secret rules' part, a missing one the schema's.
 */
import { asArray, entriesOf } from '../../tenant/checks/read';
import { type PolicyRule, PRODUCTION_ONLY } from '../../tenant/policy/rule';

const PUSH = 'push-notification';

export const pushProviderConfigured: PolicyRule = {
  id: 'guardian/push-provider-configured',
  summary: `with the ${PUSH} factor enabled, guardianFactorProviders (when declared) configures its push provider`,
  hint: `add { name: ${PUSH}, provider: sns, aws_access_key_id: "##...##", aws_secret_access_key: "##...##", aws_region: ... } under guardianFactorProviders:, its credentials from secrets:`,
  severity: PRODUCTION_ONLY,
  check(tenant) {
    if (!Array.isArray(tenant.guardianFactorProviders)) return [];
    const configured = asArray(tenant.guardianFactorProviders).some(
      (provider) => (provider as { name?: unknown } | null)?.name === PUSH,
    );
    if (configured) return [];
    return entriesOf(tenant, 'guardianFactors')
      .filter((factor) => factor.item.name === PUSH && factor.item.enabled === true)
      .map((factor) => ({
        pointer: `${factor.pointer}/enabled`,
        message: `the ${PUSH} factor is enabled, but guardianFactorProviders configures no push provider for it`,
        expected: `a ${PUSH} entry under guardianFactorProviders`,
        found: 'none',
      }));
  },
};
