import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../user-error';
import { readFleet } from './read';
import { deployFleet } from './run';
import {
  type FleetEnvironment,
  fleetWaves,
  parseSelection,
  planMatrix,
  type TenantResult,
  waveOutputs,
  waveStatuses,
} from './waves';

/** A company with a development tenant, a canary, and regional production tenants. */
const COMPANY: FleetEnvironment[] = [
  { env: 'local', tier: 'local', wave: undefined },
  { env: 'dev', tier: 'development', wave: undefined },
  { env: 'staging', tier: 'development', wave: undefined },
  { env: 'us', tier: 'production', wave: 3 },
  { env: 'canary', tier: 'production', wave: undefined },
  { env: 'eu', tier: 'production', wave: 2 },
  { env: 'au', tier: 'production', wave: 2 },
];

const tenantsByWave = (selection: string) =>
  Object.fromEntries(fleetWaves(COMPANY, parseSelection(selection)).map((wave) => [wave.id, wave.tenants]));

describe('the waves of the fleet', () => {
  it('deploy every development tenant first, then production by the wave its file declares, never local', () => {
    expect(tenantsByWave('all')).toEqual({
      development: ['dev', 'staging'],
      'production-1': ['canary'],
      'production-2': ['au', 'eu'],
      'production-3': ['us'],
    });
  });

  it('are all there when a tier is selected, the others empty (their jobs are skipped)', () => {
    expect(tenantsByWave('development')).toEqual({
      development: ['dev', 'staging'],
      'production-1': [],
      'production-2': [],
      'production-3': [],
    });
    expect(tenantsByWave('production').development).toEqual([]);
  });

  it('hold one tenant, in its own wave, when one is selected by name', () => {
    expect(tenantsByWave('eu')).toEqual({
      development: [],
      'production-1': [],
      'production-2': ['eu'],
      'production-3': [],
    });
  });

  it('refuse a tenant that is not there, or one the fleet never deploys, naming those it does', () => {
    expect(() => tenantsByWave('asia')).toThrow(UserError);
    expect(() => tenantsByWave('asia')).toThrow(
      /no environment "asia".*one of: au, canary, dev, eu, staging, us/,
    );
    expect(() => tenantsByWave('local')).toThrow(/"local" is not deployed by the fleet/);
  });

  it("are each one JSON list, the matrix of that wave's job in deploy.yml", () => {
    expect(waveOutputs(fleetWaves(COMPANY, 'production'))).toEqual({
      development: '[]',
      'production-1': '["canary"]',
      'production-2': '["au","eu"]',
      'production-3': '["us"]',
    });
  });
});

describe("a pull request's plans", () => {
  it("cover every tenant, wave by wave, each with the prefix of its repository's read-only secrets", () => {
    expect(
      JSON.parse(
        planMatrix(fleetWaves([...COMPANY, { env: 'eu-west', tier: 'production', wave: 1 }], 'all')),
      ),
    ).toEqual([
      { env: 'dev', credentials: 'DEV_READONLY' },
      { env: 'staging', credentials: 'STAGING_READONLY' },
      { env: 'canary', credentials: 'CANARY_READONLY' },
      { env: 'eu-west', credentials: 'EU_WEST_READONLY' },
      { env: 'au', credentials: 'AU_READONLY' },
      { env: 'eu', credentials: 'EU_READONLY' },
      { env: 'us', credentials: 'US_READONLY' },
    ]);
  });
});

describe('a failed wave', () => {
  const waves = fleetWaves(COMPANY, 'all');

  it('stops every wave after it, while its own tenants finish', () => {
    const results: Record<string, TenantResult> = {
      dev: 'deployed',
      staging: 'deployed',
      canary: 'deployed',
      au: 'failed',
      eu: 'deployed',
    };
    expect(waveStatuses(waves, results)).toEqual([
      { id: 'development', status: 'deployed' },
      { id: 'production-1', status: 'deployed' },
      { id: 'production-2', status: 'failed' },
      { id: 'production-3', status: 'stopped' },
    ]);
  });

  it('is not needed for a wave to be skipped: an empty wave lets the next one go', () => {
    const statuses = waveStatuses(fleetWaves(COMPANY, parseSelection('us')), { us: 'deployed' });
    expect(statuses.map((wave) => wave.status)).toEqual(['empty', 'empty', 'empty', 'deployed']);
  });

  it('stops the deploy of the fleet too: no tenant of a later wave is deployed', async () => {
    const deployed: string[] = [];
    const { results, statuses } = await deployFleet(
      waves,
      async (env) => {
        deployed.push(env);
        return env === 'canary' ? 'failed' : 'deployed';
      },
      { maxParallel: 2 },
    );
    expect(deployed.sort()).toEqual(['canary', 'dev', 'staging']);
    expect(results).toEqual({ dev: 'deployed', staging: 'deployed', canary: 'failed' });
    expect(statuses.map((wave) => wave.status)).toEqual(['deployed', 'failed', 'stopped', 'stopped']);
  });

  it('is what a deploy that throws makes too', async () => {
    const { statuses } = await deployFleet(
      fleetWaves(COMPANY, 'development'),
      async (env) => {
        if (env === 'dev') throw new Error('connection reset');
        return 'deployed';
      },
      { maxParallel: 1 },
    );
    expect(statuses[0]).toEqual({ id: 'development', status: 'failed' });
  });
});

describe('the environment files of the fleet', () => {
  let dir: string;
  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function filesOf(files: Record<string, string>): Promise<string> {
    dir = await mkdtemp(path.join(tmpdir(), 'fleet-'));
    await mkdir(path.join(dir, 'environments'));
    for (const [name, text] of Object.entries(files))
      await writeFile(path.join(dir, 'environments', name), text);
    return dir;
  }

  it('give each tenant its tier and wave', async () => {
    const { environments, problems } = await readFleet(
      await filesOf({ 'eu.yaml': 'tier: production\nwave: 2\n', 'dev.yaml': 'tier: development\n' }),
    );
    expect(problems).toEqual([]);
    expect(environments).toEqual([
      { env: 'dev', tier: 'development', wave: undefined },
      { env: 'eu', tier: 'production', wave: 2 },
    ]);
  });

  it('refuse a wave outside production, or beyond the waves deploy.yml has, at its line and column', async () => {
    const { problems } = await readFleet(
      await filesOf({
        'dev.yaml': '# the shared one\ntier: development\nwave: 1\n',
        'eu.yaml': 'tier: production\nwave: 4\n',
        'us.yaml': 'tier: production\nwave: first\n',
      }),
    );
    expect(
      problems.map(
        (problem) =>
          `${path.basename(problem.file)}:${problem.line}:${problem.column} ${problem.rule} ${problem.hint}`,
      ),
    ).toEqual([
      'dev.yaml:3:7 fleet/wave-not-production remove "wave:": development tenants all deploy first, before every production wave',
      'eu.yaml:2:7 schema/value write a whole number from 1 to 3',
      'us.yaml:2:7 schema/type write the number without quotes',
    ]);
  });
});
