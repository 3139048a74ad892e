import { asArray, asRecord, asString, type Entry, entriesOf, nameOf } from '../checks/read';
import { EVERYWHERE, type PolicyFinding, type PolicyRule, PRODUCTION_ONLY, RELAXED_LOCALLY } from './rule';

/**
 * Apps that run where users are (browsers, phones) cannot keep a secret, so they get only the flows that
 * do not need one: authorization code with PKCE, and refresh tokens that rotate and expire.
 */
const USER_FACING_APP_TYPES = new Set(['spa', 'regular_web', 'native']);
const PASSWORD_GRANTS = new Set(['password', 'http://auth0.com/oauth/grant-type/password-realm']);

/** No app_type means Auth0's generic client, which may run any flow: treat it as user facing. */
export function userFacingClients(tenant: Record<string, unknown>): Entry[] {
  return entriesOf(tenant, 'clients').filter((client) => {
    const appType = asString(client.item.app_type);
    return appType === undefined || USER_FACING_APP_TYPES.has(appType);
  });
}

function grantFindings(
  tenant: Record<string, unknown>,
  isForbidden: (grant: string) => boolean,
  what: string,
) {
  const findings: PolicyFinding[] = [];
  for (const client of userFacingClients(tenant)) {
    const grants = client.item.grant_types;
    if (grants === undefined) {
      findings.push({
        pointer: `${client.pointer}/grant_types`,
        message: `client "${nameOf(client)}" does not list grant_types, and Auth0's default for new apps includes ${what}`,
        hint: 'list the grants explicitly, e.g. grant_types: [authorization_code, refresh_token]',
      });
      continue;
    }
    const list = asArray(grants);
    for (let index = 0; index < list.length; index++) {
      const grant = list[index];
      if (typeof grant === 'string' && isForbidden(grant)) {
        findings.push({
          pointer: `${client.pointer}/grant_types/${index}`,
          message: `client "${nameOf(client)}" allows the ${grant} grant`,
          found: grant,
        });
      }
    }
  }
  return findings;
}

export const noImplicitGrant: PolicyRule = {
  id: 'browser-apps/no-implicit-grant',
  summary: 'user-facing apps must not use the implicit grant (tokens in the URL)',
  hint: 'remove implicit; use authorization_code (with PKCE for a spa or native app)',
  severity: EVERYWHERE,
  check: (tenant) => grantFindings(tenant, (grant) => grant === 'implicit', 'implicit'),
};

export const noPasswordGrant: PolicyRule = {
  id: 'browser-apps/no-password-grant',
  summary: "user-facing apps must not collect users' passwords themselves (resource owner password grant)",
  hint: 'remove the password grant; send users to Universal Login with authorization_code',
  severity: EVERYWHERE,
  check: (tenant) => grantFindings(tenant, (grant) => PASSWORD_GRANTS.has(grant), 'the password grant'),
};

/**
 * What a user-facing app's refresh_token must say, and what it means when it does not. Records, read by a
 * counted loop: this runs for every client, mostly before V8 optimizes it, and there a for-of or a
 * destructured tuple makes objects at each step (4 MB on 10,000 clients).
 */
const REFRESH_TOKEN_SETTINGS: readonly { key: string; wanted: unknown; message: string }[] = [
  {
    key: 'rotation_type',
    wanted: 'rotating',
    message: 'refresh tokens do not rotate (a stolen one stays valid)',
  },
  { key: 'expiration_type', wanted: 'expiring', message: 'refresh tokens do not expire' },
  {
    key: 'infinite_token_lifetime',
    wanted: false,
    message: 'refresh tokens have an infinite absolute lifetime',
  },
  {
    key: 'infinite_idle_token_lifetime',
    wanted: false,
    message: 'refresh tokens have an infinite idle lifetime',
  },
];
const REFRESH_TOKEN_LIFETIMES = ['token_lifetime', 'idle_token_lifetime'];

export const refreshTokenRotation: PolicyRule = {
  id: 'browser-apps/refresh-token-rotation',
  summary: 'refresh tokens held by user-facing apps must rotate and expire',
  hint: 'set refresh_token: { rotation_type: rotating, expiration_type: expiring, idle_token_lifetime, token_lifetime } with both infinite_* flags false',
  severity: RELAXED_LOCALLY,
  check(tenant) {
    const findings: PolicyFinding[] = [];
    for (const client of userFacingClients(tenant)) {
      const grants = client.item.grant_types;
      if (grants !== undefined && !asArray(grants).includes('refresh_token')) continue;
      const pointer = `${client.pointer}/refresh_token`;
      const settings = asRecord(client.item.refresh_token);
      if (!settings) {
        findings.push({
          pointer,
          message: `client "${nameOf(client)}" gets refresh tokens but sets no refresh_token policy`,
        });
        continue;
      }
      for (let at = 0; at < REFRESH_TOKEN_SETTINGS.length; at++) {
        const { key, wanted, message } = REFRESH_TOKEN_SETTINGS[
          at
        ] as (typeof REFRESH_TOKEN_SETTINGS)[number];
        if (settings[key] === wanted) continue;
        findings.push({
          pointer: `${pointer}/${key}`,
          message: `client "${nameOf(client)}": ${message}`,
          expected: String(wanted),
          found: settings[key] === undefined ? 'not set' : String(settings[key]),
        });
      }
      for (let at = 0; at < REFRESH_TOKEN_LIFETIMES.length; at++) {
        const key = REFRESH_TOKEN_LIFETIMES[at] as string;
        if (typeof settings[key] !== 'number') {
          findings.push({
            pointer: `${pointer}/${key}`,
            message: `client "${nameOf(client)}": refresh_token.${key} is not set`,
          });
        }
      }
    }
    return findings;
  },
};

/** Cross-origin authentication serves embedded login forms, which take the user's password on our page. */
export const noCrossOriginAuthentication: PolicyRule = {
  id: 'browser-apps/no-cross-origin-authentication',
  summary: 'browser apps (spa, regular_web) do not enable cross-origin authentication',
  hint: 'set cross_origin_authentication: false and sign in through Universal Login',
  severity: PRODUCTION_ONLY,
  check: (tenant) =>
    entriesOf(tenant, 'clients')
      .filter((client) => ['spa', 'regular_web'].includes(String(client.item.app_type)))
      .filter((client) => client.item.cross_origin_authentication === true)
      .map((client) => ({
        pointer: `${client.pointer}/cross_origin_authentication`,
        message: `browser app "${nameOf(client)}" enables cross-origin authentication (embedded login)`,
        expected: 'false',
        found: 'true',
      })),
};
