/**
 * A log stream's `pii_config` (https://auth0.com/docs/api/management/v2/log-streams/get-log-streams):
 * the personal fields it names (`log_fields`: first_name, last_name, username, email, phone, address) are
 * masked or hashed (`method`, with `algorithm: xxhash`) before the stream's events leave. Auth0 does not
 * say which fields of an event each name covers, nor which xxhash variant or what a mask looks like; here
 * each name covers the event fields that hold it (`email` the `user_name`, which is the email in our
 * events, and any `email` in the details), the hash is XXH32 (seed 0, hex) and a mask is one `*` per
 * character.
 */
import type { JsonObject } from '../state/types';

export const PII_FIELDS: Record<string, readonly string[]> = {
  first_name: ['first_name', 'given_name'],
  last_name: ['last_name', 'family_name'],
  username: ['username', 'nickname'],
  email: ['email', 'user_name'],
  phone: ['phone', 'phone_number'],
  address: ['address'],
};

const PRIME1 = 0x9e3779b1;
const PRIME2 = 0x85ebca77;
const PRIME3 = 0xc2b2ae3d;
const PRIME4 = 0x27d4eb2f;
const PRIME5 = 0x165667b1;

const rotl = (value: number, bits: number) => ((value << bits) | (value >>> (32 - bits))) >>> 0;
const round = (acc: number, lane: number) =>
  Math.imul(rotl((acc + Math.imul(lane, PRIME2)) >>> 0, 13), PRIME1) >>> 0;

/** XXH32 of the UTF-8 bytes, seed 0, as 8 hex digits (the xxHash specification's algorithm). */
export function xxh32(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  const lane = (at: number) => bytes.readUInt32LE(at);
  let at = 0;
  let hash: number;
  if (bytes.length >= 16) {
    const acc = [(PRIME1 + PRIME2) >>> 0, PRIME2, 0, (0 - PRIME1) >>> 0];
    for (; at + 16 <= bytes.length; at += 16) {
      for (let i = 0; i < 4; i++) acc[i] = round(acc[i] ?? 0, lane(at + i * 4));
    }
    const [a = 0, b = 0, c = 0, d = 0] = acc;
    hash = (rotl(a, 1) + rotl(b, 7) + rotl(c, 12) + rotl(d, 18)) >>> 0;
  } else {
    hash = PRIME5;
  }
  hash = (hash + bytes.length) >>> 0;
  for (; at + 4 <= bytes.length; at += 4) {
    hash = Math.imul(rotl((hash + Math.imul(lane(at), PRIME3)) >>> 0, 17), PRIME4) >>> 0;
  }
  for (; at < bytes.length; at++) {
    hash = Math.imul(rotl((hash + Math.imul(bytes[at] ?? 0, PRIME5)) >>> 0, 11), PRIME1) >>> 0;
  }
  hash = Math.imul(hash ^ (hash >>> 15), PRIME2) >>> 0;
  hash = Math.imul(hash ^ (hash >>> 13), PRIME3) >>> 0;
  return ((hash ^ (hash >>> 16)) >>> 0).toString(16).padStart(8, '0');
}

function hide(value: unknown, method: string): unknown {
  if (typeof value !== 'string') return value;
  return method === 'hash' ? xxh32(value) : '*'.repeat(value.length);
}

function applyTo(value: unknown, keys: ReadonlySet<string>, method: string): unknown {
  if (Array.isArray(value)) return value.map((item) => applyTo(item, keys, method));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      keys.has(key) ? hide(item, method) : applyTo(item, keys, method),
    ]),
  );
}

/** The event as this stream may carry it: its pii_config's fields masked (the default) or hashed. */
export function withPiiConfig(data: JsonObject, stream: JsonObject): JsonObject {
  const config = stream.pii_config as JsonObject | undefined;
  const fields = Array.isArray(config?.log_fields) ? (config.log_fields as string[]) : [];
  if (fields.length === 0) return data;
  const keys = new Set(fields.flatMap((field) => PII_FIELDS[field] ?? []));
  const method = config?.method === 'hash' ? 'hash' : 'mask';
  return applyTo(data, keys, method) as JsonObject;
}
