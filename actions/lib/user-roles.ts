/**
 * Code shared by several Actions lives in actions/lib/; the build inlines it into each bundle.
 *
 * The user's roles as our tenant understands them: Auth0 RBAC roles (`event.authorization.roles`) plus the
 * string entries of `app_metadata.roles` (set by sign-up defaults and back-office tools). risk-based-mfa
 * asks for MFA by these (every role counts, so more roles can only mean more MFA); custom-claims puts
 * `tokenRoles` in the tokens, which in an organization login are that membership's only.
 */
import type { Event } from '@auth0/actions/post-login/v3';

/** Sorted (by code unit, so the same on every runtime), de-duplicated union of both sources. */
export function userRoles(event: Pick<Event, 'authorization' | 'user'>): string[] {
  const fromMetadata = event.user.app_metadata.roles;
  const metadataRoles = Array.isArray(fromMetadata)
    ? fromMetadata.filter((role): role is string => typeof role === 'string')
    : [];
  const all = new Set([...(event.authorization?.roles ?? []), ...metadataRoles]);
  return [...all].sort(byCodeUnit);
}

/**
 * The roles a token may carry. In a login through an organization, only the roles of that membership
 * (`event.authorization.roles` then holds exactly those): `app_metadata.roles` are the user's everywhere,
 * and would let a member act in one customer's organization with roles given outside it. Outside an
 * organization, `userRoles`.
 */
export function tokenRoles(event: Pick<Event, 'authorization' | 'user' | 'organization'>): string[] {
  if (!event.organization) return userRoles(event);
  return [...new Set(event.authorization?.roles ?? [])].sort(byCodeUnit);
}

function byCodeUnit(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
