import { asArray, asRecord, asString, entriesOf, nameOf } from '../checks/read';
import { findPlaceholders } from '../placeholders';
import { EVERYWHERE, type PolicyFinding, type PolicyRule, RELAXED_LOCALLY } from './rule';

/** Actions run on the current runtime, and custom claims live in a namespace Auth0 allows. */
export const CLAIMS_ACTION = 'custom-claims';
export const CLAIMS_NAMESPACE_SECRET = 'CLAIMS_NAMESPACE';
/** Auth0 drops custom claims in its own namespaces. */
const RESTRICTED_NAMESPACE_HOSTS = /(^|\.)(auth0\.com|webtask\.io|webtask\.run)$/i;

export const claimsNamespace: PolicyRule = {
  id: 'actions/claims-namespace',
  summary: `the ${CLAIMS_ACTION} Action has ${CLAIMS_NAMESPACE_SECRET} set to an https URL outside Auth0's own domains`,
  hint: `add { name: ${CLAIMS_NAMESPACE_SECRET}, value: "##${CLAIMS_NAMESPACE_SECRET}##" } to its secrets and set the keyword to e.g. https://example.com/claims`,
  severity: EVERYWHERE,
  check(tenant) {
    const findings: PolicyFinding[] = [];
    for (const action of entriesOf(tenant, 'actions')) {
      const secrets = asArray(action.item.secrets);
      const index = secrets.findIndex((secret) => asRecord(secret)?.name === CLAIMS_NAMESPACE_SECRET);
      if (index < 0) {
        if (nameOf(action) === CLAIMS_ACTION) {
          findings.push({
            pointer: `${action.pointer}/secrets`,
            message: `action "${CLAIMS_ACTION}" has no ${CLAIMS_NAMESPACE_SECRET} secret`,
          });
        }
        continue;
      }
      const pointer = `${action.pointer}/secrets/${index}/value`;
      const value = asString(asRecord(secrets[index])?.value);
      // A secret placeholder is filled at deploy time; an undefined keyword was reported already.
      if (value === undefined || findPlaceholders(value).length > 0) continue;
      const host = /^https:\/\/([^/:?#]+)/i.exec(value)?.[1];
      if (value.trim() === '' || host === undefined || RESTRICTED_NAMESPACE_HOSTS.test(host)) {
        findings.push({
          pointer,
          message: `${CLAIMS_NAMESPACE_SECRET} of action "${nameOf(action)}" is "${value}"`,
          hint: `set ${CLAIMS_NAMESPACE_SECRET} to an https URL on a domain of ours, e.g. https://example.com/claims`,
          expected: 'an https URL on a domain of ours (not auth0.com, webtask.io or webtask.run)',
          found: value,
        });
      }
    }
    return findings;
  },
};

export const currentRuntime: PolicyRule = {
  id: 'actions/node22-runtime',
  summary: 'Actions run on node22, the runtime we build and test for',
  hint: 'set runtime: node22',
  severity: RELAXED_LOCALLY,
  check(tenant) {
    return entriesOf(tenant, 'actions')
      .filter((action) => action.item.runtime !== 'node22')
      .map((action) => ({
        pointer: `${action.pointer}/runtime`,
        message: `action "${nameOf(action)}" runs on ${String(action.item.runtime ?? "Auth0's default runtime")}`,
        expected: 'node22',
        found: String(action.item.runtime ?? 'not set'),
      }));
  },
};
