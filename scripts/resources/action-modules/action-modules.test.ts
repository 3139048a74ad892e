import { describe, expect, it } from 'vitest';
import { tenantProblems } from '../../../test/tenant/section-errors';
import { fingerprintKey } from '../../plan/fingerprints';
import { planChanges } from '../../plan/plan';
import { sealSecrets } from '../../plan/seal';
import { SECRET_NEW, SECRET_SET } from '../../plan/types';
import { deleteOrder, resourceKeys } from '../index';

/** The key a deploy makes fingerprints with (from its application's client secret). */
const key = fingerprintKey('deploy-client-secret-of-the-tests');

const ENVIRONMENT = `tier: production
keywords:
  AUTH0_DOMAIN: example.eu.auth0.com
secrets:
  GREETINGS_SIGNING_KEY: { env: TENANT_SECRET_GREETINGS_SIGNING_KEY }
`;

const MODULE = `actionModules:
  - name: greetings
    code: ./action-modules/greetings/code.js
    secrets:
      - name: GREETINGS_SIGNING_KEY
        value: "##GREETINGS_SIGNING_KEY##"
    all_changes_published: true
`;

const ACTION = `actions:
  - name: greet-on-login
    code: ./actions/greet-on-login.ts
    runtime: node22
    deployed: true
    supported_triggers:
      - id: post-login
        version: v3
    modules:
      - module_name: greetings
        module_version_number: 1
`;

const MODULE_CODE = "module.exports = { greeting: (name) => 'Welcome back, ' + (name || 'friend') + '!' };\n";
const FILES = {
  'action-modules/greetings/code.js': MODULE_CODE,
  'actions/greet-on-login.ts':
    "import { greeting } from 'greetings';\nexport const onExecutePostLogin = async (event, api) => api.idToken.setCustomClaim('g', greeting(event.user.name));\n",
};

/** The errors the check finds in the modules and the Actions of a tenant.yaml, with the prod rules. */
async function check(tenantYaml: string, files: Record<string, string> = FILES) {
  return (await tenantProblems(tenantYaml, ENVIRONMENT, 'prod', files))
    .filter((problem) => problem.severity === 'error' && /^action(Module)?s/.test(problem.path))
    .map(({ rule, line, column }) => ({ rule, line, column }));
}

describe('Action modules in the check', () => {
  it('accepts a module whose code is a file beside tenant.yaml and an Action running its version 1', async () => {
    expect(await check(`${MODULE}${ACTION}`)).toEqual([]);
  });

  it("refuses an Action naming a module the file does not declare, at the module's name", async () => {
    expect(
      await check(`${MODULE}${ACTION.replace('module_name: greetings', 'module_name: greeting')}`),
    ).toEqual([{ rule: 'references/unknown-action-module', line: 17, column: 22 }]);
  });

  it('refuses a module secret written in tenant.yaml: its value must come from the environment', async () => {
    expect(await check(MODULE.replace('"##GREETINGS_SIGNING_KEY##"', 'k3y-0123456789abcdef'))).toEqual([
      { rule: 'secrets/literal-in-tenant', line: 6, column: 16 },
    ]);
  });

  it('refuses a module name Auth0 refuses (an Action requires it like a package)', async () => {
    expect(await check(MODULE.replace('name: greetings', 'name: Greetings'))).toEqual([
      { rule: 'schema/value', line: 2, column: 11 },
    ]);
  });

  it('refuses a code file that does not exist, at the field naming it', async () => {
    expect(await check(MODULE, {})).toEqual([{ rule: 'references/missing-file', line: 3, column: 11 }]);
  });
});

describe('Action modules in the plan', () => {
  /** The module as the build loads it (its code read from the file), with the secret's value filled in. */
  const desired = (secret: string) =>
    sealSecrets(
      {
        actionModules: [
          {
            name: 'greetings',
            code: MODULE_CODE,
            secrets: [{ name: 'GREETINGS_SIGNING_KEY', value: '##GREETINGS_SIGNING_KEY##' }],
            all_changes_published: true,
          },
        ],
      },
      { names: ['GREETINGS_SIGNING_KEY'], values: { GREETINGS_SIGNING_KEY: secret }, key },
    ).assets;

  /** As Auth0 lists the module after the deploy: its code with the fingerprints, its secrets by name. */
  const asRead = (secret: string) => {
    const [sealed] = desired(secret).actionModules as Record<string, unknown>[];
    return {
      actionModules: [
        {
          id: '437c498a-0574-4073-b1e1-e987fefa74da',
          name: 'greetings',
          code: sealed?.code,
          dependencies: [],
          secrets: [{ name: 'GREETINGS_SIGNING_KEY', updated_at: '2026-11-30T16:36:00.438Z' }],
          all_changes_published: false,
          actions_using_module_total: 1,
          latest_version_number: 3,
          created_at: '2026-11-30T16:36:00.438Z',
          updated_at: '2026-11-30T16:36:09.960Z',
        },
      ],
    };
  };

  it("finds nothing to do when Auth0 adds its id, counters, versions and timestamps, and the secret's fingerprint agrees", () => {
    expect(planChanges(desired('key-1'), asRead('key-1')).changes).toEqual([]);
  });

  it('updates the module whose secret has a new value, showing it only as changed', () => {
    const plan = planChanges(desired('key-2'), asRead('key-1'));
    expect(plan.changes.map(({ action, name, fields }) => ({ action, name, fields }))).toEqual([
      {
        action: 'update',
        name: 'greetings',
        fields: [
          { path: 'secrets.GREETINGS_SIGNING_KEY', before: SECRET_SET, after: SECRET_NEW, secret: true },
        ],
      },
    ]);
  });

  it("finds no change in an Action whose modules Auth0 answers with the module's and version's ids", () => {
    const action = {
      name: 'greet-on-login',
      code: 'exports.onExecutePostLogin = async () => {};\n',
      supported_triggers: [{ id: 'post-login', version: 'v3' }],
      modules: [{ module_name: 'greetings', module_version_number: 1 }],
    };
    const read = {
      ...action,
      modules: [
        {
          module_id: '437c498a-0574-4073-b1e1-e987fefa74da',
          module_name: 'greetings',
          module_version_id: '1302c28a-be90-482b-9535-adb54df8a527',
          module_version_number: 1,
        },
      ],
    };
    expect(planChanges({ actions: [action] }, { actions: [read] }).changes).toEqual([]);
    const newer = { ...action, modules: [{ module_name: 'greetings', module_version_number: 2 }] };
    expect(planChanges({ actions: [newer] }, { actions: [read] }).changes.map((c) => c.action)).toEqual([
      'update',
    ]);
  });

  it('creates modules before the Actions that run them, and deletes them after', () => {
    const keys = resourceKeys();
    expect(keys.indexOf('actionModules')).toBeLessThan(keys.indexOf('actions'));
    expect(deleteOrder().indexOf('actions')).toBeLessThan(deleteOrder().indexOf('actionModules'));
  });
});
