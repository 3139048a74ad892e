import { asArray, asRecord, entriesOf, nameOf } from '../checks/read';
import { findPlaceholders } from '../placeholders';
import { MFA_ACTIONS } from './mfa';
import { type PolicyFinding, type PolicyRule, PRODUCTION_ONLY } from './rule';

/**
 * Action settings the Action cannot use. risk-based-mfa asks everyone for MFA when MFA_REQUIRED_ROLES is
 * missing or lists no role (`""`, `" , "`): safe, but not what anyone meant, so production refuses it.
 */
export const MFA_ROLES_SECRET = 'MFA_REQUIRED_ROLES';

export const mfaRequiredRoles: PolicyRule = {
  id: 'actions/mfa-required-roles',
  summary: `the ${MFA_ACTIONS.join(', ')} Action has ${MFA_ROLES_SECRET} listing at least one role`,
  hint: `add { name: ${MFA_ROLES_SECRET}, value: "##${MFA_ROLES_SECRET}##" } to its secrets and set the keyword to a comma-separated list of roles, e.g. admin`,
  severity: PRODUCTION_ONLY,
  check(tenant) {
    const findings: PolicyFinding[] = [];
    for (const action of entriesOf(tenant, 'actions')) {
      if (!MFA_ACTIONS.includes(nameOf(action))) continue;
      const secrets = asArray(action.item.secrets);
      const index = secrets.findIndex((secret) => asRecord(secret)?.name === MFA_ROLES_SECRET);
      if (index < 0) {
        findings.push({
          pointer: `${action.pointer}/secrets`,
          message: `action "${nameOf(action)}" has no ${MFA_ROLES_SECRET} secret, so it asks every user for MFA`,
        });
        continue;
      }
      const value = asRecord(secrets[index])?.value;
      // A secret placeholder is filled at deploy time; an undefined keyword was reported already.
      if (typeof value === 'string' && findPlaceholders(value).length > 0) continue;
      if (typeof value === 'string' && value.split(',').some((role) => role.trim() !== '')) continue;
      findings.push({
        pointer: `${action.pointer}/secrets/${index}/value`,
        message: `${MFA_ROLES_SECRET} of action "${nameOf(action)}" lists no role, so it asks every user for MFA`,
        expected: 'a comma-separated list of at least one role, e.g. admin',
        found: typeof value === 'string' ? JSON.stringify(value) : String(value),
      });
    }
    return findings;
  },
};
