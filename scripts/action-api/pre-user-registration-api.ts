/**
 * A recording pre-user-registration `api`: every call lands in a `PreUserRegistrationRecord`, under
 * Auth0's rules. What Auth0's runtime throws for (a validation text over 100 characters, metadata that is
 * not an object), this throws for too; a second deny becomes a violation (Auth0 keeps the first).
 */
import type { PreUserRegistrationAPI } from '../../actions/types/pre-user-registration/v2';
import type { ActionsCache } from './cache';
import type { MetadataWriteLike } from './metadata';
import { isPlainObject } from './plain-object';
import type { Violation } from './violations';

/** Auth0 rejects validation error codes and messages longer than this. */
const MAX_VALIDATION_TEXT = 100;

export interface Denial {
  reason: string;
  userMessage: string;
}

export interface PreUserRegistrationRecord {
  readonly denials: Denial[];
  readonly validationErrors: { code: string; message: string }[];
  readonly metadataWrites: (MetadataWriteLike & { target: 'app_metadata' | 'user_metadata' })[];
  readonly violationsFound: Violation[];
}

export function createPreUserRegistrationApi(
  user: { app_metadata?: unknown; user_metadata?: unknown },
  cache: ActionsCache,
  record: PreUserRegistrationRecord,
): PreUserRegistrationAPI {
  const write = (target: 'app_metadata' | 'user_metadata', key: string, value: unknown) => {
    const current = target === 'app_metadata' ? user.app_metadata : user.user_metadata;
    if (current !== undefined && !isPlainObject(current)) {
      throw new Error(`Unexpected ${target} format. Must be a valid JSON object`);
    }
    record.metadataWrites.push({ target, key, value });
    return api;
  };
  const api: PreUserRegistrationAPI = {
    access: {
      deny: (reason, userMessage) => {
        const first = record.denials[0];
        if (first) {
          record.violationsFound.push({
            rule: 'deny-after-deny',
            message: `access.deny("${reason}") after access.deny("${first.reason}"); the first one counts`,
          });
        }
        record.denials.push({ reason, userMessage });
        return api;
      },
    },
    validation: {
      error: (errorCode, errorMessage) => {
        for (const [name, text] of [
          ['errorCode', errorCode],
          ['errorMessage', errorMessage],
        ] as const) {
          if (typeof text !== 'string') throw new Error(`${name} must be string`);
          if (text.length > MAX_VALIDATION_TEXT) {
            throw new Error(`${name} must NOT have more than ${MAX_VALIDATION_TEXT} characters`);
          }
        }
        record.validationErrors.push({ code: errorCode, message: errorMessage });
        return api;
      },
    },
    user: {
      setAppMetadata: (key, value) => write('app_metadata', key, value),
      setUserMetadata: (key, value) => write('user_metadata', key, value),
    },
    cache,
  };
  return api;
}
