import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../deploy/workspace';

/** `npm run build` as CI runs it: a child process, its output and its exit code. */
const runBuild = (args: string[]) => runCli('build', args, { NO_COLOR: '1' });

const FIXTURE = 'test/fixtures/bundle/tenant';
let temp: string;
let text: Awaited<ReturnType<typeof runBuild>>;
let json: Awaited<ReturnType<typeof runBuild>>;
let refused: Awaited<ReturnType<typeof runBuild>>;
let checkFailed: Awaited<ReturnType<typeof runBuild>>;
let usage: Awaited<ReturnType<typeof runBuild>>;

beforeAll(async () => {
  temp = mkdtempSync(path.join(os.tmpdir(), 'build-cli-'));
  const foreign = path.join(temp, 'foreign');
  mkdirSync(foreign);
  writeFileSync(path.join(foreign, 'notes.txt'), 'mine\n');
  [text, json, refused, checkFailed, usage] = await Promise.all([
    runBuild(['--env', 'dev', '--dir', FIXTURE, '--out', path.join(temp, 'text')]),
    runBuild(['--env', 'local', '--dir', FIXTURE, '--out', path.join(temp, 'json'), '--format', 'json']),
    runBuild(['--env', 'dev', '--dir', FIXTURE, '--out', foreign, '--format', 'github']),
    runBuild(['--env', 'staging', '--dir', FIXTURE, '--out', path.join(temp, 'staging')]),
    runBuild(['--dir', FIXTURE]),
  ]);
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('npm run build', () => {
  it("prints the check's report, then every file written with its size and required packages", () => {
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('check passed for environment "dev": 0 errors, 2 warnings\n');
    expect(text.stdout).toContain(`build passed for environment "dev": wrote ${path.join(temp, 'text')}/\n`);
    expect(text.stdout).toMatch(/\n {2}actions\/notify-login\.js +\d+\.\d kB {2}requires axios\n/);
    expect(text.stdout).toMatch(/\n {2}databases\/legacy-users\/login\.js +\d+\.\d kB\n/);
    expect(text.stderr).toBe('');
  });

  it('prints one JSON object for tools', () => {
    const report = JSON.parse(json.stdout);

    expect(json.code).toBe(0);
    expect(report).toMatchObject({ env: 'local', ok: true, errors: 0 });
    expect(report.files.map((file: { path: string }) => file.path)).toContain('tenant.yaml');
  });

  it('fails with a GitHub annotation, and touches nothing, when the output folder is not its own', () => {
    const foreign = path.join(temp, 'foreign');

    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(
      `::error file=${foreign.replace(/:/g, '%3A')},line=1,col=1,title=build/out-dir::refusing to write the build: ${foreign} is not empty and was not written by the build`,
    );
  });

  it('stops after the check when the check fails, saying nothing was written', () => {
    expect(checkFailed.code).toBe(1);
    expect(checkFailed.stdout).toContain('files/not-found');
    expect(checkFailed.stdout).toContain('build stopped: the check found errors; nothing was written\n');
  });

  it('explains its usage when --env is missing', () => {
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/^error: --env is required\n\nUsage: npm run build -- --env <environment>/);
  });
});
