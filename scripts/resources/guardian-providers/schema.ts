/**
 * The settings that go with the Guardian (MFA) factors, as `tenant.yaml` writes them for deploy-cli
 * 8.44's handlers, fields as the Management API names them (auth0 SDK: SetGuardianFactorsProvider*,
 * SetGuardianFactorSmsTemplates*, SetGuardianFactorPhone*).
 *
 * A factor provider is what deploy-cli can both write and read back: Twilio for the SMS factor and Amazon
 * SNS for push notifications (its GUARDIAN_FACTOR_PROVIDERS). Its handler also has calls for the phone
 * factor's Twilio, APNs and FCM, but its schema refuses `name: phone` and any provider but twilio and sns,
 * and it never reads them back, so they are refused here too, where the check can say so at the line.
 */
import { closedObject, type JsonSchema, listOf, nonEmptyText, oneOfValues } from '../../tenant/schema/common';

/** Each factor's provider, its fields and the ones Auth0 needs to send anything. */
const FACTOR_PROVIDERS = {
  sms: {
    provider: 'twilio',
    fields: {
      sid: { ...nonEmptyText, description: 'Twilio account SID' },
      auth_token: { ...nonEmptyText, description: 'Twilio auth token (a secret)' },
      from: { ...nonEmptyText, description: 'the number messages are sent from' },
      messaging_service_sid: { ...nonEmptyText, description: 'Twilio Messaging Service (Copilot) SID' },
    },
    required: ['sid', 'auth_token'],
  },
  'push-notification': {
    provider: 'sns',
    fields: {
      aws_access_key_id: { ...nonEmptyText, description: 'AWS access key id (a secret)' },
      aws_secret_access_key: { ...nonEmptyText, description: 'AWS secret access key (a secret)' },
      aws_region: { ...nonEmptyText, description: 'AWS region of the SNS platform applications' },
      sns_apns_platform_application_arn: { ...nonEmptyText, description: 'SNS application for iOS (APNs)' },
      sns_gcm_platform_application_arn: { ...nonEmptyText, description: 'SNS application for Android (FCM)' },
    },
    required: ['aws_access_key_id', 'aws_secret_access_key', 'aws_region'],
  },
} as const;

export const PROVIDER_FACTORS = Object.keys(FACTOR_PROVIDERS);

const factorProviderSchema: JsonSchema = {
  type: 'object',
  required: ['name', 'provider'],
  // `provider` is checked by the factor's own branch, so a wrong one is reported once, with its choices.
  properties: { name: oneOfValues(PROVIDER_FACTORS), provider: { type: 'string' } },
  allOf: Object.entries(FACTOR_PROVIDERS).map(([name, { provider, fields, required }]) => ({
    if: { properties: { name: { const: name } }, required: ['name'] },
    // biome-ignore lint/suspicious/noThenProperty: `then` is JSON Schema's keyword, not a promise.
    then: closedObject({ name: oneOfValues([name]), provider: oneOfValues([provider]), ...fields }, [
      'name',
      'provider',
      ...required,
    ]),
  })),
};

export const guardianFactorProvidersSchema: JsonSchema = listOf(factorProviderSchema);

/** deploy-cli's GUARDIAN_FACTOR_TEMPLATES: the SMS factor's messages only. */
export const guardianFactorTemplatesSchema: JsonSchema = listOf(
  closedObject(
    {
      name: oneOfValues(['sms']),
      enrollment_message: { ...nonEmptyText, description: 'sent when a user is invited to enroll a phone' },
      verification_message: { ...nonEmptyText, description: 'sent with the code at each verification' },
    },
    ['name', 'enrollment_message', 'verification_message'],
  ),
);

export const PHONE_PROVIDERS = ['auth0', 'twilio', 'phone-message-hook'];
export const PHONE_MESSAGE_TYPES = ['sms', 'voice'];

export const guardianPhoneFactorSelectedProviderSchema: JsonSchema = closedObject(
  { provider: oneOfValues(PHONE_PROVIDERS) },
  ['provider'],
);

export const guardianPhoneFactorMessageTypesSchema: JsonSchema = closedObject(
  { message_types: listOf(oneOfValues(PHONE_MESSAGE_TYPES), { uniqueItems: true }) },
  ['message_types'],
);
