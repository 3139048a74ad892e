import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type RecordedCall,
  replayOnFreshTenant,
  summarize,
  type Verdict,
  withTenantsDir,
} from './conformance';
import { repoRoot } from './engine';

const recordings = path.resolve(repoRoot, '../shared/reference/auth0-deploy-cli/recordings');

describe.skipIf(!existsSync(recordings))('conformance with recorded Management API traffic', () => {
  it('answers the recorded calls for the types it serves with the recorded status codes and shapes', async () => {
    const verdicts: Verdict[] = [];
    await withTenantsDir(async (tenants) => {
      for (const file of readdirSync(recordings)
        .filter((name) => name.endsWith('.json'))
        .sort()) {
        const calls = JSON.parse(readFileSync(path.join(recordings, file), 'utf8')) as RecordedCall[];
        verdicts.push(...(await replayOnFreshTenant(tenants, calls)));
      }
    });
    const summary = summarize('deploy-cli', verdicts);
    console.log(summary.report);
    expect(verdicts.length).toBeGreaterThan(100);
    expect(summary.status).toBe(verdicts.length);
    expect(summary.shape).toBe(verdicts.length);
    // Measured 91%: what is left out is mostly clients' signing keys and read-only tenant flags.
    expect(summary.fields.present / summary.fields.recorded).toBeGreaterThan(0.88);
    // About 30 s of replay alone; twice that and more when the suite's other files share the machine.
  }, 240_000);
});
