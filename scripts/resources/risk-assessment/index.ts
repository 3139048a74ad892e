/**
 * Risk assessment (`riskAssessment:`): whether Auth0 assesses each login's risk (Adaptive MFA's
 * signals: new device, impossible travel, untrusted IP) and how long a device stays known. deploy-cli
 * writes `settings` (`/risk-assessments/settings`) and, when given, `new_device`
 * (`/risk-assessments/settings/new-device`) on every deploy of the section, and reads a tenant without
 * them as disabled. One object per tenant: never deleted.
 */
import { asArray, asRecord, asString } from '../../tenant/checks/read';
import { MFA_ACTIONS, mfaActionBound } from '../../tenant/policy/mfa';
import { type PolicyRule, PRODUCTION_ONLY } from '../../tenant/policy/rule';
import { closedObject, type JsonSchema, positiveInteger } from '../../tenant/schema/common';
import { defineResource, singletonIdentity } from '../define';
import { riskAssessmentRoutes } from './local-routes';

const riskAssessmentSchema: JsonSchema = closedObject(
  {
    settings: closedObject(
      { enabled: { type: 'boolean', description: 'Whether Auth0 assesses the risk of each login.' } },
      ['enabled'],
    ),
    new_device: closedObject(
      { remember_for: { ...positiveInteger, description: 'How long a device stays known, in days.' } },
      ['remember_for'],
    ),
  },
  ['settings'],
);

/**
 * The risk-based-mfa Action decides from `event.authentication.riskAssessment`; with assessment off
 * Auth0 sends it no real signals, so it asks for MFA by role only while looking risk-aware.
 */
export const riskAssessmentForRiskMfa: PolicyRule = {
  id: 'risk-assessment/required-for-risk-mfa',
  summary: 'when the risk-based-mfa Action is bound to post-login, risk assessment is enabled',
  hint: 'add riskAssessment: { settings: { enabled: true } } to tenant.yaml',
  severity: PRODUCTION_ONLY,
  check(tenant) {
    if (!mfaActionBound(tenant)) return [];
    const section = asRecord(tenant.riskAssessment);
    const settings = asRecord(section?.settings);
    if (settings?.enabled === true) return [];
    const binding = asArray(asRecord(tenant.triggers)?.['post-login']).findIndex((entry) =>
      MFA_ACTIONS.includes(asString(asRecord(entry)?.action_name) ?? ''),
    );
    return [
      {
        pointer: !section
          ? `/triggers/post-login/${binding}/action_name`
          : `/riskAssessment${settings && 'enabled' in settings ? '/settings/enabled' : ''}`,
        message: section
          ? 'risk assessment is disabled, so the risk-based-mfa Action bound to post-login gets no risk signals'
          : 'the risk-based-mfa Action is bound to post-login, but riskAssessment is not set, so the Action gets no risk signals',
        ...(section ? { hint: 'set riskAssessment.settings.enabled: true' } : {}),
      },
    ];
  },
};

export const riskAssessment = defineResource({
  key: 'riskAssessment',
  title: 'riskAssessment (Adaptive MFA)',
  shape: 'singleton',
  noun: 'risk assessment',
  calls: '`GET`/`PATCH /risk-assessments/settings`, `GET`/`PATCH /risk-assessments/settings/new-device`',
  scopes: { read: ['read:attack_protection'], write: ['update:attack_protection'], remove: [] },
  schema: riskAssessmentSchema,
  identity: singletonIdentity('riskAssessment'),
  compare: { deletable: false },
  policy: [riskAssessmentForRiskMfa],
  localState: [{ field: 'riskAssessment', shape: 'object' }],
  localRoutes: () => riskAssessmentRoutes,
});
