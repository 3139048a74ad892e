/**
 * Connection profiles (`connectionProfiles:`): the settings every enterprise connection an organization
 * admin creates through Self-Service SSO starts from. Identified by name, as deploy-cli matches them (its
 * identifiers are `id`, then `name`). Auth0 answers `connection_config` and `strategy_overrides` as null
 * when a profile has none, and deploy-cli's export writes them so: the plan reads null as not set.
 */
import { byName, defineResource, type Rec } from '../define';
import { connectionProfileRoutes } from './local-routes';
import { connectionProfilesSchema } from './schema';

/** Fields Auth0 answers null when a profile has none. */
const NULL_WHEN_NONE = ['connection_config', 'strategy_overrides'];

export function withoutNulls(profile: Rec): Rec {
  return Object.fromEntries(
    Object.entries(profile).filter(([key, value]) => !(NULL_WHEN_NONE.includes(key) && value === null)),
  );
}

export const connectionProfiles = defineResource({
  key: 'connectionProfiles',
  shape: 'list',
  noun: 'connection profile',
  identityField: 'name',
  calls: '`GET`/`POST /connection-profiles`, `PATCH`/`DELETE /connection-profiles/{id}`',
  scopes: {
    read: ['read:connection_profiles'],
    write: ['create:connection_profiles', 'update:connection_profiles'],
    remove: ['delete:connection_profiles'],
  },
  schema: connectionProfilesSchema,
  identity: byName,
  compare: { normalize: withoutNulls, deletable: true },
  localState: [{ field: 'connectionProfiles', shape: 'list' }],
  localRoutes: () => connectionProfileRoutes,
});
