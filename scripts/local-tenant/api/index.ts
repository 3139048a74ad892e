import { RESOURCE_TYPES } from '../../resources/index';
import { Router } from '../http/router';
import { clientCredentialRoutes } from './clients';

/**
 * Every Management API route the local tenant serves: the routes of each type in the resource registry
 * (types that share their routes, such as the two kinds of connection, list them once), and the client
 * credentials deploy-cli reads. All other paths answer 403 insufficient_scope.
 */
export function createRouter(options: { actionBuildMs: number }): Router {
  const routes = new Set(RESOURCE_TYPES.flatMap((type) => type.localRoutes(options)));
  return new Router().add(...routes, ...clientCredentialRoutes);
}
