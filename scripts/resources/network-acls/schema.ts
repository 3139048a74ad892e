/**
 * A network ACL (Tenant Access Control List) as `tenant.yaml` writes it, after the Management API's
 * NetworkAclRule types and deploy-cli 8.44's schema for the section, which our deploys are checked
 * against: so the `dynamic_client_registration` scope, `match_all` and HTTP message signatures, which the
 * API has and deploy-cli's schema refuses, are refused here too.
 */
import {
  boolean,
  closedObject,
  type JsonSchema,
  listOf,
  nonEmptyText,
  oneOfValues,
  positiveInteger,
  readOnly,
} from '../../tenant/schema/common';

/** A non-empty list of distinct values (deploy-cli refuses an empty one). */
const distinct = (items: JsonSchema): JsonSchema => listOf(items, { uniqueItems: true, minItems: 1 });
const texts = distinct(nonEmptyText);

/** The request properties a rule matches on (NetworkAclMatch). */
const matchSchema = closedObject({
  asns: distinct({ type: 'integer', minimum: 0 }),
  auth0_managed: distinct({ type: 'string', pattern: '^auth0\\.[^.\\s]+$' }),
  geo_country_codes: {
    ...distinct({ type: 'string', pattern: '^[A-Z]{2}$' }),
    description: 'ISO 3166-1 alpha-2',
  },
  geo_subdivision_codes: {
    ...distinct({ type: 'string', pattern: '^[A-Z]{2}-[A-Z0-9]{1,3}$' }),
    description: 'ISO 3166-2, e.g. US-CA',
  },
  ipv4_cidrs: texts,
  ipv6_cidrs: texts,
  ja3_fingerprints: texts,
  ja4_fingerprints: texts,
  user_agents: texts,
  hostnames: listOf(nonEmptyText, { uniqueItems: true }),
  connecting_ipv4_cidrs: listOf(nonEmptyText, { uniqueItems: true }),
  connecting_ipv6_cidrs: listOf(nonEmptyText, { uniqueItems: true }),
});

/** A branch that holds when `key` is present (ajv's strict mode wants the key declared beside it). */
const present = (key: string): JsonSchema => ({ properties: { [key]: {} }, required: [key] });

const verb = { type: 'boolean', enum: [true] };
/** What a matching request gets: exactly one of block, allow, log, or redirect (to `redirect_uri`). */
const actionSchema: JsonSchema = {
  ...closedObject({
    block: verb,
    allow: verb,
    log: verb,
    redirect: verb,
    redirect_uri: { type: 'string', minLength: 1, maxLength: 2000 },
  }),
  oneOf: ['block', 'allow', 'log', 'redirect'].map((name) => present(name)),
  dependencies: { redirect: ['redirect_uri'], redirect_uri: ['redirect'] },
};

const ruleSchema: JsonSchema = {
  ...closedObject(
    {
      action: actionSchema,
      scope: {
        ...oneOfValues(['management', 'authentication', 'tenant']),
        description: 'Which API the rule guards; tenant is all of them.',
      },
      match: matchSchema,
      not_match: matchSchema,
    },
    ['action', 'scope'],
  ),
  anyOf: [present('match'), present('not_match')],
};

const networkAclSchema = closedObject(
  {
    description: { ...nonEmptyText, maxLength: 255 },
    active: boolean,
    priority: {
      ...positiveInteger,
      description: 'Evaluation order, lowest first; names the rule, as deploy-cli matches rules by it.',
    },
    rule: ruleSchema,
    id: readOnly('Auth0 names the rule when it is created; the file names it by its priority'),
    created_at: readOnly('Auth0 sets it'),
    updated_at: readOnly('Auth0 sets it'),
  },
  ['description', 'active', 'priority', 'rule'],
);

export const networkAclsSchema: JsonSchema = listOf(networkAclSchema);
