/**
 * The local tenant's /connection-profiles, as the recordings show Auth0 answering (deploy-cli's reads, the
 * Terraform provider's create, reads and delete): a checkpoint list under `connection_profiles`, a create
 * answered 201 with the profile and `connection_config` and `strategy_overrides` as null when it leaves
 * them out, a PATCH with 200 and the profile, a delete with 204. Names are unique.
 */
import { collectionRoutes } from '../../local-tenant/api/collection';
import { scopes } from '../../local-tenant/api/common';
import {
  array,
  closedObject,
  nullable,
  object,
  string,
  updateBody,
} from '../../local-tenant/api/schemas/json';
import { newConnectionProfileId } from '../../local-tenant/ids';

const CREATE = closedObject(
  {
    name: string,
    organization: object,
    connection_name_prefix_template: string,
    enabled_features: array,
    connection_config: nullable(object),
    strategy_overrides: nullable(object),
    provisioning: object,
    cross_app_access_resource_app: object,
  },
  ['name'],
);

export const connectionProfileRoutes = collectionRoutes({
  path: '/connection-profiles',
  field: 'connectionProfiles',
  id: { field: 'id', generate: newConnectionProfileId },
  scopes: scopes('connection_profiles'),
  schemas: { create: CREATE, update: updateBody(CREATE, {}) },
  notFound: { message: 'Connection profile not found', errorCode: 'inexistent_connection_profile' },
  unique: [
    {
      fields: ['name'],
      message: (profile) => `A connection profile named "${String(profile.name)}" already exists`,
    },
  ],
  list: { key: 'connection_profiles', paging: 'checkpoint' },
  defaults: { connection_config: null, strategy_overrides: null },
});
