/**
 * Self-service SSO profiles (`selfServiceProfiles:`): what a business customer's admin is offered when
 * they set up their own enterprise connection through a self-service ticket. Identified by name, as
 * deploy-cli matches them. deploy-cli reads each profile's get-started custom text (English, the one
 * language Auth0 has) and shows it as `customText` when it is not empty; it writes it after the profile
 * when the file gives it, and never clears it.
 *
 * `user_attribute_profile_id` (a user attribute profile by name) is not offered: this repository does not
 * manage user attribute profiles, so the check refuses it as an unknown key.
 */
import { byName, defineResource } from '../define';
import { selfServiceProfileRoutes } from './local-routes';
import { selfServiceProfilesSchema } from './schema';

export const selfServiceProfiles = defineResource({
  key: 'selfServiceProfiles',
  shape: 'list',
  noun: 'self-service profile',
  identityField: 'name',
  calls:
    '`GET`/`POST /self-service-profiles`, `PATCH`/`DELETE /self-service-profiles/{id}`, `GET`/`PUT /self-service-profiles/{id}/custom-text/en/get-started`',
  scopes: {
    read: ['read:self_service_profiles', 'read:self_service_profile_custom_texts'],
    write: [
      'create:self_service_profiles',
      'update:self_service_profiles',
      'update:self_service_profile_custom_texts',
    ],
    remove: ['delete:self_service_profiles'],
  },
  schema: selfServiceProfilesSchema,
  identity: byName,
  compare: {
    // The attributes are asked for in the order given.
    ordered: ['user_attributes'],
    // Auth0 stamps these; deploy-cli strips them from its writes.
    normalize: ({ created_at: _created, updated_at: _updated, ...profile }) => profile,
    deletable: true,
  },
  localState: [{ field: 'selfServiceProfiles', shape: 'list' }],
  localRoutes: () => selfServiceProfileRoutes,
});
