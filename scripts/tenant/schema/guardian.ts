import { boolean, closedObject, type JsonSchema, listOf, oneOfValues } from './common';

/** MFA: Guardian factors (`guardianFactors:`) and the policy that asks for them (`guardianPolicies:`). */
export const GUARDIAN_FACTORS = [
  'sms',
  'push-notification',
  'otp',
  'email',
  'duo',
  'webauthn-roaming',
  'webauthn-platform',
  'recovery-code',
] as const;

export const guardianFactorsSchema: JsonSchema = listOf(
  closedObject({ name: oneOfValues(GUARDIAN_FACTORS), enabled: boolean }, ['name', 'enabled']),
);

export const guardianPoliciesSchema: JsonSchema = closedObject(
  { policies: listOf(oneOfValues(['all-applications', 'confidence-score']), { uniqueItems: true }) },
  ['policies'],
);
