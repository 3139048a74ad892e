import { boolean, closedObject, type JsonSchema, listOf, oneOfValues, text, textList } from './common';
import { connectionEntrySchema } from './connection-entry';

/**
 * Social connections (`connections:`). We model the social strategies we use; an enterprise strategy
 * (samlp, oidc, waad, ...) needs its own options schema before it can pass the check. `client_secret` is
 * only ever a `##SECRET##` placeholder: the check rejects a literal.
 */
export const SOCIAL_STRATEGIES = [
  'google-oauth2',
  'github',
  'apple',
  'facebook',
  'windowslive',
  'linkedin',
] as const;

const socialOptions = closedObject({
  client_id: text,
  client_secret: text,
  scope: textList,
  allowed_audiences: textList,
  upstream_params: { type: 'object' },
  non_persistent_attrs: textList,
  set_user_root_attributes: oneOfValues(['on_each_login', 'on_first_login', 'never_on_login']),
  // Profile attributes the identity provider is asked for (google-oauth2, github, facebook, ...).
  email: boolean,
  profile: boolean,
  // github
  follow: boolean,
  read_user: boolean,
  read_org: boolean,
  admin_org: boolean,
  public_repo: boolean,
  repo: boolean,
  gist: boolean,
  notifications: boolean,
  // apple
  team_id: text,
  kid: text,
  name: boolean,
});

export const connectionSchema: JsonSchema = connectionEntrySchema({
  strategy: oneOfValues(SOCIAL_STRATEGIES),
  options: socialOptions,
  required: ['name', 'strategy'],
});

export const connectionsSchema: JsonSchema = listOf(connectionSchema);
