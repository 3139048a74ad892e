/**
 * A custom domain as `tenant.yaml` writes it, after the Management API's CreateCustomDomainRequestContent
 * and UpdateCustomDomainRequestContent and deploy-cli's own schema for the section. What Auth0 reports
 * about the domain (its id, verification and certificate state, whether it is primary) is refused with a
 * hint: it is read back from the tenant, never written.
 */
import {
  boolean,
  closedObject,
  type JsonSchema,
  listOf,
  nonEmptyText,
  oneOfValues,
  readOnly,
} from '../../tenant/schema/common';

export const CUSTOM_DOMAIN_TYPES = ['auth0_managed_certs', 'self_managed_certs'];
/** deploy-cli's enum (the API also has `x-azure-clientip` and '', which deploy-cli's schema refuses). */
export const CLIENT_IP_HEADERS = ['true-client-ip', 'cf-connecting-ip', 'x-forwarded-for'];

const VERIFIED_BY_AUTH0 =
  'Auth0 verifies the domain once its DNS record exists (see the verification record an export shows)';

/** The fields Auth0 reports about a domain, each with where it comes from. */
export const CUSTOM_DOMAIN_STATE: Record<string, string> = {
  custom_domain_id: 'Auth0 names the domain when it is created; the file names it by its domain',
  status: VERIFIED_BY_AUTH0,
  verification: VERIFIED_BY_AUTH0,
  primary: 'Auth0 reports it; deploy-cli never writes it',
  origin_domain_name: 'Auth0 gives the address to point a self-managed proxy at once the domain is verified',
  certificate: 'Auth0 provisions the certificate of an Auth0-managed domain',
  cname_api_key:
    'Auth0 gives it once, when a self-managed domain is verified: keep it in your proxy, not here',
  created_at: 'Auth0 sets it',
  updated_at: 'Auth0 sets it',
};

const customDomainSchema = closedObject(
  {
    domain: {
      ...nonEmptyText,
      description: 'The host name, e.g. login.example.com (no scheme, no path).',
      pattern: '^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$',
    },
    type: {
      ...oneOfValues(CUSTOM_DOMAIN_TYPES),
      description: 'Who holds the certificate. Set on create only: deploy-cli cannot change it.',
    },
    verification_method: {
      ...oneOfValues(['txt']),
      description: 'Set on create only; deploy-cli warns that it is deprecated.',
    },
    tls_policy: oneOfValues(['recommended']),
    custom_client_ip_header: {
      ...oneOfValues([...CLIENT_IP_HEADERS, null]),
      description: "The header a self-managed proxy puts the user's IP address in.",
    },
    domain_metadata: {
      type: 'object',
      maxProperties: 10,
      additionalProperties: { type: 'string', maxLength: 255 },
    },
    relying_party_identifier: {
      ...nonEmptyText,
      description: 'The passkeys rpId on this domain; the full domain when absent.',
    },
    is_default: {
      ...boolean,
      description:
        'The domain Auth0 uses in emails; deploy-cli sets it after the writes (the domain must be verified).',
    },
    ...Object.fromEntries(Object.entries(CUSTOM_DOMAIN_STATE).map(([key, hint]) => [key, readOnly(hint)])),
  },
  ['domain', 'type'],
);

export const customDomainsSchema: JsonSchema = listOf(customDomainSchema);
