/**
 * The local tenant's /flows/vault/connections, as the recordings show Auth0 answering the list (offset
 * paging, the items under `connections`) and as the Management API documents the rest: a create answered
 * 201, a PATCH of the name and the setup answered 200, a delete 204. No read answers `setup`: Auth0 keeps
 * the credentials write-only, and answers `ready` (whether a setup was given) and a fingerprint instead.
 */
import { createHash } from 'node:crypto';
import { collectionRoutes } from '../../local-tenant/api/collection';
import { scopes, withTimestamps } from '../../local-tenant/api/common';
import { closedObject, object, oneOf, string, updateBody } from '../../local-tenant/api/schemas/json';
import { newFlowVaultConnectionId } from '../../local-tenant/ids';
import type { JsonObject } from '../../local-tenant/state/types';
import { VAULT_APP_IDS } from './schema';

const CREATE = closedObject(
  { name: string, app_id: oneOf(VAULT_APP_IDS), environment: string, setup: object },
  ['name', 'app_id'],
);
const UPDATE = updateBody(CREATE, { createOnly: ['app_id', 'environment'] });

/** Stored with its timestamps, whether it is set up, and a fingerprint of the setup (never the setup's text). */
function stamped(fields: JsonObject, existing: JsonObject | undefined): JsonObject {
  const setup = fields.setup ?? existing?.setup;
  const fingerprint = createHash('sha256')
    .update(JSON.stringify(setup ?? null))
    .digest('hex');
  return { ...withTimestamps(fields, existing), ready: setup !== undefined, fingerprint };
}

export const flowVaultConnectionRoutes = collectionRoutes({
  path: '/flows/vault/connections',
  field: 'flowVaultConnections',
  id: { field: 'id', generate: newFlowVaultConnectionId },
  scopes: scopes('flows_vault_connections'),
  schemas: { create: CREATE, update: UPDATE },
  notFound: {
    message: 'The flows vault connection does not exist',
    errorCode: 'inexistent_flows_vault_connection',
  },
  list: { key: 'connections', paging: 'offset' },
  prepare: (fields, _state, existing) => stamped(fields, existing),
  render: ({ setup: _setup, ...connection }) => connection,
});
