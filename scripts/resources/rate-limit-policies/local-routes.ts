/**
 * The local tenant's /rate-limit-policies. Rate limit policies are a feature Auth0 enables per tenant:
 * on a tenant without it the Management API has no such scopes, so every call is answered 403
 * "Insufficient scope, expected any of: read:rate_limit_policies" (the recordings). With the
 * `rate_limit_policies` entitlement: a checkpoint list under `rate_limit_policies`, a create answered
 * 201 with the policy and its timestamps, a PATCH of the configuration only, a delete with 204; one
 * policy per resource, consumer and selector.
 */
import { collectionRoutes } from '../../local-tenant/api/collection';
import { nowIso, scopes } from '../../local-tenant/api/common';
import { entitled } from '../../local-tenant/api/entitlement';
import { closedObject, object, oneOf, string } from '../../local-tenant/api/schemas/json';
import { insufficientScope } from '../../local-tenant/http/errors';
import type { Route } from '../../local-tenant/http/router';
import { newRateLimitPolicyId } from '../../local-tenant/ids';
import type { JsonObject } from '../../local-tenant/state/types';
import { CONSUMERS, RESOURCES } from './schema';

export const RATE_LIMIT_POLICIES_ENTITLEMENT = 'rate_limit_policies';

const CREATE = closedObject(
  {
    resource: oneOf(RESOURCES),
    consumer: oneOf(CONSUMERS),
    consumer_selector: string,
    configuration: object,
  },
  ['resource', 'consumer', 'consumer_selector', 'configuration'],
);
const UPDATE = closedObject({ configuration: object }, ['configuration']);

function stamped(fields: JsonObject, existing: JsonObject | undefined): JsonObject {
  const now = nowIso();
  return { ...fields, ...(existing ? {} : { created_at: now }), updated_at: now };
}

const routes = collectionRoutes({
  path: '/rate-limit-policies',
  field: 'rateLimitPolicies',
  id: { field: 'id', generate: newRateLimitPolicyId },
  scopes: scopes('rate_limit_policies'),
  schemas: { create: CREATE, update: UPDATE },
  notFound: { message: 'Rate limit policy not found', errorCode: 'inexistent_rate_limit_policy' },
  unique: [
    {
      fields: ['resource', 'consumer', 'consumer_selector'],
      message: (policy) => `A rate limit policy for "${String(policy.consumer_selector)}" already exists`,
    },
  ],
  list: { key: 'rate_limit_policies', paging: 'checkpoint' },
  prepare: (fields, _state, existing) => stamped(fields, existing),
});

/** Without the entitlement, the route's scope does not exist: a token cannot carry it. */
export const rateLimitPolicyRoutes: Route[] = entitled(RATE_LIMIT_POLICIES_ENTITLEMENT, routes, (route) =>
  insufficientScope(route.scope),
);
