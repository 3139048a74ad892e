/**
 * How the phone MFA factor sends its codes (`guardianPhoneFactorMessageTypes:`): by sms, by voice call,
 * or both. A settings object that always exists; the list is compared as a set.
 */
import { defineResource, singletonIdentity } from '../define';
import { phoneMessageTypeRoutes } from './local-routes';
import { guardianPhoneFactorMessageTypesSchema } from './schema';

export const guardianPhoneFactorMessageTypes = defineResource({
  key: 'guardianPhoneFactorMessageTypes',
  title: 'guardianPhoneFactorMessageTypes (MFA phone sms/voice)',
  shape: 'singleton',
  noun: 'MFA phone message types',
  calls: '`GET`/`PUT /guardian/factors/phone/message-types`',
  scopes: { read: ['read:guardian_factors'], write: ['update:guardian_factors'], remove: [] },
  schema: guardianPhoneFactorMessageTypesSchema,
  identity: singletonIdentity('guardianPhoneFactorMessageTypes'),
  compare: { deletable: false },
  localState: [{ field: 'guardian', shape: 'object' }],
  localRoutes: () => phoneMessageTypeRoutes,
});
