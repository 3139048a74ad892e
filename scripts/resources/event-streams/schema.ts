/**
 * An event stream as `tenant.yaml` writes it, after the Management API's types (auth0 SDK:
 * CreateEventStream*RequestContent and EventStream*Destination): the destination's configuration depends
 * on its `type`, so each type's configuration is its own closed object, and a webhook's authorization
 * its own per method. `aws_partner_event_source` is what Auth0 provisioned on AWS: an export has it,
 * deploy-cli strips it from a create, and the plan does not compare it.
 */
import {
  closedObject,
  type JsonSchema,
  listOf,
  nonEmptyText,
  oneOfValues,
  text,
} from '../../tenant/schema/common';
import { EVENTBRIDGE_REGIONS } from '../log-streams/schema';

/** The events a stream can subscribe to (EventStreamEventTypeEnum). */
export const EVENT_TYPES = [
  'connection.created',
  'connection.deleted',
  'connection.updated',
  'group.created',
  'group.deleted',
  'group.member.added',
  'group.member.deleted',
  'group.role.assigned',
  'group.role.deleted',
  'group.updated',
  'organization.connection.added',
  'organization.connection.removed',
  'organization.connection.updated',
  'organization.created',
  'organization.deleted',
  'organization.group.role.assigned',
  'organization.group.role.deleted',
  'organization.member.added',
  'organization.member.deleted',
  'organization.member.role.assigned',
  'organization.member.role.deleted',
  'organization.updated',
  'user.created',
  'user.deleted',
  'user.updated',
];

/** A webhook's authorization, by method: the password, token and header value are secrets. */
export const WEBHOOK_AUTHORIZATIONS: Record<string, JsonSchema> = {
  basic: closedObject({ method: oneOfValues(['basic']), username: nonEmptyText, password: nonEmptyText }, [
    'method',
    'username',
    'password',
  ]),
  bearer: closedObject({ method: oneOfValues(['bearer']), token: nonEmptyText }, ['method', 'token']),
  custom_header: closedObject(
    { method: oneOfValues(['custom_header']), header_key: nonEmptyText, header_value: nonEmptyText },
    ['method', 'header_key', 'header_value'],
  ),
};

const webhookAuthorization: JsonSchema = {
  type: 'object',
  properties: { method: oneOfValues(Object.keys(WEBHOOK_AUTHORIZATIONS)) },
  required: ['method'],
  allOf: Object.entries(WEBHOOK_AUTHORIZATIONS).map(([method, schema]) => ({
    if: { properties: { method: { const: method } }, required: ['method'] },
    // biome-ignore lint/suspicious/noThenProperty: `then` is JSON Schema's keyword, not a promise.
    then: schema,
  })),
};

/** Each destination type's configuration, and which of its fields Auth0 requires. */
export const DESTINATIONS: Record<string, JsonSchema> = {
  webhook: closedObject({ webhook_endpoint: nonEmptyText, webhook_authorization: webhookAuthorization }, [
    'webhook_endpoint',
    'webhook_authorization',
  ]),
  eventbridge: closedObject(
    {
      aws_account_id: nonEmptyText,
      aws_region: oneOfValues(EVENTBRIDGE_REGIONS),
      aws_partner_event_source: text,
    },
    ['aws_account_id', 'aws_region'],
  ),
  // deploy-cli names the action by its name and resolves it to the action's id.
  action: closedObject({ action_id: nonEmptyText }, ['action_id']),
};

export const DESTINATION_TYPES = Object.keys(DESTINATIONS);

const eventStreamSchema: JsonSchema = closedObject(
  {
    name: nonEmptyText,
    status: oneOfValues(['enabled', 'disabled']),
    subscriptions: listOf(closedObject({ event_type: oneOfValues(EVENT_TYPES) }, ['event_type']), {
      uniqueItems: true,
    }),
    destination: {
      ...closedObject({ type: oneOfValues(DESTINATION_TYPES), configuration: { type: 'object' } }, [
        'type',
        'configuration',
      ]),
      // The configuration's own fields, by the destination's type.
      allOf: Object.entries(DESTINATIONS).map(([type, configuration]) => ({
        if: { properties: { type: { const: type } }, required: ['type'] },
        // biome-ignore lint/suspicious/noThenProperty: `then` is JSON Schema's keyword, not a promise.
        then: { properties: { configuration } },
      })),
    },
  },
  ['name', 'destination'],
);

export const eventStreamsSchema: JsonSchema = listOf(eventStreamSchema);
