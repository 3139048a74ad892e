/**
 * One-time codes for the MFA page: HOTP (RFC 4226) and TOTP (RFC 6238) with Auth0 Guardian's parameters,
 * SHA-1, 6 digits, 30-second steps, one step of drift either way; base32 (RFC 4648) secrets and the
 * `otpauth://` URI authenticator apps read.
 */
import { createHmac, randomBytes } from 'node:crypto';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32_ALPHABET.indexOf(char);
    if (index < 0) throw new Error(`not base32: "${char}"`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 section 5.3: HMAC-SHA-1 of the 8-byte counter, dynamically truncated. */
export function hotp(secret: Uint8Array, counter: number, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(binary).padStart(digits, '0');
}

/** RFC 6238: the code of the step `unixSeconds` falls in. */
export const totp = (secret: Uint8Array, unixSeconds: number, digits = TOTP_DIGITS): string =>
  hotp(secret, Math.floor(unixSeconds / TOTP_STEP_SECONDS), digits);

/** A new authenticator secret: 20 random bytes (RFC 4226's recommended 160 bits), base32. */
export const newTotpSecret = (): string => base32Encode(randomBytes(20));

/** https://github.com/google/google-authenticator/wiki/Key-Uri-Format */
export function otpauthUri(issuer: string, account: string, secretBase32: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = new URLSearchParams({
    secret: secretBase32,
    issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_STEP_SECONDS),
  });
  return `otpauth://totp/${label}?${query}`;
}

/**
 * Wrong codes per user, across logins: a bucket of 10 tries refilled by one every 6 minutes, Auth0's limit on
 * one-time code verification (https://auth0.com/docs/secure/multi-factor-authentication/authenticate-using-ropg-flow-with-mfa,
 * "MFA OTP code limits"). Without it, whoever has the password walks the million codes five per login.
 */
const WRONG_CODE_BUCKET = 10;
const WRONG_CODE_REFILL_SECONDS = 6 * 60;

/**
 * Checks codes and remembers the last step each authenticator used: a code seen once is refused after
 * (RFC 6238 section 5.2), as is any code of an earlier step; and the wrong codes each user may still send.
 */
export class TotpVerifier {
  private readonly lastStep = new Map<string, number>();
  private readonly tries = new Map<string, { left: number; since: number }>();

  /** The user's tries left now, refilled for the whole periods since the bucket was last counted. */
  private triesLeft(key: string, unixSeconds: number): { left: number; since: number } {
    const bucket = this.tries.get(key) ?? { left: WRONG_CODE_BUCKET, since: unixSeconds };
    const refills = Math.floor((unixSeconds - bucket.since) / WRONG_CODE_REFILL_SECONDS);
    if (refills <= 0) return bucket;
    return {
      left: Math.min(WRONG_CODE_BUCKET, bucket.left + refills),
      since: bucket.since + refills * WRONG_CODE_REFILL_SECONDS,
    };
  }

  /** True when `code` is the one of the current step or one step either side, not used before, and tries are left. */
  verify(key: string, secretBase32: string, code: string, unixSeconds: number): boolean {
    const bucket = this.triesLeft(key, unixSeconds);
    this.tries.set(key, bucket);
    if (bucket.left < 1) return false;
    const right = this.matches(key, secretBase32, code, unixSeconds);
    if (!right) bucket.left -= 1;
    return right;
  }

  private matches(key: string, secretBase32: string, code: string, unixSeconds: number): boolean {
    if (!/^\d{6}$/.test(code)) return false;
    const secret = base32Decode(secretBase32);
    const current = Math.floor(unixSeconds / TOTP_STEP_SECONDS);
    const used = this.lastStep.get(key) ?? Number.NEGATIVE_INFINITY;
    for (const step of [current - 1, current, current + 1]) {
      if (step > used && hotp(secret, step) === code) {
        this.lastStep.set(key, step);
        return true;
      }
    }
    return false;
  }
}
