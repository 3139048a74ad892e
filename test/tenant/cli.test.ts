import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../deploy/workspace';
import { copyOurTenant, lineOf, type TenantCopy } from './fixture';

/** `npm run check` as CI runs it: a child process, its output and its exit code. */
const runCheck = (args: string[]) => runCli('check', args, { NO_COLOR: '1' });

let good: TenantCopy;
let bad: TenantCopy;
let implicitLine: number;
const LEAKED = 'sk_live_51HxY2eKqDoNotPrint';

beforeAll(() => {
  good = copyOurTenant();
  bad = copyOurTenant();
  bad.replace(
    'tenant.yaml',
    '      - authorization_code\n      - refresh_token\n    callbacks: "@@SPA',
    '      - authorization_code\n      - implicit\n      - refresh_token\n    callbacks: "@@SPA',
  );
  bad.replace('tenant.yaml', '        value: "##USER_SYNC_TOKEN##"', `        value: ${LEAKED}`);
  implicitLine = lineOf(bad.read('tenant.yaml'), '      - implicit');
});
afterAll(() => {
  good.remove();
  bad.remove();
});

describe('npm run check', () => {
  it('exits 0 and says so when the tenant is clean', async () => {
    const result = await runCheck(['--env', 'prod', '--dir', good.tenantDir]);

    expect(result.code).toBe(0);
    expect(result.stdout).toBe('check passed for environment "prod": no problems\n');
    expect(result.stderr).toBe('');
  });

  it('prints one line per problem with file:line:column, severity, rule and message, then the hint', async () => {
    const result = await runCheck(['--env', 'prod', '--dir', bad.tenantDir]);
    const file = path.join(bad.tenantDir, 'tenant.yaml');
    const head = `${file}:${implicitLine}:9  error  `;

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `${head}browser-apps/no-implicit-grant  client "Documents SPA" allows the implicit grant\n${' '.repeat(head.length)}hint: remove implicit; use authorization_code (with PKCE for a spa or native app)\n`,
    );
    expect(result.stdout).toContain(
      'secrets/literal-in-tenant  action secret USER_SYNC_TOKEN is written literally in tenant.yaml; it must be a ##KEY## placeholder\n',
    );
    expect(result.stdout).toContain('warning  secrets/unused  secret USER_SYNC_TOKEN is not used in');
    expect(result.stdout).toMatch(/check failed for environment "prod": 2 errors, 1 warning\n$/);
    expect(result.stderr).toBe('');
  });

  it('never prints the value of a literal secret', async () => {
    for (const format of ['text', 'github', 'json']) {
      const result = await runCheck(['--env', 'prod', '--dir', bad.tenantDir, '--format', format]);
      expect(result.stdout).not.toContain(LEAKED);
    }
  });

  it('writes GitHub annotations with --format github', async () => {
    const result = await runCheck(['--env', 'prod', '--dir', bad.tenantDir, '--format', 'github']);
    const file = path.join(bad.tenantDir, 'tenant.yaml').replace(/:/g, '%3A').replace(/,/g, '%2C');

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `::error file=${file},line=${implicitLine},col=9,title=browser-apps/no-implicit-grant::client "Documents SPA" allows the implicit grant%0Ahint: remove implicit; use authorization_code (with PKCE for a spa or native app)\n`,
    );
  });

  it('writes the problems as JSON with --format json', async () => {
    const result = await runCheck(['--env', 'prod', '--dir', bad.tenantDir, '--format', 'json']);
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      errors: number;
      problems: { rule: string; line: number; path: string }[];
    };

    expect(result.code).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.errors).toBe(2);
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        rule: 'browser-apps/no-implicit-grant',
        line: implicitLine,
        path: 'clients[Documents SPA].grant_types[1]',
      }),
    );
  });

  it('reports a YAML syntax error as a problem, without a stack trace', async () => {
    const broken = copyOurTenant();
    broken.replace('tenant.yaml', '      - client_credentials', '      - [client_credentials');
    const result = await runCheck(['--env', 'dev', '--dir', broken.tenantDir]);
    broken.remove();

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('  error  yaml/syntax  ');
    expect(result.stdout).not.toMatch(/\n\s+at /);
    expect(result.stderr).toBe('');
  });

  it.each([
    [['--dir', 'tenant'], '--env is required'],
    [['--env', 'prod', '--format', 'xml'], '--format must be one of text, github, json, not "xml"'],
    [['--enviroment', 'prod'], "Unknown option '--enviroment'"],
  ])('rejects %j with the usage and exit code 1', async (args, message) => {
    const result = await runCheck(args);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage: npm run check -- --env <environment>');
    expect(result.stdout).toBe('');
  });

  it('prints the usage with --help', async () => {
    const result = await runCheck(['--help']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: npm run check -- --env <environment>');
  });
});
