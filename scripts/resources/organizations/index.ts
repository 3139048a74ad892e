/**
 * Organizations (`organizations:`): the business customers users sign in through, each with its branding,
 * metadata, token quota and the connections its members use. Identified by name, as deploy-cli matches
 * them. deploy-cli writes an enabled connection by connection name, looks the name up among all the
 * tenant's connections for its id (a name it cannot find is dropped without a word, so the check refuses
 * it), and reads each entry back with its `connection_id` and `connection: { name, strategy }`.
 *
 * Members and invitations are user data, not configuration: nothing here reads or writes them.
 */
import { asRecord } from '../../tenant/checks/read';
import { byName, defineResource, isRecord, type Rec } from '../define';
import { organizationRoutes } from './local-routes';
import { organizationPolicy } from './policy';
import { organizationsSchema } from './schema';

/** What Auth0 answers for a setting an enabled connection was created without. */
const ENTRY_DEFAULTS = { assign_membership_on_login: false, show_as_button: true, is_signup_enabled: false };

/**
 * An enabled connection in one vocabulary: named by connection name (as read, it has the connection's id
 * and a `connection` object), with Auth0's defaults filled in, so that an entry that leaves a setting out
 * compares equal to what Auth0 answers for it. `is_enabled: true` is what every enabled entry reads with.
 */
function enabledConnection(entry: unknown): unknown {
  if (!isRecord(entry)) return entry;
  const { connection, connection_id: _id, is_enabled, ...settings } = entry;
  const name = entry.name ?? asRecord(connection)?.name;
  return {
    ...ENTRY_DEFAULTS,
    ...settings,
    ...(name === undefined ? {} : { name }),
    ...(is_enabled === undefined || is_enabled === true ? {} : { is_enabled }),
  };
}

function normalize(organization: Rec): Rec {
  // The organization's client grants (deploy-cli reads them for every organization) are not managed here.
  const { client_grants: _grants, ...rest } = organization;
  if (!Array.isArray(rest.connections)) return rest;
  return { ...rest, connections: rest.connections.map(enabledConnection) };
}

export const organizations = defineResource({
  key: 'organizations',
  shape: 'list',
  noun: 'organization',
  identityField: 'name',
  calls:
    '`GET`/`POST /organizations`, `PATCH`/`DELETE /organizations/{id}`, `GET`/`POST /organizations/{id}/connections`, `PATCH`/`DELETE /organizations/{id}/connections/{connection_id}`, `GET /organizations/{id}/client-grants`',
  writeRoutes: {
    create: 'POST /organizations',
    update: 'PATCH /organizations/:id',
    delete: 'DELETE /organizations/:id',
  },
  scopes: {
    read: ['read:organizations', 'read:organization_connections', 'read:organization_client_grants'],
    write: [
      'create:organizations',
      'update:organizations',
      'create:organization_connections',
      'update:organization_connections',
      // Removing a connection from an organization is part of updating the organization.
      'delete:organization_connections',
    ],
    remove: ['delete:organizations'],
  },
  schema: organizationsSchema,
  identity: byName,
  references: [{ path: 'connections.*.name', to: 'connections' }],
  compare: { normalize, deletable: true },
  policy: organizationPolicy,
  after: ['databases', 'connections'],
  localState: [{ field: 'organizations', shape: 'list' }],
  localRoutes: () => organizationRoutes,
});
