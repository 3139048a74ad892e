/**
 * A real headless Chromium signs in through our deployed tenant (issue 14): the built-in test app, the
 * tenant's branded login page, the admin's password, MFA enrollment with a computed TOTP code, and back to
 * the test app showing the decoded tokens. Every page's CSP must hold: no console error, no request
 * anywhere but the tenant (the brand logo's host is answered by the test itself).
 */
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { TEST_USERS } from '../../scripts/local-tenant/authentication/seed-users';
import { base32Decode, totp } from '../../scripts/local-tenant/authentication/totp';
import { testAppUrl } from '../../scripts/local-tenant/test-app/routes';
import { deployOurTenant } from '../deploy/deployed-tenant';
import type { LocalDeployment } from '../deploy/workspace';
import { BROWSER_ARGS, findBrowser } from './find-browser';

/** The page's globals the checks below run with in the browser: this project's TypeScript has no DOM library. */
declare const getComputedStyle: (element: unknown) => { backgroundColor: string };
declare const document: { body: unknown };

const found = await findBrowser();
const skipReason = 'skip' in found ? found.skip : undefined;

/** tenant/tenant.yaml's branding and environments/local.yaml's BRAND_LOGO_URL. */
const PRIMARY_RGB = 'rgb(11, 95, 255)';
const BACKGROUND_RGB = 'rgb(244, 246, 251)';
const LOGO_URL = 'https://example.com/brand/logo.svg';
const LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40"/></svg>';
const ROLES_CLAIM = 'https://example.com/claims/roles';
const ADMIN = TEST_USERS.find((user) => user.email === 'admin@example.com');

/**
 * Chromium trusts a certificate chain holding this public key (the local tenant's throwaway CA) and no
 * other invalid one: certificate errors are not switched off wholesale.
 */
function caSpkiHash(caFile: string): string {
  const spki = new X509Certificate(readFileSync(caFile)).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

let deployment: LocalDeployment;
let browser: Browser;

describe.skipIf(skipReason !== undefined)(
  skipReason ? `the browser login (skipped: ${skipReason})` : 'the browser login',
  () => {
    beforeAll(async () => {
      deployment = await deployOurTenant();
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await deployment?.close();
    });

    it('signs the admin in through the login page and MFA enrollment, back to the test app with the claims', async () => {
      if ('skip' in found || !ADMIN) throw new Error('unreachable: the describe is skipped');
      const { tenant } = deployment;
      const started = performance.now();
      browser = await chromium.launch({
        executablePath: found.executablePath,
        args: [...BROWSER_ARGS, `--ignore-certificate-errors-spki-list=${caSpkiHash(tenant.caFile)}`],
      });
      const context = await browser.newContext();
      // A step that cannot happen (a script the CSP blocked leaves the button dead) fails in seconds, with
      // what the page reported, not at the test's timeout.
      context.setDefaultTimeout(5_000);
      const outside: string[] = [];
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (new URL(url).host === tenant.domain) return route.continue();
        if (url === LOGO_URL) return route.fulfill({ contentType: 'image/svg+xml', body: LOGO_SVG });
        outside.push(url);
        return route.abort();
      });
      const page = await context.newPage();
      const problems = watchProblems(page);
      onTestFailed(() => {
        process.stderr.write(`the page reported:\n${[...problems, ...outside].join('\n')}\n`);
      });

      await page.goto(testAppUrl(tenant.domain));
      await page.click('#sign-in');
      await page.waitForURL(/\/u\/login\?/);
      expect(await page.title()).toBe('Log in');
      const button = page.locator('button[type=submit]');
      expect(await button.evaluate((node) => getComputedStyle(node).backgroundColor)).toBe(PRIMARY_RGB);
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(BACKGROUND_RGB);
      const logo = page.locator('img.logo');
      expect(await logo.getAttribute('src')).toBe(LOGO_URL);
      // Loaded, not just named: the CSP's img-src let it in.
      await expect
        .poll(() => logo.evaluate((node) => (node as unknown as { naturalWidth: number }).naturalWidth))
        .toBe(120);

      await page.fill('#email', ADMIN.email);
      await page.fill('#password', ADMIN.password);
      await button.click();
      await page.waitForURL(/\/u\/login$|\/u\/mfa/);
      expect(await page.title()).toBe('Secure your account');
      const secret = String(await page.locator('[data-totp-secret]').textContent());
      await page.fill('#code', totp(base32Decode(secret), Date.now() / 1000));
      await page.locator('button[type=submit]').click();

      await page.waitForURL(`${testAppUrl(tenant.domain)}`);
      await page.locator('pre').nth(1).waitFor();
      const [idToken, accessToken] = await page
        .locator('pre')
        .evaluateAll((blocks) => blocks.map((block) => JSON.parse(block.textContent ?? '') as unknown));
      const shown = (await page.locator('#out > p').allTextContents()).join('\n');
      const elapsed = performance.now() - started;

      expect(shown).toContain('Signed in. Scopes granted: openid profile email offline_access');
      expect(shown).not.toMatch(/nonce this page sent|refused|failed/);
      expect(idToken).toMatchObject({ email: ADMIN.email, [ROLES_CLAIM]: ['admin'] });
      expect(accessToken).toMatchObject({
        [ROLES_CLAIM]: ['admin'],
        permissions: expect.arrayContaining(['read:documents', 'write:documents']),
      });
      expect(problems).toEqual([]);
      expect(outside).toEqual([]);
      process.stdout.write(`browser login (Chromium start included): ${Math.round(elapsed)} ms\n`);
    });
  },
);

/** Console errors (a CSP violation is one), uncaught exceptions and failed requests of the page. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console ${message.type()}: ${message.text()} (${page.url()})`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message} (${page.url()})`));
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`),
  );
  return problems;
}
