/**
 * `npm run login`: its options, and the run (open the local tenant, find the client, log in headlessly,
 * read what the Actions did, print). Kept apart from scripts/cli/login.ts so that a test runs it in-process.
 */
import { EXIT, formatOption, parseOptionValues, UsageError } from '../cli/shell';
import { TEST_USERS } from '../local-tenant/authentication/seed-users';
import { DEFAULT_PORT, DEFAULT_STATE_FILE } from '../local-tenant/local-tenant';
import { LEGACY_SEED_USERS } from '../local-tenant/stand-ins/legacy-store';
import { headlessLogin } from './headless-login';
import { noControlToken, openLocalTenant } from './local-tenant-access';
import { formatLoginJson, formatLoginText, type LoginReport } from './report';
import { managementApi, recentLogins } from './tenant-lookup';

export const LOGIN_USAGE = `Usage: npm run login -- --client <name> --user <email> [--password <password>] [--env local]
         [--audience <identifier or API name>] [--connection <name>] [--organization <name>]
         [--scope <scopes>] [--ip <address>] [--totp-secret <base32>] [--format text|json]
         [--port ${DEFAULT_PORT}] [--state ${DEFAULT_STATE_FILE}]

Logs a user in to the deployed local tenant headlessly, through the same pages a browser sees (the
authorization code flow with PKCE; MFA with a computed one-time code), then prints the decoded ID and
access token claims, what each Action did (its api calls, console output and error), the user and the
result. Deploy first (npm run deploy); the local tenant is the one npm run local-tenant runs, or one
started for this command (its state in .local-tenant/).

  --client        the application's name (Documents SPA, Documents Web): its first callback URL is
                  the redirect URI; a confidential client's secret is read from the tenant
  --user          the email address to log in with
  --password      its password; may be left out for a documented test user (npm run local-tenant --help)
  --env           local (default): the only one served. A real tenant is signed in with
                  "auth0 test login" in a browser
  --audience      the API to ask an access token for, by identifier or name
  --connection    log in through this connection only
  --organization  log in through this organization (its name or id)
  --scope         default "openid profile email offline_access"
  --ip            the address the tenant sees (X-Forwarded-For): an untrusted one, say
  --totp-secret   the base32 secret of the user's authenticator, for an MFA challenge (printed by the
                  login that enrolled it)
  --format        text (default) or json
  --port, --state the local tenant's port and state file, as given to npm run local-tenant
  --help          show this help

Exit code: 0 signed in, 1 denied or refused (the reason is printed) or a mistake to fix, 70 a bug.
`;

const FORMATS = ['text', 'json'] as const;

export interface LoginCommandOptions {
  client: string;
  user: string;
  password?: string;
  audience?: string;
  connection?: string;
  organization?: string;
  scope?: string;
  ip?: string;
  totpSecret?: string;
  format: (typeof FORMATS)[number];
  port: number;
  stateFile: string;
}

const DOCUMENTED_PASSWORDS = new Map(
  [...TEST_USERS, ...LEGACY_SEED_USERS].map((user) => [user.email.toLowerCase(), user.password]),
);

export function parseLoginOptions(argv: string[]): LoginCommandOptions | 'help' {
  const text = { type: 'string' } as const;
  const values = parseOptionValues(argv, {
    client: text,
    user: text,
    password: text,
    env: text,
    audience: text,
    connection: text,
    organization: text,
    scope: text,
    ip: text,
    'totp-secret': text,
    format: text,
    port: text,
    state: text,
    help: { type: 'boolean' },
  });
  if (values.help) return 'help';
  const given = (name: string): string | undefined =>
    typeof values[name] === 'string' ? (values[name] as string) : undefined;
  const env = given('env') ?? 'local';
  if (env !== 'local') {
    throw new UsageError(
      `npm run login signs in to the local tenant only (--env local), not "${env}": a real tenant is signed in with "auth0 test login" in a browser`,
    );
  }
  const client = given('client');
  const user = given('user');
  if (client === undefined || user === undefined) throw new UsageError('--client and --user are required');
  const port = Number(given('port') ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new UsageError(`--port must be a port number, not "${given('port')}"`);
  const optional = Object.fromEntries(
    (
      [
        ['password', 'password'],
        ['audience', 'audience'],
        ['connection', 'connection'],
        ['organization', 'organization'],
        ['scope', 'scope'],
        ['ip', 'ip'],
        ['totpSecret', 'totp-secret'],
      ] as const
    ).flatMap(([key, flag]) => (given(flag) !== undefined ? [[key, given(flag)]] : [])),
  ) as Partial<LoginCommandOptions>;
  return {
    client,
    user,
    format: formatOption(values.format, FORMATS),
    port,
    stateFile: given('state') ?? DEFAULT_STATE_FILE,
    ...optional,
  };
}

/** The password given, or the documented one of a documented test user. */
function passwordFor(options: LoginCommandOptions): string {
  const password = options.password ?? DOCUMENTED_PASSWORDS.get(options.user.toLowerCase());
  if (password === undefined) {
    throw new UsageError(`${options.user} is not a documented test user: give its password with --password`);
  }
  return password;
}

export async function runLogin(
  options: LoginCommandOptions,
  out: { write(text: string): unknown },
): Promise<number> {
  const password = passwordFor(options);
  const tenant = await openLocalTenant({ port: options.port, stateFile: options.stateFile });
  try {
    const management = managementApi(tenant.issuer, tenant.credentials, tenant.fetch);
    const client = await management.client(options.client);
    const audience = options.audience === undefined ? undefined : await management.audience(options.audience);
    const result = await headlessLogin({
      issuer: tenant.issuer,
      fetch: tenant.fetch,
      clientId: client.clientId,
      redirectUri: client.redirectUri,
      email: options.user,
      password,
      ...(client.clientSecret !== undefined ? { clientSecret: client.clientSecret } : {}),
      ...(audience !== undefined ? { audience } : {}),
      ...(options.connection !== undefined ? { connection: options.connection } : {}),
      ...(options.organization !== undefined ? { organization: options.organization } : {}),
      ...(options.scope !== undefined ? { scope: options.scope } : {}),
      ...(options.ip !== undefined ? { ip: options.ip } : {}),
      ...(options.totpSecret !== undefined ? { totpSecret: options.totpSecret } : {}),
    });
    let traces: LoginReport['traces'] = noControlToken(options.stateFile);
    if (tenant.controlToken !== undefined) {
      const logins = await recentLogins(tenant.issuer, tenant.fetch, tenant.controlToken, options.user);
      // This login's, by its transaction; a login that ended before any Action ran has none.
      traces = logins.find((login) => login.loginId === result.loginId);
    }
    const report: LoginReport = {
      tenant: tenant.label,
      client: client.name,
      user: options.user,
      result,
      traces,
    };
    out.write(options.format === 'json' ? formatLoginJson(report) : formatLoginText(report));
    return result.kind === 'tokens' ? EXIT.ok : EXIT.problems;
  } finally {
    await tenant.close();
  }
}
