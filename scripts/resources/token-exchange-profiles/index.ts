/**
 * Custom token exchange profiles (`tokenExchangeProfiles:`): which subject token type, sent to
 * `/oauth/token` with the token-exchange grant, runs which Custom Token Exchange action. Identified by
 * the subject token type, as deploy-cli matches them (its identifiers are `id`, then
 * `subject_token_type`): renaming a profile is an update. The action is named and resolved by deploy-cli
 * to its id, so it is created after the actions. deploy-cli's update sends only the name and the subject
 * token type: a changed action or type on an existing profile is noted by the plan, not deployed.
 */
import { defineResource, type Rec } from '../define';
import { tokenExchangeProfileRoutes } from './local-routes';
import { tokenExchangeProfilesSchema } from './schema';

const bySubjectTokenType = (profile: Rec): string => String(profile.subject_token_type ?? '');

export const tokenExchangeProfiles = defineResource({
  key: 'tokenExchangeProfiles',
  shape: 'list',
  noun: 'token exchange profile',
  identityField: 'subject_token_type',
  calls: '`GET`/`POST /token-exchange-profiles`, `PATCH`/`DELETE /token-exchange-profiles/{id}`',
  scopes: {
    read: ['read:token_exchange_profiles'],
    write: ['create:token_exchange_profiles', 'update:token_exchange_profiles'],
    remove: ['delete:token_exchange_profiles'],
  },
  schema: tokenExchangeProfilesSchema,
  identity: bySubjectTokenType,
  references: [{ path: 'action', to: 'actions' }],
  after: ['actions'],
  compare: { createOnly: ['action', 'type'], deletable: true },
  localState: [{ field: 'tokenExchangeProfiles', shape: 'list' }],
  localRoutes: () => tokenExchangeProfileRoutes,
});
