import { describe, expect, it } from 'vitest';
import type { PostLoginHandler } from '../../actions/types/post-login/v3';
import { signSessionToken, verifySessionTokenSignature } from '../../scripts/action-api/session-token';
import { postLogin } from './post-login';
import { KIT_NOW } from './post-login-event';

const SECRET = 'redirect-signing-secret-0123456789';
const USER_ID = 'auth0|65f1c0ffee0000000000a1b2';

const sendToConsent: PostLoginHandler = (event, api) => {
  const token = api.redirect.encodeToken({ secret: SECRET, payload: { email: event.user.email } });
  api.redirect.sendUserTo('https://consent.example.com/terms?lang=en', { query: { session_token: token } });
};

describe('redirect.sendUserTo', () => {
  it('records the full URL and its query', async () => {
    const login = postLogin();

    await login.run(sendToConsent);

    expect(login.redirect).toMatchObject({
      url: expect.stringMatching(/^https:\/\/consent\.example\.com\/terms\?lang=en&session_token=/),
      query: { lang: 'en', session_token: expect.any(String) },
    });
  });

  it('signs a token with iat, iss, sub, exp, ip and the payload', async () => {
    const login = postLogin();

    await login.run(sendToConsent);

    const token = login.redirect === false ? '' : (login.redirect.query.session_token ?? '');
    const iat = Math.floor(KIT_NOW / 1000);
    expect(verifySessionTokenSignature(token, SECRET)).toEqual({
      iat,
      iss: 'example-dev.eu.auth0.com',
      sub: USER_ID,
      exp: iat + 900,
      ip: '203.0.113.24',
      email: 'jane.doe@example.com',
    });
  });

  it('throws for an invalid URL, as Auth0 does', async () => {
    await expect(postLogin().run((_event, api) => void api.redirect.sendUserTo('not a url'))).rejects.toThrow(
      TypeError,
    );
  });

  it.each([
    ['a refresh token exchange', { transaction: { protocol: 'oauth2-refresh-token' } }],
    ['a resource owner password grant', { transaction: { protocol: 'oauth2-password' } }],
    ['a silent authentication (prompt=none)', { request: { query: { prompt: 'none' } } }],
  ] as const)('flags a redirect in %s, which cannot redirect', async (_flow, overrides) => {
    const login = postLogin(overrides, { allowViolations: true });

    await login.run((_event, api) => {
      expect(api.redirect.canRedirect()).toBe(false);
      api.redirect.sendUserTo('https://consent.example.com/terms');
    });

    expect(login.violations).toEqual([expect.objectContaining({ rule: 'redirect-not-possible' })]);
  });

  it('flags a redirect and a prompt render in the same Action', async () => {
    const login = postLogin({}, { allowViolations: true });

    await login.run((_event, api) => {
      api.prompt.render('ap_consent');
      api.redirect.sendUserTo('https://consent.example.com/terms');
    });

    expect(login.violations).toEqual([expect.objectContaining({ rule: 'redirect-and-render' })]);
  });
});

describe('redirect.validateToken on /continue', () => {
  const continueWith = (token: string, state = 'c3RhdGUtMTIzNDU2') =>
    postLogin({ request: { query: { state }, body: { session_token: token } } });
  const validToken = (claims: Record<string, unknown> = {}) =>
    signSessionToken(
      {
        sub: USER_ID,
        iss: 'example-dev.eu.auth0.com',
        exp: Math.floor(KIT_NOW / 1000) + 60,
        state: 'c3RhdGUtMTIzNDU2',
        accepted: true,
        ...claims,
      },
      SECRET,
    );

  it('returns the payload of a valid token posted back', async () => {
    const login = continueWith(validToken());
    let payload: Record<string, unknown> = {};

    await login.run((_event, api) => {
      payload = api.redirect.validateToken({ secret: SECRET });
    });

    expect(payload).toMatchObject({ accepted: true, sub: USER_ID });
  });

  it.each([
    ['signed with another secret', signSessionToken({ sub: USER_ID }, 'another-secret'), /invalid signature/],
    ['expired', validToken({ exp: Math.floor(KIT_NOW / 1000) - 1 }), /token expired/],
    ['for another user', validToken({ sub: 'auth0|someone-else' }), /unexpected subject/],
    ['for another transaction', validToken({ state: 'other-state' }), /state mismatch/],
  ])('throws for a token %s', async (_case, token, reason) => {
    await expect(
      continueWith(token).run((_event, api) => void api.redirect.validateToken({ secret: SECRET })),
    ).rejects.toThrow(reason);
  });

  it('throws when no token was posted back', async () => {
    await expect(
      postLogin().run(
        (_event, api) => void api.redirect.validateToken({ secret: SECRET, tokenParameterName: 'consent' }),
      ),
    ).rejects.toThrow("There is no parameter called 'consent'");
  });
});
