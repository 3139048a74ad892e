/**
 * Guardian factor providers (`guardianFactorProviders:`): the Twilio account the SMS factor sends with,
 * the Amazon SNS applications push notifications go through. One per factor, named by the factor, as
 * deploy-cli matches them; there is no delete, a provider the file leaves out keeps its settings.
 *
 * Every credential comes from `secrets:`. Auth0 answers a read with the SNS access key id, but never with
 * the SNS secret key nor (we take it, as for SNS) the Twilio auth token. These settings have no field to
 * carry a fingerprint in, so the plan does not claim those two are unchanged: it says "not compared", and
 * writes them whenever the provider is written (its first deploy, or any change of its other fields).
 */
import { byName, defineResource } from '../define';
import { guardianFactorSettingRoutes, guardianProviderRoutes } from './local-routes';
import { pushProviderConfigured } from './push-provider-rule';
import { guardianFactorProvidersSchema } from './schema';

export const guardianFactorProviders = defineResource({
  key: 'guardianFactorProviders',
  title: 'guardianFactorProviders (MFA SMS and push providers)',
  shape: 'list',
  noun: 'MFA factor provider',
  identityField: 'name',
  calls:
    '`GET`/`PUT /guardian/factors/sms/providers/twilio`, `GET`/`PUT /guardian/factors/push-notification/providers/sns`',
  scopes: { read: ['read:guardian_factors'], write: ['update:guardian_factors'], remove: [] },
  schema: guardianFactorProvidersSchema,
  identity: byName,
  secrets: [
    { path: 'auth_token', returned: false, sensitive: 'always' },
    { path: 'aws_access_key_id', returned: true, sensitive: 'always' },
    { path: 'aws_secret_access_key', returned: false, sensitive: 'always' },
  ],
  compare: { deletable: false },
  policy: [pushProviderConfigured],
  localState: [{ field: 'guardian', shape: 'object' }],
  // The factors' own settings (push provider choice, Duo, WebAuthn) are served here too, not deployed.
  localRoutes: () => [...guardianProviderRoutes, ...guardianFactorSettingRoutes],
});
