import { describe, expect, it } from 'vitest';
import { checkTenant } from '../tenant/check';
import { loadTenant } from '../tenant/load';
import { generateTenant, writeGeneratedTenant } from './generated-tenant';

describe('a generated large tenant', () => {
  it('passes our check, every kind of item included, and is the same for the same size', async () => {
    const size = { clients: 12, connections: 4, apis: 3, organizations: 5 };
    const folder = await writeGeneratedTenant(size);
    try {
      const problems = checkTenant(await loadTenant({ dir: folder.dir, env: 'local' }));
      expect(problems).toEqual([]);
    } finally {
      await folder.remove();
    }
    const { tenant } = generateTenant(size);
    expect(tenant.clients).toHaveLength(12);
    expect(tenant.clientGrants).toHaveLength(4);
    expect(tenant.connections).toHaveLength(4);
    expect(tenant.resourceServers).toHaveLength(3);
    expect(tenant.organizations).toHaveLength(5);
    expect(generateTenant(size)).toEqual(generateTenant(size));
  });
});
