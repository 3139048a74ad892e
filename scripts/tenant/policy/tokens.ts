import { asRecord, entriesOf, nameOf } from '../checks/read';
import { EVERYWHERE, type PolicyFinding, type PolicyRule } from './rule';

/**
 * Tokens are signed with RS256, so only Auth0 holds the signing key and anyone can verify against the
 * JWKS; and access tokens, which cannot be revoked, live at most a day.
 */
export const MAX_ACCESS_TOKEN_LIFETIME_SECONDS = 86_400;

export const rs256Signing: PolicyRule = {
  id: 'tokens/rs256-signing',
  summary: 'ID and access tokens are signed with RS256',
  hint: 'set alg/signing_alg to RS256 (HS256 shares the signing secret with every token consumer)',
  severity: EVERYWHERE,
  check(tenant) {
    const findings: PolicyFinding[] = [];
    for (const client of entriesOf(tenant, 'clients')) {
      const alg = asRecord(client.item.jwt_configuration)?.alg;
      if (alg !== undefined && alg !== 'RS256') {
        findings.push({
          pointer: `${client.pointer}/jwt_configuration/alg`,
          message: `client "${nameOf(client)}" signs ID tokens with ${String(alg)}`,
          expected: 'RS256',
          found: String(alg),
        });
      }
    }
    for (const api of entriesOf(tenant, 'resourceServers')) {
      const alg = api.item.signing_alg;
      if (alg !== undefined && alg !== 'RS256') {
        findings.push({
          pointer: `${api.pointer}/signing_alg`,
          message: `API "${nameOf(api)}" signs access tokens with ${String(alg)}`,
          expected: 'RS256',
          found: String(alg),
        });
      }
    }
    return findings;
  },
};

export const accessTokenLifetime: PolicyRule = {
  id: 'tokens/access-token-lifetime',
  summary: `access tokens live at most ${MAX_ACCESS_TOKEN_LIFETIME_SECONDS} s (a day)`,
  hint: `lower token_lifetime to ${MAX_ACCESS_TOKEN_LIFETIME_SECONDS} or less; use refresh tokens for longer sessions`,
  severity: EVERYWHERE,
  check(tenant) {
    const findings: PolicyFinding[] = [];
    for (const api of entriesOf(tenant, 'resourceServers')) {
      for (const key of ['token_lifetime', 'token_lifetime_for_web']) {
        const lifetime = api.item[key];
        if (typeof lifetime === 'number' && lifetime > MAX_ACCESS_TOKEN_LIFETIME_SECONDS) {
          findings.push({
            pointer: `${api.pointer}/${key}`,
            message: `API "${nameOf(api)}" issues access tokens valid for ${lifetime} s`,
            expected: `at most ${MAX_ACCESS_TOKEN_LIFETIME_SECONDS}`,
            found: String(lifetime),
          });
        }
      }
    }
    return findings;
  },
};
