/**
 * The local tenant's /event-streams, as the recordings show Auth0 answering: a checkpoint list under
 * `eventStreams` (`take`, `from`, `next`), each stream with its timestamps, and a webhook's authorization
 * answered with its method (and a basic one's username, a custom header's name) but never the secret.
 */
import { randomBytes } from 'node:crypto';
import { collectionRoutes } from '../../local-tenant/api/collection';
import { scopes } from '../../local-tenant/api/common';
import { array, closedObject, object, oneOf, string, updateBody } from '../../local-tenant/api/schemas/json';
import type { JsonObject } from '../../local-tenant/state/types';
import { DESTINATION_TYPES } from './schema';

const CREATE = closedObject(
  {
    name: string,
    subscriptions: array,
    destination: closedObject({ type: oneOf(DESTINATION_TYPES), configuration: object }, [
      'type',
      'configuration',
    ]),
    status: oneOf(['enabled', 'disabled']),
  },
  ['destination'],
);
const UPDATE = updateBody(CREATE, {});

/** The fields of a webhook authorization that are secrets: stored, never answered. */
const SECRET_FIELDS = ['password', 'token', 'header_value'];

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const streamId = () => `est_${Array.from(randomBytes(22), (byte) => BASE62[byte % BASE62.length]).join('')}`;

/** The stream as answered: without the webhook's secret. */
function withoutSecrets(stream: JsonObject): JsonObject {
  const destination = stream.destination as JsonObject | undefined;
  const configuration = destination?.configuration as JsonObject | undefined;
  const authorization = configuration?.webhook_authorization as JsonObject | undefined;
  if (!destination || !configuration || !authorization) return structuredClone(stream);
  const shown = Object.fromEntries(
    Object.entries(authorization).filter(([key]) => !SECRET_FIELDS.includes(key)),
  );
  return {
    ...structuredClone(stream),
    destination: { ...destination, configuration: { ...configuration, webhook_authorization: shown } },
  };
}

/** Timestamps as Auth0 keeps them; an EventBridge destination given the partner source AWS creates. */
function stamped(fields: JsonObject, existing: JsonObject | undefined): JsonObject {
  const now = new Date().toISOString();
  const stream: JsonObject = { ...fields, created_at: existing?.created_at ?? now, updated_at: now };
  const destination = fields.destination as JsonObject | undefined;
  if (!existing && destination?.type === 'eventbridge') {
    const configuration = destination.configuration as JsonObject;
    stream.destination = {
      ...destination,
      configuration: {
        ...configuration,
        aws_partner_event_source: `aws.partner/auth0.com/local-${randomBytes(8).toString('hex')}/auth0.events`,
      },
    };
  }
  return stream;
}

export const eventStreamRoutes = collectionRoutes({
  path: '/event-streams',
  field: 'eventStreams',
  id: { field: 'id', generate: streamId },
  scopes: scopes('event_streams'),
  schemas: { create: CREATE, update: UPDATE },
  notFound: { message: 'Event stream not found', errorCode: 'inexistent_event_stream' },
  list: { key: 'eventStreams', paging: 'checkpoint' },
  // Not recorded: Auth0's dashboard creates a stream disabled until it is enabled.
  defaults: { status: 'disabled', subscriptions: [] },
  prepare: (fields, _state, existing) => stamped(fields, existing),
  render: (stream) => withoutSecrets(stream),
});
