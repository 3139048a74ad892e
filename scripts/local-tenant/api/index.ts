import { Router } from '../http/router';
import { actionRoutes } from './actions';
import { attackProtectionRoutes } from './attack-protection';
import { clientGrantRoutes } from './client-grants';
import { clientRoutes } from './clients';
import { connectionRoutes } from './connections';
import { guardianRoutes } from './guardian';
import { resourceServerRoutes } from './resource-servers';
import { roleRoutes } from './roles';
import { tenantSettingsRoutes } from './tenant-settings';
import { triggerRoutes } from './triggers';

/** Every Management API route the local tenant serves (all others answer 403 insufficient_scope). */
export function createRouter(options: { actionBuildMs: number }): Router {
  return new Router().add(
    ...tenantSettingsRoutes,
    ...clientRoutes,
    ...clientGrantRoutes,
    ...resourceServerRoutes,
    ...connectionRoutes,
    ...actionRoutes({ buildMs: options.actionBuildMs }),
    ...triggerRoutes,
    ...attackProtectionRoutes,
    ...guardianRoutes,
    ...roleRoutes,
  );
}
