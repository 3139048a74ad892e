import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalTenant, startLocalTenant } from '../../scripts/local-tenant';
import { engineConfig, exportDifferences, type ProcessResult, readExport, repoRoot, runNode } from './engine';
import { type DeployableTenant, writeOurTenant } from './our-tenant';

// One engine run each: `a0deploy import` of our tenant, then `a0deploy export`, as a user would type them.
describe("deploy-cli's command line against the local tenant", () => {
  let dir: string;
  let tenant: LocalTenant;
  let ours: DeployableTenant;
  let imported: ProcessResult;
  let exported: ProcessResult;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'local-tenant-cli-'));
    tenant = await startLocalTenant({ port: 0, stateFile: path.join(dir, 'state', 'state.json') });
    ours = await writeOurTenant(path.join(dir, 'deploy'), tenant.domain);
    const configFile = path.join(dir, 'config.json');
    await writeFile(configFile, JSON.stringify(engineConfig(tenant, ours.secrets)), { mode: 0o600 });
    const a0deploy = path.join(repoRoot, 'node_modules/auth0-deploy-cli/lib/index.js');
    imported = await runNode(
      [a0deploy, 'import', '--config_file', configFile, '--input_file', ours.file],
      tenant,
    );
    exported = await runNode(
      [
        a0deploy,
        'export',
        '--config_file',
        configFile,
        '--format',
        'yaml',
        '--output_folder',
        path.join(dir, 'export'),
      ],
      tenant,
    );
  }, 180_000);

  afterAll(async () => {
    await tenant?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('imports and exports successfully', () => {
    expect(imported.output).toContain('Import Successful');
    expect(imported.code).toBe(0);
    expect(exported.output).toContain('Export Successful');
    expect(exported.code).toBe(0);
  });

  it('exports what was imported, ids and secrets aside', async () => {
    const document = await readExport(path.join(dir, 'export'));
    expect(await exportDifferences(path.dirname(ours.file), ours.document, document)).toEqual([]);
  });
});
