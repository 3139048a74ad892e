/**
 * User attribute profiles (`userAttributeProfiles:`): which user attributes an enterprise connection made
 * through Self-Service SSO maps, and from which OIDC claim, SAML attribute or SCIM path. Identified by
 * name, as deploy-cli matches them (its handler tries `id`, then `name`; the file has no ids). Auth0 fills
 * in the `user_id` mappings a profile leaves out; the plan compares both sides with those filled in, so a
 * file that leaves them to Auth0 reads back unchanged. No secrets: a profile only names fields.
 */
import { asRecord } from '../../tenant/checks/read';
import { byName, defineResource, type Rec } from '../define';
import { userAttributeProfileRoutes } from './local-routes';
import { USER_ID_DEFAULTS, userAttributeProfilesSchema } from './schema';

/** A profile with Auth0's defaults in the `user_id` mappings it does not name. */
export function withUserIdDefaults(profile: Rec): Rec {
  return { ...profile, user_id: { ...USER_ID_DEFAULTS, ...asRecord(profile.user_id) } };
}

export const userAttributeProfiles = defineResource({
  key: 'userAttributeProfiles',
  shape: 'list',
  noun: 'user attribute profile',
  identityField: 'name',
  calls: '`GET`/`POST /user-attribute-profiles`, `PATCH`/`DELETE /user-attribute-profiles/{id}`',
  scopes: {
    read: ['read:user_attribute_profiles'],
    write: ['create:user_attribute_profiles', 'update:user_attribute_profiles'],
    remove: ['delete:user_attribute_profiles'],
  },
  schema: userAttributeProfilesSchema,
  identity: byName,
  compare: {
    // The user id's SAML mapping lists the claims Auth0 tries first to last. (An attribute's lies under
    // its own name, a path `ordered` cannot name, so it is compared as a set.)
    ordered: ['user_id.saml_mapping'],
    normalize: withUserIdDefaults,
    deletable: true,
  },
  localState: [{ field: 'userAttributeProfiles', shape: 'list' }],
  localRoutes: () => userAttributeProfileRoutes,
});
