import { describe, expect, it } from 'vitest';
import { runAsyncScript, WrongUsernameOrPasswordError } from '../../../test/kit';
import { JANE, JANE_PROFILE, STORE_TOKEN, useFakeLegacyStore } from './fake-legacy-store';
import getUser from './get-user';

const legacy = useFakeLegacyStore();

const lookUp = (email: string) => runAsyncScript(getUser, [email], { configuration: legacy.configuration });

describe('legacy-users get_user', () => {
  it('finds a legacy user and maps them as login does', async () => {
    const result = await lookUp('JANE.DOE@example.com');

    expect(result.error).toBeNull();
    expect(result.results).toEqual([JANE_PROFILE]);
    expect(legacy.store.requests).toEqual([
      {
        method: 'GET',
        path: '/api/users',
        query: { email: 'JANE.DOE@example.com' },
        authorization: `Bearer ${STORE_TOKEN}`,
        body: undefined,
      },
    ]);
  });

  it('calls back with nothing when the store does not know the email (404)', async () => {
    const result = await lookUp('nobody@example.com');

    expect(result).toMatchObject({ error: null, results: [] });
  });

  it.each([
    [
      'an HTML 404 from a proxy',
      { text: '<html><body>404 Not Found</body></html>', contentType: 'text/html' },
    ],
    ['a 404 with another error code', { json: { error: 'no_route' } }],
  ])('fails, rather than answering "no such user", on %s', async (_story, body) => {
    legacy.store.answer({ status: 404, ...body });

    const result = await lookUp(JANE.email);

    expect(result.results).toEqual([]);
    expect(result.error?.message).toBe(
      "legacy user store unavailable: GET /users answered HTTP 404 without the legacy API's JSON error " +
        '"not_found" (a proxy\'s answer, or a wrong LEGACY_API_URL)',
    );
  });

  it('sends an email with + and & intact in the query', async () => {
    await lookUp('jane+tag&x@example.com');

    expect(legacy.store.requests[0]?.query).toEqual({ email: 'jane+tag&x@example.com' });
  });

  it.each([
    ['an empty email', ''],
    ['an email over 320 characters', `${'j'.repeat(64)}@${'a'.repeat(252)}.com`],
  ])('answers "no such user" for %s without asking the store', async (_story, email) => {
    const result = await lookUp(email);

    expect(result).toMatchObject({ error: null, results: [] });
    expect(legacy.store.requests).toEqual([]);
  });

  it.each([
    [401, 'GET /users answered HTTP 401'],
    [429, 'GET /users answered HTTP 429'],
    [500, 'GET /users answered HTTP 500'],
  ])('fails, rather than answering "no such user", on HTTP %i', async (status, detail) => {
    legacy.store.answer({ status, json: { error: 'nope' } });

    const result = await lookUp(JANE.email);

    expect(result.error).not.toBeInstanceOf(WrongUsernameOrPasswordError);
    expect(result.error?.message).toBe(`legacy user store unavailable: ${detail}`);
  });

  it('fails when the store does not answer in time', async () => {
    legacy.useShortTimeout();
    legacy.store.answer('never');

    const result = await lookUp(JANE.email);

    expect(result.error?.message).toBe('legacy user store unavailable: GET /users timed out after 200 ms');
  });

  it('fails on a malformed body', async () => {
    legacy.store.answer({ status: 200, text: '{"id": 1001, "email": ' });

    const result = await lookUp(JANE.email);

    expect(result.error?.message).toBe(
      'legacy user store unavailable: GET /users answered with a body that is not a JSON object',
    );
  });

  it('fails when the store answers with a different user', async () => {
    legacy.store.answer({ status: 200, json: { id: 2002, email: 'john@example.com' } });

    const result = await lookUp(JANE.email);

    expect(result.error?.message).toBe(
      'legacy user store unavailable: GET /users answered with a user whose email is not the one asked for',
    );
  });

  it('keeps the token out of logs and errors', async () => {
    legacy.store.answer({ status: 500, text: STORE_TOKEN });

    const result = await lookUp(JANE.email);

    const visible = [
      ...result.logs.map((entry) => entry.message),
      result.error?.message,
      result.error?.stack,
    ];
    expect(visible.join('\n')).not.toContain(STORE_TOKEN);
  });
});
