/**
 * `api.user.setAppMetadata` / `setUserMetadata` semantics: each call replaces one top-level key, `null`
 * deletes it, and Auth0 applies the writes when the flow completes. Auth0 persists at most 32 kB each of
 * app and user metadata per session ("Actions limitations").
 */
import type { Violation } from './violations';

export const MAX_METADATA_PERSISTENCE_BYTES = 32 * 1024;

export interface MetadataWriteLike {
  key: string;
  value: unknown;
}

/** `initial` after `writes`, in order. */
export function applyMetadataWrites(
  initial: Record<string, unknown> | undefined,
  writes: readonly MetadataWriteLike[],
): Record<string, unknown> {
  const result: Record<string, unknown> = structuredClone(initial ?? {});
  for (const { key, value } of writes) {
    if (value === null) delete result[key];
    else result[key] = structuredClone(value);
  }
  return result;
}

/** The 32 kB rule for what one session writes to `target`. */
export function metadataSizeViolation(
  target: 'app_metadata' | 'user_metadata',
  writes: readonly MetadataWriteLike[],
): Violation | undefined {
  const lastWrite = new Map(writes.map((write) => [write.key, write.value]));
  const bytes = Buffer.byteLength(JSON.stringify(Object.fromEntries(lastWrite)) ?? '', 'utf8');
  if (bytes <= MAX_METADATA_PERSISTENCE_BYTES) return undefined;
  return {
    rule: 'metadata-too-large',
    message: `${target} writes total ${bytes} bytes; Auth0 persists at most ${MAX_METADATA_PERSISTENCE_BYTES} per session`,
  };
}
