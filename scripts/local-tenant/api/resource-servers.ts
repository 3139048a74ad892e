import { createHash } from 'node:crypto';
import { badRequest } from '../http/errors';
import { isJsonObject } from '../http/validate';
import { newResourceServerId } from '../ids';
import type { JsonObject } from '../state/types';
import { type CollectionDeclaration, collectionRoutes } from './collection';
import { listParam, type RouteList, scopes } from './common';
import { RESOURCE_SERVER_CREATE, RESOURCE_SERVER_UPDATE } from './schemas';

/**
 * A token encryption key's pem is write-only: Auth0 answers its SHA-256 thumbprint instead (TestAccResourceServer
 * in the Terraform provider's recordings), the certificate's DER hashed, base64url.
 */
function withoutEncryptionPem(server: JsonObject): JsonObject {
  const encryption = server.token_encryption;
  if (!isJsonObject(encryption) || !isJsonObject(encryption.encryption_key)) return server;
  const { pem, ...key } = encryption.encryption_key;
  const der = Buffer.from(String(pem ?? '').replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
  const thumbprint_sha256 = createHash('sha256').update(der).digest('base64url');
  return { ...server, token_encryption: { ...encryption, encryption_key: { ...key, thumbprint_sha256 } } };
}

const RESOURCE_SERVERS: CollectionDeclaration = {
  path: '/resource-servers',
  field: 'resourceServers',
  id: { field: 'id', generate: newResourceServerId },
  // Auth0 takes the URL-encoded identifier in place of the id.
  alsoFoundBy: ['identifier'],
  scopes: scopes('resource_servers'),
  schemas: { create: RESOURCE_SERVER_CREATE, update: RESOURCE_SERVER_UPDATE },
  notFound: { message: 'The resource server does not exist', errorCode: 'inexistent_resource_server' },
  unique: [{ fields: ['identifier'], message: 'A resource server with the same identifier already exists' }],
  list: {
    key: 'resource_servers',
    paging: 'offset',
    filter: (query) => {
      const identifiers = listParam(query, 'identifiers');
      return (server) => identifiers.length === 0 || identifiers.includes(String(server.identifier));
    },
  },
  // What Auth0 answers a create of just an identifier with (TestAccResourceServer in the Terraform
  // provider's recordings): no name, scopes, enforce_policies or token_dialect until they are set.
  defaults: (fields) => ({
    allow_offline_access: false,
    skip_consent_for_verifiable_first_party_clients: false,
    token_lifetime: 86400,
    // A web token lives no longer than the API's tokens, and two hours at most.
    token_lifetime_for_web: Math.min(Number(fields.token_lifetime ?? 7200), 7200),
    signing_alg: 'RS256',
    subject_type_authorization: {
      client: { policy: 'require_client_grant' },
      user: { policy: 'allow_all' },
    },
  }),
  render: (server) => withoutEncryptionPem(server),
  // A PATCH with null drops the field (the recordings never show one stored as null).
  nullClears: true,
  check: (fields, _state, server) => {
    if (server?.is_system === true && (fields.name !== undefined || fields.scopes !== undefined)) {
      throw badRequest('You cannot update the name or scopes of a system API', 'operation_not_supported');
    }
  },
  onDelete: (server, state) => {
    if (server.is_system === true)
      throw badRequest('You cannot delete a system API', 'operation_not_supported');
    // Its grants and the role permissions on it go with it.
    state.clientGrants = state.clientGrants.filter((grant) => grant.audience !== server.identifier);
    for (const [roleId, permissions] of Object.entries(state.rolePermissions)) {
      state.rolePermissions[roleId] = permissions.filter(
        (permission) => permission.resource_server_identifier !== server.identifier,
      );
    }
  },
};

export const resourceServerRoutes: RouteList = collectionRoutes(RESOURCE_SERVERS);
