import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TenantStore } from '../state/store';
import type { JsonObject } from '../state/types';
import type { RefreshGrant } from './contract';
import { createRefreshTokens, refreshTokenSettings } from './refresh-tokens';

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);

/** Our SPA's settings in tenant.yaml: rotating, 30 days idle, 90 days at most. */
const spa = {
  client_id: 'spa-client',
  refresh_token: {
    rotation_type: 'rotating',
    expiration_type: 'expiring',
    leeway: 0,
    idle_token_lifetime: 30 * 86_400,
    infinite_idle_token_lifetime: false,
    token_lifetime: 90 * 86_400,
    infinite_token_lifetime: false,
  },
};
const withSettings = (settings: Record<string, unknown>) => ({
  ...spa,
  refresh_token: { ...spa.refresh_token, ...settings },
});
const grant: RefreshGrant = {
  userId: 'auth0|0123456789abcdef01234567',
  clientId: 'spa-client',
  scopes: ['openid', 'offline_access', 'read:documents'],
  audience: 'https://documents.example.com/api',
  authTime: START / 1000,
};

let dir: string;
let store: TenantStore;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'refresh-tokens-'));
  store = TenantStore.open({
    file: path.join(dir, 'state.json'),
    reset: true,
    domain: '127.0.0.1:8443',
    deployScopes: [],
  });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The token a valid rotating exchange hands out, or a failed test saying what came back instead. */
function rotatedFrom(client: JsonObject, token: string, now: number): string {
  const result = createRefreshTokens(store).exchange(client, token, now);
  if (result.kind !== 'valid' || !result.rotated) throw new Error(`expected a rotation, got ${result.kind}`);
  return result.rotated;
}

describe('a rotating client', () => {
  it('gets a new token for each exchange, with the grant of the login, and the old one is spent', () => {
    const tokens = createRefreshTokens(store);
    const first = tokens.issue(spa, grant, START);
    const result = tokens.exchange(spa, first, START + 1000);
    expect(result).toMatchObject({ kind: 'valid', grant });
    const second = result.kind === 'valid' ? result.rotated : undefined;
    expect(second).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second).not.toBe(first);
    expect(tokens.exchange(spa, String(second), START + 2000).kind).toBe('valid');
  });

  it('revokes the whole family when a spent token comes back (reuse detection)', () => {
    const tokens = createRefreshTokens(store);
    const stolen = tokens.issue(spa, grant, START);
    const legitimate = rotatedFrom(spa, stolen, START + 1000);

    expect(tokens.exchange(spa, stolen, START + 5000)).toEqual({ kind: 'reused' });
    // The holder of the newest token is logged out too: the family is gone.
    expect(tokens.exchange(spa, legitimate, START + 6000)).toEqual({ kind: 'invalid' });
  });

  it('lets the previous token be exchanged again within the leeway, and not the one before it', () => {
    const client = withSettings({ leeway: 30 });
    const tokens = createRefreshTokens(store);
    const first = tokens.issue(client, grant, START);
    const second = rotatedFrom(client, first, START);

    // A second tab refreshing with the same token 10 s later gets a token of the same family.
    const again = tokens.exchange(client, first, START + 10_000);
    expect(again).toMatchObject({ kind: 'valid', grant });
    expect(tokens.exchange(client, second, START + 11_000).kind).toBe('valid');

    // Now `first`'s successor is spent: within the leeway or not, `first` is the second-to-last.
    expect(tokens.exchange(client, first, START + 12_000)).toEqual({ kind: 'reused' });
  });

  it('counts the previous token as reuse once the leeway has passed', () => {
    const client = withSettings({ leeway: 30 });
    const tokens = createRefreshTokens(store);
    const first = tokens.issue(client, grant, START);
    rotatedFrom(client, first, START);
    expect(tokens.exchange(client, first, START + 31_000)).toEqual({ kind: 'reused' });
  });

  it('expires a token unused for the idle lifetime, measured from the last exchange', () => {
    const tokens = createRefreshTokens(store);
    let token = tokens.issue(spa, grant, START);
    // Used every 20 days, the family outlives one idle period of 30 days.
    token = rotatedFrom(spa, token, START + 20 * DAY);
    token = rotatedFrom(spa, token, START + 40 * DAY);
    expect(tokens.exchange(spa, token, START + 70 * DAY)).toEqual({ kind: 'expired', which: 'idle' });
  });

  it('keeps the family absolute expiry on every rotated token', () => {
    const tokens = createRefreshTokens(store);
    let token = tokens.issue(spa, grant, START);
    for (let day = 25; day < 90; day += 25) token = rotatedFrom(spa, token, START + day * DAY);
    // Issued on day 75, yet it ends with its family on day 90.
    expect(tokens.exchange(spa, token, START + 90 * DAY)).toEqual({ kind: 'expired', which: 'absolute' });
  });
});

describe('a non-rotating client', () => {
  it('keeps answering with the same token, and its idle time restarts at each use', () => {
    const client = withSettings({ rotation_type: 'non-rotating' });
    const tokens = createRefreshTokens(store);
    const token = tokens.issue(client, grant, START);
    expect(tokens.exchange(client, token, START + 10 * DAY)).toMatchObject({ kind: 'valid', grant });
    // What the Actions see of it on the next exchange: the last one, and the idle expiry it set.
    const next = tokens.exchange(client, token, START + 35 * DAY);
    expect(next).toMatchObject({ kind: 'valid', grant, token: { rotating: false, createdAt: START } });
    const facts = next.kind === 'valid' ? next.token : undefined;
    expect(facts?.lastExchangedAt).toBe(START + 10 * DAY);
    expect(facts?.idleExpiresAt).toBe(START + 10 * DAY + 30 * DAY);
    expect(tokens.exchange(client, token, START + 60 * DAY)).toMatchObject({ kind: 'valid', grant });
  });

  it('with Auth0 defaults (no refresh_token settings) never expires and never rotates', () => {
    const client = { client_id: 'spa-client' };
    expect(refreshTokenSettings(client)).toEqual({ rotating: false, leewaySeconds: 0 });
    const tokens = createRefreshTokens(store);
    const token = tokens.issue(client, grant, START);
    expect(tokens.exchange(client, token, START + 5000 * DAY)).toMatchObject({
      kind: 'valid',
      grant,
      token: { rotating: false },
    });
  });
});

describe("another client's token", () => {
  it('is invalid for the exchange and cannot be revoked by it', () => {
    const tokens = createRefreshTokens(store);
    const token = tokens.issue(spa, grant, START);
    const other = { ...spa, client_id: 'web-client' };
    expect(tokens.exchange(other, token, START + 1000)).toEqual({ kind: 'invalid' });
    expect(tokens.revoke(other, token)).toBe(false);
    expect(tokens.exchange(spa, token, START + 2000).kind).toBe('valid');
  });
});

describe('revoke (RFC 7009)', () => {
  it("revokes the token's family: every token rotated from the same login", () => {
    const tokens = createRefreshTokens(store);
    const first = tokens.issue(spa, grant, START);
    const second = rotatedFrom(spa, first, START + 1000);
    const otherLogin = tokens.issue(spa, grant, START + 1500);

    expect(tokens.revoke(spa, first)).toBe(true);
    expect(tokens.exchange(spa, second, START + 2000)).toEqual({ kind: 'invalid' });
    expect(tokens.exchange(spa, otherLogin, START + 2000).kind).toBe('valid');
    expect(tokens.revoke(spa, 'never-issued')).toBe(true);
  });
});

describe('the state file', () => {
  it('holds the hashes of the tokens, never a token', () => {
    const tokens = createRefreshTokens(store);
    const token = tokens.issue(spa, grant, START);
    const rotated = rotatedFrom(spa, token, START + 1000);
    store.flush();
    const text = readFileSync(store.file, 'utf8');
    expect(text).not.toContain(token);
    expect(text).not.toContain(rotated);
    expect(Object.keys(store.state.refreshTokens?.tokens ?? {})).toHaveLength(2);

    // A local tenant started again on the same file still knows the login.
    const reopened = TenantStore.open({
      file: store.file,
      reset: false,
      domain: '127.0.0.1:8443',
      deployScopes: [],
    });
    expect(createRefreshTokens(reopened).exchange(spa, rotated, START + 2000).kind).toBe('valid');
  });
});
