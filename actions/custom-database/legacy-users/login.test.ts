import { describe, expect, it } from 'vitest';
import { runAsyncScript, WrongUsernameOrPasswordError } from '../../../test/kit';
import { JANE, JANE_PROFILE, STORE_TOKEN, useFakeLegacyStore } from './fake-legacy-store';
import login from './login';

const legacy = useFakeLegacyStore();

const signIn = (email: string, password: string) =>
  runAsyncScript(login, [email, password], { configuration: legacy.configuration });

function expectStoreUnavailable(error: Error | null, detail: string) {
  expect(error).toBeInstanceOf(Error);
  expect(error).not.toBeInstanceOf(WrongUsernameOrPasswordError);
  expect(error?.message).toBe(`legacy user store unavailable: ${detail}`);
}

/** The detail for a 401 or 404 that is not the legacy API's own refusal. */
const notTheStore = (status: number) =>
  `POST /authenticate answered HTTP ${status} without the legacy API's JSON error ` +
  `"${status === 401 ? 'invalid' : 'not_found'}" (a proxy's answer, or a wrong LEGACY_API_URL)`;

describe('legacy-users login', () => {
  it('migrates a user with the right password: stable legacy id, contract fields only', async () => {
    const result = await signIn(JANE.email, JANE.password);

    expect(result.error).toBeNull();
    expect(result.value).toEqual(JANE_PROFILE);
    expect(legacy.store.requests).toEqual([
      {
        method: 'POST',
        path: '/api/authenticate',
        query: {},
        authorization: `Bearer ${STORE_TOKEN}`,
        body: { email: JANE.email, password: JANE.password },
      },
    ]);
  });

  it('compares emails without regard to case', async () => {
    const result = await signIn('Jane.DOE@Example.com', JANE.password);

    expect(result.error).toBeNull();
    expect(result.value).toMatchObject({ user_id: 'legacy|1001', email: 'jane.doe@example.com' });
  });

  it.each([
    ['a wrong password (401)', JANE.email, 'not her password'],
    ['an unknown user (404)', 'nobody@example.com', 'whatever'],
  ])('refuses %s as wrong username or password', async (_story, email, password) => {
    const result = await signIn(email, password);

    expect(result.error).toBeInstanceOf(WrongUsernameOrPasswordError);
    expect(result.error).toMatchObject({ emailOrUserId: email });
  });

  it.each([
    ['an empty password', JANE.email, ''],
    ['an empty email', '', JANE.password],
    ['an email over 320 characters', `${'j'.repeat(64)}@${'a'.repeat(252)}.com`, JANE.password],
  ])('refuses %s without asking the store', async (_story, email, password) => {
    const result = await signIn(email, password);

    expect(result.error).toBeInstanceOf(WrongUsernameOrPasswordError);
    expect(legacy.store.requests).toEqual([]);
  });

  it('asks the store about an email of exactly 320 characters', async () => {
    const longest = `${'j'.repeat(64)}@${'a'.repeat(251)}.com`;

    await signIn(longest, 'secret');

    expect(longest).toHaveLength(320);
    expect(legacy.store.requests).toHaveLength(1);
  });

  it.each([
    [429, 'POST /authenticate answered HTTP 429'],
    [500, 'POST /authenticate answered HTTP 500'],
    [503, 'POST /authenticate answered HTTP 503'],
    [403, 'POST /authenticate answered HTTP 403'],
    [302, 'POST /authenticate answered HTTP 302'],
  ])('reports the store unavailable, not a wrong password, on HTTP %i', async (status, detail) => {
    legacy.store.answer({ status, json: { error: 'busy' } });

    const result = await signIn(JANE.email, JANE.password);

    expectStoreUnavailable(result.error, detail);
  });

  it.each([
    [
      'an HTML 404 from a proxy',
      404,
      { text: '<html><body>404 Not Found</body></html>', contentType: 'text/html' },
    ],
    [
      'an HTML 401 from a proxy',
      401,
      { text: '<html>401 Authorization Required</html>', contentType: 'text/html' },
    ],
    ['a 401 with an empty body', 401, { text: '' }],
    ["a gateway's own JSON 401", 401, { json: { message: 'Unauthorized' } }],
    ['a 401 with another error code', 401, { json: { error: 'token_expired' } }],
    ['a 404 with another error code', 404, { json: { error: 'no_route' } }],
  ])('reports the store unavailable, not a wrong password, on %s', async (_story, status, body) => {
    legacy.store.answer({ status, ...body });

    const result = await signIn(JANE.email, 'not her password');

    expectStoreUnavailable(result.error, notTheStore(status));
  });

  it('reports the store unavailable when LEGACY_API_URL points at the wrong path of the store', async () => {
    const result = await runAsyncScript(login, [JANE.email, 'not her password'], {
      configuration: { ...legacy.configuration, LEGACY_API_URL: legacy.store.url.replace(/\/api$/, '/v1') },
    });

    expect(legacy.store.requests.map((request) => request.path)).toEqual(['/v1/authenticate']);
    expectStoreUnavailable(result.error, notTheStore(404));
  });

  it('gives up after LEGACY_API_TIMEOUT_MS when the store does not answer', async () => {
    legacy.useShortTimeout();
    legacy.store.answer('never');

    const result = await signIn(JANE.email, JANE.password);

    expectStoreUnavailable(result.error, 'POST /authenticate timed out after 200 ms');
  });

  it('gives up when the store answers too late', async () => {
    legacy.useShortTimeout();
    legacy.store.answer({ status: 200, json: JANE, delayMs: 600 });

    const result = await signIn(JANE.email, JANE.password);

    expectStoreUnavailable(result.error, 'POST /authenticate timed out after 200 ms');
  });

  it.each([
    ['a body that is not JSON', { text: '<html>Bad gateway</html>' }, 'a body that is not a JSON object'],
    ['an empty body', { text: '' }, 'a body that is not a JSON object'],
    ['a JSON array', { json: [JANE] }, 'a body that is not a JSON object'],
    ['a user without an id', { json: { email: JANE.email } }, 'a user without a usable id'],
    [
      'an id with the separator in it',
      { json: { id: 'a|b', email: JANE.email } },
      'a user without a usable id',
    ],
    ['a user without an email', { json: { id: 7 } }, 'a user without an email'],
    [
      'a name that is not a string',
      { json: { id: 7, email: JANE.email, name: 42 } },
      'name that is not a string',
    ],
    [
      'app_metadata that is not an object',
      { json: { id: 7, email: JANE.email, app_metadata: 'x' } },
      'app_metadata that is not an object',
    ],
  ])('reports the store unavailable when it answers 200 with %s', async (_story, body, problem) => {
    legacy.store.answer({ status: 200, ...body });

    const result = await signIn(JANE.email, JANE.password);

    expectStoreUnavailable(result.error, `POST /authenticate answered with ${problem}`);
  });

  it('never logs in someone else when the store answers with another user', async () => {
    legacy.store.answer({ status: 200, json: { id: 2002, email: 'john@example.com' } });

    const result = await signIn(JANE.email, JANE.password);

    expectStoreUnavailable(
      result.error,
      'POST /authenticate answered with a user whose email is not the one asked for',
    );
  });

  it('treats null optional fields as absent', async () => {
    legacy.store.answer({
      status: 200,
      json: { id: 'u-7', email: JANE.email, name: null, app_metadata: null },
    });

    const result = await signIn(JANE.email, JANE.password);

    expect(result.value).toEqual({
      user_id: 'legacy|u-7',
      email: JANE.email,
      app_metadata: { legacy_id: 'u-7' },
    });
  });

  it('keeps its own legacy_id over one the store sends in app_metadata', async () => {
    legacy.store.answer({
      status: 200,
      json: { id: 5, email: JANE.email, app_metadata: { legacy_id: 'forged' } },
    });

    const result = await signIn(JANE.email, JANE.password);

    expect(result.value).toMatchObject({ app_metadata: { legacy_id: '5' } });
  });
});

describe('legacy-users login: secrets stay out of logs and errors', () => {
  const stories: { story: string; password: string; arrange?: () => void }[] = [
    { story: 'a successful login', password: JANE.password },
    { story: 'a wrong password', password: 'not-her-password-5521' },
    {
      story: 'a 500',
      password: JANE.password,
      arrange: () => legacy.store.answer({ status: 500, text: 'oops' }),
    },
    {
      story: 'a timeout',
      password: JANE.password,
      arrange: () => {
        legacy.useShortTimeout();
        legacy.store.answer('never');
      },
    },
    {
      story: 'a malformed body that echoes the token',
      password: JANE.password,
      arrange: () => legacy.store.answer({ status: 200, text: `{"token":"${STORE_TOKEN}"` }),
    },
  ];

  it.each(stories)(
    'mentions neither the token nor the password after $story',
    async ({ password, arrange }) => {
      arrange?.();

      const result = await signIn(JANE.email, password);

      expect(legacy.store.requests[0]?.authorization).toBe(`Bearer ${STORE_TOKEN}`);
      const visible = [
        ...result.logs.map((entry) => entry.message),
        result.error?.message,
        result.error?.stack,
      ];
      expect(visible.join('\n')).not.toContain(STORE_TOKEN);
      expect(visible.join('\n')).not.toContain(password);
      expect(JSON.stringify(result.value ?? {})).not.toContain(password);
    },
  );
});
