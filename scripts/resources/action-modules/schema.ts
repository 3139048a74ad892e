/**
 * An Action module as `tenant.yaml` writes it (deploy-cli's `actionModules` section, the Management API's
 * ActionModule* types): shared code that Actions `require` by the module's name, with its own npm
 * dependencies and secrets. `code` names the module's JavaScript file relative to tenant.yaml, as
 * deploy-cli's YAML handler reads it (`./action-modules/<name>/code.js` in an export). Secret values are
 * placeholders only: the check refuses a clear one.
 */
import {
  boolean,
  closedObject,
  type JsonSchema,
  listOf,
  nonEmptyText,
  readOnly,
  text,
} from '../../tenant/schema/common';

/** Auth0's rule for a module's name: an Action requires it by this name, so it reads like a package's. */
export const MODULE_NAME_PATTERN = '^[a-z0-9][a-z0-9_-]*$';

const actionModuleSchema = closedObject(
  {
    name: {
      type: 'string',
      pattern: MODULE_NAME_PATTERN,
      description:
        "The module's name: lowercase letters, digits, '_' and '-', starting with a letter or digit; Actions require('<name>') it and name it in their modules",
    },
    code: {
      ...nonEmptyText,
      description: "The module's JavaScript file, relative to tenant.yaml: ./action-modules/<name>/code.js",
    },
    dependencies: listOf(closedObject({ name: nonEmptyText, version: nonEmptyText }, ['name', 'version']), {
      description: 'npm packages Auth0 installs for the module, at exact versions',
    }),
    secrets: listOf(
      closedObject({ name: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }, value: text }, [
        'name',
        'value',
      ]),
      {
        description:
          "The module's own secrets (not its Actions'), read as actions.secrets.<NAME>; write-only",
      },
    ),
    all_changes_published: {
      ...boolean,
      description:
        'true: each deploy that changes the module publishes its draft as a new version (deploy-cli publishes only then); Actions name a published version',
    },
    // deploy-cli's export writes these read-only counters beside the module; they are Auth0's state.
    actions_using_module_total: readOnly('Auth0 counts the deployed Actions using the module'),
    latest_version_number: readOnly('Auth0 numbers the versions as they are published'),
    id: readOnly('Auth0 names the module when it is created; the file names it by its name'),
  },
  ['name', 'code'],
);

export const actionModulesSchema: JsonSchema = listOf(actionModuleSchema);
