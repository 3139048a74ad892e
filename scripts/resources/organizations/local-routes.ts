/**
 * The local tenant's /organizations, as the recordings show Auth0 answering: a list paged by checkpoint
 * (`from`/`take`, `{ organizations, next }`) or by offset, a create answered with 201, the organization
 * with `third_party_client_access: block` and `is_app_entitlement_active: false` filled in. A name is
 * unique (409) and follows Auth0's format. Its enabled connections are ./enabled-connections.ts, its
 * client grants ./client-grant-routes.ts.
 */
import { type CollectionDeclaration, collectionRoutes, findItem } from '../../local-tenant/api/collection';
import { copy, type RouteList, scopes } from '../../local-tenant/api/common';
import {
  array,
  boolean,
  closedObject,
  object,
  oneOf,
  string,
  updateBody,
} from '../../local-tenant/api/schemas/json';
import { invalidBody } from '../../local-tenant/http/errors';
import { newOrganizationId } from '../../local-tenant/ids';
import type { JsonObject, TenantState } from '../../local-tenant/state/types';
import {
  GRANTS,
  organizationClientGrantAssociationRoutes,
  organizationClientGrantsRoute,
} from './client-grant-routes';
import { createdEntries, ENABLED, enabledConnectionRoutes, renderedEntries } from './enabled-connections';
import { ORGANIZATION_NAME } from './schema';

const CREATE = closedObject(
  {
    name: string,
    display_name: string,
    branding: object,
    metadata: object,
    // At most 10 on a create, as the SDK documents; more go through the enabled connections routes.
    [ENABLED]: { ...array, maxItems: 10 },
    token_quota: object,
    third_party_client_access: oneOf(['block', 'allow']),
    is_app_entitlement_active: boolean,
  },
  ['name'],
);
const UPDATE = updateBody(CREATE, { createOnly: [ENABLED], clearable: ['token_quota'] });

function checkName(fields: JsonObject) {
  if (typeof fields.name !== 'string') return;
  if (fields.name.length > 50) {
    throw invalidBody(`'String is too long (${fields.name.length} chars), maximum 50' on property name.`);
  }
  if (!ORGANIZATION_NAME.test(fields.name)) {
    throw invalidBody(
      `'Object didn't pass validation for format organization-name: ${fields.name}' on property name.`,
    );
  }
}

const ORGANIZATIONS: CollectionDeclaration = {
  path: '/organizations',
  field: 'organizations',
  id: { field: 'id', generate: newOrganizationId },
  scopes: scopes('organizations'),
  schemas: { create: CREATE, update: UPDATE },
  notFound: { message: 'No organization found by that id or name', errorCode: 'inexistent_organization' },
  unique: [{ fields: ['name'], message: 'An organization with this name already exists.' }],
  list: { key: 'organizations', paging: 'checkpoint-beyond-1000' },
  defaults: { third_party_client_access: 'block', is_app_entitlement_active: false },
  nullClears: true,
  check: (fields) => checkName(fields),
  prepare: (fields, state, existing) =>
    existing ? fields : { ...fields, [ENABLED]: createdEntries(state, fields) },
  render: (organization, state, { purpose }) => {
    const { [ENABLED]: _enabled, [GRANTS]: _grants, ...shown } = copy(organization);
    const enabled = renderedEntries(state, organization);
    return purpose === 'create' && enabled.length > 0 ? { ...shown, [ENABLED]: enabled } : shown;
  },
};

const findOrganization = (state: TenantState, id: string) => findItem(ORGANIZATIONS, state, id);

export const organizationRoutes: RouteList = [
  ...collectionRoutes(ORGANIZATIONS),
  ...enabledConnectionRoutes(findOrganization),
  organizationClientGrantsRoute(findOrganization),
];

/** Served beside the type's routes, by no type (client-grant-routes.ts). */
export const organizationClientGrantAssociations: RouteList =
  organizationClientGrantAssociationRoutes(findOrganization);
