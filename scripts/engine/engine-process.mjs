/**
 * The engine process (engine-child.ts) as a process: the environment it gets, and one started ahead.
 *
 * Loading deploy-cli and the auth0 SDK takes the engine about 0.7 s. The launcher starts it before the
 * command has loaded (`prestartEngine`), so that it loads while the command loads, checks and builds the
 * tenant; the command takes it when it needs it (`takeEngine`), or starts one then.
 *
 * An engine started that early cannot know where the tenant's secrets are read from. So no engine ever
 * inherits the command's environment: it gets only what running Node and trusting the tenant's certificate
 * take (INHERITED), never the credentials or a secret's variable. Credentials and secret values come over IPC,
 * and so does the local tenant's CA certificate.
 *
 * Plain JavaScript, and kept out of the commands' bundles (launch.mjs): the launcher and the command must
 * share this module's one started engine.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bundledEntry } from '../cli/launch.mjs';

const ENTRY = fileURLToPath(new URL('./engine-child.ts', import.meta.url));

/**
 * What the engine inherits: where programs, libraries and temporary files are, the locale, and Node's own
 * options, ICU data, OpenSSL configuration and certificate stores. No proxy: the engine's calls go to the
 * tenant directly, as they did before (deploy-cli sets its proxy only in its own command line).
 */
const INHERITED =
  /^(PATH|PATHEXT|HOME|USERPROFILE|TMPDIR|TMP|TEMP|LD_LIBRARY_PATH|SYSTEMROOT|WINDIR|COMSPEC|LANG|LANGUAGE|LC_(ALL|CTYPE|MESSAGES|COLLATE|NUMERIC|TIME|MONETARY)|TZ|NODE_OPTIONS|NODE_ICU_DATA|NODE_EXTRA_CA_CERTS|NODE_TLS_REJECT_UNAUTHORIZED|SSL_CERT_FILE|SSL_CERT_DIR|OPENSSL_CONF|OPENSSL_MODULES)$/i;

/**
 * The engine's environment: the inherited variables of `env`.
 * @param {Readonly<Record<string, string | undefined>>} env
 * @returns {Record<string, string>}
 */
export function engineEnvironment(env) {
  /** @type {Record<string, string>} */
  const kept = {};
  for (const [name, value] of Object.entries(env))
    if (value !== undefined && INHERITED.test(name)) kept[name] = value;
  return kept;
}

/** @typedef {import('node:child_process').ChildProcess} ChildProcess */
/** @typedef {{ child: ChildProcess, env: Record<string, string> }} Started */

/** @type {Promise<Started> | undefined} */
let ahead;

/** Starts the engine now, for the command to take: it is not waited for until then. */
export function prestartEngine() {
  ahead ??= forkEngine().then((started) => {
    // A command that ends without it (--help, a mistake in the tenant) exits as if it had not started;
    // the engine leaves when its channel closes.
    for (const handle of handlesOf(started.child)) handle?.unref();
    return started;
  });
  // A failed early start is not the command's failure: `takeEngine` starts one again and reports that.
  ahead.catch(() => undefined);
}

/**
 * The engine started ahead, if it is still running and inherited none of `excluded` (the credentials'
 * and the secrets' variables), else a new one.
 * @param {readonly string[]} excluded
 * @returns {Promise<ChildProcess>}
 */
export async function takeEngine(excluded) {
  const early = ahead ? await ahead.catch(() => undefined) : undefined;
  ahead = undefined;
  // In any case: Windows has one variable for `Path` and `PATH`, and a shell may set `tz` beside `TZ`.
  const names = new Set(excluded.map((name) => name.toUpperCase()));
  const allowed = (/** @type {string} */ name) => !names.has(name.toUpperCase());
  if (early) {
    const clean = Object.keys(early.env).every(allowed);
    if (clean && early.child.exitCode === null && early.child.signalCode === null && early.child.connected) {
      for (const handle of handlesOf(early.child)) handle?.ref();
      return early.child;
    }
    early.child.kill();
  }
  const env = Object.fromEntries(
    Object.entries(engineEnvironment(process.env)).filter(([name]) => allowed(name)),
  );
  return (await forkEngine(env)).child;
}

/** @param {Record<string, string>} env @returns {Promise<Started>} */
async function forkEngine(env = engineEnvironment(process.env)) {
  const child = fork(await bundledEntry(ENTRY), [], {
    execArgv: [],
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  return { child, env };
}

/** @param {ChildProcess} child */
function handlesOf(child) {
  return [child, child.channel, child.stdout, child.stderr];
}
