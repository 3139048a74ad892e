import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_USERS } from '../../scripts/local-tenant/authentication/seed-users';
import { controlTokenFile } from '../../scripts/local-tenant/control-token';
import { type LocalTenant, startLocalTenant } from '../../scripts/local-tenant/local-tenant';
import { headlessLogin, refreshLogin } from '../../scripts/login/headless-login';
import { parseLoginOptions, runLogin } from '../../scripts/login/login-command';
import { managementApi, recentLogins } from '../../scripts/login/tenant-lookup';
import { fetchTrusting } from '../../scripts/login/trusting-fetch';
import { makeWorkspace, pointServicesAt, runCli, targetEnv, type Workspace } from '../deploy/workspace';

/**
 * `npm run login` end to end: our tenant deployed once into a fresh local tenant (its documented test
 * users seeded, as `npm run local-tenant` does), then the command's run in-process against it as a
 * tenant it did not start (found on its port, its control token read from the file beside its state).
 */
let dir: string;
let tenant: LocalTenant;
let workspace: Workspace;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'login-cli-'));
  // Its own state folder with its CA beside the state: how a running tenant is found and trusted.
  tenant = await startLocalTenant({
    port: 0,
    stateFile: path.join(dir, 'state.json'),
    reset: true,
    actionBuildMs: 50,
    seedUsers: TEST_USERS,
  });
  workspace = await makeWorkspace(tenant.domain);
  await pointServicesAt(workspace, tenant);
  const deploy = await runCli(
    'deploy',
    ['--env', 'local', '--dir', workspace.dir, '--out', workspace.out],
    targetEnv(tenant),
  );
  expect(deploy.code, deploy.stdout + deploy.stderr).toBe(0);
  tenant.saveState();
}, 120_000);

afterAll(async () => {
  await tenant?.close();
  await workspace?.remove();
  await rm(dir, { recursive: true, force: true });
});

async function login(...args: string[]) {
  const options = parseLoginOptions([
    '--client',
    'Documents SPA',
    '--port',
    String(tenant.port),
    '--state',
    tenant.stateFile,
    ...args,
  ]);
  if (options === 'help') throw new Error('asked for help');
  let printed = '';
  const code = await runLogin(options, { write: (text: string) => (printed += text) });
  return { code, printed };
}

const CLAIMS = 'https://example.com/claims/';

describe('npm run login', () => {
  it('signs the plain user in: the claims custom-claims adds, what each Action did, exit 0', async () => {
    expect((await stat(controlTokenFile(tenant.stateFile))).mode & 0o777).toBe(0o600);
    const { code, printed } = await login('--user', 'user@example.com', '--audience', 'Documents API');
    expect(code, printed).toBe(0);
    expect(printed).toContain('ID token claims:');
    expect(printed).toContain(`"${CLAIMS}roles": [\n      "user"\n    ]`);
    expect(printed).toMatch(/post-login custom-claims \(.*\)\n {4}api calls: .*idToken\.setCustomClaim/);
    expect(printed).toContain('Result: signed in');
    expect(printed).not.toContain('Harbor-Lantern-27');
    expect(printed).not.toMatch(/code=[^…&\s]/);
  });

  it('enrols the admin in MFA with a computed code, and carries the admin role', async () => {
    const { code, printed } = await login('--user', 'admin@example.com', '--format', 'json');
    expect(code, printed).toBe(0);
    const report = JSON.parse(printed);
    expect(report.idTokenClaims[`${CLAIMS}roles`]).toEqual(['admin']);
    expect(report.totpSecret).toMatch(/^[A-Z2-7]{32}$/);
    expect(report.steps.map((step: { path: string }) => step.path)).toContain('/u/mfa-otp');
    expect(report.actions.postLogin.map((trace: { actionName: string }) => trace.actionName)).toContain(
      'risk-based-mfa',
    );
  });

  it('refuses the suspended user and a wrong password with the reason, exit 1', async () => {
    const suspended = await login('--user', 'suspended@example.com');
    expect(suspended.code).toBe(1);
    expect(suspended.printed).toContain('Result: denied: access_denied: user is blocked');
    const wrong = await login('--user', 'user@example.com', '--password', 'Not-The-Password-1');
    expect(wrong.code).toBe(1);
    expect(wrong.printed).toContain('Result: refused (401): Wrong email or password.');
    expect(wrong.printed).not.toContain('Not-The-Password-1');
  });

  it('the driver: a refresh token redeemed, and a sign-up the registration guard refuses with its message', async () => {
    const issuer = new URL(`https://${tenant.domain}/`);
    const fetch = fetchTrusting(tenant.caFile);
    const spa = await managementApi(issuer, tenant, fetch).client('Documents SPA');
    const base = { issuer, fetch, clientId: spa.clientId, redirectUri: spa.redirectUri };
    const signedIn = await headlessLogin({
      ...base,
      email: 'user@example.com',
      password: 'Harbor-Lantern-27',
    });
    if (signedIn.kind !== 'tokens' || signedIn.refreshToken === undefined) throw new Error(signedIn.kind);
    const refreshed = await refreshLogin(base, signedIn.refreshToken);
    expect(refreshed).toMatchObject({ kind: 'tokens', idTokenClaims: { sub: signedIn.idTokenClaims.sub } });
    const signup = await headlessLogin({
      ...base,
      email: 'someone@mailinator.com',
      password: 'Plain-Pass-123',
      screenHint: 'signup',
    });
    expect(signup).toMatchObject({ kind: 'refused', status: 403 });
    expect(signup.kind === 'refused' && signup.message).toMatch(/temporary email services are not accepted/);
    const [traced] = await recentLogins(issuer, fetch, tenant.controlToken, 'someone@mailinator.com');
    expect(traced).toMatchObject({
      loginId: signup.loginId,
      outcome: { kind: 'denied' },
      preUserRegistration: [{ actionName: 'registration-guard' }],
    });
    const everyTrace = JSON.stringify(
      await recentLogins(issuer, fetch, tenant.controlToken, 'user@example.com'),
    );
    expect(everyTrace).toContain('user-sync');
    expect(everyTrace).not.toContain('local-user-sync-token-not-a-secret');
  });
});
