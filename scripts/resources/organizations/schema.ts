/**
 * An organization as `tenant.yaml` writes it, after the Management API's types (auth0 SDK:
 * CreateOrganizationRequestContent, OrganizationBranding, TokenQuota) and deploy-cli's YAML: enabled
 * connections are named by connection `name`, which deploy-cli turns into the connection's id.
 *
 * Left out on purpose: members and invitations (user data, not configuration), and the organization's
 * client grants, discovery domains and application associations, which this repository does not manage
 * (parts.ts: a plan does not read them, a deploy keeps them).
 */
import {
  boolean,
  closedObject,
  type JsonSchema,
  listOf,
  nonEmptyText,
  oneOfValues,
  positiveInteger,
  url,
} from '../../tenant/schema/common';

/** Auth0's rule for an organization's name: 1 to 50 lowercase letters, digits, `_` and `-`. */
export const ORGANIZATION_NAME = /^[a-z0-9_-]{1,50}$/;

const hexColor: JsonSchema = {
  type: 'string',
  pattern: '^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$',
  description: 'an HTML hex color, #rgb or #rrggbb',
};

/** OrganizationMetadata: string values of at most 255 characters, at most 25 keys. */
const metadata: JsonSchema = {
  type: 'object',
  maxProperties: 25,
  propertyNames: { maxLength: 255 },
  additionalProperties: { type: 'string', maxLength: 255 },
};

const enabledConnection = closedObject(
  {
    name: { ...nonEmptyText, description: 'the name of a connection under databases: or connections:' },
    assign_membership_on_login: {
      ...boolean,
      description: 'users who sign in with this connection become members (default false)',
    },
    show_as_button: {
      ...boolean,
      description: "shown on the organization's login prompt (enterprise connections; default true)",
    },
    is_signup_enabled: {
      ...boolean,
      description: 'users may sign up into the organization (database connections; default false)',
    },
  },
  ['name'],
);

const organizationSchema: JsonSchema = closedObject(
  {
    name: {
      type: 'string',
      pattern: ORGANIZATION_NAME.source,
      description: 'what users type in the pre-login prompt: lowercase letters, digits, _ and -, 1 to 50',
    },
    display_name: { type: 'string', minLength: 1, maxLength: 255 },
    branding: closedObject({
      logo_url: url,
      colors: closedObject({ primary: hexColor, page_background: hexColor }, ['primary', 'page_background']),
    }),
    metadata,
    token_quota: closedObject(
      {
        client_credentials: {
          ...closedObject({ enforce: boolean, per_day: positiveInteger, per_hour: positiveInteger }),
          minProperties: 1,
        },
      },
      ['client_credentials'],
    ),
    third_party_client_access: oneOfValues(['block', 'allow']),
    connections: listOf(enabledConnection),
  },
  ['name'],
);

export const organizationsSchema: JsonSchema = listOf(organizationSchema);
