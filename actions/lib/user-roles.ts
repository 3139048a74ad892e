/**
 * Code shared by several Actions lives in actions/lib/; the build inlines it into each bundle.
 *
 * The user's roles as our tenant understands them: Auth0 RBAC roles (`event.authorization.roles`) plus the
 * string entries of `app_metadata.roles` (set by sign-up defaults and back-office tools). Shared by
 * custom-claims (the roles claim) and risk-based-mfa (roles that require MFA), so both read one list.
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

function byCodeUnit(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
