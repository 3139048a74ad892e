/**
 * Flows (`flows:`): the server-side steps Auth0 runs when a form is submitted (call an API, update the
 * user, send an email), each a list of actions. Identified by name, as deploy-cli matches them.
 * tenant.yaml names the flow and its JSON file (`body`); deploy-cli's import spreads the parsed file into
 * the flow, so the plan compares the file's fields with what Auth0 reads back. An action reaching another
 * app names its vault connection by name in `connection_id`: deploy-cli swaps names for ids on the way
 * in and ids for names on the way out, so the plan compares names; the check refuses a name that no
 * `flowVaultConnections:` item has. Auth0's timestamps are its state. No secrets: the credentials are
 * the vault connection's.
 */
import { byName, defineResource, type Rec } from '../define';
import { flowRoutes } from './local-routes';
import { flowsSchema } from './schema';

/** What Auth0 records about a flow rather than what it is configured to be. */
const FLOW_STATE = ['created_at', 'updated_at', 'executed_at'];

function withoutState(flow: Rec): Rec {
  return Object.fromEntries(Object.entries(flow).filter(([key]) => !FLOW_STATE.includes(key)));
}

export const flows = defineResource({
  key: 'flows',
  shape: 'list',
  noun: 'flow',
  identityField: 'name',
  calls: '`GET`/`POST /flows`, `GET`/`PATCH`/`DELETE /flows/{id}`, `GET /flows/vault/connections`',
  scopes: {
    read: ['read:flows', 'read:flows_vault_connections'],
    write: ['create:flows', 'update:flows'],
    remove: ['delete:flows'],
  },
  schema: flowsSchema,
  identity: byName,
  files: [
    {
      path: 'body',
      what: 'body',
      format: 'json',
      references: [{ key: 'connection_id', to: 'flowVaultConnections' }],
    },
  ],
  // An action runs its steps in order: the actions list is ordered.
  compare: { ordered: ['actions'], normalize: withoutState, deletable: true },
  after: ['flowVaultConnections'],
  localState: [{ field: 'flows', shape: 'list' }],
  localRoutes: () => flowRoutes,
});
