/**
 * The tenant's phone provider (`phoneProviders:`, Branding > Phone Provider): Twilio, or a custom one (an
 * Action bound to custom-phone-provider sends). A tenant has at most one, and deploy-cli writes the file's
 * over whatever the tenant has (a PATCH, even to another provider name), so the item is the tenant's
 * provider, not a provider by name.
 *
 * Auth0 never answers with the credentials (a read says `credentials: null`, an export writes
 * `##TWILIO_AUTH_TOKEN##`) and the provider has no field to carry a fingerprint in: the plan says the
 * auth token is "not compared" rather than equal, and it is written whenever the provider is (its create,
 * or any change of its other fields). Not deletable: deploy-cli's base delete has no client for it.
 */
import { defineResource, isRecord } from '../define';
import { phoneProviderRoutes } from './local-routes';
import { phoneProvidersSchema } from './schema';

export const phoneProviders = defineResource({
  key: 'phoneProviders',
  title: 'phoneProviders (SMS and voice provider)',
  shape: 'list',
  noun: 'phone provider',
  calls: '`GET`/`POST /branding/phone/providers`, `PATCH /branding/phone/providers/{id}`',
  scopes: {
    read: ['read:phone_providers'],
    write: ['create:phone_providers', 'update:phone_providers'],
    remove: [],
  },
  schema: phoneProvidersSchema,
  identity: () => 'phone provider',
  secrets: [{ path: 'credentials.auth_token', returned: false, sensitive: 'always' }],
  compare: {
    // A read's `credentials: null` says nothing about them (they are never answered).
    normalize: ({ credentials, ...provider }) =>
      isRecord(credentials) ? { ...provider, credentials } : provider,
    deletable: false,
  },
  localState: [{ field: 'phoneProviders', shape: 'list' }],
  localRoutes: () => phoneProviderRoutes,
});
