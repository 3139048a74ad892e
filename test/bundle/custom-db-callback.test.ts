import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleScript } from '../../scripts/bundle/custom-db-script';
import { readLockfile } from '../../scripts/bundle/lockfile';
import { repoLockfile } from './helpers';

/**
 * The callback contract of the built custom-database function: whatever the async script does, Auth0's
 * callback is called exactly once, and with an Error when the script failed. A script that never calls
 * back holds the login until Auth0 gives up on it.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'custom-db-callback-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

class WrongUsernameOrPasswordError extends Error {}

/** Builds `source` as a login script and calls it once; resolves with every call of the callback. */
async function callBuiltLogin(name: string, source: string): Promise<unknown[][]> {
  const entry = path.join(dir, `${name}.ts`);
  writeFileSync(entry, source);
  const built = await bundleScript(
    { database: 'legacy-users', key: 'login', entry, at: { file: 'tenant.yaml', line: 1, column: 1 } },
    { lockfile: readLockfile(repoLockfile), displayPath: (file) => file },
  );
  expect(built.problems).toEqual([]);
  const globals = {
    configuration: {},
    WrongUsernameOrPasswordError,
    ValidationError: Error,
    UnauthorizedError: Error,
  };
  const login = new Function(...Object.keys(globals), `${built.code}\nreturn login;`)(
    ...Object.values(globals),
  ) as (email: string, password: string, callback: (...args: unknown[]) => void) => void;
  const calls: unknown[][] = [];
  login('jane@example.com', 'secret', (...args) => calls.push(args));
  await new Promise((resolve) => setTimeout(resolve, 20));
  return calls;
}

describe('the built custom-database function calls back exactly once', () => {
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
  ])('with an Error, after %s', async (name, source) => {
    const calls = await callBuiltLogin(name.replaceAll(' ', '-'), source);

    expect(calls).toHaveLength(1);
    expect(calls[0]?.[0]).toBeInstanceOf(Error);
  });

  it('with null and the profile when the script resolves', async () => {
    const calls = await callBuiltLogin(
      'resolves',
      'export default async function login(email: string) { return { user_id: "legacy|1", email }; }',
    );

    expect(calls).toEqual([[null, { user_id: 'legacy|1', email: 'jane@example.com' }]]);
  });
});
