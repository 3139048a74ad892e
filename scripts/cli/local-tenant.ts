import {
  DEFAULT_PORT,
  DEFAULT_STATE_FILE,
  type Faults,
  logStreamPortFor,
  startLocalTenant,
} from '../local-tenant';
import { readSeedFile, type SeedUser, TEST_USERS } from '../local-tenant/authentication/seed-users';
import { testAppUrl } from '../local-tenant/test-app/routes';
import { EXIT, parseOptionValues, runCli, UsageError } from './shell';

const USAGE = `Usage: npm run local-tenant -- [--port ${DEFAULT_PORT}] [--state ${DEFAULT_STATE_FILE}] [--reset] [fault options]

Runs an offline stand-in for the Auth0 Management API on https://127.0.0.1:<port> (foreground; Ctrl-C
stops it). Once it listens it prints, as shell-loadable lines, the settings any deploy-cli invocation needs:
AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET and NODE_EXTRA_CA_CERTS (its CA certificate), then
LOCAL_TENANT_CONTROL_TOKEN, the bearer token of its /__local/ endpoints (new on every start; also
written to control-token beside the state file, mode 0600, for npm run login in another shell),
LOCAL_TENANT_LOG_STREAM_URL, its HTTP log stream receiver: an "http" log stream whose httpEndpoint is that
URL delivers there, with its httpAuthorization as the Authorization header, and LOCAL_TENANT_TEST_APP_URL,
a single-page app to open in a browser: it signs in as the deployed "Documents SPA" (PKCE) and shows the
tokens it got.

  --port                 port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)
  --log-stream-port      port of the log stream receiver on 127.0.0.1 (default the one after --port,
                         ${logStreamPortFor(DEFAULT_PORT)}; a free one when --port is 0)
  --state                state file (default ${DEFAULT_STATE_FILE}; the CA is written beside it); one
                         server per file: a second one refuses to start and names the first
  --reset                start with an empty tenant (a new client id and secret)
  --seed-users           a YAML or JSON list of database users to add at start (each: email, password,
                         connection (default Username-Password-Authentication), name, email_verified,
                         blocked, roles, organizations [{ name, roles }], app_metadata, user_metadata);
                         a user already there (same connection and email) is left as it is
  --no-test-users        do not add the documented local test users. By default they are added (once):
                           admin@example.com      Tangerine-Orbit-41  role admin; organization acme (org-admin)
                           user@example.com       Harbor-Lantern-27   role user; organization globex
                           suspended@example.com  Quiet-Meadow-63     blocked
                         all in Username-Password-Authentication; throwaway passwords of this offline
                         tenant only. Roles and organizations are matched by name at login.
  --rate-limit           enforce Auth0's rate limits: a tenant-wide bucket of this many requests per
                         second (as burst and sustained rate) plus Auth0's tighter per-group buckets
                         (organizations, ...); answers carry x-ratelimit-* headers, an empty bucket
                         answers 429 with Retry-After (default: no limit, no headers)
  --latency-ms           add this many milliseconds to every API answer
  --rate-limit-ratio     share (0..1) of API requests answered 429 with Retry-After
  --retry-after          seconds in the Retry-After header of those answers (default 1)
  --server-error-ratio   share (0..1) of API requests answered 503
  --drop-ratio           share (0..1) of API requests whose connection is dropped
  --fault-seed           a whole number: the same requests meet the same faults on every run
  --help                 show this help

Request counts: GET /__local/requests (DELETE resets). What each Action did in the last 50 logins:
GET /__local/logins[?user=<email>] (newest first; npm run login prints its login's). Log events received: GET /__local/log-stream/events
(DELETE clears). Faults at runtime: PUT /__local/faults with JSON
like {"latencyMs": 50, "rateLimitRatio": 0.1}. All of /__local/ needs "Authorization: Bearer $LOCAL_TENANT_CONTROL_TOKEN".

Stand-ins for the services the tenant calls, on the same port (they accept only what was deployed):
  /legacy/       the legacy user store (LEGACY_API_URL https://127.0.0.1:<port>/legacy), token: the
                 LEGACY_API_TOKEN of the connection pointing here. Seeded user legacy@example.com,
                 password Migrate2Auth0 (throwaway; not in Auth0 until a first login migrates it).
                 PUT /__local/legacy-store {"users": [...], "outage": "down" | "slow" | null};
                 GET /__local/legacy-store/requests (DELETE clears): method, path, email asked for.
  /user-sync     the user-sync backend (USER_SYNC_URL), token: the deployed user-sync Action's
                 USER_SYNC_TOKEN. GET /__local/user-sync/requests (DELETE clears);
                 PUT /__local/user-sync {"outage": "down" | "hang" | null}.
  /stand-in/idp/<connection>/authorize   the social identity provider's sign-in page ("with Google").
`;

interface Options {
  port: number;
  logStreamPort: number | undefined;
  stateFile: string;
  reset: boolean;
  faults: Faults;
  rateLimit: number | undefined;
  seedUsers: SeedUser[];
}

function number(name: string, raw: string | undefined, check: (value: number) => boolean, what: string) {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !check(value)) throw new UsageError(`--${name} must be ${what}, not "${raw}"`);
  return value;
}

const isRatio = (value: number) => value >= 0 && value <= 1;
const isWhole = (value: number) => Number.isInteger(value) && value >= 0;

function parseOptions(argv: string[]): Options | 'help' {
  const values = parseOptionValues(argv, {
    port: { type: 'string' },
    'log-stream-port': { type: 'string' },
    state: { type: 'string' },
    reset: { type: 'boolean' },
    'seed-users': { type: 'string' },
    'no-test-users': { type: 'boolean' },
    'rate-limit': { type: 'string' },
    'latency-ms': { type: 'string' },
    'rate-limit-ratio': { type: 'string' },
    'retry-after': { type: 'string' },
    'server-error-ratio': { type: 'string' },
    'drop-ratio': { type: 'string' },
    'fault-seed': { type: 'string' },
    help: { type: 'boolean' },
  });
  if (values.help) return 'help';
  const text = (name: string) => values[name] as string | undefined;
  const isPort = (value: number) => isWhole(value) && value <= 65535;
  const port = number('port', text('port'), isPort, 'a port number from 0 to 65535');
  const logStreamPort = number(
    'log-stream-port',
    text('log-stream-port'),
    isPort,
    'a port number from 0 to 65535',
  );
  const faults: Faults = {
    latencyMs: number('latency-ms', text('latency-ms'), isWhole, 'a whole number of milliseconds'),
    rateLimitRatio: number('rate-limit-ratio', text('rate-limit-ratio'), isRatio, 'a number from 0 to 1'),
    retryAfterSeconds: number('retry-after', text('retry-after'), isWhole, 'a whole number of seconds'),
    serverErrorRatio: number(
      'server-error-ratio',
      text('server-error-ratio'),
      isRatio,
      'a number from 0 to 1',
    ),
    dropRatio: number('drop-ratio', text('drop-ratio'), isRatio, 'a number from 0 to 1'),
    seed: number('fault-seed', text('fault-seed'), isWhole, 'a whole number'),
  };
  return {
    port: port ?? DEFAULT_PORT,
    logStreamPort,
    stateFile: text('state') ?? DEFAULT_STATE_FILE,
    reset: values.reset === true,
    seedUsers: [
      ...(values['no-test-users'] === true ? [] : TEST_USERS),
      ...(text('seed-users') !== undefined ? readSeedFile(String(text('seed-users'))) : []),
    ],
    rateLimit: number(
      'rate-limit',
      text('rate-limit'),
      (value) => Number.isInteger(value) && value >= 1,
      'a whole number of requests per second, at least 1',
    ),
    faults: Object.fromEntries(Object.entries(faults).filter(([, value]) => value !== undefined)),
  };
}

async function serve(options: Options): Promise<number> {
  let tenant: Awaited<ReturnType<typeof startLocalTenant>>;
  try {
    const { rateLimit, ...rest } = options;
    tenant = await startLocalTenant({
      ...rest,
      ...(rateLimit ? { rateLimit: { perSecond: rateLimit } } : {}),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      process.stderr.write(
        `error: cannot listen on 127.0.0.1:${options.port} (${code}); pick another with --port\n`,
      );
      return EXIT.problems;
    }
    throw error;
  }
  const lines = {
    ...tenant.env(),
    LOCAL_TENANT_CONTROL_TOKEN: tenant.controlToken,
    LOCAL_TENANT_LOG_STREAM_URL: tenant.logStream.url,
    LOCAL_TENANT_TEST_APP_URL: testAppUrl(tenant.domain),
  };
  for (const [name, value] of Object.entries(lines)) process.stdout.write(`${name}=${value}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await tenant.close();
  return EXIT.ok;
}

runCli(USAGE, parseOptions, serve);
