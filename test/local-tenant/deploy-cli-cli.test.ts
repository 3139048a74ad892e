/** deploy-cli's own command line, `a0deploy import` then `export`, with our tenant's build. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBothSucceeded, importThenExport, type RoundTrip } from './a0deploy-round-trip';
import { exportDifferences } from './engine';
import { writeOurTenant } from './our-tenant';

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
