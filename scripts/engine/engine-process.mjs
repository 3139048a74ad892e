/**
 * The engine process (engine-child.ts) as a process: the environment it gets, and one started ahead.
 *
 * Loading deploy-cli and the auth0 SDK takes the engine about 0.7 s. The launcher starts it before the
 * command has loaded (`prestartEngine`), so that it loads while the command loads, checks and builds the
 * tenant; the command takes it when it needs it (`takeEngine`), or starts one then.
 *
 * An engine started that early cannot know where the tenant's secrets are read from. So no engine ever
 * inherits the command's environment: it gets only what running Node and reaching the network take
 * (INHERITED), never the credentials or a secret's variable. Credentials and secret values come over IPC.
 *
 * Plain JavaScript, and kept out of the commands' bundles (launch.mjs): the launcher and the command must
 * share this module's one started engine.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bundledEntry } from '../cli/launch.mjs';

const ENTRY = fileURLToPath(new URL('./engine-child.ts', import.meta.url));

/**
 * What the engine inherits: where programs and temporary files are, the locale, Node's own options and
 * certificate stores, and the proxy deploy-cli sends its calls through (HTTP_PROXY, read as it loads).
 */
const INHERITED =
  /^(PATH|PATHEXT|HOME|USERPROFILE|TMPDIR|TMP|TEMP|LANG|LC_[A-Z_]+|TZ|SYSTEMROOT|WINDIR|COMSPEC|NODE_OPTIONS|NODE_EXTRA_CA_CERTS|NODE_TLS_REJECT_UNAUTHORIZED|SSL_CERT_FILE|SSL_CERT_DIR|HTTPS?_PROXY|NO_PROXY)$/i;

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
  if (early) {
    const names = new Set(excluded.map((name) => name.toUpperCase()));
    const clean = Object.keys(early.env).every((name) => !names.has(name.toUpperCase()));
    if (clean && early.child.exitCode === null && early.child.signalCode === null && early.child.connected) {
      for (const handle of handlesOf(early.child)) handle?.ref();
      return early.child;
    }
    early.child.kill();
  }
  const env = engineEnvironment(process.env);
  for (const name of excluded) delete env[name];
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
