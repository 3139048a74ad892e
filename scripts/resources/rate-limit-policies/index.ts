/**
 * Rate limit policies (`rateLimitPolicies:`): how many Authentication API requests a consumer may make and
 * what happens beyond that. Identified by the consumer selector, as deploy-cli matches them (its
 * identifiers are `id`, then `consumer_selector`); a `client_id:<id>` selector holds the client's id as
 * it is (deploy-cli does not resolve a name), so write it through a keyword per environment. deploy-cli's
 * update sends only the configuration. A feature Auth0 enables per tenant: without it the scopes do not
 * exist and every call is refused 403 insufficient scope.
 */
import { defineResource, type Rec } from '../define';
import { rateLimitPolicyRoutes } from './local-routes';
import { rateLimitPoliciesSchema } from './schema';

const byConsumerSelector = (policy: Rec): string => String(policy.consumer_selector ?? '');

export const rateLimitPolicies = defineResource({
  key: 'rateLimitPolicies',
  shape: 'list',
  noun: 'rate limit policy',
  identityField: 'consumer_selector',
  calls: '`GET`/`POST /rate-limit-policies`, `PATCH`/`DELETE /rate-limit-policies/{id}`',
  scopes: {
    read: ['read:rate_limit_policies'],
    write: ['create:rate_limit_policies', 'update:rate_limit_policies'],
    remove: ['delete:rate_limit_policies'],
  },
  schema: rateLimitPoliciesSchema,
  identity: byConsumerSelector,
  compare: { createOnly: ['resource', 'consumer'], deletable: true },
  localState: [{ field: 'rateLimitPolicies', shape: 'list' }],
  localRoutes: () => rateLimitPolicyRoutes,
});
