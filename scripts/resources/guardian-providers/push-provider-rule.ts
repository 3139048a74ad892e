/**
 * Push notifications for a custom Guardian app are sent through the tenant's push provider: with the
 * factor enabled and no provider configured, an enrolled phone gets no prompt and its user is locked out
 * of MFA. Only deploy-cli's SNS is deployable (./schema.ts), so SNS it is. Its credentials being
 * placeholders from `secrets:` is the secret rules' part, and a missing credential the schema's.
 */
import { entriesOf } from '../../tenant/checks/read';
import { type PolicyRule, PRODUCTION_ONLY } from '../../tenant/policy/rule';

const PUSH = 'push-notification';

export const pushProviderConfigured: PolicyRule = {
  id: 'guardian/push-provider-configured',
  summary:
    'when the push-notification factor is enabled, guardianFactorProviders configures its push provider (SNS)',
  hint: `add { name: ${PUSH}, provider: sns, aws_access_key_id: "##...##", aws_secret_access_key: "##...##", aws_region: ... } under guardianFactorProviders:, its credentials from secrets:`,
  severity: PRODUCTION_ONLY,
  check(tenant) {
    const enabled = entriesOf(tenant, 'guardianFactors').filter(
      (factor) => factor.item.name === PUSH && factor.item.enabled === true,
    );
    const configured = entriesOf(tenant, 'guardianFactorProviders').some(
      (provider) => provider.item.name === PUSH,
    );
    if (configured) return [];
    return enabled.map((factor) => ({
      pointer: `${factor.pointer}/enabled`,
      message: `the ${PUSH} factor is enabled, but no push provider is configured for it`,
      expected: `a ${PUSH} entry under guardianFactorProviders`,
      found: 'none',
    }));
  },
};
