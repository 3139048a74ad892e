/**
 * The resource registry: every Auth0 resource type this repository manages, one module each. This is
 * the only list of types: the check, seal, plan, engine, local tenant and README read it. Listed in
 * create order (a type after those it refers to); `deleteOrder()` reverses the dependency edges.
 */
import { actionModules } from './action-modules/index';
import { actions } from './actions';
import { attackProtection } from './attack-protection';
import { branding } from './branding/index';
import { clientGrants } from './client-grants';
import { clients } from './clients';
import { connectionProfiles } from './connection-profiles/index';
import { connections } from './connections';
import { customDomains } from './custom-domains/index';
import { databases } from './databases';
import type { ResourceType } from './define';
import { emailProvider } from './email-provider/index';
import { emailTemplates } from './email-templates/index';
import { eventStreams } from './event-streams/index';
import { flowVaultConnections } from './flow-vault-connections/index';
import { flows } from './flows/index';
import { forms } from './forms/index';
import { guardianFactors, guardianPolicies } from './guardian';
import { guardianFactorProviders } from './guardian-providers/factor-providers';
import { guardianFactorTemplates } from './guardian-providers/factor-templates';
import { guardianPhoneFactorMessageTypes } from './guardian-providers/message-types';
import { guardianPhoneFactorSelectedProvider } from './guardian-providers/selected-provider';
import { logStreams } from './log-streams/index';
import { networkACLs } from './network-acls/index';
import { organizations } from './organizations/index';
import { pages } from './pages/index';
import { phoneProviders } from './phone/phone-providers';
import { phoneTemplates } from './phone/phone-templates';
import { prompts } from './prompts/index';
import { rateLimitPolicies } from './rate-limit-policies/index';
import { resourceServers } from './resource-servers';
import { riskAssessment } from './risk-assessment/index';
import { roles } from './roles';
import { selfServiceProfiles } from './self-service-profiles/index';
import { supplementalSignals } from './supplemental-signals/index';
import { tenant } from './tenant';
import { themes } from './themes/index';
import { tokenExchangeProfiles } from './token-exchange-profiles/index';
import { triggers } from './triggers';
import { userAttributeProfiles } from './user-attribute-profiles/index';

export const RESOURCE_TYPES: readonly ResourceType[] = [
  tenant,
  clients,
  resourceServers,
  clientGrants,
  roles,
  databases,
  connections,
  organizations,
  attackProtection,
  guardianFactors,
  guardianPolicies,
  guardianFactorProviders,
  guardianFactorTemplates,
  guardianPhoneFactorSelectedProvider,
  guardianPhoneFactorMessageTypes,
  phoneProviders,
  phoneTemplates,
  logStreams,
  pages,
  emailProvider,
  emailTemplates,
  customDomains,
  themes,
  branding,
  prompts,
  networkACLs,
  userAttributeProfiles,
  selfServiceProfiles,
  connectionProfiles,
  riskAssessment,
  actionModules,
  supplementalSignals,
  actions,
  triggers,
  eventStreams,
  flowVaultConnections,
  flows,
  forms,
  tokenExchangeProfiles,
  rateLimitPolicies,
];

export type { Carrier, Rec, Reference, Refs, ResourceType, SecretPath } from './define';

const BY_KEY = new Map(RESOURCE_TYPES.map((type) => [type.key, type]));

export function resourceType(key: string): ResourceType | undefined {
  return BY_KEY.get(key);
}

export const resourceKeys = (): string[] => RESOURCE_TYPES.map((type) => type.key);

/**
 * Deletes run after the writes, dependants first (a grant before its client, a trigger binding before its
 * action): a type is deleted only once every type that refers to it has been.
 */
export function deleteOrder(): string[] {
  const order: string[] = [];
  const pending = [...RESOURCE_TYPES].reverse();
  while (pending.length > 0) {
    const next = pending.findIndex((type) =>
      pending.every((other) => other === type || !(other.after ?? []).includes(type.key)),
    );
    if (next < 0)
      throw new Error(`the resource registry has a dependency cycle among ${pending.map((t) => t.key)}`);
    const [type] = pending.splice(next, 1);
    if (type) order.push(type.key);
  }
  return order;
}
