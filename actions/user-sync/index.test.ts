import type { AxiosAdapter, InternalAxiosRequestConfig } from 'axios';
import { describe, expect, it } from 'vitest';
import { refusedUrl } from './fake-sync-server';
import { createUserSyncHandler, onExecutePostLogin, type Secrets } from './index';
import { idempotencyKey } from './payload';
import { backend, hashOf, messages, syncLogin, TOKEN } from './sync-login';

const USER_ID = 'auth0|65f1c0ffee0000000000a1b2';

describe('user-sync: a user whose identity fields changed', () => {
  it('is POSTed once with the bearer token and an idempotency key, and the hash is stored', async () => {
    const server = await backend({ status: 204 });
    const run = syncLogin(server.url);

    await run.run(onExecutePostLogin);

    const hash = hashOf(run);
    expect(server.requests).toEqual([
      {
        method: 'POST',
        path: '/v1/logins',
        headers: expect.objectContaining({
          authorization: `Bearer ${TOKEN}`,
          'idempotency-key': idempotencyKey(USER_ID, hash),
          'content-type': 'application/json',
        }),
        body: {
          auth0Id: USER_ID,
          email: 'jane.doe@example.com',
          emailVerified: true,
          name: 'Jane Doe',
          picture: 'https://s.gravatar.com/avatar/0000000000000000000000000000000?s=480&r=pg&d=identicon',
          updatedAt: '2024-05-14T09:29:58.000Z',
        },
      },
    ]);
    expect(run.appMetadata.sync_hash).toBe(hash);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(run.logs).toEqual([]);
    expect(run.denied).toBe(false);
  });

  it('sends null for profile fields the user does not have', async () => {
    const server = await backend();
    const run = syncLogin(server.url, { user: { email: undefined, name: undefined, picture: undefined } });

    await run.run(onExecutePostLogin);

    expect(server.requests[0]?.body).toMatchObject({ email: null, name: null, picture: null });
  });

  it('is synced again when the email changed since the stored hash', async () => {
    const server = await backend();
    const before = hashOf(syncLogin(server.url));
    const run = syncLogin(server.url, {
      user: { email: 'jane@new.example.com', app_metadata: { sync_hash: before } },
    });

    await run.run(onExecutePostLogin);

    expect(server.requests).toHaveLength(1);
    expect(run.appMetadata.sync_hash).toBe(hashOf(run));
    expect(run.appMetadata.sync_hash).not.toBe(before);
  });
});

describe('user-sync: nothing to do', () => {
  it('sends nothing when the fields hash to app_metadata.sync_hash', async () => {
    const server = await backend();
    const synced = hashOf(syncLogin(server.url));
    const run = syncLogin(server.url, { user: { app_metadata: { sync_hash: synced } } });

    await run.run(onExecutePostLogin);

    expect(server.requests).toEqual([]);
    expect(run.metadataWrites).toEqual([]);
  });

  it('sends nothing when only updated_at moved (Auth0 bumps it on every login)', async () => {
    const server = await backend();
    const synced = hashOf(syncLogin(server.url));
    const run = syncLogin(server.url, {
      user: { updated_at: '2024-06-01T08:00:00.000Z', app_metadata: { sync_hash: synced } },
    });

    await run.run(onExecutePostLogin);

    expect(server.requests).toEqual([]);
  });

  it('sends nothing for a refresh-token exchange', async () => {
    const server = await backend();
    const run = syncLogin(server.url, { transaction: { protocol: 'oauth2-refresh-token' } });

    await run.run(onExecutePostLogin);

    expect(server.requests).toEqual([]);
    expect(run.metadataWrites).toEqual([]);
  });
});

describe('user-sync: retries', () => {
  it('retries once after a 5xx, with the same idempotency key, and stores the hash', async () => {
    const server = await backend({ status: 503 }, { status: 200 });
    const run = syncLogin(server.url);

    await run.run(onExecutePostLogin);

    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.headers['idempotency-key']).toBe(
      server.requests[0]?.headers['idempotency-key'],
    );
    expect(run.appMetadata.sync_hash).toBe(hashOf(run));
    expect(run.logs).toEqual([]);
  });

  it('retries once after the connection drops', async () => {
    const server = await backend('reset', { status: 201 });
    const run = syncLogin(server.url);

    await run.run(onExecutePostLogin);

    expect(server.requests).toHaveLength(2);
    expect(run.appMetadata.sync_hash).toBe(hashOf(run));
  });

  it('gives up after two 5xx: no hash, one log line, the login continues', async () => {
    const server = await backend({ status: 500 });
    const run = syncLogin(server.url);

    await run.run(onExecutePostLogin);

    expect(server.requests).toHaveLength(2);
    expect(run.appMetadata).not.toHaveProperty('sync_hash');
    expect(messages(run)).toEqual(['user-sync: not synced (HTTP 500, 2 attempt(s)); login continues']);
    expect(run.denied).toBe(false);
  });

  it.each([400, 401, 403, 404, 409, 422])('does not retry a %i', async (status) => {
    const server = await backend({ status });
    const run = syncLogin(server.url);

    await run.run(onExecutePostLogin);

    expect(server.requests).toHaveLength(1);
    expect(run.appMetadata).not.toHaveProperty('sync_hash');
    expect(messages(run)).toEqual([`user-sync: not synced (HTTP ${status}, 1 attempt(s)); login continues`]);
  });

  it('does not follow a redirect, so the token goes nowhere else', async () => {
    const elsewhere = await backend();
    const server = await backend({ status: 307, location: elsewhere.url });
    const run = syncLogin(server.url);

    await run.run(onExecutePostLogin);

    expect(server.requests).toHaveLength(1);
    expect(elsewhere.requests).toEqual([]);
    expect(messages(run)).toEqual(['user-sync: not synced (HTTP 307, 1 attempt(s)); login continues']);
  });

  it('retries once when nothing listens, then lets the login continue', async () => {
    const run = syncLogin(await refusedUrl());

    await run.run(onExecutePostLogin);

    expect(messages(run)).toEqual([
      'user-sync: not synced (network error ECONNREFUSED, 2 attempt(s)); login continues',
    ]);
    expect(run.denied).toBe(false);
  });
});

describe('user-sync: the time budget (USER_SYNC_TIMEOUT_MS)', () => {
  it('stops waiting for a server that never answers, without a retry past the budget', async () => {
    const server = await backend('hang');
    const run = syncLogin(server.url, { secrets: { USER_SYNC_TIMEOUT_MS: '100' } });

    await run.run(onExecutePostLogin);

    expect(server.requests).toHaveLength(1);
    expect(run.appMetadata).not.toHaveProperty('sync_hash');
    expect(messages(run)).toEqual(['user-sync: not synced (timed out, 1 attempt(s)); login continues']);
    expect(run.denied).toBe(false);
  });

  it('spends what is left of the budget on the retry, and stops there', async () => {
    const server = await backend({ status: 502 }, 'hang');
    const run = syncLogin(server.url, { secrets: { USER_SYNC_TIMEOUT_MS: '150' } });

    await run.run(onExecutePostLogin);

    expect(server.requests).toHaveLength(2);
    expect(messages(run)).toEqual(['user-sync: not synced (timed out, 2 attempt(s)); login continues']);
  });
});

describe('user-sync: configuration', () => {
  it.each<[string, Partial<Secrets>, string]>([
    ['no URL', { USER_SYNC_URL: undefined }, 'USER_SYNC_URL is not set'],
    ['a URL that is not one', { USER_SYNC_URL: 'sync.example.com/v1' }, 'USER_SYNC_URL is not a URL'],
    [
      'plain http to a remote host',
      { USER_SYNC_URL: 'http://sync.example.com/v1' },
      'USER_SYNC_URL must be an https:// URL',
    ],
    [
      'credentials in the URL',
      { USER_SYNC_URL: 'https://u:p@sync.example.com/v1' },
      'USER_SYNC_URL must not carry credentials',
    ],
    ['no token', { USER_SYNC_TOKEN: '' }, 'USER_SYNC_TOKEN is not set'],
  ])('with %s, sends nothing, logs why and lets the login continue', async (_case, secrets, why) => {
    const server = await backend();
    const run = syncLogin(server.url, { secrets });

    await run.run(onExecutePostLogin);

    expect(server.requests).toEqual([]);
    expect(messages(run)).toEqual([`user-sync: not synced: ${why}; login continues`]);
    expect(run.denied).toBe(false);
  });
});

describe('user-sync: secrets and personal data stay out of the logs', () => {
  it.each<[string, () => Promise<string>]>([
    ['a 5xx', async () => (await backend({ status: 500 })).url],
    ['a 4xx', async () => (await backend({ status: 401 })).url],
    ['a dropped connection', async () => (await backend('reset')).url],
    ['a refused connection', refusedUrl],
  ])('after %s, no log line holds the token or the body', async (_case, urlOf) => {
    const run = syncLogin(await urlOf());

    await run.run(onExecutePostLogin);

    expect(run.logs).toHaveLength(1);
    for (const message of messages(run)) {
      expect(message).not.toContain(TOKEN);
      expect(message).not.toContain('jane.doe@example.com');
      expect(message).not.toContain('Jane Doe');
    }
    expect(run.violations).toEqual([]);
  });
});

describe('user-sync: an in-process transport (used by the bench)', () => {
  it('hands the same request to an axios adapter instead of the network', async () => {
    const seen: InternalAxiosRequestConfig[] = [];
    const adapter: AxiosAdapter = async (config) => {
      seen.push(config);
      return { data: '', status: 204, statusText: 'No Content', headers: {}, config };
    };
    const run = syncLogin('https://sync.example.com/v1/logins');

    await run.run(createUserSyncHandler({ adapter }));

    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe('post');
    expect(seen[0]?.url).toBe('https://sync.example.com/v1/logins');
    expect(seen[0]?.headers.Authorization).toBe(`Bearer ${TOKEN}`);
    expect(run.appMetadata.sync_hash).toBe(hashOf(run));
  });
});
