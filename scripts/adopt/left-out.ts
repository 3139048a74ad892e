/**
 * Clients that are not ours to adopt: the one adopt reads with, Auth0's own, and any that can change the
 * tenant through the Management API (a deploy client, a Terraform or dashboard tool). They are left out
 * with their grants, and lists naming them (a connection's enabled clients) name them no more.
 */
import type { Rec, ResourceType } from '../resources/define';
import { isRecord } from '../resources/define';
import { matchPattern, setAt } from './places';
import type { Collect } from './secrets';

/** Scopes only a client that configures the tenant holds (a deploy client, a Terraform or dashboard tool). */
const ADMINISTRATION_SCOPES = [
  'create:clients',
  'update:clients',
  'delete:clients',
  'update:tenant_settings',
];

/**
 * The clients an export names in a Management API grant with administration scopes. The export cannot say
 * which one deploys; each is left out (with its grant), since a repository must not manage its own deployer.
 */
export function administratorClients(document: Rec): Set<string> {
  const names = new Set<string>();
  for (const grant of Array.isArray(document.clientGrants) ? document.clientGrants : []) {
    if (!isRecord(grant) || typeof grant.client_id !== 'string' || typeof grant.audience !== 'string')
      continue;
    if (!/\/api\/v2\/?$/.test(grant.audience)) continue;
    const scopes = Array.isArray(grant.scope) ? grant.scope : [];
    if (scopes.some((scope) => ADMINISTRATION_SCOPES.includes(String(scope)))) names.add(grant.client_id);
  }
  return names;
}

/** A client, or a grant of one, that `administratorClients` found. */
export function isAdministration(
  type: ResourceType,
  item: Rec,
  administrators: ReadonlySet<string>,
): boolean {
  if (type.key === 'clients')
    return administrators.has(String(item.name)) || administrators.has(String(item.client_id));
  if (type.key === 'clientGrants') return administrators.has(String(item.client_id));
  return false;
}

/** A list naming a client that was left out (a connection enabled for the deployer) names it no more. */
export function withoutLeftOutClients(
  type: ResourceType,
  item: Rec,
  where: (path: readonly (string | number)[]) => string,
  collect: Collect,
): void {
  for (const reference of type.references ?? []) {
    if (reference.to !== 'clients' || !reference.path.endsWith('.*')) continue;
    for (const match of matchPattern(item, reference.path.slice(0, -2))) {
      if (!Array.isArray(match.value)) continue;
      const kept = match.value.filter((value) => !collect.leftOutClients.has(String(value)));
      if (kept.length === match.value.length) continue;
      for (const value of match.value.filter((entry) => !kept.includes(entry))) {
        collect.note(
          'system',
          where(match.segments),
          `names ${String(value)}, a client left out: not written`,
        );
      }
      setAt(item, match.segments, kept);
    }
  }
}
