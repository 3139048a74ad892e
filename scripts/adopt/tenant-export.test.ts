import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AdoptSourceError, readExportFolder } from './tenant-export';

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

/** An `a0deploy export --format yaml` folder: tenant.yaml and the files it names. */
async function exportFolder(tenantYaml: string, files: Record<string, string> = {}): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'a0deploy-export-'));
  folders.push(folder);
  await writeFile(path.join(folder, 'tenant.yaml'), tenantYaml);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(folder, name)), { recursive: true });
    await writeFile(path.join(folder, name), text);
  }
  return folder;
}

describe('an a0deploy export folder as a source (--from <env>=<folder>)', () => {
  it('is read whole, its domain taken from the Management API grant', async () => {
    const folder = await exportFolder(
      [
        'clientGrants:',
        '  - client_id: Backend',
        '    audience: https://example-dev.eu.auth0.com/api/v2/',
        '    scope: [read:users]',
        'pages:',
        '  - name: login',
        '    html: ./pages/login.html',
      ].join('\n'),
      { 'pages/login.html': '<html>login</html>' },
    );
    const source = readExportFolder(folder, 'dev');
    expect(source).toMatchObject({
      env: 'dev',
      domain: 'example-dev.eu.auth0.com',
      files: { 'pages/login.html': '<html>login</html>' },
      local: false,
    });
  });

  it('asks for the domain when nothing in it names one', async () => {
    const folder = await exportFolder('tenant:\n  friendly_name: Example\n');
    expect(() => readExportFolder(folder, 'prod')).toThrow(
      new AdoptSourceError(
        `nothing in ${path.join(folder, 'tenant.yaml')} names the prod tenant's domain: add it to the source, --from prod=${folder}@<domain>`,
      ),
    );
    expect(readExportFolder(folder, 'prod', { domain: 'https://Example.EU.auth0.com/' }).domain).toBe(
      'example.eu.auth0.com',
    );
  });

  it('refuses a folder without tenant.yaml, and a tenant.yaml that is not YAML, with where', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'a0deploy-export-'));
    folders.push(empty);
    expect(() => readExportFolder(empty, 'dev')).toThrow(
      /has no tenant\.yaml: give the folder `a0deploy export/,
    );
    const broken = await exportFolder('clients:\n  - name: [unclosed\n');
    expect(() => readExportFolder(broken, 'dev', { domain: 'x.auth0.com' })).toThrow(
      /tenant\.yaml:\d+:\d+: /,
    );
  });
});
