/**
 * Parts every trigger's default event shares: the same web application signing users in through the same
 * database connection, so stories across triggers describe one tenant.
 */
export const DEFAULT_TENANT_HOSTNAME = 'example-dev.eu.auth0.com';
export const DEFAULT_CLIENT_ID = 'wEb4pPcL1eNt1dExAmPlE0000000000a';

export function defaultClient() {
  return { client_id: DEFAULT_CLIENT_ID, name: 'Example Web App', metadata: {} };
}

export function defaultDatabaseConnection() {
  return {
    id: 'con_Zx9YwvU8tS7rQ6pO',
    name: 'Username-Password-Authentication',
    strategy: 'auth0',
    metadata: {},
  };
}
