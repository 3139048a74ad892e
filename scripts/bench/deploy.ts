/**
 * Our deploy against a plain `a0deploy import` of the same build, on the local tenant with 50 ms added
 * to every API call: a first deploy into an empty tenant, then a deploy with nothing changed. Wall time
 * (whole command, as a person or CI waits for it) and write calls (from the tenant's request log).
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { makeWorkspace, repoRoot, runCli, startTestTenant, targetEnv } from '../../test/deploy/workspace';
import type { LocalTenant } from '../local-tenant/local-tenant';
import { formatMs, printSection } from './measure';

const LATENCY_MS = 50;

interface Measured {
  ms: number;
  writes: number;
}

async function measure(
  tenant: LocalTenant,
  command: () => Promise<{ code: number | null }>,
): Promise<Measured> {
  tenant.resetRequests();
  const start = performance.now();
  const { code } = await command();
  const ms = performance.now() - start;
  if (code !== 0) throw new Error(`the measured command failed (exit code ${code})`);
  return { ms, writes: tenant.requests().writes };
}

/** `a0deploy import` as its README shows it, with the secrets as keyword mappings in its config file. */
function plainImport(
  tenant: LocalTenant,
  input: string,
  configFile: string,
): Promise<{ code: number | null }> {
  const cli = path.join(repoRoot, 'node_modules', 'auth0-deploy-cli', 'lib', 'index.js');
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [cli, 'import', '--input_file', input, '--config_file', configFile],
      {
        env: { ...process.env, NODE_EXTRA_CA_CERTS: tenant.caFile },
        stdio: 'ignore',
      },
    );
    child.on('close', (code) => resolve({ code }));
  });
}

export async function bench(): Promise<void> {
  const ours = await startTestTenant();
  const plain = await startTestTenant();
  const workspace = await makeWorkspace(ours.domain);
  try {
    ours.setFaults({ latencyMs: LATENCY_MS });
    const args = ['--env', 'local', '--dir', workspace.dir, '--out', workspace.out];
    const run = () => runCli('deploy', args, targetEnv(ours));
    const oursFirst = await measure(ours, run);
    const oursAgain = await measure(ours, run);

    // The same build, pointed at the second tenant: only the domain differs.
    const input = path.join(workspace.out, 'tenant.yaml');
    const plainInput = path.join(workspace.out, 'tenant-plain.yaml');
    await writeFile(plainInput, (await readFile(input, 'utf8')).split(ours.domain).join(plain.domain));
    const local = await readFile(path.join(workspace.dir, 'environments', 'local.yaml'), 'utf8');
    const mappings = Object.fromEntries(
      [...local.matchAll(/^ {2}([A-Z][A-Z0-9_]*): \{ value: (.*) \}$/gm)].map((match) => [
        match[1],
        match[2],
      ]),
    );
    const configFile = path.join(workspace.out, 'a0deploy-config.json');
    await writeFile(
      configFile,
      JSON.stringify({
        AUTH0_DOMAIN: plain.domain,
        AUTH0_CLIENT_ID: plain.clientId,
        AUTH0_CLIENT_SECRET: plain.clientSecret,
        AUTH0_KEYWORD_REPLACE_MAPPINGS: mappings,
        AUTH0_ALLOW_DELETE: false,
      }),
    );
    plain.setFaults({ latencyMs: LATENCY_MS });
    const importIt = () => plainImport(plain, plainInput, configFile);
    const plainFirst = await measure(plain, importIt);
    const plainAgain = await measure(plain, importIt);

    const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? '1.00' : 'n/a') : (a / b).toFixed(2));
    const row = (label: string, m: Measured): [string, string] => [
      label,
      `${formatMs(m.ms)}, ${m.writes} write calls`,
    ];
    printSection(`deploy vs a0deploy import (local tenant, +${LATENCY_MS} ms per call)`, [
      row('ours, first deploy', oursFirst),
      row('a0deploy import, first deploy', plainFirst),
      row('ours, no-change deploy', oursAgain),
      row('a0deploy import, no-change deploy', plainAgain),
      [
        'ours / import, first deploy',
        `time ${ratio(oursFirst.ms, plainFirst.ms)}, writes ${ratio(oursFirst.writes, plainFirst.writes)}`,
      ],
      [
        'ours / import, no-change deploy',
        `time ${ratio(oursAgain.ms, plainAgain.ms)}, writes ${ratio(oursAgain.writes, plainAgain.writes)}`,
      ],
    ]);
  } finally {
    await ours.close();
    await plain.close();
    await workspace.remove();
  }
}
