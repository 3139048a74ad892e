import { describe, expect, it } from 'vitest';
import { postLogin } from './post-login';

describe('session, refresh token, transaction, validation, SAML', () => {
  it('records session changes and validates session metadata as Auth0 does', async () => {
    const login = postLogin();

    await login.run((_event, api) => {
      api.session.setExpiresAt(2_000_000_000_000);
      api.session.setExpiresAt(1_900_000_000_000);
      api.session.setMetadata('device_label', 'work laptop');
      api.session.setCookieMode('non-persistent');
    });

    expect(login.session).toMatchObject({
      revoked: false,
      expiresAt: 1_900_000_000_000,
      cookieMode: 'non-persistent',
      metadata: { device_label: 'work laptop' },
    });
    await expect(
      postLogin().run((_event, api) => {
        api.session.setMetadata('bad key!', 'x');
      }),
    ).rejects.toThrow('Metadata keys may only include letters, numbers, underscores, or hyphens');
    await expect(
      postLogin({ session: undefined }).run((_event, api) => {
        api.session.setMetadata('a', 'b');
      }),
    ).rejects.toThrow(/session that does not exist/);
  });

  it('treats a session revoke as a denied login', async () => {
    const login = postLogin();

    await login.run((_event, api) => {
      api.session.revoke('session hijack suspected', { preserveRefreshTokens: false });
    });

    expect(login.denied).toEqual({ reason: 'session hijack suspected' });
    expect(login.session.revoked).toEqual({
      reason: 'session hijack suspected',
      options: { preserveRefreshTokens: false },
    });
  });

  it('flags a refresh token revoke outside a refresh token exchange', async () => {
    const exchange = postLogin({ transaction: { protocol: 'oauth2-refresh-token' } });
    await exchange.run((_event, api) => api.refreshToken.revoke('device lost'));
    expect(exchange.refreshToken.revoked).toEqual({ reason: 'device lost' });

    const interactive = postLogin({}, { allowViolations: true });
    await interactive.run((_event, api) => api.refreshToken.revoke('device lost'));
    expect(interactive.violations).toEqual([
      expect.objectContaining({ rule: 'refresh-token-revoke-outside-refresh' }),
    ]);
  });

  it('shares transaction metadata through the event, as later Actions see it', async () => {
    const login = postLogin();

    await login.run((event, api) => {
      api.transaction.setMetadata('risk_checked', true);
      expect(event.transaction?.metadata.risk_checked).toBe(true);
    });

    expect(login.transactionMetadata).toEqual({ risk_checked: true });
  });

  it('records validation errors and SAML changes', async () => {
    const login = postLogin({ transaction: { protocol: 'samlp' } });

    await login.run((_event, api) => {
      api.samlResponse.setAttribute('http://schemas.example.com/claims/department', 'finance');
      api.samlResponse.setLifetimeInSeconds(600);
      api.validation.error('invalid_department', 'Your department may not use this app.');
    });

    expect(login.validationError).toEqual({
      code: 'invalid_department',
      message: 'Your department may not use this app.',
    });
    expect(login.saml).toEqual({
      attributes: { 'http://schemas.example.com/claims/department': 'finance' },
      config: { lifetimeInSeconds: 600 },
    });
  });

  it('answers rules.wasExecuted from the options', async () => {
    const login = postLogin({}, { rulesExecuted: ['rul_legacy'] });
    const seen: boolean[] = [];

    await login.run((_event, api) => {
      seen.push(api.rules.wasExecuted('rul_legacy'), api.rules.wasExecuted('rul_other'));
    });

    expect(seen).toEqual([true, false]);
  });
});
