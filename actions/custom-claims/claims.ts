/**
 * Which custom claims a login gets, as plain data: no `api`, no I/O. Only the listed, bounded values go
 * into tokens, never a whole metadata object (tokens travel in URLs, cookies and logs; Auth0 fails a login
 * whose custom claims exceed 100 KB).
 *
 * - `<ns>roles` (ID and access token): `tokenRoles(event)` (in an organization login, that membership's roles only), at most MAX_ROLES names of at most
 *   MAX_ROLE_LENGTH characters (app_metadata is writable by back-office tools; a runaway list must not
 *   break logins).
 * - `<ns>email`, `<ns>email_verified` (access token only, so APIs identify the user without /userinfo);
 *   left out for a user without an email address.
 * - `<ns>user_segment` (both tokens): by `stats.logins_count`.
 * - `<ns>org` (both tokens): `{ id, name }` of the organization of the login, if any.
 */
import type { Event } from '@auth0/actions/post-login/v3';
import { tokenRoles } from '../lib/user-roles';

export const MAX_ROLES = 50;
export const MAX_ROLE_LENGTH = 100;

export type UserSegment = 'power_user' | 'active_user' | 'casual_user';

export interface TokenClaims {
  idToken: Record<string, unknown>;
  accessToken: Record<string, unknown>;
  /** Roles left out by the bounds (for one log line). */
  rolesLeftOut: number;
}

type ClaimsEvent = Pick<Event, 'authorization' | 'user' | 'stats' | 'organization'>;

/** The claims for `event` under `namespace` (already normalised to end with '/'). */
export function tokenClaims(event: ClaimsEvent, namespace: string): TokenClaims {
  const allRoles = tokenRoles(event);
  const roles = allRoles
    .filter((role) => role.length > 0 && role.length <= MAX_ROLE_LENGTH)
    .slice(0, MAX_ROLES);
  const shared: Record<string, unknown> = {
    [`${namespace}roles`]: roles,
    [`${namespace}user_segment`]: userSegment(event.stats.logins_count),
  };
  if (event.organization) {
    shared[`${namespace}org`] = { id: event.organization.id, name: event.organization.name };
  }
  const accessToken: Record<string, unknown> = { ...shared };
  if (typeof event.user.email === 'string') {
    accessToken[`${namespace}email`] = event.user.email;
    accessToken[`${namespace}email_verified`] = event.user.email_verified === true;
  }
  return { idToken: shared, accessToken, rolesLeftOut: allRoles.length - roles.length };
}

/** `power_user` above 100 logins, `active_user` above 10, else `casual_user`. */
export function userSegment(loginsCount: number): UserSegment {
  if (loginsCount > 100) return 'power_user';
  if (loginsCount > 10) return 'active_user';
  return 'casual_user';
}
