/**
 * Which provider the phone (SMS and voice) MFA factor sends its codes with
 * (`guardianPhoneFactorSelectedProvider:`): Auth0's own, Twilio (guardianFactorProviders' sms entry), or
 * a send-phone-message Action. A settings object that always exists.
 */
import { defineResource, singletonIdentity } from '../define';
import { phoneSelectedProviderRoutes } from './local-routes';
import { guardianPhoneFactorSelectedProviderSchema } from './schema';

export const guardianPhoneFactorSelectedProvider = defineResource({
  key: 'guardianPhoneFactorSelectedProvider',
  title: 'guardianPhoneFactorSelectedProvider (MFA phone provider)',
  shape: 'singleton',
  noun: 'MFA phone provider',
  calls: '`GET`/`PUT /guardian/factors/phone/selected-provider`',
  scopes: { read: ['read:guardian_factors'], write: ['update:guardian_factors'], remove: [] },
  schema: guardianPhoneFactorSelectedProviderSchema,
  identity: singletonIdentity('guardianPhoneFactorSelectedProvider'),
  compare: { deletable: false },
  localState: [{ field: 'guardian', shape: 'object' }],
  localRoutes: () => phoneSelectedProviderRoutes,
});
