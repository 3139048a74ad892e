/**
 * The local tenant's /network-acls, as the recordings show Auth0 answering: a list with offset paging
 * (`{ network_acls, start, limit, total }` with totals), an update with PATCH answering the rule with its
 * timestamps. A create answers 201 with no body (the SDK's create returns nothing). Two rules with one
 * priority are refused, as Auth0 evaluates rules by it.
 */
import { collectionRoutes } from '../../local-tenant/api/collection';
import { nowIso, scopes } from '../../local-tenant/api/common';
import {
  boolean,
  closedObject,
  integer,
  object,
  string,
  updateBody,
} from '../../local-tenant/api/schemas/json';
import { newNetworkAclId } from '../../local-tenant/ids';

const CREATE = closedObject({ description: string, active: boolean, priority: integer, rule: object }, [
  'description',
  'active',
  'rule',
]);
const UPDATE = updateBody(CREATE, {});

export const networkAclRoutes = collectionRoutes({
  path: '/network-acls',
  field: 'networkACLs',
  id: { field: 'id', generate: newNetworkAclId },
  scopes: scopes('network_acls'),
  schemas: { create: CREATE, update: UPDATE },
  notFound: { message: 'The network ACL does not exist', errorCode: 'inexistent_network_acl' },
  unique: [
    { fields: ['priority'], message: (acl) => `A network ACL with priority ${acl.priority} already exists` },
  ],
  list: { key: 'network_acls', paging: 'offset' },
  defaults: () => ({ created_at: nowIso() }),
  prepare: (fields) => ({ ...fields, updated_at: nowIso() }),
  created: () => ({ status: 201 }),
});
