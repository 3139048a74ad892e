import { describe, expect, it } from 'vitest';
import { UsageError } from '../cli/shell';
import type { HeadlessLoginResult } from './headless-login';
import { parseLoginOptions } from './login-command';
import { formatLoginJson, formatLoginText, type LoginReport } from './report';

describe('npm run login options', () => {
  it('default to the local environment and port, and take the optional ones given', () => {
    expect(
      parseLoginOptions([
        '--client',
        'Documents SPA',
        '--user',
        'a@example.com',
        '--totp-secret',
        'ABC',
        '--ip',
        '10.0.0.1',
      ]),
    ).toEqual({
      client: 'Documents SPA',
      user: 'a@example.com',
      format: 'text',
      port: 8443,
      stateFile: '.local-tenant/state.json',
      totpSecret: 'ABC',
      ip: '10.0.0.1',
    });
    expect(parseLoginOptions(['--help'])).toBe('help');
  });

  it('refuse another environment, pointing at auth0 test login, and a missing client or user', () => {
    expect(() => parseLoginOptions(['--client', 'x', '--user', 'y', '--env', 'production'])).toThrow(
      /local tenant only.*auth0 test login/,
    );
    expect(() => parseLoginOptions(['--user', 'y'])).toThrow(UsageError);
    expect(() => parseLoginOptions(['--client', 'x', '--user', 'y', '--format', 'yaml'])).toThrow(/--format/);
  });
});

const steps = [
  { method: 'POST', path: '/u/login', status: 302, location: 'https://app/callback?code=…&state=…' },
];
const report = (result: HeadlessLoginResult): LoginReport => ({
  tenant: 'local tenant 127.0.0.1:8443',
  client: 'Documents SPA',
  user: 'user@example.com',
  result,
  traces: {
    loginId: 'tx',
    at: '2026-01-01T00:00:00.000Z',
    user: { email: 'user@example.com' },
    client: { client_id: 'spa' },
    outcome: { kind: 'complete' },
    postLogin: [
      {
        actionName: 'custom-claims',
        versionId: 'v1',
        logs: [{ level: 'log', message: 'token [redacted]' }],
        calls: ['idToken.setCustomClaim'],
        durationMs: 1.5,
        error: 'boom',
      },
    ],
  },
});

describe('what npm run login prints', () => {
  const signedIn: HeadlessLoginResult = {
    kind: 'tokens',
    tokens: { access_token: 'raw.access.token', id_token: 'raw.id.token', token_type: 'Bearer' },
    idTokenClaims: { sub: 'auth0|1', 'https://example.com/claims/roles': ['user'] },
    accessTokenClaims: { scope: 'openid' },
    refreshToken: 'rt_secret',
    steps,
  };

  it('shows the claims, each Action, the user and the result; never a raw token or the refresh token', () => {
    const text = formatLoginText(report(signedIn));
    expect(text).toContain('"https://example.com/claims/roles": [');
    expect(text).toContain(
      'post-login custom-claims (1.5 ms)\n    api calls: idToken.setCustomClaim\n    console:\n      [log] token [redacted]\n    error: boom',
    );
    expect(text).toContain('User: user@example.com, client: Documents SPA');
    expect(text).toContain('Result: signed in (a refresh token was issued)');
    const json = formatLoginJson(report(signedIn));
    for (const printed of [text, json]) expect(printed).not.toMatch(/raw\.|rt_secret/);
    expect(JSON.parse(json)).toMatchObject({ result: 'tokens', refreshTokenIssued: true });
  });

  it('ends a denial and a refusal with their reason', () => {
    expect(
      formatLoginText(
        report({ kind: 'denied', error: 'access_denied', description: 'user is blocked', steps }),
      ),
    ).toMatch(/Result: denied: access_denied: user is blocked\n$/);
    expect(
      formatLoginText(report({ kind: 'refused', status: 401, message: 'Wrong email or password.', steps })),
    ).toMatch(/Result: refused \(401\): Wrong email or password\.\n$/);
  });
});
