/**
 * A legacy user record -> the profile Auth0 stores for the migrated user. Only the fields of the legacy
 * contract are copied (whatever else the store sends, e.g. a password hash, is dropped); the legacy id
 * becomes the stable `user_id` `legacy|<id>` and stays in `app_metadata.legacy_id`.
 */
import type { CustomDatabaseProfile } from '@auth0/actions/custom-database';
import { type LegacyResponse, storeUnavailable } from './legacy-api';

const OPTIONAL_STRINGS = ['name', 'given_name', 'family_name'] as const;
const OPTIONAL_OBJECTS = ['user_metadata', 'app_metadata'] as const;
/** Printable, no spaces, no `|` (the separator in `legacy|<id>`), bounded. */
const LEGACY_ID = /^[!-{}~]{1,128}$/;

export type LegacyProfileResult = { profile: CustomDatabaseProfile } | { problem: string };

/** Emails are compared as Auth0 and mail servers treat them in practice: trimmed, case-insensitive. */
export function sameEmail(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Maps a legacy record, checking it is the user that was asked for; `problem` says what is wrong with it. */
export function legacyProfile(record: unknown, askedEmail: string): LegacyProfileResult {
  if (!isPlainObject(record)) return { problem: 'a body that is not a JSON object' };
  const id = typeof record.id === 'number' && Number.isSafeInteger(record.id) ? String(record.id) : record.id;
  if (typeof id !== 'string' || !LEGACY_ID.test(id)) return { problem: 'a user without a usable id' };
  if (typeof record.email !== 'string') return { problem: 'a user without an email' };
  // A store that answers with someone else must never log that person in.
  if (!sameEmail(record.email, askedEmail)) return { problem: 'a user whose email is not the one asked for' };

  const profile: CustomDatabaseProfile = {
    user_id: `legacy|${id}`,
    email: record.email.trim().toLowerCase(),
  };
  const verified = record.email_verified;
  if (typeof verified === 'boolean') profile.email_verified = verified;
  else if (verified != null) return { problem: 'email_verified that is not a boolean' };
  for (const field of OPTIONAL_STRINGS) {
    const value = record[field];
    if (typeof value === 'string') profile[field] = value;
    else if (value != null) return { problem: `${field} that is not a string` };
  }
  for (const field of OPTIONAL_OBJECTS) {
    const value = record[field];
    if (isPlainObject(value)) profile[field] = value;
    else if (value != null) return { problem: `${field} that is not an object` };
  }
  profile.app_metadata = { ...profile.app_metadata, legacy_id: id };
  return { profile };
}

/** The profile from a response that should hold one; anything else means the store is unavailable. */
export function profileFromResponse(response: LegacyResponse, askedEmail: string): CustomDatabaseProfile {
  if (response.status < 200 || response.status > 299) {
    throw storeUnavailable(`${response.request} answered HTTP ${response.status}`);
  }
  const result = legacyProfile(response.body, askedEmail);
  if ('problem' in result) throw storeUnavailable(`${response.request} answered with ${result.problem}`);
  return result.profile;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
