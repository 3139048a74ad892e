import { closedObject, type JsonSchema, listOf, nonEmptyText } from './common';

/**
 * Policy waivers: `x-policy-waivers:` in tenant.yaml (every environment) or in an environment file (that
 * environment only). deploy-cli's schema rejects unknown top-level keys, so the build strips this key.
 */
export const POLICY_WAIVERS_KEY = 'x-policy-waivers';

export const waiverSchema: JsonSchema = closedObject(
  {
    rule: nonEmptyText,
    /** A path prefix as the check prints it, e.g. `clients[Partner Portal].callbacks`. */
    target: nonEmptyText,
    reason: nonEmptyText,
    /** YYYY-MM-DD: from this day on the waiver stops applying and the check says so. */
    expires: { type: 'string', format: 'date' },
  },
  ['rule', 'target', 'reason'],
);

export const waiversSchema: JsonSchema = listOf(waiverSchema);
