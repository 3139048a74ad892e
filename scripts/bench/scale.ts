/**
 * The check on large generated tenants (issue 15, "Scale of one tenant"): the issue's tenant (3,000
 * clients, 500 connections, 200 APIs, 1,000 organizations) and 10,000 clients, each read from its YAML
 * files and checked as `npm run check` does, and the same 10,000 clients through deploy-cli's own schema
 * validation (what `a0deploy import` runs on a loaded tenant: a new ajv, its whole schema compiled and
 * applied). Beside each read, the same tenant.yaml through `yaml` alone, the reader before the quick one
 * (yaml-common.ts). Wall time and CPU time: on a busy machine the CPU time is the steadier figure.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Ajv, schema } from '../engine/engine-modules';
import { checkTenant } from '../tenant/check';
import { loadTenant } from '../tenant/load';
import { resolveKeywords } from '../tenant/resolve';
import { parseWithYaml } from '../tenant/yaml-file';
import {
  DEFAULT_SIZE,
  describeSize,
  TEN_THOUSAND_CLIENTS,
  type TenantSize,
  writeGeneratedTenant,
} from './generated-tenant';
import { formatMs, printSection } from './measure';

interface Measured {
  wallMs: number;
  cpuMs: number;
}

async function measure<T>(task: () => T | Promise<T>): Promise<Measured & { value: T }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await task();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { value, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

const show = (m: Measured) => `${formatMs(m.wallMs)} wall, ${formatMs(m.cpuMs)} CPU`;

interface Checked {
  load: Measured;
  /** The same tenant.yaml read by `yaml` alone, the reader every file went through before yaml-common.ts. */
  fullReader: Measured;
  check: Measured;
  problems: number;
  resolvedTenant: Record<string, unknown>;
}

async function checkGenerated(size: TenantSize): Promise<Checked> {
  const folder = await writeGeneratedTenant(size);
  try {
    const load = await measure(() => loadTenant({ dir: folder.dir, env: 'local' }));
    const check = await measure(() => checkTenant(load.value));
    const text = await readFile(path.join(folder.dir, 'tenant.yaml'), 'utf8');
    const fullReader = await measure(() => parseWithYaml(text, 'tenant.yaml'));
    const errors = check.value.filter((problem) => problem.severity === 'error');
    if (errors.length > 0) {
      throw new Error(`the generated tenant (${describeSize(size)}) fails our check: ${errors[0]?.message}`);
    }
    return {
      load,
      fullReader,
      check,
      problems: check.value.length,
      resolvedTenant: resolveKeywords(load.value).tenant,
    };
  } finally {
    await folder.remove();
  }
}

/** deploy-cli's `validate()` (lib/tools/auth0/index.js): a new ajv per call, its whole schema, the assets. */
function deployCliValidate(assets: Record<string, unknown>): void {
  const ajv = new Ajv({ useDefaults: true, nullable: true });
  if (!ajv.validate(schema, assets)) {
    throw new Error(`deploy-cli's schema refused the generated tenant: ${JSON.stringify(ajv.errors)}`);
  }
}

export async function bench(): Promise<void> {
  // The first check in a process also pays for what is done once (the schema validators): as a CLI does.
  const issueTenant = await checkGenerated(DEFAULT_SIZE);
  const tenThousand = await checkGenerated(TEN_THOUSAND_CLIENTS);
  // deploy-cli's validation mutates (useDefaults): give it its own copy.
  const assets = structuredClone(tenThousand.resolvedTenant);
  const deployCli = await measure(() => deployCliValidate(assets));
  const oursTotal = (c: Checked) => ({
    wallMs: c.load.wallMs + c.check.wallMs,
    cpuMs: c.load.cpuMs + c.check.cpuMs,
  });
  const ratio = (a: number, b: number) => `${(a / b).toFixed(0)}x`;
  printSection('check of large generated tenants (aim: under 1 s; deploy-cli at least 100x slower)', [
    [`read (YAML, environment), ${describeSize(DEFAULT_SIZE)}`, show(issueTenant.load)],
    ['tenant.yaml alone by `yaml`, for comparison', show(issueTenant.fullReader)],
    ['check, same tenant', show(issueTenant.check)],
    ['read + check, same tenant', show(oursTotal(issueTenant))],
    [`read, ${describeSize(TEN_THOUSAND_CLIENTS)}`, show(tenThousand.load)],
    ['tenant.yaml alone by `yaml`, for comparison', show(tenThousand.fullReader)],
    ['check, same tenant', show(tenThousand.check)],
    ['read + check, same tenant', show(oursTotal(tenThousand))],
    ["deploy-cli's schema validation, same input", show(deployCli)],
    [
      'deploy-cli validation / our check (10,000 clients)',
      `${ratio(deployCli.wallMs, tenThousand.check.wallMs)} wall, ${ratio(deployCli.cpuMs, tenThousand.check.cpuMs)} CPU`,
    ],
    [
      'deploy-cli validation / our read + check',
      `${ratio(deployCli.wallMs, oursTotal(tenThousand).wallMs)} wall, ${ratio(deployCli.cpuMs, oursTotal(tenThousand).cpuMs)} CPU`,
    ],
  ]);
}
