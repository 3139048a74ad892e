import { describe, expect, it } from 'vitest';
import { writeTenantFiles } from '../../../test/tenant/fixture';
import { formatPlan } from '../../plan/format';
import { planChanges } from '../../plan/plan';
import { checkTenantWithWaivers } from '../../tenant/check';
import { loadTenant } from '../../tenant/load';

const ENVIRONMENT = `tier: production
keywords:
  AUTH0_DOMAIN: example.eu.auth0.com
  PRODUCT_NAME: Documents
secrets:
  SMTP_PASSWORD: { env: TENANT_SECRET_SMTP_PASSWORD }
`;

const PAGES = `pages:
  - name: login
    enabled: true
    html: ./pages/login.html
  - name: error_page
    show_log_link: false
    url: https://example.com/error
`;

const LOGIN = '<html>\n  <title>Sign in to ##PRODUCT_NAME##</title>\n  <body>@@config@@</body>\n</html>\n';

/** The check of a tenant with pages, and the files it read, from these files (prod rules). */
async function check(files: Record<string, string>) {
  const written = writeTenantFiles({ 'environments/prod.yaml': ENVIRONMENT, ...files });
  try {
    const result = checkTenantWithWaivers(await loadTenant({ dir: written.tenantDir, env: 'prod' }));
    const errors = result.problems
      .filter((problem) => problem.severity === 'error')
      .filter((problem) => problem.path.startsWith('pages') || problem.path === '')
      .map(({ rule, file, line, column }) => ({
        rule,
        file: file.slice(written.tenantDir.length + 1),
        line,
        column,
      }));
    return { errors, files: result.files ?? [] };
  } finally {
    written.remove();
  }
}

describe('pages in the check', () => {
  it("reads each page's HTML beside tenant.yaml, with the environment's keywords replaced", async () => {
    const result = await check({ 'tenant.yaml': PAGES, 'pages/login.html': LOGIN });

    expect(result.errors).toEqual([]);
    expect(result.files).toEqual([
      {
        pointer: '/pages/0/html',
        written: './pages/login.html',
        relative: 'pages/login.html',
        // Auth0's own lower-case `@@config@@` is not a keyword: it stays for Auth0 to fill.
        text: '<html>\n  <title>Sign in to Documents</title>\n  <body>@@config@@</body>\n</html>\n',
      },
    ]);
  });

  it('refuses a page whose file is missing, at the line naming it', async () => {
    expect((await check({ 'tenant.yaml': PAGES })).errors).toEqual([
      { rule: 'references/missing-file', file: 'tenant.yaml', line: 4, column: 11 },
    ]);
  });

  it('refuses a page outside the tenant folder: only reviewed files reach the login page', async () => {
    const outside = PAGES.replace('./pages/login.html', '../../etc/login.html');
    expect((await check({ 'tenant.yaml': outside })).errors).toEqual([
      { rule: 'references/outside-repository', file: 'tenant.yaml', line: 4, column: 11 },
    ]);
  });

  it('refuses a secret inside the HTML, at its place in the HTML file', async () => {
    const leaky = LOGIN.replace('<body>', '<body data-smtp="##SMTP_PASSWORD##">');
    expect((await check({ 'tenant.yaml': PAGES, 'pages/login.html': leaky })).errors).toEqual([
      { rule: 'secrets/in-readable-field', file: 'pages/login.html', line: 3, column: 20 },
    ]);
  });

  it('refuses a keyword the environment does not define, rather than showing it to users', async () => {
    const typo = LOGIN.replace('##PRODUCT_NAME##', '##PRODUCT_TITLE##');
    expect((await check({ 'tenant.yaml': PAGES, 'pages/login.html': typo })).errors).toEqual([
      { rule: 'keywords/undefined', file: 'pages/login.html', line: 2, column: 21 },
    ]);
  });

  it('refuses a redirect URL on the login page: only the error page has one', async () => {
    const wrong = PAGES.replace('    enabled: true\n', '    enabled: true\n    url: https://example.com\n');
    expect((await check({ 'tenant.yaml': wrong, 'pages/login.html': LOGIN })).errors).toEqual([
      { rule: 'schema/unknown-key', file: 'tenant.yaml', line: 4, column: 5 },
    ]);
  });
});

describe('pages in the plan', () => {
  const login = (html: string) => ({ pages: [{ name: 'login', enabled: true, html }] });

  it('finds nothing to do when the page Auth0 has is the one in the file', () => {
    expect(planChanges(login(LOGIN), login(LOGIN)).changes).toEqual([]);
  });

  it('sums up a changed page as the lines it adds and removes, not the whole HTML', () => {
    const plan = planChanges(login(LOGIN.replace('Sign in', 'Log in')), login(LOGIN));
    const text = formatPlan(plan, 'text', {
      mode: 'plan',
      env: 'prod',
      target: 'example.eu.auth0.com',
      allowDelete: false,
    });

    expect(plan.changes.map((change) => `${change.action} ${change.type} ${change.name}`)).toEqual([
      'update pages login',
    ]);
    expect(text).toMatch(/html: 1 line added, 1 removed \(4 -> 4 lines\)/);
    expect(text).not.toContain('<body>');
  });

  it('never plans a page away: deploy-cli cannot delete one, so a page left out keeps its HTML', () => {
    expect(planChanges({ pages: [] }, login(LOGIN)).changes).toEqual([]);
  });
});
