/**
 * The local tenant's /log-streams, as the recordings show Auth0 answering: a plain list (no paging), a
 * create answered with 200 and the stream `active`, an EventBridge or Event Grid sink given the partner
 * source Auth0 creates for it. Auth0 accepts `status` only on an update and `type` only on a create.
 */
import { randomBytes } from 'node:crypto';
import { collectionRoutes } from '../../local-tenant/api/collection';
import { scopes } from '../../local-tenant/api/common';
import {
  array,
  boolean,
  closedObject,
  object,
  oneOf,
  string,
  updateBody,
} from '../../local-tenant/api/schemas/json';
import { ok } from '../../local-tenant/http/router';
import type { JsonObject } from '../../local-tenant/state/types';
import { LOG_STREAM_TYPES } from './schema';

const CREATE = closedObject(
  {
    name: string,
    type: oneOf(LOG_STREAM_TYPES),
    isPriority: boolean,
    filters: array,
    pii_config: object,
    sink: object,
    startFrom: string,
  },
  ['type', 'sink'],
);
const UPDATE = updateBody(CREATE, {
  createOnly: ['type', 'startFrom'],
  extra: { status: oneOf(['active', 'paused', 'suspended']) },
});

/** Sink fields Auth0 fills in on the cloud provider's side: answered, never written. */
export const PROVISIONED = ['awsPartnerEventSource', 'azurePartnerTopic'];

/**
 * The sink as stored: on a create, with what Auth0 provisions on the cloud provider's side for an
 * EventBridge or Event Grid stream; on an update, keeping what it provisioned.
 */
function withProvisioned(fields: JsonObject, existing: JsonObject | undefined): JsonObject {
  if (fields.sink === undefined) return fields;
  const sink = { ...(fields.sink as JsonObject) };
  const before = (existing?.sink ?? {}) as JsonObject;
  for (const key of PROVISIONED) if (before[key] !== undefined) sink[key] = before[key];
  const tag = randomBytes(8).toString('hex');
  if (!existing && fields.type === 'eventbridge') {
    sink.awsPartnerEventSource = `aws.partner/auth0.com/local-${tag}/auth0.logs`;
  }
  if (!existing && fields.type === 'eventgrid') sink.azurePartnerTopic = `auth0-logs-local-${tag}`;
  return { ...fields, sink };
}

export const logStreamRoutes = collectionRoutes({
  path: '/log-streams',
  field: 'logStreams',
  id: {
    field: 'id',
    generate: () =>
      `lst_${BigInt(`0x${randomBytes(7).toString('hex')}`)
        .toString()
        .padStart(16, '0')
        .slice(0, 16)}`,
  },
  scopes: scopes('log_streams'),
  schemas: { create: CREATE, update: UPDATE },
  notFound: { message: 'The log stream does not exist', errorCode: 'inexistent_log_stream' },
  list: { key: 'log_streams', paging: 'none' },
  defaults: { status: 'active', isPriority: false },
  prepare: (fields, _state, existing) => withProvisioned(fields, existing),
  created: (stream) => ok(stream),
});
