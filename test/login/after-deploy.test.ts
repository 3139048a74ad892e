import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployedTenant, deployOurTenant } from './deployed-tenant';

let deployed: DeployedTenant;

beforeAll(async () => {
  deployed = await deployOurTenant();
  console.log(`deploy: ${Math.round(deployed.deployMs)} ms`);
}, 120_000);

afterAll(async () => {
  await deployed?.close();
});

describe('logins through our tenant, deployed into a fresh local tenant', () => {
  it('has our clients', async () => {
    const spa = await deployed.client('Documents SPA');
    expect(spa.clientMetadata().client_id).toBeTruthy();
  });
});
