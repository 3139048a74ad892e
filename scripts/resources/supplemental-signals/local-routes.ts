/**
 * The local tenant's /supplemental-signals, as the recordings show Auth0 answering a tenant without the
 * feature: 403 "Please upgrade your subscription to enable Akamai Signals." (error code
 * `insufficient_scope`, though the token has the scope) on every call. A tenant given the
 * `supplemental_signals` entitlement reads `{ akamai_enabled }` (false until set) and takes a PATCH.
 */

import { entitled } from '../../local-tenant/api/entitlement';
import { boolean, closedObject } from '../../local-tenant/api/schemas/json';
import { singletonRoutes } from '../../local-tenant/api/singleton';
import { ApiError } from '../../local-tenant/http/errors';
import type { Route } from '../../local-tenant/http/router';

export const SUPPLEMENTAL_SIGNALS_ENTITLEMENT = 'supplemental_signals';
export const UPGRADE_MESSAGE = 'Please upgrade your subscription to enable Akamai Signals.';

const routes = singletonRoutes({
  path: '/supplemental-signals',
  scopes: { read: 'read:attack_protection', update: 'update:attack_protection' },
  at: 'supplementalSignals',
  initial: { akamai_enabled: false },
  schema: closedObject({ akamai_enabled: boolean }, ['akamai_enabled']),
});

/** Each route answers 403 first when the tenant lacks the entitlement, as Auth0 does. */
export const supplementalSignalsRoutes: Route[] = entitled(
  SUPPLEMENTAL_SIGNALS_ENTITLEMENT,
  routes,
  () => new ApiError(403, UPGRADE_MESSAGE, 'insufficient_scope'),
);
