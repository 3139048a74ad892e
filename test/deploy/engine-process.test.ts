import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { engineEnvironment, prestartEngine, takeEngine } from '../../scripts/engine/engine-process.mjs';

/** What a CI job's deploy step has in its environment: the machine's, the credentials, the secrets. */
const JOB_ENVIRONMENT = {
  PATH: '/usr/local/bin:/usr/bin',
  HOME: '/home/runner',
  LANG: 'C.UTF-8',
  NODE_EXTRA_CA_CERTS: '/etc/ssl/corporate-proxy.pem',
  HTTP_PROXY: 'http://proxy.internal:3128',
  CI: 'true',
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
  it('inherits what running Node and reaching the network take, and nothing else', () => {
    expect(engineEnvironment(JOB_ENVIRONMENT)).toEqual({
      PATH: '/usr/local/bin:/usr/bin',
      HOME: '/home/runner',
      LANG: 'C.UTF-8',
      NODE_EXTRA_CA_CERTS: '/etc/ssl/corporate-proxy.pem',
      HTTP_PROXY: 'http://proxy.internal:3128',
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
      expect(environment.HTTP_PROXY).toBe('http://proxy.internal:3128');
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
      // A tenant whose proxy URL carries a password reads it as a secret from HTTP_PROXY.
      process.env = {
        ...saved,
        ...JOB_ENVIRONMENT,
        PATH: saved.PATH ?? '',
        HTTP_PROXY: 'http://ci:pa55@proxy:3128',
      };
      prestartEngine();
      const child = await takeEngine(['AUTH0_CLIENT_SECRET', 'HTTP_PROXY']);
      started.push(child);

      expect(startedWith(child)).not.toHaveProperty('HTTP_PROXY');
      expect(child.connected).toBe(true);
    },
  );
});
