/**
 * The resource registry: every Auth0 resource type this repository manages, one module each. This is
 * the only list of types: the check, seal, plan, engine, local tenant and README read it. Listed in
 * create order (a type after those it refers to); `deleteOrder()` reverses the dependency edges.
 */
import { actions } from './actions';
import { attackProtection } from './attack-protection';
import { clientGrants } from './client-grants';
import { clients } from './clients';
import { connections } from './connections';
import { databases } from './databases';
import type { ResourceType } from './define';
import { emailProvider } from './email-provider/index';
import { guardianFactors, guardianPolicies } from './guardian';
import { logStreams } from './log-streams/index';
import { prompts } from './prompts/index';
import { resourceServers } from './resource-servers';
import { roles } from './roles';
import { tenant } from './tenant';
import { triggers } from './triggers';

export const RESOURCE_TYPES: readonly ResourceType[] = [
  tenant,
  clients,
  resourceServers,
  clientGrants,
  roles,
  databases,
  connections,
  attackProtection,
  guardianFactors,
  guardianPolicies,
  logStreams,
  actions,
  triggers,
  emailProvider,
  prompts,
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
