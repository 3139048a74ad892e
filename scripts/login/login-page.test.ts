import { describe, expect, it } from 'vitest';
import { errorPage, loginPage, mfaEnrollPage } from '../local-tenant/authentication/pages/forms';
import type { LoginSession } from '../local-tenant/authentication/sessions';
import { formPostingTo, readLoginPage } from './login-page';
import { redactedPath, stepOf } from './steps';

/** A login session as the pages read it: its transaction's id and the CSRF token. */
const session: LoginSession = {
  transaction: {
    id: 'tx-"1"&',
    clientId: 'spa',
    redirectUri: 'https://spa.example.com/callback',
    responseType: 'code',
    responseMode: 'query',
    scopes: ['openid'],
    prompt: [],
    createdAt: 0,
  },
  loginId: 'tx-"1"&',
  csrf: 'csrf-<token>',
  expiresAt: 0,
  methods: [],
};
const database = { name: 'Username-Password-Authentication', options: {} };

describe('reading a login page as a headless client', () => {
  it('finds the login form, its hidden fields unescaped, and what a person fills in', () => {
    const page = readLoginPage(
      String(loginPage({ branding: {}, session, databases: [database], socials: [] }).html),
    );
    expect(page.title).toBe('Log in');
    expect(page.error).toBeUndefined();
    expect(formPostingTo(page, '/u/login')).toEqual({
      action: '/u/login',
      method: 'POST',
      hidden: { state: 'tx-"1"&', csrf: 'csrf-<token>', connection: 'Username-Password-Authentication' },
      inputs: ['email', 'password'],
    });
    expect(formPostingTo(page, '/u/mfa-otp')).toBeUndefined();
  });

  it('reads the error a form shows, and the secret an enrollment page shows', () => {
    const wrong = readLoginPage(
      String(
        loginPage({
          branding: {},
          session,
          databases: [database],
          socials: [],
          error: 'Wrong email or password.',
        }).html,
      ),
    );
    expect(wrong.error).toBe('Wrong email or password.');
    const enroll = readLoginPage(
      String(mfaEnrollPage({}, session, 'JBSWY3DPEHPK3PXP', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP').html),
    );
    expect(enroll.totpSecret).toBe('JBSWY3DPEHPK3PXP');
    expect(formPostingTo(enroll, '/u/mfa-otp')?.inputs).toEqual(['code']);
  });

  it('reads an error page as its heading and message, with no form to post', () => {
    const page = readLoginPage(
      String(errorPage({}, 'Sign-in unavailable', 'The store is <down>.', 503).html),
    );
    expect(page.forms).toEqual([]);
    expect(page.error).toBe('Sign-in unavailable: The store is <down>.');
  });
});

describe('the steps a login reports', () => {
  it('show how the login was asked for, and never a code, state, nonce or challenge by value', () => {
    const base = 'https://127.0.0.1:8443/';
    expect(
      redactedPath(
        'https://127.0.0.1:8443/authorize?client_id=abc&scope=openid%20email&state=s3cr3t&nonce=n&code_challenge=c&code_challenge_method=S256',
        base,
      ),
    ).toBe(
      '/authorize?client_id=abc&scope=openid%20email&state=…&nonce=…&code_challenge=…&code_challenge_method=S256',
    );
    const step = stepOf(
      'POST',
      `${base}u/mfa-otp`,
      302,
      'https://spa.example.com/callback?code=abc123&state=xyz',
      base,
    );
    expect(step).toEqual({
      method: 'POST',
      path: '/u/mfa-otp',
      status: 302,
      location: 'https://spa.example.com/callback?code=…&state=…',
    });
    expect(JSON.stringify(step)).not.toMatch(/abc123|xyz/);
  });
});
