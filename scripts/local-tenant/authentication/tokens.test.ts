import { X509Certificate } from 'node:crypto';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { newSigningKey, publicJwk, withSigningKey } from './signing-key';
import { accessTokenClaims, carriesPermissions, idTokenClaims, signJwt, verifiedClaims } from './tokens';

// One key for the file: a 2048-bit key takes ~150 ms to make.
const key = newSigningKey();
const issuer = 'https://127.0.0.1:8443/';
const api = { identifier: 'https://documents.example.com/', token_lifetime: 600 };
const now = 1_800_000_000;

const machineToken = (settings: Record<string, unknown>) =>
  accessTokenClaims({
    issuer,
    api: { ...api, ...settings },
    clientId: 'backend',
    subject: 'backend@clients',
    scopes: ['read:documents'],
    permissions: ['read:documents'],
    grantType: 'client-credentials',
    now,
  });

describe('the signing key', () => {
  it('is served as its public half alone, with a certificate for the same key', () => {
    const jwk = publicJwk(key);

    expect(Object.keys(jwk).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use', 'x5c', 'x5t']);
    expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: key.kid, e: 'AQAB' });
    expect(JSON.stringify(jwk)).not.toContain('PRIVATE');
    const certificate = new X509Certificate(
      `-----BEGIN CERTIFICATE-----\n${jwk.x5c[0]}\n-----END CERTIFICATE-----`,
    );
    expect(certificate.publicKey.export({ format: 'jwk' }).n).toBe(jwk.n);
    expect(certificate.subject).toContain('not Auth0');
    expect(certificate.verify(certificate.publicKey)).toBe(true);
  });

  it('is made for a state saved before tokens were RS256, and kept for one that has it', () => {
    const old = withSigningKey({ format: 'local-tenant/1' });
    expect(old.tokenSigningKey).toMatchObject({ alg: 'RS256' });
    const kept = withSigningKey({ tokenSigningKey: key });
    expect(kept.tokenSigningKey).toBe(key);
  });
});

describe('signed tokens', () => {
  it('verify with jose against the served key, and with our own check', async () => {
    const token = signJwt({ iss: issuer, sub: 'a', aud: 'b', exp: now + 60 }, key);

    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: [publicJwk(key)] }), {
      currentDate: new Date(now * 1000),
    });
    expect(payload.sub).toBe('a');
    expect(verifiedClaims(token, key)).toMatchObject({ sub: 'a' });
  });

  it('are refused when altered, or signed by another key', () => {
    const token = signJwt({ sub: 'a' }, key);
    const [header, , signature] = token.split('.');
    const altered = `${header}.${Buffer.from('{"sub":"b"}').toString('base64url')}.${signature}`;

    expect(verifiedClaims(altered, key)).toBeUndefined();
    expect(verifiedClaims(token, { ...key, kid: 'another' })).toBeUndefined();
    expect(verifiedClaims('not.a.token', key)).toBeUndefined();
  });
});

describe('an access token for an API', () => {
  it('has the Auth0 profile by default: the granted scopes, the API lifetime, no permissions', () => {
    const issued = machineToken({});

    expect(issued).toEqual({
      typ: 'JWT',
      expiresIn: 600,
      claims: {
        iss: issuer,
        sub: 'backend@clients',
        aud: api.identifier,
        iat: now,
        exp: now + 600,
        scope: 'read:documents',
        gty: 'client-credentials',
        azp: 'backend',
      },
    });
  });

  it.each([
    ['access_token', true, false],
    ['access_token_authz', false, false],
    ['access_token_authz', true, true],
    ['rfc9068_profile', true, false],
    ['rfc9068_profile_authz', true, true],
  ])('with dialect %s and RBAC %s carries permissions: %s', (token_dialect, enforce_policies, expected) => {
    expect(carriesPermissions({ token_dialect, enforce_policies })).toBe(expected);
    expect('permissions' in machineToken({ token_dialect, enforce_policies }).claims).toBe(expected);
  });

  it('in the RFC 9068 profile names the client client_id, has a jti and the at+jwt type', () => {
    const issued = machineToken({ token_dialect: 'rfc9068_profile_authz', enforce_policies: true });

    expect(issued.typ).toBe('at+jwt');
    expect(issued.claims).toMatchObject({ client_id: 'backend', permissions: ['read:documents'] });
    expect(issued.claims.jti).toEqual(expect.any(String));
    expect(issued.claims).not.toHaveProperty('azp');
    expect(decodeProtectedHeader(signJwt(issued.claims, key, issued.typ))).toMatchObject({ typ: 'at+jwt' });
  });

  it('falls back to Auth0 default lifetime when the API names none', () => {
    expect(machineToken({ token_lifetime: undefined }).expiresIn).toBe(86400);
  });
});

describe('an ID token', () => {
  const client = { client_id: 'spa', jwt_configuration: { lifetime_in_seconds: 3600 } };

  it('carries the OIDC claims, the nonce and the session, and the client lifetime', () => {
    const { claims, expiresIn } = idTokenClaims({
      issuer,
      client,
      subject: 'auth0|alice',
      authTime: now - 5,
      nonce: 'n-1',
      sid: 'session-1',
      extra: { email: 'alice@example.com' },
      now,
    });

    expect(expiresIn).toBe(3600);
    expect(claims).toEqual({
      email: 'alice@example.com',
      iss: issuer,
      aud: 'spa',
      sub: 'auth0|alice',
      iat: now,
      exp: now + 3600,
      auth_time: now - 5,
      sid: 'session-1',
      nonce: 'n-1',
    });
  });

  it('leaves out a nonce the request had not, and never takes protocol claims from extra', () => {
    const { claims } = idTokenClaims({
      issuer,
      client: { client_id: 'spa' },
      subject: 'auth0|alice',
      authTime: now,
      extra: { nonce: 'forged', sub: 'auth0|mallory', iss: 'https://evil/' },
      now,
    });

    expect(claims).not.toHaveProperty('nonce');
    expect(claims).toMatchObject({ sub: 'auth0|alice', iss: issuer, exp: now + 36000 });
  });
});
