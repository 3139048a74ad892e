import { describe, expect, it } from 'vitest';
import type {
  AsyncGetUserScript,
  AsyncLoginScript,
  CustomDatabaseProfile,
  LoginScript,
} from '../../actions/types/custom-database';
import {
  UnauthorizedError,
  ValidationError,
  WrongUsernameOrPasswordError,
} from '../../scripts/action-api/custom-database-errors';
import {
  type AsyncScriptFunction,
  CallbackContractError,
  runAsyncScript,
  runCallbackScript,
} from './custom-database';

const JANE: CustomDatabaseProfile = {
  user_id: 'legacy|1001',
  email: 'jane@example.com',
  email_verified: true,
};
const configuration = { LEGACY_API_URL: 'https://legacy.example.com' };

const login: AsyncLoginScript = async (email, password, { configuration, errors }) => {
  if (!configuration.LEGACY_API_URL) throw new errors.UnauthorizedError('legacy store not configured');
  if (email !== JANE.email) throw new errors.WrongUsernameOrPasswordError(email);
  if (password !== 'correct horse')
    throw new errors.WrongUsernameOrPasswordError(JANE.user_id, 'Wrong password.');
  return JANE;
};

const getUser: AsyncGetUserScript = async (email) => (email === JANE.email ? JANE : null);

describe('runAsyncScript (our async scripts, adapted as the build adapts them)', () => {
  it('calls back with the profile when the script resolves with one', async () => {
    const result = await runAsyncScript(login, ['jane@example.com', 'correct horse'], { configuration });

    expect(result.error).toBeNull();
    expect(result.value).toEqual(JANE);
  });

  it('calls back with the error class the script threw, from the sandbox globals', async () => {
    const result = await runAsyncScript(login, ['jane@example.com', 'wrong'], { configuration });

    expect(result.error).toBeInstanceOf(WrongUsernameOrPasswordError);
    expect(result.error).toMatchObject({
      name: 'WrongUsernameOrPasswordError',
      emailOrUserId: 'legacy|1001',
    });
  });

  it('gives the script the configuration of the run', async () => {
    const result = await runAsyncScript(login, ['jane@example.com', 'correct horse'], { configuration: {} });

    expect(result.error).toBeInstanceOf(UnauthorizedError);
  });

  it('calls back with nothing when get_user resolves with null (user not found)', async () => {
    const found = await runAsyncScript(getUser, ['jane@example.com']);
    const notFound = await runAsyncScript(getUser, ['nobody@example.com']);

    expect(found.results).toEqual([JANE]);
    expect(notFound).toMatchObject({ error: null, results: [] });
  });

  it('calls back with the error of a script that throws before it returns a promise', async () => {
    const throwsAtOnce = ((email: string) => {
      throw new Error(`no store configured for ${email}`);
    }) as unknown as AsyncScriptFunction;

    const result = await runAsyncScript(throwsAtOnce, ['jane@example.com']);

    expect(result.error?.message).toBe('no store configured for jane@example.com');
  });

  it('wraps a rejection that is not an Error', async () => {
    const result = await runAsyncScript(async () => Promise.reject('legacy store timeout'), ['x']);

    expect(result.error).toEqual(new Error('legacy store timeout'));
  });

  it('captures console output instead of printing it', async () => {
    const noisy = async (email: string) => {
      console.log('looking up', email);
      return null;
    };

    const result = await runAsyncScript(noisy, ['jane@example.com']);

    expect(result.logs).toEqual([{ level: 'log', message: 'looking up jane@example.com' }]);
  });
});

describe('runCallbackScript (the form Auth0 runs)', () => {
  it('runs a callback-style function with the sandbox globals in scope, and removes them after', async () => {
    const createUser = (user: { email: string }, callback: (error: Error | null) => void) => {
      const sandbox = globalThis as unknown as { ValidationError: typeof ValidationError };
      callback(new sandbox.ValidationError('user_exists', `${user.email} is taken`));
    };

    const result = await runCallbackScript(createUser, [{ email: 'jane@example.com' }]);

    expect(result.error).toBeInstanceOf(ValidationError);
    expect(result.error).toMatchObject({ code: 'user_exists', message: 'jane@example.com is taken' });
    expect(globalThis).not.toHaveProperty('ValidationError');
  });

  it('runs a script source as Auth0 stores it, with configuration and error classes as globals', async () => {
    const source = `function login(email, password, callback) {
      if (password !== configuration.MASTER) return callback(new WrongUsernameOrPasswordError(email, 'nope'));
      setTimeout(() => callback(null, { user_id: 'legacy|7', email: email }), 5);
    }`;

    const ok = await runCallbackScript({ source }, ['a@example.com', 's3cret'], {
      configuration: { MASTER: 's3cret' },
    });
    const wrong = await runCallbackScript({ source }, ['a@example.com', 'guess'], {
      configuration: { MASTER: 's3cret' },
    });

    expect(ok.value).toEqual({ user_id: 'legacy|7', email: 'a@example.com' });
    expect(wrong.error).toBeInstanceOf(WrongUsernameOrPasswordError);
  });

  it('runs an anonymous function source too', async () => {
    const result = await runCallbackScript(
      { source: 'function (email, callback) { callback(null, true); }' },
      ['a@b.c'],
    );

    expect(result.value).toBe(true);
  });

  it('fails when the callback is called twice', async () => {
    const twice: LoginScript = (_email, _password, callback) => {
      callback(null, JANE);
      setTimeout(() => callback(new Error('late failure')), 1);
    };

    await expect(runCallbackScript(twice, ['a', 'b'])).rejects.toThrow(/called 2 times/);
  });

  it('fails when the callback is never called', async () => {
    const forgetful: LoginScript = () => {};

    await expect(runCallbackScript(forgetful, ['a', 'b'], { timeoutMs: 50 })).rejects.toThrow(
      new CallbackContractError('the callback was not called within 50 ms'),
    );
  });

  it('fails when the script throws instead of calling back', async () => {
    const throwing: LoginScript = () => {
      throw new Error('db driver missing');
    };

    await expect(runCallbackScript(throwing, ['a', 'b'])).rejects.toThrow(
      /threw instead of calling back.*db driver missing/,
    );
  });

  it('fails when the callback gets something other than null or an Error first', async () => {
    const sloppy = (_email: string, callback: (error: unknown) => void) => callback('not found');

    await expect(runCallbackScript(sloppy, ['a'])).rejects.toThrow(
      /must be null or an Error, got "not found"/,
    );
  });
});
