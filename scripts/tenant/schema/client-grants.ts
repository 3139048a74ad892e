import {
  boolean,
  closedObject,
  type JsonSchema,
  listOf,
  nonEmptyText,
  oneOfValues,
  textList,
} from './common';

/**
 * Client grants (`clientGrants:`): which application may ask which API for which scopes. deploy-cli turns
 * `client_id` (a client's name) into the id at deploy time.
 */
export const clientGrantSchema: JsonSchema = closedObject(
  {
    client_id: nonEmptyText,
    audience: nonEmptyText,
    scope: listOf(nonEmptyText, { uniqueItems: true }),
    subject_type: oneOfValues(['client', 'user', 'anonymous_user']),
    allow_all_scopes: boolean,
    organization_usage: oneOfValues(['deny', 'allow', 'require']),
    allow_any_organization: boolean,
    authorization_details_types: textList,
  },
  ['client_id', 'audience'],
);

export const clientGrantsSchema: JsonSchema = listOf(clientGrantSchema);
