import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { type LocalTenant, startLocalTenant } from '../../scripts/local-tenant';
import {
  type ExportedTenant,
  engineConfig,
  exportDifferences,
  type ProcessResult,
  readExport,
  repoRoot,
  runNode,
} from './engine';
import { type DeployableTenant, OUR_TYPES, typesOf, writeBuiltTenant, writeOurTenant } from './our-tenant';

interface RoundTrip {
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
async function importThenExport(
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

function expectBothSucceeded(run: RoundTrip) {
  expect(run.imported.output).toContain('Import Successful');
  expect(run.imported.code).toBe(0);
  expect(run.exported.output).toContain('Export Successful');
  expect(run.exported.code).toBe(0);
}

describe("deploy-cli's command line against the local tenant", () => {
  let run: RoundTrip;

  beforeAll(async () => {
    run = await importThenExport(writeOurTenant);
  }, 180_000);

  afterAll(() => run?.close());

  it('imports and exports successfully', () => {
    expectBothSucceeded(run);
  });

  it('exports what was imported, ids and secrets aside', async () => {
    const { built } = run;
    expect(await exportDifferences(path.dirname(built.file), built.document, await run.export())).toEqual([]);
  });
});

/**
 * The sections our tenant does not use, through the same commands: each fixture tenant
 * (test/fixtures/resources/) with a type our tenant.yaml lacks. deploy-cli reads their HTML pages and
 * email bodies from beside the file.
 */
const FIXTURES = readdirSync(path.join(repoRoot, 'test/fixtures/resources')).filter((fixture) => {
  const file = path.join(repoRoot, 'test/fixtures/resources', fixture, 'tenant.yaml');
  // A paid feature (entitlements.json) answers 403 on a tenant without it: fixtures.test.ts grants it there.
  if (existsSync(path.join(path.dirname(file), 'entitlements.json'))) return false;
  const sections = Object.keys(parse(readFileSync(file, 'utf8')) as Record<string, unknown>);
  return sections.some((section) => !OUR_TYPES.includes(section));
});

/**
 * Those fixture tenants as one: their sections are of different types, their keywords and secrets have
 * different names, and their files (pages/, forms/) different folders. One import and one export of it
 * take about as long as one of them would.
 */
function combinedFixtures(tenantDir: string): void {
  const sections: Record<string, unknown> = {};
  const keywords: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const fixture of FIXTURES) {
    const from = path.join(repoRoot, 'test/fixtures/resources', fixture);
    for (const [section, value] of Object.entries(
      parse(readFileSync(path.join(from, 'tenant.yaml'), 'utf8')),
    )) {
      sections[section] = combined(sections[section], value);
    }
    const environment = parse(readFileSync(path.join(from, 'environments/local.yaml'), 'utf8'));
    Object.assign(keywords, environment.keywords);
    Object.assign(secrets, environment.secrets);
    cpSync(from, tenantDir, { recursive: true, filter: (file) => !/\.yaml$/.test(file) });
  }
  mkdirSync(path.join(tenantDir, 'environments'), { recursive: true });
  writeFileSync(path.join(tenantDir, 'tenant.yaml'), stringify(sections));
  writeFileSync(
    path.join(tenantDir, 'environments/local.yaml'),
    stringify({ tier: 'local', description: 'The fixture tenants as one.', keywords, secrets }),
  );
}

/**
 * Two fixtures' sections of one type as one: lists joined (each fixture names its own items), settings and
 * trigger maps joined key by key (two fixtures' Actions bound to post-login both stay bound).
 */
function combined(left: unknown, right: unknown): unknown {
  if (Array.isArray(left) && Array.isArray(right)) return [...left, ...right];
  if (isObject(left) && isObject(right)) {
    const out: Record<string, unknown> = { ...left };
    for (const [key, value] of Object.entries(right)) {
      out[key] =
        Array.isArray(out[key]) && Array.isArray(value) ? [...(out[key] as unknown[]), ...value] : value;
    }
    return out;
  }
  return right;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

describe("deploy-cli's command line with the sections our tenant does not use", () => {
  it(`imports ${FIXTURES.join(', ')} as one tenant, then exports what was imported, ids and secrets aside`, async () => {
    const tenantDir = await mkdtemp(path.join(tmpdir(), 'fixtures-combined-'));
    try {
      combinedFixtures(tenantDir);
      const run = await importThenExport(
        (dir, domain) => writeBuiltTenant({ tenantDir, dir, domain }),
        (built) => typesOf(built.document),
      );
      try {
        expectBothSucceeded(run);
        const { built } = run;
        expect(await exportDifferences(path.dirname(built.file), built.document, await run.export())).toEqual(
          [],
        );
      } finally {
        await run.close();
      }
    } finally {
      await rm(tenantDir, { recursive: true, force: true });
    }
    // deploy-cli's own command line paces itself at 8 calls a second and compiles its whole schema: about
    // two minutes on an idle 2-core machine, well over three when the machine is shared.
  }, 360_000);
});
