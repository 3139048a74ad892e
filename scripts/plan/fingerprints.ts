/**
 * Fingerprints of write-only values. Auth0 never gives back an Action secret (reads return names only)
 * nor a database connection's `configuration`, and we treat every secret the same way. To know whether
 * such a value changed without reading it, each deploy records a fingerprint beside the resource: a
 * trailing comment in an Action's code, a `metadata` entry on a connection. The next plan compares the
 * fingerprint of the value it would write with the recorded one.
 *
 * Anyone who can read the resource (the read-only plan application, a dashboard user) can read the
 * fingerprint, so it is keyed: an HMAC-SHA256 under a key derived from the deploy application's client
 * secret (`fingerprintKey`), salted with the field's place, cut to 48 bits. Without the key a reader
 * cannot test guesses of a weak secret against it; with it, 48 bits are plenty to notice a change.
 * Only a command with the secret values computes fingerprints at all, and that is the deploy; a plan
 * without the values (a pull request, the nightly drift check) says it could not compare them.
 */
import { createHmac, hkdfSync } from 'node:crypto';
import { isRecord, type Rec } from './compare';
import { PlanInputError } from './types';

/** Field -> fingerprint; undefined when the value is unknown (its environment variable is not set). */
export type Fingerprints = Record<string, string | undefined>;

const CODE_MARKER = '// tenant-as-code secrets:';
export const METADATA_KEY = 'tenant_as_code_secrets';
/** Auth0 limits a connection metadata value to 255 characters. */
const METADATA_VALUE_LIMIT = 255;

/** The fingerprint key, from the deploy application's client secret (only the deploy has it). */
export function fingerprintKey(deployClientSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', deployClientSecret, 'tenant-as-code', 'secret fingerprints', 32));
}

export function fingerprint(value: string, salt: string, key: Buffer): string {
  return createHmac('sha256', key).update(`${salt}\u0000${value}`).digest('hex').slice(0, 12);
}

function encode(fingerprints: Fingerprints): string {
  return Object.keys(fingerprints)
    .sort()
    .map((field) => `${field}=${fingerprints[field] ?? '?'}`)
    .join(',');
}

function decode(text: string): Fingerprints {
  const out: Fingerprints = {};
  for (const part of text.split(',')) {
    const at = part.lastIndexOf('=');
    if (at <= 0) continue;
    const value = part.slice(at + 1).trim();
    out[part.slice(0, at).trim()] = value === '?' ? undefined : value;
  }
  return out;
}

/** Action code with its fingerprint comment as the last line (replacing an older one). */
export function withCodeFingerprints(code: string, fingerprints: Fingerprints): string {
  const { code: body } = readCodeFingerprints(code);
  return `${body.replace(/\n*$/, '')}\n${CODE_MARKER} ${encode(fingerprints)}\n`;
}

/** The code without our comment, and the fingerprints it recorded (undefined when it has none). */
export function readCodeFingerprints(code: string): { code: string; fingerprints?: Fingerprints } {
  const at = code.lastIndexOf(`\n${CODE_MARKER}`);
  if (
    at < 0 ||
    code
      .slice(at + 1)
      .trimEnd()
      .includes('\n')
  )
    return { code };
  const line = code.slice(at + 1 + CODE_MARKER.length).trim();
  return { code: `${code.slice(0, at)}\n`, fingerprints: decode(line) };
}

/** Connection metadata with our entry added. */
export function withMetadataFingerprints(metadata: unknown, fingerprints: Fingerprints, name: string): Rec {
  const value = encode(fingerprints);
  if (value.length > METADATA_VALUE_LIMIT) {
    throw new PlanInputError(
      `connection ${name} has too many write-only fields to record their fingerprints in its metadata ` +
        `(${value.length} characters, Auth0 allows ${METADATA_VALUE_LIMIT}): move some configuration into an Action secret`,
    );
  }
  return { ...(isRecord(metadata) ? metadata : {}), [METADATA_KEY]: value };
}

/** Metadata without our entry (undefined when nothing else is left), and the fingerprints it recorded. */
export function readMetadataFingerprints(metadata: unknown): { metadata?: Rec; fingerprints?: Fingerprints } {
  if (!isRecord(metadata)) return {};
  const { [METADATA_KEY]: recorded, ...rest } = metadata;
  const left = Object.keys(rest).length > 0 ? rest : undefined;
  if (typeof recorded !== 'string') return { ...(left ? { metadata: left } : {}) };
  return { ...(left ? { metadata: left } : {}), fingerprints: decode(recorded) };
}
