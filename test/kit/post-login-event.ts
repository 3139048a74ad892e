/**
 * A realistic post-login event: a returning database user logging in with a password to a web application
 * that asks for an API access token, through Universal Login, from a low-risk context. Tests override only
 * what their story is about.
 */
import type { PostLoginEventData, PostLoginOrganization } from '../../actions/types/post-login/v3';
import { riskAssessment } from '../../scripts/action-api/risk';
import { GERMANY } from '../../scripts/local-tenant/actions-runtime/request-geo';
import { DEFAULT_TENANT_HOSTNAME, defaultClient, defaultDatabaseConnection } from './event-defaults';

export const KIT_NOW = Date.parse('2024-05-14T09:30:00.000Z');

export function defaultPostLoginEvent(): PostLoginEventData {
  const ip = '203.0.113.24';
  return {
    authentication: {
      methods: [{ name: 'pwd', timestamp: '2024-05-14T09:29:58.000Z' }],
      riskAssessment: riskAssessment({}, ip),
    },
    authorization: { roles: [] },
    client: defaultClient(),
    connection: defaultDatabaseConnection(),
    request: {
      ip,
      asn: 'AS64500',
      hostname: DEFAULT_TENANT_HOSTNAME,
      method: 'POST',
      language: 'en-GB',
      user_agent:
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
      query: {
        client_id: 'wEb4pPcL1eNt1dExAmPlE0000000000a',
        response_type: 'code',
        redirect_uri: 'https://app.example.com/callback',
        scope: 'openid profile email',
        audience: 'https://api.example.com/',
        state: 'c3RhdGUtMTIzNDU2',
      },
      body: {},
      geoip: { ...GERMANY },
    },
    resource_server: { identifier: 'https://api.example.com/' },
    session: {
      id: 'sess_9c1e2d3f4a5b6c7d',
      created_at: '2024-05-14T09:29:58.000Z',
      authenticated_at: '2024-05-14T09:29:58.000Z',
      user_id: 'auth0|65f1c0ffee0000000000a1b2',
      metadata: {},
    },
    stats: { logins_count: 12 },
    tenant: { id: 'example-dev' },
    transaction: {
      id: 'tx_8f7e6d5c4b3a2910',
      acr_values: [],
      locale: 'en',
      protocol: 'oidc-basic-profile',
      redirect_uri: 'https://app.example.com/callback',
      requested_scopes: ['openid', 'profile', 'email'],
      response_mode: 'query',
      response_type: ['code'],
      state: 'c3RhdGUtMTIzNDU2',
      ui_locales: [],
      metadata: {},
    },
    user: {
      user_id: 'auth0|65f1c0ffee0000000000a1b2',
      email: 'jane.doe@example.com',
      email_verified: true,
      name: 'Jane Doe',
      given_name: 'Jane',
      family_name: 'Doe',
      nickname: 'jane.doe',
      picture: 'https://s.gravatar.com/avatar/0000000000000000000000000000000?s=480&r=pg&d=identicon',
      created_at: '2023-11-02T14:05:11.000Z',
      updated_at: '2024-05-14T09:29:58.000Z',
      last_password_reset: '2024-01-20T08:12:40.000Z',
      identities: [
        {
          connection: 'Username-Password-Authentication',
          provider: 'auth0',
          user_id: '65f1c0ffee0000000000a1b2',
          isSocial: false,
        },
      ],
      app_metadata: {},
      user_metadata: {},
      multifactor: [],
      enrolledFactors: [],
    },
  };
}

/**
 * The organization of a login through one, as Auth0 hands it to the Action (the default login has none):
 * acme, an example customer of our dev tenant (tenant/environments/dev.yaml). `postLogin({ organization:
 * {} })` is a login through it; fields given replace its own.
 */
export function defaultOrganization(): PostLoginOrganization {
  return { id: 'org_Ac3mE7xQ2pLm9RzV', name: 'acme', display_name: 'Acme Corporation', metadata: {} };
}
