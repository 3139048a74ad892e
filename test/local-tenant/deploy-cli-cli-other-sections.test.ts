/**
 * deploy-cli's own command line with the sections our tenant does not use (a file of its own, so that it
 * runs beside deploy-cli-cli.test.ts: each is mostly deploy-cli's own pace of 8 calls a second).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { expectBothSucceeded, importThenExport } from './a0deploy-round-trip';
import { exportDifferences, repoRoot } from './engine';
import { OUR_TYPES, typesOf, writeBuiltTenant } from './our-tenant';

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
