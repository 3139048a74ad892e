/**
 * The local tenant's refresh tokens, as each client's `refresh_token` settings say:
 * - Rotation (https://auth0.com/docs/secure/tokens/refresh-tokens/refresh-token-rotation): a rotating
 *   client's token is spent by its exchange and a new one of the same family (the login) takes its place.
 *   A spent token presented again is reuse ("automatic reuse detection"): the whole family is revoked.
 * - Leeway, the "reuse interval" / "rotation overlap period"
 *   (https://auth0.com/docs/secure/tokens/refresh-tokens/configure-refresh-token-rotation): for `leeway`
 *   seconds after its exchange, the previous token may be exchanged again (two tabs refreshing at once,
 *   a response lost on the way) and gets another token of the family. Only the previous one: a token whose
 *   successor was itself exchanged is reuse at once.
 * - Expiration (https://auth0.com/docs/secure/tokens/refresh-tokens/configure-refresh-token-expiration):
 *   the absolute lifetime runs from the login (a rotated token keeps its family's), the idle one from the
 *   last exchange; `infinite_*` or `expiration_type: non-expiring` lift them.
 * Only a SHA-256 of each token is kept in the state: the file never holds a usable token.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { REFRESH_TOKEN_DEFAULTS } from '../state/client-defaults';
import type { TenantStore } from '../state/store';
import type { JsonObject, RefreshTokenFamily, RefreshTokenState } from '../state/types';
import type { RefreshExchange, RefreshGrant, RefreshTokenFacts, RefreshTokens } from './contract';

/** A client's refresh-token settings with Auth0's defaults for the fields it leaves out. */
export interface RefreshTokenSettings {
  rotating: boolean;
  leewaySeconds: number;
  /** Seconds, or undefined for no limit. */
  absoluteLifetime?: number;
  idleLifetime?: number;
}

export function refreshTokenSettings(client: JsonObject): RefreshTokenSettings {
  const declared = (client.refresh_token ?? {}) as Record<string, unknown>;
  const settings = { ...REFRESH_TOKEN_DEFAULTS, ...declared };
  const expiring = settings.expiration_type === 'expiring';
  const seconds = (value: unknown) => (typeof value === 'number' && value >= 0 ? value : undefined);
  return {
    rotating: settings.rotation_type === 'rotating',
    leewaySeconds: seconds(settings.leeway) ?? 0,
    absoluteLifetime:
      expiring && settings.infinite_token_lifetime !== true ? seconds(settings.token_lifetime) : undefined,
    idleLifetime:
      expiring && settings.infinite_idle_token_lifetime !== true
        ? seconds(settings.idle_token_lifetime)
        : undefined,
  };
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** An opaque token: 32 random bytes, base64url (nothing in it can be read back into the grant). */
const newToken = () => randomBytes(32).toString('base64url');

function expiryOf(family: RefreshTokenFamily, now: number): 'idle' | 'absolute' | undefined {
  if (family.absoluteLifetime !== undefined && now >= family.createdAt + family.absoluteLifetime * 1000)
    return 'absolute';
  if (family.idleLifetime !== undefined && now >= family.lastUsedAt + family.idleLifetime * 1000)
    return 'idle';
  return undefined;
}

/** The token as the Actions see it, before this exchange changes it (Auth0's `event.refresh_token`). */
function factsOf(family: RefreshTokenFamily, rotating: boolean): RefreshTokenFacts {
  return {
    id: family.id,
    clientId: family.clientId,
    userId: family.grant.userId,
    createdAt: family.createdAt,
    ...(family.lastUsedAt > family.createdAt ? { lastExchangedAt: family.lastUsedAt } : {}),
    ...(family.absoluteLifetime !== undefined
      ? { expiresAt: family.createdAt + family.absoluteLifetime * 1000 }
      : {}),
    ...(family.idleLifetime !== undefined
      ? { idleExpiresAt: family.lastUsedAt + family.idleLifetime * 1000 }
      : {}),
    rotating,
  };
}

const SWEEP_INTERVAL_MS = 60_000;

export function createRefreshTokens(store: TenantStore): RefreshTokens {
  const state = (): RefreshTokenState => {
    store.state.refreshTokens ??= { families: {}, tokens: {} };
    return store.state.refreshTokens;
  };

  const mint = (familyId: string, now: number): string => {
    const token = newToken();
    state().tokens[hashOf(token)] = { familyId, issuedAt: now, children: [] };
    return token;
  };

  /**
   * A family that can never answer again (revoked, or past a lifetime) is forgotten with its tokens, so a
   * long-lived state stays the size of its live logins. Its tokens then read as unknown: `invalid_grant`,
   * which is what Auth0 answers for them too. A sweep reads every family, so it runs at most once a
   * minute, not on every login (it grew with the logins: bench `login`); until then a dead family still
   * answers as revoked or expired.
   */
  let nextSweepAt = Number.NEGATIVE_INFINITY;
  const forgetDead = (now: number) => {
    if (now < nextSweepAt) return;
    nextSweepAt = now + SWEEP_INTERVAL_MS;
    const { families, tokens } = state();
    const dead = new Set(
      Object.values(families)
        .filter((family) => family.revoked || expiryOf(family, now) !== undefined)
        .map((family) => family.id),
    );
    if (dead.size === 0) return;
    for (const id of dead) delete families[id];
    for (const [hash, record] of Object.entries(tokens)) if (dead.has(record.familyId)) delete tokens[hash];
  };

  /** The token's record and family when it is this client's, else undefined. */
  const lookUp = (client: JsonObject, token: string) => {
    const hash = hashOf(token);
    const record = state().tokens[hash];
    const family = record && state().families[record.familyId];
    if (!record || !family) return { found: false as const };
    return { found: true as const, hash, record, family, ours: family.clientId === client.client_id };
  };

  return {
    issue(client: JsonObject, grant: RefreshGrant, now: number): string {
      forgetDead(now);
      const settings = refreshTokenSettings(client);
      const family: RefreshTokenFamily = {
        id: randomUUID(),
        clientId: String(client.client_id),
        grant: { ...grant, scopes: [...grant.scopes] },
        createdAt: now,
        lastUsedAt: now,
        absoluteLifetime: settings.absoluteLifetime,
        idleLifetime: settings.idleLifetime,
        revoked: false,
      };
      state().families[family.id] = family;
      const token = mint(family.id, now);
      store.save();
      return token;
    },

    exchange(client: JsonObject, token: string, now: number): RefreshExchange {
      const found = lookUp(client, token);
      // Another client's token is answered as an unknown one: it tells the caller nothing about it.
      if (!found.found || !found.ours || found.family.revoked) return { kind: 'invalid' };
      const { record, family } = found;
      const expired = expiryOf(family, now);
      if (expired) return { kind: 'expired', which: expired };
      const settings = refreshTokenSettings(client);
      const grant = { ...family.grant, scopes: [...family.grant.scopes] };
      const presented = factsOf(family, settings.rotating);
      if (record.spentAt !== undefined) {
        const withinLeeway = now - record.spentAt <= settings.leewaySeconds * 1000;
        const successorsUnspent = record.children.every(
          (child) => state().tokens[child]?.spentAt === undefined,
        );
        if (!withinLeeway || !successorsUnspent) {
          family.revoked = true;
          store.save();
          return { kind: 'reused' };
        }
        const rotated = mint(family.id, now);
        record.children.push(hashOf(rotated));
        family.lastUsedAt = now;
        store.save();
        return { kind: 'valid', grant, rotated, token: presented };
      }
      family.lastUsedAt = now;
      if (!settings.rotating) {
        store.save();
        return { kind: 'valid', grant, token: presented };
      }
      const rotated = mint(family.id, now);
      record.spentAt = now;
      record.children.push(hashOf(rotated));
      store.save();
      return { kind: 'valid', grant, rotated, token: presented };
    },

    revoke(client: JsonObject, token: string): boolean {
      const found = lookUp(client, token);
      // RFC 7009 section 2.2: a token the server does not know is not an error; there is nothing to revoke.
      if (!found.found) return true;
      if (!found.ours) return false;
      found.family.revoked = true;
      store.save();
      return true;
    },
  };
}
