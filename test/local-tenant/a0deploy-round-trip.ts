/** `a0deploy import` then `a0deploy export`, as a user types them, against a local tenant of their own. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { type LocalTenant, startLocalTenant } from '../../scripts/local-tenant';
import {
  type ExportedTenant,
  engineConfig,
  type ProcessResult,
  readExport,
  repoRoot,
  runNode,
} from './engine';
import type { DeployableTenant } from './our-tenant';

export interface RoundTrip {
  built: DeployableTenant;
  imported: ProcessResult;
  exported: ProcessResult;
  export: () => Promise<ExportedTenant>;
  close(): Promise<void>;
}

/**
 * One engine run each, as a user would type them: `a0deploy import` of a built tenant into a local tenant
 * of its own, restricted to the types it has, then `a0deploy export` of the same types.
 */
export async function importThenExport(
  build: (dir: string, domain: string) => Promise<DeployableTenant>,
  types?: (built: DeployableTenant) => string[],
): Promise<RoundTrip> {
  const dir = await mkdtemp(path.join(tmpdir(), 'local-tenant-cli-'));
  const tenant: LocalTenant = await startLocalTenant({
    port: 0,
    stateFile: path.join(dir, 'state', 'state.json'),
  });
  const close = async () => {
    await tenant.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const built = await build(path.join(dir, 'deploy'), tenant.domain);
    const configFile = path.join(dir, 'config.json');
    const config = engineConfig(tenant, built.secrets, types?.(built));
    await writeFile(configFile, JSON.stringify(config), { mode: 0o600 });
    const a0deploy = path.join(repoRoot, 'node_modules/auth0-deploy-cli/lib/index.js');
    const imported = await runNode(
      [a0deploy, 'import', '--config_file', configFile, '--input_file', built.file],
      tenant,
    );
    const folder = path.join(dir, 'export');
    const exported = await runNode(
      [a0deploy, 'export', '--config_file', configFile, '--format', 'yaml', '--output_folder', folder],
      tenant,
    );
    return { built, imported, exported, export: () => readExport(folder), close };
  } catch (error) {
    await close();
    throw error;
  }
}

export function expectBothSucceeded(run: RoundTrip) {
  expect(run.imported.output).toContain('Import Successful');
  expect(run.imported.code).toBe(0);
  expect(run.exported.output).toContain('Export Successful');
  expect(run.exported.code).toBe(0);
}
