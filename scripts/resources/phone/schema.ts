/**
 * The tenant's phone messaging (Branding > Phone), as `tenant.yaml` writes it for deploy-cli 8.44 (auth0
 * SDK: CreateBrandingPhoneProviderRequestContent, PhoneTemplate): the provider that sends every SMS and
 * voice message of the tenant (MFA codes, password changes, account notices), and each message's text.
 */
import {
  boolean,
  closedObject,
  type JsonSchema,
  listOf,
  nonEmptyText,
  oneOfValues,
} from '../../tenant/schema/common';

const deliveryMethods = listOf(oneOfValues(['text', 'voice']), { minItems: 1, uniqueItems: true });

/** Each provider's configuration and credentials: Twilio's account, or an Action (custom) that sends. */
const PROVIDERS: Record<string, { configuration: JsonSchema; credentials: JsonSchema }> = {
  twilio: {
    configuration: closedObject(
      {
        sid: { ...nonEmptyText, description: 'Twilio account SID' },
        delivery_methods: deliveryMethods,
        default_from: { ...nonEmptyText, description: 'the number messages are sent from' },
        mssid: { ...nonEmptyText, description: 'Twilio Messaging Service SID' },
      },
      ['sid', 'delivery_methods'],
    ),
    credentials: closedObject({ auth_token: { ...nonEmptyText, maxLength: 255 } }, ['auth_token']),
  },
  // Sent by the Action bound to the custom-phone-provider trigger: nothing to authenticate with here.
  custom: {
    configuration: closedObject({ delivery_methods: deliveryMethods }, ['delivery_methods']),
    credentials: closedObject({}),
  },
};

const phoneProviderSchema: JsonSchema = {
  ...closedObject(
    {
      name: oneOfValues(Object.keys(PROVIDERS)),
      disabled: { ...boolean, description: 'true stops the tenant from sending phone messages' },
      configuration: { type: 'object' },
      credentials: { type: 'object' },
    },
    ['name', 'configuration'],
  ),
  allOf: Object.entries(PROVIDERS).map(([name, { configuration, credentials }]) => ({
    if: { properties: { name: { const: name } }, required: ['name'] },
    // biome-ignore lint/suspicious/noThenProperty: `then` is JSON Schema's keyword, not a promise.
    then: {
      properties: { configuration, credentials },
      ...(name === 'twilio' ? { required: ['credentials'] } : {}),
    },
  })),
};

/** A tenant has one phone provider; deploy-cli writes the first and warns about any other. */
export const phoneProvidersSchema: JsonSchema = listOf(phoneProviderSchema, { maxItems: 1 });

export const PHONE_TEMPLATE_TYPES = [
  'otp_verify',
  'otp_enroll',
  'change_password',
  'blocked_account',
  'password_breach',
];

const phoneTemplateSchema: JsonSchema = closedObject(
  {
    type: oneOfValues(PHONE_TEMPLATE_TYPES),
    disabled: { ...boolean, description: 'true: this message is not sent' },
    content: closedObject({
      // Set when the template is created and never changed by deploy-cli's update: liquid is all there is.
      syntax: oneOfValues(['liquid']),
      // deploy-cli leaves an empty `from` out of its writes: an empty one would never be deployed.
      from: { ...nonEmptyText, description: 'the number this message is sent from' },
      body: closedObject({
        text: { ...nonEmptyText, description: 'the SMS text (liquid)' },
        voice: { ...nonEmptyText, description: 'what a voice call says (liquid)' },
      }),
    }),
  },
  ['type', 'content'],
);

export const phoneTemplatesSchema: JsonSchema = listOf(phoneTemplateSchema);
