/**
 * The local tenant's /custom-domains. The recordings show only an empty list (a plain array, no paging);
 * the rest follows the Management API reference: a create answers 201 with the domain
 * `pending_verification` and the DNS record that proves it (a CNAME to Auth0's edge for an Auth0-managed
 * certificate, a TXT record for a self-managed one). Nothing verifies a domain here, so it stays pending;
 * Auth0 refuses to make an unverified domain the default, and so does this tenant.
 */
import { randomBytes } from 'node:crypto';
import { collectionRoutes, itemsIn } from '../../local-tenant/api/collection';
import { scopes } from '../../local-tenant/api/common';
import {
  closedObject,
  nullable,
  object,
  oneOf,
  string,
  updateBody,
} from '../../local-tenant/api/schemas/json';
import { badRequest } from '../../local-tenant/http/errors';
import { ok, type Route } from '../../local-tenant/http/router';
import { validateBody } from '../../local-tenant/http/validate';
import { newCustomDomainId } from '../../local-tenant/ids';
import type { JsonObject } from '../../local-tenant/state/types';
import { CLIENT_IP_HEADERS, CUSTOM_DOMAIN_TYPES } from './schema';

const CREATE = closedObject(
  {
    domain: string,
    type: oneOf(CUSTOM_DOMAIN_TYPES),
    verification_method: oneOf(['txt']),
    tls_policy: oneOf(['recommended']),
    custom_client_ip_header: nullable(oneOf([...CLIENT_IP_HEADERS, 'x-azure-clientip', ''])),
    domain_metadata: object,
    relying_party_identifier: string,
  },
  ['domain', 'type'],
);
const UPDATE = updateBody(CREATE, {
  createOnly: ['domain', 'type', 'verification_method'],
  clearable: ['relying_party_identifier'],
});

/** What Auth0 asks the domain's owner to publish, by who holds the certificate. */
function verificationOf(fields: JsonObject): JsonObject {
  const token = randomBytes(16).toString('hex');
  const method =
    fields.type === 'self_managed_certs'
      ? {
          name: 'txt',
          record: `auth0-domain-verification=${token}`,
          domain: `_cf-custom-hostname.${fields.domain}`,
        }
      : { name: 'cname', record: `local-cd-${token.slice(0, 16)}.edge.tenants.auth0.com` };
  return { methods: [method], status: 'pending' };
}

const declaration = {
  path: '/custom-domains',
  field: 'customDomains',
  id: { field: 'custom_domain_id', generate: newCustomDomainId },
  scopes: scopes('custom_domains'),
  schemas: { create: CREATE, update: UPDATE },
  notFound: { message: 'The custom domain does not exist', errorCode: 'inexistent_custom_domain' },
  unique: [{ fields: ['domain'], message: 'The specified custom domain already exists' }],
  list: { key: 'custom_domains', paging: 'none' as const },
  defaults: (fields: JsonObject) => ({
    primary: false,
    is_default: false,
    status: 'pending_verification',
    tls_policy: 'recommended',
    verification: verificationOf(fields),
  }),
  nullClears: true,
};

/** `PATCH /custom-domains/default`: the domain Auth0 puts in emails; only a verified one. */
const setDefault: Route = {
  method: 'PATCH',
  template: '/custom-domains/default',
  scope: 'update:custom_domains',
  handler: ({ store, body }) => {
    const { domain } = validateBody(body, closedObject({ domain: string }, ['domain']));
    const domains = itemsIn(store.state, 'customDomains');
    const chosen = domains.find((item) => item.domain === domain);
    if (chosen?.status !== 'ready') {
      throw badRequest('The domain must be a verified custom domain or the canonical domain');
    }
    for (const item of domains) item.is_default = item === chosen;
    return ok({ domain });
  },
};

export const customDomainRoutes = [...collectionRoutes(declaration), setDefault];
