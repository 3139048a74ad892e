import { credentialExpiryRoute } from '../../resources/client-auth-credentials/local-routes';
import { RESOURCE_TYPES } from '../../resources/index';
import { organizationClientGrantAssociations } from '../../resources/organizations/local-routes';
import { Router } from '../http/router';

/**
 * Every Management API route the local tenant serves: the routes of each type in the resource registry
 * (types that share their routes, such as the two kinds of connection, list them once), and the client
 * credentials deploy-cli reads, and the calls Auth0 serves that no deploy makes (a credential's expiry,
 * an organization's client grant associated or removed):
 * those belong to no type, whose scopes are what the deploy application is granted. All other paths
 * answer 403 insufficient_scope.
 *
 * A type's routes come from a declaration: `collectionRoutes` (./collection) for a list of items by id,
 * `singletonRoutes` (./singleton) for a settings object, with request bodies as JSON schemas built from
 * ./schemas/json. The state field its items live in is the one its registry module names in
 * `localState`; a type writes by hand only the routes and checks its declaration cannot say.
 */
export function createRouter(options: { actionBuildMs: number }): Router {
  const routes = new Set(RESOURCE_TYPES.flatMap((type) => type.localRoutes?.(options) ?? []));
  return new Router().add(...routes, credentialExpiryRoute, ...organizationClientGrantAssociations);
}
