/**
 * A connection profile as `tenant.yaml` writes it, after the Management API's ConnectionProfile types and
 * deploy-cli's schema for the section: the settings every enterprise connection an organization admin
 * creates through Self-Service SSO starts from (how the organization shows it, the connection's name
 * prefix, SCIM and universal logout, SCIM token settings), with overrides per strategy.
 */
import {
  closedObject,
  type JsonSchema,
  listOf,
  nonEmptyText,
  oneOfValues,
  readOnly,
} from '../../tenant/schema/common';

/**
 * The enterprise strategies a profile can override its settings for (ConnectionProfileStrategyOverrides),
 * the same eight a user attribute profile overrides its mappings for (UserAttributeProfileStrategyOverrides).
 */
export const OVERRIDE_STRATEGIES = [
  'pingfederate',
  'ad',
  'adfs',
  'waad',
  'google-apps',
  'okta',
  'oidc',
  'samlp',
];

const MEMBERSHIP = ['none', 'optional', 'required'];
const STATUS = ['enabled', 'disabled'];
const SCIM_TOKEN_SCOPES = ['get:users', 'post:users', 'patch:users', 'delete:users', 'put:users'];

const enabledFeatures: JsonSchema = {
  ...listOf(oneOfValues(['scim', 'universal_logout']), { uniqueItems: true }),
  description: 'What connections made from the profile offer: SCIM provisioning, universal logout',
};

/**
 * Connection options the connections start with. Auth0 documents no fields of its own here (the SDK's
 * type is empty): they are the strategy's connection options, passed through.
 */
const connectionConfig: JsonSchema = {
  type: ['object', 'null'],
  description: "Options the connections start with (the strategy's connection options); null: none",
};

const expiry = (what: string): JsonSchema => ({
  type: ['integer', 'null'],
  minimum: 0,
  description: `${what}, in seconds; null: none`,
});

const provisioning = closedObject({
  scim: closedObject(
    {
      tokens: closedObject(
        {
          scopes: { ...listOf(oneOfValues(SCIM_TOKEN_SCOPES), { uniqueItems: true }), minItems: 1 },
          default_expiry: expiry('How long a SCIM token lasts unless its creator says otherwise'),
          max_allowed_expiry: expiry('The longest a SCIM token may last'),
        },
        ['scopes'],
      ),
    },
    ['tokens'],
  ),
});

const strategyOverride = closedObject({
  enabled_features: enabledFeatures,
  connection_config: { type: 'object', description: connectionConfig.description },
  provisioning,
});

const profileSchema = closedObject(
  {
    name: { ...nonEmptyText, description: 'Names the profile, as deploy-cli matches profiles by it' },
    organization: closedObject({
      show_as_button: {
        ...oneOfValues(MEMBERSHIP),
        description: "Whether an organization's login page shows the connection as a button",
      },
      assign_membership_on_login: {
        ...oneOfValues(MEMBERSHIP),
        description: 'Whether a user who logs in through the connection becomes a member',
      },
    }),
    connection_name_prefix_template: {
      ...nonEmptyText,
      description: "The prefix of the connections' names (may use {org_name}, {org_id})",
    },
    enabled_features: enabledFeatures,
    connection_config: connectionConfig,
    strategy_overrides: {
      ...closedObject(
        Object.fromEntries(OVERRIDE_STRATEGIES.map((strategy) => [strategy, strategyOverride])),
      ),
      type: ['object', 'null'],
    },
    provisioning,
    cross_app_access_resource_app: closedObject(
      {
        status: closedObject(
          {
            default_value: oneOfValues(STATUS),
            allowed_values: listOf(oneOfValues(STATUS), { uniqueItems: true }),
          },
          ['default_value'],
        ),
      },
      ['status'],
    ),
    id: readOnly('Auth0 names the profile when it is created; the file names it by its name'),
  },
  ['name'],
);

export const connectionProfilesSchema: JsonSchema = listOf(profileSchema);
