import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lineOf } from '../tenant/fixture';
import { copyBuildFixture } from './helpers';

/**
 * Each story breaks a copy of test/fixtures/build one way and expects one clear problem at the right
 * place, and nothing written.
 */
let fixture: ReturnType<typeof copyBuildFixture>;
afterEach(() => fixture?.remove());

/** A fresh copy of the fixture with each `[file, find, replacement]` edit made (each `find` must occur once). */
function fixtureWith(...edits: [file: string, find: string, replacement: string][]) {
  fixture = copyBuildFixture();
  for (const [file, find, replacement] of edits) fixture.replace(file, find, replacement);
  return fixture;
}

async function failingBuild() {
  const build = await fixture.build();
  build.remove();
  expect(build.result.ok).toBe(false);
  expect(existsSync(build.outDir)).toBe(false);
  return build.result;
}

const NOTIFY = 'actions/notify-login/index.ts';
const AXIOS_DEPENDENCY = '    dependencies:\n      - name: axios\n        version: 1.21.1\n';

describe('dependencies of an Action', () => {
  it('fails when an action imports a package it does not declare, at the import', async () => {
    fixtureWith(['tenant/tenant.yaml', AXIOS_DEPENDENCY, '    dependencies: []\n']);

    const result = await failingBuild();

    expect(result.problems).toEqual([
      expect.objectContaining({
        file: path.join(fixture.root, NOTIFY),
        line: 2,
        column: 19,
        rule: 'build/undeclared-dependency',
        message: 'action notify-login imports "axios", which is not in its dependencies',
        hint: 'declare { name: axios, version: 1.21.1 } under dependencies of action notify-login in tenant.yaml',
      }),
    ]);
  });

  it('fails when the declared version is not the one in package-lock.json, at the version', async () => {
    fixtureWith(['tenant/tenant.yaml', 'version: 1.21.1', 'version: 1.7.0']);

    const result = await failingBuild();

    expect(result.problems).toEqual([
      expect.objectContaining({
        line: lineOf(readFileSync(path.join(fixture.tenantDir, 'tenant.yaml'), 'utf8'), 'version: 1.7.0'),
        rule: 'build/dependency-version',
        message: 'action notify-login declares axios@1.7.0, but package-lock.json has 1.21.1',
      }),
    ]);
  });

  it('fails on a native module, naming the addon', async () => {
    fixtureWith(
      [
        'tenant/tenant.yaml',
        AXIOS_DEPENDENCY,
        `${AXIOS_DEPENDENCY}      - name: lightningcss\n        version: 1.33.0\n`,
      ],
      [NOTIFY, "import axios from 'axios';", "import axios from 'axios';\nimport 'lightningcss';"],
    );

    const result = await failingBuild();

    expect(result.problems).toEqual([
      expect.objectContaining({
        line: 3,
        rule: 'build/native-module',
        message: expect.stringMatching(
          /^action notify-login imports "lightningcss", which Auth0 cannot run: lightningcss -> lightningcss-.*: ships a native addon \(.*\.node\)$/,
        ),
      }),
    ]);
  });

  it('fails when a custom-database script imports an npm package: Auth0 cannot install one for it', async () => {
    fixtureWith([
      'actions/custom-database/legacy-users/get-user.ts',
      "import { legacyRequest } from './legacy-api';",
      "import { legacyRequest } from './legacy-api';\nimport 'axios';",
    ]);

    const result = await failingBuild();

    expect(result.problems).toEqual([expect.objectContaining({ line: 3, rule: 'build/package-in-script' })]);
  });

  it('warns, and still builds, when an action declares a package it never imports', async () => {
    fixtureWith([
      'tenant/tenant.yaml',
      '    code: ../actions/tag-login/index.ts\n    runtime: node22\n    deployed: true\n    dependencies: []',
      '    code: ../actions/tag-login/index.ts\n    runtime: node22\n    deployed: true\n    dependencies:\n      - name: axios\n        version: 1.21.1',
    ]);

    const build = await fixture.build();
    build.remove();

    expect(build.result.ok).toBe(true);
    expect(build.result.problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        rule: 'build/unused-dependency',
        message: 'action tag-login declares axios but never imports it; Auth0 would still install it',
      }),
    ]);
  });
});

describe('code', () => {
  it('reports a syntax error at its file and line', async () => {
    fixtureWith(['actions/tag-login/login-tag.ts', '.slice(0, 12);', '.slice(0, 12;']);

    const result = await failingBuild();

    expect(result.problems).toEqual([
      expect.objectContaining({
        file: path.join(fixture.root, 'actions/tag-login/login-tag.ts'),
        line: 5,
        rule: 'build/esbuild',
      }),
    ]);
  });

  it('fails when built code holds a ##KEYWORD## marker that deploy-cli would fill with a secret', async () => {
    fixtureWith([NOTIFY, '`Bearer $', '`Bearer ##NOTIFY_TOKEN## $']);

    const result = await failingBuild();

    expect(result.problems).toEqual([
      expect.objectContaining({ rule: 'build/keyword-in-code', path: 'actions[notify-login].code' }),
    ]);
    expect(result.problems[0]?.message).toContain('contains NOTIFY_TOKEN between ## or @@ markers');
  });
  it('fails when an action does not export the handler of a trigger it supports, at the trigger', async () => {
    fixtureWith([
      'actions/tag-login/index.ts',
      'export const onExecutePostLogin',
      'export const onExecuteLogin',
    ]);

    const result = await failingBuild();

    expect(result.problems).toEqual([
      expect.objectContaining({
        path: 'actions[tag-login].supported_triggers[0].id',
        rule: 'build/missing-handler',
        message: 'action tag-login supports post-login, but its code does not export onExecutePostLogin',
      }),
    ]);
  });

  it('fails when a custom-database script has no default export, at its path in tenant.yaml', async () => {
    fixtureWith([
      'actions/custom-database/legacy-users/login.ts',
      'export default login;',
      'export { login };',
    ]);

    const result = await failingBuild();

    expect(result.problems).toEqual([
      expect.objectContaining({
        file: path.join(fixture.tenantDir, 'tenant.yaml'),
        path: 'databases[legacy-users].options.customScripts.login',
        rule: 'build/missing-default-export',
      }),
    ]);
  });

  it('fails when a script kept as Auth0 ran it (.cjs) is not one function declaration, naming the one Auth0 calls', async () => {
    fixtureWith([
      'tenant/tenant.yaml',
      'login: ../actions/custom-database/legacy-users/login.ts',
      'login: ../actions/custom-database/legacy-users/login.cjs',
    ]);
    fixture.write('actions/custom-database/legacy-users/login.cjs', 'module.exports = () => {};\n');

    const result = await failingBuild();

    expect(result.problems).toEqual([
      expect.objectContaining({
        path: 'databases[legacy-users].options.customScripts.login',
        rule: 'build/missing-function',
        hint: 'Auth0 calls `function login(email, password, callback)`',
      }),
    ]);
  });
});

describe('size limits', () => {
  const addPayload = (kB: number) => {
    mkdirSync(path.join(fixture.root, 'actions/tag-login'), { recursive: true });
    writeFileSync(
      path.join(fixture.root, 'actions/tag-login/payload.ts'),
      `export const PAYLOAD = ${JSON.stringify('x'.repeat(kB * 1024))};\n`,
    );
    fixture.replace(
      'actions/tag-login/index.ts',
      "import { loginTag } from './login-tag';",
      "import { loginTag } from './login-tag';\nimport { PAYLOAD } from './payload';\nconsole.log(PAYLOAD.length);",
    );
  };

  it('warns over 50 kB', async () => {
    fixture = copyBuildFixture();
    addPayload(60);

    const build = await fixture.build();
    build.remove();

    expect(build.result.ok).toBe(true);
    expect(build.result.problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        rule: 'build/size',
        message: expect.stringMatching(
          /^action tag-login bundles to 6\d\.\d kB, over the warning limit of 50\.0 kB$/,
        ),
      }),
    ]);
  });

  it('fails over 100 kB', async () => {
    fixture = copyBuildFixture();
    addPayload(110);

    const result = await failingBuild();

    expect(result.problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        rule: 'build/size',
        message: expect.stringMatching(/over the limit of 100\.0 kB$/),
      }),
    ]);
  });
});

describe('what stops the build before it starts', () => {
  it('stops on a check error and reports it as the check does', async () => {
    fixtureWith([
      'tenant/tenant.yaml',
      '    runtime: node22\n    deployed: true\n    dependencies: []',
      '    runtime: node22\n    deployed: true\n    dependencies: []\n    colour: blue',
    ]);

    const result = await failingBuild();

    expect(result.check.problems).toContainEqual(expect.objectContaining({ rule: 'schema/unknown-key' }));
    expect(result.problems).toEqual([]);
  });

  it('refuses to replace a folder it did not write, and leaves it as it was', async () => {
    fixture = copyBuildFixture();
    const outDir = path.join(fixture.root, 'not-a-build');
    mkdirSync(outDir);
    writeFileSync(path.join(outDir, 'notes.txt'), 'mine\n');

    const build = await fixture.build('dev', { outDir });

    expect(build.result.ok).toBe(false);
    expect(build.result.problems).toEqual([
      expect.objectContaining({
        file: outDir,
        rule: 'build/out-dir',
        message: `refusing to write the build: ${outDir} is not empty and was not written by the build`,
      }),
    ]);
    expect(readFileSync(path.join(outDir, 'notes.txt'), 'utf8')).toBe('mine\n');
  });

  it('replaces its own earlier build, leaving no stale file behind', async () => {
    fixture = copyBuildFixture();
    const outDir = path.join(fixture.root, 'dist-dev');
    await fixture.build('dev', { outDir });
    writeFileSync(path.join(outDir, 'actions/removed-action.js'), 'stale\n');

    const build = await fixture.build('dev', { outDir });

    expect(build.result.ok).toBe(true);
    expect(existsSync(path.join(outDir, 'actions/removed-action.js'))).toBe(false);
    expect(existsSync(path.join(outDir, 'actions/tag-login.js'))).toBe(true);
  });
});

describe('Action modules', () => {
  const MODULE_SECTION =
    'actionModules:\n  - name: login-tags\n    code: ./action-modules/login-tags/code.js\n    all_changes_published: true\n\nactions:\n';
  const NAMED = '    secrets:\n      - name: CLAIMS_NAMESPACE\n';
  /** The fixture with a login-tags module, required by tag-login; `named`: whether tag-login names it. */
  function withModule(named: boolean) {
    fixture = copyBuildFixture();
    mkdirSync(path.join(fixture.tenantDir, 'action-modules/login-tags'), { recursive: true });
    fixture.write('tenant/action-modules/login-tags/code.js', "module.exports = { prefix: 'tag' };\n");
    fixture.replace('tenant/tenant.yaml', '\nactions:\n', `\n${MODULE_SECTION}`);
    if (named) {
      fixture.replace(
        'tenant/tenant.yaml',
        NAMED,
        `    modules:\n      - module_name: login-tags\n        module_version_number: 1\n${NAMED}`,
      );
    }
    fixture.replace(
      'actions/tag-login/index.ts',
      "import { loginTag } from './login-tag';",
      "import { loginTag } from './login-tag';\nimport { prefix } from 'login-tags';\nconsole.log(prefix);",
    );
  }

  it('leaves require of a module the Action names to Auth0, and writes the module beside the tenant', async () => {
    withModule(true);

    const build = await fixture.build();
    build.remove();

    expect(build.result.problems).toEqual([]);
    expect(build.result.output?.files['actions/tag-login.js']).toContain('require("login-tags")');
    expect(build.result.output?.files['action-modules/login-tags/code.js']).toBe(
      "module.exports = { prefix: 'tag' };\n",
    );
  });

  it('fails when an Action requires a module of the tenant it does not name, at the import', async () => {
    withModule(false);

    const result = await failingBuild();

    expect(result.problems).toEqual([
      expect.objectContaining({
        file: path.join(fixture.root, 'actions/tag-login/index.ts'),
        line: 3,
        rule: 'build/module-not-named',
        message:
          'action tag-login requires the Action module "login-tags", which it does not name in its modules',
      }),
    ]);
  });
});
