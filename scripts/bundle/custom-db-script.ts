import path from 'node:path';
import { Script } from 'node:vm';
import { type Problem, problemAt, type SourcePosition } from '../tenant/problem';
import { bundle } from './bundle';
import type { Lockfile } from './lockfile';

/**
 * The function Auth0 runs for each script of a custom database (`options.customScripts.<key>`): its name
 * and parameters, as in Auth0's own templates (recorded Management API traffic: `get_user` is
 * `getByEmail`, `delete` is `remove` since `delete` is a reserved word).
 */
export const CUSTOM_DB_FUNCTIONS: Readonly<Record<string, { name: string; parameters: readonly string[] }>> =
  {
    login: { name: 'login', parameters: ['email', 'password'] },
    get_user: { name: 'getByEmail', parameters: ['email'] },
    create: { name: 'create', parameters: ['user'] },
    verify: { name: 'verify', parameters: ['email'] },
    change_password: { name: 'changePassword', parameters: ['email', 'newPassword'] },
    delete: { name: 'remove', parameters: ['id'] },
    change_email: { name: 'changeEmail', parameters: ['email', 'newEmail', 'verified'] },
  };

/** Custom-database scripts run in Auth0's extensibility sandbox, which may still be on Node 18. */
export const SCRIPT_TARGET = 'node18';

export interface ScriptSource {
  /** The connection's name, for messages. */
  database: string;
  /** `login`, `get_user`, ... */
  key: string;
  /** Absolute path of the async TypeScript script (default export). */
  entry: string;
  /** Where tenant.yaml names the script, for problems about it as a whole. */
  at: SourcePosition;
}

export interface BundledScript {
  code: string | undefined;
  problems: Problem[];
}

/**
 * The single named function declaration Auth0 requires (`function login(email, password, callback) {...}`),
 * built from our async script: the bundle is evaluated inside the function, its default export is called
 * with the arguments and a context built from Auth0's globals (`configuration` and the error classes), and
 * the promise is adapted to the callback exactly as `toCallbackScript` in test/kit does.
 */
export async function bundleScript(
  script: ScriptSource,
  context: { lockfile: Lockfile; displayPath: (absolutePath: string) => string },
): Promise<BundledScript> {
  const owner = `${script.database}/${script.key}`;
  const where = { path: `databases[${script.database}].options.customScripts.${script.key}` };
  const signature = CUSTOM_DB_FUNCTIONS[script.key];
  if (!signature) {
    const problem = problemAt(script.at, {
      ...where,
      rule: 'build/unknown-script',
      message: `custom-database script "${script.key}" is not one Auth0 runs`,
      hint: `use one of ${Object.keys(CUSTOM_DB_FUNCTIONS).join(', ')}`,
    });
    return { code: undefined, problems: [problem] };
  }
  const result = await bundle({
    entry: script.entry,
    target: SCRIPT_TARGET,
    policy: { kind: 'custom-db-script', owner },
    lockfile: context.lockfile,
    displayPath: context.displayPath,
  });
  if (result.code === undefined) return { code: undefined, problems: result.problems };
  const source = path.relative(context.lockfile.root, script.entry).split(path.sep).join('/');
  if (!result.exports.includes('default')) {
    const problem = problemAt(script.at, {
      ...where,
      rule: 'build/missing-default-export',
      message: `custom-database script ${owner} (${source}) has no default export`,
      hint: 'export the async script as the default: `export default login;`',
    });
    return { code: undefined, problems: [...result.problems, problem] };
  }
  return { code: callbackFunction(signature, source, result.code), problems: result.problems };
}

function callbackFunction(
  signature: { name: string; parameters: readonly string[] },
  source: string,
  moduleCode: string,
): string {
  const args = signature.parameters.join(', ');
  const code = `function ${signature.name}(${args}, callback) {
  // Built by \`npm run build\` from ${source}; edit that file, not this one.
  new Promise((resolve) => {
    const module = { exports: {} };
    (function (module, exports) {
${moduleCode.trimEnd()}
    })(module, module.exports);
    const script = module.exports.default;
    if (typeof script !== 'function') {
      throw new TypeError(${JSON.stringify(`${source} has no default-exported function`)});
    }
    const context = {
      configuration,
      errors: { WrongUsernameOrPasswordError, ValidationError, UnauthorizedError },
    };
    resolve(script(${args}, context));
  }).then(
    (result) => (result === null || result === undefined ? callback(null) : callback(null, result)),
    (error) => {
      // String() itself throws for a null-prototype object; the callback must still be called.
      let message;
      try {
        message = String(error);
      } catch {
        message = 'the script failed with a value that is not an Error';
      }
      callback(error instanceof Error ? error : new Error(message));
    },
  );
}
`;
  // A syntax error here is a bug in this adapter, not in the script: esbuild already parsed the script.
  new Script(code, { filename: source });
  return code;
}
