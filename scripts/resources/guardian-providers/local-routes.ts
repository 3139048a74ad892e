/**
 * The local tenant's settings below `/guardian/factors/` that go with a factor (its provider's
 * credentials, its message templates, which phone provider it uses), kept at `guardian.<at>` in the
 * state and answered as the recordings show: a provider read with nothing written is `{}`, and a read
 * never gives back a credential (Amazon SNS answers its secret key on the PUT, never on a GET; APNs its
 * certificate likewise). The factors themselves and the MFA policy are ../../local-tenant/api/guardian.ts.
 */
import { copy, type RouteList } from '../../local-tenant/api/common';
import { boolean, closedObject, nullable, oneOf, string } from '../../local-tenant/api/schemas/json';
import { type SingletonDeclaration, singletonRoutes } from '../../local-tenant/api/singleton';
import type { BodySchema } from '../../local-tenant/http/validate';
import type { JsonObject } from '../../local-tenant/state/types';
import { PHONE_MESSAGE_TYPES, PHONE_PROVIDERS } from './schema';

const READ = 'read:guardian_factors';
const UPDATE = 'update:guardian_factors';

/** A read answers the setting without the credentials named; a write answers it as stored. */
const without = (value: JsonObject, fields: readonly string[]): JsonObject => {
  const answer = copy(value);
  for (const field of fields) delete answer[field];
  return answer;
};

const withoutOnRead =
  (credentials: readonly string[]) =>
  (value: JsonObject, method: string): JsonObject =>
    method === 'GET' ? without(value, credentials) : value;

/** A factor's setting: read with GET and replaced with PUT (or merged with PATCH, where Auth0 offers it). */
const factorSetting = (
  path: string,
  at: string,
  schema: BodySchema,
  more: Partial<SingletonDeclaration> = {},
) =>
  singletonRoutes({
    path: `/guardian/factors/${path}`,
    scopes: { read: READ, update: UPDATE },
    at: `guardian.${at}`,
    schema,
    methods: ['PUT'],
    ...more,
  });

const TEMPLATES = closedObject({ enrollment_message: string, verification_message: string });
const TWILIO = closedObject({
  from: nullable(string),
  messaging_service_sid: nullable(string),
  auth_token: nullable(string),
  sid: nullable(string),
});
const SNS = closedObject({
  aws_access_key_id: nullable(string),
  aws_secret_access_key: nullable(string),
  aws_region: nullable(string),
  sns_apns_platform_application_arn: nullable(string),
  sns_gcm_platform_application_arn: nullable(string),
});
const APNS = closedObject({ sandbox: boolean, bundle_id: nullable(string), p12: nullable(string) });

const FCM = closedObject({ server_key: nullable(string) });
const DUO = closedObject({ ikey: string, skey: string, host: string });
const WEBAUTHN = closedObject({
  userVerification: oneOf(['discouraged', 'preferred', 'required']),
  overrideRelyingParty: boolean,
  relyingPartyIdentifier: string,
});

const NO_TEMPLATES = { initial: { enrollment_message: '', verification_message: '' } };
const twilio = { initial: {}, render: withoutOnRead(['auth_token']) };
const PUT_OR_PATCH = ['PUT', 'PATCH'] as const;

/** Twilio for the SMS (and phone) factor, Amazon SNS and APNs for push notifications. */
export const guardianProviderRoutes: RouteList = [
  ...factorSetting('sms/providers/twilio', 'providers.sms/twilio', TWILIO, twilio),
  ...factorSetting('phone/providers/twilio', 'providers.phone/twilio', TWILIO, twilio),
  ...factorSetting('push-notification/providers/sns', 'providers.push-notification/sns', SNS, {
    initial: {},
    methods: PUT_OR_PATCH,
    render: withoutOnRead(['aws_secret_access_key']),
  }),
  // Its certificate is answered back by no method, the PUT included (TestAccGuardianPush).
  ...factorSetting('push-notification/providers/apns', 'providers.push-notification/apns', APNS, {
    initial: {},
    methods: PUT_OR_PATCH,
    render: (value) => without(value, ['p12']),
  }),
  // Firebase's server key is never answered back: the PUT answers {} (TestAccGuardianPush).
  ...factorSetting('push-notification/providers/fcm', 'providers.push-notification/fcm', FCM, {
    initial: {},
    render: (value, method) => (method === 'PUT' ? {} : without(value, ['server_key'])),
  }),
];

/**
 * Settings of the push, Duo and WebAuthn factors, as the Terraform provider's recordings show them
 * (TestAccGuardianPush, TestAccGuardianDUO, TestAccGuardianWebAuthnRoaming). They are kept beside the
 * providers' settings, by their path. Duo's secret key is answered back on reads, as Auth0 did; WebAuthn's
 * settings read with their defaults before any write (the recordings have no write of them).
 */
export const guardianFactorSettingRoutes: RouteList = [
  ...factorSetting(
    'push-notification/selected-provider',
    'providers.push-notification/selected-provider',
    closedObject({ provider: oneOf(['guardian', 'sns', 'direct']) }, ['provider']),
    { initial: { provider: 'guardian' } },
  ),
  ...factorSetting('duo/settings', 'providers.duo/settings', DUO, { initial: {} }),
  ...factorSetting('webauthn-roaming/settings', 'providers.webauthn-roaming/settings', WEBAUTHN, {
    initial: { userVerification: 'required', overrideRelyingParty: false },
  }),
];

export const guardianTemplateRoutes: RouteList = [
  ...factorSetting('sms/templates', 'templates.sms', TEMPLATES, NO_TEMPLATES),
  ...factorSetting('phone/templates', 'templates.phone', TEMPLATES, NO_TEMPLATES),
];

export const phoneSelectedProviderRoutes: RouteList = factorSetting(
  'phone/selected-provider',
  'phoneSelectedProvider',
  closedObject({ provider: oneOf(PHONE_PROVIDERS) }, ['provider']),
);

export const phoneMessageTypeRoutes: RouteList = factorSetting(
  'phone/message-types',
  'phoneMessageTypes',
  closedObject({ message_types: { type: 'array', items: oneOf(PHONE_MESSAGE_TYPES) } }, ['message_types']),
);
