import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, otpauthUri, TotpVerifier, totp } from './totp';

const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');

describe('one-time codes', () => {
  it('matches the HOTP test values of RFC 4226 appendix D', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, counter) => hotp(RFC_SECRET, counter))).toEqual(expected);
  });

  it('matches the SHA-1 TOTP test values of RFC 6238 appendix B (8 digits)', () => {
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [time, code] of vectors) expect(totp(RFC_SECRET, time, 8)).toBe(code);
  });

  it('round-trips base32 (RFC 4648 test vector "foobar")', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
  });

  it('accepts one step of drift, and a code only once', () => {
    const secret = base32Encode(RFC_SECRET);
    const verifier = new TotpVerifier();
    const now = 1_700_000_000;
    expect(verifier.verify('user', secret, totp(RFC_SECRET, now - 30), now)).toBe(true);
    expect(verifier.verify('user', secret, totp(RFC_SECRET, now - 30), now)).toBe(false);
    expect(verifier.verify('user', secret, totp(RFC_SECRET, now - 60), now)).toBe(false);
    expect(verifier.verify('user', secret, totp(RFC_SECRET, now + 30), now)).toBe(true);
  });

  it('refuses every code, the right one too, after 10 wrong ones over any number of logins, one try back per 6 minutes', () => {
    const secret = base32Encode(RFC_SECRET);
    const verifier = new TotpVerifier();
    const now = 1_700_000_000;
    const valid = new Set([-30, 0, 30].map((drift) => totp(RFC_SECRET, now + drift)));
    const wrong = ['000000', '111111', '222222'].find((code) => !valid.has(code)) ?? '';
    for (let attempt = 0; attempt < 10; attempt++)
      expect(verifier.verify('user', secret, wrong, now)).toBe(false);
    expect(verifier.verify('user', secret, totp(RFC_SECRET, now), now)).toBe(false);
    expect(verifier.verify('other-user', secret, totp(RFC_SECRET, now), now)).toBe(true);
    const later = now + 6 * 60;
    expect(verifier.verify('user', secret, totp(RFC_SECRET, later), later)).toBe(true);
  });

  it('writes the otpauth URI authenticator apps read', () => {
    expect(otpauthUri('Local Tenant', 'ada@example.com', 'ABC')).toBe(
      'otpauth://totp/Local%20Tenant:ada%40example.com?secret=ABC&issuer=Local+Tenant&algorithm=SHA1&digits=6&period=30',
    );
  });
});
