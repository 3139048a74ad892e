/**
 * Flow vault connections (`flowVaultConnections:`): the credentials Auth0's Flows sign in to other apps
 * with (an HTTP API, Slack, Stripe, ...), which a flow's actions name by the connection's name. Identified
 * by name, as deploy-cli matches them; deploy-cli writes them before flows (its order 70, flows 80).
 *
 * Auth0 never returns `setup` on a read, and a connection has no field to record a fingerprint in, so the
 * plan cannot tell whether the credentials changed: it notes them as not compared, and a deploy writes
 * them with a create, or on an existing connection only with --rewrite-secrets (deploy-cli then sends the
 * name and the whole setup). The setup's other fields (its type, a base URL) are as unreadable, and are
 * written with the credentials; they are left out of the comparison so that the plan claims no change it
 * cannot see.
 */
import { asRecord } from '../../tenant/checks/read';
import { byName, defineResource, type Rec } from '../define';
import { flowVaultConnectionRoutes } from './local-routes';
import { flowVaultConnectionsSchema, SETUP_CREDENTIALS } from './schema';

/** What Auth0 records about a connection (and deploy-cli's dump keeps some of) rather than its configuration. */
const CONNECTION_STATE = ['created_at', 'updated_at', 'refreshed_at', 'fingerprint', 'ready', 'account_name'];

function comparable(connection: Rec): Rec {
  const rest = Object.fromEntries(
    Object.entries(connection).filter(([key]) => !CONNECTION_STATE.includes(key)),
  );
  const setup = asRecord(connection.setup);
  if (!setup) return rest;
  const credentials = Object.entries(setup).filter(([key]) =>
    (SETUP_CREDENTIALS as readonly string[]).includes(key),
  );
  const { setup: _setup, ...withoutSetup } = rest;
  return credentials.length > 0 ? { ...withoutSetup, setup: Object.fromEntries(credentials) } : withoutSetup;
}

export const flowVaultConnections = defineResource({
  key: 'flowVaultConnections',
  shape: 'list',
  noun: 'flow vault connection',
  identityField: 'name',
  calls: '`GET`/`POST /flows/vault/connections`, `PATCH`/`DELETE /flows/vault/connections/{id}`',
  scopes: {
    read: ['read:flows_vault_connections'],
    write: ['create:flows_vault_connections', 'update:flows_vault_connections'],
    remove: ['delete:flows_vault_connections'],
  },
  schema: flowVaultConnectionsSchema,
  identity: byName,
  secrets: SETUP_CREDENTIALS.map((field) => ({
    path: `setup.${field}`,
    returned: false,
    sensitive: 'always',
    label: 'flow vault connection credential',
  })),
  compare: { normalize: comparable, deletable: true },
  localState: [{ field: 'flowVaultConnections', shape: 'list' }],
  localRoutes: () => flowVaultConnectionRoutes,
});
