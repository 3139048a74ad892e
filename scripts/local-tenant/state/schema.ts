/**
 * What a state file must hold for the local tenant to serve it: checked with ajv when the file is loaded,
 * so that a hand-edited or damaged file (a `null` client, a grant without a scope list) is refused at
 * start with the file and the entry named, instead of failing inside a request with a stack trace.
 *
 * Each entry needs the fields the routes read from it; anything else it may hold as Auth0 would.
 */
import Ajv, { type ErrorObject } from 'ajv';
import { RESOURCE_TYPES } from '../../resources/index';
import type { JsonSchema } from '../http/validate';
import { firstError, jsonTypeOf, propertyPath } from '../http/validate';
import { ATTACK_PROTECTION_KINDS } from './types';

const text: JsonSchema = { type: 'string' };
const id: JsonSchema = { type: 'string', minLength: 1 };
const object: JsonSchema = { type: 'object' };
const texts: JsonSchema = { type: 'array', items: text };
const objects: JsonSchema = { type: 'array', items: object };

/** An object with these fields (at least), each of its schema. */
function entry(fields: Record<string, JsonSchema>, optional: Record<string, JsonSchema> = {}): JsonSchema {
  return { type: 'object', properties: { ...fields, ...optional }, required: Object.keys(fields) };
}

const listOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
const mapOf = (values: JsonSchema): JsonSchema => ({ type: 'object', additionalProperties: values });

const version = entry({
  id,
  number: { type: 'integer' },
  code: text,
  runtime: text,
  dependencies: objects,
  secrets: objects,
  supported_triggers: objects,
  built_at: text,
  created_at: text,
  updated_at: text,
});

const action = entry({
  id,
  name: text,
  code: text,
  runtime: text,
  dependencies: objects,
  secrets: listOf(entry({ name: text, value: text })),
  supported_triggers: objects,
  built_at: text,
  created_at: text,
  updated_at: text,
  versions: listOf(version),
  deployed_version_id: { type: ['string', 'null'] },
  all_changes_deployed: { type: 'boolean' },
});

/** The fields the local tenant keeps for the types it serves, beyond those of the registry's generic check. */
const FIELDS: Record<string, JsonSchema> = {
  settings: object,
  clients: listOf(entry({ client_id: id }, { client_secret: text, grant_types: texts })),
  clientCredentials: mapOf(listOf(entry({ id }))),
  clientGrants: listOf(entry({ id, client_id: text, audience: text, scope: texts })),
  resourceServers: listOf(entry({ id, identifier: text }, { scopes: listOf(entry({ value: text })) })),
  connections: listOf(entry({ id, name: text, strategy: text }, { enabled_clients: texts })),
  roles: listOf(entry({ id, name: text })),
  rolePermissions: mapOf(listOf(entry({ permission_name: text, resource_server_identifier: text }))),
  actions: listOf(action),
  bindings: mapOf(listOf(entry({ id, trigger_id: text, action_id: text, display_name: text }))),
  attackProtection: entry(Object.fromEntries(ATTACK_PROTECTION_KINDS.map((kind) => [kind, object]))),
  guardian: entry({
    factors: mapOf({ type: 'boolean' }),
    policies: texts,
    phoneSelectedProvider: object,
    phoneMessageTypes: object,
    templates: mapOf(object),
    providers: mapOf(object),
  }),
};

/** A field a type declares in its `localState`: a list of entries or an object, whatever else it holds. */
const declared = Object.fromEntries(
  RESOURCE_TYPES.flatMap((type) => type.localState).map(({ field, shape }) => [
    field,
    shape === 'list' ? objects : object,
  ]),
);

const fields = { ...declared, ...FIELDS };

export const STATE_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    format: { const: 'local-tenant/1' },
    tenantName: text,
    signingKey: id,
    tokenSigningKey: entry({ kid: id, alg: { const: 'RS256' }, privateKeyPem: id, certificatePem: id }),
    deployClientId: id,
    managementAudience: text,
    ...fields,
    // Optional: a state from before the login has none (authentication/users.ts adds the list).
    users: listOf(
      entry({
        user_id: id,
        connection: text,
        email: text,
        email_verified: { type: 'boolean' },
        app_metadata: object,
        user_metadata: object,
        identities: objects,
        roles: texts,
        organizations: listOf(entry({ name: text, roles: texts })),
        logins_count: { type: 'integer' },
        created_at: text,
        updated_at: text,
      }),
    ),
  },
  required: [
    'format',
    'tenantName',
    'signingKey',
    'tokenSigningKey',
    'deployClientId',
    'managementAudience',
    ...Object.keys(fields),
  ],
};

const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true }).compile(
  STATE_SCHEMA,
);

const article = (type: unknown) => (/^[aeio]/.test(String(type)) ? `an ${type}` : `a ${type}`);

function problemText(error: ErrorObject, state: unknown): string {
  const where = propertyPath(state, error.instancePath);
  const subject = where === '' ? 'the file' : `"${where}"`;
  switch (error.keyword) {
    case 'required':
      return `${subject} has no "${error.params.missingProperty}"`;
    case 'type':
      return `${subject} must be ${[error.schema].flat().map(article).join(' or ')}, not ${jsonTypeOf(error.data)}`;
    case 'const':
      return `unknown ${subject} ${JSON.stringify(error.data)}`;
    default:
      return `${subject} ${error.message ?? `fails ${error.keyword}`}`;
  }
}

/** What is wrong with a parsed state document (the first problem, as a file's reader looks), or undefined. */
export function stateProblem(state: unknown): string | undefined {
  if (validate(state)) return undefined;
  return problemText(firstError(validate.errors ?? []), state);
}
