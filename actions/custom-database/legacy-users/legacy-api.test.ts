import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { STORE_TOKEN, useFakeLegacyStore } from './fake-legacy-store';
import { callLegacyApi, DEFAULT_TIMEOUT_MS, legacyApiSettings, MAX_TIMEOUT_MS } from './legacy-api';

const VALID = { LEGACY_API_URL: 'https://legacy.example.com/api', LEGACY_API_TOKEN: STORE_TOKEN };

describe('legacyApiSettings', () => {
  it('resolves request paths below LEGACY_API_URL, with or without a trailing slash', () => {
    for (const url of ['https://legacy.example.com/api', 'https://legacy.example.com/api/']) {
      const { baseUrl } = legacyApiSettings({ ...VALID, LEGACY_API_URL: url });
      expect(new URL('authenticate', baseUrl).href).toBe('https://legacy.example.com/api/authenticate');
    }
  });

  it.each([
    [undefined, DEFAULT_TIMEOUT_MS],
    ['', DEFAULT_TIMEOUT_MS],
    ['250', 250],
    ['60000', MAX_TIMEOUT_MS],
    ['0', DEFAULT_TIMEOUT_MS],
    ['-5', DEFAULT_TIMEOUT_MS],
    ['1.5', DEFAULT_TIMEOUT_MS],
    ['5s', DEFAULT_TIMEOUT_MS],
  ])('LEGACY_API_TIMEOUT_MS %j -> %i ms', (value, timeoutMs) => {
    const configuration = value === undefined ? VALID : { ...VALID, LEGACY_API_TIMEOUT_MS: value };

    expect(legacyApiSettings(configuration).timeoutMs).toBe(timeoutMs);
  });

  it.each([
    ['http://127.0.0.1:8080/api'],
    ['http://localhost:8080'],
    ['http://[::1]:8080/'],
    ['https://legacy.example.com'],
  ])('accepts %s', (url) => {
    expect(() => legacyApiSettings({ ...VALID, LEGACY_API_URL: url })).not.toThrow();
  });

  it.each([
    ['no URL', { LEGACY_API_TOKEN: STORE_TOKEN }, 'the connection setting LEGACY_API_URL is not set'],
    [
      'not a URL',
      { ...VALID, LEGACY_API_URL: 'legacy.example.com' },
      'the connection setting LEGACY_API_URL is not a valid URL',
    ],
    [
      'plain http to another host',
      { ...VALID, LEGACY_API_URL: 'http://legacy.example.com/api' },
      'LEGACY_API_URL must be an https:// URL (http:// is accepted only for 127.0.0.1, localhost and [::1])',
    ],
    [
      'credentials in the URL',
      { ...VALID, LEGACY_API_URL: 'https://svc:pw@legacy.example.com' },
      'LEGACY_API_URL must not contain credentials, a query or a fragment (the token goes in LEGACY_API_TOKEN)',
    ],
    [
      'no token',
      { LEGACY_API_URL: VALID.LEGACY_API_URL },
      'the connection setting LEGACY_API_TOKEN is not set',
    ],
    [
      'a token with a line break',
      { ...VALID, LEGACY_API_TOKEN: `${STORE_TOKEN}\r\nX-Evil: 1` },
      'LEGACY_API_TOKEN is not a usable bearer token (printable characters, no spaces)',
    ],
  ])(
    'refuses %s with a message saying what to fix, and never the values',
    (_story, configuration, detail) => {
      expect(() => legacyApiSettings(configuration)).toThrow(
        new Error(`legacy user store unavailable: ${detail}`),
      );
    },
  );
});

describe('callLegacyApi', () => {
  const legacy = useFakeLegacyStore();

  it('resolves with any HTTP status and the parsed JSON body', async () => {
    legacy.store.answer({ status: 418, json: { teapot: true } });

    const response = await callLegacyApi(legacy.configuration, {
      method: 'POST',
      path: 'authenticate',
      body: { email: 'a@example.com', password: 'p' },
    });

    expect(response).toEqual({ request: 'POST /authenticate', status: 418, body: { teapot: true } });
  });

  it('refuses a body over 1 MiB without reading it', async () => {
    legacy.store.answer({ status: 200, text: 'x'.repeat(1024 * 1024 + 1) });

    await expect(callLegacyApi(legacy.configuration, { method: 'GET', path: 'users' })).rejects.toThrow(
      'legacy user store unavailable: GET /users answered with a body over 1048576 bytes',
    );
  });

  it('names the network error code when nothing listens', async () => {
    const closedPort = await freePort();

    await expect(
      callLegacyApi(
        { LEGACY_API_URL: `http://127.0.0.1:${closedPort}`, LEGACY_API_TOKEN: STORE_TOKEN },
        { method: 'GET', path: 'users', query: { email: 'jane@example.com' } },
      ),
    ).rejects.toThrow(new Error('legacy user store unavailable: GET /users failed (ECONNREFUSED)'));
  });
});

/** A port that was free a moment ago and has nothing listening now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
