/**
 * HS256 session tokens as `api.redirect.encodeToken` / `validateToken` make them, so a test can check what an
 * Action sends to a redirect target and forge what the target sends back to `/continue`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

export function signSessionToken(payload: Record<string, unknown>, secret: string): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = base64url(JSON.stringify(payload));
  const signature = createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url');
  return `${header}.${body}.${signature}`;
}

/** The payload of a token signed with `secret`, or throws saying why it is not valid. Ignores claims. */
export function verifySessionTokenSignature(token: string, secret: string): Record<string, unknown> {
  const parts = token.split('.');
  const [header, body, signature] = parts;
  if (parts.length !== 3 || header === undefined || body === undefined || signature === undefined) {
    throw new Error('not a JWT');
  }
  const expected = createHmac('sha256', secret).update(`${header}.${body}`).digest();
  const actual = Buffer.from(signature, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected))
    throw new Error('invalid signature');
  const parsedHeader: unknown = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
  if (!isRecord(parsedHeader) || parsedHeader.alg !== 'HS256') throw new Error('unexpected algorithm');
  const payload: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  if (!isRecord(payload)) throw new Error('payload is not an object');
  return payload;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface ExpectedSessionClaims {
  issuer: string | undefined;
  subject: string;
  /** The `state` sent to `/continue`; the token must carry the same. */
  state: unknown;
  nowSeconds: number;
}

/** Validates a token returned to `/continue` the way Auth0's runtime does (signature, exp, iss, sub, state). */
export function validateSessionToken(
  token: string,
  secret: string,
  expected: ExpectedSessionClaims,
): Record<string, unknown> {
  const payload = verifySessionTokenSignature(token, secret);
  if (typeof payload.exp !== 'number' || payload.exp <= expected.nowSeconds) throw new Error('token expired');
  if (expected.issuer !== undefined && payload.iss !== expected.issuer) throw new Error('unexpected issuer');
  if (payload.sub !== expected.subject) throw new Error('unexpected subject');
  if (payload.state !== expected.state) throw new Error('state mismatch');
  return payload;
}
