/**
 * A realistic pre-user-registration event: someone signing up with email and password on the database
 * connection through Universal Login. Tests override only what their story is about.
 */
import type { PreUserRegistrationEventData } from '../../actions/types/pre-user-registration/v2';
import { DEFAULT_TENANT_HOSTNAME, defaultClient, defaultDatabaseConnection } from './event-defaults';

export function defaultPreUserRegistrationEvent(): PreUserRegistrationEventData {
  return {
    client: defaultClient(),
    connection: defaultDatabaseConnection(),
    request: {
      ip: '198.51.100.7',
      hostname: DEFAULT_TENANT_HOSTNAME,
      method: 'POST',
      language: 'en-GB',
      user_agent:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
      body: {
        email: 'new.user@example.com',
        connection: 'Username-Password-Authentication',
      },
      geoip: {
        cityName: 'Amsterdam',
        continentCode: 'EU',
        countryCode: 'NL',
        countryCode3: 'NLD',
        countryName: 'Netherlands',
        latitude: 52.3676,
        longitude: 4.9041,
        subdivisionCode: 'NH',
        subdivisionName: 'North Holland',
        timeZone: 'Europe/Amsterdam',
      },
    },
    tenant: { id: 'example-dev' },
    transaction: {
      acr_values: [],
      locale: 'en',
      protocol: 'oidc-basic-profile',
      redirect_uri: 'https://app.example.com/callback',
      requested_scopes: ['openid', 'profile', 'email'],
      response_mode: 'query',
      response_type: ['code'],
      state: 'c2lnbnVwLXN0YXRl',
      ui_locales: [],
    },
    user: {
      email: 'new.user@example.com',
      app_metadata: {},
      user_metadata: {},
    },
  };
}
