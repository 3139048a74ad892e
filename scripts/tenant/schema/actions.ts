import { boolean, closedObject, type JsonSchema, listOf, nonEmptyText, oneOfValues, text } from './common';

/**
 * Actions (`actions:`) and their trigger bindings (`triggers:`). `code` names the source file relative to
 * tenant.yaml (our TypeScript; the build rewrites it to the bundle). Secret values are placeholders only.
 */
export const ACTION_TRIGGERS = [
  'post-login',
  'credentials-exchange',
  'pre-user-registration',
  'post-user-registration',
  'post-change-password',
  'send-phone-message',
  'password-reset-post-challenge',
  'custom-token-exchange',
  'login-post-identifier',
  'signup-post-identifier',
] as const;

export const ACTION_RUNTIMES = ['node12', 'node16', 'node18', 'node18-actions', 'node22'] as const;

export const actionSchema: JsonSchema = closedObject(
  {
    name: nonEmptyText,
    code: nonEmptyText,
    runtime: oneOfValues(ACTION_RUNTIMES),
    deployed: boolean,
    status: text,
    dependencies: listOf(
      closedObject({ name: nonEmptyText, version: nonEmptyText, registry_url: text }, ['name', 'version']),
    ),
    secrets: listOf(
      closedObject({ name: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }, value: text }, [
        'name',
        'value',
      ]),
    ),
    supported_triggers: listOf(
      closedObject({ id: oneOfValues(ACTION_TRIGGERS), version: nonEmptyText, url: text }, ['id', 'version']),
      { minItems: 1 },
    ),
    modules: listOf(
      closedObject({ module_name: nonEmptyText, module_version_number: { type: 'number' } }, [
        'module_name',
        'module_version_number',
      ]),
    ),
  },
  ['name', 'code', 'supported_triggers'],
);

export const actionsSchema: JsonSchema = listOf(actionSchema);

const binding = closedObject({ action_name: nonEmptyText, display_name: text }, ['action_name']);

/** `triggers: { post-login: [ { action_name, display_name } ] }`, bound in the order listed. */
export const triggersSchema: JsonSchema = closedObject(
  Object.fromEntries(ACTION_TRIGGERS.map((trigger) => [trigger, listOf(binding)])),
);
