/**
 * Custom domains (`customDomains:`): the host names the tenant answers on besides its Auth0 domain.
 * Identified by `domain`, as deploy-cli matches them. deploy-cli creates a domain with its type and
 * verification method and afterwards changes only its TLS policy, client-IP header, metadata and passkey
 * rpId (it strips the rest from an update), so a changed `type` is a note, not an update that would not
 * take. A domain the file no longer lists is deleted (with --allow-delete), which stops Auth0 serving it.
 * What Auth0 reports (verification state, certificate, id) is never compared.
 */
import { defineResource } from '../define';
import { customDomainRoutes } from './local-routes';
import { CUSTOM_DOMAIN_STATE, customDomainsSchema } from './schema';

export const customDomains = defineResource({
  key: 'customDomains',
  shape: 'list',
  noun: 'custom domain',
  identityField: 'domain',
  calls:
    '`GET`/`POST /custom-domains`, `PATCH`/`DELETE /custom-domains/{id}`, `PATCH /custom-domains/default` (`is_default`)',
  scopes: {
    read: ['read:custom_domains'],
    write: ['create:custom_domains', 'update:custom_domains'],
    remove: ['delete:custom_domains'],
  },
  schema: customDomainsSchema,
  identity: (item) => String(item.domain ?? ''),
  compare: {
    normalize: (domain) =>
      Object.fromEntries(Object.entries(domain).filter(([key]) => !(key in CUSTOM_DOMAIN_STATE))),
    createOnly: ['type', 'verification_method'],
    deletable: true,
  },
  localState: [{ field: 'customDomains', shape: 'list' }],
  localRoutes: () => customDomainRoutes,
});
