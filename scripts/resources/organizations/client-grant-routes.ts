/**
 * An organization's client grants in the local tenant (`/organizations/{id}/client-grants`): this
 * repository never associates one, but a tenant it deploys to may have them, made by hand or by another
 * tool, and a deploy must leave them be. So the local tenant offers Auth0's three calls: a grant is
 * listed with offset paging (`{ client_grants, start, limit, total }`, as the recordings show),
 * associated by id (201, answered with the grant's own fields) and removed (204). A grant deleted from
 * the tenant is no longer associated anywhere. The deploy reads the list; it never associates or removes
 * one, so those two routes belong to no type (their scopes are not the deploy application's).
 */
import { copy, type RouteList } from '../../local-tenant/api/common';
import { closedObject, string } from '../../local-tenant/api/schemas/json';
import { conflict, notFound } from '../../local-tenant/http/errors';
import { pageOf } from '../../local-tenant/http/paging';
import { created, noContent, ok, type RequestContext, type Route } from '../../local-tenant/http/router';
import { validateBody } from '../../local-tenant/http/validate';
import type { JsonObject, TenantState } from '../../local-tenant/state/types';

/** The field of a stored organization that holds the ids of its client grants. */
export const GRANTS = 'client_grants';

/** The fields of a grant an organization's answers show (OrganizationClientGrant in the SDK). */
const SHOWN = ['id', 'client_id', 'audience', 'scope', 'organization_usage', 'allow_any_organization'];

const ASSOCIATE = closedObject({ grant_id: string }, ['grant_id']);

type FindOrganization = (state: TenantState, id: string) => JsonObject;

function grantIdsOf(organization: JsonObject): string[] {
  if (!Array.isArray(organization[GRANTS])) organization[GRANTS] = [];
  return organization[GRANTS] as string[];
}

function shown(grant: JsonObject): JsonObject {
  return copy(Object.fromEntries(Object.entries(grant).filter(([key]) => SHOWN.includes(key))));
}

/** The organization's grants that still exist, as answered. */
function grantsOf(state: TenantState, organization: JsonObject): JsonObject[] {
  return grantIdsOf(organization).flatMap((id) => {
    const grant = state.clientGrants.find((candidate) => candidate.id === id);
    return grant ? [shown(grant)] : [];
  });
}

const PATH = '/organizations/:id/client-grants';

function organizationIn(findOrganization: FindOrganization) {
  return ({ store, params }: RequestContext) => findOrganization(store.state, params.id ?? '');
}

/** The list of an organization's client grants, which deploy-cli reads for every organization. */
export function organizationClientGrantsRoute(findOrganization: FindOrganization): Route {
  const organizationOf = organizationIn(findOrganization);
  return {
    method: 'GET',
    template: PATH,
    scope: 'read:organization_client_grants',
    handler: (ctx) => ok(pageOf(grantsOf(ctx.store.state, organizationOf(ctx)), 'client_grants', ctx.query)),
  };
}

/** Associating a client grant with an organization, and removing it: what no deploy does. */
export function organizationClientGrantAssociationRoutes(findOrganization: FindOrganization): RouteList {
  const organizationOf = organizationIn(findOrganization);
  return [
    {
      method: 'POST',
      template: PATH,
      scope: 'create:organization_client_grants',
      handler: (ctx) => {
        const organization = organizationOf(ctx);
        const { grant_id } = validateBody(ctx.body, ASSOCIATE);
        const grant = ctx.store.state.clientGrants.find((candidate) => candidate.id === grant_id);
        if (!grant) throw notFound('The client grant does not exist', 'inexistent_client_grant');
        const ids = grantIdsOf(organization);
        if (grantsOf(ctx.store.state, organization).some((item) => item.id === grant_id)) {
          throw conflict('The client grant is already associated with this organization');
        }
        organization[GRANTS] = [...ids.filter((id) => id !== grant_id), String(grant_id)];
        return created(shown(grant));
      },
    },
    {
      method: 'DELETE',
      template: `${PATH}/:grant_id`,
      scope: 'delete:organization_client_grants',
      handler: (ctx) => {
        const organization = organizationOf(ctx);
        organization[GRANTS] = grantIdsOf(organization).filter((id) => id !== ctx.params.grant_id);
        return noContent();
      },
    },
  ];
}
