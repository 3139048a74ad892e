/**
 * An organization's parts that Auth0 serves at paths of their own (`/organizations/{id}/...`), beyond its
 * enabled connections: deploy-cli reads each of them for every organization, and writes them when it
 * updates one. This repository does not manage them (schema.ts leaves them out), so:
 * - a plan's read skips them (three calls per organization that no comparison looks at);
 * - an update keeps them as the tenant has them (deploy-cli would drop a client grant the file omits).
 */
export const UNMANAGED_ORGANIZATION_PARTS = ['client_grants', 'discovery_domains', 'clients'] as const;

export type UnmanagedOrganizationPart = (typeof UNMANAGED_ORGANIZATION_PARTS)[number];
