/**
 * The email provider as `tenant.yaml` writes it, after the Management API's types (auth0 SDK:
 * CreateEmailProviderRequestContent, EmailProviderCredentialsSchema, EmailProviderNameEnum): which
 * credentials and settings it takes depend on its `name`, so each provider's are their own closed objects.
 * `emailProvider: {}` is allowed: it says the tenant has no email provider (a delete, see index.ts).
 */
import {
  boolean,
  closedObject,
  type JsonSchema,
  nonEmptyText,
  oneOfValues,
  positiveInteger,
  text,
} from '../../tenant/schema/common';

/** One credential field: its schema, whether a read returns it, and whether it is a secret. */
interface Credential {
  schema: JsonSchema;
  /**
   * Whether GET /emails/provider answers with it: only `api_user`, `region`, `smtp_host`, `smtp_port` and
   * `smtp_user` (the SDK's EmailProviderCredentials; the recordings show a Mandrill provider read back
   * with `credentials: {}`).
   */
  returned: boolean;
  /** `always`: only from `secrets:`. `by-name`: a `##KEY##` placeholder, a keyword allowed (not a secret, but see index.ts). */
  sensitive?: 'always' | 'by-name';
}

interface Provider {
  credentials: Record<string, Credential>;
  /** The credentials Auth0 requires for this provider. */
  required: readonly string[];
  /** What `settings` takes for this provider (Management API reference); none when absent. */
  settings?: JsonSchema;
}

const apiKey: Credential = { schema: nonEmptyText, returned: false, sensitive: 'always' };
const EU_OR_US = oneOfValues(['eu', null]);

export const PROVIDERS: Record<string, Provider> = {
  sendgrid: { credentials: { api_key: apiKey }, required: ['api_key'] },
  resend: { credentials: { api_key: apiKey }, required: ['api_key'] },
  mandrill: {
    credentials: { api_key: apiKey },
    required: ['api_key'],
    settings: closedObject({ message: closedObject({ view_content_link: boolean }) }),
  },
  mailgun: {
    credentials: {
      api_key: apiKey,
      // Not a secret, but never read back: compared like one (see index.ts).
      domain: { schema: nonEmptyText, returned: false, sensitive: 'by-name' },
      region: { schema: EU_OR_US, returned: true },
    },
    required: ['api_key', 'domain'],
  },
  sparkpost: {
    credentials: { api_key: apiKey, region: { schema: EU_OR_US, returned: true } },
    required: ['api_key'],
  },
  ses: {
    credentials: {
      accessKeyId: { schema: nonEmptyText, returned: false, sensitive: 'always' },
      secretAccessKey: { schema: nonEmptyText, returned: false, sensitive: 'always' },
      region: { schema: nonEmptyText, returned: true },
    },
    required: ['accessKeyId', 'secretAccessKey', 'region'],
    settings: closedObject({ message: closedObject({ configuration_set_name: text }) }),
  },
  smtp: {
    credentials: {
      smtp_host: { schema: nonEmptyText, returned: true },
      smtp_port: { schema: { ...positiveInteger, maximum: 65535 }, returned: true },
      // deploy-cli's export writes it as ##SMTP_USER##: a placeholder, so that an export compares.
      smtp_user: { schema: nonEmptyText, returned: true, sensitive: 'by-name' },
      smtp_pass: { schema: nonEmptyText, returned: false, sensitive: 'always' },
    },
    required: ['smtp_host', 'smtp_port', 'smtp_user', 'smtp_pass'],
    settings: closedObject({
      headers: closedObject({
        'X-SES-Configuration-Set': text,
        'X-MSYS-API': closedObject({ campaign_id: text }),
      }),
    }),
  },
  azure_cs: {
    credentials: { connectionString: { schema: nonEmptyText, returned: false, sensitive: 'always' } },
    required: ['connectionString'],
  },
  ms365: {
    credentials: {
      tenantId: { schema: nonEmptyText, returned: false, sensitive: 'by-name' },
      clientId: { schema: nonEmptyText, returned: false, sensitive: 'by-name' },
      clientSecret: { schema: nonEmptyText, returned: false, sensitive: 'always' },
    },
    required: ['tenantId', 'clientId', 'clientSecret'],
  },
  // Sends through the Action bound to the custom-email-provider trigger: no credentials of its own.
  custom: { credentials: {}, required: [] },
};

export const PROVIDER_NAMES = Object.keys(PROVIDERS);

/** The credential fields a read answers with: the local tenant keeps the others to itself. */
export const RETURNED_CREDENTIALS = ['api_user', 'region', 'smtp_host', 'smtp_port', 'smtp_user'];

/** Every credential field that is a secret or is never read back, once each, as the registry declares them. */
export function credentialPaths(): { path: string; returned: boolean; sensitive: 'always' | 'by-name' }[] {
  const paths = new Map<string, { path: string; returned: boolean; sensitive: 'always' | 'by-name' }>();
  for (const provider of Object.values(PROVIDERS)) {
    for (const [field, credential] of Object.entries(provider.credentials)) {
      if (!credential.sensitive) continue;
      const path = `credentials.${field}`;
      paths.set(path, { path, returned: credential.returned, sensitive: credential.sensitive });
    }
  }
  return [...paths.values()];
}

export const emailProviderSchema: JsonSchema = {
  ...closedObject({
    name: oneOfValues(PROVIDER_NAMES),
    enabled: boolean,
    default_from_address: nonEmptyText,
    credentials: { type: 'object' },
    settings: { type: 'object' },
  }),
  allOf: [
    // `{}` is "no email provider"; anything else is one, and names which.
    // biome-ignore lint/suspicious/noThenProperty: `then` is JSON Schema's keyword, not a promise.
    { if: { minProperties: 1 }, then: { properties: { name: text }, required: ['name'] } },
    ...Object.entries(PROVIDERS).map(([name, provider]) => ({
      if: { properties: { name: { const: name } }, required: ['name'] },
      // biome-ignore lint/suspicious/noThenProperty: `then` is JSON Schema's keyword, not a promise.
      then: {
        properties: {
          credentials: closedObject(
            Object.fromEntries(Object.entries(provider.credentials).map(([key, c]) => [key, c.schema])),
            provider.required,
          ),
          settings: provider.settings ?? closedObject({}),
        },
        ...(provider.required.length > 0 ? { required: ['credentials'] } : {}),
      },
    })),
  ],
};
