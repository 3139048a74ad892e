import { connectionRoutes } from '../local-tenant/api/connections';
import { byName, type Rec, type Refs, type ResourceDefinition } from './define';

/**
 * The deploy's own client is not ours to enable or disable (Auth0 enables a connection made in the
 * dashboard for every application, the deployer's too): the plan leaves it out of `enabled_clients` on
 * both sides, and the engine has deploy-cli keep its enablement as it is (deploy-cli's excluded clients).
 */
export function withoutDeployClient(connection: Rec, refs: Refs): Rec {
  const enabled = connection.enabled_clients;
  if (!Array.isArray(enabled) || refs.deployClientId === undefined) return connection;
  const deployer = [refs.deployClientId, refs.clientName(refs.deployClientId)];
  return { ...connection, enabled_clients: enabled.filter((client) => !deployer.includes(String(client))) };
}

/** `databases:` and `connections:` are both Auth0 connections, read and written through /connections. */
export const connectionType = {
  shape: 'list',
  noun: 'connection',
  identityField: 'name',
  collection: 'connections',
  calls:
    '`GET`/`POST /connections`, `GET`/`PATCH`/`DELETE /connections/{id}`, `GET`/`PATCH /connections/{id}/clients` (enabled applications)',
  scopes: {
    read: ['read:connections'],
    write: ['create:connections', 'update:connections'],
    remove: ['delete:connections'],
  },
  identity: byName,
  references: [{ path: 'enabled_clients.*', to: 'clients' }],
  carrier: { kind: 'metadata', field: 'metadata' },
  compare: { normalize: withoutDeployClient, deletable: true },
  after: ['clients'],
  localState: [{ field: 'connections', shape: 'list' as const }],
  localRoutes: () => connectionRoutes,
} satisfies Partial<ResourceDefinition>;
