import { describe, expect, it } from 'vitest';
import { fleetPlanSummary } from './summary';
import { fleetWaves } from './waves';

const waves = fleetWaves(
  [
    { env: 'dev', tier: 'development', wave: undefined },
    { env: 'eu', tier: 'production', wave: 1 },
    { env: 'us', tier: 'production', wave: 2 },
    { env: 'au', tier: 'production', wave: 2 },
  ],
  'all',
);

describe("the fleet's plan summary", () => {
  it("lists every tenant wave by wave with what its plan came to, then each tenant's plan", () => {
    const summary = fleetPlanSummary(waves, [
      {
        env: 'dev',
        exitCode: 2,
        markdown: '### Auth0 plan: `dev` (example-dev.eu.auth0.com)\n\n**1 to update**\n',
      },
      {
        env: 'eu',
        exitCode: 0,
        markdown: '### Auth0 plan: `eu` (example-eu.eu.auth0.com)\n\n**No changes.**\n',
      },
      { env: 'us', exitCode: 1, markdown: undefined },
    ]);

    expect(summary).toBe(
      [
        '### Auth0 plan for the fleet: 4 tenants, 1 with changes',
        '',
        '| Wave | Tenant | Plan |',
        '|---|---|---|',
        '| development | `dev` | **changes** |',
        '| production-1 | `eu` | no changes |',
        '| production-2 | `au` | skipped: no read-only credentials for this run |',
        '| production-2 | `us` | **plan failed** (exit 1) |',
        '',
        '### Auth0 plan: `dev` (example-dev.eu.auth0.com)',
        '',
        '**1 to update**',
        '',
        '### Auth0 plan: `eu` (example-eu.eu.auth0.com)',
        '',
        '**No changes.**',
        '',
      ].join('\n'),
    );
  });
});
