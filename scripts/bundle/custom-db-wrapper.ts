/**
 * The callback-style function Auth0 runs for a custom-database script (`function login(email, password,
 * callback) {...}`), wrapped around our async script. This is the only copy: the build emits it around the
 * bundled script (`custom-db-script.ts`), and the test kit emits it around the script under test
 * (`test/kit/custom-database.ts`), so a test of the kit is a test of what Auth0 runs.
 *
 * What it does: evaluates the module, calls its default export with the arguments and a context built from
 * Auth0's sandbox globals (`configuration` and the error classes), and calls back exactly once: with
 * `null` (and the value, unless it is `null`/`undefined`) when the script resolves, and with an `Error` when
 * it throws or rejects, whatever it threw.
 *
 * Plain data in, JavaScript source out: no Node APIs, so the kit can import it.
 */

/** The error classes Auth0's sandbox provides as globals; the script gets them as `context.errors`. */
export const SANDBOX_ERROR_NAMES = [
  'WrongUsernameOrPasswordError',
  'ValidationError',
  'UnauthorizedError',
] as const;

/** Every sandbox global the wrapper reads. */
export const SANDBOX_GLOBAL_NAMES = ['configuration', ...SANDBOX_ERROR_NAMES] as const;

export interface CallbackWrapperParts {
  /** The function's name: `login`, `getByEmail`, ... */
  name: string;
  /** The script's own parameters, in order; the wrapper adds `callback` after them. */
  parameters: readonly string[];
  /** Where the async script comes from (`actions/.../login.ts`), for the reader and for messages. */
  source: string;
  /** CommonJS module code whose `module.exports.default` is the async script. */
  moduleCode: string;
}

/** The wrapper's source: one named function declaration, as Auth0 stores a script. */
export function callbackWrapperSource({
  name,
  parameters,
  source,
  moduleCode,
}: CallbackWrapperParts): string {
  return `function ${name}(${[...parameters, 'callback'].join(', ')}) {
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
      errors: { ${SANDBOX_ERROR_NAMES.join(', ')} },
    };
    resolve(script(${[...parameters, 'context'].join(', ')}));
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
}
