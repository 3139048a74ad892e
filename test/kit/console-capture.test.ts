import { describe, expect, it, vi } from 'vitest';
import { captureConsole, type LogEntry } from './console-capture';
import { postLogin } from './post-login';

describe('captureConsole', () => {
  it('records each console call as the line it would have printed, by level', async () => {
    const logs: LogEntry[] = [];

    await captureConsole(logs, () => {
      console.log('user %s logged in', 'auth0|123');
      console.warn('slow upstream', { ms: 950 });
      console.error(new Error('boom').message);
    });

    expect(logs).toEqual([
      { level: 'log', message: 'user auth0|123 logged in' },
      { level: 'warn', message: 'slow upstream { ms: 950 }' },
      { level: 'error', message: 'boom' },
    ]);
  });

  it('prints nothing while capturing', async () => {
    const write = vi.spyOn(process.stdout, 'write');

    await captureConsole([], () => console.log('quiet please'));

    expect(write).not.toHaveBeenCalled();
  });

  it('restores the console afterwards, also when the code throws', async () => {
    const original = console.log;

    await expect(
      captureConsole([], () => {
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');

    expect(console.log).toBe(original);
  });

  it('keeps capturing across awaits inside the captured code', async () => {
    const logs: LogEntry[] = [];

    await captureConsole(logs, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      console.info('after the await');
    });

    expect(logs).toEqual([{ level: 'info', message: 'after the await' }]);
  });
});

describe('a login run', () => {
  it('exposes what the handler logged as login.logs', async () => {
    const login = postLogin();

    await login.run((event) => {
      console.log(`login for ${event.user.user_id}`);
    });

    expect(login.logs).toEqual([{ level: 'log', message: 'login for auth0|65f1c0ffee0000000000a1b2' }]);
  });

  it('fails when a secret value is written to the logs, which Auth0 keeps', async () => {
    const login = postLogin({ secrets: { API_TOKEN: 'sk_live_very_secret_value' } });

    const run = login.run((event) => {
      console.log('calling upstream with', event.secrets.API_TOKEN);
    });

    await expect(run).rejects.toThrow(/secret API_TOKEN appears in the console output/);
  });
});
