/**
 * A flow vault connection as `tenant.yaml` writes it (the Management API's CreateFlowsVaultConnection*
 * types): a name the flows' actions refer to it by, the app it connects to, and `setup`, the credentials
 * (an API key, a bearer token, an OAuth client secret, a private key). Auth0 never returns `setup` on a
 * read: its credential fields are secrets that must come from `secrets:`, its other fields (the type of
 * setup, a base URL, a username) are plain text.
 */
import {
  closedObject,
  type JsonSchema,
  listOf,
  nonEmptyText,
  oneOfValues,
  readOnly,
} from '../../tenant/schema/common';

/** deploy-cli's CONNECTION_APP_ID, the SDK's FlowsVaultConnectionAppId*Enum values. */
export const VAULT_APP_IDS = [
  'ACTIVECAMPAIGN',
  'AIRTABLE',
  'AUTH0',
  'BIGQUERY',
  'CLEARBIT',
  'DOCUSIGN',
  'GOOGLE_SHEETS',
  'HTTP',
  'HUBSPOT',
  'JWT',
  'MAILCHIMP',
  'MAILJET',
  'PIPEDRIVE',
  'SALESFORCE',
  'SENDGRID',
  'SLACK',
  'STRIPE',
  'TELEGRAM',
  'TWILIO',
  'WHATSAPP',
  'ZAPIER',
] as const;

/** The SDK's FlowsVaultConnectio(n)SetupType*Enum values. */
const SETUP_TYPES = [
  'API_KEY',
  'BASIC_AUTH',
  'BEARER',
  'JWT',
  'KEY_PAIR',
  'OAUTH_APP',
  'OAUTH_CODE',
  'OAUTH_JWT',
  'OAUTH_CLIENT_CREDENTIALS',
  'TOKEN',
  'WEBHOOK',
];

/**
 * The setup fields that are credentials, across every setup type: an API key or secret key, a token, an
 * OAuth client secret or authorization code, a private key (BigQuery, Stripe), a password, the value of
 * an HTTP API key, a JWT signing secret, and a webhook URL (Zapier's carries its token).
 */
export const SETUP_CREDENTIALS = [
  'api_key',
  'secret_key',
  'token',
  'client_secret',
  'code',
  'private_key',
  'password',
  'value',
  'secret',
  'url',
] as const;

const setupSchema = closedObject(
  {
    type: { ...oneOfValues(SETUP_TYPES), description: 'How the app is signed in to' },
    ...Object.fromEntries(SETUP_CREDENTIALS.map((field) => [field, nonEmptyText])),
    base_url: nonEmptyText,
    account_id: nonEmptyText,
    username: nonEmptyText,
    client_id: nonEmptyText,
    domain: nonEmptyText,
    audience: nonEmptyText,
    token_endpoint: nonEmptyText,
    resource: nonEmptyText,
    scope: nonEmptyText,
    project_id: nonEmptyText,
    client_email: nonEmptyText,
    public_key: nonEmptyText,
    algorithm: nonEmptyText,
    name: { ...nonEmptyText, description: "An HTTP API key's header or query parameter name" },
    in: oneOfValues(['HEADER', 'QUERY']),
  },
  ['type'],
);

const vaultConnectionSchema = closedObject(
  {
    name: {
      ...nonEmptyText,
      maxLength: 150,
      description: "Names the connection: deploy-cli matches connections by it, and flows' actions name it",
    },
    app_id: { ...oneOfValues(VAULT_APP_IDS), description: 'The app the flows reach through this connection' },
    environment: nonEmptyText,
    setup: { ...setupSchema, description: 'The credentials: never returned by Auth0' },
    id: readOnly('Auth0 names the connection when it is created; flows name it by its name'),
    ready: readOnly('Auth0 reports whether the connection is set up; it is not configuration'),
    account_name: readOnly('Auth0 fills in the account the credentials belong to'),
    fingerprint: readOnly('Auth0 fingerprints the credentials; it is not configuration'),
  },
  ['name', 'app_id'],
);

export const flowVaultConnectionsSchema: JsonSchema = listOf(vaultConnectionSchema);
