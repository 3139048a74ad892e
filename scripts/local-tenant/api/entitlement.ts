/**
 * Routes of a paid feature (TenantState.entitlements): on a tenant without it each answers, before
 * anything else, the refusal Auth0 gives such a tenant for that route.
 */
import type { ApiError } from '../http/errors';
import type { Route } from '../http/router';

export function entitled(
  feature: string,
  routes: readonly Route[],
  refusal: (route: Route) => ApiError,
): Route[] {
  return routes.map((route) => ({
    ...route,
    handler: (context) => {
      if (!(context.store.state.entitlements ?? []).includes(feature)) throw refusal(route);
      return route.handler(context);
    },
  }));
}
