/**
 * A rate limit policy as `tenant.yaml` writes it, after the Management API's RateLimitPolicy types and
 * deploy-cli's schema for the section: how many Authentication API requests a consumer (a client, all
 * third-party clients, ...) may make, and what happens beyond that: block, log, or redirect.
 */
import {
  closedObject,
  type JsonSchema,
  listOf,
  nonEmptyText,
  oneOfValues,
  readOnly,
} from '../../tenant/schema/common';

export const RESOURCES = ['oauth_authentication_api'];
export const CONSUMERS = ['client'];
export const ACTIONS = ['allow', 'block', 'log', 'redirect'];

const configuration: JsonSchema = {
  ...closedObject(
    {
      action: {
        ...oneOfValues(ACTIONS),
        description:
          'What happens to a request: allowed always, or beyond the limit blocked, logged or redirected',
      },
      limit: {
        type: 'number',
        exclusiveMinimum: 0,
        description: 'Requests allowed before the action applies',
      },
      redirect_uri: {
        ...nonEmptyText,
        description: 'Where a redirect action sends a request beyond the limit',
      },
    },
    ['action'],
  ),
  // deploy-cli's schema: a limit for every action but allow, and a redirect_uri for redirect.
  allOf: [
    {
      if: { properties: { action: { enum: ['block', 'log', 'redirect'] } } },
      // biome-ignore lint/suspicious/noThenProperty: `then` is JSON Schema's keyword, not a promise.
      then: { properties: { limit: {} }, required: ['limit'] },
    },
    {
      if: { properties: { action: { const: 'redirect' } } },
      // biome-ignore lint/suspicious/noThenProperty: `then` is JSON Schema's keyword, not a promise.
      then: { properties: { redirect_uri: {} }, required: ['redirect_uri'] },
    },
  ],
};

const policySchema = closedObject(
  {
    resource: { ...oneOfValues(RESOURCES), description: 'The API the policy protects' },
    consumer: { ...oneOfValues(CONSUMERS), description: 'Who the policy counts requests of' },
    consumer_selector: {
      type: 'string',
      pattern: '^(client_id:.+|cimd_clients|third_party_clients|default)$',
      description:
        'Which consumers: client_id:<client id or CIMD URI>, cimd_clients, third_party_clients or default; ' +
        'deploy-cli matches policies by it (the client id is not resolved from a name)',
    },
    configuration,
    id: readOnly('Auth0 names the policy when it is created; the file names it by its consumer selector'),
  },
  ['resource', 'consumer', 'consumer_selector', 'configuration'],
);

export const rateLimitPoliciesSchema: JsonSchema = listOf(policySchema);
