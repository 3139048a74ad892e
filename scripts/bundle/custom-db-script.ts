import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Script } from 'node:vm';
import { type Problem, problemAt, type SourcePosition } from '../tenant/problem';
import { bundle, isVerbatim } from './bundle';
import { callbackWrapperSource } from './custom-db-wrapper';
import type { Lockfile } from './lockfile';

interface ScriptSignature {
  name: string;
  parameters: readonly string[];
}

/**
 * The function Auth0 runs for each script of a custom database (`options.customScripts.<key>`): its name
 * and parameters, as in Auth0's own templates (recorded Management API traffic: `get_user` is
 * `getByEmail`, `delete` is `remove` since `delete` is a reserved word).
 */
export const CUSTOM_DB_FUNCTIONS: Readonly<Record<string, ScriptSignature>> = {
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
 * the promise is adapted to the callback by the wrapper in `custom-db-wrapper.ts`, the one the test kit runs.
 */
export async function bundleScript(
  script: ScriptSource,
  context: { lockfile: Lockfile; displayPath: (absolutePath: string) => string },
): Promise<BundledScript> {
  const { owner, where } = namesOf(script);
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
  if (isVerbatim(script.entry)) return verbatimScript(script, signature, context.displayPath);
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
  const code = callbackWrapperSource({ ...signature, source, moduleCode: result.code });
  // A syntax error here is a bug in the wrapper, not in the script: esbuild already parsed the script.
  new Script(code, { filename: source });
  return { code, problems: result.problems };
}

/** How problems name a script: `legacy-users/login`, and where tenant.yaml holds it. */
function namesOf(script: ScriptSource): { owner: string; where: { path: string } } {
  return {
    owner: `${script.database}/${script.key}`,
    where: { path: `databases[${script.database}].options.customScripts.${script.key}` },
  };
}

/**
 * A script kept as Auth0 ran it (`.cjs`, written by `npm run adopt`): already the named function Auth0
 * stores, so it is deployed as it is, once it parses and declares that function.
 */
function verbatimScript(
  script: ScriptSource,
  signature: ScriptSignature,
  displayPath: (absolutePath: string) => string,
): BundledScript {
  const { owner, where } = namesOf(script);
  const file = displayPath(script.entry);
  const code = readFileSync(script.entry, 'utf8');
  try {
    new Script(code, { filename: file });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      code: undefined,
      problems: [
        problemAt(script.at, {
          ...where,
          rule: 'build/script-syntax',
          message: `custom-database script ${owner} (${file}) does not parse: ${message}`,
          hint: 'fix the JavaScript; Auth0 runs the file as one function declaration',
        }),
      ],
    };
  }
  // Auth0 stores one function; its name is the author's (its templates say `getByEmail` for get_user).
  if (!/^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(?:async\s+)?function\b/.test(code)) {
    return {
      code: undefined,
      problems: [
        problemAt(script.at, {
          ...where,
          rule: 'build/missing-function',
          message: `custom-database script ${owner} (${file}) is not one function declaration`,
          hint: `Auth0 calls \`function ${signature.name}(${[...signature.parameters, 'callback'].join(', ')})\``,
        }),
      ],
    };
  }
  return { code, problems: [] };
}
