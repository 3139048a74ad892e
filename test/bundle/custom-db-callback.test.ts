import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { transformSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleScript } from '../../scripts/bundle/custom-db-script';
import { readLockfile } from '../../scripts/bundle/lockfile';
import {
  type AsyncScriptFunction,
  WrongUsernameOrPasswordError as KitWrongUsernameOrPasswordError,
  runAsyncScript,
} from '../kit';
import { repoLockfile } from './helpers';

/**
 * The callback contract of the function Auth0 runs for an async custom-database script: whatever the script
 * does, Auth0's callback is called exactly once, and with an Error when the script failed. A script that
 * never calls back holds the login until Auth0 gives up on it. Every story runs twice: through the built
 * file, and through the test kit's `runAsyncScript`, which must behave as the built file does.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'custom-db-callback-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

class WrongUsernameOrPasswordError extends Error {}

interface Sandbox {
  /** Runs `source` (a module whose default export is an async login script) as `login('jane@example.com',
   * 'secret', callback)` once; resolves with every call of the callback. */
  login(name: string, source: string, configuration?: Record<string, string>): Promise<unknown[][]>;
  /** The sandbox's `WrongUsernameOrPasswordError` global. */
  WrongUsernameOrPasswordError: abstract new (
    ...args: never[]
  ) => Error;
}

/** The built file, evaluated with Auth0's globals in scope, its callback recorded. */
const built: Sandbox = {
  async login(name, source, configuration = {}) {
    const entry = path.join(dir, `${name}.ts`);
    writeFileSync(entry, source);
    const result = await bundleScript(
      { database: 'legacy-users', key: 'login', entry, at: { file: 'tenant.yaml', line: 1, column: 1 } },
      { lockfile: readLockfile(repoLockfile), displayPath: (file) => file },
    );
    expect(result.problems).toEqual([]);
    const globals = {
      configuration,
      WrongUsernameOrPasswordError,
      ValidationError: Error,
      UnauthorizedError: Error,
    };
    const login = new Function(...Object.keys(globals), `${result.code}\nreturn login;`)(
      ...Object.values(globals),
    ) as (email: string, password: string, callback: (...args: unknown[]) => void) => void;
    const calls: unknown[][] = [];
    login('jane@example.com', 'secret', (...args) => calls.push(args));
    await new Promise((resolve) => setTimeout(resolve, 20));
    return calls;
  },
  WrongUsernameOrPasswordError,
};

/** The test kit: the module's default export, as a unit test imports it, through `runAsyncScript`. */
const kit: Sandbox = {
  async login(_name, source, configuration = {}) {
    const module = { exports: {} as { default?: AsyncScriptFunction } };
    new Function('module', 'exports', transformSync(source, { loader: 'ts', format: 'cjs' }).code)(
      module,
      module.exports,
    );
    if (!module.exports.default) throw new Error('the story has no default export');
    // The kit fails on anything but exactly one call with null or an Error first.
    const outcome = await runAsyncScript(module.exports.default, ['jane@example.com', 'secret'], {
      configuration,
      timeoutMs: 500,
    });
    return [[outcome.error, ...outcome.results]];
  },
  WrongUsernameOrPasswordError: KitWrongUsernameOrPasswordError,
};

describe.each([
  ['the built custom-database function', built],
  ["the test kit's runAsyncScript", kit],
])('%s calls back exactly once', (_where, sandbox) => {
  it.each([
    [
      'a synchronous throw',
      'export default function login(): Promise<unknown> { throw new TypeError("boom"); }',
    ],
    ['a rejected string', 'export default async function login(): Promise<unknown> { throw "store down"; }'],
    [
      'a rejected object without a prototype',
      'export default async function login(): Promise<unknown> { throw Object.create(null); }',
    ],
    [
      'a rejected object whose toString throws',
      'export default async function login(): Promise<unknown> { throw { toString() { throw new Error("no"); } }; }',
    ],
    [
      'a module whose default export is not a function',
      'export default { login: async () => ({ user_id: "legacy|1" }) };',
    ],
  ])('with an Error, after %s', async (name, source) => {
    const calls = await sandbox.login(name.replaceAll(' ', '-'), source);

    expect(calls).toHaveLength(1);
    expect(calls[0]?.[0]).toBeInstanceOf(Error);
  });

  it('with an Error carrying the message of a rejected string', async () => {
    const calls = await sandbox.login(
      'rejected-message',
      'export default async function login(): Promise<unknown> { throw "store down"; }',
    );

    expect(calls).toEqual([[new Error('store down')]]);
  });

  it("with the sandbox's own WrongUsernameOrPasswordError, from context.errors, as thrown", async () => {
    const calls = await sandbox.login(
      'wrong-password',
      `export default async function login(email: string, _password: string, { errors }: any) {
        throw new errors.WrongUsernameOrPasswordError(email);
      }`,
    );

    expect(calls).toHaveLength(1);
    expect(calls[0]?.[0]).toBeInstanceOf(sandbox.WrongUsernameOrPasswordError);
  });

  it('with null and the profile when the script resolves', async () => {
    const calls = await sandbox.login(
      'resolves',
      'export default async function login(email: string) { return { user_id: "legacy|1", email }; }',
    );

    expect(calls).toEqual([[null, { user_id: 'legacy|1', email: 'jane@example.com' }]]);
  });

  it.each([
    ['null', 'null'],
    ['undefined', 'undefined'],
  ])('with null alone when the script resolves with %s', async (name, value) => {
    const calls = await sandbox.login(
      `resolves-${name}`,
      `export default async function login(): Promise<unknown> { return ${value}; }`,
    );

    expect(calls).toEqual([[null]]);
  });

  it("with what the script read from the sandbox's configuration", async () => {
    const calls = await sandbox.login(
      'configuration',
      `export default async function login(email: string, _password: string, { configuration }: any) {
        return { user_id: configuration.ID_PREFIX + '1', email };
      }`,
      { ID_PREFIX: 'legacy|' },
    );

    expect(calls).toEqual([[null, { user_id: 'legacy|1', email: 'jane@example.com' }]]);
  });
});
