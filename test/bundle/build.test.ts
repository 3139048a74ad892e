import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoTenantDir, writeTenantFiles } from '../tenant/fixture';
import { type Build, buildToTemp, fixtureTenantDir, repoLockfile, repoRoot } from './helpers';

let dev: Build;
let local: Build;

beforeAll(async () => {
  [dev, local] = await Promise.all([
    buildToTemp({ dir: fixtureTenantDir, env: 'dev' }),
    buildToTemp({ dir: fixtureTenantDir, env: 'local' }),
  ]);
});
afterAll(() => {
  dev.remove();
  local.remove();
});

/** Every file under `dir`, relative, sorted, with its bytes. */
function snapshotOf(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else files[child] = readFileSync(path.join(dir, child), 'utf8');
    }
  };
  walk('');
  return files;
}

describe('the built tenant', () => {
  it('writes tenant.yaml and, beside it, one file per Action and per custom-database script', () => {
    expect(dev.result.ok).toBe(true);
    expect(Object.keys(snapshotOf(dev.outDir)).sort()).toEqual([
      'actions/notify-login.js',
      'actions/tag-login.js',
      'databases/legacy-users/get_user.js',
      'databases/legacy-users/login.js',
      'tenant.yaml',
    ]);
    expect(dev.result.files.map((file) => [file.path, file.kind, file.packages])).toEqual([
      ['actions/notify-login.js', 'action', ['axios']],
      ['actions/tag-login.js', 'action', []],
      ['databases/legacy-users/get_user.js', 'custom-db-script', []],
      ['databases/legacy-users/login.js', 'custom-db-script', []],
      ['tenant.yaml', 'tenant', []],
    ]);
  });

  it('points each code path at its bundle, relative to tenant.yaml, with keywords resolved and secrets left as placeholders', () => {
    const tenant = parse(dev.read('tenant.yaml'));

    expect(tenant.actions.map((action: { code: string }) => action.code)).toEqual([
      './actions/tag-login.js',
      './actions/notify-login.js',
    ]);
    expect(tenant.databases[0].options.customScripts).toEqual({
      login: './databases/legacy-users/login.js',
      get_user: './databases/legacy-users/get_user.js',
    });
    expect(tenant.actions[1].secrets).toEqual([
      { name: 'NOTIFY_URL', value: 'http://127.0.0.1:9/notify' },
      { name: 'NOTIFY_TOKEN', value: '##NOTIFY_TOKEN##' },
    ]);
    expect(tenant.databases[0].options.configuration.LEGACY_API_TOKEN).toBe('##LEGACY_API_TOKEN##');
    expect(dev.read('tenant.yaml')).toContain('        value: "##NOTIFY_TOKEN##"\n');
    expect(dev.read('tenant.yaml').split('\n')[0]).toBe(
      '# Built by npm run build -- --env dev from test/fixtures/bundle/tenant/tenant.yaml and test/fixtures/bundle/tenant/environments/dev.yaml.',
    );
  });

  it('inlines our own modules and leaves npm packages and Node built-ins as require', () => {
    const tagLogin = dev.read('actions/tag-login.js');
    const notifyLogin = dev.read('actions/notify-login.js');

    expect(tagLogin).toContain('function loginTag(userId)');
    expect(tagLogin).toContain('require("node:crypto")');
    expect(tagLogin).not.toContain('./login-tag');
    expect(notifyLogin).toContain('require("axios")');
    expect(notifyLogin).not.toContain('function AxiosError');
  });

  it('gives each custom-database script as the single named function declaration Auth0 requires', () => {
    const shape = (file: string) => {
      const source = ts.createSourceFile(
        file,
        dev.read(file),
        ts.ScriptTarget.ES2022,
        true,
        ts.ScriptKind.JS,
      );
      return source.statements.map((statement) =>
        ts.isFunctionDeclaration(statement)
          ? `function ${statement.name?.text}(${statement.parameters.map((p) => p.name.getText()).join(', ')})`
          : ts.SyntaxKind[statement.kind],
      );
    };

    expect(shape('databases/legacy-users/login.js')).toEqual(['function login(email, password, callback)']);
    expect(shape('databases/legacy-users/get_user.js')).toEqual(['function getByEmail(email, callback)']);
  });
});

describe('determinism', () => {
  it('writes byte-identical files for the same input, however the folder is named', async () => {
    const again = await buildToTemp({ dir: path.relative(process.cwd(), fixtureTenantDir), env: 'dev' });
    try {
      expect(again.result.ok).toBe(true);
      expect(snapshotOf(again.outDir)).toEqual(snapshotOf(dev.outDir));
    } finally {
      again.remove();
    }
  });

  it('names sources relative to the project, never by this checkout path', () => {
    for (const content of Object.values(snapshotOf(dev.outDir))) expect(content).not.toContain(repoRoot);
  });
});

describe('secrets', () => {
  it("writes none of tenant/environments/local.yaml's throwaway secret values when building our tenant", async () => {
    const environment = parse(readFileSync(path.join(repoTenantDir, 'environments/local.yaml'), 'utf8'));
    const values = Object.values(environment.secrets as Record<string, { value: string }>).map(
      (s) => s.value,
    );
    const ours = await buildToTemp({ dir: repoTenantDir, env: 'local' });
    try {
      const everything = Object.values(snapshotOf(ours.outDir)).join('\n');

      expect(ours.result.ok).toBe(true);
      expect(values.length).toBeGreaterThan(0);
      for (const value of values) expect(everything).not.toContain(value);
    } finally {
      ours.remove();
    }
  });

  it("writes none of the local environment's throwaway secret values, only their placeholders", () => {
    const everything = Object.values(snapshotOf(local.outDir)).join('\n');

    expect(local.result.ok).toBe(true);
    expect(everything).not.toContain('fixture-notify-token-not-a-secret');
    expect(everything).not.toContain('fixture-legacy-token-not-a-secret');
    expect(everything).toContain('"##NOTIFY_TOKEN##"');
    expect(everything).toContain('"##LEGACY_API_TOKEN##"');
  });

  it('refuses to write when a secret value set in the environment would appear in the output, without printing it', async () => {
    // A secret whose value happens to equal a keyword's: the keyword would carry it into dist/.
    const leaking = await buildToTemp({
      dir: fixtureTenantDir,
      env: 'dev',
      environment: { BUILD_FIXTURE_NOTIFY_TOKEN: 'https://example.com/claims' },
    });
    try {
      expect(leaking.result.ok).toBe(false);
      expect(leaking.result.problems).toEqual([
        expect.objectContaining({
          rule: 'build/secret-in-output',
          message: 'the value of secret NOTIFY_TOKEN appears in the built tenant.yaml',
        }),
      ]);
      expect(JSON.stringify(leaking.result)).not.toContain('https://example.com/claims');
    } finally {
      leaking.remove();
    }
  });
});

describe('files tenant.yaml names', () => {
  it("writes each page beside the built tenant.yaml with the environment's keywords replaced, and no empty rules section", async () => {
    const pages = writeTenantFiles({
      'tenant.yaml': `rules: []\npages:\n  - name: login\n    enabled: true\n    html: ./pages/login.html\n`,
      'pages/login.html': '<title>Sign in to ##PRODUCT_NAME##</title>\n',
      'environments/local.yaml':
        'tier: local\nkeywords:\n  AUTH0_DOMAIN: 127.0.0.1:8443\n  PRODUCT_NAME: Documents\n',
    });
    const built = await buildToTemp({ dir: pages.tenantDir, env: 'local', lockfile: repoLockfile });
    try {
      expect(built.result.ok).toBe(true);
      expect(parse(built.read('tenant.yaml'))).toEqual({
        pages: [{ name: 'login', enabled: true, html: './pages/login.html' }],
      });
      expect(built.read('pages/login.html')).toBe('<title>Sign in to Documents</title>\n');
      expect(built.result.output?.files['pages/login.html']).toBe('<title>Sign in to Documents</title>\n');
    } finally {
      built.remove();
      pages.remove();
    }
  });
});
