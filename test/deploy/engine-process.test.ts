import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { engineEnvironment, prestartEngine, takeEngine } from '../../scripts/engine/engine-process.mjs';

/** What a CI job's deploy step has in its environment: the machine's, the credentials, the secrets. */
const JOB_ENVIRONMENT = {
  PATH: '/usr/local/bin:/usr/bin',
  HOME: '/home/runner',
  LANG: 'C.UTF-8',
  LC_ALL: 'C.UTF-8',
  NODE_EXTRA_CA_CERTS: '/etc/ssl/corporate-ca.pem',
  CI: 'true',
  // A secret named like a locale variable: LC_ alone is not enough to be inherited.
  LC_API_KEY: 'livechat-api-key',
  GITHUB_TOKEN: 'ghs_exampletoken0000',
  AUTH0_DOMAIN: 'example.eu.auth0.com',
  AUTH0_CLIENT_ID: 'deploy-client',
  AUTH0_CLIENT_SECRET: 'deploy-client-secret',
  AUTH0_RATE_SHARE: '0.5',
  GOOGLE_OAUTH_CLIENT_SECRET: 'google-secret',
};

/** The environment a process started with (Linux keeps it in /proc). */
function startedWith(child: ChildProcess): Record<string, string> {
  const raw = readFileSync(`/proc/${child.pid}/environ`, 'utf8');
  return Object.fromEntries(
    raw
      .split('\0')
      .filter(Boolean)
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
}

const started: ChildProcess[] = [];
const saved = { ...process.env };
afterEach(async () => {
  process.env = { ...saved };
  await Promise.all(
    started.splice(0).map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve(undefined);
          child.once('exit', resolve);
          child.kill();
        }),
    ),
  );
});

describe('the engine process (scripts/engine/engine-process.mjs)', () => {
  it('inherits what running Node takes, and nothing else', () => {
    expect(engineEnvironment(JOB_ENVIRONMENT)).toEqual({
      PATH: '/usr/local/bin:/usr/bin',
      HOME: '/home/runner',
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      NODE_EXTRA_CA_CERTS: '/etc/ssl/corporate-ca.pem',
    });
  });

  it.skipIf(process.platform !== 'linux')(
    'started ahead of the command, holds neither the credentials nor a secret',
    async () => {
      process.env = { ...saved, ...JOB_ENVIRONMENT, PATH: saved.PATH ?? '' };
      prestartEngine();
      const child = await takeEngine(['AUTH0_CLIENT_SECRET', 'GOOGLE_OAUTH_CLIENT_SECRET']);
      started.push(child);

      const environment = startedWith(child);
      expect(environment.NODE_EXTRA_CA_CERTS).toBe('/etc/ssl/corporate-ca.pem');
      for (const name of [
        'AUTH0_CLIENT_SECRET',
        'AUTH0_CLIENT_ID',
        'GOOGLE_OAUTH_CLIENT_SECRET',
        'GITHUB_TOKEN',
      ]) {
        expect(environment).not.toHaveProperty(name);
      }
      expect(Object.values(environment)).not.toContain('deploy-client-secret');
    },
  );

  it.skipIf(process.platform !== 'linux')(
    'is started again without it when a secret is read from a variable it inherited',
    async () => {
      // An odd name for a secret's variable, but nothing stops it; a shell may also set it in lower case.
      process.env = {
        ...saved,
        ...JOB_ENVIRONMENT,
        PATH: saved.PATH ?? '',
        TZ: 'tz-secret',
        tz: 'tz-secret',
      };
      prestartEngine();
      const child = await takeEngine(['AUTH0_CLIENT_SECRET', 'TZ']);
      started.push(child);

      const environment = startedWith(child);
      expect(environment).not.toHaveProperty('TZ');
      expect(environment).not.toHaveProperty('tz');
      expect(child.connected).toBe(true);
    },
  );
});
