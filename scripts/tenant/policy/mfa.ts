import { asArray, asRecord, asString } from '../checks/read';
import { type PolicyRule, PRODUCTION_ONLY, RELAXED_LOCALLY } from './rule';

/**
 * MFA is enforced either by a Guardian policy (every login) or by our risk-based MFA Action bound to
 * post-login (the Action asks for MFA by role and risk). Either way some factor must be enabled.
 */
export const MFA_ACTIONS = ['risk-based-mfa'];
const ENFORCING_POLICIES = new Set(['all-applications', 'confidence-score']);

function guardianPolicies(tenant: Record<string, unknown>): string[] {
  return asArray(asRecord(tenant.guardianPolicies)?.policies).flatMap((policy) => asString(policy) ?? []);
}

/** Bound to post-login and deployed: an Action with `deployed: false` is created but never runs. */
export function mfaActionBound(tenant: Record<string, unknown>): boolean {
  const declared = new Set(
    asArray(tenant.actions).flatMap((action) => {
      const record = asRecord(action);
      return record?.deployed === false ? [] : (asString(record?.name) ?? []);
    }),
  );
  return asArray(asRecord(tenant.triggers)?.['post-login']).some((binding) => {
    const name = asString(asRecord(binding)?.action_name);
    return name !== undefined && MFA_ACTIONS.includes(name) && declared.has(name);
  });
}

export function usesMfa(tenant: Record<string, unknown>): boolean {
  return guardianPolicies(tenant).length > 0 || mfaActionBound(tenant);
}

export const mfaEnforced: PolicyRule = {
  id: 'mfa/enforced',
  summary: 'production enforces MFA (a Guardian policy, or the risk-based MFA Action bound to post-login)',
  hint: `set guardianPolicies.policies: [all-applications], or bind ${MFA_ACTIONS.join(' or ')} under triggers.post-login`,
  severity: PRODUCTION_ONLY,
  check(tenant) {
    if (guardianPolicies(tenant).some((policy) => ENFORCING_POLICIES.has(policy)) || mfaActionBound(tenant))
      return [];
    return [
      {
        pointer: '/guardianPolicies/policies',
        message: 'nothing enforces MFA: no Guardian policy and no MFA Action bound to post-login',
      },
    ];
  },
};

export const factorEnabled: PolicyRule = {
  id: 'mfa/factor-enabled',
  summary: 'when MFA is used, at least one Guardian factor (besides recovery codes) is enabled',
  hint: 'enable a factor under guardianFactors:, e.g. { name: otp, enabled: true }',
  severity: RELAXED_LOCALLY,
  check(tenant) {
    if (!usesMfa(tenant)) return [];
    const enabled = asArray(tenant.guardianFactors).some((factor) => {
      const record = asRecord(factor);
      return record?.enabled === true && record.name !== 'recovery-code';
    });
    return enabled
      ? []
      : [{ pointer: '/guardianFactors', message: 'MFA is enforced but no Guardian factor is enabled' }];
  },
};

/** SMS codes can be taken over with the phone number (SIM swap, number porting, SS7). */
export const noSmsFactor: PolicyRule = {
  id: 'mfa/no-sms',
  summary: 'the SMS factor is off (SIM swap); a waiver with a reason may allow it',
  hint: 'offer otp, push-notification or webauthn instead, or waive this rule with the reason SMS is needed',
  severity: PRODUCTION_ONLY,
  check: (tenant) =>
    asArray(tenant.guardianFactors).flatMap((factor, index) => {
      const record = asRecord(factor);
      return record?.name === 'sms' && record.enabled === true
        ? [
            {
              pointer: `/guardianFactors/${index}/enabled`,
              message: 'the SMS factor is enabled',
              expected: 'false',
              found: 'true',
            },
          ]
        : [];
    }),
};
