/**
 * Network ACLs (`networkACLs:`): rules that block, allow, log or redirect requests to the tenant by IP
 * range, country, ASN, TLS fingerprint or user agent, evaluated in priority order. deploy-cli matches a
 * rule to the tenant's by its priority (its handler also tries `active`, which the engine turns off: it
 * would let a new rule overwrite any unlisted one), so the priority names a rule, no two may share one,
 * and the plan compares the rules priority by priority: moving a rule to another priority is an update of
 * what each priority holds, as deploy-cli applies it.
 */
import { defineResource } from '../define';
import { networkAclRoutes } from './local-routes';
import { networkAclsSchema } from './schema';

export const networkACLs = defineResource({
  key: 'networkACLs',
  title: 'networkACLs (tenant ACLs)',
  shape: 'list',
  noun: 'network ACL',
  identityField: 'priority',
  calls: '`GET`/`POST /network-acls`, `PATCH`/`DELETE /network-acls/{id}`',
  scopes: {
    read: ['read:network_acls'],
    write: ['create:network_acls', 'update:network_acls'],
    remove: ['delete:network_acls'],
  },
  schema: networkAclsSchema,
  identity: (item) => `priority ${String(item.priority ?? '')}`,
  compare: {
    normalize: ({ created_at: _created, updated_at: _updated, ...acl }) => acl,
    deletable: true,
  },
  localState: [{ field: 'networkACLs', shape: 'list' }],
  localRoutes: () => networkAclRoutes,
});
